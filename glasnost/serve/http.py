"""The preview's HTTP side: what a GET returns, and the events that reload a tab.

Each served page carries a small script that opens a server-sent-events stream naming
the page and a digest of what it was given; after a rebuild the server compares that
digest with the page's new bytes and tells only the tabs whose page changed to reload.
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from glasnost.console import say
from glasnost.serve.memory import Content

if TYPE_CHECKING:
    from glasnost.serve.preview import Preview

EVENTS_URL = "/__glasnost/events"
# Opens the page's event stream; `%s` is the digest of what the page was given.
RELOAD_SCRIPT = (
    "<script>(function(){if(!window.EventSource)return;"
    'var s=new EventSource("' + EVENTS_URL + '?page="+encodeURIComponent(location.pathname)'
    '+"&v=%s");s.addEventListener("reload",function(){s.close();location.reload()})})();'
    "</script>"
)
KEEPALIVE_SECONDS = 15.0  # an idle tab costs the server one wake-up this often


@dataclass(frozen=True)
class Response:
    status: HTTPStatus
    content_type: str
    body: bytes
    location: str | None = None

    @property
    def digest(self) -> str:
        seed = f"{int(self.status)}\n".encode()
        return hashlib.blake2b(seed + self.body, digest_size=12).hexdigest()


HTML = "text/html; charset=utf-8"


def output_key(url_path: str) -> str | None:
    """The output file a URL path names (`/news/` -> news/index.html); None if it escapes."""
    path = unquote(urlsplit(url_path).path)
    parts = PurePosixPath(path).parts[1:] if path.startswith("/") else ()
    if ".." in parts or "\x00" in path:
        return None
    key = "/".join(parts)
    if path.endswith("/") or not key:
        key = f"{key}/index.html" if key else "index.html"
    return key


def read_content(content: Content) -> bytes | None:
    if isinstance(content, bytes):
        return content
    try:
        return content.read_bytes()
    except OSError:  # an attachment deleted since the build: the next build drops it
        return None


def content_type(key: str) -> str:
    if key.endswith(".html"):
        return HTML
    if key.endswith(".json"):
        return "application/json"
    if key.endswith(".ics"):
        return "text/calendar; charset=utf-8"
    guessed, _ = mimetypes.guess_type(key)
    guessed = guessed or "application/octet-stream"
    return guessed + "; charset=utf-8" if guessed.startswith("text/") else guessed


def not_found_text(language: str) -> bytes:
    text = say(language, "Страница не найдена", "Page not found")
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{text}</title></head><body><main><h1>{text}</h1></main></body></html>"
    ).encode()


def error_page(preview: Preview) -> bytes:
    title = say(
        preview.language,
        "Сборка остановлена: исправьте ошибки",
        "The build stopped: fix these errors",
    )
    rows = "".join(
        f"<li><code>{html.escape(d['path'])}{':' + str(d['line']) if d['line'] else ''}</code> "
        f"{html.escape(d['message'])}<br><small>{html.escape(d['hint'])}</small></li>"
        for d in preview.errors
    )
    page = (
        f'<!DOCTYPE html><html lang="{preview.language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font:18px/1.5 sans-serif;margin:2rem;max-width:60rem}}"
        f"li{{margin:1rem 0}}code{{background:#fee;padding:0 .2em}}</style></head>"
        f"<body><main><h1>{title}</h1><ol>{rows}</ol></main></body></html>"
    )
    return page.encode("utf-8")


def with_reload_script(response: Response) -> bytes:
    """The page as served: the built bytes plus the script, which never reaches output/."""
    script = (RELOAD_SCRIPT % response.digest).encode()
    body = response.body
    at = body.rfind(b"</body>")
    return body[:at] + script + body[at:] if at >= 0 else body + script


class PreviewHandler(BaseHTTPRequestHandler):
    preview: Preview
    server_version = "Glasnost-preview"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS_URL:
            self.stream_events()
            return
        self.send(head_only=False)

    def do_HEAD(self) -> None:
        self.send(head_only=True)

    def send(self, head_only: bool) -> None:
        response = self.preview.response(self.path)
        body = response.body
        if response.content_type == HTML and response.location is None:
            body = with_reload_script(response)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if response.location is not None:
            self.send_header("Location", response.location)
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def stream_events(self) -> None:
        """Tell this tab to reload once its page's bytes differ from what it was given."""
        query = parse_qs(urlsplit(self.path).query)
        page = query.get("page", ["/"])[0]
        given = query.get("v", [""])[0]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        try:
            for _ in builds_after(preview):
                if preview.response(page).digest != given:
                    self.wfile.write(b"event: reload\ndata: changed\n\n")
                    self.wfile.flush()
                    return
                self.wfile.write(b": waiting\n\n")  # also finds out that the tab has gone
                self.wfile.flush()
        except OSError:
            return  # the tab was closed


def builds_after(preview: Preview) -> Iterator[int]:
    """Yields now, then after each change of what is served (or keep-alive interval)."""
    with preview.changed:
        seen = preview.version
    yield seen
    while True:
        seen = wait_for_build(preview, seen)
        yield seen


def wait_for_build(preview: Preview, seen: int) -> int:
    with preview.changed:
        preview.changed.wait_for(lambda: preview.version != seen, KEEPALIVE_SECONDS)
        return preview.version
