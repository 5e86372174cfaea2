"""`build.py serve`: a live preview that rebuilds on every change and reloads the page.

The preview keeps the built site in memory: nothing is written into the site folder, so
nothing is left there when it is stopped (Ctrl+C, a kill, a closed terminal). Content
files are kept parsed between builds and only changed ones are read again
(glasnost/incremental.py); the site model and the pages are built anew each time.

Each served page carries a small script that opens a server-sent-events stream naming
the page and a digest of what it was given; after a rebuild the server compares that
digest with the page's new bytes and tells only the tabs whose page changed to reload.
A content error keeps the server running and shows the diagnostics in the terminal and
on every open tab until the next good build.
"""

from __future__ import annotations

import gc
import hashlib
import html
import math
import mimetypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import chain
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2
import jinja2.bccache
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from glasnost.config import CONFIG_FILE
from glasnost.console import print_diagnostics, say, summary_line
from glasnost.depends import PageMemo
from glasnost.diagnostics import Diagnostics
from glasnost.feeds import EntryMemo
from glasnost.incremental import SourceCache
from glasnost.model import Site
from glasnost.outputgroups import MemoryGroups
from glasnost.pipeline import (
    BuildOptions,
    BuildResult,
    check_site,
    new_diagnostics,
    repeated,
    report_duplicates,
    site_language,
)
from glasnost.render import (
    Renderer,
    TemplateProblem,
    report_template_problem,
    site_files,
    sitemap,
)
from glasnost.types import all_types
from glasnost.types.base import ContentType, Item, OutputFile

EVENTS_URL = "/__glasnost/events"
# Opens the page's event stream; `%s` is the digest of what the page was given.
RELOAD_SCRIPT = (
    "<script>(function(){if(!window.EventSource)return;"
    'var s=new EventSource("' + EVENTS_URL + '?page="+encodeURIComponent(location.pathname)'
    '+"&v=%s");s.addEventListener("reload",function(){s.close();location.reload()})})();'
    "</script>"
)
KEEPALIVE_SECONDS = 15.0  # an idle tab costs the server one wake-up this often
QUIET_SECONDS = 0.05  # an editor's save is several events within a few milliseconds
SWITCH_SECONDS = 0.001  # see serve()

Content = bytes | Path  # rendered bytes, or a file copied as it is (static, attachments)


# --- building into memory ----------------------------------------------------------------


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between the preview's builds, in memory.

    Jinja keys each by the template's name and a checksum of its source, so an edited
    template is compiled again; compiling all of them was most of a small site's rebuild.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Superseded(Exception):
    """Files changed again while the site was being rendered: start over with them."""


def render_in_memory(
    site: Site,
    diag: Diagnostics,
    compiled: CompiledTemplates | None = None,
    superseded: Callable[[], bool] = lambda: False,
    previous: dict[str, Content] | None = None,
    memo: PageMemo | None = None,
) -> dict[str, Content] | None:
    """Every output file of `build` (search index aside), by path; None on a template error.

    The same renderer calls as pipeline.build's, collected instead of written. Raises
    Superseded as soon as `superseded()` says a newer change is waiting: on a large site
    the full render takes seconds, and the next save should not wait for a stale one.
    A file whose bytes equal the `previous` build's is kept as that object, so that the
    old and the new site are not both held whole while the new one is rendered.

    With a `memo` (the preview's), item pages and list pages whose fingerprint
    (glasnost/depends.py) is the one they had in `previous` are not rendered: their
    previous bytes are kept. The memo's new fingerprints wait in `memo.pending` until
    the caller shows these files (`memo.commit`).
    """
    previous = previous or {}
    renderer = Renderer(site)
    renderer.env.bytecode_cache = compiled
    files: list[OutputFile] = []
    kept: set[str] = set()
    groups = MemoryGroups(site, renderer, previous, memo, kept)
    try:
        for file in chain(
            groups.item_files(list(site.visible_items())),
            site_files(site, renderer, groups.list_files if memo is not None else None),
        ):
            before = previous.get(file.path)
            if isinstance(before, bytes) and before == file.content:
                file = OutputFile(file.path, before)
            files.append(file)
            if len(files) % CANCEL_EVERY == 0 and superseded():
                raise Superseded
    except TemplateProblem as exc:
        report_template_problem(exc, diag)
        return None
    paths = [f.path for f in files]
    files.append(sitemap(site, paths))
    paths.append("sitemap.xml")
    duplicates = repeated(paths)
    if duplicates:
        report_duplicates(duplicates, diag)
        return None
    if memo is not None:
        memo.pending = groups.fingerprints
        memo.pending_rendered = [p for p in paths if p not in kept]
    return {f.path: f.content for f in files}


CANCEL_EVERY = 64  # files rendered between looks at the watcher (a few milliseconds)


class EarlyPages:
    """Pages of a model that passed its checks, rendered one by one when asked for.

    The whole site takes seconds to render on a large site; the page a press secretary
    has open is most often an item's, the home page or a list, and each of those needs
    only the model. Until the full render is done, such a page is rendered on request
    from the new model (the same renderer calls, so the same bytes); everything else is
    served from the previous build meanwhile.
    """

    def __init__(self, site: Site, compiled: CompiledTemplates) -> None:
        self.site = site
        self.compiled = compiled
        self.renderer: Renderer | None = None
        # What renders each page: an item, the home page (None) or a type's list.
        self.sources: dict[str, Item | ContentType | None] = {"index.html": None}
        self.sources["index.json"] = None
        for item in site.visible_items():
            page = item.url.lstrip("/")
            self.sources[page + "index.html" if item.url.endswith("/") else page] = item
            self.sources[page + "index.json"] = item
        for kind in site.kinds:
            if kind.has_list:
                for page in list_page_paths(site, kind):
                    self.sources[page + "index.html"] = kind
                    self.sources[page + "index.json"] = kind
        self.rendered: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if key not in self.sources:
            return None
        with self.lock:
            if key not in self.rendered:
                try:
                    self._render(key, self.sources[key])
                except TemplateProblem:
                    return None  # the full render reports it
            return self.rendered.get(key)

    def _render(self, key: str, source: Item | ContentType | None) -> None:
        if self.renderer is None:
            self.renderer = Renderer(self.site)
            self.renderer.env.bytecode_cache = self.compiled
        if isinstance(source, Item):
            files = self.renderer.item_page(source)
        elif source is None:
            files = self.renderer.home()
        else:
            files = self.renderer.list_pages(source)
        for file in files:  # a list's pages come in order: stop at the one asked for
            if isinstance(file.content, bytes):
                self.rendered[file.path] = file.content
            if key in self.rendered:
                break


def list_page_paths(site: Site, kind: ContentType) -> list[str]:
    """The folders of a type's list pages, as Renderer.list_pages numbers them."""
    pages = max(1, math.ceil(len(site.collection(kind.name)) / site.config.page_size))
    first = kind.list_url().lstrip("/")
    return [first] + [f"{first}page/{n}/" for n in range(2, pages + 1)]


class Preview:
    """The site as the preview serves it: the last good files and the last build's errors."""

    def __init__(self, options: BuildOptions, fingerprints: bool = True) -> None:
        self.options = options
        self.sources = SourceCache()
        self.compiled = CompiledTemplates()
        # Pages whose fingerprint did not change keep their bytes (glasnost/depends.py);
        # without, every build renders every page.
        self.pages: PageMemo | None = PageMemo() if fingerprints else None
        self.feed_entries = EntryMemo()  # made again only for items that changed
        self.files: dict[str, Content] = {}
        self.early: EarlyPages | None = None  # while a checked model is being rendered
        self.errors: list[dict[str, Any]] = []
        self.language = site_language(options.site_dir)
        self.builds = 0
        self.version = 0  # what tabs may see changed: bumped by early pages and by builds
        self.changed = threading.Condition()

    def rebuild(
        self, superseded: Callable[[], bool] = lambda: False, changed: list[Path] | None = None
    ) -> BuildResult | None:
        """Build and show the result; None when a newer change cut the build short.

        `changed`: the files the watcher saw change (None: it is not known); the content
        cache then looks only at those (see glasnost/incremental.py).
        """
        diag = new_diagnostics()
        result = BuildResult(diag, site_language(self.options.site_dir))
        self.sources.expect(changed)
        try:
            with collector_paused():
                site = check_site(self.options, diag, self.sources)
            if site is not None:
                site.feed_memo = self.feed_entries
                self.offer(EarlyPages(site, self.compiled))
            files = (
                render_in_memory(site, diag, self.compiled, superseded, self.files, self.pages)
                if site is not None
                else None
            )
        except Superseded:
            return None  # its early pages stay until the next build's replace them
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the preview
            diag.error("G902", "build.py", problem=repr(exc))
            site, files = None, None
        if site is not None:
            result.language, result.site = site.language, site
        if files is not None and not diag.has_errors:
            self.files = files  # one reference swap: a request sees the old or the new site
            if self.pages is not None:
                self.pages.commit()
            result.written = len(files)
        with self.changed:
            self.early = None
            self.language = result.language
            self.errors = [d for d in diag.as_dicts(result.language) if d["severity"] == "error"]
            self.builds += 1
            self.version += 1
            self.changed.notify_all()
        return result

    def missed_changes(self) -> bool:
        """A content file changed since the last build without the build seeing it."""
        kinds = all_types(self.options.types)
        return self.sources.missed(self.options.site_dir, kinds, new_diagnostics())

    def offer(self, early: EarlyPages) -> None:
        with self.changed:
            self.early = early
            self.version += 1
            self.changed.notify_all()

    def response(self, url_path: str) -> Response:
        """What a GET of this path returns now (before the reload script is added)."""
        key = output_key(url_path)
        files, errors, early = self.files, self.errors, self.early
        if early is not None and key is not None:
            body = early.get(key)
            if body is not None:
                return Response(HTTPStatus.OK, content_type(key), body)
        is_page = key is None or key.endswith(".html") or key not in files
        if errors and is_page:
            return Response(HTTPStatus.INTERNAL_SERVER_ERROR, HTML, error_page(self))
        if key is not None and key in files:
            body = read_content(files[key])
            if body is not None:
                return Response(HTTPStatus.OK, content_type(key), body)
        if key is not None and f"{key}/index.html" in files:  # /news -> /news/
            return Response(HTTPStatus.MOVED_PERMANENTLY, HTML, b"", urlsplit(url_path).path + "/")
        missing = files.get("404.html")
        body = read_content(missing) if missing is not None else None
        return Response(HTTPStatus.NOT_FOUND, HTML, body or not_found_text(self.language))


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


# --- serving ------------------------------------------------------------------------------


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


# --- watching -----------------------------------------------------------------------------

# Files editors write beside the one being edited: vim's swap files and its 4913 probe,
# Emacs's backups and lock links, generic temporaries. Saving them is not a change.
TEMP_SUFFIXES = (".swp", ".swo", ".swx", ".swn", "~", ".tmp", ".temp", ".part", ".crdownload")
TEMP_NAMES = {"4913", ".DS_Store", "Thumbs.db"}
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", ".glasnost-cache", "node_modules"}
CHANGES = {"created", "modified", "deleted", "moved"}  # not opened, closed_no_write, attrib


def is_editor_temp(name: str) -> bool:
    return (
        name in TEMP_NAMES
        or name.endswith(TEMP_SUFFIXES)
        or name.startswith((".#", "#", ".~lock."))
        or (name.startswith(".") and ".sw" in name)  # vim: .name.swp, .name.swpx ...
    )


class SiteWatcher(FileSystemEventHandler):
    """Turns file events into "build again": only real changes of the site's sources.

    Watched are content/ and templates/ (recursively) and the site folder itself without
    recursion, for site_config.yaml. Reads (opened, closed without writing) and access
    time or permission changes (attrib) are not changes: the build itself reads every
    file, and reacting to that was a rebuild loop.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.roots = (site_dir / "content", site_dir / "templates")
        self.config = site_dir / CONFIG_FILE
        self.pending = threading.Event()
        self.last_change = 0.0
        self.changed: list[str] = []
        self.lock = threading.Lock()
        self.observer: Any = None

    def relevant(self, path: Path) -> bool:
        if path == self.config:
            return True
        root = next((r for r in self.roots if path == r or path.is_relative_to(r)), None)
        if root is None:
            return False
        inside = path.relative_to(root).parts
        if any(part in SKIPPED_FOLDERS for part in inside):
            return False
        return not (inside and is_editor_temp(inside[-1]))

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's entries changed: the entries' own events follow
        paths = [Path(os.fsdecode(event.src_path))]
        if event.event_type == "moved":
            paths.append(Path(os.fsdecode(event.dest_path)))
        hits = [p for p in paths if self.relevant(p)]
        for path in hits:
            if path in self.roots and path.is_dir() and self.observer is not None:
                # content/ or templates/ made after the preview started: watch it too.
                self.observer.schedule(self, str(path), recursive=True)
        if hits:
            self.note(hits)

    def note(self, paths: list[Path]) -> None:
        with self.lock:
            self.last_change = time.monotonic()
            for path in paths:
                shown = path.relative_to(self.site_dir).as_posix()
                if shown not in self.changed:
                    self.changed.append(shown)
        self.pending.set()

    def next_burst(self) -> list[str]:
        """Block until something changed and then stayed quiet for a moment: one build."""
        self.pending.wait()
        while True:
            with self.lock:
                quiet_for = time.monotonic() - self.last_change
            if quiet_for >= QUIET_SECONDS:
                break
            time.sleep(QUIET_SECONDS - quiet_for)
        with self.lock:
            self.pending.clear()
            changed, self.changed = self.changed, []
        return changed

    def schedule(self, observer: Any) -> None:
        self.observer = observer
        for root in self.roots:
            if root.is_dir():
                observer.schedule(self, str(root), recursive=True)
        observer.schedule(self, str(self.site_dir), recursive=False)


def rebuild_forever(preview: Preview, watcher: SiteWatcher) -> None:
    site_dir = preview.options.site_dir
    while True:
        changed = watcher.next_burst()
        shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
        print(say(preview.language, f"Изменено: {shown}", f"Changed: {shown}"), file=sys.stderr)
        told = [site_dir / rel for rel in changed]
        result = preview.rebuild(watcher.pending.is_set, told)
        if result is not None:
            report(result)
        if not watcher.pending.is_set() and preview.missed_changes():
            # The watcher did not report everything (its queue overflowed, say): the
            # files as they are now, every one looked at.
            report(preview.rebuild(watcher.pending.is_set))


def report(result: BuildResult | None) -> None:
    if result is None:
        return
    print_diagnostics(result.diagnostics, result.language)
    print(summary_line(result, "build"), file=sys.stderr, flush=True)


def settle_memory() -> None:
    """After the first build: what the preview keeps for good (parsed files, rendered
    Markdown, fingerprints) is left out of the garbage collector's full passes.

    Each rebuild makes a new model; Python's collector then walked every object the
    preview keeps, twice per rebuild on a site of 10,000 items. What is frozen here is
    the kept data, after a collection has freed the first build's own garbage.
    """
    gc.collect()
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the saved page waits for the new model.

    Building the model of a large site makes hundreds of thousands of objects, and the
    collector's passes over them (and over the previous model) were a third of the time
    from a save to its page. The model is mostly kept, not garbage: what is garbage is
    collected once the collector runs again, while the rest of the site is rendered.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Stop(BaseException):
    """SIGTERM or SIGHUP: leave as on Ctrl+C (not an Exception: a build must not catch it)."""


def stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signum)


def serve(options: BuildOptions, host: str, port: int) -> int:
    options.search = False  # indexing on every keystroke is slow; `make build` builds search
    # The saved page is asked for while the rest of the site renders in another thread:
    # handing the interpreter over each millisecond (not each 5) lets the request through.
    sys.setswitchinterval(SWITCH_SECONDS)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    preview = Preview(options)
    try:
        return run(preview, host, port)
    except (KeyboardInterrupt, Stop):
        print(say(preview.language, "Просмотр остановлен.", "Preview stopped."), file=sys.stderr)
        return 0


def run(preview: Preview, host: str, port: int) -> int:
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    try:  # before the first build, which takes a while on a large site
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:  # the port is taken, most often by another preview
        print(
            say(
                preview.language,
                f"Не удалось открыть {host}:{port}: {exc.strerror}. "
                "Укажите другой порт: python build.py serve --port 8001",
                f"Cannot listen on {host}:{port}: {exc.strerror}. "
                "Choose another port: python build.py serve --port 8001",
            ),
            file=sys.stderr,
        )
        return 1
    observer = Observer()
    try:
        # The first build may render Markdown in worker processes (no threads exist
        # yet); later ones run beside the server's threads, where forking could inherit
        # a held lock, and after one edit there is little to render anyway.
        report(preview.rebuild())
        settle_memory()
        preview.options.workers = 1
        preview.options.save_cache = False  # saved once, by the first build
        if preview.sources.markdown is not None:
            preview.sources.markdown.workers = 1
        watcher = SiteWatcher(preview.options.site_dir)
        watcher.schedule(observer)
        observer.start()
        threading.Thread(target=rebuild_forever, args=(preview, watcher), daemon=True).start()
        print(
            say(
                preview.language,
                f"Сайт: http://{host}:{port}/  (Ctrl+C — остановить)",
                f"Site: http://{host}:{port}/  (Ctrl+C to stop)",
            ),
            file=sys.stderr,
            flush=True,
        )
        server.serve_forever()
    finally:
        if observer.is_alive():
            observer.stop()
        server.server_close()
    return 0
