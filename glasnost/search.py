"""Static full-text search with Pagefind: one bundle (shard) per content type and year.

Only item pages are searchable (templates/base.html marks their <main> for Pagefind), so
the site model says which pages go where: on a site of more than ONE_BUNDLE_UPTO such
pages an item's page joins the shard of its type and the year of its date, e.g.
pagefind/news-2024/ (a year of more than SPLIT_ABOVE pages is two shards, news-2024-h1
and news-2024-h2, by half-year); a smaller site is the one shard pagefind/all/. Each
shard is indexed by its own pagefind process over a throwaway folder inside staging that
holds the shard's pages as hard links at their own relative paths (so results link to
the right addresses); shards run in parallel. The search page loads the first bundle and
merges the others (Pagefind's mergeIndex), so one query searches them all and the hits
are ranked together by score (each bundle scores its pages with its own word
statistics).

Indexing is what makes a build slow (about 4 ms a page on one core), so a shard whose
pages are byte for byte those of a previous build, indexed by the same Pagefind with the
same options, is not indexed again: its bundle is hard-linked from the previous output.
A small JSON record in the per-user cache says which page set gave which bundle files;
the build manifest (glasnost/manifest.py) says those files are still intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glasnost.cache import make_private
from glasnost.site import Item, Site
from glasnost.write import OutputWriter

BUNDLES = "pagefind"  # the output folder holding every shard's bundle
WORKSPACE = ".search-shards"  # inside staging, removed before the build ends
RECORD = "search-shards.json"  # in the site's cache folder
FORMAT = 1
# Everything but the paths of a pagefind run; part of each shard's digest.
OPTIONS = ("--quiet",)
# A busy year (three news a day) splits in two; a typical one (a few items a week) not.
SPLIT_ABOVE = 500
# A site with no more searchable pages than this is one bundle, WHOLE_SITE: it is indexed
# in about a second, and each further bundle would cost a Pagefind start on every build
# and a fetch on every first query.
ONE_BUNDLE_UPTO = 500
WHOLE_SITE = "all"


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: its name (a folder of pagefind/) and its pages' output paths."""

    name: str
    pages: tuple[str, ...]

    @property
    def folder(self) -> str:
        return f"{BUNDLES}/{self.name}"


def shard_name(item: Item, halves: bool = False) -> str:
    """`news-2024`; with halves, `news-2024-h1` (January to June) or `news-2024-h2`."""
    name = f"{_safe(item.kind.name)}-{item.published.year:04d}"
    return f"{name}-h{1 if item.published.month <= 6 else 2}" if halves else name


def _safe(kind: str) -> str:
    # Type names are the engine's own identifiers (news, plan...); kept to what is safe in
    # a URL anyway. The check first: the preview asks for every item on every change.
    if kind.isascii() and kind.isalnum() and kind.islower():
        return kind
    return re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-") or "item"


def page_path(url: str) -> str:
    """The output file of an item's page (as render.Renderer.html names it)."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def plan_shards(site: Site) -> list[Shard]:
    """The search shards of a site, sorted by name, each with its pages sorted.

    A site of at most ONE_BUNDLE_UPTO searchable pages is one shard. On a larger one, a
    type's year is one shard; one of more than SPLIT_ABOVE pages is two, by half-year:
    indexing takes about 4 ms a page on one core, so two halves take half the time on two
    cores in a full build, and after an edit only the edited half is indexed again.
    """
    halves = _halves(site)
    if sum(halves.values()) <= ONE_BUNDLE_UPTO:
        every = tuple(sorted({page_path(item.url) for item in _searchable(site)}))
        return [Shard(WHOLE_SITE, every)] if every else []
    split = _split_years(halves)
    pages: dict[str, set[str]] = {}
    for item in _searchable(site):
        half = (item.kind.name, item.published.year) in split
        pages.setdefault(shard_name(item, half), set()).add(page_path(item.url))
    return [Shard(name, tuple(sorted(paths))) for name, paths in sorted(pages.items())]


def bundle_urls(site: Site) -> list[str]:
    """Where the search page finds the bundles (the first is loaded, the others merged):
    plan_shards()'s names, in one pass that builds no paths, for the live preview renders
    this page on every change."""
    if not site.config.search:
        return []
    halves = _halves(site)
    if not halves:
        return []
    if sum(halves.values()) <= ONE_BUNDLE_UPTO:
        return [f"/{BUNDLES}/{WHOLE_SITE}/"]
    split = _split_years(halves)
    names = set()
    for kind, year, half in halves:
        name = f"{_safe(kind)}-{year:04d}"
        names.add(f"{name}-h{half}" if (kind, year) in split else name)
    return [f"/{BUNDLES}/{name}/" for name in sorted(names)]


def _searchable(site: Site) -> Iterator[Item]:
    # Only HTML reaches a shard's folder: Pagefind runs there (see _index_one).
    return (i for i in site.visible_items() if i.url.endswith(("/", ".html")))


def _halves(site: Site) -> Counter[tuple[str, int, int]]:
    """Searchable pages by type, year and half-year (1: January to June, 2: the rest)."""
    return Counter(
        (i.kind.name, i.published.year, 1 if i.published.month <= 6 else 2)
        for i in _searchable(site)
    )


def _split_years(halves: Counter[tuple[str, int, int]]) -> set[tuple[str, int]]:
    """The (type, year) pairs with more than SPLIT_ABOVE pages."""
    years: Counter[tuple[str, int]] = Counter()
    for (kind, year, _), count in halves.items():
        years[(kind, year)] += count
    return {year for year, count in years.items() if count > SPLIT_ABOVE}


def pagefind_command() -> list[str] | None:
    """The pagefind executable shipped by the `pagefind[bin]` wheel, or one on PATH."""
    if importlib.util.find_spec("pagefind_bin") is not None:
        # The binary itself, not `python -m pagefind`: an interpreter start per shard
        # cost more than indexing a small shard.
        import pagefind_bin  # type: ignore[import-untyped]

        try:
            return [str(pagefind_bin.get_executable())]
        except FileNotFoundError:
            return [sys.executable, "-m", "pagefind"]
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return [found]
    venv_bin = Path(sys.executable).parent / "pagefind"
    return [str(venv_bin)] if venv_bin.exists() else None


def pagefind_version(command: list[str]) -> str:
    result = _run([*command, "--version"], Path(tempfile.gettempdir()), timeout=60)
    return result.stdout.strip()


def _run(args: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(
            args, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(str(exc)) from exc
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-500:])
    return result


@dataclass(frozen=True)
class Indexed:
    """What a build did with the shards: the names indexed anew and those reused."""

    indexed: tuple[str, ...]
    reused: tuple[str, ...]


def index_shards(
    site: Site, writer: OutputWriter, cache_dir: Path | None, workers: int | None = None
) -> Indexed:
    """Write every shard's bundle into staging/pagefind/ (indexed, or linked from the
    previous output when its pages are unchanged) and register its files with `writer`."""
    command = pagefind_command()
    if command is None:
        raise SearchIndexError("pagefind is not installed")
    shards = plan_shards(site)
    version = pagefind_version(command)
    digests = {s.name: shard_digest(s, writer.hashes, version) for s in shards}
    known = load_record(cache_dir, version)
    before = by_shard((p, e.sha256) for p, e in writer.previous.entries.items())
    reused = [s for s in shards if _reuse(s, digests[s.name], known, before, writer)]
    fresh = [s for s in shards if s not in reused]
    cores = os.cpu_count() or 1
    _index_all(command, writer.root, fresh, min(workers or cores, cores))
    for shard in fresh:
        writer.adopt(shard.folder)
    if cache_dir is not None:
        now = by_shard(writer.hashes.items())
        bundles = {s.name: bundle_digest(now.get(s.name, [])) for s in shards}
        record = {n: {"pages": digests[n], "bundle": bundles[n]} for n in sorted(digests)}
        # An unwritable cache costs the next build its reuse, nothing else.
        with contextlib.suppress(OSError):
            save_record(cache_dir, version, record)
    return Indexed(tuple(s.name for s in fresh), tuple(s.name for s in reused))


def _index_all(command: list[str], staging: Path, shards: list[Shard], workers: int) -> None:
    """Index the shards, at most `workers` pagefind processes at once."""
    if not shards:
        return
    workspace = staging / WORKSPACE
    # Largest first: the last process to start is then a short one, and the cores finish
    # together. Each bundle is its own folder, so the order changes no byte.
    ordered = sorted(shards, key=lambda s: (-len(s.pages), s.name))
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(shards)))) as pool:
            # list(): wait for all and raise the first failure.
            list(pool.map(lambda s: _index_one(command, staging, workspace, s), ordered))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _index_one(command: list[str], staging: Path, workspace: Path, shard: Shard) -> None:
    source = workspace / shard.name
    for page in shard.pages:
        target = source.joinpath(*PurePosixPath(page).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        original = staging.joinpath(*PurePosixPath(page).parts)
        try:
            os.link(original, target)
        except OSError:  # no hard links here: a copy indexes the same
            shutil.copyfile(original, target)
    output = staging.joinpath(*PurePosixPath(shard.folder).parts)
    # Run inside the shard's folder, which holds only HTML pages: Pagefind reads a
    # pagefind.yml/json/toml from its working directory, and none may come from the site.
    args = [*command, "--site", str(source), "--output-path", str(output), *OPTIONS]
    _run(args, source, timeout=1800)


def shard_digest(shard: Shard, hashes: Mapping[str, str], version: str) -> str:
    """What a shard's bundle is made from: its pages' paths and bytes, Pagefind, options."""
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, version, list(OPTIONS), shard.name]).encode("utf-8"))
    for page in shard.pages:
        digest.update(f"\n{page}\0{hashes.get(page, '')}".encode())  # missing: G900 later
    return digest.hexdigest()


def bundle_digest(files: Iterable[tuple[str, str]]) -> str:
    """The files of a bundle (path and SHA-256 each), as one value."""
    digest = hashlib.sha256()
    for path, sha in sorted(files):
        digest.update(f"{path}\0{sha}\n".encode())
    return digest.hexdigest()


def by_shard(files: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Output files (path, SHA-256) under pagefind/, by the shard whose bundle holds them."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path, sha in files:
        parts = path.split("/", 2)
        if len(parts) == 3 and parts[0] == BUNDLES:
            found.setdefault(parts[1], []).append((path, sha))
    return found


def _reuse(
    shard: Shard,
    digest: str,
    known: Mapping[str, object],
    before: Mapping[str, list[tuple[str, str]]],
    writer: OutputWriter,
) -> bool:
    """Link the previous build's bundle of this shard into staging, when its pages are
    unchanged and every file of it is still as that build left it; False otherwise."""
    entry = known.get(shard.name)
    if not isinstance(entry, dict) or entry.get("pages") != digest:
        return False
    previous = writer.previous
    files = sorted(before.get(shard.name, []))
    if not files or bundle_digest(files) != entry.get("bundle"):
        return False  # the previous output holds another bundle (or none) under this name
    sources = [previous.reusable(path, sha) for path, sha in files]
    if any(source is None for source in sources):
        return False
    linked: list[tuple[Path, str, str]] = []
    try:
        for (path, sha), source in zip(files, sources, strict=True):
            target = writer.root.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            assert source is not None
            os.link(source, target, follow_symlinks=False)
            linked.append((target, path, sha))
    except OSError:  # another file system, say: index it instead
        shutil.rmtree(writer.root.joinpath(*PurePosixPath(shard.folder).parts), True)
        return False
    for _, path, sha in linked:
        writer.hashes[path] = sha
    return True


def record_path(cache_dir: Path) -> Path:
    return cache_dir / RECORD


def load_record(cache_dir: Path | None, version: str) -> Mapping[str, object]:
    """The shards of earlier builds by name; empty when missing, unreadable or foreign."""
    if cache_dir is None:
        return {}
    try:
        data = json.loads(record_path(cache_dir).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    if data.get("pagefind") != version or data.get("options") != list(OPTIONS):
        return {}
    shards = data.get("shards")
    return shards if isinstance(shards, dict) else {}


def save_record(cache_dir: Path, version: str, shards: Mapping[str, object]) -> None:
    """Write the record in one step (a temporary file renamed), readable by its owner.

    It states facts about Pagefind (these pages gave these bundle files), true whatever
    output folder they went to, so it needs no dropping before the swap.
    """
    make_private(cache_dir)
    data = {"format": FORMAT, "pagefind": version, "options": list(OPTIONS), "shards": shards}
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".search-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        os.replace(temporary, record_path(cache_dir))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
