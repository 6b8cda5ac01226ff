"""Languages: an article in a language without a pipeline is read, cleaned and clustered, flagged
in every output, and never run through the English stages (texts written for these tests)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from consilience.model import Article
from consilience.pipeline import Pipeline, article_stage

KO = ("서울시는 화요일 아침 한강 다리 위에서 버스 두 대가 충돌해 승객 열두 명이 다쳤다고 밝혔다. "
      "경찰은 사고 원인을 조사하고 있으며, 시장은 \"모든 부상자가 병원으로 옮겨졌다\"고 말했다. "
      "다리는 여섯 시간 동안 통제되었고 저녁에 다시 열렸다.")
PT = ("A câmara municipal de Lisboa informou na terça-feira que duas composições do metro "
      "colidiram perto da estação do Marquês de Pombal, ferindo doze passageiros. Segundo a "
      "polícia, a circulação foi interrompida durante seis horas, e o presidente da câmara "
      "disse que todos os feridos foram levados para o hospital.")
IT = ("Il comune di Torino ha comunicato martedì mattina che due tram si sono scontrati vicino "
      "alla stazione di Porta Nuova, ferendo dodici passeggeri. Secondo la polizia, la "
      "circolazione è rimasta bloccata per sei ore e il sindaco ha dichiarato che tutti i feriti "
      "sono stati portati in ospedale.")
EN = ("Two trams collided near Porta Nuova station in Turin on Tuesday morning, injuring twelve "
      "passengers, the city council said. Traffic was halted for six hours, police said, and the "
      "mayor said all of the injured had been taken to hospital.")
ENGLISH_STAGES = ["annotate", "times", "quantities", "quotes", "places", "claims", "disputes"]


def _write(tmp_path):
    for name, text in (("ko", KO), ("pt", PT), ("it", IT), ("en", EN)):
        (tmp_path / f"{name}.txt").write_text(f"Title: {name}\nSource: Outlet {name}\n\n{text}\n",
                                              encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    from consilience import analyze

    return analyze([_write(tmp_path_factory.mktemp("langs"))])


def test_a_stage_is_skipped_for_an_article_in_another_language_and_the_skip_recorded():
    ran: list[str] = []

    def english(a: Article) -> Article:
        ran.append(f"english:{a.id}")
        return a

    def anything(a: Article) -> Article:
        ran.append(f"any:{a.id}")
        return a

    pipe = Pipeline([article_stage("english", languages={"en"})(english),
                     article_stage("any")(anything)], errors="raise")
    ko = pipe.run_article(Article(id="k", input_text="x", text="x", language="ko"))
    en = pipe.run_article(Article(id="e", input_text="x", text="x", language="en"))
    unknown = pipe.run_article(Article(id="u", input_text="x", text="x"))
    assert ran == ["any:k", "english:e", "any:e", "english:u", "any:u"]
    assert ko.skipped_stages == ["english"] and ko.stages == ["any"]
    assert en.skipped_stages == [] and unknown.skipped_stages == []


def test_non_english_articles_get_no_english_extraction(analysis):
    arts = {a.id: a for a in analysis.articles}
    assert not analysis.rejections
    for code in ("ko", "pt", "it"):
        a = arts[code]
        assert a.language == code and a.language_supported is False, (code, a.language)
        assert a.skipped_stages == ENGLISH_STAGES
        assert a.text.strip() and "clean" in a.stages and "language" in a.stages
        assert not (a.sentences or a.entities or a.times or a.quantities or a.quotes
                    or a.places or a.claims), code
    en = arts["en"]
    assert en.language == "en" and en.language_supported is True and en.skipped_stages == []
    assert en.claims and en.places and en.quantities
    # Clustered with the others: every article is in a story, and no story claim rests on a
    # non-English article.
    assert {i for s in analysis.stories for i in s.articles} == set(arts)
    for s in analysis.stories:
        for c in s.claims:
            assert {src.article for src in c.sources} <= {"en"}


def test_every_output_flags_the_unread_articles(analysis):
    from consilience.report import to_events_json, to_html, to_json, to_markdown

    data = json.loads(to_json(analysis))
    flags = {a["id"]: a["language_supported"] for a in data["articles"]}
    assert flags == {"ko": False, "pt": False, "it": False, "en": True}
    md = to_markdown(analysis)
    for code in ("ko", "pt", "it"):
        assert f"[{code}] Outlet {code} (not analysed: language '{code}' has no pipeline" in md
    assert "[en] Outlet en (not analysed" not in md
    html = to_html(analysis)
    assert html.count('class="lang-unsupported"') == 3
    events = json.loads(to_events_json(analysis))
    assert sorted(e["article"] for e in events["articles_not_analysed"]) == ["it", "ko", "pt"]


def test_the_cli_warns_about_articles_it_did_not_read(tmp_path):
    from consilience.cli import cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ko.txt").write_text(KO + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "in"), "--no-db", "--format",
                                      "md"])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("consilience:")]
    assert len(warnings) == 1 and "ko.txt: language 'ko' has no pipeline" in warnings[0]


def test_language_resources_sit_behind_one_seam():
    from consilience.api import default_pipeline, pipeline_signature
    from consilience.lang import PIPELINE_LANGUAGES, REGISTRY, language, supported
    from consilience.nlp.models import SPACY_MODEL

    assert PIPELINE_LANGUAGES == frozenset(REGISTRY) == {"en"}
    assert language("en").spacy_model == SPACY_MODEL
    assert supported("en") is True and supported("ko") is False and supported(None) is None
    stages = {s.name: s.languages for s in default_pipeline().article_stages}
    assert stages["clean"] is None and stages["language"] is None
    assert all(stages[name] == PIPELINE_LANGUAGES for name in ENGLISH_STAGES)
    # A stored analysis made before the gate (or for other languages) is not reused.
    assert "annotate=en" in pipeline_signature(default_pipeline())
