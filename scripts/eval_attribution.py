#!/usr/bin/env python
"""Score Consilience's quotes and reported speech on brat attribution gold
(default: ../shared/corpus/dev/attribution/polnear). Prints precision, recall and F1."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "attribution" / "polnear"


@click.command()
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=DEFAULT,
              show_default=True, help="Folder with text/ and ann/ (brat standoff).")
@click.option("--half", type=click.Choice(["A", "B"]), default=None,
              help="Only the documents of one half (A: first byte of the SHA-256 of the text's "
                   "name below 128, B: the others); A is tuned on, B reported.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None,
              help="Also write the figures as JSON to this file.")
def main(gold_dir: Path, half: str | None, json_out: Path | None) -> None:
    from consilience.evaluation.attribution import evaluate

    if not (gold_dir / "ann").is_dir() or not (gold_dir / "text").is_dir():
        click.echo(f"error: {gold_dir}: expected text/ and ann/ folders", err=True)
        sys.exit(2)
    totals = evaluate(gold_dir, half)
    click.echo(f"{'match':<18}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for mode, c in totals.items():
        click.echo(f"{mode:<18}{c.gold:>6}{c.predicted:>6}{c.tp:>6}"
                   f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
    if json_out:
        json_out.write_text(json.dumps({m: c.as_dict() for m, c in totals.items()}, indent=2)
                            + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
