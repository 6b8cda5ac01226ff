#!/usr/bin/env python
"""Time quote finding on a long synthetic article: a few thousand short paragraphs of quotations,
most attributed by a cue verb and the others bare quotation paragraphs that continue the
speaker before them. Prints the number of quotes found and the seconds taken by
``find_quotes`` (the parse and entities are made once, before timing) and by its uncued-quotation
step alone, then by the claims stage reading the quotes (quantities and times made first). A
check to run by hand, not a test: timings depend on the machine."""

from __future__ import annotations

import itertools
import time

import click

NAMES = ["Ana Petrova", "Ivan Kolev", "Maria Dimitrova", "Georgi Stanev", "Elena Vasileva",
         "Nikolai Todorov"]
THINGS = ["ferry", "bus", "night train", "shuttle boat", "coach"]
PLACES = ["Varna", "Burgas", "Sozopol", "Nesebar", "Ruse", "Plovdiv", "Sofia"]
VERBS = ["leaves", "arrives", "stops for an hour", "turns back", "is full"]
TIMES = ["at noon", "at dawn", "at six o'clock", "before midnight", "at half past nine",
         "on Sundays"]


def sentences():
    """An endless run of distinct short sentences."""
    for n in itertools.count():
        for thing, place, verb, when in itertools.product(THINGS, PLACES, VERBS, TIMES):
            yield f"The {thing} to {place} {verb} {when}" + (f" in week {n}" if n else "")


def article_text(paragraphs: int) -> str:
    """About ``paragraphs`` paragraphs: "“...,” said X." followed by a bare quotation, "Y told
    reporters: “...”", "“...,” Z said. “...”" followed by a bare quotation, and a line of
    narrative now and then."""
    says = sentences()
    names = itertools.cycle(NAMES)
    out: list[str] = []
    while len(out) < paragraphs:
        a, b, c = next(names), next(names), next(names)
        out += [
            f"“{next(says)},” said {a}.",
            f"“{next(says)}.”",
            f"{b} told reporters: “{next(says)}.”",
            f"“{next(says)},” {c} said. “{next(says)}.”",
            f"“{next(says)}.”",
            f"The harbour office in {PLACES[len(out) % len(PLACES)]} was closed that week.",
        ]
    return "\n".join(out[:paragraphs]) + "\n"


@click.command()
@click.option("--paragraphs", default=3000, show_default=True, help="Paragraphs in the article.")
@click.option("--repeat", default=3, show_default=True, help="Timed runs (the best is shown).")
def main(paragraphs: int, repeat: int) -> None:
    from consilience.model import Article
    from consilience.nlp import quotes as quotes_module
    from consilience.nlp.annotate import annotate

    text = article_text(paragraphs)
    start = time.perf_counter()
    article = annotate(Article(id="timing", input_text=text, text=text))
    click.echo(f"annotate: {time.perf_counter() - start:.1f} s for {len(text):,} characters, "
               f"{len(quotes_module.find_quotation_marks(text)):,} quotations")

    uncued = quotes_module._uncued_quotes
    spent = [0.0]

    def timed_uncued(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return uncued(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    quotes_module._uncued_quotes = timed_uncued
    best_total = best_uncued = float("inf")
    try:
        for _ in range(repeat):
            spent[0] = 0.0
            t0 = time.perf_counter()
            found = quotes_module.find_quotes(article)
            best_total = min(best_total, time.perf_counter() - t0)
            best_uncued = min(best_uncued, spent[0])
    finally:
        quotes_module._uncued_quotes = uncued
    speakers = sum(1 for q in found if q.speaker)
    click.echo(f"find_quotes: {best_total:.2f} s ({len(found):,} quotes, {speakers:,} with a "
               f"speaker); uncued quotations: {best_uncued:.2f} s")

    from consilience.claims.extract import extract_claims
    from consilience.nlp.quantities import quantities
    from consilience.nlp.times import times

    article.quotes = found
    article = times(quantities(article))
    best_claims = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        made = extract_claims(article)
        best_claims = min(best_claims, time.perf_counter() - t0)
    click.echo(f"claims: {best_claims:.2f} s ({len(made):,} claims)")


if __name__ == "__main__":
    main()
