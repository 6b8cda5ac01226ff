"""Shared fixtures. Tests that need ../shared skip when it is absent, and fail (never skip) when
CI=true, so that CI always runs them."""

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
