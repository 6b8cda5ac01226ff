"""The runner and the store: concurrent runs on one store, a killed run, reruns that cost what
changed, workers, and paths checked before work starts."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from consilience.api import analyze, default_pipeline
from consilience.cli import cli
from consilience.stories.state import StoryClusterer
from conftest import EXAMPLES

ARTICLES = EXAMPLES / "articles"


def _memberships(db: Path) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[str]]]:
    """(story id -> members in the stories table's JSON, article -> story in story_articles,
    story id -> members in the story index)."""
    con = sqlite3.connect(db)
    try:
        stories = {sid: sorted(json.loads(data)["articles"])
                   for sid, data in con.execute("SELECT id, data FROM stories")}
        links = con.execute("SELECT article_id, story_id FROM story_articles").fetchall()
        index: dict[str, list[str]] = {}
        for aid, sid in con.execute("SELECT article_id, story_id FROM story_state"):
            index.setdefault(sid, []).append(aid)
    finally:
        con.close()
    by_article = dict(links)
    assert len(by_article) == len(links), "an article is in more than one story"
    return stories, by_article, {k: sorted(v) for k, v in index.items()}


def _assert_consistent(db: Path, article_ids: set[str]) -> dict[str, list[str]]:
    stories, by_article, index = _memberships(db)
    assert set(by_article) == article_ids  # every article in exactly one story
    assert stories == index  # what is stored is what the story index holds
    for aid, sid in by_article.items():
        assert aid in stories[sid]
    return stories


def _partition(groups) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


@pytest.fixture(scope="module")
def examples_batch(examples_analysis):
    """The examples analysed in one run, in this process, without a store."""
    return examples_analysis


@pytest.mark.slow
def test_five_runs_at_once_on_one_store(tmp_path, examples_batch):
    db = tmp_path / "shared.db"
    files = sorted(ARTICLES.iterdir())
    assert len(files) == 5
    procs = [subprocess.Popen([sys.executable, "-m", "consilience", "analyze", str(f),
                               "--db", str(db), "--workers", "1", "--out", os.devnull],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in files]
    for p in procs:
        _, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
    stories = _assert_consistent(db, {a.id for a in examples_batch.articles})
    # Clustering does not depend on the order articles arrive in: the same stories as one run.
    assert _partition(stories.values()) == _partition(s.articles for s in examples_batch.stories)


HOLDING_RUN = """
import os, sys, time
from pathlib import Path
from consilience.api import default_pipeline
from consilience.ingest import read_inputs
from consilience.pipeline import article_stage
from consilience.runners.local import LocalRunner
from consilience.store import Store

log, hold_on = Path(sys.argv[3]), sys.argv[4]

@article_stage("hold", needs={"text"})
def hold(article):
    with log.open("a") as f:
        f.write(article.id + "\\n")
    if hold_on and article.id == hold_on:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # held here until killed
            time.sleep(0.2)
    return article

p = default_pipeline()
p.article_stages = [*p.article_stages, hold]
with Store(sys.argv[2]) as store:
    LocalRunner(p, store=store, workers=1, commit_every=1).run(read_inputs([sys.argv[1]]))
"""


@pytest.mark.slow
def test_a_killed_run_keeps_its_work_and_a_rerun_goes_on(tmp_path, examples_batch):
    db, log = tmp_path / "k.db", tmp_path / "ran.txt"
    order = [a.id for a in examples_batch.articles]
    script = tmp_path / "hold.py"
    script.write_text(HOLDING_RUN, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(ARTICLES), str(db), str(log),
                             order[3]], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 600
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    con = sqlite3.connect(db, timeout=5)
                    stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    con.close()
                except sqlite3.OperationalError:
                    stored = 0
            if stored >= 3:
                break
            time.sleep(0.2)
        assert proc.poll() is None and stored >= 3, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    kept = {r[0] for r in con.execute("SELECT id FROM articles")}
    con.close()
    assert kept == set(order[:3])  # committed one by one; the held article was not
    log.write_text("", encoding="utf-8")
    rerun = subprocess.run([sys.executable, str(script), str(ARTICLES), str(db), str(log), ""],
                           capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    # Only what the killed run had not stored went through the article stages again.
    assert sorted(log.read_text(encoding="utf-8").split()) == sorted(order[3:])
    stories = _assert_consistent(db, set(order))
    assert _partition(stories.values()) == _partition(s.articles for s in examples_batch.stories)


class _Phases:
    """A phase-aware progress: (phase, total, steps seen) per phase."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int | None, int]] = []

    def phase(self, name: str, total: int | None) -> None:
        self.seen.append((name, total, 0))

    def __call__(self, item) -> None:
        name, total, n = self.seen[-1]
        self.seen[-1] = (name, total, n + 1)


def _counting(stage, calls: list[str]):
    fn = stage.fn

    def counted(*args):
        calls.append(stage.name)
        return fn(*args)

    return dataclasses.replace(stage, fn=counted)


@pytest.mark.slow
def test_a_rerun_skips_unchanged_articles_and_stories(tmp_path):
    calls: list[str] = []
    pipeline = default_pipeline()
    pipeline.article_stages = [_counting(s, calls) for s in pipeline.article_stages]
    pipeline.story_stages = [_counting(s, calls) for s in pipeline.story_stages]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in ARTICLES.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "r.db"
    progress = _Phases()
    first = analyze([folder], db=db, pipeline=pipeline, workers=1, progress=progress)
    assert calls.count("clean") == 5 and calls.count("judge") == len(first.stories) == 2
    # Every phase is announced with its total, and reaches it.
    assert progress.seen == [("read", None, 5), ("articles", 5, 5), ("corpus", 1, 1),
                             ("cluster", 1, 1), ("dating", 2, 2), ("stories", 2, 2)]
    calls.clear()
    again = analyze([folder], db=db, pipeline=pipeline, workers=1)
    assert calls == []  # nothing changed: no article stage and no story stage ran
    assert again.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})
    # One article changes: it alone is analysed again, and only its story is judged again.
    changed = folder / "danube-herald.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe port reopened on Friday.\n",
                       encoding="utf-8")
    calls.clear()
    third = analyze([folder], db=db, pipeline=pipeline, workers=1)
    assert calls.count("clean") == 1 and calls.count("judge") == 1
    _assert_consistent(db, {a.id for a in third.articles})


@pytest.mark.slow
def test_workers_give_the_same_analysis_as_one_process(examples_batch):
    parallel = analyze([ARTICLES], workers=2)
    assert parallel.model_dump(exclude={"run"}) == examples_batch.model_dump(exclude={"run"})
    assert parallel.run.settings["workers"] == 2


@pytest.mark.parametrize("option", ["--out", "--db"])
def test_unwritable_paths_are_refused_before_work(tmp_path, option):
    target = tmp_path / "missing" / "x.out"
    other = ["--db", str(tmp_path / "ok.db")] if option == "--out" else ["--out", os.devnull]
    result = CliRunner().invoke(cli, ["analyze", str(ARTICLES), option, str(target), *other])
    assert result.exit_code == 2
    assert f"{option} {target}: folder {target.parent} does not exist" in result.output
    assert list(tmp_path.iterdir()) == []  # refused before anything was read or stored


class _RecordingClusterer(StoryClusterer):
    """The story clusterer, recording the vectors workers hand it. A module-level class, so that
    the pipeline can be sent to workers started without fork (when other tests left threads
    running in this process, fork is not safe and the runner starts workers afresh)."""

    def __init__(self) -> None:
        self.received: list = []

    def accept(self, prepared):
        self.received.extend(prepared)
        super().accept(prepared)


@pytest.mark.slow
def test_workers_make_the_article_vectors_clustering_uses(examples_batch):
    """With workers, each article's story vector is made in the worker that ran its article
    stages and handed to the clusterer; it is the vector clustering would make itself."""
    import numpy as np

    from consilience.ingest import read_inputs
    from consilience.model import Article
    from consilience.runners import LocalRunner
    from consilience.stories import features

    recording = _RecordingClusterer()
    received = recording.received
    pipeline = dataclasses.replace(default_pipeline(), clusterer=recording)
    features._VECTOR_CACHE.clear()
    runner = LocalRunner(pipeline, workers=2)
    analysis = runner.run(read_inputs([str(ARTICLES)]))
    assert analysis.model_dump(exclude={"run"}) == examples_batch.model_dump(exclude={"run"})
    arts = [a for a in analysis.articles if isinstance(a, Article)]
    assert sorted(k for k, _ in received) == sorted(features.text_hash(a) for a in arts)
    features._VECTOR_CACHE.clear()
    here = dict(zip([features.text_hash(a) for a in arts], features.article_vectors(arts)))
    for key, vec in received:
        assert np.array_equal(vec, here[key])


class _ReopeningClusterer(StoryClusterer):
    """The story clusterer, also handing back every stored story it did not touch, as an
    update does when one component holds most of the store (a dense feed)."""

    def update(self, articles, store):
        touched = super().update(articles, store)
        ids = {s.id for s in touched}
        return touched + [s for s in store.stories() if s.id not in ids]


def test_a_run_judges_and_returns_only_the_stories_it_changed(tmp_path):
    """A story re-opened without a new article and with the members it had is kept as stored:
    not read back, not judged again, not among the run's stories."""
    from consilience.ingest import read_inputs
    from consilience.runners import LocalRunner
    from consilience.store import Store

    db = tmp_path / "s.db"
    pipeline = dataclasses.replace(default_pipeline(), clusterer=_ReopeningClusterer())
    arts = sorted(p for p in ARTICLES.iterdir() if p.is_file())
    late = next(p for p in arts if p.name.startswith("danube-herald"))
    with Store(db) as store:
        first = LocalRunner(pipeline, store=store, workers=1).run(
            read_inputs([str(p) for p in arts if p != late]))
        second = LocalRunner(pipeline, store=store, workers=1).run(read_inputs([str(late)]))
        kept = {s.id: s for s in store.stories()}
    assert len(first.stories) >= 2
    assert second.stories and all(late.stem in s.articles for s in second.stories)
    for s in first.stories:  # the stories the late article did not join, as they were
        if late.stem not in kept[s.id].articles:
            assert kept[s.id].model_dump() == s.model_dump()


def test_a_story_dated_article_gives_the_same_analysis_on_a_rerun(tmp_path):
    """An undated report gets its date from its story after clustering; the rerun over the same
    store reads it back dated, and must still order and cluster the story as the first run did
    (and as a run without a store does)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in ARTICLES.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "aaa-harbour-notes.txt").write_text(
        "Grain terminal fire in Constanta kills four workers\n\n"
        "A fire that swept through a grain terminal in the Romanian port of Constanta on Tuesday "
        "killed four workers and injured 23 people, emergency officials said.\n"
        "Portgrain SA, which operates the terminal, said a dust explosion in a conveyor belt "
        "caused the fire. The dock workers' union said safety checks had been skipped.\n",
        encoding="utf-8")
    db = tmp_path / "r.db"
    first = analyze([folder], db=db, workers=1)
    undated = first.article("aaa-harbour-notes")
    assert undated.published_inferred
    again = analyze([folder], db=db, workers=1)
    alone = analyze([folder], workers=1)
    assert [s.articles for s in again.stories] == [s.articles for s in first.stories]
    assert again.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})
    assert alone.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})
