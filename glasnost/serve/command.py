"""`build.py serve` itself: the first build, then the server and the watcher until stopped."""

from __future__ import annotations

import gc
import signal
import sys
import threading
from http.server import ThreadingHTTPServer
from types import FrameType

from watchdog.observers import Observer

from glasnost.console import say
from glasnost.pipeline import BuildOptions
from glasnost.serve.http import PreviewHandler
from glasnost.serve.preview import Preview, report
from glasnost.serve.watch import SiteWatcher, rebuild_forever

SWITCH_SECONDS = 0.001  # see serve()


def settle_memory() -> None:
    """After the first build: what the preview keeps for good (parsed files, rendered
    Markdown, fingerprints) is left out of the garbage collector's full passes.

    Each rebuild makes a new model; Python's collector then walked every object the
    preview keeps, twice per rebuild on a site of 10,000 items. What is frozen here is
    the kept data, after a collection has freed the first build's own garbage.
    """
    gc.collect()
    gc.freeze()


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
