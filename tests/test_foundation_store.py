"""The embedded SQLite store: migrations, upserts, caching of unchanged articles."""

from __future__ import annotations

import sqlite3

from consilience.errors import ConsilienceError
from consilience.model import Article, Rejection, RunInfo, Story
from consilience.store import Store
from consilience.store.sqlite import MIGRATIONS


def _art(i: str, text: str) -> Article:
    return Article(id=i, input_text=text, text=text)


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    Store(db).close()
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_upsert_replaces_and_cache_tracks_input(tmp_path):
    with Store(tmp_path / "s.db") as st:
        st.put_articles([_art("a", "one"), _art("b", "two")], "p1")
        st.put_articles([_art("a", "one, revised")], "p1")
        assert st.count("articles") == 2
        assert st.get_article("a").text == "one, revised"
        assert st.cached_article(_art("a", "one, revised"), "p1") is not None
        assert st.cached_article(_art("a", "one"), "p1") is None  # input changed
        assert st.cached_article(_art("a", "one, revised"), "p2") is None  # pipeline changed


def test_story_membership_moves_with_article(tmp_path):
    with Store(tmp_path / "s.db") as st:
        st.put_stories([Story(id="s1", title="t", articles=["a", "b"])])
        st.put_stories([Story(id="s2", title="u", articles=["b"])])
        rows = st.conn.execute("SELECT story_id, article_id FROM story_articles ORDER BY 2").fetchall()
        assert [tuple(r) for r in rows] == [("s1", "a"), ("s2", "b")]


def test_readers_see_committed_data_while_a_writer_is_open(tmp_path):
    from datetime import datetime, timezone

    db = tmp_path / "s.db"
    with Store(db) as writer:
        writer.put_articles([_art("a", "x")], "p")
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM articles")
        reader = Store(db)
        assert reader.count("articles") == 1  # WAL: the reader sees the last commit
        writer.conn.execute("ROLLBACK")
        run = RunInfo(version="t", started=datetime.now(timezone.utc))
        writer.record_run(run, [Rejection(input="x.txt", stage="read", reason="empty")])
        assert [r.reason for r in reader.rejections()] == ["empty"]
        reader.close()


def test_stage_warnings_keep_their_kind(tmp_path):
    from datetime import datetime, timezone

    with Store(tmp_path / "s.db") as st:
        run = RunInfo(version="t", started=datetime.now(timezone.utc))
        st.record_run(run, [Rejection(input="x.txt", stage="read", reason="empty"),
                            Rejection(input="y.txt", article="y", stage="times",
                                      reason="stage-failed", kind="stage-warning")])
        assert [(r.input, r.kind) for r in st.rejections()] == [
            ("x.txt", "rejected"), ("y.txt", "stage-warning")]


def test_a_story_the_index_has_moved_on_from_is_not_written(tmp_path):
    with Store(tmp_path / "s.db") as st:
        # The index (as another run left it) holds story s1 with a and b.
        st.conn.executemany(
            "INSERT INTO story_state (article_id, story_id, component, text_hash, entities,"
            " vector) VALUES (?, 's1', 'c', 'h', '[]', x'')", [("a",), ("b",)])
        assert st.put_stories([Story(id="s1", title="old", articles=["a"])]) == 0
        assert st.get_story("s1") is None
        assert st.put_stories([Story(id="s1", title="new", articles=["a", "b"])]) == 1
        assert st.get_story("s1").title == "new"


def test_nested_transactions_join_the_outer_one(tmp_path):
    with Store(tmp_path / "s.db") as st:
        try:
            with st.transaction():
                st.put_articles([_art("a", "x")], "p")
                raise RuntimeError("undo")
        except RuntimeError:
            pass
        assert st.count("articles") == 0


def _open_store_at_barrier(path, barrier):
    barrier.wait()
    try:
        Store(path).close()
        return "ok"
    except ConsilienceError as exc:
        return str(exc)


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    """Eight processes opening the same new database at the same moment: each migration is
    applied once and none of them fails on the journal-mode switch or a half-made schema."""
    import multiprocessing as mp
    ctx = mp.get_context("spawn")
    results = []
    with ctx.Manager() as manager, ctx.Pool(8) as pool:
        for round_ in range(4):
            path = str(tmp_path / f"new{round_}.db")
            barrier = manager.Barrier(8)
            results += pool.starmap(_open_store_at_barrier, [(path, barrier)] * 8)
            names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations")]
            assert len(names) == len(set(names)) == len(MIGRATIONS)
    assert results == ["ok"] * 32
