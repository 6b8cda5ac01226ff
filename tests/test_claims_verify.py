"""``verify``: support, contradiction and silence, on hand-made sources and the SummEdits gate."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from consilience.claims.verify import verify
from consilience.model import Article
from tests.conftest import DEV, need_shared

DOC = ("Police arrested 12 protesters outside the parliament in Oslo on Tuesday. "
       "The protest was organised by a climate group. Sales of the company fell sharply in "
       "the fourth quarter.")


def _one(statement: str):
    art = Article(id="doc", input_text=DOC)
    return verify(statement, [art]).sources[0]


def test_supported_with_evidence_span():
    sv = _one("Police arrested 12 protesters in Oslo.")
    assert sv.verdict == "supported"
    assert sv.evidence is not None and "arrested 12 protesters" in sv.evidence.text


def test_negation_contradicts():
    sv = _one("Police did not arrest protesters outside the parliament in Oslo.")
    assert sv.verdict == "contradicted" and "negation" in sv.reason


def test_antonym_contradicts():
    sv = _one("Sales of the company rose sharply in the fourth quarter.")
    assert sv.verdict == "contradicted" and "antonym" in sv.reason


def test_changed_number_contradicts():
    sv = _one("Police arrested 40 protesters outside the parliament in Oslo.")
    assert sv.verdict == "contradicted" and "40" in sv.reason


def test_unrelated_not_mentioned():
    sv = _one("The central bank raised interest rates in Brazil.")
    assert sv.verdict == "not mentioned"


def test_cli_verify_text_and_json(seeds_dir, tmp_path):
    from consilience.cli import cli

    r = CliRunner().invoke(cli, ["verify", "Ukraine recaptured the village of Staromaiorske.",
                                 str(seeds_dir)])
    assert r.exit_code == 0, r.output
    assert r.output.count("SUPPORTED") == 2
    out = tmp_path / "v.json"
    r = CliRunner().invoke(cli, ["verify", "Ukraine recaptured Staromaiorske.", str(seeds_dir),
                                 "--format", "json", "--out", str(out)])
    assert r.exit_code == 0
    assert '"verdict": "supported"' in out.read_text()


def test_cli_verify_bad_input_one_line(tmp_path):
    from consilience.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["verify", "x y z", str(tmp_path / "missing.txt")])
    assert exc.value.code == 1


def test_summedits_balanced_accuracy_gate():
    from consilience.evaluation.verify import load_rows, report

    path = need_shared(DEV / "consistency" / "summedits_news.jsonl")
    rep = report(load_rows(path))
    # Measured 0.754 on all rows (0.777 calibration half, 0.733 held-out half).
    assert rep["balanced_accuracy"] >= 0.72
    assert rep["per_edit_type"]["negation_insertion_removal"]["detected"] >= 0.9
