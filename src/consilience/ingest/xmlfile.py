"""``.xml`` files: an XML file may be a feed (RSS, Atom, RDF: ``feed.xml``, ``rss.xml``) or an
XHTML page; which one is read from its first element, and the file goes to that reader. Any
other XML (a sitemap, a NewsML package, an office document's part) is refused with a message
that names its root element."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejection
from .feeds import articles_from_feed, looks_like_feed
from .fetch import Fetcher
from .html import article_from_html, decode_html
from .ids import file_id
from .limits import read_limited

#: Bytes read to find the first element: enough for an XML declaration, a doctype, comments
#: and processing instructions before it.
SNIFF_BYTES = 4096

#: The first element's name, after any declaration, doctype, comment or processing instruction.
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\xef\xbb\xbf)", re.S | re.I)

#: What to say about common XML that is not an article, by root element.
_NOT_ARTICLES = {
    b"urlset": ("a sitemap", "list its pages' URLs in a file and pass it with --urls"),
    b"sitemapindex": ("a sitemap index", "list its pages' URLs in a file and pass it with "
                                         "--urls"),
    b"opml": ("a list of feeds", "pass the feeds' URLs instead"),
}


def root_element(head: bytes) -> bytes | None:
    """The name of the first element in ``head``, lowercased, without namespace prefix."""
    pos = 0
    while m := _PROLOG.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    m = _ROOT.match(head, pos)
    return m.group(1).split(b":")[-1].lower() if m else None


def read_xml_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Article | Rejection]:
    data = read_limited(path)  # size-checked, and decompressed for .xml.gz
    head = data[:SNIFF_BYTES]
    if not head.strip():
        raise InputError("empty file", input=str(path), reason="empty")
    if looks_like_feed(head):
        yield from articles_from_feed(data, str(path), fetcher)
        return
    root = root_element(head)
    if root == b"html":
        yield article_from_html(decode_html(data, str(path)), file_id(path), str(path))
        return
    if root is None:
        raise InputError("not XML: no element found at the start of the file", input=str(path),
                         reason="malformed")
    name = root.decode("ascii", "replace")
    what, hint = _NOT_ARTICLES.get(root, (None, "only RSS, Atom and RDF feeds and XHTML pages "
                                                "are read from XML files"))
    raise InputError(f"XML whose root element is <{name}>{f' ({what})' if what else ''}, not a "
                     f"feed or a web page: {hint}", input=str(path), reason="unsupported")


__all__ = ["read_xml_file", "root_element"]
