"""The ``consilience`` command: a thin shell over :mod:`consilience.api`.

Exit codes: 0 all inputs analysed; 1 some input or data was bad (each named on stderr, one line
each; the rest is still analysed and stored); 2 the command was used wrongly.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ConsilienceError
from .notes import article_note
from .model import Article, Rejection, Story
from .pipeline import article_warnings, story_warnings
from .store import DEFAULT_DB


def _say_rejection(r: Rejection) -> None:
    if r.kind == "stage-warning":
        click.echo(f"consilience: {r.input}: warning: stage {r.stage} failed, the rest of the "
                   f"analysis went on: {r.detail or r.reason}", err=True)
    else:
        click.echo(f"consilience: {r.input}: {r.detail or r.reason}", err=True)


def _write(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {out}: {exc.strerror}") from None
    else:
        click.echo(text, nl=False)


class _Progress:
    """Progress on a terminal, one bar per phase with its total and ETA; quiet otherwise.
    Rejections and stage warnings are said on stderr either way."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None

    def phase(self, name: str, total: int | None) -> None:
        self.close()
        if self.enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            unit = {"articles": " articles", "read": " articles", "stories": " stories",
                    "dating": " stories"}.get(name, " steps")
            self.bar = tqdm(total=total, desc=name, unit=unit, file=sys.stderr, leave=False,
                            dynamic_ncols=True)

    def __call__(self, item) -> None:
        if isinstance(item, Rejection):
            if self.bar is not None:
                self.bar.clear()
            _say_rejection(item)
            if item.stage == "read":
                return  # not counted: a read failure is not one of the phase's articles
        elif isinstance(item, (Article, Story)) and item.warnings:
            if self.bar is not None:
                self.bar.clear()
            warn = article_warnings if isinstance(item, Article) else story_warnings
            for r in warn(item):
                _say_rejection(r)
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consilience")
@click.option("--debug", is_flag=True, help="Show tracebacks and stage logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Consilience: what several outlets corroborate, what only one says, and where they differ."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=False)
@click.option("--format", "fmt",
              type=click.Choice(["json", "md", "html", "events-csv", "events-json", "geojson"]),
              default="json", show_default=True,
              help="Output format: the analysis (json), a brief (md), a self-contained report "
                   "(html), event records with ACLED-named columns (events-csv, events-json), "
                   "the places and located events (geojson).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the output here, not stdout.")
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="Embedded SQLite database that keeps articles and stories.")
@click.option("--no-db", is_flag=True, help="Analyse without storing anything.")
@click.option("--include", multiple=True, help="Only files in folders matching this glob.")
@click.option("--exclude", multiple=True, help="Skip files in folders matching this glob.")
@click.option("--urls", "url_list", type=click.Path(dir_okay=False),
              help="Also fetch and analyse the URLs (pages or feeds) listed in this file.")
@click.option("--fetch", is_flag=True,
              help="Fetch feed entries' links when an entry carries only a summary (otherwise "
                   "only URLs given explicitly are fetched).")
@click.option("--allow-private-addresses", is_flag=True,
              help="Let fetching reach loopback and private (intranet) addresses.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the article and story stages (default: every core; 1: all in "
                   "this process).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the article and story stages on this dask scheduler "
                   "(e.g. tcp://10.0.0.5:8786; needs the dask extra).")
@click.pass_context
def analyze(ctx: click.Context, paths: tuple[str, ...], fmt: str, out: str | None, db: str,
            no_db: bool, include: tuple[str, ...], exclude: tuple[str, ...],
            url_list: str | None, fetch: bool, allow_private_addresses: bool,
            workers: int | None, scheduler: str | None) -> None:
    """Analyse the articles in PATHS (files, folders, http(s) URLs of pages or feeds): stories,
    claims and verdicts."""
    from .api import analyze as run_analysis
    from .ingest import read_url_list
    from .report import FORMATS

    if url_list:
        try:
            paths = (*paths, *read_url_list(url_list))
        except ConsilienceError as exc:
            raise click.UsageError(exc.one_line()) from None
    if not paths:
        raise click.UsageError("give PATHS (files, folders or URLs) or --urls FILE")
    from .runners.local import check_writable

    for path, what in ((out, "--out"), (None if no_db else db, "--db")):
        if path and (problem := check_writable(path, what)):
            raise click.UsageError(problem)

    progress = _Progress(enabled=True)
    try:
        analysis = run_analysis(paths, db=None if no_db else db, include=list(include),
                                exclude=list(exclude), progress=progress, fetch=fetch,
                                allow_private_addresses=allow_private_addresses, workers=workers,
                                scheduler=scheduler)
    finally:
        progress.close()
    _write(FORMATS[fmt](analysis), out)
    for a in analysis.articles:
        if note := article_note(a):
            click.echo(f"consilience: {a.source or a.id}: {note}", err=True)
    if any(r.kind == "rejected" and (r.stage == "read" or r.article)
           for r in analysis.rejections):
        ctx.exit(1)


@cli.command()
@click.argument("claim")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the output here, not stdout.")
@click.pass_context
def verify(ctx: click.Context, claim: str, sources: tuple[str, ...], fmt: str,
           out: str | None) -> None:
    """Whether each source in SOURCES supports CLAIM, contradicts it, or does not mention it."""
    from .claims.verify import format_text, verify_paths

    result = verify_paths(claim, list(sources))
    for r in result.rejections:
        _say_rejection(r)
    text = (result.model_dump_json(indent=2) + "\n") if fmt == "json" else format_text(result)
    _write(text, out)
    if any(r.kind == "rejected" for r in result.rejections):
        ctx.exit(1)


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False), help="Write the schema here.")
def schema(out: str | None) -> None:
    """Print the JSON Schema of the ``analyze`` JSON output."""
    from .report import analysis_schema

    _write(json.dumps(analysis_schema(), indent=2, ensure_ascii=False) + "\n", out)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the URL printed says which).")
@click.option("--token", envvar="CONSILIENCE_TOKEN", show_envvar=True,
              help="Token that writes (POST /api/v1/articles) must send as 'Authorization: "
                   "Bearer TOKEN'. Default: a new one, printed at start.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host is NAME (a DNS name or address clients "
                   "use); '*' answers any Host.")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log one line per request on stderr.")
def serve(db: str, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...],
          access_log: bool) -> None:
    """Serve the web UI and the JSON API (/api/v1/...) over a store."""
    from .service.server import run

    run(db, host=host, port=port, token=token, allow_hosts=allow_hosts, access_log=access_log,
        echo=lambda text, err=False: click.echo(text, err=err))


@cli.group()
def gazetteer() -> None:
    """The offline gazetteer: load GeoNames country dumps for villages below 500 people."""


@gazetteer.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_context
def gazetteer_load(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Load GeoNames dumps (e.g. UA.txt, tab separated) into the user's gazetteer."""
    from .geo.gazetteer import load as load_gazetteer
    from .geo.loader import load_dump

    failed = False
    for f in files:
        try:
            dest, n = load_dump(f)
            click.echo(f"{f}: {n} places stored in {dest}")
        except ConsilienceError as exc:
            click.echo(f"consilience: {exc.one_line()}", err=True)
            failed = True
    if not failed or len(files) > 1:
        click.echo(f"gazetteer: {len(load_gazetteer())} places")
    if failed:
        ctx.exit(1)


@gazetteer.command("info")
def gazetteer_info() -> None:
    """Where the gazetteer's files are and how many places it holds."""
    from .geo.gazetteer import cache_path, default_gazetteer
    from .geo.loader import loaded_dumps
    from .geo.sources import user_gazetteer_dir

    gaz = default_gazetteer()
    click.echo(f"places: {len(gaz)}")
    click.echo(f"index cache: {cache_path()}")
    click.echo(f"loaded dumps ({user_gazetteer_dir()}): "
               + (", ".join(p.name for p in loaded_dumps()) or "none"))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="consilience", standalone_mode=True)
    except ConsilienceError as exc:
        click.echo(f"consilience: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("consilience: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
