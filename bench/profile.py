"""Where a cold Glasnost build spends its time: cProfile plus a share per stage.

    .venv/bin/python bench/profile.py [--size 1000] [--top 25] [--workers 1] [--warm]
                                      [--stages-only] [--engine bench/corpus/engine]
                                      [--save FILE.prof]

Builds the benchmark corpus of --size news items (bench/corpus/SIZE/glasnost, generated
when missing) in this process with `glasnost.pipeline.build(BuildOptions(..., workers=1))`
and the Markdown cache deleted first (a cold build), twice:

1. with stage timers only, for honest stage shares (cProfile slows Python code unevenly);
2. under cProfile, for the top functions by cumulative and by own (total) time.

Stages are timed from outside by wrapping the functions glasnost.pipeline imported (and a
few others called through module attributes), never by editing the engine. Timers are
exclusive (a timed call inside another counts for itself only), so the rows add up:

    load        load_config + load_sources (read and parse front matter / YAML)
    validate    validate_model per item (pydantic) -- the loop in check_site
    git         file_histories (one `git log`)
    cache load  MarkdownCache.get_many (read and re-check the per-user SQLite cache)
    model       build_site, its Markdown split into Python-Markdown, nh3, hashing/cache
                (and waiting for workers when --workers > 1), link and unsafe-HTML checks
    cache save  MarkdownCache.store (write new entries to the SQLite cache)
    render      render_site or render_into + sitemap: Jinja HTML, JSON, feeds, sitemap,
                other (generators' glue; with workers, waiting for the page workers)
    write       write_files: creating folders and files, without the rendering it pulls
    publish     the staging folder and the swap

Wrapped functions the engine does not have are skipped. Resident memory after each
top-level stage is printed for the timers-only build (the warm-up runs in a forked child,
so this process starts clean).

--warm profiles a build with the cache kept instead: what is left when Markdown is cached.
The search index is left out (as `--no-search`), since Pagefind is another process that
cProfile would only show as waiting; --search builds it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named profile.py, like the stdlib module cProfile imports: take the bench
# folder off the import path before importing anything else.
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
# --engine DIR: profile another copy of the engine (e.g. bench/corpus/engine, the copy the
# last `make bench` measured); read before the engine is imported.
ENGINE_DIR = ROOT
if "--engine" in sys.argv[:-1]:
    ENGINE_DIR = Path(sys.argv[sys.argv.index("--engine") + 1]).resolve()
sys.path.insert(0, str(ENGINE_DIR))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import functools  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from typing import Any  # noqa: E402

# The engine's own entry point first: importing glasnost.feeds first currently runs into a
# circular import (glasnost.types.dataset imports glasnost.feeds, which imports the types).
from glasnost import pipeline  # noqa: E402

# isort: split
from glasnost import feeds, jsonapi, markup, model, render, write  # noqa: E402
from glasnost.cache import site_cache_dir  # noqa: E402
from glasnost.pipeline import BuildOptions  # noqa: E402


def _load_corpus() -> Any:
    # bench/corpus.py sits beside the bench/corpus/ data folder: load it by its path.
    spec = importlib.util.spec_from_file_location("glasnost_bench_corpus", BENCH / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_corpus = _load_corpus()
generate: Callable[[Path, int, int], None] = _corpus.generate
corpus_marker: Callable[[int, int], str] = _corpus.marker

TIMES: dict[str, float] = defaultdict(float)  # exclusive seconds per timer name
STACK: list[list[Any]] = []  # [name, seconds of timed calls nested inside] per open call
RSS_AFTER: dict[str, float] = {}  # MiB resident after the last call of a top-level stage
TOP_STAGES = {"load", "git", "cache load", "model", "cache save", "render", "sitemap", "publish"}
PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20


def rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE_MIB


def _enter(name: str) -> float:
    STACK.append([name, 0.0])
    return time.perf_counter()


def _leave(start: float) -> None:
    elapsed = time.perf_counter() - start
    name, nested = STACK.pop()
    TIMES[name] += elapsed - nested  # exclusive: timed calls inside count for themselves
    if STACK:
        STACK[-1][1] += elapsed
    if name in TOP_STAGES:
        RSS_AFTER[name] = rss_mib()


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = _enter(name)
        try:
            return func(*args, **kwargs)
        finally:
            _leave(start)

    return wrapper


def timed_items(name: str, iterable: Iterable[Any]) -> Iterator[Any]:
    """Time spent producing each element (e.g. a generator that renders pages) goes to
    `name`, not to the consumer (e.g. write_files, which pulls and writes them)."""
    iterator = iter(iterable)
    while True:
        start = _enter(name)
        try:
            value = next(iterator)
        except StopIteration:
            return
        finally:
            _leave(start)
        yield value


def timed_writer(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """write_files(root, files): the rendering done while pulling `files` is not writing."""

    @functools.wraps(func)
    def wrapper(root: Any, files: Iterable[Any], *args: Any, **kwargs: Any) -> Any:
        start = _enter(name)
        try:
            return func(root, timed_items("producing", files), *args, **kwargs)
        finally:
            _leave(start)

    return wrapper


# (module or class, attribute, timer name). Timers are exclusive: a timed call inside
# another counts for itself only. Attributes the engine does not have are skipped, so
# the profiler follows the engine as it changes (old: render_site then publish writes
# the list; new: render_into renders and writes as it goes).
PATCHES: list[tuple[Any, str, str]] = [
    (pipeline, "load_config", "load"),
    (pipeline, "load_sources", "load"),
    (pipeline, "validate_model", "validate"),
    (pipeline, "file_histories", "git"),
    (markup.MarkdownCache, "get_many", "cache load"),
    (pipeline, "build_site", "model"),
    (model, "render_markdown", "markdown"),
    (markup.MarkdownRenderer, "render_all", "md render_all"),
    (markup, "render_one", "md render_one"),
    (markup, "sanitise", "md sanitise"),
    (markup.MarkdownCache, "store", "cache save"),
    (pipeline, "render_site", "render"),
    (pipeline, "render_into", "render"),
    (pipeline, "sitemap", "sitemap"),
    (render.Renderer, "html", "jinja"),
    (jsonapi, "dumps", "json"),
    (jsonapi, "item_json", "json"),
    (jsonapi, "list_json", "json"),
    (jsonapi, "page_json", "json"),
    (jsonapi, "catalogue", "json"),
    (jsonapi, "schema_files", "json"),
    (feeds, "all_feeds", "feeds"),
    (write, "write_files", "write"),
    (write.OutputWriter, "write_files", "write"),
    (render, "write_files", "write"),
    (pipeline, "write_files", "write"),
    (pipeline, "publish", "publish"),
]


@contextmanager
def stage_timers() -> Iterator[None]:
    saved = []
    for owner, attr, name in PATCHES:
        if isinstance(owner, type):
            original = owner.__dict__.get(attr)
        else:
            original = getattr(owner, attr, None)
        if original is None:
            continue
        saved.append((owner, attr, original))
        wrap = timed_writer if attr == "write_files" else timed
        setattr(owner, attr, wrap(name, original))
    try:
        yield
    finally:
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)


def one_build(
    site: Path,
    out: Path,
    workers: int,
    cold: bool,
    profiler: cProfile.Profile | None = None,
    search: bool = False,
) -> tuple[pipeline.BuildResult, float]:
    """Clean up (untimed), then build; returns the result and the build's own seconds."""
    if cold:
        shutil.rmtree(site_cache_dir(site), ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # no write-back of the deleted files during the build
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    try:
        options = BuildOptions(site_dir=site, out_dir=out, workers=workers, search=search)
        result = pipeline.build(options)
    finally:
        if profiler is not None:
            profiler.disable()
    seconds = time.perf_counter() - start
    if not result.ok:
        for diagnostic in result.diagnostics:
            print(result.diagnostics.format(diagnostic, "en"), file=sys.stderr)
        sys.exit("profile: the build failed (diagnostics above)")
    return result, seconds


def stage_rows(total: float) -> list[tuple[int, str, float]]:
    """(depth, label, seconds) for the stage table; depth-0 rows add up to the build."""
    t = TIMES
    markdown = sum(t[n] for n in ("markdown", "md render_all", "md render_one", "md sanitise"))
    rendering = sum(t[n] for n in ("render", "producing", "jinja", "json", "feeds", "sitemap"))
    rows = [
        (0, "load (read, front matter)", t["load"]),
        (0, "validate (pydantic)", t["validate"]),
        (0, "git log", t["git"]),
        (0, "Markdown cache load", t["cache load"]),
        (0, "site model incl. Markdown", t["model"] + markdown),
        (1, "Python-Markdown convert", t["md render_one"]),
        (1, "nh3 sanitise", t["md sanitise"]),
        (1, "hash, cache, workers", t["md render_all"]),
        (1, "links, unsafe check", t["markdown"]),
        (1, "other (urls, dates, checks)", t["model"]),
        (0, "Markdown cache save", t["cache save"]),
        (0, "render (incl. sitemap)", rendering),
        (1, "Jinja HTML", t["jinja"]),
        (1, "JSON copies, catalogue", t["json"]),
        (1, "feeds (feedgen)", t["feeds"]),
        (1, "sitemap", t["sitemap"]),
        (1, "other (page workers' wall time)", t["render"] + t["producing"]),
        (0, "write (files, folders)", t["write"]),
        (0, "publish (staging, swap)", t["publish"]),
    ]
    top = sum(seconds for depth, _, seconds in rows if depth == 0)
    rows.append((0, "unaccounted (glue)", total - top))
    return rows


def print_stages(total: float, label: str, memory: bool = False) -> None:
    print(f"\nStage shares ({label}); build {total:.2f} s")
    for depth, name, seconds in stage_rows(total):
        label_text = "  " * (depth + 1) + name
        print(f"{label_text:36s} {seconds:7.3f} s {100 * seconds / total:5.1f} %")
    if memory:
        steps = ", ".join(f"{name} {mib:.0f}" for name, mib in RSS_AFTER.items())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  resident MiB after each stage: {steps}; peak {peak:.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="cProfile one cold Glasnost build of the bench corpus"
    )
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="Markdown worker processes (default 1: all in-process)",
    )
    parser.add_argument(
        "--warm", action="store_true", help="profile a warm build (Markdown cache kept) instead"
    )
    parser.add_argument(
        "--engine", type=Path, default=ROOT, help="folder holding glasnost/ and templates/"
    )
    parser.add_argument(
        "--stages-only", action="store_true", help="only the stage shares, no cProfile run"
    )
    parser.add_argument(
        "--search", action="store_true", help="build the search index too (Pagefind)"
    )
    parser.add_argument(
        "--save", type=Path, help="also write the raw profile (for snakeviz, pstats)"
    )
    args = parser.parse_args(argv)

    root = BENCH / "corpus" / str(args.size)
    marker = root / "corpus.txt"
    if not (
        marker.is_file()
        and marker.read_text(encoding="utf-8") == corpus_marker(args.size, args.seed)
    ):
        print(f"generating {args.size} items into {root.relative_to(ROOT)} ...", flush=True)
        generate(root, args.size, args.seed)
    site = root / "glasnost"
    cold = not args.warm
    mode = "cold (Markdown cache deleted)" if cold else "warm (Markdown cache kept)"
    with tempfile.TemporaryDirectory(prefix="glasnost-profile-") as tmp:
        out = Path(tmp) / "out"
        # Untimed warm-up (OS file cache; for --warm it also fills the Markdown cache), in a
        # forked child so that this process's memory figures start from a clean heap.
        child = os.fork()
        if child == 0:
            try:
                one_build(site, out, args.workers, True, search=args.search)
            finally:
                os._exit(0)
        os.waitpid(child, 0)

        TIMES.clear()
        STACK.clear()
        RSS_AFTER.clear()
        RSS_AFTER["before"] = rss_mib()
        with stage_timers():
            result, plain = one_build(site, out, args.workers, cold, search=args.search)
        print(
            f"{mode[0].upper()}{mode[1:]} build of {args.size} items in-process "
            f"(engine: {pipeline.__file__.removesuffix('/glasnost/pipeline.py')}), "
            f"workers={args.workers}: "
            f"{plain:.2f} s, {result.written} files written"
        )
        print_stages(plain, "timers only, no profiler", memory=True)
        if args.stages_only:
            return 0

        TIMES.clear()
        STACK.clear()
        profiler = cProfile.Profile()
        with stage_timers():
            _, profiled = one_build(site, out, args.workers, cold, profiler, args.search)
        print_stages(profiled, "under cProfile: Python code inflated unevenly")

    if args.save:
        profiler.dump_stats(str(args.save))
    for key, label in (("cumulative", "cumulative"), ("tottime", "total (own) time")):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
        text = stream.getvalue()
        body = text[text.find("   ncalls") :] if "   ncalls" in text else text
        print(
            f"\nTop {args.top} functions by {label} "
            f"(cProfile, build {profiled:.2f} s vs {plain:.2f} s unprofiled):"
        )
        print(body.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
