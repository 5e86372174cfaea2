"""The build as two phases: check everything, then (only if clean) render and write."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from glasnost import manifest, markup
from glasnost.cache import LEGACY_FOLDER, legacy_cache_problem, site_cache_dir
from glasnost.clock import build_time
from glasnost.config import CONFIG_FILE, load_config
from glasnost.depends import GroupRecord
from glasnost.diagnostics import Diagnostics
from glasnost.gitdates import file_histories
from glasnost.incremental import SourceCache
from glasnost.load import load_sources
from glasnost.menu import check_menu
from glasnost.messages import CORE_MESSAGES
from glasnost.model import Site, build_site
from glasnost.render import (
    ENGINE_TEMPLATES,
    TemplateProblem,
    builtin_navigation,
    render_into,
    report_template_problem,
    sitemap,
)
from glasnost.search import SearchIndexError, index_shards
from glasnost.sourcefile import SourceFile
from glasnost.types import TYPES, Registry, all_types, type_messages
from glasnost.types.base import ContentType, Item
from glasnost.values import validated
from glasnost.write import OutputWriter, publish, unsafe_output


def legacy_cache_allowed(site_dir: Path, diag: Diagnostics) -> bool:
    """False, with an error, when git brought a cache folder into the site (see cache.py)."""
    code = legacy_cache_problem(site_dir)
    if code is None:
        return True
    report = diag.error if code == "G033" else diag.warning
    report(code, LEGACY_FOLDER + "/")
    return code != "G033"


@dataclass
class BuildOptions:
    site_dir: Path
    out_dir: Path
    now: datetime | None = None
    search: bool = True
    cache: bool = True
    save_cache: bool = True  # `check` promises to write nothing, not even the cache
    workers: int | None = None
    types: Registry = TYPES  # the content types this build knows


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    language: str = "ru"
    site: Site | None = None
    written: int = 0
    rendered: int = 0  # files rendered by `build`; the others were kept from the last one
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


def new_diagnostics(types: Registry = TYPES) -> Diagnostics:
    return Diagnostics({**CORE_MESSAGES, **type_messages(types)})


def check_site(
    options: BuildOptions, diag: Diagnostics, sources: SourceCache | None = None
) -> Site | None:
    """Phase 1: load, validate and model the whole site; None when anything is wrong.

    `sources` (the live preview's) keeps unchanged files parsed between builds.
    """
    config = load_config(options.site_dir, diag)
    if config is None:
        return None
    if not legacy_cache_allowed(options.site_dir, diag):
        return None
    kinds = all_types(options.types)
    if sources is not None:
        items, broken = sources.read_items(options.site_dir, kinds, diag)
    else:
        items, broken = read_items(options.site_dir, kinds, diag)
    cache_dir = site_cache_dir(options.site_dir) if options.cache else None
    renderer = (
        sources.renderer(cache_dir, options.workers)
        if sources is not None
        else markup.MarkdownRenderer(cache_dir, workers=options.workers, save=options.save_cache)
    )
    histories = (
        sources.histories(options.site_dir, config.zone)
        if sources is not None
        else file_histories(options.site_dir, config.zone)
    )
    now = options.now or build_time()
    try:
        checks = sources.checks if sources is not None else None
        site = build_site(
            config, options.site_dir, kinds, items, diag, now, histories, renderer, broken, checks
        )
        if options.save_cache:
            renderer.save()
    finally:
        renderer.close()
    check_menu(site, builtin_navigation(site), diag)
    return None if diag.has_errors else site


def read_items(
    site_dir: Path, kinds: list[ContentType], diag: Diagnostics
) -> tuple[list[Item], list[tuple[ContentType, SourceFile | Path]]]:
    """Every content file read and validated; those that failed (reported) apart."""
    items: list[Item] = []
    broken: list[tuple[ContentType, SourceFile | Path]] = []  # reported already
    for kind, source in load_sources(site_dir, kinds, diag, broken):
        data = validated(kind, source, diag)
        if data is not None:
            items.append(Item(kind, kind.slug_of(source, data), source, data))
        else:
            broken.append((kind, source))
    return items, broken


def build(options: BuildOptions) -> BuildResult:
    diag = new_diagnostics(options.types)
    refused = unsafe_output(options.out_dir, options.site_dir)
    if refused is not None:  # before anything is read or written
        diag.error(refused, shown_path(options.out_dir, options.site_dir))
        return BuildResult(diag, site_language(options.site_dir))
    site = check_site(options, diag)
    result = BuildResult(diag, site.language if site else site_language(options.site_dir), site)
    if site is None:
        return result
    search = options.search and site.config.search
    workers = options.workers if options.workers is not None else (os.cpu_count() or 1)
    keep = KeptOutput(options)
    # The search shards' record (glasnost/search.py) lives beside the build manifest.
    search_cache = site_cache_dir(options.site_dir) if keep.enabled else None

    def fill(staging: Path) -> int:
        writer = OutputWriter(staging, keep.previous)
        made = render_into(site, writer, workers, keep.groups)
        paths = made.paths + writer.write_files([sitemap(site, made.paths)])
        result.rendered = made.rendered + 1
        duplicates = repeated(paths)
        if duplicates:
            raise DuplicateOutputs(duplicates)
        if search:
            shards = index_shards(site, writer, search_cache, workers)
            result.extra["search_indexed"] = " ".join(shards.indexed)
            result.extra["search_reused"] = " ".join(shards.reused)
        keep.staged(staging, writer.hashes, made.groups)
        return len(paths)

    try:
        result.written = publish(options.out_dir, fill)
        keep.published()
    except TemplateProblem as exc:
        report_template_problem(exc, diag)
    except DuplicateOutputs as exc:
        report_duplicates(exc.paths, diag)
    except SearchIndexError as exc:
        diag.error("G901", "pagefind", problem=str(exc))
    except OSError as exc:
        diag.error("G900", shown_path(options.out_dir, options.site_dir), problem=str(exc))
    return result


class KeptOutput:
    """The manifest's part in a build (glasnost/manifest.py): read the previous build's
    record, drop it just before the swap, record the new output once it is in place.

    Only a build that may use the cache keeps a manifest; its absence costs nothing but
    the rendering and rewriting of unchanged files.
    """

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.enabled = options.cache and options.save_cache
        # Once per build: what a manifest must have been made for (this engine's code as it
        # is now, these libraries, this output folder), the same for reading and writing.
        self.stamp = (
            manifest.fingerprint(
                options.out_dir, manifest.engine_digest(ENGINE_TEMPLATES, all_types(options.types))
            )
            if self.enabled
            else {}
        )
        self.previous = (
            manifest.load(options.site_dir, options.out_dir, self.stamp)
            if self.enabled
            else manifest.NO_PREVIOUS
        )
        self.record: manifest.Record | None = None

    @property
    def groups(self) -> Mapping[str, GroupRecord] | None:
        """The previous build's output groups; None: no manifest kept, fingerprint nothing."""
        return self.previous.groups if self.enabled else None

    def staged(self, staging: Path, hashes: dict[str, str], groups: dict[str, GroupRecord]) -> None:
        if self.enabled:
            self.record = manifest.record(staging, hashes, groups)
            manifest.forget(self.options.site_dir, self.options.out_dir)

    def published(self) -> None:
        if self.record is not None:
            # Unwritable cache: the next build renders every file again, slower, never wrong.
            with contextlib.suppress(OSError):
                manifest.save(self.options.site_dir, self.options.out_dir, self.stamp, self.record)


class DuplicateOutputs(Exception):
    """Two outputs at one address: the second would silently have replaced the first."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


def report_duplicates(paths: list[str], diag: Diagnostics) -> None:
    for path in paths:
        diag.error("G402", "output/" + path, address="/" + path)


def repeated(paths: list[str]) -> list[str]:
    seen: set[str] = set()
    twice: list[str] = []
    for path in paths:
        if path in seen and path not in twice:
            twice.append(path)
        seen.add(path)
    return twice


def shown_path(path: Path, site_dir: Path) -> str:
    """A path for messages: relative to the site when inside it, else as given."""
    resolved = path.resolve()
    root = site_dir.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)


def check(options: BuildOptions) -> BuildResult:
    options.save_cache = False
    diag = new_diagnostics(options.types)
    site = check_site(options, diag)
    return BuildResult(diag, site.language if site else site_language(options.site_dir), site)


def site_language(site_dir: Path) -> str:
    """The site's language even when its config is broken, for the error messages."""
    try:
        text = (site_dir / CONFIG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "ru"
    return "en" if re.search(r"""^language:\s*["']?en\b""", text, re.M) else "ru"
