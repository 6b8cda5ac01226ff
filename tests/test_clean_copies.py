"""Wire-copy detection: a reprint with a new headline and one added paragraph is a copy; two
reports of the same event in different words are not; the original is the earliest."""

from __future__ import annotations

from datetime import date

from consilience.clean.copies import CopyIndex, copy_groups, mark_copies
from consilience.model import Article

ORIGINAL = [
    "Flood water breached the river wall at Lowmarsh early on Tuesday, forcing the evacuation of "
    "about 1,200 residents from the low-lying eastern district, the county council said.",
    "Emergency crews worked through the night to shore up a second embankment near the old mill, "
    "where the water had risen to within 30 centimetres of the top by dawn.",
    "\u201cWe have never seen the river this high in April,\u201d said Marta Kowal, who has run "
    "the ferry crossing for 22 years. \u201cThe fields behind my house are a lake.\u201d",
    "The Environment Agency issued three severe flood warnings for the valley and said more rain "
    "was expected on Wednesday afternoon, with up to 40mm falling on saturated ground.",
    "Schools in the district will stay closed until Friday, and the council has opened two rest "
    "centres, in the town hall and at St Anne's church, where volunteers are serving hot meals.",
    "The river wall was last repaired in 2019 after a smaller flood, and residents have "
    "complained for years that the work left gaps near the railway bridge.",
]
ADDED = ("Rail services between Lowmarsh and Eastbridge were suspended on Tuesday morning after "
         "water covered the line near the station, the operator said.")
REWRITTEN = [
    "More than a thousand people had to leave their homes in Lowmarsh on Tuesday when the swollen "
    "river broke through its defences in the east of the town.",
    "Council officials said around 1,200 people were moved out before dawn as crews battled to "
    "hold back the water at a second barrier close to the disused mill.",
    "A ferry operator who has worked the crossing for more than two decades told reporters she "
    "had never known such high water at this time of year.",
    "Forecasters warned of further heavy rain on Wednesday, and the Environment Agency put three "
    "severe warnings in place across the valley.",
    "Local schools are shut for the rest of the week; evacuees are being housed at the town hall "
    "and a church hall.",
]


def _art(aid: str, paragraphs: list[str], title: str, published=None, outlet=None) -> Article:
    text = "\n".join(paragraphs)
    return Article(id=aid, title=title, input_text=text, text=text, published=published,
                   outlet=outlet)


def test_reprint_with_new_headline_and_added_paragraph_is_a_copy():
    original = _art("courier-1", ORIGINAL, "River wall breached at Lowmarsh",
                    published=date(2024, 4, 9), outlet="Valley Courier")
    reprint = _art("herald-7", ORIGINAL[:3] + [ADDED] + ORIGINAL[3:],
                   "Hundreds flee as Lowmarsh floods", published=date(2024, 4, 10),
                   outlet="Eastbridge Herald")
    arts = [reprint, original]  # read out of order: the earlier publication is the original
    mark_copies(arts)
    assert reprint.copy_of == "courier-1"
    assert original.copy_of is None


def test_same_event_in_different_words_is_not_a_copy():
    a = _art("courier-1", ORIGINAL, "River wall breached at Lowmarsh", published=date(2024, 4, 9))
    b = _art("news-2", REWRITTEN, "Lowmarsh evacuated as river bursts", published=date(2024, 4, 9))
    mark_copies([a, b])
    assert a.copy_of is None and b.copy_of is None


def test_trimmed_reprint_and_chain_share_one_original():
    first = _art("a", ORIGINAL, "t1", published=date(2024, 4, 9))
    trimmed = _art("b", ORIGINAL[:4], "t2", published=date(2024, 4, 10))
    extended = _art("c", ORIGINAL + [ADDED], "t3", published=None)
    other = _art("d", REWRITTEN, "t4", published=date(2024, 4, 8))
    arts = [extended, trimmed, other, first]
    assert copy_groups(arts) == [["a", "b", "c"]]
    mark_copies(arts)
    assert [x.copy_of for x in arts] == ["a", "a", None, None]


def test_short_texts_are_never_copies():
    a = _art("a", ["Flood warning issued."], "t")
    b = _art("b", ["Flood warning issued."], "t")
    mark_copies([a, b])
    assert a.copy_of is None and b.copy_of is None


def test_index_checks_a_new_article_against_stored_ones():
    index = CopyIndex()
    index.add(_art("a", ORIGINAL, "t"))
    index.add(_art("d", REWRITTEN, "t"))
    assert len(index) == 2
    assert index.match(_art("new", [ADDED] + ORIGINAL, "t")) == "a"
    assert index.match(_art("new2", REWRITTEN[:2] + ORIGINAL[4:], "t")) is None


def test_analyze_marks_copies_and_story_counts_them(tmp_path):
    from consilience import analyze

    (tmp_path / "courier.txt").write_text(
        "Title: River wall breached at Lowmarsh\nDate: 2024-04-09\nSource: Valley Courier\n"
        + "\n".join(ORIGINAL), encoding="utf-8")
    (tmp_path / "herald.txt").write_text(
        "Title: Hundreds flee as Lowmarsh floods\nDate: 2024-04-10\nSource: Eastbridge Herald\n"
        + "\n".join(ORIGINAL[:3] + [ADDED] + ORIGINAL[3:]), encoding="utf-8")
    result = analyze([tmp_path])
    by_id = {a.id: a for a in result.articles}
    assert by_id["herald"].copy_of == "courier" and by_id["courier"].copy_of is None
    (story,) = [s for s in result.stories if "herald" in s.articles]
    assert "courier" in story.articles
    assert story.copies == {"herald": "courier"}
