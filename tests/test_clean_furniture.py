"""The furniture cleaner: the seed reports' furniture goes to removed[] with its reason, no
sentence of the reports is lost, offsets map back to the input, and real text is left alone."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from consilience.clean.furniture import (_GALLERY_COUNTER, _HEADLINE_LIST, _SIGNUP_FORM, _SLIDE,
                                         caption_sentences, clean_text, dateline_prefix)
from consilience.ingest import read_inputs
from consilience.ingest.text import article_from_text
from consilience.model import Article

SEED_FURNITURE = {
    "000_d8c6f9f78160522c": {
        "Russia refuses to speak at UN session – Ukraine war latest updates": "related link",
        "Click to subscribe to the Sky News Daily wherever you get your podcasts":
            "subscribe prompt",
    },
    "001_db78440b76a60587": {
        "Ukrainian troops can be seen holding a bullet-ridden on the battlefield in this picture "
        "released on July 18, 2023. — Instagram/@zelenskiy_official": "photo caption",
        "Ukrainian artillery vehicles can be seen firing a missile on the battlefield in this "
        "picture released on July 14, 2023. — Instagram/@zelenskiy_official": "photo caption",
    },
}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Article]:
    return {a.id: clean_text(a) for a in read_inputs([seeds_dir]) if isinstance(a, Article)}


def test_seed_furniture_removed_with_reason(seeds):
    assert set(seeds) == set(SEED_FURNITURE)
    for aid, furniture in SEED_FURNITURE.items():
        art = seeds[aid]
        for text, reason in furniture.items():
            assert text not in art.text
            assert any(r.text.strip() == text and r.reason == reason for r in art.removed), text


def _in_removed(art: Article, start: int, end: int) -> bool:
    """Every non-space character of input[start:end] lies in some removed span."""
    return all(art.input_text[i].isspace()
               or any(r.input_start <= i < r.input_end for r in art.removed)
               for i in range(start, end))


def test_no_sentence_of_the_seed_reports_is_lost(seeds):
    for art in seeds.values():
        kept = 0
        for m in _SENTENCE.finditer(art.input_text):
            s, e = m.start(), m.end()
            while s < e and art.input_text[s].isspace():
                s += 1
            if e - s < 3 or _in_removed(art, s, e):
                continue
            assert art.input_text[s:e] in art.text, art.input_text[s:e]
            kept += 1
        assert kept >= 20


def test_seed_removed_characters_by_reason(seeds):
    by_reason = {aid: Counter() for aid in seeds}
    for aid, art in seeds.items():
        for r in art.removed:
            by_reason[aid][r.reason] += len(r.text)
    assert by_reason["000_d8c6f9f78160522c"] == {"related link": 66, "subscribe prompt": 71}
    assert by_reason["001_db78440b76a60587"]["photo caption"] == 297


def test_offsets_map_every_kept_run_back_to_the_input(seeds):
    for art in seeds.values():
        for cs, is_, ln in art.offset_map:
            assert art.text[cs:cs + ln] == art.input_text[is_:is_ + ln]
        for r in art.removed:
            assert art.input_text[r.input_start:r.input_end] == r.text
        covered = sum(ln for _, _, ln in art.offset_map) + sum(len(r.text) for r in art.removed)
        assert covered == len("".join(art.input_text.split())) or covered <= len(art.input_text)


def _clean(text: str, title: str | None = None) -> Article:
    art = article_from_text(text, "t", "t.txt")
    art.title = title
    return clean_text(art)


def test_dateline_prefix_recorded_and_sentence_kept():
    art = _clean("KYIV (Reuters) - Ukraine said on Friday it had retaken a village.\n"
                 "Officials gave no figures.")
    assert art.text.startswith("Ukraine said on Friday")
    assert [(r.text, r.reason) for r in art.removed] == [("KYIV (Reuters) - ", "dateline")]
    sp = art.span(0, 6)
    assert art.input_text[sp.input_start:sp.input_end] == "Ukraine"[:6]
    for prefix in ("BEIJING -- ", "WASHINGTON, D.C. — ", "Kyiv (AP) — ", "ERIE, Pa. — "):
        assert dateline_prefix(prefix + "The minister said.") == len(prefix), prefix
    for text in ("US - China talks resumed on Monday.", "A - the first option.",
                 "Kyiv - the capital - was quiet."):
        assert dateline_prefix(text) == 0, text


def test_other_furniture_kinds():
    art = _clean("\n".join([
        "Storm closes ferry crossing",
        "By Jane Holloway",
        "Updated: 9 April 2024 07:30 BST",
        "The ferry crossing at Lowmarsh was closed on Tuesday after the river rose.",
        "Photo: Valley Courier",
        "Read more: Council opens rest centres in the town hall",
        "Sign up for our morning newsletter to get the news in your inbox.",
        "Share this article",
        "The operator said it would reopen the crossing when the water falls.",
    ]), title="Storm closes ferry crossing")
    reasons = [r.reason for r in art.removed]
    assert reasons == ["title repeated", "byline", "dateline", "photo caption", "related link",
                       "subscribe prompt", "share prompt"]
    assert art.authors == ["Jane Holloway"]
    assert art.text == ("The ferry crossing at Lowmarsh was closed on Tuesday after the river rose."
                        "\nThe operator said it would reopen the crossing when the water falls.")


def test_subheadings_lists_and_tables_are_kept():
    lines = [
        "The council met on Tuesday evening.",
        "Flood defences",
        "- Sign up for a free sandbag delivery at the town hall",
        "1) Lowmarsh – east district",
        "| Street | Homes evacuated |",
        "The meeting ended at ten.",
        "報道によると、今回販売されたのは",
    ]
    art = _clean("\n".join(lines))
    assert art.removed == []
    assert art.text == "\n".join(lines)


def test_caption_run_into_a_paragraph_loses_only_the_caption():
    caption = ("FILE - In this Dec. 13, 2016, file photo, the logo of the bank appears above a "
               "trading post on the floor of the exchange. ")
    body = ("The bank said on Tuesday that it expects a $5 billion hit to profits in the fourth "
            "quarter because of the tax overhaul. " * 4)
    art = _clean(caption + body.strip())
    assert [(r.text, r.reason) for r in art.removed] == [(caption, "photo caption")]
    assert art.text == body.strip()
    assert caption_sentences("Nothing we have seen in this cache of documents suggests it.") == []


def test_a_caption_with_its_credit_after_it_is_removed():
    """"... performs during half-time. Photograph: Matt York/AP": a picture's caption with its
    credit after its sentence (and share buttons before it) is removed; a sentence that only
    mentions a photo stays."""
    caption = ("Facebook Twitter Pinterest The singer performs during the half-time show. "
               "Photograph: Ana Ruiz/AP")
    body = "The show drew a record audience, the network said on Monday."
    art = _clean(body + "\n" + caption + "\n" + "Critics praised the staging. Photo editors at "
                 "the paper picked the shot: a wide view of the stadium.")
    assert [r.reason for r in art.removed] == ["photo caption"]
    assert caption not in art.text and art.text.startswith(body)
    assert "Photo editors at the paper picked the shot" in art.text


def test_a_caption_with_its_picture_credit_glued_before_it_is_removed():
    """"Getty Images Hamilton celebrates victory ...", "Reuters The truck was riddled with
    bullet holes": a picture agency's credit glued before a caption; "Reuters reported ..."
    and "EPA Administrator ..." are sentences."""
    lines = ["Getty Images The driver celebrates victory at the Grand Prix",
             "Reuters The truck was riddled with more than 40 bullet holes",
             "Reuters reported that the truck had been rented two days before the attack.",
             "EPA Administrator Ana Ruiz said the spill had been contained by Monday."]
    art = _clean("The race was stopped twice because of heavy rain, officials said.\n"
                 + "\n".join(lines))
    assert [(r.text.strip(), r.reason) for r in art.removed] == [
        (lines[0], "photo caption"), (lines[1], "photo caption")]
    assert lines[2] in art.text and lines[3] in art.text


def _only_captions_removed(captions: list[str], kept: list[str]) -> None:
    """After a sentence of news, the ``captions`` lines are removed as photo captions, in order,
    and nothing else is; the ``kept`` lines stay in the text."""
    art = _clean("The old pier collapsed into the harbour on Sunday night, officials said.\n"
                 + "\n".join(captions + kept))
    assert [(r.text.strip(), r.reason) for r in art.removed] == [
        (line, "photo caption") for line in captions]
    assert all(line in art.text for line in kept)


def test_a_credited_phrase_without_a_sentence_end_is_a_caption():
    """"AP:Associated Press A currency trader watches a monitor ...", "EPA Divers search the
    harbour after the collapse": a credit glued before a caption with no article after it is a
    caption when the line has no sentence end; the same opening ending as a sentence is text."""
    _only_captions_removed(
        ["AP:Associated Press A trader watches a monitor at a dealing room in Seoul",
         "EPA Divers search the harbour after the collapse of the old pier",
         "Reuters Officials inspect the damage"],
        ["EPA Divers searched the harbour until late on Monday, the coastguard said.",
         "Reuters Officials said the pier had been closed since March."])


def test_a_caption_with_a_copyright_credit_and_agency_is_removed():
    """"... in Constanta on May 2 ©Ana Ruiz (AFP)", "©Ion Popa (AFP/File)" after a caption, or
    "© REUTERS/ Stringer" before one, a photographer and agency ending a line with no sentence
    end, a picture's toggles: picture credits; a sentence with a bracket is no caption."""
    _only_captions_removed(
        ["Divers search the harbour after the collapse of the old pier in Constanta on "
         "May 2, 2024 ©Ana Ruiz (AFP)",
         "The harbour master inspects the damage ©Ion Popa (AFP/File)",
         "© REUTERS/ Stringer A crane lifts part of the pier out of the water in Constanta.",
         "The pier was closed after the port said it had found “serious cracks” Ana "
         "Ruiz/Reuters",
         "Enlarge this image toggle caption Ion Popa/AP Ion Popa/AP"],
        ["The harbour master said the quay (the eastern one) would stay closed."])


def test_cleaner_keeps_real_text_on_dev_articles(dev_dir):
    """Spot check on the dev clustering articles: furniture is a small share and what is
    removed is furniture-sized, not paragraphs."""
    counts, chars, total = Counter(), Counter(), 0
    for art in read_inputs([dev_dir / "clustering"]):
        if not isinstance(art, Article):
            continue
        clean_text(art)
        total += len(art.input_text)
        for r in art.removed:
            counts[r.reason] += 1
            chars[r.reason] += len(r.text)
            # furniture-sized, or a newsletter sign-up form that a scraper ran into one line, or
            # one caption of an inlined photo gallery with its widget words
            assert len(r.text.split()) <= 60 or (
                r.reason == "subscribe prompt" and len(_SIGNUP_FORM.findall(r.text)) >= 3
                and len(r.text.split()) <= 150) or (
                r.reason == "related link" and _HEADLINE_LIST.match(r.text)
                and len(r.text.split()) <= 200) or (
                r.reason == "photo gallery" and (len(_GALLERY_COUNTER.findall(r.text)) == 1
                                                 or _SLIDE.match(r.text))
                and len(r.text.split()) <= 150), (art.id, r.reason, r.text[:80])
    # an inlined photo gallery is long (25 captions) and checked caption by caption above;
    # the rest, each item furniture-sized, is a small share of the pages (3.1% measured, two
    # fifths of it captions)
    assert sum(n for k, n in chars.items() if k != "photo gallery") < 0.035 * total
    assert counts["photo caption"] >= 20 and counts["dateline"] >= 20


def test_trailing_headline_is_a_related_link_but_a_subheading_is_kept():
    from consilience.clean.furniture import clean_text
    from consilience.model import Article

    body = ("Four workers were killed in the fire, officials said.\n"
            "What happens next\n"
            "Prosecutors have opened a criminal investigation.\n"
            "Romania's grain exports hit record as Black Sea shipping recovers")
    art = clean_text(Article(id="t", input_text=body, text=body))
    assert "What happens next" in art.text
    assert "grain exports hit record" not in art.text
    assert [r.reason for r in art.removed] == ["related link"]


def test_wire_datelines_with_a_date_or_an_outlet_are_cut():
    from consilience.clean.furniture import dateline_prefix

    for text, cut in (("KYIV, July 28 (Reuters) - Ukraine said", "KYIV, July 28 (Reuters) - "),
                      ("CONSTANTA, Romania, March 11 (Black Sea Wire) - A fire",
                       "CONSTANTA, Romania, March 11 (Black Sea Wire) - "),
                      # a horizontal bar, as some outlets set it
                      ("WASHINGTON \u2015 The port authority said", "WASHINGTON \u2015 "),
                      # a city in capitals closed by a colon
                      ("NEW DELHI: The ministry said", "NEW DELHI: ")):
        assert text[:dateline_prefix(text)] == cut
    assert dateline_prefix("The US - a country of many parts") == 0
    # a transcript's speaker and a label are no place
    for text in ("HARMON: We will not vote for it.", "WARNING: The video is graphic."):
        assert dateline_prefix(text) == 0


def test_ad_slots_and_newsletter_forms_run_together_are_furniture():
    from consilience.clean.furniture import clean_text
    from consilience.model import Article

    body = ("The vessel was seized last month, officials said.\n"
            "Advertisement Continue reading the main story\n"
            "Newsletter Sign Up Continue reading the main story Please verify you're not a robot "
            "by clicking the box. Invalid email address. Please re-enter. You must select a "
            "newsletter to subscribe to. Sign Up You agree to receive occasional updates.\n"
            "View all Daily Planet newsletters.\n"
            "Readers can sign up for alerts, the editor said.\n"
            "She said the advertisement ran for weeks.")
    art = clean_text(Article(id="t", input_text=body, text=body))
    assert art.text.splitlines() == ["The vessel was seized last month, officials said.",
                                     "Readers can sign up for alerts, the editor said.",
                                     "She said the advertisement ran for weeks."]
    assert [r.reason for r in art.removed] == ["share prompt", "subscribe prompt",
                                               "subscribe prompt"]


PASTED = """Updated 4:12 PM CET, March 14, 2024
KYIV (AP) — Officials said on Tuesday that three people were killed in the strike. (Reporting by Jane Doe in Kyiv; Editing by John Roe)
The army said it would respond within days.
(Reporting by Jane Doe; Editing by John Roe)
Associated Press writer Jane Doe in Kyiv contributed to this report.
Copyright 2024 The Associated Press. All rights reserved.
© 2024 Reuters
This material may not be published, broadcast, rewritten or redistributed.
"""


def test_pasted_update_line_dates_the_article_and_credits_are_furniture():
    from datetime import date, datetime, timedelta

    art = _clean(PASTED)
    assert art.text == ("Officials said on Tuesday that three people were killed in the strike.\n"
                        "The army said it would respond within days.")
    assert art.published.replace(tzinfo=None) == datetime(2024, 3, 14, 16, 12)
    assert art.published.utcoffset() == timedelta(hours=1)  # CET
    reasons = [(r.reason, r.text.strip()) for r in art.removed]
    assert reasons == [
        ("dateline", "Updated 4:12 PM CET, March 14, 2024"),
        ("dateline", "KYIV (AP) —"),
        ("credit line", "(Reporting by Jane Doe in Kyiv; Editing by John Roe)"),
        ("credit line", "(Reporting by Jane Doe; Editing by John Roe)"),
        ("credit line", "Associated Press writer Jane Doe in Kyiv contributed to this report."),
        ("copyright", "Copyright 2024 The Associated Press. All rights reserved."),
        ("copyright", "© 2024 Reuters"),
        ("copyright", "This material may not be published, broadcast, rewritten or "
                      "redistributed."),
    ]
    for r in art.removed:
        assert PASTED[r.input_start:r.input_end] == r.text
    # other wordings; a first publication wins over an update; a time stays with its zone
    cases = {
        "Published 10:02 AM EDT, Tue July 25, 2023": (datetime(2023, 7, 25, 10, 2), -4),
        "Posted: 2024-03-14 16:12": (datetime(2024, 3, 14, 16, 12), None),
        "Updated: 9 April 2024\nFirst published 8 April 2024": (date(2024, 4, 8), None),
    }
    for head, (want, offset) in cases.items():
        got = _clean(head + "\nThe minister spoke on Monday.").published
        assert got == want or got.replace(tzinfo=None) == want, head
        if offset is not None:
            assert got.utcoffset() == timedelta(hours=offset)
        assert type(got) is type(want)
    assert _clean("Updated 2 hours ago\nText here.").published is None  # no year: no date
    # a date the reader found is kept
    kept = article_from_text("Date: 2024-01-02\nUpdated 4:12 PM CET, March 14, 2024\nText.",
                             "k", "k.txt")
    assert clean_text(kept).published == date(2024, 1, 2)
    # text that only mentions copyright or contributions stays
    for line in ("The copyright dispute of 2019 went to court, the lawyers said.",
                 "She contributed to the campaign in 2020 and again in 2022."):
        assert _clean(line).text == line


def test_pasted_date_anchors_times_and_credits_reach_no_stage():
    from consilience.nlp.annotate import annotate
    from consilience.nlp.times import find_times

    art = annotate(_clean(PASTED))
    found = find_times(art)
    assert {t.text: t.value for t in found}["Tuesday"] == "2024-03-12"  # anchored on March 14
    assert all(t.anchor == "2024-03-14" and "2024" not in t.text for t in found)
    assert "2024" not in art.text and "Reporting" not in art.text


GALLERY = ("Photos: Harbour fire in Varna Smoke rises over the grain pier on Monday. "
           "Hide Caption 1 of 3 Photos: Harbour fire in Varna Firefighters spray foam on a silo. "
           "Hide Caption 2 of 3 Photos: Harbour fire in Varna A tug pulls a barge away from the "
           "pier. Hide Caption 3 of 3")


def test_an_inlined_photo_gallery_is_cut_caption_by_caption():
    """A gallery widget run into the text ("Photos: <title> <caption> Hide Caption 1 of 3 ...")
    is furniture, one removal per caption; the paragraphs around it stay."""
    first = ("A fire broke out at the grain pier in Varna on Monday, the port authority said. "
             "Crews from three towns fought the blaze for most of the afternoon, and the pier "
             "was closed to ships until the smoke cleared.")
    last = ("No one was hurt, and shipping resumed by the evening. Investigators will inspect "
            "the conveyor belts on Tuesday, a spokeswoman for the port said.")
    body = first + "\n" + GALLERY + "\n" + last
    art = clean_text(Article(id="g", input_text=body, text=body))
    assert art.text == first + "\n" + last
    cut = [r for r in art.removed if r.reason == "photo gallery"]
    assert len(cut) == 3 and all("Hide Caption" in r.text for r in cut)


def test_a_page_that_is_only_a_gallery_keeps_its_captions_as_its_text():
    """A page holding nothing but a gallery: its captions are the text; only the widget's words
    (the counters and the title repeated after "Photos:") go."""
    art = clean_text(Article(id="g", input_text=GALLERY, text=GALLERY))
    assert art.text == ("Smoke rises over the grain pier on Monday. Firefighters spray foam on "
                        "a silo. A tug pulls a barge away from the pier.")


def test_agency_datelines_without_a_dash_or_with_two_places_are_cut():
    """ "(CNN) Scores of ...", "TOKYO/SEOUL (Reuters) - ...", "Tirana, Albania (CNN) ...": a
    dateline, also after a few lines of highlights; "The port (CNN) said" is no dateline."""
    for line, kept in [("(AFP) Crews reopened the pier on Friday.", "Crews reopened"),
                       ("VARNA/SOFIA (Reuters) - Crews reopened the pier.", "Crews reopened"),
                       ("Varna, Bulgaria (AP) Crews reopened the pier.", "Crews reopened")]:
        assert line[dateline_prefix(line):].startswith(kept), line
    assert dateline_prefix("The port authority (AP) said crews reopened the pier.") == 0
    body = ("Highlights: the pier reopens\nCrews worked overnight\n"
            "Varna, Bulgaria (AP) Crews reopened the pier on Friday after the fire.")
    art = clean_text(Article(id="d", input_text=body, text=body))
    assert "(AP)" not in art.text and "Crews reopened the pier on Friday" in art.text


def test_a_gallery_of_numbered_slides_is_cut_and_numbers_alone_are_kept():
    """Lines opening "1/4", "2/4", "3/4" in a row are a gallery's slides; "24/7 crews" or a
    lone "3/4 of the pier" are text."""
    text = ("Crews fought a fire at the grain pier in Varna on Monday, the port authority said. "
            "The pier was closed to ships until the smoke cleared, and no one was hurt.\n"
            "1/3 Smoke over the pier Smoke rises over the grain pier.\n"
            "2/3 Foam Firefighters spray foam on a silo.\n"
            "3/3 The tug A tug pulls a barge away from the pier.\n"
            "3/4 of the pier reopened on Tuesday, and crews will work 24/7 until Friday.")
    art = clean_text(Article(id="s", input_text=text, text=text))
    assert "Firefighters spray foam" not in art.text and "1/3" not in art.text
    assert art.text.endswith("3/4 of the pier reopened on Tuesday, and crews will work 24/7 "
                             "until Friday.")
    assert [r.reason for r in art.removed].count("photo gallery") == 3


def test_lines_wholly_in_square_brackets_are_notes_but_brackets_in_a_sentence_are_kept():
    art = _clean("\n".join([
        "The ferry crossing at Lowmarsh was closed on Tuesday after the river rose.",
        "[What is behind the floods in the valley?]",
        "The operator said [the crossing] would reopen when the water falls.",
        "[Editor's note: This story has been updated with the operator's statement and the "
        "council's figures for the rest centres opened on Tuesday night.]",
        "Council staff opened two rest centres in the town hall.",
    ]))
    assert [r.reason for r in art.removed] == ["bracketed note", "bracketed note"]
    assert art.text == ("The ferry crossing at Lowmarsh was closed on Tuesday after the river rose."
                        "\nThe operator said [the crossing] would reopen when the water falls."
                        "\nCouncil staff opened two rest centres in the town hall.")


def test_a_line_repeating_an_earlier_one_is_dropped_and_scroll_prompts_are_furniture():
    """Highlights repeated as captions, pull quotes: the statement is kept once; short lines may
    repeat by design and stay."""
    art = _clean("\n".join([
        "Two ferries collided in the harbour early on Wednesday, injuring one crew member.",
        "The port authority said the ferries bumped into each other but stayed afloat.",
        "Scroll down for video",
        "Two ferries collided in the harbour early on Wednesday, injuring one crew member",
        "No.",
        "The crossing reopened at noon, the operator said.",
        "No.",
    ]))
    assert [(r.reason, r.text[:20]) for r in art.removed] == [
        ("share prompt", "Scroll down for vide"), ("repeated line", "Two ferries collided")]
    assert art.text.count("Two ferries collided") == 1 and art.text.count("No.") == 2


def test_a_page_whose_only_text_shares_no_word_with_its_title_has_no_article_text(tmp_path):
    """The extractor found only the site's furniture: none of it is read as the article, and
    every output says so; a short article that tells its title's story, or a page titled by
    its site, is read."""
    from click.testing import CliRunner

    from consilience.cli import cli
    from consilience.notes import article_note

    promo = _clean("Celebrating 125 years of local journalism! Look back at the history of the "
                   "town each day this year. Click to read today's story.",
                   title="Ferry service resumes after three-day storm closure")
    assert promo.text == "" and promo.offset_map == []
    assert [r.reason for r in promo.removed] == ["no article text"]
    assert "shares no word with its title" in article_note(promo)
    short = _clean("The ferry service resumed on Tuesday after the storm.",
                   title="Ferry service resumes after three-day storm closure")
    assert short.text and article_note(short) is None
    site = _clean("It is being called the harbour truce: after months of rows, the two ferry "
                  "companies are talking again.", title="World news - Harbour International")
    assert site.text and article_note(site) is None

    (tmp_path / "promo.json").write_text(json.dumps({
        "id": "promo", "title": "Ferry service resumes after three-day storm closure",
        "text": promo.input_text}), encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--no-db", "--format", "md"])
    assert res.exit_code == 0, res.stderr
    (line,) = [ln for ln in res.stderr.splitlines() if "promo" in ln]
    assert "no article text" in line
    assert "(not analysed: no article text" in res.stdout


def test_an_invitation_to_write_to_the_newsroom_is_a_contact_prompt():
    art = _clean("\n".join([
        "The ferry crossing at Lowmarsh was closed on Tuesday after the river rose.",
        "Do you have a story for the Valley Courier news team? Email us at "
        "tips@courier.example or call 0207 555 0199.",
        "Send us a note if the crossing stays closed, the operator told passengers.",
    ]))
    assert [r.reason for r in art.removed] == ["contact prompt"]
    assert "Send us a note" in art.text


def test_a_mixed_case_dateline_of_a_known_town_is_cut_and_a_name_is_not():
    """"Detroit – It's a bird." opens with a dateline in mixed case and no agency: the town is
    one the gazetteer knows. "Trump – who spoke on Monday – said ..." opens with no dateline,
    and neither does a line whose first words name no town."""
    from consilience.clean.furniture import dateline_prefix

    assert dateline_prefix("Detroit \u2013 It\u2019s a bird on a plane.") == len("Detroit \u2013 ")
    assert dateline_prefix("Kiev, Ukraine -- Fighting resumed.") == len("Kiev, Ukraine -- ")
    assert dateline_prefix("Trump \u2013 who spoke on Monday \u2013 said the talks ended.") == 0
    assert dateline_prefix("Harbour Authority \u2013 The port reopened.") == 0


def test_a_sites_disclaimer_of_its_links_is_furniture():
    from consilience.clean.furniture import clean_text

    text = ("The mayor opened the new bridge on Monday after two years of work.\n"
            "External links are provided for reference purposes. The Harbour Courier is not "
            "responsible for the content of external Internet sites.\n"
            "Traffic is expected to ease next week, officials said.")
    art = clean_text(Article(id="d", input_text=text))
    assert "not responsible" not in art.text
    assert "opened the new bridge" in art.text and "Traffic is expected" in art.text
    assert [r.reason for r in art.removed] == ["link disclaimer"]


def test_the_words_around_an_embedded_post_are_cut_and_the_post_kept():
    """"Skip Twitter post by @handle ... — Name (@handle) May 3, 2024 Report": the widget's
    words go, the post and its signature stay (the quotes stage reads them)."""
    post = ("We were told by the store that some content broke its rules, and both apps were "
            "taken down. — Ana Varga (@anavarga) February 1, 2024")
    line = f"Skip Twitter post by @anavarga {post} Report"
    art = _clean("The messaging app was removed from the store on Thursday.\n" + line + "\n"
                 "End of Twitter post by @anavarga\n"
                 "The company said it expected the app to return within days.")
    assert post in art.text
    assert "Skip Twitter" not in art.text and "End of Twitter" not in art.text
    assert not art.text.split(post)[1].startswith(" Report")
    assert sorted({r.reason for r in art.removed}) == ["embed label"]
    for r in art.removed:  # each removal points at its words in the input
        assert art.input_text[r.input_start:r.input_end] == r.text


def test_a_labelled_list_of_headlines_run_into_one_line_is_a_related_link():
    """"Most Read In Sport PIER FALLS Old pier collapses ... HARBOUR HORROR Divers search ...":
    other stories' headlines after their label; a sentence opening "Most read" is text, and so
    is a credit before a sentence that ends as one."""
    links = ("Most Read In News PIER FALLS Old pier collapses into the harbour in the night "
             "HARBOUR HORROR Divers search the water after the collapse TOWN IN SHOCK Mayor "
             "calls an emergency meeting of the council")
    caption = "Getty - Contributor Divers search the harbour after the collapse of the old pier"
    text = ("The old pier collapsed into the harbour on Sunday night, officials said.\n"
            + links + "\n" + caption + "\n"
            "Most residents read the council's notice before the pier was closed.")
    art = _clean(text)
    assert [(r.text.strip(), r.reason) for r in art.removed] == [
        (links, "related link"), (caption, "photo caption")]
    assert "Most residents read the council's notice" in art.text
