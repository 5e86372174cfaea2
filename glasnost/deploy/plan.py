"""What to send and in what order: the built site against the target's manifest.

Why a manifest rather than asking the target for checksums (`rclone lsjson --hash`):
an SFTP account at a hosting provider usually allows no shell commands, so it has no
hashes at all; an S3 ETag is not an MD5 for files uploaded in parts; listing every
object of a large site on each deploy costs time and (on S3) money. The marker file
`.glasnost-deploy` at the target's root therefore lists every file Glasnost put there
with its SHA-256: one small read tells what changed, identically on S3, SFTP, FTP and a
folder, and what may be deleted: only files in it, never anybody else's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path, PurePosixPath

from glasnost.deploy.headers import LONG_CACHE, Headers, cache_control, headers_for

MARKER = ".glasnost-deploy"
MANIFEST_FORMAT = 1
# Written by the build for itself (the output folder's marker), not part of the site.
NOT_PUBLISHED = (".glasnost-",)


class Stage(IntEnum):
    """Send order that keeps the live site whole while files arrive one by one.

    A page must never link an asset or data file that is not there yet; the home page,
    feeds and sitemap announce pages, so they go after them; deletions go last, when
    nothing sent links the deleted files any more.
    """

    ASSETS = 1  # static files, attachments, data files, search index chunks, .ics
    PAGES = 2  # HTML pages and their JSON
    ENTRY = 3  # home page, feeds, sitemap, robots.txt


STAGE_NAMES = {
    Stage.ASSETS: ("файлы оформления и данных", "assets and data files"),
    Stage.PAGES: ("страницы и JSON", "pages and JSON"),
    Stage.ENTRY: ("главная, ленты и карта сайта", "home page, feeds and sitemap"),
}

ENTRY_PATHS = {"index.html", "index.json", "sitemap.xml", "robots.txt"}
ENTRY_NAMES = {"feed.xml", "atom.xml", "calendar.ics"}


def stage_of(path: str) -> Stage:
    pure = PurePosixPath(path)
    if path in ENTRY_PATHS or pure.name in ENTRY_NAMES:
        return Stage.ENTRY
    if pure.suffix in (".html", ".json"):
        return Stage.PAGES
    return Stage.ASSETS


@dataclass(frozen=True)
class Manifest:
    """The target's marker: every file Glasnost published there, with its SHA-256."""

    files: dict[str, str] = field(default_factory=dict)
    # Hashed assets gone from the site but kept one deploy longer (see make_plan).
    retired: tuple[str, ...] = ()

    def dumps(self) -> bytes:
        doc: dict[str, object] = {
            "generator": "Glasnost",
            "format": MANIFEST_FORMAT,
            "files": dict(sorted(self.files.items())),
        }
        if self.retired:
            doc["retired"] = sorted(self.retired)
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def loads(cls, data: bytes) -> Manifest:
        """A marker we cannot read still marks the target as ours; it only owns no files
        (so everything is sent again and nothing is deleted)."""
        try:
            doc = json.loads(data.decode("utf-8"))
            files, retired = doc["files"], doc.get("retired", [])
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls()
        if not isinstance(files, dict) or not isinstance(retired, list):
            return cls()
        return cls(
            {str(k): str(v) for k, v in files.items() if _safe_path(str(k))},
            tuple(str(p) for p in retired if _safe_path(str(p))),
        )


def _safe_path(path: str) -> bool:
    # A manifest is read from the target: a forged one must not name files outside it.
    pure = PurePosixPath(path)
    return bool(path) and not pure.is_absolute() and ".." not in pure.parts and "\n" not in path


def local_files(out_dir: Path) -> dict[str, str]:
    """Every file of the built site, relative POSIX path → SHA-256."""
    files: dict[str, str] = {}
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file() or path.name.startswith(NOT_PUBLISHED):
            continue
        with path.open("rb") as stream:
            files[path.relative_to(out_dir).as_posix()] = hashlib.file_digest(
                stream, "sha256"
            ).hexdigest()
    return files


@dataclass(frozen=True)
class Batch:
    """Files sent by one rclone run: one stage, one set of headers."""

    stage: Stage
    headers: Headers | None
    paths: list[str]


@dataclass(frozen=True)
class Plan:
    local: dict[str, str]
    remote: Manifest
    new: list[str]
    changed: list[str]
    deleted: list[str]
    retired: list[str]  # kept on the target until the next deploy

    @property
    def to_send(self) -> list[str]:
        return sorted(self.new + self.changed, key=lambda p: (stage_of(p), p))

    @property
    def unchanged(self) -> int:
        return len(self.local) - len(self.new) - len(self.changed)

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.deleted) and self.retired == sorted(
            self.remote.retired
        )

    def batches(self, with_headers: bool) -> Iterator[Batch]:
        """Runs in send order; with headers, one run per stage and distinct headers."""
        groups: dict[tuple[Stage, Headers | None], list[str]] = {}
        for path in self.to_send:
            key = (stage_of(path), headers_for(path) if with_headers else None)
            groups.setdefault(key, []).append(path)
        for (stage, headers), paths in sorted(groups.items(), key=_batch_order):
            yield Batch(stage, headers, paths)

    def claimed(self) -> Manifest:
        """The manifest to write before sending: new files are ours from the start (so a
        deploy cut short still deletes them later), with no hash (so they are resent)."""
        claimed = {**self.remote.files, **{path: "" for path in self.new}}
        return Manifest(claimed, self.remote.retired)

    def finished(self) -> Manifest:
        return Manifest(dict(self.local), tuple(self.retired))

    def folders_emptied(self) -> list[str]:
        """Top folders of deleted files that hold no file of the new site, deepest first:
        on SFTP or a disk an empty folder left behind would still answer at its address."""
        on_target = [*self.local, *self.retired]
        kept = {str(parent) for path in on_target for parent in PurePosixPath(path).parents}
        tops: set[str] = set()
        for path in self.deleted:
            top = None
            for parent in PurePosixPath(path).parents:
                if str(parent) == "." or str(parent) in kept:
                    break
                top = str(parent)
            if top is not None:
                tops.add(top)
        return sorted(tops, key=lambda p: (-p.count("/"), p))


def _batch_order(entry: tuple[tuple[Stage, Headers | None], list[str]]) -> tuple[int, str, str]:
    (stage, headers), _ = entry
    return (
        stage,
        headers.content_type if headers else "",
        headers.cache_control if headers else "",
    )


def make_plan(local: dict[str, str], remote: Manifest) -> Plan:
    """What to send, delete and keep.

    A hashed asset the new site no longer uses (the old style.1a2b3c4d.css) is deleted
    one deploy later, not now: pages a CDN or a browser still holds for a few minutes
    link it, and would otherwise show unstyled.
    """
    new = [p for p in local if p not in remote.files]
    changed = [p for p in local if p in remote.files and remote.files[p] != local[p]]
    gone = [p for p in remote.files if p not in local and p != MARKER]
    retired = sorted(p for p in gone if cache_control(p) == LONG_CACHE)
    expired = [p for p in remote.retired if p not in local and p not in remote.files]
    deleted = sorted({*(p for p in gone if p not in retired), *expired})
    return Plan(local, remote, sorted(new), sorted(changed), deleted, retired)
