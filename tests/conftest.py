"""Shared fixtures. Tests that need ../shared skip when it is absent, and fail (never skip) when
CI=true, so that CI always runs them.

Tests marked ``slow`` (long evaluations on the dev sets, many-process and fuzzing runs) run when
CI=true, with ``--slow``, or with CONSILIENCE_SLOW=1; a plain local run reports them as skipped,
so that the suite stays quick enough to run after every change. Expensive analyses are session
fixtures here, shared by every test that reads them: never mutate one (copy it first)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
DEV = CORPUS / "dev"
EXAMPLES = ROOT / "examples"


def need_shared(path: Path = CORPUS) -> Path:
    """Return ``path`` under ../shared, skipping the test when it is absent (failing under CI)."""
    if not path.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{path} is missing, and CI=true requires it")
        pytest.skip(f"{path} is not available")
    return path


def _run_slow(config) -> bool:
    return (config.getoption("--slow") or os.environ.get("CI", "").lower() == "true"
            or os.environ.get("CONSILIENCE_SLOW", "") not in ("", "0"))


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (CI=true always does)")


def pytest_collection_modifyitems(config, items):
    if _run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI (CI=true), or locally with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_shared(SEEDS)


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return need_shared(DEV)


@pytest.fixture(scope="session")
def seeds_analysis(seeds_dir):
    """The analysis of the two seed reports, computed once per test session."""
    from consilience import analyze

    return analyze([seeds_dir])


@pytest.fixture(scope="session")
def dev_clustering_analysis(dev_dir):
    """The analysis of every dev clustering article (news_cluster and basil), computed once per
    test session (about two minutes): share it rather than analysing the set again."""
    from consilience import analyze

    return analyze(sorted((dev_dir / "clustering").glob("*/articles")))


@pytest.fixture(scope="session")
def examples_analysis():
    """The shipped examples analysed once per session, in this process, without a store."""
    from consilience import analyze

    return analyze([EXAMPLES / "articles"], workers=1)


@pytest.fixture(scope="session")
def invented_analysis(tmp_path_factory):
    """The two invented reports of ``report_support`` analysed once per session, with the
    small test gazetteer's places added."""
    from consilience import analyze
    from report_support import add_places, write_story

    return add_places(analyze([write_story(tmp_path_factory.mktemp("story"))]))
