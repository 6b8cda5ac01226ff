"""Shared pieces of the ingest tests: realistic pages and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = [
    "Flood water breached the river wall at Lowmarsh early on Tuesday, forcing the evacuation "
    "of about 1,200 residents from the low-lying eastern district, the county council said.",
    "Emergency crews worked through the night to shore up a second embankment near the old "
    "mill, where the water had risen to within 30cm of the top by dawn.",
    "\u201cWe have never seen the river this high in April,\u201d said Marta Kowal, who has run "
    "the ferry crossing for 22 years. \u201cThe fields behind my house are a lake.\u201d",
    "The Environment Agency issued three severe flood warnings for the valley and said more "
    "rain was expected on Wednesday afternoon.",
    "Schools in the district will stay closed until Friday, and the council has opened two "
    "rest centres in the town hall and at St Anne's church.",
]


def article_page(title: str = "River wall breached at Lowmarsh as floods force evacuations",
                 paragraphs: list[str] | None = None, extra: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Valley Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Jane Holloway">
<meta property="article:published_time" content="2024-04-09T07:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{body}
{extra}
</article>
<footer><p>Copyright Valley Courier Ltd. All rights reserved.</p></footer>
</body></html>"""


NO_ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Valley Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><footer>Contact us</footer>
</body></html>"""


@contextmanager
def local_server(routes: dict[str, tuple[int, str, bytes] | float]):
    """Serve ``routes`` on 127.0.0.1: path -> (status, content type, body), or a float: sleep
    that many seconds before answering (a server that times out). Yields the base URL and the
    list of request headers received."""
    seen: list[dict[str, str]] = []
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(dict(self.headers))
            hits[self.path] = hits.get(self.path, 0) + 1
            route = routes.get(self.path)
            if callable(route):
                route = route(hits[self.path])
            if isinstance(route, float):
                time.sleep(route)
                route = (200, "text/html", b"<html><body><p>late</p></body></html>")
            status, ctype, body = route or (404, "text/plain", b"not found")
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen, hits
    finally:
        server.shutdown()
        server.server_close()
