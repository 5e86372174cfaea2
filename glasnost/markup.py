"""Markdown to safe HTML: Python-Markdown, then an allowlist sanitiser (nh3).

Rendering Markdown is most of a build's time, so it is done once per distinct text:
results are cached on disk by content hash, and what is not cached is rendered in
parallel worker processes when there is enough of it to pay for them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown
import nh3

from glasnost.slugs import heading_id

CACHE_VERSION = "md-v3"
PARALLEL_THRESHOLD = 96
EXTENSIONS = ["tables", "toc", "attr_list", "footnotes", "sane_lists", "def_list", "abbr"]
EXTENSION_CONFIGS = {
    "toc": {"slugify": lambda text, sep: heading_id(text, sep), "toc_depth": "2-4"}
}

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
}
_UNSAFE = re.compile(
    r"<\s*(script|iframe|object|embed|style|form)\b"
    r"|\son[a-z]+\s*="
    r"""|(?:\]\(|=\s*["']?)\s*javascript\s*:""",
    re.I,
)
_LINK = re.compile(r'\s(href|src)="([^"]*)"')


def _make_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


_converter: markdown.Markdown | None = None


# What render_one returns for a text nested too deeply for Python-Markdown's recursion
# (thousands of "- - - -" or "> > >"): the site model reports it as an error.
TOO_DEEP = "\x00glasnost:too-deep"


def render_one(text: str) -> str:
    """Render and sanitise one text. Module-level so worker processes can call it."""
    global _converter  # one converter per process: building it costs more than a short text
    if _converter is None:
        _converter = _make_converter()
    try:
        html = _converter.reset().convert(text)
    except RecursionError:
        _converter = None  # its state is unknown after an unwound recursion
        return TOO_DEEP
    return sanitise(html)


def render_batch(texts: Sequence[str]) -> list[str]:
    return [render_one(text) for text in texts]


def sanitise(html: str) -> str:
    # Headings in content start at h2: the page title is the only h1.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


def unsafe_markup(text: str) -> str | None:
    """What a sanitiser will remove, named for the warning, or None."""
    if "<" not in text and "javascript" not in text.lower():
        return None  # the common case, decided without the slow pattern
    match = _UNSAFE.search(text)
    return match.group(0).strip() if match else None


def links(html: str) -> list[tuple[str, str]]:
    """(attribute, target) of every href and src in rendered HTML."""
    return _LINK.findall(html)


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class MarkdownRenderer:
    """Renders many texts at once, with a persistent cache and worker processes."""

    def __init__(self, cache_dir: Path | None, workers: int | None = None) -> None:
        self.cache_file = cache_dir / f"{CACHE_VERSION}.pickle" if cache_dir else None
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.cache: dict[str, str] = self._load_cache()
        self.dirty = False

    def _load_cache(self) -> dict[str, str]:
        if self.cache_file is None or not self.cache_file.is_file():
            return {}
        try:
            with self.cache_file.open("rb") as handle:
                loaded = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            return {}  # a damaged cache is only slower, never wrong
        return loaded if isinstance(loaded, dict) else {}

    def render_all(self, texts: Sequence[str]) -> list[str]:
        keys = [_key(text) for text in texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self.cache and key not in missing:
                missing[key] = text
        if missing:
            self._render_missing(missing)
        return [self.cache[key] for key in keys]

    def _render_missing(self, missing: dict[str, str]) -> None:
        todo = list(missing.items())
        texts = [text for _, text in todo]
        if self.workers > 1 and len(texts) >= PARALLEL_THRESHOLD:
            size = max(16, len(texts) // (self.workers * 4))
            chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
            with ProcessPoolExecutor(max_workers=self.workers) as pool:
                results = [html for batch in pool.map(render_batch, chunks) for html in batch]
        else:
            results = render_batch(texts)
        for (key, _), html in zip(todo, results, strict=True):
            self.cache[key] = html
        self.dirty = True

    def save(self, keep: set[str] | None = None) -> None:
        if self.cache_file is None or not self.dirty:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            # Unique per process: two builds of one site (serve and make build) may overlap.
            tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(self.cache, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.cache_file)
        except OSError:
            pass  # a read-only site folder just builds without a cache
