"""The site as the preview serves it, kept from one build to the next.

Content files are kept parsed between builds and only changed ones are read again
(glasnost/incremental.py); the site model and the pages are built anew each time.
A content error keeps the server running and shows the diagnostics in the terminal and
on every open tab until the next good build.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from glasnost.console import print_diagnostics, summary_line
from glasnost.depends import PageMemo
from glasnost.feeds import EntryMemo
from glasnost.incremental import SourceCache
from glasnost.pipeline import (
    BuildOptions,
    BuildResult,
    check_site,
    new_diagnostics,
    site_language,
)
from glasnost.serve.http import (
    HTML,
    Response,
    content_type,
    error_page,
    not_found_text,
    output_key,
    read_content,
)
from glasnost.serve.memory import (
    CompiledTemplates,
    Content,
    EarlyPages,
    Superseded,
    render_in_memory,
)
from glasnost.types import all_types


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
        result = BuildResult(diag, self.language)
        self.sources.expect(changed)
        try:
            with collector_paused():
                site = check_site(self.options, diag, self.sources)
                if site is not None:
                    site.feed_memo = self.feed_entries
                    early = EarlyPages(site, self.compiled)
                    self.offer(early)
                    if changed:
                        early.warm(frozenset(changed))
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
        else:  # the config's language, read only when there is no model to say it
            result.language = site_language(self.options.site_dir)
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the saved page waits for the new model.

    Building the model of a large site makes hundreds of thousands of objects, and the
    collector's passes over them (and over the previous model) were a third of the time
    from a save to its page. The model is mostly kept, not garbage. The pause lasts
    until the build is done: the first collection after it looked at every object of the
    new model (all young) and, holding the interpreter, kept the saved page from being
    served for 10-50 ms once the model was offered. That pass and what is garbage (the
    previous model) are left to the collector's next runs, after the build is shown.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def report(result: BuildResult | None) -> None:
    if result is None:
        return
    print_diagnostics(result.diagnostics, result.language)
    print(summary_line(result, "build"), file=sys.stderr, flush=True)
