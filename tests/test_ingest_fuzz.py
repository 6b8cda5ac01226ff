"""The input fuzzer (``scripts/fuzz_inputs.py``): mutated real inputs neither crash the readers
or the article stages nor vanish; and the fuzzer does notice an input that vanishes."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT


def _fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_inputs",
                                                  ROOT / "scripts" / "fuzz_inputs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_inputs", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_seeded_fuzz_sample_has_no_crash_and_no_silent_drop(seeds_dir):
    fuzz = _fuzzer()
    before = {k: os.environ.get(k) for k in fuzz.LIMITS}
    outcome, notes, used = fuzz.fuzz(1000, seed=7, corpus=seeds_dir.parent, analyze_every=100)
    assert {k: os.environ.get(k) for k in fuzz.LIMITS} == before  # the run's limits undone
    failures = {k: outcome[k] for k in ("crashed", "silent drop", "hung", "crashed in the stages",
                                        "silent drop in the stages")}
    assert failures == dict.fromkeys(failures, 0), notes[:5]
    assert outcome["analysed"] + outcome["rejected"] == 1000
    # The sample is real both ways: many cases still read, many refused, and every mutation used.
    assert outcome["analysed"] > 150 and outcome["rejected"] > 150
    assert set(used) == set(fuzz.MUTATORS)
    assert outcome["through the stages"] >= 3


def test_fuzzer_counts_an_input_that_vanishes_and_a_reader_that_raises(monkeypatch):
    """The counting itself: a plain-text reader that returns nothing is a silent drop; one whose
    exception would escape is caught by the readers' last resort (``read-error``)."""
    import consilience.ingest as ingest

    fuzz = _fuzzer()
    text = b"Flood water breached the river wall at Lowmarsh on Tuesday.\n"

    def run(reader):
        monkeypatch.setitem(ingest.READERS, ".txt", reader)
        outcome, notes = fuzz.Counter(), []
        case = fuzz.Case(0, "a.txt", b"a.txt", text)
        with tempfile.TemporaryDirectory() as tmp:
            fuzz.run_case(case, Path(tmp), False, outcome, notes)
        return outcome, notes

    outcome, notes = run(lambda path: iter(()))
    assert outcome["silent drop"] == 1 and "nothing read" in notes[0]

    def broken(path):
        raise KeyError("title")

    outcome, notes = run(broken)
    assert outcome["read-error"] == 1 and outcome["rejected"] == 1
    assert outcome["crashed"] == 0 and outcome["silent drop"] == 0
    (note,) = notes
    assert note.startswith("read-error (not a failure)") and "KeyError: 'title'" in note
