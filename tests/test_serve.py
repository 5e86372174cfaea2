"""`build.py serve`: the live preview, run as a real server process and spoken to over HTTP.

What a press secretary lives with: an edit is served, one save is one build, an idle
preview does nothing, an error shows on the open tab and goes away when fixed, only the
tab whose page changed reloads, a missing page is the site's own 404, and a stopped
preview leaves nothing behind in the site folder.
"""

from __future__ import annotations

import http.client
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page
from watchdog.observers import Observer

from glasnost.serve.watch import SiteWatcher
from tests.fixtures.spine.checks import BASIC, FIXED_EPOCH, REPO
from tests.support.server import free_port
from tests.support.server import http_get as get

NEWS = "content/news/plan-utverzhden.md"
TITLE = "Утверждён план мероприятий по взаимодействию с гражданами"
NEWS_URL = "/news/plan-utverzhden/"
BUILD_LINE = re.compile(r"^(Готово: записано файлов|Сборка остановлена)", re.M)
CACHE_DIR = ".glasnost-cache"  # the build's own Markdown cache, not the preview's output


@dataclass
class Server:
    base: str
    site: Path
    log: Path
    proc: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def builds(self) -> int:
        return len(BUILD_LINE.findall(self.output()))

    def wait_for(
        self, path: str, ok: Callable[[int, str], bool], seconds: float = 20
    ) -> tuple[int, str]:
        deadline = time.monotonic() + seconds
        status, body = get(self.base + path)
        while not ok(status, body):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                pytest.fail(
                    f"{path} gave {status} after {seconds} s:\n{body[:500]}\n"
                    f"server log:\n{self.output()}"
                )
            time.sleep(0.1)
            status, body = get(self.base + path)
        return status, body

    def cpu_ticks(self) -> int:
        """User and system CPU time the server process has used, in clock ticks."""
        stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
        fields = stat[stat.rfind(")") + 2 :].split()
        return int(fields[11]) + int(fields[12])  # utime, stime


def ctrl_c_as_in_a_terminal() -> None:
    # A test run started in the background (`make test &` in a script) ignores SIGINT, and
    # so would the preview it starts, Python keeping an inherited SIG_IGN: the preview
    # under test gets SIGINT as from a terminal's Ctrl+C.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(site: Path, log: Path) -> Server:
    port = free_port()
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)]
            + ["--site", str(site)],
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH},
            preexec_fn=ctrl_c_as_in_a_terminal,
        )
    server = Server(f"http://127.0.0.1:{port}", site, log, proc)
    server.wait_for("/", lambda s, b: s in (200, 500), seconds=90)  # a busy machine
    return server


def stop(server: Server, signum: int = signal.SIGTERM) -> int:
    if server.proc.poll() is None:
        server.proc.send_signal(signum)
    try:
        return server.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(timeout=5)
        pytest.fail(f"the preview did not stop on signal {signum}:\n{server.output()}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Server]:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    server = start(site, tmp_path / "serve.log")
    try:
        yield server
    finally:
        stop(server)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def site_files(site: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder in the site folder (the build's cache aside), with its mtime."""
    found: dict[str, tuple[int, int]] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] != CACHE_DIR:
            stat = path.stat()
            found[rel] = (stat.st_mtime_ns, stat.st_size) if path.is_file() else (0, 0)
    return found


def test_serve_rebuilds_on_change_and_shows_errors_until_fixed(preview: Server) -> None:
    news = preview.site / NEWS
    status, home = preview.wait_for("/", lambda s, b: s == 200)
    assert "Администрация тестового муниципального округа" in home
    assert TITLE in home

    edit(news, TITLE, "План мероприятий утверждён и опубликован")
    preview.wait_for("/", lambda s, b: "План мероприятий утверждён и опубликован" in b)

    edit(news, "date: 2020-08-20", "date: 2020-08-20\nsumary: опечатка")
    status, page = preview.wait_for("/", lambda s, b: NEWS in b)
    assert status == 500
    assert "неизвестное поле «sumary»" in page
    assert f"{NEWS}:4" in page  # the file and line, as in the terminal
    assert preview.proc.poll() is None  # the server is still running
    assert f"{NEWS}:4" in preview.output()

    edit(news, "\nsumary: опечатка", "")
    status, home = preview.wait_for("/", lambda s, b: s == 200 and "опубликован" in b)
    assert NEWS not in home
    # The reload script exists only in what the preview serves.
    assert "/__glasnost/events" in home


def test_one_save_is_one_build_and_an_idle_preview_does_nothing(preview: Server) -> None:
    preview.wait_for("/", lambda s, b: s == 200)
    assert preview.builds() == 1
    news = preview.site / NEWS

    # Reading files, and an editor's temporary and swap files, are not changes.
    for path in sorted((preview.site / "content").rglob("*")):
        if path.is_file():
            path.read_bytes()
    folder = news.parent
    for name in (".plan-utverzhden.md.swp", "4913", "plan-utverzhden.md~", ".#plan.md", "x.tmp"):
        (folder / name).write_text("---\ntitle: [\n", encoding="utf-8")
        (folder / name).unlink()
    (preview.site / ".git").mkdir()
    (preview.site / ".git" / "index").write_bytes(b"x")
    (preview.site / "output").mkdir()
    (preview.site / "output" / "index.html").write_bytes(b"x")
    time.sleep(2)
    assert preview.builds() == 1, preview.output()

    # One save, as editors do it: several writes in a burst, then a rename over the file.
    text = news.read_text(encoding="utf-8").replace(TITLE, "Новый заголовок")
    staged = folder / ".plan-utverzhden.md.tmp"
    staged.write_text(text[:10], encoding="utf-8")
    staged.write_text(text, encoding="utf-8")
    staged.replace(news)
    preview.wait_for(NEWS_URL, lambda s, b: "Новый заголовок" in b)
    time.sleep(3)  # a rebuild loop would have shown by now: it used to be one a second
    assert preview.builds() == 2, preview.output()

    # Idle: no build, and (next to) no CPU over a few seconds.
    ticks = preview.cpu_ticks()
    time.sleep(3)
    assert preview.builds() == 2, preview.output()
    assert preview.cpu_ticks() - ticks <= 5  # 0.05 s of CPU; a rebuild costs far more


def test_config_and_template_changes_are_seen(preview: Server) -> None:
    preview.wait_for("/", lambda s, b: s == 200)
    edit(
        preview.site / "site_config.yaml",
        "Администрация тестового муниципального округа",
        "Администрация переименованного округа",
    )
    preview.wait_for("/", lambda s, b: "Администрация переименованного округа" in b)
    # A template folder made after the preview started is watched too.
    templates = preview.site / "templates"
    templates.mkdir()
    shutil.copy(REPO / "templates" / "404.html", templates / "404.html")
    time.sleep(0.5)
    edit(templates / "404.html", "<h1>", '<h1 class="own-404">')
    preview.wait_for("/missing/", lambda s, b: s == 404 and "own-404" in b)


def test_a_missing_page_is_the_sites_own_404(preview: Server) -> None:
    status, body = preview.wait_for("/no/such/page/", lambda s, b: s != 0)
    assert status == 404
    assert "Страница не найдена" in body
    assert "Администрация тестового муниципального округа" in body  # the site's own layout
    assert "Error response" not in body
    status, _ = get(preview.base + "/static/no-such.css")
    assert status == 404
    # A folder without its slash is redirected, as on a real server.
    connection = http.client.HTTPConnection(preview.base.removeprefix("http://"), timeout=5)
    connection.request("GET", "/news")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (301, "/news/")
    connection.close()
    # Files other than pages are served as they were built.
    status, feed = get(preview.base + "/feed.xml")
    assert status == 200 and feed.startswith("<?xml") and "__glasnost" not in feed


class EventStream:
    """A tab's server-sent-events connection, opened as the injected script opens it."""

    def __init__(self, server: Server, page: str) -> None:
        status, body = server.wait_for(page, lambda s, b: s != 0)
        found = re.search(r'EventSource\("(/__glasnost/events)\?page="[^"]*"&v=(\w+)"', body)
        assert found, body[-500:]
        host, port = server.base.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=20)
        request = f"GET {found.group(1)}?page={page}&v={found.group(2)} HTTP/1.1\r\n"
        self.sock.sendall(f"{request}Host: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        self.buffer = b""
        head = self.next_message()
        assert head.startswith("HTTP/1.0 200"), head
        assert "Content-Type: text/event-stream" in head

    def next_message(self, timeout: float = 20) -> str:
        """The next event or comment (or the response's head), up to its blank line."""
        while b"\n\n" not in self.buffer.replace(b"\r\n", b"\n"):
            ready, _, _ = select.select([self.sock], [], [], timeout)
            if not ready:
                raise TimeoutError
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the server closed the stream")
            self.buffer += chunk
        text = self.buffer.replace(b"\r\n", b"\n")
        message, _, self.buffer = text.partition(b"\n\n")
        return message.decode("utf-8") + "\n"

    def reload(self) -> str:
        """Messages until the reload event; the tab reloads on the first."""
        seen: list[str] = []
        while not seen or seen[-1] != "event: reload\ndata: changed\n":
            seen.append(self.next_message())
        return seen[-1]

    def drain(self) -> list[str]:
        """The messages sent until a second of silence."""
        seen: list[str] = []
        try:
            while True:
                seen.append(self.next_message(timeout=1))
        except TimeoutError:
            return seen

    def close(self) -> None:
        self.sock.close()


def test_only_the_tab_whose_page_changed_reloads(preview: Server) -> None:
    preview.wait_for("/", lambda s, b: s == 200)
    news_tab = EventStream(preview, NEWS_URL)
    about_tab = EventStream(preview, "/about/")
    assert news_tab.next_message() == ": waiting\n"  # nothing changed since it was served
    assert about_tab.next_message() == ": waiting\n"

    edit(preview.site / NEWS, "Подробности", "Все подробности")
    news_tab.reload()
    news_tab.close()
    preview.wait_for("/", lambda s, b: preview.builds() == 2)  # the whole site is rebuilt
    # The about page was rebuilt too, but its bytes are the same: no reload.
    assert set(about_tab.drain()) == {": waiting\n"}

    # A failed build shows on every open tab; fixing it shows the page again.
    edit(preview.site / NEWS, "date: 2020-08-20", "date: 20.08.2020")
    about_tab.reload()
    about_tab.close()
    status, _ = preview.wait_for("/about/", lambda s, b: s != 0)
    assert status == 500
    error_tab = EventStream(preview, "/about/")
    assert error_tab.next_message() == ": waiting\n"
    edit(preview.site / NEWS, "date: 20.08.2020", "date: 2020-08-20")
    error_tab.reload()
    error_tab.close()
    status, _ = preview.wait_for("/about/", lambda s, b: s != 0)
    assert status == 200


@pytest.mark.browser
def test_in_a_browser_only_the_changed_pages_tab_reloads(preview: Server, page: Page) -> None:
    preview.wait_for("/", lambda s, b: s == 200)
    news_tab, about_tab = page, page.context.new_page()
    for tab, url in ((news_tab, NEWS_URL), (about_tab, "/about/")):
        tab.goto(preview.base + url)
        tab.wait_for_function("() => !!document.querySelector('h1')")
        tab.evaluate("() => { window.notReloaded = true }")  # gone after a reload
    time.sleep(0.5)  # the tabs' event streams are open

    edit(preview.site / NEWS, TITLE, "Заголовок, исправленный в редакторе")
    news_tab.wait_for_function(
        "() => document.querySelector('h1').textContent.includes('исправленный в редакторе')",
        timeout=20_000,
    )
    assert news_tab.evaluate("() => window.notReloaded") is None
    preview.wait_for("/", lambda s, b: preview.builds() == 2)
    time.sleep(1)
    assert about_tab.evaluate("() => window.notReloaded") is True

    # A mistake shows on the open tab, and its fix brings the page back.
    edit(preview.site / NEWS, "date: 2020-08-20", "date: 20.08.2020")
    about_tab.wait_for_function(
        "() => document.body.textContent.includes('Сборка остановлена')", timeout=20_000
    )
    assert NEWS in about_tab.inner_text("main")
    edit(preview.site / NEWS, "date: 20.08.2020", "date: 2020-08-20")
    about_tab.wait_for_function(
        "() => !document.body.textContent.includes('Сборка остановлена')", timeout=20_000
    )
    assert "Об администрации" in about_tab.inner_text("h1")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_preview_leaves_nothing_in_the_site_folder(tmp_path: Path, signum: int) -> None:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    before = site_files(site)
    server = start(site, tmp_path / "serve.log")
    server.wait_for("/", lambda s, b: s == 200)
    edit(site / NEWS, TITLE, "Заголовок перед остановкой")
    before[NEWS] = site_files(site)[NEWS]
    server.wait_for(NEWS_URL, lambda s, b: "Заголовок перед остановкой" in b)
    code = stop(server, signum)
    assert code == 0, server.output()
    assert "Просмотр остановлен" in server.output()
    assert "Traceback" not in server.output()
    assert site_files(site) == before
    assert not list(tmp_path.glob(".*staging*"))


def test_serve_reports_a_busy_port_plainly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)]
            + ["--site", str(site)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert result.returncode == 1
    assert f"Не удалось открыть 127.0.0.1:{port}" in result.stderr
    assert "--port 8001" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[SiteWatcher, Path]]:
    """A watcher on a site folder, with a long quiet window: a burst it returns before
    that window ended was ended by seeing the saved files closed."""
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    watcher = SiteWatcher(site, quiet=LONG_QUIET, settled=0.005)
    observer = Observer()
    watcher.schedule(observer)
    observer.start()
    try:
        yield watcher, site / "content" / "news"
    finally:
        observer.stop()
        observer.join()


LONG_QUIET = 3.0


def test_a_save_is_built_once_its_file_is_closed(watched: tuple[SiteWatcher, Path]) -> None:
    watcher, news = watched
    began = time.monotonic()
    (news / "one.md").write_text("---\ntitle: Один\n---\n", encoding="utf-8")
    assert watcher.next_burst() == ["content/news/one.md"]
    assert time.monotonic() - began < LONG_QUIET  # closed: not the long wait

    # An editor's safe save: the text written to a temporary file, renamed over the file.
    staged = news / ".one.md.tmp"
    staged.write_text("---\ntitle: Один, исправлено\n---\n", encoding="utf-8")
    began = time.monotonic()
    staged.replace(news / "one.md")
    assert watcher.next_burst() == ["content/news/one.md"]
    assert time.monotonic() - began < LONG_QUIET
    assert not watcher.pending.is_set()


def test_a_file_still_being_written_is_waited_for(watched: tuple[SiteWatcher, Path]) -> None:
    watcher, news = watched
    bursts: list[tuple[float, list[str]]] = []

    def build_when_told() -> None:
        changed = watcher.next_burst()
        bursts.append((time.monotonic(), changed))

    waiting = threading.Thread(target=build_when_told, daemon=True)  # a hang fails, not blocks
    waiting.start()
    with (news / "two.md").open("w", encoding="utf-8") as file:
        file.write("---\ntitle: Два\n")
        file.flush()
        time.sleep(0.5)  # far past the short wait, but the file is still open
        file.write("---\nТекст.\n")
        closed = time.monotonic()
    waiting.join(timeout=2 * LONG_QUIET)
    assert not waiting.is_alive()
    # One burst, once the file was closed (not the long wait after its last write).
    assert len(bursts) == 1
    returned, changed = bursts[0]
    assert changed == ["content/news/two.md"]
    assert closed <= returned < closed + LONG_QUIET
    time.sleep(0.2)
    assert not watcher.pending.is_set()
