"""Static full-text search with Pagefind: one bundle (shard) per content type and year, or
part of a year.

Only item pages are searchable (templates/base.html marks their <main> for Pagefind), so
the site model says which pages go where: on a site of more than ONE_BUNDLE_UPTO such
pages an item's page joins the shard of its type and the year of its date, e.g.
pagefind/news-2024/, or of a part of that year when the year holds more pages than a
shard should (news-2024-h1 half-years, news-2024-q3 quarters, news-2024-m07 months; see
_cuts); a smaller site is the one shard pagefind/all/. Each
shard is indexed by its own pagefind process over a throwaway folder inside staging that
holds the shard's pages as hard links at their own relative paths (so results link to
the right addresses); shards run in parallel. The search page loads the first bundle and
merges the others (Pagefind's mergeIndex), so one query searches them all and the hits
are ranked together by score (each bundle scores its pages with its own word
statistics).

Indexing is what makes a build slow (about 3 ms a page on one core), so a shard whose
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
from glasnost.site import Item, Site, page_path
from glasnost.write import OutputWriter

BUNDLES = "pagefind"  # the output folder holding every shard's bundle
WORKSPACE = ".search-shards"  # inside staging, removed before the build ends
RECORD = "search-shards.json"  # in the site's cache folder
FORMAT = 1
# Everything but the paths of a pagefind run; part of each shard's digest.
OPTIONS = ("--quiet",)
# A site with no more searchable pages than this is one bundle, WHOLE_SITE: it is indexed
# in about a second, and each further bundle would cost a Pagefind start on every build
# and a fetch on every first query.
ONE_BUNDLE_UPTO = 500
# Above that, a shard should hold at most SHARD_PAGES pages (indexed again in about 0.3 s
# after an edit), unless the search page would then have to fetch more than MAX_BUNDLES
# bundles: then the limit doubles until it need not (see _cuts).
SHARD_PAGES = 128
MAX_BUNDLES = 24
# How a type's year may be cut, coarsest first: whole, half-years, quarters, months.
CUTS = ("year", "half", "quarter", "month")
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


def shard_name(item: Item, cut: str = "year") -> str:
    """`news-2024`; cut by half-year `news-2024-h1`, by quarter `news-2024-q3`, by month
    `news-2024-m07` (the part of the year the item's date falls in)."""
    return _name(item.kind.name, item.published.year, item.published.month, cut)


def _name(kind: str, year: int, month: int, cut: str) -> str:
    name = f"{_safe(kind)}-{year:04d}"
    part = _part(month, cut)
    if cut == "half":
        return f"{name}-h{part}"
    if cut == "quarter":
        return f"{name}-q{part}"
    if cut == "month":
        return f"{name}-m{part:02d}"
    return name


def _part(month: int, cut: str) -> int:
    """Which part of its year a month falls in when the year is cut so (0: not cut)."""
    return {"half": (month + 5) // 6, "quarter": (month + 2) // 3, "month": month}.get(cut, 0)


def _safe(kind: str) -> str:
    # Type names are the engine's own identifiers (news, plan...); kept to what is safe in
    # a URL anyway. The check first: the preview asks for every item on every change.
    if kind.isascii() and kind.isalnum() and kind.islower():
        return kind
    return re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-") or "item"


def plan_shards(site: Site) -> list[Shard]:
    """The search shards of a site, sorted by name, each with its pages sorted.

    A site of at most ONE_BUNDLE_UPTO searchable pages is one shard. On a larger one, each
    type's year is one shard, or is cut into half-years, quarters or months (_cuts):
    indexing takes about 3 ms a page on one core, so after an edit only the edited part
    is indexed again, and in a full build the parts share the cores.
    """
    months = _months(site)
    if sum(months.values()) <= ONE_BUNDLE_UPTO:
        every = tuple(sorted({page_path(item.url) for item in _searchable(site)}))
        return [Shard(WHOLE_SITE, every)] if every else []
    cuts = _cuts(months)
    pages: dict[str, set[str]] = {}
    for item in _searchable(site):
        name = shard_name(item, cuts[(item.kind.name, item.published.year)])
        pages.setdefault(name, set()).add(page_path(item.url))
    return [Shard(name, tuple(sorted(paths))) for name, paths in sorted(pages.items())]


def bundle_urls(site: Site) -> list[str]:
    """Where the search page finds the bundles (the first is loaded, the others merged):
    plan_shards()'s names, in one pass that builds no paths, for the live preview renders
    this page on every change."""
    if not site.config.search:
        return []
    months = _months(site)
    if not months:
        return []
    if sum(months.values()) <= ONE_BUNDLE_UPTO:
        return [f"/{BUNDLES}/{WHOLE_SITE}/"]
    cuts = _cuts(months)
    names = {_name(kind, year, month, cuts[(kind, year)]) for kind, year, month in months}
    return [f"/{BUNDLES}/{name}/" for name in sorted(names)]


def _searchable(site: Site) -> Iterator[Item]:
    # Only HTML reaches a shard's folder: Pagefind runs there (see _index_one).
    return (i for i in site.visible_items() if i.url.endswith(("/", ".html")))


def _months(site: Site) -> Counter[tuple[str, int, int]]:
    """Searchable pages by type, year and month."""
    return Counter((i.kind.name, i.published.year, i.published.month) for i in _searchable(site))


def _cuts(months: Counter[tuple[str, int, int]]) -> dict[tuple[str, int], str]:
    """How each (type, year) is cut: the coarsest of CUTS whose parts hold at most `limit`
    pages, the limit starting at SHARD_PAGES and doubling while that makes more than
    MAX_BUNDLES bundles (or until every year is whole). The cuts depend only on the page
    counts, so an edit moves no page to another shard; an item added or deleted across a
    limit re-cuts the years (a full re-index, once)."""
    by_year: dict[tuple[str, int], Counter[int]] = {}
    for (kind, year, month), count in months.items():
        by_year.setdefault((kind, year), Counter())[month] += count
    limit = SHARD_PAGES
    while True:
        cuts = {key: _coarsest(counts, limit) for key, counts in by_year.items()}
        bundles = sum(_parts(counts, cuts[key]) for key, counts in by_year.items())
        if bundles <= MAX_BUNDLES or all(cut == "year" for cut in cuts.values()):
            return cuts
        limit *= 2


def _coarsest(counts: Counter[int], limit: int) -> str:
    """The coarsest cut of a year (pages by month) whose largest part is within limit."""
    for cut in CUTS:
        parts: Counter[int] = Counter()
        for month, count in counts.items():
            parts[_part(month, cut)] += count
        if max(parts.values()) <= limit:
            return cut
    return CUTS[-1]


def _parts(counts: Counter[int], cut: str) -> int:
    """How many bundles a year (pages by month) makes when cut so."""
    return len({_part(month, cut) for month in counts})


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
    files = sorted(before.get(shard.name, []))
    if not files or bundle_digest(files) != entry.get("bundle"):
        return False  # the previous output holds another bundle (or none) under this name
    # The bundle's files as the manifest recorded them, all linked or none.
    return writer.keep(tuple(path for path, _ in files))


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
