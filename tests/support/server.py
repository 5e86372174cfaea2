"""Serve a directory (a built site) over HTTP on 127.0.0.1 for browser tests.

Usage::

    with serve_directory(Path("output")) as base_url:   # "http://127.0.0.1:PORT"
        page.goto(base_url + "/")

Directories are served by their ``index.html`` (``/news`` redirects to ``/news/``);
a missing path answers with the site's ``404.html`` and status 404 (plain 404 if the
site has none). Request logging is silenced.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["free_port", "http_get", "serve_directory"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (for a server a test starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float = 5) -> tuple[int, str]:
    """(status, body) of a GET; (0, reason) while nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
        return 0, str(err)


_TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/manifest+json",
    "image/svg+xml",
)


class _SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".ics": "text/calendar",
        ".svg": "image/svg+xml",
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
        ".pf_filter": "application/octet-stream",
    }

    def guess_type(self, path: str | Any) -> str:
        ctype = super().guess_type(path)
        if ctype.startswith(_TEXT_TYPES) and "charset" not in ctype:
            ctype += "; charset=utf-8"
        return ctype

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == HTTPStatus.NOT_FOUND:
            page = Path(self.directory) / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(HTTPStatus.NOT_FOUND)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Browsers drop connections all the time (cancelled loads, closed pages).
        return


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` on an ephemeral 127.0.0.1 port; yield the base URL (no trailing slash)."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"serve_directory: {root} is not a directory")
    handler = partial(_SiteHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    port = int(server.server_address[1])
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        daemon=True,
        name=f"serve_directory:{port}",
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
