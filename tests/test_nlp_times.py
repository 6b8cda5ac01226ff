"""Time expressions: normalisation rules, the article stage, inferred publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.model import Article, Story
from consilience.nlp.timenorm import Context, normalise
from consilience.nlp.times import find_times, infer_date, infer_dates

THURSDAY = date(2023, 7, 27)


@pytest.mark.parametrize("text,expected", [
    ("Thursday", ("date", "2023-07-27")),  # a report of a Thursday: that day
    ("on Wednesday", ("date", "2023-07-26")),
    ("Friday", ("date", "2023-07-21")),  # most recent Friday before publication
    ("last night", ("time", "2023-07-26TNI")),
    ("last month", ("date", "2023-06")),
    ("late last month", ("date", "2023-06")),
    ("earlier this week", ("date", "2023-W30")),
    ("yesterday", ("date", "2023-07-26")),
    ("in June", ("date", "2023-06")),
    ("22 years", ("duration", "P22Y")),
    ("the past six months", ("duration", "P6M")),
    ("every week", ("set", "XXXX-WXX")),
    ("every Thursday", ("set", "XXXX-WXX-4")),
    ("July 18, 2023", ("date", "2023-07-18")),
    ("the third quarter", ("date", "2023-Q3")),
    ("two days ago", ("date", "2023-07-25")),
    ("nineteen ninety-six", ("date", "1996")),
    ("the 1990s", ("date", "199")),
    ("now", ("date", "PRESENT_REF")),
    ("recently", ("date", "PAST_REF")),
])
def test_news_conventions(text, expected):
    assert normalise(text, THURSDAY, Context()) == expected


def test_tense_decides_weekday_and_month_direction():
    assert normalise("Thursday", date(2023, 7, 25), Context(tense="future")) == ("date", "2023-07-27")
    assert normalise("September", THURSDAY, Context(tense="past")) == ("date", "2022-09")
    assert normalise("September", THURSDAY, Context(tense="future")) == ("date", "2023-09")


def test_unknown_anchor_leaves_relative_values_unresolved():
    assert normalise("last month", None) == ("date", None)
    assert normalise("July 18, 2023", None) == ("date", "2023-07-18")
    assert normalise("22 years", None) == ("duration", "P22Y")


def _article(text: str, published=None, aid="a") -> Article:
    return Article(id=aid, input_text=text, text=text, published=published)


def test_stage_spans_and_ages_are_not_times():
    text = ("President Putin said on Thursday that attacks had intensified. "
            "The 22-year-old soldier served for 22 years.")
    times = find_times(_article(text, THURSDAY))
    values = {t.text: (t.type, t.value) for t in times}
    assert values["Thursday"] == ("date", "2023-07-27")
    assert values["22 years"] == ("duration", "P22Y")
    assert all("old" not in t.text for t in times)
    for t in times:
        assert text[t.start:t.end] == t.text
        assert t.anchor == "2023-07-27"


def test_infer_dates_from_the_story():
    assert infer_date([]) is None
    day, conf = infer_date([date(2023, 7, 28), date(2023, 7, 28), date(2023, 7, 27)])
    assert day == date(2023, 7, 28) and 0.8 < conf <= 0.875
    undated = _article("Mr Zelenskyy spoke last night.", None, "u")
    assert find_times(undated)[0].value is None
    dated = _article("Putin spoke on Thursday.", date(2023, 7, 28), "d")
    infer_dates(Story(id="s", title="t", articles=["u", "d"]), {"u": undated, "d": dated})
    assert undated.published == date(2023, 7, 28) and undated.published_inferred
    assert undated.published_confidence == 0.5
    assert undated.times[0].value == "2023-07-27TNI"
    assert not dated.published_inferred


def test_seed_last_month_and_inferred_date(seeds_analysis):
    second = seeds_analysis.article("001_db78440b76a60587")
    assert ("last month", "2023-06") in {(t.text, t.value) for t in second.times}
    first = seeds_analysis.article("000_d8c6f9f78160522c")
    assert first.published_inferred and first.published_confidence is not None
    assert all(t.anchor for t in first.times)


def test_inferred_date_is_stored(seeds_dir, tmp_path):
    from consilience import analyze
    from consilience.store.sqlite import Store

    db = tmp_path / "seeds.db"
    analysis = analyze([seeds_dir], db=db)
    first = analysis.article("000_d8c6f9f78160522c")
    assert first.published_inferred
    store = Store(db)
    try:
        stored = store.get_article(first.id)
    finally:
        store.close()
    assert stored.published == first.published and stored.published_inferred
    assert [t.value for t in stored.times] == [t.value for t in first.times]


def test_a_weekday_in_the_future_of_reported_speech_lies_ahead():
    """"said timetables would return to normal by Thursday" in a Tuesday article: the coming
    Thursday (future in the past), as "will" would; a past verb keeps the past one."""
    tuesday = date(2026, 12, 1)
    text = ("The operator said timetables would return to normal by Thursday. "
            "The storm hit the islands on Thursday.")
    values = [(t.text, t.value) for t in find_times(_article(text, tuesday))]
    assert values == [("Thursday", "2026-12-03"), ("Thursday", "2026-11-26")], values


def test_a_bare_ordinal_is_a_day_of_the_month_or_no_date():
    """"the 48th of 71 laps" is no year 1948, "the 12th" no December: a bare ordinal is at
    most a day of the month."""
    anchor = date(2016, 11, 13)
    assert normalise("the 48th", anchor, Context())[1] is None
    assert normalise("the 12th", anchor, Context())[1] in (None, "2016-11-12")
    assert normalise("the 21st", anchor, Context())[1] == "2016-11-21"


def test_a_day_and_a_part_of_it_are_one_time():
    text = ("The talks ended on Tuesday night, and the mayor cut the ribbon Wednesday morning. "
            "Morning crowds gathered again.")
    values = {t.text: t.value for t in find_times(_article(text, THURSDAY))}
    assert values["Tuesday night"] == "2023-07-25TNI"
    assert values["Wednesday morning"] == "2023-07-26TMO"
    # a part of a day alone is still the publication day's
    assert values["Morning"] == "2023-07-27TMO"
    assert "night" not in values and "morning" not in values


def test_a_clock_time_beside_a_day_is_on_that_day():
    text = ("The resignation took effect Friday at 5 p.m. Eastern time. Police arrived at 3 a.m. "
            "Sunday. The blast came at 10 p.m. Wednesday. They met again at noon. He left at "
            "5 p.m. and returned on Tuesday.")
    values = [(t.text, t.value) for t in find_times(_article(text, THURSDAY))]
    assert ("5 p.m. Eastern time", "2023-07-21T17:00") in values
    assert ("3 a.m.", "2023-07-23T03:00") in values
    # one expression holding both: the time on that day, not the day alone
    assert ("10 p.m. Wednesday", "2023-07-26T22:00") in values
    assert ("noon", "2023-07-27T12:00") in values  # a clock time in TimeML
    # a day further off in the sentence dates nothing: the clock time is the anchor day's
    assert ("5 p.m.", "2023-07-27T17:00") in values


def test_midnight_is_the_end_of_the_day_told_with_it_and_after_midnight_its_start():
    """TimeML writes "midnight Friday" as the end of Friday ("T24"); "shortly after midnight
    Wednesday" is the first hour of Wednesday."""
    text = ("The offer expires at midnight Thursday. The vote was held shortly after midnight "
            "Wednesday. The curfew began at midnight.")
    values = [(t.text, t.value) for t in find_times(_article(text, THURSDAY))]
    assert ("midnight Thursday", "2023-07-27T24:00") in values
    assert ("shortly after midnight Wednesday", "2023-07-26T00:00") in values
    assert ("midnight", "2023-07-27T24:00") in values
    assert normalise("midnight", THURSDAY, Context()) == ("time", "2023-07-27T24:00")
