"""The typed data model shared by the pipeline, the store, the CLI, the API and the reports.

Every span carries two pairs of offsets: ``start``/``end`` into the article's clean ``text`` and
``input_start``/``input_end`` into ``input_text``, the text as it was read (the decoded file for
plain text, the ``text`` field of a JSON record, the extracted text of an HTML page). For any span
that lies inside one kept stretch of input, ``text[start:end] == input_text[input_start:input_end]``.

All models round-trip through JSON without loss (``Model.model_validate_json(m.model_dump_json())``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A stretch of an article's text, in clean-text and input-text offsets."""

    start: int
    end: int
    input_start: int
    input_end: int
    text: str = ""
    stage: str | None = Field(default=None, description="Name of the stage that produced the span.")


class SourceRef(_Model):
    """A span in a named article: the citation unit of every verdict and report."""

    article: str
    start: int
    end: int
    input_start: int
    input_end: int
    text: str = ""


class Removed(_Model):
    """A stretch of input that cleaning dropped, and why. Offsets are into ``input_text``;
    ``start`` is where in the clean text the removal happened."""

    start: int
    input_start: int
    input_end: int
    text: str
    reason: str


class Entity(_Model):
    """One person, organisation, place or other named thing within one article."""

    id: str
    name: str
    type: str
    mentions: list[Span] = Field(default_factory=list)


class TimeRef(_Model):
    """A time expression normalised to a TimeML-style value (``2023-07-27``, ``2023-06``, ``P22Y``)."""

    text: str
    start: int
    end: int
    input_start: int
    input_end: int
    type: str  # date | time | duration | set
    value: str | None = None
    anchor: str | None = Field(default=None, description="The date it was normalised against.")


class Quantity(_Model):
    text: str
    start: int
    end: int
    input_start: int
    input_end: int
    value: float
    unit: str | None = None
    base_value: float | None = None
    base_unit: str | None = None
    kind: str = "count"  # distance, killed, wounded, money, percent, count, duration, ...
    approx: str | None = None  # "about", "more than", ... when the number is hedged
    subject: str | None = Field(default=None, description="What is counted or measured, if known.")
    agrees: bool | None = Field(
        default=None, description="For a value given in two units: whether both agree within rounding."
    )
    variable: str | None = Field(
        default=None,
        description="The variable the value measures, from the parse: the lemma of the head noun "
        "(or verb) and its modifiers, 'fund|counter,drug', 'altitude', 'east of bucharest'.",
    )


class Quote(_Model):
    speaker: str | None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    content_span: Span
    direct: bool = True
    speaker_entity: str | None = None


class InferredPosition(_Model):
    """Where a place missing from the gazetteer lies, inferred from a statement of distance and
    direction from a located place in one of the story's articles."""

    source: SourceRef = Field(description="The statement the position was inferred from.")
    reference: str = Field(description="The located place the statement measures from.")
    distance_km: float
    direction: str
    uncertainty_km: float = Field(
        description="Radius within which the place lies if the statement is right (rounding of "
                    "the distance, width of the compass direction).")


class Place(_Model):
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    population: int | None = None
    mentions: list[Span] = Field(default_factory=list)
    inferred: InferredPosition | None = Field(
        default=None, description="Set when lat/lon are not the gazetteer's but inferred from a "
                                  "story's statement (the place is not in the gazetteer).")


class Claim(_Model):
    """An atomic statement made in one article."""

    id: str
    article: str
    text: str
    span: Span
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    negated: bool = False
    values: list[Quantity] = Field(default_factory=list)
    times: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    asserted_by: str = Field(
        default="outlet", description="'outlet' when the article states it, else the quoted party."
    )
    speaker_span: Span | None = Field(
        default=None, description="Where the asserting party is named (None for the outlet)."
    )
    agent: str | None = Field(
        default=None, description="Who does or is said to do the act: the active subject or the "
        "passive 'by' phrase.")
    theme: str | None = Field(
        default=None, description="What the act is done to: the active object or the passive "
        "subject.")
    polarity: str = Field(default="positive", description="'negative' when the predicate is "
                          "negated ('was not interrupted'), else 'positive'.")
    hedge: str | None = Field(
        default=None, description="A word that makes the claim uncertain ('may', 'reportedly', "
        "'allegedly'), if any.")
    relayed_from: str | None = Field(
        default=None, description="The news organisation whose reporting the article relays for "
        "this claim ('The New York Times is reporting ...'): then the article is not an "
        "independent source for it.")
    part_of: str | None = Field(
        default=None, description="For a fact stated inside another claim's sentence (a noun "
        "with its relative or participial clause: 'The act, which passed 234-193'), the id of "
        "that claim. Such a claim is compared across outlets on its own and is reported only "
        "when another outlet's claim is aligned with it.")
    noun_phrase: bool = Field(
        default=False, description="A fact stated as a noun with its relative or participial "
        "clause ('White House press secretary Sarah Huckabee Sanders, traveling with the "
        "president'): aligned and listed, but no sentence for the account unless its clause "
        "says what the noun does ('X, who flew to the port' reads 'X flew to the port').")
    question: bool = Field(
        default=False, description="A question a party is quoted asking ('“Why did the board "
        "wait two years?” Okafor asked'): what the sources state is that it was asked, so it is "
        "aligned and corroborated as such, but never compared for figures, dates, places or "
        "negation, disputed, or told as a statement of fact.")
    shared: str | None = Field(
        default=None, description="For a clause coordinated with another that has the subject "
        "('It would expand voting access, ... and restore voting rights ...'), the words it "
        "shares with that clause ('It would'): supplied in brackets when the clause is told "
        "alone ('[It would] restore voting rights ...').")

    @property
    def subjectless(self) -> bool:
        """A clause cut from its sentence with no subject of its own nor one it shares ("known
        as the Panama Papers", "killed at least 50 people" where the parse lost "A gunman"): a
        fact to align across outlets, no statement to tell alone."""
        return bool(self.part_of) and self.subject is None and self.shared is None


class Denial(_Model):
    """A party denying or disputing a statement, as one sentence of an article reports it
    (``consilience.claims.disputes``). The spans are the parse's bounds, untrimmed."""

    who: str = Field(description="The party that denies or disputes.")
    cue: str = Field(description="The word that says so ('denied', 'false', ...).")
    sentence: Span = Field(description="The sentence that reports the denial.")
    target: Span | None = Field(
        default=None, description="What is disputed, when the sentence itself holds it (the "
                                  "clause of 'disputed the claim that ...').")
    holder: str | None = Field(
        default=None, description="Whose statement is disputed, when the denial names it "
                                  "('dismissed Axelrod's comment', 'the BuzzFeed report').")
    refers: str | None = Field(
        default=None, description="The noun by which the denial names what it disputes, lower "
                                  "case ('report' in 'denied the report', 'allegations' in "
                                  "'the allegations were false').")
    imputed: bool = Field(
        default=False, description="What is denied is an act the denier is said to have done "
                                   "('denied any wrongdoing', 'denied making illegal "
                                   "shipments'): an accusation against the denier.")


class Verdict(str, Enum):
    corroborated = "corroborated"
    single_source = "single-source"
    compatible = "compatible"
    attribution_differs = "attribution differs"
    contradicted = "contradicted"
    contested = "contested"


class Compared(_Model):
    """One side of a comparison behind a verdict: the span and the value read from it."""

    source: SourceRef
    value: str | None = None
    asserted_by: str | None = None


class Explanation(_Model):
    """Why a verdict was given: the rule, the score, and what was compared."""

    summary: str
    rule: str
    score: float | None = None
    compared: list[Compared] = Field(default_factory=list)


class StoryClaim(_Model):
    """A group of aligned claims across a story's articles, with its verdict."""

    id: str
    text: str
    verdict: Verdict
    explanation: Explanation
    sources: list[SourceRef]
    values: list[str] = Field(default_factory=list)
    independent_sources: int = 1
    outlets: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list, description="Ids of the member article claims.")


class StoryEntity(_Model):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)


class GeoCheck(_Model):
    text: str
    sources: list[SourceRef]
    kind: str
    stated: dict[str, Any] = Field(default_factory=dict)
    measured: dict[str, Any] = Field(default_factory=dict)
    verdict: str
    explanation: str


class StageWarning(_Model):
    """A stage that failed on one article or story. The article (story) went on through the
    later stages; what the failed stage should have added is left empty."""

    stage: str
    reason: str = "stage-failed"
    detail: str = ""


class Story(_Model):
    id: str
    title: str
    articles: list[str]
    claims: list[StoryClaim] = Field(default_factory=list)
    entities: list[StoryEntity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    geo_checks: list[GeoCheck] = Field(default_factory=list)
    copies: dict[str, str] = Field(
        default_factory=dict, description="Article id -> id of the article whose copy it reprints."
    )
    stages: list[str] = Field(default_factory=list)
    warnings: list[StageWarning] = Field(
        default_factory=list, description="Story stages that failed on this story.")
    signature: str | None = Field(
        default=None, description="Digest of the story's members and their analyses: the story "
        "stages are not run again while it is unchanged.")


class Article(_Model):
    """One report as read and as analysed."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | date | None = None
    published_inferred: bool = False
    published_confidence: float | None = None
    authors: list[str] = Field(default_factory=list)
    language: str | None = None
    language_supported: bool | None = Field(
        default=None, description="False when no language pipeline reads the article's language: "
                                  "only language-independent stages ran (no claims, quotes, "
                                  "times, quantities or places were extracted from it).")
    skipped_stages: list[str] = Field(
        default_factory=list, description="Stages not run on this article because they do not "
                                          "work for its language.")
    source: str | None = Field(default=None, description="Where the article was read from.")
    input_text: str = Field(description="The text as read, before cleaning.")
    text: str = ""
    removed: list[Removed] = Field(default_factory=list)
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    denials: list[Denial] = Field(
        default_factory=list, description="Denials and disputes the article reports, read once "
                                          "per article for the story's contested claims.")
    copy_of: str | None = None
    stages: list[str] = Field(default_factory=list)
    warnings: list[StageWarning] = Field(
        default_factory=list,
        description="Stages that failed on this article; it went on through the later stages.")
    # Offset map from clean text to input text: (clean_start, input_start, length) per kept run.
    offset_map: list[tuple[int, int, int]] = Field(default_factory=list)
    # The spaCy parse of ``text`` while the article stages run (never serialised or stored):
    # (text the parse is of, Doc).
    _parse: tuple[str, Any] | None = PrivateAttr(default=None)

    def input_offset(self, pos: int, *, end: bool = False) -> int:
        """Map an offset in ``text`` to the corresponding offset in ``input_text`` (the map is
        indexed once while it is in use, then each lookup is a binary search)."""
        from .clean.offsets import indexed

        return indexed(self.offset_map).lookup(pos, end=end)

    def span(self, start: int, end: int, stage: str | None = None) -> Span:
        """A Span over ``text[start:end]`` (surrounding white space trimmed) with its input
        offsets filled in."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(
            start=start,
            end=end,
            input_start=self.input_offset(start),
            input_end=self.input_offset(end, end=True),
            text=self.text[start:end],
            stage=stage,
        )

    def source_ref(self, start: int, end: int) -> SourceRef:
        s = self.span(start, end)
        return SourceRef(
            article=self.id, start=s.start, end=s.end, input_start=s.input_start,
            input_end=s.input_end, text=s.text,
        )

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence that holds ``[start, end)``, else the stretch itself."""
        for s in self.sentences:
            if s.start <= start and end <= s.end:
                return s.start, s.end
        return start, end

    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


class Rejection(_Model):
    """An input or article that could not be analysed, and why. The batch goes on."""

    input: str
    article: str | None = None
    stage: str
    reason: str
    detail: str = ""
    kind: str = Field(
        default="rejected",
        description="'rejected': the input or article could not be analysed; 'stage-warning': "
        "one stage failed on it and the rest of the analysis went on; 'skipped': files of a "
        "folder that are of a type no reader takes, listed in one notice per folder (input is "
        "the folder).")


class RunInfo(_Model):
    version: str
    schema_version: str = SCHEMA_VERSION
    started: datetime
    finished: datetime | None = None
    inputs: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)


class Analysis(_Model):
    """The output of ``consilience analyze``."""

    run: RunInfo
    articles: list[Article] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    rejections: list[Rejection] = Field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


__all__ = [
    "Analysis", "Article", "Claim", "Compared", "Denial", "Entity", "Explanation", "GeoCheck",
    "Place", "Quantity", "Quote", "Rejection", "Removed", "RunInfo", "SCHEMA_VERSION", "SourceRef", "Span",
    "StageWarning", "Story", "StoryClaim", "StoryEntity", "TimeRef", "Verdict",
]
