"""`build.py serve`: a live preview that rebuilds on every change and reloads the page.

The reload script and the error page exist only in the preview; the built files on
disk never carry them. A content error keeps the server running and shows the
diagnostics in the terminal and in the browser until the next good build.
"""

from __future__ import annotations

import html
import sys
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from glasnost.console import print_diagnostics, say, summary_line
from glasnost.pipeline import BuildOptions, BuildResult, build, new_diagnostics, site_language

# Polls the build generation and reloads the page when a rebuild finished.
RELOAD_SCRIPT = (
    b"<script>(function(){var v=null;setInterval(function(){"
    b"fetch('/__glasnost/version').then(function(r){return r.text()}).then(function(t){"
    b"if(v===null){v=t}else if(t!==v){location.reload()}}).catch(function(){})},1000)})();"
    b"</script>"
)


class PreviewState:
    """What the server shows: the build generation and the last build's problems."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.errors: list[dict[str, Any]] = []
        self.language = "ru"

    def record(self, result: BuildResult) -> None:
        with self.lock:
            self.generation += 1
            self.language = result.language
            self.errors = [
                d for d in result.diagnostics.as_dicts(result.language) if d["severity"] == "error"
            ]


def error_page(state: PreviewState) -> bytes:
    title = (
        "Сборка остановлена: исправьте ошибки"
        if state.language != "en"
        else "The build stopped: fix these errors"
    )
    rows = "".join(
        f"<li><code>{html.escape(d['path'])}{':' + str(d['line']) if d['line'] else ''}</code> "
        f"{html.escape(d['message'])}<br><small>{html.escape(d['hint'])}</small></li>"
        for d in state.errors
    )
    page = (
        f'<!DOCTYPE html><html lang="{state.language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font:18px/1.5 sans-serif;margin:2rem;max-width:60rem}}"
        f"li{{margin:1rem 0}}code{{background:#fee;padding:0 .2em}}</style></head>"
        f"<body><main><h1>{title}</h1><ol>{rows}</ol></main></body></html>"
    )
    return page.encode("utf-8") + RELOAD_SCRIPT


class PreviewHandler(SimpleHTTPRequestHandler):
    state: PreviewState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        if self.path == "/__glasnost/version":
            self._send(str(self.state.generation).encode(), "text/plain")
            return
        page = urlsplit(self.path).path
        if self.state.errors and (page.endswith("/") or page.endswith(".html")):
            self._send(
                error_page(self.state), "text/html; charset=utf-8", HTTPStatus.INTERNAL_SERVER_ERROR
            )
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class Rebuilder(FileSystemEventHandler):
    """Debounces bursts of file events (an editor saves in several steps) into one build."""

    def __init__(self, options: BuildOptions, state: PreviewState) -> None:
        self.options = options
        self.state = state
        self.pending = threading.Event()
        self.watched = [
            options.site_dir / "content",
            options.site_dir / "templates",
            options.site_dir / "site_config.yaml",
        ]

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(str(event.src_path))
        if any(path == w or w in path.parents for w in self.watched):
            self.pending.set()

    def loop(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(0.3)
            self.pending.clear()
            rebuild(self.options, self.state)


def rebuild(options: BuildOptions, state: PreviewState) -> None:
    try:
        result = build(options)
    except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the preview
        result = BuildResult(new_diagnostics(), site_language(options.site_dir))
        result.diagnostics.error("G902", "build.py", problem=repr(exc))
    print_diagnostics(result.diagnostics, result.language)
    print(summary_line(result, "build"), file=sys.stderr)
    state.record(result)


def serve(options: BuildOptions, host: str, port: int) -> int:
    options.search = False  # indexing on every keystroke is slow; `make build` builds search
    # The preview runs server and watcher threads; forking worker processes from a
    # threaded process can inherit a held lock, so the preview renders in one process.
    options.workers = 1
    state = PreviewState()
    rebuild(options, state)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (PreviewHandler,), {"state": state})
    try:
        server = ThreadingHTTPServer((host, port), partial(handler, directory=str(options.out_dir)))
    except OSError as exc:  # the port is taken, most often by another preview
        print(
            say(
                state.language,
                f"Не удалось открыть {host}:{port}: {exc.strerror}. "
                "Укажите другой порт: python build.py serve --port 8001",
                f"Cannot listen on {host}:{port}: {exc.strerror}. "
                "Choose another port: python build.py serve --port 8001",
            ),
            file=sys.stderr,
        )
        return 1
    rebuilder = Rebuilder(options, state)
    observer = Observer()
    observer.schedule(rebuilder, str(options.site_dir), recursive=True)
    observer.start()
    threading.Thread(target=rebuilder.loop, daemon=True).start()
    print(
        say(
            state.language,
            f"Сайт: http://{host}:{port}/  (Ctrl+C — остановить)",
            f"Site: http://{host}:{port}/  (Ctrl+C to stop)",
        ),
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        observer.stop()
        server.server_close()
    return 0
