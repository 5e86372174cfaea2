"""The HTTP headers each published file carries: Content-Type and Cache-Control.

A fixed table rather than the `mimetypes` module: that one reads the machine's
/etc/mime.types, and the same site must be served the same way from any CI runner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

UTF8 = "; charset=utf-8"

CONTENT_TYPES = {
    ".html": "text/html" + UTF8,
    ".json": "application/json",
    ".ics": "text/calendar" + UTF8,
    ".csv": "text/csv" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "text/javascript" + UTF8,
    ".mjs": "text/javascript" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".md": "text/markdown" + UTF8,
    ".xml": "application/xml" + UTF8,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".rtf": "application/rtf",
    ".zip": "application/zip",
    ".wasm": "application/wasm",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
}
FEED_TYPES = {
    "feed.xml": "application/rss+xml" + UTF8,
    "atom.xml": "application/atom+xml" + UTF8,
}
BINARY = "application/octet-stream"

# A name that carries its content's hash never changes meaning: a CDN and a browser may
# keep it for a year. Everything else may change under the same name at the next deploy.
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"

# Only where Glasnost (or Pagefind) names files by their content: static/style.1a2b3c4d.css,
# pagefind/fragment/ru_65a3537.pf_fragment. An attachment's name such as
# files/report.20220715.pdf looks hashed but is the editor's and may be replaced.
HASHED_NAMES = {
    "static": re.compile(r"\.[0-9a-f]{8}\.[a-z0-9]+$"),
    "pagefind": re.compile(r"_[0-9a-f]{7,}\.pf_[a-z]+$"),
}


@dataclass(frozen=True, order=True)
class Headers:
    content_type: str
    cache_control: str


def content_type(path: str) -> str:
    name = PurePosixPath(path).name
    if name in FEED_TYPES:
        return FEED_TYPES[name]
    return CONTENT_TYPES.get(PurePosixPath(name).suffix.lower(), BINARY)


def cache_control(path: str) -> str:
    pure = PurePosixPath(path)
    pattern = HASHED_NAMES.get(pure.parts[0]) if len(pure.parts) > 1 else None
    return LONG_CACHE if pattern is not None and pattern.search(pure.name) else SHORT_CACHE


def headers_for(path: str) -> Headers:
    return Headers(content_type(path), cache_control(path))
