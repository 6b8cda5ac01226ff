"""The embedded store: SQLite in WAL mode (many readers while one writer works).

Rows are plain dicts at this boundary; models are stored as their JSON. Schema changes are named
migrations applied in order and recorded in ``migrations``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import ConsilienceError
from ..model import Article, Rejection, RunInfo, Story

DEFAULT_DB = "consilience.db"
#: How long a writer waits for another process's write transaction before giving up (seconds).
BUSY_TIMEOUT_S = 300

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            input_hash TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            source TEXT,
            outlet TEXT,
            published TEXT,
            data TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            data TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs(id),
            input TEXT NOT NULL,
            article TEXT,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT
        );
    """),
    # Incremental story clustering (consilience.stories.state): per article, what the clusterer
    # compared (vector, entity keys, day), its candidate-graph component and its story.
    ("0002_story_state", """
        CREATE TABLE story_state (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL,
            component TEXT NOT NULL,
            day INTEGER,
            copy_of TEXT,
            text_hash TEXT NOT NULL,
            title TEXT,
            entities TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE INDEX story_state_day ON story_state(day, article_id);
        CREATE INDEX story_state_component ON story_state(component);
        CREATE INDEX story_state_story ON story_state(story_id);
    """),
    # A stage that failed on an article or story is recorded beside real rejections.
    ("0003_rejection_kind", """
        ALTER TABLE rejections ADD COLUMN kind TEXT NOT NULL DEFAULT 'rejected';
    """),
    # The key places the story clusterer compares (name key, lat, lon of the towns in a lead).
    ("0004_story_state_places", """
        ALTER TABLE story_state ADD COLUMN places TEXT NOT NULL DEFAULT '[]';
    """),
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def input_hash(article: Article) -> str:
    """Identity of an article's input: its text and the metadata it was read with (a date
    inferred from its story is not part of what was read)."""
    h = hashlib.sha256()
    published = "" if article.published_inferred else str(article.published or "")
    for part in (article.input_text, article.title or "", article.outlet or "", article.url or "",
                 published):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _valid_json(row: sqlite3.Row | None, kind: str, ident: str, path: str) -> str | None:
    """The JSON of a (data, json_valid(data)) row, or None for no row; a damaged row is an error
    rather than JSON that does not parse."""
    if row is None:
        return None
    if not row[1]:
        raise ConsilienceError(f"the stored {kind} '{ident}' is damaged (not JSON)", input=path,
                               reason="database")
    return row[0]


class Store:
    """An embedded SQLite database of articles, stories, runs and rejections."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            self._set_wal()
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise ConsilienceError(f"cannot open database ({exc})", input=self.path,
                                   reason="database") from None

    def _set_wal(self) -> None:
        """Switch to write-ahead logging. Changing the journal mode does not wait on SQLite's busy
        handler, so a process opening a new database while others do the same retries here."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock is taken at the start, so
        what is read inside is what is written against). Nested uses join the outer one."""
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ConsilienceError(
                f"the store is busy: another process held its write lock for more than "
                f"{BUSY_TIMEOUT_S} s ({exc})", input=self.path, reason="database") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        """Apply the migrations not yet recorded. Which ones are done is read inside the write
        transaction, so processes opening a new database at once apply each migration once; a
        database already up to date is opened without taking the write lock."""
        try:
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        except sqlite3.OperationalError:
            done = set()
        if all(name in done for name, _ in MIGRATIONS):
            return
        with self.transaction() as c:
            c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT)")
            done = {r[0] for r in c.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for stmt in sql.split(";"):
                    if stmt.strip():
                        c.execute(stmt)
                c.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    # articles -----------------------------------------------------------------------------
    def cached_article(self, article: Article, pipeline: str) -> Article | None:
        """The stored analysis of this exact input by this pipeline, if there is one."""
        row = self.conn.execute("SELECT input_hash, pipeline, data FROM articles WHERE id = ?",
                                (article.id,)).fetchone()
        if row and row["input_hash"] == input_hash(article) and row["pipeline"] == pipeline:
            return Article.model_validate_json(row["data"])
        return None

    def put_articles(self, articles: Iterable[Article], pipeline: str) -> int:
        n = 0
        with self.transaction() as c:
            for a in articles:
                c.execute(
                    "INSERT INTO articles (id, input_hash, pipeline, source, outlet, published, data, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " input_hash=excluded.input_hash, pipeline=excluded.pipeline, source=excluded.source,"
                    " outlet=excluded.outlet, published=excluded.published, data=excluded.data,"
                    " updated=excluded.updated",
                    (a.id, input_hash(a), pipeline, a.source, a.outlet,
                     a.published.isoformat() if a.published else None, a.model_dump_json(), _now()))
                n += 1
        return n

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.model_validate_json(row["data"]) if row else None

    def articles(self) -> list[Article]:
        return [Article.model_validate_json(r["data"]) for r in
                self.conn.execute("SELECT data FROM articles ORDER BY published, id")]

    def count(self, table: str) -> int:
        if table not in {"articles", "stories", "runs", "rejections", "story_articles"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    # stories ------------------------------------------------------------------------------
    def put_stories(self, stories: Iterable[Story]) -> int:
        """Store stories; an article belongs to one story, so its old membership is replaced.

        A story whose membership the story index (``story_state``) no longer holds is not
        written: another run has changed it since, and that run writes it. Returns how many
        stories were written."""
        n = 0
        with self.transaction() as c:
            for s in stories:
                if self._stale(s):
                    continue
                n += 1
                c.executemany("DELETE FROM story_articles WHERE article_id = ?",
                              [(a,) for a in s.articles])
                c.execute("INSERT INTO stories (id, title, data, updated) VALUES (?, ?, ?, ?)"
                          " ON CONFLICT(id) DO UPDATE SET title=excluded.title, data=excluded.data,"
                          " updated=excluded.updated", (s.id, s.title, s.model_dump_json(), _now()))
                c.executemany("INSERT OR IGNORE INTO story_articles VALUES (?, ?)",
                              [(s.id, a) for a in s.articles])
            c.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        return n

    def _stale(self, story: Story) -> bool:
        if not story.articles:
            return True
        marks = ",".join("?" * len(story.articles))
        indexed = {r[0]: r[1] for r in self.conn.execute(
            f"SELECT article_id, story_id FROM story_state WHERE article_id IN ({marks})",
            tuple(story.articles))}
        if not indexed:
            return False  # not clustered through the index (a batch)
        if any(indexed.get(a, story.id) != story.id for a in story.articles):
            return True
        members = {r[0] for r in self.conn.execute(
            "SELECT article_id FROM story_state WHERE story_id = ?", (story.id,))}
        return members != set(story.articles)

    def story_signatures(self) -> dict[str, str]:
        """Story id -> the signature of the members its stored analysis was made from."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT id, json_extract(data, '$.signature') FROM stories") if r[1]}

    def stories(self) -> list[Story]:
        return [Story.model_validate_json(r["data"]) for r in
                self.conn.execute("SELECT data FROM stories ORDER BY id")]

    def story_articles(self, story_ids: list[str]) -> dict[str, list[str]]:
        """Story id -> its stored member ids, for the ids given that are stored (the members
        only: the stories' analyses are not read)."""
        out: dict[str, list[str]] = {}
        for k in range(0, len(story_ids), 500):
            part = story_ids[k:k + 500]
            rows = self.conn.execute(
                "SELECT id, json_extract(data, '$.articles') FROM stories WHERE id IN "
                f"({','.join('?' * len(part))}) AND json_valid(data)", part)
            for sid, arts in rows:
                out[sid] = json.loads(arts) if arts else []
        return out

    def get_story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return Story.model_validate_json(row["data"]) if row else None

    # paged reads (the service) -------------------------------------------------------------
    # Each reads one page or one story with its members, never the whole store.

    def story_summaries(self, limit: int, offset: int) -> list[dict]:
        """One page of stories, most articles first then by id: ``id``, ``title``, ``articles``
        (ids), ``claims`` (how many) and ``verdicts`` (claims per verdict)."""
        # A row whose JSON is damaged lists with no articles or claims rather than failing the
        # page.
        rows = self.conn.execute(
            "SELECT s.id, s.title, CASE WHEN json_valid(s.data) AND"
            " json_type(s.data, '$.articles') = 'array' THEN json_extract(s.data, '$.articles')"
            " END AS articles,"
            " (SELECT COUNT(*) FROM story_articles sa WHERE sa.story_id = s.id) AS n"
            " FROM stories s ORDER BY n DESC, s.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        out = []
        for r in rows:
            verdicts = {v: n for v, n in self.conn.execute(
                "SELECT json_extract(c.value, '$.verdict') AS v, COUNT(*) FROM stories s,"
                " json_each(s.data, '$.claims') c WHERE s.id = ? AND json_valid(s.data)"
                " AND json_type(s.data, '$.claims') = 'array' GROUP BY v ORDER BY v",
                (r["id"],))}
            out.append({"id": r["id"], "title": r["title"],
                        "articles": json.loads(r["articles"] or "[]"),
                        "claims": sum(verdicts.values()), "verdicts": verdicts})
        return out

    def data_version(self) -> int:
        """A number that changes when another connection commits to the store (SQLite's
        ``PRAGMA data_version``): what a reader caches stays valid while it does not change."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def story_json(self, story_id: str) -> str | None:
        """A story as stored (its JSON), without parsing it."""
        row = self.conn.execute("SELECT data, json_valid(data) FROM stories WHERE id = ?",
                                (story_id,)).fetchone()
        return _valid_json(row, "story", story_id, self.path)

    def articles_by_id(self, ids: list[str]) -> list[Article]:
        """The stored articles of ``ids``, in that order (missing ones left out)."""
        found: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id, data FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for r in self.conn.execute(q, chunk):
                found[r["id"]] = Article.model_validate_json(r["data"])
        return [found[i] for i in ids if i in found]

    def article_json(self, article_id: str, without: Iterable[str] = ()) -> str | None:
        """An article as stored (its JSON), without parsing it in Python; ``without`` names
        top-level fields to leave out."""
        fields = [f"$.{f}" for f in without if f.isidentifier()]
        col = f"json_remove(data, {', '.join('?' * len(fields))})" if fields else "data"
        row = self.conn.execute(f"SELECT {col}, json_valid(data) FROM articles WHERE id = ?",
                                (*fields, article_id)).fetchone()
        return _valid_json(row, "article", article_id, self.path)

    def existing_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the store already holds."""
        ids = list(ids)
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            out.update(r[0] for r in self.conn.execute(q, chunk))
        return out

    def rejection_page(self, limit: int, offset: int) -> list[Rejection]:
        rows = self.conn.execute("SELECT input, article, stage, reason, detail FROM rejections"
                                 " ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
        return [Rejection(**dict(r)) for r in rows]

    # runs ---------------------------------------------------------------------------------
    def record_run(self, run: RunInfo, rejections: list[Rejection]) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO runs (started, data) VALUES (?, ?)",
                            (run.started.isoformat(), run.model_dump_json()))
            run_id = cur.lastrowid
            c.executemany(
                "INSERT INTO rejections (run_id, input, article, stage, reason, detail, kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, r.input, r.article, r.stage, r.reason, r.detail, r.kind)
                 for r in rejections])
        return run_id

    def rejections(self, run_id: int | None = None) -> list[Rejection]:
        q = "SELECT input, article, stage, reason, detail, kind FROM rejections"
        rows = self.conn.execute(q + " WHERE run_id = ?", (run_id,)) if run_id else self.conn.execute(q)
        return [Rejection(**dict(r)) for r in rows]
