"""`deploy` against real servers: a local folder, S3 (`rclone serve s3`) and SFTP (sshd).

Each server runs once per module on a free 127.0.0.1 port; each test deploys into its own
folder of it. What arrived is read from the folder where the server keeps the files, so a
test sees exactly which files a deploy wrote, replaced or deleted.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from glasnost.cli import main
from tests.fixtures.spine.checks import BASIC
from tests.support.deploy_servers import OTHER_SERVERS, SERVERS, Server, keygen, s3_metadata

MARKER = ".glasnost-deploy"
EDITED_NEWS = "content/news/Приём граждан в августе.md"
EDITED_SLUG = "news/priem-grazhdan-v-avguste"


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp(f"deploy-{request.param}")
    with {**SERVERS, **OTHER_SERVERS}[request.param](root) as running:
        yield running


@dataclass
class Deploy:
    code: int
    out: str
    err: str

    @property
    def sent(self) -> int:
        found = re.search(r"отправлено файлов: (\d+)", self.err)
        assert found is not None, self.err
        return int(found.group(1))


@dataclass
class Setup:
    site: Path
    target: Path  # where the server keeps the deployed files
    server: Server
    deploy: Callable[..., Deploy]
    sub: str  # the target's folder in the server

    def put(self, relative: str, text: str) -> None:
        self.server.put(f"{self.sub}/{relative}", text)


@pytest.fixture
def setup(
    server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> Setup:
    """A copy of the spine's small site, with a production target in its own folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for name, value in server.env.items():
        monkeypatch.setenv(name, value)
    sub = re.sub(r"\W+", "-", request.node.name).strip("-")
    entry = {**server.entry, "url": f"{server.entry['url']}/{sub}"}
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    config = site / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + yaml.safe_dump({"deploy": {"production": entry}}, allow_unicode=True),
        encoding="utf-8",
    )

    def deploy(*args: str) -> Deploy:
        capsys.readouterr()
        code = main(["deploy", "--site", str(site), "--no-search", *args])
        captured = capsys.readouterr()
        return Deploy(code, captured.out, captured.err)

    return Setup(site, server.folder / sub, server, deploy, sub)


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Each file on the target: inode, modification time and checksum. A file written
    again (even with the same bytes) gets a new inode or time."""
    if not folder.exists():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MARKER:
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns, digest)
    return found


def built(site: Path) -> dict[str, str]:
    out = site / "output"
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".glasnost")
    }


def published(folder: Path) -> dict[str, str]:
    return {path: digest for path, (_, _, digest) in snapshot(folder).items()}


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_sent_in_order(target: Path) -> None:
    """Assets first, then pages, then the home page, feeds and sitemap: by when the server
    wrote each file (separate rclone runs, so tens of milliseconds apart at least)."""

    def written(rel: str) -> int:
        return (target / rel).stat().st_ctime_ns

    static = sorted(p.relative_to(target).as_posix() for p in (target / "static").iterdir())
    assets = [*static, "files/polozhenie.pdf", "files/План на 2020 год.pdf"]
    pages = ["about/index.html", "about/index.json", f"{EDITED_SLUG}/index.html", "news/index.html"]
    entry = ["index.html", "index.json", "feed.xml", "atom.xml", "sitemap.xml"]
    assert max(map(written, assets)) < min(map(written, pages))
    assert max(map(written, pages)) < min(map(written, entry))


@pytest.mark.slow
def test_deploys_send_everything_in_order_then_only_changes_then_deletions(setup: Setup) -> None:
    first = setup.deploy()
    assert first.code == 0, first.err
    assert published(setup.target) == built(setup.site)  # every file, byte for byte
    assert_sent_in_order(setup.target)
    assert first.sent == len(built(setup.site))
    assert (setup.target / MARKER).is_file()
    setup.put("yandex_verification.html", "verification: 123")  # by somebody else
    stranger = setup.target / "yandex_verification.html"

    again = setup.deploy()
    assert again.code == 0 and again.sent == 0, again.err
    before = snapshot(setup.target)

    edit(setup.site, EDITED_NEWS, "title: Приём граждан в августе", "title: Приём в сентябре")
    dry = setup.deploy("--dry-run")
    assert dry.code == 0 and "ничего не отправлено" in dry.err
    assert snapshot(setup.target) == before  # a dry run sends nothing
    listed = sorted(line[2:] for line in dry.out.splitlines() if line.startswith("~ "))

    second = setup.deploy()
    assert second.code == 0, second.err
    after = snapshot(setup.target)
    rewritten = sorted(p for p in after if after[p] != before.get(p))
    # Checked by hand (grep of the old title in output/): the item's page and JSON, and
    # what lists it: the news list and its JSON, the home page, the four feeds and the
    # catalogue. Nothing else is sent.
    assert rewritten == [
        "api/v1/index.json",
        "atom.xml",
        "feed.xml",
        "index.html",
        "news/atom.xml",
        "news/feed.xml",
        "news/index.html",
        "news/index.json",
        f"{EDITED_SLUG}/index.html",
        f"{EDITED_SLUG}/index.json",
    ]
    assert second.sent == len(rewritten)
    assert listed == rewritten  # the dry run listed exactly what the deploy then sent
    assert published(setup.target) == {
        **built(setup.site),
        stranger.name: published(setup.target)[stranger.name],
    }

    (setup.site / EDITED_NEWS).unlink()
    third = setup.deploy()
    assert third.code == 0, third.err
    files = published(setup.target)
    assert not [p for p in files if p.startswith(EDITED_SLUG)]
    if setup.server.entry["url"].startswith(("sftp:", "/")):  # folders exist there
        assert not (setup.target / EDITED_SLUG).exists(), "the emptied folder is removed"
    assert stranger.read_text(encoding="utf-8") == "verification: 123"  # never ours to delete
    assert files == {**built(setup.site), stranger.name: files[stranger.name]}

    # A build with errors sends nothing and deletes nothing.
    edit(setup.site, "content/pages/about.md", "title: Об администрации", "title: [сломано")
    before = snapshot(setup.target)
    failed = setup.deploy()
    assert failed.code == 1
    assert "ничего не отправлено" in failed.err
    assert snapshot(setup.target) == before


def test_stranger_target_is_refused_unless_forced_and_its_files_are_kept(setup: Setup) -> None:
    setup.put("index.html", "<p>Старый сайт</p>")
    setup.put("old.html", "<p>Старая страница</p>")
    before = snapshot(setup.target)

    refused = setup.deploy()
    assert refused.code == 1
    assert ".glasnost-deploy" in refused.err and "--force" in refused.err and "G954" in refused.err
    assert snapshot(setup.target) == before
    assert not (setup.target / MARKER).exists()

    forced = setup.deploy("--force")
    assert forced.code == 0, forced.err
    assert (setup.target / MARKER).is_file()
    assert (setup.target / "index.html").read_bytes() == (
        setup.site / "output/index.html"
    ).read_bytes()

    assert (setup.target / "old.html").read_text(encoding="utf-8") == "<p>Старая страница</p>"


# Only an object store keeps headers per file; on SFTP or a disk the web server sets them.
@pytest.mark.parametrize("server", ["s3"], indirect=True)
def test_s3_objects_carry_their_headers_and_the_secret_stays_off_command_lines(
    setup: Setup,
) -> None:
    secret = setup.server.env["AWS_SECRET_ACCESS_KEY"]
    with rclone_command_lines() as seen:
        assert setup.deploy().code == 0
    # `ps` shows every process's arguments to every user of the machine.
    assert any(" copy " in args for args in seen), "the watch saw rclone at work"
    assert not [args for args in seen if secret in args]

    style = next(p.name for p in (setup.target / "static").iterdir() if p.name.startswith("style."))
    assert re.fullmatch(r"style\.[0-9a-f]{8}\.css", style)
    short, year = "public, max-age=300", "public, max-age=31536000, immutable"
    expected = {
        "index.html": ("text/html; charset=utf-8", short),
        f"{EDITED_SLUG}/index.json": ("application/json", short),
        "feed.xml": ("application/rss+xml; charset=utf-8", short),
        "news/atom.xml": ("application/atom+xml; charset=utf-8", short),
        "meetings/calendar.ics": ("text/calendar; charset=utf-8", short),
        "sitemap.xml": ("application/xml; charset=utf-8", short),
        "files/polozhenie.pdf": ("application/pdf", short),
        f"static/{style}": ("text/css; charset=utf-8", year),
    }
    for path, (content_type, cache) in expected.items():
        meta = s3_metadata(setup.server, f"{setup.target.name}/{path}")
        assert (meta.get("content-type"), meta.get("cache-control")) == (content_type, cache), path


@contextmanager
def rclone_command_lines() -> Iterator[list[str]]:
    """The command lines of the rclone processes that run meanwhile (read from /proc)."""
    seen: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    args = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if "rclone" in args and " serve " not in args:
                    seen.append(args)
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        yield seen
    finally:
        done.set()
        watcher.join()


@pytest.mark.parametrize("server", ["ftp"], indirect=True)
def test_ftp_with_a_password_from_the_environment(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = setup.deploy()
    assert first.code == 0, first.err
    assert published(setup.target) == built(setup.site)
    edit(setup.site, EDITED_NEWS, "title: Приём граждан в августе", "title: Приём в сентябре")
    # The name the CI files of `init` use, holding the password itself (not obscured).
    monkeypatch.delenv("GLASNOST_FTP_PASSWORD")
    monkeypatch.setenv("RCLONE_FTP_PASS", setup.server.env["GLASNOST_FTP_PASSWORD"])
    second = setup.deploy()
    assert second.code == 0, second.err
    assert second.sent == 10
    assert published(setup.target) == built(setup.site)


@pytest.mark.parametrize("server", ["s3", "sftp"], indirect=True)
def test_wrong_key_or_unknown_server_stops_with_a_message_and_sends_nothing(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = setup.site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    if "s3:" in text:
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    else:  # the pinned host key is another server's: a man in the middle, say
        other_key = keygen(tmp_path / "other_host")
        other = re.sub(r"host_key: .*", "host_key: " + other_key, text)
        assert other != text
        config.write_text(other, encoding="utf-8")
    stopped = setup.deploy()
    assert stopped.code == 1
    assert "[G956]" in stopped.err and "Traceback" not in stopped.err
    reason = "SignatureDoesNotMatch" if "s3:" in text else "key mismatch"
    assert reason in stopped.err
    assert snapshot(setup.target) == {}
