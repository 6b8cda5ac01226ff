"""``verify``: the learned judge on hand-made sources, the seeds (speakers, numbers with units) and
the held-out SummEdits news gate."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from consilience.claims import entail
from consilience.claims.verify import numbers_in, same_speaker, verify, verify_paths
from consilience.model import Article
from tests.conftest import DEV, need_shared

DOC = ("Police arrested 12 protesters outside the parliament in Oslo on Tuesday. "
       "The protest was organised by a climate group. Sales of the company fell sharply in "
       "the fourth quarter.")
PUTIN = "Putin said the counteroffensive had failed"
#: Floor on the held-out SummEdits news balanced accuracy of the shipped judge (measured 0.756).
FLOOR = 0.73


def _one(statement: str):
    art = Article(id="doc", input_text=DOC)
    return verify(statement, [art]).sources[0]


def test_supported_with_evidence_span_and_explanation():
    sv = _one("Police arrested 12 protesters in Oslo.")
    assert sv.verdict == "supported"
    assert sv.evidence is not None and "arrested 12 protesters" in sv.evidence.text
    assert DOC[sv.evidence.start:sv.evidence.end] == sv.evidence.text
    assert sv.score >= 0.5 and sv.drivers and "p_support" in sv.reason


def test_negation_contradicts():
    sv = _one("Police did not arrest protesters outside the parliament in Oslo.")
    assert sv.verdict != "supported" and "negation" in sv.reason


def test_changed_number_not_supported():
    sv = _one("Police arrested 40 protesters outside the parliament in Oslo.")
    assert sv.verdict != "supported" and "40" in sv.reason


def test_a_name_written_without_its_diacritics_is_the_same_name():
    """"Constanta" in the statement, "Constanța" in the source: one name, no changed name."""
    text = ("Three people died and more than 20 were hurt on Tuesday after a fire broke out at "
            "a grain terminal in Constanța, the port authority said.")
    sv = verify("A fire at a grain terminal in Constanta killed three workers",
                [Article(id="doc", input_text=text)]).sources[0]
    assert "changed name" not in sv.reason, sv.reason
    assert sv.verdict == "supported", sv.reason


def test_unrelated_not_mentioned():
    sv = _one("The central bank raised interest rates in Brazil.")
    assert sv.verdict == "not mentioned"


def test_numbers_with_units_read_as_numbers():
    assert numbers_in("150km (90 miles) east") == {150.0, 90.0}
    assert numbers_in("$5bn") == {5e9}
    assert numbers_in("SARS-CoV-2") == set()


def test_same_speaker():
    assert same_speaker("Putin", "Vladimir Putin")
    assert same_speaker("President Putin", "Russian President Vladimir Putin")
    assert not same_speaker("Putin", "Alexander Lukashenko")
    assert not same_speaker("Putin", None)


def test_model_is_plain_json_matching_the_features():
    model = json.loads(entail.model_path().read_text(encoding="utf-8"))
    assert model["features"] == list(entail.FEATURES)
    assert len(model["support"]["coef"]) == len(entail.FEATURES)
    assert 0 < model["threshold"] < 1
    assert model["training"]["lodo_balanced_accuracy"] > 0.6


def test_judge_pairs_api():
    premise = ("The council approved the new budget on Monday. Spending on schools will rise "
               "by 4 percent.")
    out = entail.judge_pairs([
        (premise, "The council approved the budget."),
        (premise, "The council rejected the new budget on Monday."),
        (premise, "The mayor resigned over a corruption scandal in Paris."),
    ])
    assert [s.label for s in out][0] == "support"
    assert out[1].label != "support" and out[2].label != "support"
    assert out[0].p_support > out[1].p_support and out[0].p_support > out[2].p_support
    assert set(out[0].features) == set(entail.FEATURES) and out[0].evidence == 0


@pytest.mark.slow
def test_seeds_speaker_and_units(seeds_dir):
    res = {sv.source[:3]: sv for sv in verify_paths(PUTIN, [seeds_dir]).sources}
    assert res["001"].verdict == "supported", res["001"].reason
    assert res["001"].speaker == "Putin" and "failed" in res["001"].evidence.text
    assert "Lukashenko" not in res["001"].evidence.text or "it has failed" in \
        res["001"].evidence.text
    assert res["000"].verdict == "not mentioned", res["000"].reason
    res = {sv.source[:3]: sv for sv in verify_paths(
        "Staromaiorske is 150km east of Zaporizhzhia", [seeds_dir]).sources}
    assert res["001"].verdict == "supported", res["001"].reason
    assert "150km" in res["001"].evidence.text
    # 000's "110km ... west of Staromaiorske" is about Robotyne, not Zaporizhzhia: no contradiction.
    assert res["000"].verdict == "not mentioned", res["000"].reason
    assert "both can be true" in res["000"].reason


def test_a_changed_number_about_other_things_is_not_a_contradiction():
    from consilience.claims.verify import number_about_other_things

    base = {"rival_number": 1.0, "names_off_evidence": 1.0}
    assert number_about_other_things(base)
    assert not number_about_other_things({**base, "names_off_evidence": 0.0})
    assert not number_about_other_things({**base, "negation_differs": 1.0})
    assert not number_about_other_things({"names_off_evidence": 1.0})


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


@pytest.mark.slow
def test_summedits_news_held_out_gate():
    from consilience.evaluation.verify import load_rows, report

    path = need_shared(DEV / "consistency" / "summedits_news.jsonl")
    rep = report(load_rows(path))
    # Every news row is held out (the judge learned from other domains only). Measured: see
    # docs/claims.md; the floor sits a little under it to catch a regression.
    assert rep["balanced_accuracy"] >= FLOOR
    assert rep["per_edit_type"]["negation_insertion_removal"]["detected"] >= 0.8


def _train_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "train_verify.py"
    spec = importlib.util.spec_from_file_location("train_verify", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_training_fit_signs_determinism_and_mismatched_pairs():
    import numpy as np

    tv = _train_module()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] - x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(int)
    free = tv.fit(x, y, 1.0)
    assert free["coef"][0] > 0 and free["coef"][1] < 0
    forced = tv.fit(x, y, 1.0, [-1, 0, 0])  # the first weight may not be positive
    assert forced["coef"][0] <= 1e-9 and forced == tv.fit(x, y, 1.0, [-1, 0, 0])
    assert tv.balanced_accuracy(y, (tv.predict(free, x) >= 0.5).astype(int)) > 0.9
    rows = [{"domain": d, "doc": f"{d}{k}", "claim": f"{d}{k} claim {j}", "label": "consistent",
             "edit_types": []} for d in ("a", "b") for k in range(3) for j in range(2)]
    extra = tv.mismatched_rows(rows, per_doc=1)
    assert len(extra) == 6 and all(r["label"] == "inconsistent" for r in extra)
    assert all(not r["claim"].startswith(r["doc"]) and r["doc"][0] == r["domain"] for r in extra)


def test_one_failing_article_does_not_stop_the_batch(monkeypatch):
    from consilience.claims import verify as v

    real = v.verify_article

    def flaky(statement, article):
        if article.id == "bad":
            raise ValueError("broken index")
        return real(statement, article)

    monkeypatch.setattr(v, "verify_article", flaky)
    res = v.verify("Police arrested 12 protesters in Oslo.",
                   [Article(id="bad", input_text=DOC), Article(id="good", input_text=DOC)])
    assert [s.source for s in res.sources] == ["good"]
    assert res.sources[0].verdict == "supported"
    assert res.rejections[0].input == "bad" and "broken index" in res.rejections[0].detail
