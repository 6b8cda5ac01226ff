"""Story clustering: batch and incremental (store-backed) give the same stories and ids; wire
copies stay with their original; new articles join stored stories through ``analyze``."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.model import Article, Entity
from consilience.stories.cluster import cluster, story_id
from consilience.stories.state import StoryIndex
from consilience.store import Store

EVENTS = {
    "quake": [
        ("A strong earthquake struck central Italy overnight, killing at least 20 people",
         "Rescuers searched collapsed buildings in the mountain town of Amatrice after the quake. "
         "Italy's civil protection agency said the death toll was rising.",
         ["Italy", "Amatrice"], date(2016, 8, 24)),
        ("Deadly quake flattens Italian mountain towns",
         "The earthquake hit Amatrice and nearby villages before dawn, Italian officials said. "
         "Dozens of people are feared dead and many are missing under the rubble.",
         ["Amatrice", "Italy"], date(2016, 8, 24)),
        ("Italy earthquake: death toll climbs as rescuers dig through rubble",
         "Emergency crews in Amatrice worked through the night after the earthquake in central "
         "Italy. The prime minister visited the area.",
         ["Italy", "Amatrice"], date(2016, 8, 25)),
    ],
    "rates": [
        ("Central bank raises interest rates by half a point",
         "The Bank of England increased its benchmark rate to fight inflation, the largest rise "
         "in decades. Mortgage costs are expected to climb.",
         ["Bank of England"], date(2022, 8, 4)),
        ("Bank of England makes biggest rate rise in 27 years",
         "Policymakers voted to lift the base rate by 0.5 percentage points as inflation "
         "soared. The bank warned of a long recession.",
         ["Bank of England"], date(2022, 8, 4)),
    ],
    "launch": [
        ("SpaceX launches Falcon Heavy rocket for the first time",
         "The most powerful rocket in operation lifted off from Cape Canaveral, carrying Elon "
         "Musk's red Tesla Roadster toward Mars orbit.",
         ["SpaceX", "Cape Canaveral", "Elon Musk"], date(2018, 2, 6)),
        ("Falcon Heavy blasts off, sending a Tesla car into space",
         "SpaceX's new heavy-lift rocket launched from Florida's Kennedy Space Center, and two "
         "of its boosters landed back on Earth side by side.",
         ["SpaceX", "Florida", "Kennedy Space Center"], date(2018, 2, 7)),
    ],
}


def make_article(aid: str, title: str, text: str, names: list[str], day: date,
                 copy_of: str | None = None) -> Article:
    ents = [Entity(id=f"{aid}:e{i}", name=n, type="place" if n[0] in "AFICK" else "organization")
            for i, n in enumerate(names)]
    return Article(id=aid, title=title, input_text=text, text=text, published=day,
                   entities=ents, copy_of=copy_of)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    out = []
    for event, items in EVENTS.items():
        for k, (title, text, names, day) in enumerate(items):
            out.append(make_article(f"{event}-{k}", title, text, names, day))
    return out


def groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_batch_groups_each_event(articles):
    stories = cluster(articles)
    assert groups(stories) == {frozenset(a.id for a in articles if a.id.startswith(e))
                               for e in EVENTS}
    for s in stories:
        assert s.id == story_id(s.articles[0])  # id from the earliest member
        assert s.title


def test_one_at_a_time_equals_batch(articles, tmp_path):
    batch = cluster(articles)
    with Store(tmp_path / "s.db") as store:
        index = StoryIndex(store)
        for a in sorted(articles, key=lambda a: (a.published, a.id)):
            touched = index.add([a])
            assert any(a.id in s.articles for s in touched)
        stored = index.stories()
    assert stored == {a: s.id for s in batch for a in s.articles}


def test_ids_stable_when_unrelated_articles_arrive(articles, tmp_path):
    quake = [a for a in articles if a.id.startswith("quake")]
    with Store(tmp_path / "s.db") as store:
        first = StoryIndex(store).add(quake)
        assert len(first) == 1
        StoryIndex(store).add([a for a in articles if not a.id.startswith("quake")])
        again = StoryIndex(store).add(quake)  # unchanged: keeps its place
        assert [s.id for s in again] == [first[0].id]
        assert set(StoryIndex(store).stories().values()) == {s.id for s in cluster(articles)}


def test_wire_copy_kept_with_original_and_recorded(articles):
    original = articles[0]
    # marked as a copy, an article joins its original's story whatever its text says
    title, text, names, _ = EVENTS["rates"][0]
    copy = make_article("reprint", title, text, names, date(2016, 8, 24), copy_of=original.id)
    stories = cluster(articles + [copy])
    home = next(s for s in stories if original.id in s.articles)
    assert "reprint" in home.articles
    assert home.copies == {"reprint": original.id}


def test_analyze_with_db_joins_stored_story(seeds_dir, seeds_analysis, tmp_path):
    from consilience import analyze

    db = tmp_path / "c.db"
    first, second = sorted(seeds_dir.glob("*.txt"))
    one = analyze([first], db=db)
    two = analyze([second], db=db)
    assert len(two.stories) == 1
    story = two.stories[0]
    assert set(story.articles) == {a.id for a in seeds_analysis.articles}
    assert story.id == one.stories[0].id  # the stored story kept its id
    assert [a.id for a in two.articles] == [second.stem]  # this run's articles only
    with Store(db) as store:
        assert [s.id for s in store.stories()] == [story.id]


def test_story_without_headlines_is_titled_by_a_short_lead(seeds_analysis):
    story = seeds_analysis.stories[0]
    assert all(not a.title for a in seeds_analysis.articles)
    leads = [a.text[a.sentences[0].start:a.sentences[0].end].strip()
             for a in seeds_analysis.articles]
    assert story.title in leads and len(story.title) <= 160
