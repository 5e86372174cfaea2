"""Markdown to safe HTML: Python-Markdown, then an allowlist sanitiser (nh3).

Rendering Markdown is most of a build's time, so it is done once per distinct text:
results are cached by content hash in a per-user SQLite file (glasnost/cache.py), and
what is not cached is rendered in parallel worker processes when there is enough of it
to pay for them.

Every text has a time budget (CPU seconds): Python-Markdown is quadratic on some inputs
(`[` repeated 30,000 times takes minutes), and one file must not stall a build or the
preview. Over budget, the text is reported as an error with its file.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import multiprocessing as mp
import os
import re
import signal
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from html import unescape
from importlib.metadata import version as package_version
from pathlib import Path
from types import FrameType
from typing import NamedTuple

import markdown
import nh3

from glasnost.cache import make_private
from glasnost.slugs import heading_id

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
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Bump when what the extensions or the sanitiser make of a text changes in a way their
# settings above do not show (say, a post-processing step): cached HTML made under other
# rules is then never reused.
RULES_VERSION = 4


def _renderer_version() -> str:
    rules = json.dumps(
        [
            RULES_VERSION,
            EXTENSIONS,
            {name: sorted(conf) for name, conf in EXTENSION_CONFIGS.items()},
            sorted(ALLOWED_TAGS),
            {tag: sorted(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            sorted(URL_SCHEMES),
        ],
        sort_keys=True,
    )
    digest = hashlib.blake2b(rules.encode("utf-8"), digest_size=8).hexdigest()
    return f"markdown-{markdown.__version__}/nh3-{package_version('nh3')}/{digest}"


RENDERER_VERSION = _renderer_version()

BUDGET_ENV = "GLASNOST_MARKDOWN_BUDGET"
DEFAULT_BUDGET = 10.0  # CPU seconds per text; ordinary texts of 100 KB take well under one

# Failure codes a text can have instead of HTML (catalogue: glasnost/messages.py).
TOO_DEEP = "G304"  # nested deeper than Python-Markdown's recursion can go
OVER_BUDGET = "G306"  # took longer than the time budget


class Rendered(NamedTuple):
    """One text's HTML, what the sanitiser removed from it, or why there is no HTML."""

    html: str
    dropped: tuple[str, ...] = ()
    failure: str | None = None


def text_budget() -> float:
    """The time budget per text: GLASNOST_MARKDOWN_BUDGET seconds, or the default."""
    try:
        chosen = float(os.environ.get(BUDGET_ENV, ""))
    except ValueError:
        return DEFAULT_BUDGET
    return chosen if 0 < chosen <= 24 * 3600 else DEFAULT_BUDGET  # nan, inf, 0: the default


def _make_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


_converter: markdown.Markdown | None = None


def render_one(text: str) -> Rendered:
    """Render and sanitise one text, without a time budget."""
    global _converter  # one converter per process: building it costs more than a short text
    if _converter is None:
        _converter = _make_converter()
    try:
        html = _converter.reset().convert(text)
    except RecursionError:
        _converter = None  # its state is unknown after an unwound recursion
        return Rendered("", failure=TOO_DEEP)
    return Rendered(sanitise(html), dropped_markup(html))


class _OverBudget(Exception):
    pass


def _over_budget(signum: int, frame: FrameType | None) -> None:
    raise _OverBudget


_HAS_TIMERS = hasattr(signal, "setitimer") and hasattr(signal, "SIGVTALRM")


def render_batch(texts: Sequence[str], budget: float) -> list[Rendered]:
    """Render each text within `budget` seconds. Module-level so workers can call it.

    In a process's main thread the budget is CPU time, kept by a timer whose signal
    interrupts Python-Markdown wherever it is. Signals reach only the main thread, so in
    another one (the preview rebuilds in a thread) a timer thread raises the interruption
    in the rendering thread instead, after that much wall-clock time.
    """
    if threading.current_thread() is not threading.main_thread():
        return [_render_within_wall_time(text, budget) for text in texts]
    if not _HAS_TIMERS:
        return [render_one(text) for text in texts]
    previous = signal.signal(signal.SIGVTALRM, _over_budget)
    try:
        return [_render_within(text, budget) for text in texts]
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def render_batch_packed(texts: Sequence[str], budget: float) -> str:
    """render_batch for a worker process: its results as one JSON block (unpack_batch).

    The pool's result thread receives what workers send; decoded there, every HTML text
    would live in that thread's malloc arena, where the memory of the Markdown the build
    drops meanwhile (glibc's main arena) is never reused: 100 MB more on 10,000 items.
    The caller decodes the block in its own thread instead. JSON: a block that decodes
    into plain strings only, whatever the texts held.
    """
    rows = [[r.html, list(r.dropped), r.failure] for r in render_batch(texts, budget)]
    return json.dumps(rows, ensure_ascii=False)


def unpack_batch(block: str) -> list[Rendered]:
    """The results render_batch_packed sent."""
    return [Rendered(html, tuple(dropped), failure) for html, dropped, failure in json.loads(block)]


def _render_within(text: str, budget: float) -> Rendered:
    global _converter
    try:
        signal.setitimer(signal.ITIMER_VIRTUAL, budget)
        try:
            return render_one(text)
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    except _OverBudget:
        _converter = None  # interrupted mid-conversion: its state is unknown
        return Rendered("", failure=OVER_BUDGET)


def _interrupt(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in another thread at its next bytecode (None: cancel a pending one).

    CPython's PyThreadState_SetAsyncExc: the only way to stop pure-Python code running in
    a thread that is not the main one.
    """
    pending = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), pending)


def _render_within_wall_time(text: str, budget: float) -> Rendered:
    global _converter
    me = threading.get_ident()
    timer = threading.Timer(budget, _interrupt, (me, _OverBudget))
    try:
        timer.start()
        try:
            return render_one(text)
        finally:
            timer.cancel()
            timer.join()
            _interrupt(me, None)  # it may have fired just as the text was done
    except _OverBudget:
        _converter = None
        return Rendered("", failure=OVER_BUDGET)


def release_free_memory() -> None:
    """Give the memory the C library holds free inside its heap back to the system
    (glibc's malloc_trim): worth it before forking workers, which would map it too."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # another C library: nothing to do
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


def sanitise(html: str) -> str:
    # Headings in content start at h2: the page title is the only h1.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[^\s/>\"'=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
)
_ATTRIBUTE = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*)\s*:")
_LINK = re.compile(r'\s(href|src)="([^"]*)"')
MAX_DROPPED = 10  # per text: one warning per kind of thing, not one per occurrence


def dropped_markup(html: str) -> tuple[str, ...]:
    """What the sanitiser will remove from Python-Markdown's HTML, named for a warning:
    `<script>` (a tag), `onclick=` (an attribute), `javascript:` (a link's scheme).

    Comments are removed too but not named: editors leave notes in them on purpose.
    """
    found: dict[str, None] = {}
    for match in _TAG.finditer(html):
        tag = match.group(1).lower()
        if tag not in ALLOWED_TAGS and tag != "h1":  # h1 becomes h2, not dropped
            found[f"<{tag}>"] = None
            continue
        if match.group(2):
            for what in _dropped_attributes(tag, match.group(2)):
                found[what] = None
        if len(found) >= MAX_DROPPED:
            break
    return tuple(found)[:MAX_DROPPED]


def _dropped_attributes(tag: str, attributes: str) -> list[str]:
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
    dropped = []
    for name, value in _ATTRIBUTE.findall(attributes):
        name = name.lower()
        if name not in allowed:
            dropped.append(f"{name}=")
        elif name in ("href", "src") and value:
            scheme = _SCHEME.match(unescape(value.strip("\"'")))
            if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                dropped.append(scheme.group(1).lower() + ":")
    return dropped


def links(html: str) -> list[tuple[str, str]]:
    """(attribute, target) of every href and src in rendered HTML."""
    return _LINK.findall(html)


def cache_key(text: str) -> str:
    """The text's hash under this renderer's version: new rules never reuse old HTML."""
    data = RENDERER_VERSION.encode("utf-8") + b"\0" + text.encode("utf-8")
    return hashlib.blake2b(data, digest_size=20).hexdigest()


CACHE_FILE = "markdown.sqlite3"


class MarkdownCache:
    """Rendered texts by key in SQLite, text columns only: nothing a load could execute.

    An entry is found only by the hash of its text and of the renderer's version (the
    Python-Markdown and nh3 versions and our rules), so it serves exactly the text it was
    made from, by the sanitiser of this build. Entries are not sanitised again on reading:
    that would add a third to a warm build, and the cache lives in the user's own private
    folder (glasnost/cache.py), which no commit can write to. A cache that cannot be read
    or written only makes a build slower, never wrong.
    """

    def __init__(self, path: Path | None, writable: bool = True) -> None:
        self.path = path
        self.writable = writable
        self._db: sqlite3.Connection | None = None
        self._failed = path is None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._failed or self.path is None:
            return self._db
        try:
            if self.writable:
                make_private(self.path.parent)
                db = sqlite3.connect(self.path, timeout=10)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS rendered "
                    "(key TEXT PRIMARY KEY, html TEXT NOT NULL, dropped TEXT NOT NULL)"
                )
            elif self.path.is_file():  # `check` writes nothing, not even a new cache
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
            else:
                self._failed = True
                return None
        except (sqlite3.Error, OSError):
            self._failed = True
            return None
        self._db = db
        return db

    def get_many(self, keys: Sequence[str]) -> dict[str, Rendered]:
        db = self._connect()
        found: dict[str, Rendered] = {}
        if db is None:
            return found
        wanted = sorted(set(keys))
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, html, dropped FROM rendered WHERE key IN ({marks})"
                for key, html, dropped in db.execute(query, chunk):
                    entry = _verified(html, dropped)
                    if isinstance(key, str) and entry is not None:
                        found[key] = entry
        except sqlite3.Error:
            return {}
        return found

    def store(self, entries: dict[str, Rendered], used: set[str] | None = None) -> None:
        """Add new entries; with `used`, also forget those this build did not use (deleted
        texts), which only the end of a build knows."""
        if not self.writable or (not entries and used is None):
            return
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                self._insert(db, entries)
                if used is not None:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM used")
                    db.executemany(
                        "INSERT OR IGNORE INTO used (key) VALUES (?)", [(k,) for k in used]
                    )
                    db.execute("DELETE FROM rendered WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.Error:
            pass  # another build holds the lock, or the disk is full: the next build renders

    @staticmethod
    def _insert(db: sqlite3.Connection, entries: dict[str, Rendered]) -> None:
        # The HTML goes in as UTF-8 bytes made one row at a time, stored as the same
        # TEXT: bound as a str, sqlite3 would leave each text's UTF-8 copy cached on the
        # str object, which the model may keep (~100 MB on 10,000 items).
        db.executemany(
            "INSERT OR REPLACE INTO rendered (key, html, dropped) VALUES (?, CAST(? AS TEXT), ?)",
            ((k, r.html.encode("utf-8"), json.dumps(list(r.dropped))) for k, r in entries.items()),
        )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _verified(html: object, dropped: object) -> Rendered | None:
    if not isinstance(html, str) or not isinstance(dropped, str):
        return None
    try:
        names = json.loads(dropped)
    except ValueError:
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return Rendered(html, tuple(names))


class MarkdownRenderer:
    """Renders many texts at once, with a persistent cache, worker processes and a budget."""

    def __init__(
        self,
        cache_dir: Path | None,
        workers: int | None = None,
        budget: float | None = None,
        save: bool = True,
    ) -> None:
        self.cache = MarkdownCache(cache_dir / CACHE_FILE if cache_dir else None, writable=save)
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.budget = budget if budget is not None else text_budget()
        self.fresh: dict[str, Rendered] = {}
        self.stored = False  # some of this build's new entries are in the cache already
        self.forked = False  # the last call's texts were rendered by workers forked from here
        self.used: set[str] = set()
        # The last call's texts with their keys and results, by the text itself: the live
        # preview renders the whole site again after each save, and an unchanged text
        # (the same string object, whose hash Python keeps) then costs a dict lookup
        # instead of hashing it and reading the SQLite cache.
        self.recent: dict[str, tuple[str, Rendered]] = {}

    def render_all(self, texts: Sequence[str]) -> list[Rendered]:
        recent = self.recent
        new = [text for text in texts if text not in recent]
        keys = [cache_key(text) for text in new]
        known = self.cache.get_many(keys)
        missing: dict[str, str] = {}
        for key, text in zip(keys, new, strict=True):
            if key not in known and key not in missing:
                missing[key] = text
        results = dict(zip(missing, self._render(list(missing.values())), strict=True))
        self.fresh.update({k: r for k, r in results.items() if r.failure is None})
        found = {**known, **results}
        for key, text in zip(keys, new, strict=True):
            recent[text] = (key, found[key])
        kept = {text: recent[text] for text in texts}
        self.used.update(key for key, _ in kept.values())
        # A failure (too deep, over budget) is tried again next time, as a clean build would.
        self.recent = {text: got for text, got in kept.items() if got[1].failure is None}
        return [kept[text][1] for text in texts]

    def _render(self, texts: list[str]) -> list[Rendered]:
        self.forked = False
        if not texts:
            return []
        if self.workers <= 1 or len(texts) < PARALLEL_THRESHOLD:
            return render_batch(texts, self.budget)  # the common case: no process to start
        # A process with threads must not fork (a held lock would be inherited).
        in_main = threading.current_thread() is threading.main_thread()
        methods = mp.get_all_start_methods()
        method = "fork" if in_main and "fork" in methods else "forkserver"
        if method not in methods:
            method = "spawn"
        size = max(16, len(texts) // (self.workers * 16))
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        budgets = [self.budget] * len(chunks)
        # A forked worker shares the parent's memory until it writes to it, and its
        # garbage collector would write to every object it inherited (the whole site
        # model): frozen, they are left alone, and stay shared.
        frozen = self.forked = method == "fork"
        if frozen:
            release_free_memory()  # or each worker would map it too
            gc.freeze()
        try:
            with ProcessPoolExecutor(self.workers, mp_context=mp.get_context(method)) as pool:
                packed = pool.map(render_batch_packed, chunks, budgets)
                return [r for batch in packed for r in unpack_batch(batch)]
        except BrokenProcessPool:  # a worker died (out of memory, killed): render here
            return render_batch(texts, self.budget)
        finally:
            if frozen:
                gc.unfreeze()

    def store_fresh(self) -> None:
        """Put what was rendered so far into the cache now, instead of holding it to the
        end of the build (nothing is written to a read-only cache)."""
        if self.fresh:
            self.cache.store(self.fresh)
            self.stored = True
        self.fresh = {}

    def save(self) -> None:
        """Store what is new and forget the entries the build did not use; a build that
        rendered nothing new leaves the cache as it is."""
        if self.fresh or self.stored:
            self.cache.store(self.fresh, self.used)
        self.fresh = {}
        self.stored = False

    def close(self) -> None:
        self.cache.close()
