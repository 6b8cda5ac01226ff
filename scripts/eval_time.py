#!/usr/bin/env python
"""Score Consilience's time expressions on TimeML gold (default: ../shared/corpus/dev/time/timebank).

Prints the share of gold DATE expressions (or, with ``--type TIME``, times of day) found
(overlap) and normalised to exactly the gold value.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "time" / "timebank"


@click.command()
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=DEFAULT,
              show_default=True, help="Folder of TimeML .tml files.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None,
              help="Also write the figures as JSON to this file.")
@click.option("--type", "gold_type", type=click.Choice(["DATE", "TIME"]), default="DATE",
              show_default=True, help="Which TIMEX3 type to score.")
@click.option("--errors", "show_errors", type=int, default=0,
              help="Print this many mismatches (gold text, gold value, predicted value).")
def main(gold_dir: Path, json_out: Path | None, gold_type: str, show_errors: int) -> None:
    from consilience.evaluation.time import evaluate

    if not gold_dir.is_dir():
        click.echo(f"error: {gold_dir}: not a folder of .tml files", err=True)
        sys.exit(2)
    score = evaluate(gold_dir, gold_type=gold_type)
    d = score.as_dict()
    click.echo(f"TimeML {gold_type} expressions in {gold_dir.name}: {d['gold_dates']}")
    click.echo(f"{'measure':<28}{'count':>8}{'share':>8}")
    click.echo(f"{'found (overlap)':<28}{d['found']:>8}{d['found_share']:>8.3f}")
    click.echo(f"{'normalised (exact value)':<28}{d['normalised']:>8}{d['normalised_share']:>8.3f}")
    if show_errors:
        for doc_id, text, gold, got in score.errors[:show_errors]:
            click.echo(f"  {doc_id}: {text!r} gold={gold} got={got}")
        kinds = Counter("missed" if got is None else "wrong" for *_, got in score.errors)
        click.echo(f"  errors: {dict(kinds)}")
    if json_out:
        json_out.write_text(json.dumps(d, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
