"""Page furniture removal: what a scraper kept that is not the report.

Works line by line on ``input_text``. Each line is kept or removed with a named reason; the clean
text is the kept lines (stripped of surrounding white space) joined by newlines, and the offset
map records where every kept character came from. Spans already in ``removed[]`` (headers found by
a reader) are never kept. A dateline opening the first paragraph ("KYIV (Reuters) - ") is cut
from the front of that line and the sentence kept.

Rules, each small and named, and each a reason string users see in ``removed[]``:

- ``subscribe prompt``: calls to subscribe, sign up, follow, download or listen, that name a
  newsletter, podcast, app, social account or alerts.
- ``photo caption``: picture descriptions and credits (``— Instagram/@...``, ``Photo: ...``,
  ``(Reuters)``, ``Getty Images``, "can be seen ... in this picture").
- ``related link``: a pointer to another story: "Read more: ...", "Related: ...", or a
  headline-like line (no sentence punctuation) made of a headline and a section or outlet name
  joined by a dash or bar ("Russia refuses ... – Ukraine war latest updates").
- ``title repeated``: the article's own title repeated as the first line.
- ``byline``/``dateline``: author lines, update-time lines and leading datelines, moved to
  metadata (authors) or recorded in ``removed[]``.
- ``share prompt``: share, comment, print, advertisement and section-label lines, and ad slots
  run together with read-on links ("Advertisement Continue reading the main story").
- ``subscribe prompt`` also covers newsletter sign-up forms run into one line.
- ``credit line``: contributor and source credits ("With assistance by ...", "Information from:
  ...", "Additional reporting by ...").
- a headline-like line that ends the text is a ``related link`` (nothing follows it, so it heads
  no section).
- ``link disclaimer``: a site's disclaimer of the external links it carries ("ABC News is not
  responsible for the content of external Internet sites").
- ``contact prompt``: an invitation to write or call the newsroom with the address or number
  to do it ("Do you have a story for The Sun Online news team? Email us at tips@... or call
  ...").
- ``repeated line``: a line of six words or more that repeats an earlier line of the text word for
  word (highlights repeated as captions, pull quotes): the statement is kept once.
- ``no article text``: a page whose whole text after cleaning is short (under 50 words) and
  shares no word with its title ("Celebrating 125 years of Progress! ..." under "NYC subway
  work trains collide in tunnel"): the extractor found only the site's furniture, so none of it
  is read as the article's. :func:`text_note` says so for every output.
- ``bracketed note``: a line wholly in square brackets, which pages use for links to other
  stories ("[What are the Panama Papers?]") and for editors' notes ("[Editor's note: Spoilers
  follow ...]"); the report's own sentences are never set in brackets.

Subheadings, list items, table rows and lines in scripts without word spaces are never taken for
related links: a short unpunctuated line alone is not evidence of furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from ..model import Article, Removed
from ..pipeline import article_stage
from .offsets import TextBuilder

_PROMPT_START = re.compile(
    r"^\W*(click|tap|sign up|subscribe|follow|download|listen|get|join|register|"
    r"never miss|like us|sign in|log in|support|become a (member|subscriber)|to receive|want)\b",
    re.IGNORECASE,
)
_PROMPT_WORDS = re.compile(
    r"\b(subscribe|subscription|sign up|newsletters?|podcasts?|our app|the app|follow us|"
    r"notifications|inbox|wherever you get|"
    r"on (twitter|facebook|instagram|telegram|whatsapp|youtube)|"
    r"click here|breaking news alerts?|email alerts?)\b",
    re.IGNORECASE,
)
#: A subscribe prompt is a short line: longer ones are sentences that mention newsletters.
MAX_PROMPT_WORDS = 30
_RELATED_START = re.compile(
    r"^\W*(read more|read also|also read|see also|related( stories| articles| content| coverage)?"
    r"|more on this( story)?|more|watch|recommended|you may also like|read next)\s*[:|>»-]\s*\S",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(\s[—–-]{1,2}\s*(instagram|twitter|x|telegram|facebook|tiktok|youtube)\s*/\s*@\S+\s*$"
    r"|\((photo|image|picture|video|credit|pic)s?\s*:[^)]*\)\s*$"
    r"|^\s*(photo|image|picture|credit|pictured|image caption|image source|caption)\s*:"
    # a caption's credit after its sentence: "... performs during half-time. Photograph: Matt
    # York/AP"
    r"|[.!?]\s+(photograph|photo|picture|image|illustration|composite)s?\s*:\s*[^.!?:]{2,80}$"
    r"|\b(getty images|afp via getty|ap photo|reuters/|epa-efe|shutterstock|alamy)\b"
    r"|^\s*\((reuters|ap|afp)\)\s*$"
    # a picture credit after the caption, the agency in brackets ("... in Reykjavik on April
    # 4, 2016 ©Halldor Kolbeins (AFP)", "©Rodrigo Arangua (AFP/File)"), or before it ("©
    # REUTERS/ Stringer The rocket takes off ...")
    r"|©\s*\w[^©\n]{0,60}\(\s*\w[\w ]{0,20}(/[^)]{1,30})?\)\s*$"
    r"|^\s*©\s*[A-Z]{2,}\s*/"
    # a photographer and agency ending a line with no sentence end ("... “inappropriate
    # content” Dado Ruvic/Reuters"), and a picture's toggles ("Enlarge this image toggle
    # caption Lee Jin-man/AP")
    r"|\s\w[\w'’-]+(\s\w[\w'’-]+){0,2}/(ap|reuters|afp|epa|getty images|bloomberg)\s*$"
    r"|\b(enlarge this image|toggle caption)\b)",
    re.IGNORECASE,
)
_CAPTION_PHRASE = re.compile(
    r"\b(in this (undated |handout |file |still |video )?(picture|photo|photograph|image|handout|"
    r"grab|still)|(picture|photo|image)d? (released|taken|obtained|provided|distributed) (on|by)|"
    r"can be seen [^.]{0,120}\bin this|file photo|handout photo)\b",
    re.IGNORECASE,
)
#: A caption is a sentence or two; a longer line that contains one is a paragraph that a scraper
#: ran together with a caption, and only the caption's sentences are removed from it.
MAX_CAPTION_WORDS = 60
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
#: Characters before a full stop searched for an abbreviation (the longest listed is 6 with the
#: space before it; "U.S.A." style initials are at most 8).
ABBREVIATION_CHARS = 10
#: Words whose full stop does not end a sentence ("Dec. 20", "Mr. Smith", "U.S. forces").
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|st|gen|col|"
    r"lt|sgt|capt|rep|sen|gov|pres|prof|jr|sr|inc|corp|co|ltd|no|vs|etc|[a-z](?:\.[a-z])*)\.$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^\W*(share( this( article| story)?| on| via)?|comments?|print|email|advertisement|"
    r"sponsored|recommended( for you)?|most read|most popular|trending|top stories|skip to|"
    r"jump to|show more|copyright|all rights reserved|©|don'?t miss|related( stories| articles)?|"
    r"read more|more on this( story)?|you may also like|scroll down( for (video|more))?)"
    r"\W*(\d+)?\W*$",
    re.IGNORECASE,
)
#: Share prompts and section labels are short; a longer line starting with "Share" is text.
MAX_SHARE_CHARS = 40
_BYLINE = re.compile(r"^\s*(?i:by|written by|reporting by|words by)\s+"
                     r"[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}"
                     r"(\s*(,|and|&)\s*[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3})*\s*$")
_BYLINE_PREFIX = re.compile(r"^\s*(by|written by|reporting by|words by)\s+", re.IGNORECASE)
#: An update-time line: "Updated 4:12 PM CET, March 14, 2024", "Published 10:02 AM EDT, Tue
#: July 25, 2023", "Posted: 2024-03-14 16:12", "World | Updated: 9 April 2024 07:30". (The colon
#: is matched with the blanks before it, so that blanks are not split two ways: "Updated" with
#: thousands of blanks backtracked quadratically.)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.&' -]{1,40}\s*\|\s*)?"
    r"(?P<kind>updated|published|posted|last updated|first published)"
    r"(?:\s*:)?\s*(?P<when>[\w ,:.+/-]{4,40})$",
    re.IGNORECASE,
)
#: An update-time line is at most this long (a label, the word and a 40-character time).
MAX_DATELINE_CHARS = 110
#: A publication or update time names a year; "2 hours ago" is not a date to keep.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\d{1,2}[:.h]\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)
#: A copyright notice: a copyright sign or word with a year and an owner ("Copyright 2024 The
#: Associated Press. All rights reserved.", "© 2024 Reuters", "(c) 2023 Some Paper Ltd"), or a
#: rights notice ("This material may not be published, broadcast, rewritten or redistributed").
_COPYRIGHT = re.compile(
    r"^\W*(?:(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4})(?:\s*[-–]\s*\d{4})?\b"
    r"|\d{4}\s*©)", re.IGNORECASE)
_RIGHTS = re.compile(r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed|"
                     r"copied)\b", re.IGNORECASE)
#: A copyright or rights notice is a short line.
MAX_COPYRIGHT_WORDS = 30
#: A contributor credit closing a report: "Associated Press writer Jane Doe in Kyiv contributed
#: to this report.", "Reuters reporters ... contributed reporting." (the credit verb and its
#: object end the line).
_CONTRIBUTED = re.compile(
    r"\bcontributed(?: additional)? (?:reporting|to (?:this|the|these) (?:report|story|article|"
    r"reports|stories))\b[^.!?]{0,80}[.]?$", re.IGNORECASE)
#: A contributor credit is at most this many words (a line of names and places).
MAX_CONTRIBUTOR_WORDS = 50
#: A bracketed agency credit ending a line or standing alone: "(Reporting by Jane Doe in Kyiv;
#: Editing by John Roe)" — the credit words and "by", inside brackets, at the end of a line.
_BRACKETED_CREDIT = re.compile(
    r"\((?=[^()]{0,60}\b(?:reporting|writing|editing|compiled|contributing|additional "
    r"reporting|graphics|production)\b[^()]{0,20}\bby\b)[^()]{3,300}\)\s*$", re.IGNORECASE)
_AGENCY = r"(?:Reuters|AP|AFP|dpa|DPA|UPI|Xinhua|Bloomberg|CNN|BBC|IANS|PTI|ANI|TASS|Interfax|EFE)"
#: A dateline opening a report: an upper-case place (with an optional region) and an optional
#: agency, or a place in any case with an agency, then a dash: "KYIV (Reuters) - ",
#: "BEIJING -- ", "WASHINGTON, D.C. — ", "Kyiv (AP) — ", "WASHINGTON ― " (a horizontal bar).
#: Upper-case labels that open a line like a dateline but name no place.
_NOT_PLACES = (r"(?!(?:FILE|UPDATES?|UPDATED|BREAKING|WATCH|EXCLUSIVE|VIDEO|PHOTOS?|LIVE|OPINION|"
               r"ANALYSIS|EDITOR'?S NOTE|CORRECTION|WARNING)\b)")
#: "July 28", "Jan. 5" in a dateline ("KYIV, July 28 (Reuters) - ").
_MONTH_DAY = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}")
_DATELINE_PREFIX = re.compile(
    r"^" + _NOT_PLACES + r"(?:(?P<upper>[A-Z][A-Z.'’]{2,}(?:[ /-][A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?(?:,\s*" + _MONTH_DAY + r")?"
    r"(?:\s*\((?:" + _AGENCY + r"(?:/[^)]{1,30})?|[A-Z][\w.&]*(?:\s[A-Z][\w.&]*){0,3})\))?"
    r"|(?P<mixed>[A-Z][\w.'’]+(?:\s[A-Z][\w.'’]+){0,2})(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"\s*\(" + _AGENCY + r"(?:/[^)]{1,30})?\))"
    r"\s*(?:--|[-–—―])\s+(?=[\"“‘']?[A-Z0-9])"
)
#: A dateline with an agency in brackets, where the dash may be left out ("(CNN) Scores of
#: people ...", "Tirana, Albania (CNN) Some ...", "(Reuters) - Arizona ...").
_AGENCY_DATELINE = re.compile(
    r"^" + _NOT_PLACES + r"(?:[A-Z][\w.'’]+(?:[ /-][A-Z][\w.'’]+){0,3}"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?(?:,\s*" + _MONTH_DAY + r")?\s*)?"
    r"\(" + _AGENCY + r"(?:/[^)]{1,30})?\)\s*(?:(?:--|[-–—―])\s*)?(?=[\"“‘']?[A-Z0-9])"
)
#: Datelines are looked for in this many first kept lines (a title line may precede the body).
DATELINE_LINES = 2
#: ... and one with an agency in brackets in this many ("Story highlights" lines may precede).
AGENCY_DATELINE_LINES = 5
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]。！？」』]\s*$")
_LIST_OR_TABLE = re.compile(r"^\s*(\||[-*•·▪►]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
_HEADLINE_JOIN = re.compile(r"\s(?:–|—|-|\||::|•)\s")
#: A headline-like line has at most this many words (longer unpunctuated lines are kept as text).
MAX_HEADLINE_WORDS = 16
#: Share of capitalised (or non-alphabetic) words that makes a line look like a headline; news
#: sentence-case headlines capitalise names, so a third is enough beside the joining dash.
MIN_HEADLINE_CAPITALS = 0.3
#: A trailing headline has at least this many words (a sign-off such as "Ends" is not one).
MIN_TRAILING_HEADLINE_WORDS = 5


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    index: int
    total: int


def _is_prompt(line: Line) -> bool:
    if len(line.text.split()) > MAX_PROMPT_WORDS:
        return False
    m = _PROMPT_START.search(line.text)
    # The call and the thing to sign up for must be two different words ("Sign up for a Hulu
    # account" in a list of deals is not a prompt; "Sign up for our newsletter" is).
    return bool(m) and bool(_PROMPT_WORDS.search(line.text, m.end()))


#: A caption whose picture credit the page glued before it ("Getty Images Hamilton celebrates
#: victory ...", "Reuters The NK leader watches from a distance ..."): a picture agency's name,
#: then the caption's first word. A wire service also writes sentences that open with its name
#: ("Reuters reported ...", "EPA Administrator ..."), so after one only an article opens a
#: caption.
#: Wire services that also sell pictures, whose names open captions and sentences alike.
_PICTURE_WIRES = r"Reuters|AFP|AP|EPA"
_CREDIT_PREFIX = re.compile(
    r"^\s*(?:(?:Getty Images|Barcroft Media|Rex Features|Shutterstock|Splash News|Alamy|PA Wire"
    r"|PA Images|AFP/Getty Images)(?:\s*[-–]\s*Getty)?\s+[A-Z\"“‘']"
    r"|(?:" + _PICTURE_WIRES + r")\s+(?:The|A|An)\s)")


def _has_caption(text: str) -> bool:
    return bool(_CREDIT.search(text) or _CAPTION_PHRASE.search(text)
                or _CREDIT_PREFIX.match(text))


#: A line that opens with a picture agency's credit and has no sentence end ("Reuters Kim
#: Jong-un's staff cheer in the background after the launch", "EPA South Korea fired a
#: Hyunmoo-II missile towards the East Sea", "AP:Associated Press A currency trader watches a
#: monitor"): the page glued the credit before a caption, and a caption is a phrase, not a
#: sentence. A sentence that opens with the agency's name ends as one ("Reuters reported on
#: Friday that ...", "EPA Administrator Scott Pruitt said ...").
_CREDITED_PHRASE = re.compile(
    r"^\s*(?:AP\s*:\s*Associated Press|Associated Press|" + _PICTURE_WIRES + r"|PA"
    r"|Getty(?:\s*[-–]\s*(?:Contributor|Getty))?)\s+"
    r"[A-Z\"“‘'][^\n]*[^.!?:;,\"”’)\s]\s*$")


def _is_caption(line: Line) -> bool:
    if len(line.text.split()) > MAX_CAPTION_WORDS:
        return False
    return _has_caption(line.text) or bool(_CREDITED_PHRASE.match(line.text))


def caption_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of caption sentences inside a long line (a paragraph run together with a
    caption), each with the white space that follows it."""
    breaks = [m for m in _SENTENCE_BREAK.finditer(text)
              if not _ABBREVIATION.search(text, max(0, m.start() - ABBREVIATION_CHARS), m.start())]
    bounds = [0] + [m.end() for m in breaks] + [len(text)]
    out = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        piece = text[s:e]
        if len(piece.split()) <= MAX_CAPTION_WORDS and _has_caption(piece):
            out.append((s, e))
    return out


#: A photo gallery's widget inlined in the text: each caption ends with "Hide Caption 3 of 25"
#: and the next opens with the gallery's title after "Photos:".
_GALLERY_COUNTER = re.compile(r"\b(?:Hide|Show) [Cc]aption \d+ of \d+\b\s*")
_GALLERY_OPEN = re.compile(r"(?:^|(?<=\s))(?:Photos?|Images?|Gallery|Slideshow): ")
#: Words of text besides its galleries under which a page is a gallery: its captions are the text.
MIN_TEXT_BESIDE_GALLERY = 40


def gallery_captions(text: str) -> list[tuple[int, int]]:
    """Offsets of the captions of a photo gallery inlined in a line, each with its widget
    words: the first from the "Photos:" that opens it (else the line's start: a caption run on
    from the line before), each to the end of its "Hide Caption k of N"."""
    counters = list(_GALLERY_COUNTER.finditer(text))
    if not counters:
        return []
    opens = [m.start() for m in _GALLERY_OPEN.finditer(text, 0, counters[0].start())]
    starts = [opens[0] if opens else 0] + [m.end() for m in counters[:-1]]
    return [(s, m.end()) for s, m in zip(starts, counters, strict=True)]


def gallery_span(text: str) -> tuple[int, int] | None:
    """Offsets of the whole photo gallery inlined in a line, or None."""
    caps = gallery_captions(text)
    return (caps[0][0], caps[-1][1]) if caps else None


def gallery_title(text: str) -> str:
    """The title a gallery repeats after each "Photos:" (the words all its openings share), or
    ""."""
    starts = [m.end() for m in _GALLERY_OPEN.finditer(text)]
    if len(starts) < 2:
        return ""
    runs = [text[i:i + 200].split() for i in starts]
    shared = []
    for words in zip(*runs):
        if len(set(words)) > 1:
            break
        shared.append(words[0])
    return " ".join(shared)


def gallery_marks(text: str, title: str) -> list[tuple[int, int]]:
    """Offsets of a gallery's widget words in a line (its counters, and each "Photos:" with
    the repeated title), leaving the captions: on a page that is only a gallery they are the
    text."""
    out = []
    for m in _GALLERY_COUNTER.finditer(text):
        start = m.start()
        while m.end() == len(text) and start > 0 and text[start - 1] in " \t":
            start -= 1  # the line's last words: no space left before its end
        out.append((start, m.end()))
    for m in _GALLERY_OPEN.finditer(text):
        end = m.end()
        if title and text.startswith(title, end):
            end += len(title)
        while end < len(text) and text[end].isspace():
            end += 1
        out.append((m.start(), end))
    return sorted(out)


def _is_share(line: Line) -> bool:
    if len(line.text) <= MAX_SHARE_CHARS and bool(_SHARE.match(line.text)):
        return True
    # "Advertisement Continue reading the main story": ad slots and read-on links run together
    if len(line.text) > MAX_AD_LINE_CHARS:
        return False
    low = line.text.lower()
    if "advertisement" not in low and "continu" not in low and "sponsored" not in low:
        return False
    rest = _AD_PHRASES.sub(" ", line.text)
    return rest != line.text and not re.search(r"\w", rest)


#: Contributor and source credits closing a report ("— With assistance by ...", "Information
#: from: Erie Times-News", "Additional reporting by ...", "Editing by ...").
_CREDIT_LINE = re.compile(
    r"^\W*(with assistance (by|from)|additional reporting (by|from)|information from\s*:|"
    r"(reporting|writing|editing|compiled|contributing reporting) by|contributing\s*:)\s*\S.{0,150}$",
    re.IGNORECASE)
#: The longest sign-up form line taken as furniture (run-together forms reach about 100 words).
MAX_FORM_WORDS = 150
#: The longest line of ad labels and read-on links alone.
MAX_AD_LINE_CHARS = 120
#: Ad-slot labels and read-on links, which page scrapers run together on one line.
_AD_PHRASES = re.compile(r"\b(advertisement|sponsored content|continue reading( the main story)?|"
                         r"story continues below( advertisement)?)\b", re.IGNORECASE)
#: Phrases of a newsletter sign-up form; a line with two or more of them is the form, however
#: long ("Newsletter Sign Up ... Please verify you're not a robot ... Invalid email address").
_SIGNUP_FORM = re.compile(
    r"(sign up|please verify you'?re not a robot|invalid email address|please re-?enter|"
    r"you must select a newsletter|you agree to receive|view all [\w' ]{0,40}newsletters|"
    r"enter your email( address)?|privacy policy|unsubscribe at any time|"
    r"special offers for [\w' ]{0,60}products)", re.IGNORECASE)


def _is_signup_form(line: Line) -> bool:
    low = line.text.lower()
    if not any(w in low for w in ("sign up", "newsletter", "robot", "email", "you agree",
                                  "special offers", "privacy policy", "unsubscribe")):
        return False
    phrases = {m.group(0).lower() for m in _SIGNUP_FORM.finditer(line.text)}
    words = len(line.text.split())
    # a short line needs two form phrases, a long one three: a paragraph may quote one or two
    need = 2 if words <= MAX_PROMPT_WORDS else 3
    return (len(phrases) >= need and words <= MAX_FORM_WORDS) or (
        len(line.text.split()) <= MAX_PROMPT_WORDS and bool(re.match(
            r"^\W*(you must select a newsletter|view all [\w' ]{0,40}newsletters|"
            r"you agree to receive|please verify you'?re not a robot)", line.text, re.I)))


def _spaced_words(text: str) -> bool:
    """True for text written with spaces between words (not Chinese, Japanese, Thai ...)."""
    words = text.split()
    return bool(words) and len(text) / len(words) < 20


#: A list of other stories' headlines run into one line after its label ("Most Read In TV &
#: Showbiz LEW WANTED SEX WITH TWO Lewis Hamilton's ex reveals ... KHAN'T CHANGE A CHEAT Amir
#: Khan ..."): the label in title case, then headlines, which open with kickers in capitals.
_HEADLINE_LIST = re.compile(r"^(?:Most (?:Read|Popular|Viewed|Shared)|Trending Now|Top Stories"
                            r"|More Stories|Related Stories|Latest Stories)\b")
_KICKER = re.compile(r"\b[A-Z][A-Z'’&]+(?: [A-Z][A-Z'’&]+)+\b")
#: Kickers (runs of two or more words in capitals) that make such a line a list of headlines.
MIN_KICKERS = 2


def _is_related_link(line: Line) -> bool:
    """"Read more: ..." lines, a labelled list of headlines run into one line, and
    headline-like lines that join a headline to a section or outlet name with a dash or bar,
    between paragraphs of the text."""
    text = line.text.strip()
    if _RELATED_START.match(text):
        return True
    if _HEADLINE_LIST.match(text) and len(_KICKER.findall(text)) >= MIN_KICKERS:
        return True
    words = text.split()
    if (line.index == 0 or not words or len(words) > MAX_HEADLINE_WORDS
            or _SENTENCE_END.search(text) or _LIST_OR_TABLE.match(text)
            or not _spaced_words(text) or not _HEADLINE_JOIN.search(text)):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised / len(words) >= MIN_HEADLINE_CAPITALS


def _is_trailing_headline(line: Line) -> bool:
    """A headline-like line that ends the text: nothing follows it, so it heads no section (a
    subheading always does); pages put links to other stories there."""
    text = line.text.strip()
    words = text.split()
    if (line.index == 0 or line.index != line.total - 1
            or not MIN_TRAILING_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS
            or _SENTENCE_END.search(text) or text.endswith((":", ",", ";", "-", "—"))
            or _LIST_OR_TABLE.match(text) or not _spaced_words(text)):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised / len(words) >= MIN_HEADLINE_CAPITALS


#: Fewest words of a line that is dropped for repeating an earlier one (shorter lines, "Yes."
#: or a subheading used twice, may repeat by design).
REPEAT_MIN_WORDS = 6

#: A page's text shorter than this many words, sharing no word with its title, is furniture.
FURNITURE_ONLY_WORDS = 50
#: Title words that say nothing of the story (four letters or more; shorter words are skipped).
_TITLE_STOP = frozenset({"with", "from", "after", "over", "into", "this", "that", "what", "when",
                         "will", "have", "been", "says", "said", "about", "more", "than", "they",
                         "their", "news", "live", "latest", "update", "updates", "video",
                         "watch", "photos"})
_TITLE_STOP_STEMS = frozenset(w[:5] for w in _TITLE_STOP)


def _stems(text: str, least: int) -> set[str]:
    """The first five letters of each word of at least ``least`` letters, lower-cased."""
    return {w[:5] for w in re.findall(rf"[^\W\d_]{{{least},}}", text.lower())}


def furniture_only(text: str, title: str) -> bool:
    """Whether a page's clean ``text`` is no article: under ``FURNITURE_ONLY_WORDS`` words, none
    of them sharing its first five letters with a word of the ``title`` (which must hold three
    such words to go by: "World news - RT International" names a site, not a story). Scripts
    written without word spaces are not judged."""
    if (not text.strip() or len(text.split()) >= FURNITURE_ONLY_WORDS
            or not _spaced_words(text) or not _spaced_words(title)):
        return False
    named = _stems(title, 4) - _TITLE_STOP_STEMS
    return len(named) >= 3 and not named & _stems(text, 3)


def text_note(article: Article) -> str | None:
    """One line saying that ``article`` has no text to read, for every output to carry; None
    when it has text (or has not been cleaned)."""
    if article.text.strip() or not article.input_text.strip():
        return None
    whole = [r for r in article.removed if r.reason == "no article text"]
    if whole:
        words = " ".join(" ".join(r.text for r in whole).split())
        return (f"no article text: the page's only text ({len(words.split())} words: "
                f"\"{words[:60]}{'...' if len(words) > 60 else ''}\") shares no word with its "
                "title, so it is taken for page furniture")
    reasons = sorted({r.reason for r in article.removed})
    return (f"no article text: all {len(article.removed)} lines were page furniture "
            f"({', '.join(reasons)})")


#: An invitation to write or call the newsroom, and an address or number to do it with.
_CONTACT_ASK = re.compile(r"\b(?:e-?mail us|contact us|call us|get in touch|send us|text us|"
                          r"whatsapp us|tips? (?:to|at))\b", re.IGNORECASE)
_CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b\d{3,5}[ -]?\d{3,4}[ -]?\d{3,4}\b")
#: A contact prompt is a short paragraph; a longer one naming an address is text.
MAX_CONTACT_WORDS = 60


def _is_contact_prompt(line: Line) -> bool:
    """"Do you have a story for The Sun Online news team? Email us at tips@... or call 0207 782
    4368": an invitation to write or call with the address or number to do it."""
    return (len(line.text.split()) <= MAX_CONTACT_WORDS and bool(_CONTACT_ASK.search(line.text))
            and bool(_CONTACT_ADDRESS.search(line.text)))


#: A site's disclaimer of the links it carries ("ABC News is not responsible for the content
#: of external Internet sites", "External links are provided for reference purposes").
_LINK_DISCLAIMER = re.compile(
    r"\bnot responsible for the content of (?:external|third[- ]party|other|linked)\b"
    r"|\bexternal links (?:are|is) provided for reference\b", re.IGNORECASE)
#: A disclaimer is a line or two of the page's footer; a longer paragraph is text.
MAX_DISCLAIMER_WORDS = 40


def _is_link_disclaimer(line: Line) -> bool:
    return (len(line.text.split()) <= MAX_DISCLAIMER_WORDS
            and bool(_LINK_DISCLAIMER.search(line.text)))


#: A line wholly in one pair of square brackets.
_BRACKETED = re.compile(r"^\s*\[[^\[\]]+\]\s*$")


def _dateline(text: str) -> re.Match | None:
    return _DATELINE.match(text) if len(text) <= MAX_DATELINE_CHARS else None


def _is_copyright(line: Line) -> bool:
    if len(line.text.split()) > MAX_COPYRIGHT_WORDS:
        return False
    return bool(_COPYRIGHT.match(line.text) or _RIGHTS.search(line.text))


def _is_contributor_credit(line: Line) -> bool:
    if len(line.text.split()) > MAX_CONTRIBUTOR_WORDS:
        return False
    return bool(_CONTRIBUTED.search(line.text) or _BRACKETED_CREDIT.fullmatch(line.text))


def line_date(text: str) -> tuple[str, datetime | date] | None:
    """The time an update-time line states, with its word (``published``, ``updated`` ...):
    a datetime (with its time zone when one is named) when the line gives a clock time, else a
    date. None when the line names no year or the date parser reads none."""
    m = _dateline(text)
    if not m or not _YEAR.search(m.group("when")):
        return None
    import dateparser

    when = dateparser.parse(m.group("when"), languages=["en"],
                            settings={"PREFER_DAY_OF_MONTH": "first",
                                      "REQUIRE_PARTS": ["day", "month", "year"]})
    if when is None:
        return None
    if when.utcoffset() is not None:  # a named zone ("CET", "EDT") as a fixed UTC offset
        when = when.replace(tzinfo=timezone(when.utcoffset()))
    kind = m.group("kind").lower()
    return kind, when if _CLOCK.search(m.group("when")) else when.date()


#: Words of update-time lines that give the first publication (preferred to an update).
PUBLISHED_WORDS = frozenset({"published", "posted", "first published"})


#: Two letters in a row (of any script): a line with none ("***", "x.", "[[[[", "12 | 34") holds
#: no word a statement could be made of.
_WORD = re.compile(r"[^\W\d_]{2}")


def _has_no_word(line: Line) -> bool:
    return _WORD.search(line.text) is None


RULES: list[tuple[str, Callable[[Line], bool]]] = [
    ("byline", lambda ln: bool(_BYLINE.match(ln.text))),
    ("dateline", lambda ln: bool(_dateline(ln.text))),
    ("no words", _has_no_word),
    ("copyright", _is_copyright),
    ("credit line", _is_contributor_credit),
    ("share prompt", _is_share),
    ("subscribe prompt", _is_prompt),
    ("subscribe prompt", _is_signup_form),
    ("photo caption", _is_caption),
    ("credit line", lambda ln: bool(_CREDIT_LINE.match(ln.text))),
    ("related link", _is_related_link),
    ("related link", _is_trailing_headline),
    ("bracketed note", lambda ln: bool(_BRACKETED.match(ln.text))),
    ("contact prompt", _is_contact_prompt),
    ("link disclaimer", _is_link_disclaimer),
]


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _lines(text: str, blocked: list[tuple[int, int]]) -> list[Line]:
    """Lines of ``text`` with spans already removed cut out; offsets into ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        s, e = pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)
        pieces = [(s, e)]
        for bs, be in blocked:
            nxt = []
            for ps, pe in pieces:
                if be <= ps or bs >= pe:
                    nxt.append((ps, pe))
                    continue
                if ps < bs:
                    nxt.append((ps, bs))
                if be < pe:
                    nxt.append((be, pe))
            pieces = nxt
        for ps, pe in pieces:
            while ps < pe and text[ps].isspace():
                ps += 1
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
            if pe > ps:
                out.append((ps, pe))
    return [Line(s, e, text[s:e], i, len(out)) for i, (s, e) in enumerate(out)]


def line_reason(line: Line, title: str = "") -> str | None:
    """Why ``line`` is furniture, or None when it is text."""
    if line.index == 0 and title and _norm(line.text) == title:
        return "title repeated"
    return next((name for name, rule in RULES if rule(line)), None)


def _agency_dateline(text: str) -> int:
    m = _AGENCY_DATELINE.match(text)
    return m.end() if m else 0


#: A dateline in mixed case with no agency ("Detroit – ", "Kiev, Ukraine -- "): taken for one
#: only when its first words name a town or city the gazetteer knows.
_MIXED_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z'’.-]+(?:\s[A-Z][a-z'’.-]+){0,2})"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?\s+(?:--|[-–—―])\s+(?=[\"“‘']?[A-Z0-9])")


def _known_town(name: str) -> bool:
    """Whether ``name`` is the name of a populated place in the gazetteer (exactly)."""
    try:
        from ..geo.gazetteer import default_gazetteer

        gaz = default_gazetteer()
    except Exception:  # no gazetteer: no mixed-case datelines
        return False
    return any(m.how == "exact" and gaz.features[m.index].startswith("PPL")
               for m in gaz.lookup(name))


#: A dateline in capitals closed by a colon ("MOSCOW: Russia's space experts say ...", "NEW
#: DELHI: ..."): taken for one only when it names a city of at least ``COLON_DATELINE_PEOPLE``
#: (a transcript's "PENCE: Well, ..." names a speaker the same way).
_COLON_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,2})\s*:\s+(?=[\"“‘']?[A-Z0-9])")
COLON_DATELINE_PEOPLE = 100_000


def _city(name: str) -> bool:
    from ..nlp.entities import city_population

    return city_population().get(name.lower(), 0) >= COLON_DATELINE_PEOPLE


def dateline_prefix(text: str) -> int:
    """Length of a dateline opening ``text`` ("KYIV (Reuters) - ", "Detroit – ", "MOSCOW: "),
    or 0."""
    m = _DATELINE_PREFIX.match(text) or _AGENCY_DATELINE.match(text)
    if m is None and (mixed := _MIXED_DATELINE.match(text)) and _known_town(mixed["place"]):
        m = mixed
    if m is None and (colon := _COLON_DATELINE.match(text)) and _city(colon["place"]):
        m = colon
    return m.end() if m else 0


_PLATFORMS = r"(?:Twitter|X|Facebook|Instagram|YouTube|TikTok|Bluesky|Threads)"
#: The words a page puts around a social media post embedded in it: "Skip Twitter post by
#: @durov", "End of Twitter post by @durov", "Skip YouTube post 2", and "Report" after the
#: post's signature and date ("— Ana Varga (@anavarga) May 3, 2024 Report").
_EMBED_LABEL = re.compile(
    r"(?:^|(?<=\s))(?:Skip|End of) " + _PLATFORMS + r" (?:post|content|video)s?"
    r"(?: by @\w{1,30}| \d{1,3})?(?:\s+|$)")
#: The signature a scraper keeps after a social media post embedded in a page, ending its
#: line: a dash, the author's name, the handle in brackets, the date ("... — Ana Varga
#: (@anavarga) May 3, 2024"). Searched only in lines holding "(@", each try bounded by the
#: name's length.
POST_SIGNATURE = re.compile(
    r"[\u2014\u2013-]{1,2}\s*(?P<name>[^\s()@\u2014\u2013-][^\n()@\u2014\u2013]{0,58}?)\s*"
    r"\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}))\s*$")


#: The widget's word after an embedded post's signature.
_REPORT_LABEL = re.compile(r"\s+Report\s*$")


def embed_labels(text: str) -> list[tuple[int, int]]:
    """Offsets of the widget words around an embedded post in a line (see ``_EMBED_LABEL``),
    and "Report" after the post's signature (``POST_SIGNATURE``)."""
    out = [m.span() for m in _EMBED_LABEL.finditer(text)]
    if "(@" in text and (m := _REPORT_LABEL.search(text)) and POST_SIGNATURE.search(
            text, 0, m.start()):
        out.append(m.span())
    return out


def _disjoint(cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The cuts in order, each dropped that overlaps one before it (a caption sentence holding
    an embedded post's label)."""
    out: list[tuple[int, int, str]] = []
    for cut in sorted(cuts):
        if not out or cut[0] >= out[-1][1]:
            out.append(cut)
    return out


def _keep_line(builder: TextBuilder, src: str, line: Line, cuts: list[tuple[int, int, str]],
               removed: list[Removed]) -> bool:
    """Keep ``line`` minus the ``cuts`` (each recorded in ``removed``); a separator newline goes
    before it when something is kept and the text is not empty. Returns whether text was kept."""
    pieces, pos = [], line.start
    for cs, ce, _ in cuts:
        if cs > pos and src[pos:cs].strip():
            pieces.append((pos, cs))
        pos = ce
    if line.end > pos and src[pos:line.end].strip():
        pieces.append((pos, line.end))
    if pieces and builder.length:
        builder.insert("\n")
    at = 0
    for cs, ce, reason in cuts:
        while at < len(pieces) and pieces[at][0] < cs:
            builder.keep(*pieces[at])
            at += 1
        removed.append(Removed(start=builder.length, input_start=cs, input_end=ce,
                               text=src[cs:ce], reason=reason))
    for piece in pieces[at:]:
        builder.keep(*piece)
    return bool(pieces)


#: A slide of a gallery run into the text as a line of its own: "4/30 <title> <caption>".
_SLIDE = re.compile(r"^(\d{1,3})/(\d{1,3})\s+(?=\S)")
#: Slides in a row, numbered on, that make a gallery (two could be a date or a score).
MIN_SLIDES = 3


def gallery_slides(lines: list[Line]) -> set[int]:
    """Indexes (in ``lines``) of a gallery's slides: ``MIN_SLIDES`` or more lines in a row
    opening with "k/N", k counting on by one and N the same."""
    out: set[int] = set()
    run: list[int] = []
    last: tuple[int, int] | None = None
    for i, line in enumerate([*lines, None]):
        m = _SLIDE.match(line.text) if line is not None else None
        k = (int(m.group(1)), int(m.group(2))) if m else None
        if k and k[0] <= k[1] and last and k == (last[0] + 1, last[1]):
            run.append(i)
        else:
            if len(run) >= MIN_SLIDES:
                out.update(run)
            run = [i] if k and k[0] <= k[1] else []
        last = k
    return out


def _gallery_page(lines: list[Line], reasons: list[str | None], slides: set[int]) -> bool:
    """Whether a page holds a photo gallery and little else (``MIN_TEXT_BESIDE_GALLERY``
    words besides the lines that are furniture, ``reasons``): its captions are then its text,
    and only the widget's words are cut."""
    words, gallery = 0, bool(slides)
    for i, line in enumerate(lines):
        if i in slides or reasons[i]:
            continue
        span = gallery_span(line.text)
        gallery |= span is not None
        rest = line.text if span is None else line.text[:span[0]] + line.text[span[1]:]
        words += len(rest.split())
    return gallery and words < MIN_TEXT_BESIDE_GALLERY


def clean_text(article: Article) -> Article:
    """Remove page furniture from ``article.input_text``; fill ``text``, ``removed`` and the map."""
    src = article.input_text
    blocked = [(r.input_start, r.input_end) for r in article.removed]
    removed = list(article.removed)
    builder = TextBuilder(src)
    title = _norm(article.title or "")
    kept_lines = 0
    stated: list[tuple[str, datetime | date]] = []  # times of update-time lines, in order
    lines = _lines(src, blocked)
    reasons = [line_reason(line, title) for line in lines]
    slides = gallery_slides(lines)
    gallery_page = _gallery_page(lines, reasons, slides)
    widget_title = gallery_title(src) if gallery_page else ""
    seen: set[str] = set()  # lines kept so far, normalised
    for i, line in enumerate(lines):
        reason = reasons[i]
        if i in slides and not gallery_page:
            reason = "photo gallery"
        norm = _norm(line.text)
        if not reason and len(norm.split()) >= REPEAT_MIN_WORDS:
            if norm in seen:
                reason = "repeated line"
            seen.add(norm)
        if reason:
            removed.append(Removed(start=builder.length, input_start=line.start,
                                   input_end=line.end, text=line.text, reason=reason))
            if reason == "byline" and not article.authors:
                article.authors = [_BYLINE_PREFIX.sub("", line.text).strip()]
            if reason == "dateline" and (when := line_date(line.text)):
                stated.append(when)
            continue
        cuts: list[tuple[int, int, str]] = []  # (input_start, input_end, reason) within line
        cut = (dateline_prefix(line.text) if kept_lines < DATELINE_LINES else
               _agency_dateline(line.text) if kept_lines < AGENCY_DATELINE_LINES else 0)
        if cut:
            cuts.append((line.start, line.start + cut, "dateline"))
        end = line.end  # "... the minister said. (Reporting by ...; Editing by ...)"
        credit = _BRACKETED_CREDIT.search(line.text, cut)
        if credit and credit.start() > cut:
            end = line.start + credit.start()
            while end > line.start + cut and src[end - 1].isspace():
                end -= 1
        if i in slides:  # a page that is only a gallery: its captions are its text
            cuts.append((line.start, line.start + _SLIDE.match(line.text).end(), "photo gallery"))
        base = line.start + cut
        captions = gallery_captions(src[base:end])
        if captions:  # a page that is only a gallery loses the widget's words only
            cuts += [(base + gs, base + ge, "photo gallery") for gs, ge in (
                gallery_marks(src[base:end], widget_title) if gallery_page else captions)]
        if len(line.text.split()) > MAX_CAPTION_WORDS:
            cuts += [(base + cs, base + ce, "photo caption")
                     for cs, ce in caption_sentences(src[base:end])]
        cuts += [(base + ls, base + le, "embed label") for ls, le in embed_labels(src[base:end])]
        if end < line.end:
            cuts.append((end, line.end, "credit line"))
        kept = _keep_line(builder, src, line, _disjoint(cuts), removed)
        kept_lines += kept
    if article.published is None and stated:
        # the first publication time stated, else the first update time
        article.published = next((w for k, w in stated if k in PUBLISHED_WORDS), stated[0][1])
    text, runs = builder.text(), builder.runs
    if article.title and furniture_only(text, article.title):
        removed = [r.model_copy(update={"start": 0}) for r in removed] + [
            Removed(start=0, input_start=i, input_end=i + n, text=src[i:i + n],
                    reason="no article text") for _, i, n in runs]
        text, runs = "", []
    article.text = text
    article.offset_map = runs
    article.removed = sorted(removed, key=lambda r: r.input_start)
    return article


clean_stage = article_stage("clean", needs={"input_text"}, adds={"text", "removed", "offset_map"})(clean_text)
