"""Language detection: every article is marked; non-English articles are kept, not dropped."""

from __future__ import annotations

from consilience.clean.language import detect_language, mark_language
from consilience.model import Article

EN = ("Flood water breached the river wall at Lowmarsh early on Tuesday, forcing the evacuation "
      "of about 1,200 residents from the low-lying eastern district, the county council said.")
ES = ("El agua de la inundación rompió el muro del río en Lowmarsh el martes por la mañana y "
      "obligó a evacuar a unos 1.200 vecinos del barrio oriental, según el ayuntamiento.")
DE = ("Das Hochwasser hat am Dienstagmorgen die Uferschutzmauer in Lowmarsh durchbrochen; rund "
      "1.200 Anwohner des östlichen Viertels mussten ihre Häuser verlassen.")


def _art(text: str, language: str | None = None) -> Article:
    return Article(id="x", input_text=text, text=text, language=language)


def test_detects_english_spanish_german():
    assert detect_language(EN)[0] == "en"
    assert detect_language(ES)[0] == "es"
    assert detect_language(DE)[0] == "de"
    assert detect_language("OK 12") == (None, 0.0)


def test_declared_language_kept_unless_text_plainly_differs():
    assert mark_language(_art(EN, "en-GB")).language == "en"
    assert mark_language(_art(ES, "en")).language == "es"
    assert mark_language(_art("Lowmarsh 2024", "fr")).language == "fr"


def test_non_english_articles_are_kept_and_marked(tmp_path):
    from consilience import analyze

    (tmp_path / "en.txt").write_text(EN + "\n" + EN.replace("Tuesday", "Monday"), encoding="utf-8")
    (tmp_path / "es.txt").write_text(ES + "\n" + ES.replace("martes", "lunes"), encoding="utf-8")
    result = analyze([tmp_path])
    langs = {a.id: a.language for a in result.articles}
    assert langs == {"en": "en", "es": "es"}
    assert not result.rejections


def test_language_supported_marks_languages_without_a_pipeline():
    assert mark_language(_art(EN)).language_supported is True
    assert mark_language(_art(ES)).language_supported is False
    assert mark_language(_art(DE, "de")).language_supported is False
    short = mark_language(_art("OK 12"))
    assert short.language is None and short.language_supported is None
