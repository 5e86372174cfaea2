"""Where a cold Glasnost build spends its time: cProfile plus a share per stage.

    .venv/bin/python bench/profile.py [--size 1000] [--top 25] [--workers 1] [--warm]
                                      [--save FILE.prof]

Builds the benchmark corpus of --size news items (bench/corpus/SIZE/glasnost, generated
when missing) in this process with `glasnost.pipeline.build(BuildOptions(..., workers=1))`
and the Markdown cache deleted first (a cold build), twice:

1. with stage timers only, for honest stage shares (cProfile slows Python code unevenly);
2. under cProfile, for the top functions by cumulative and by own (total) time.

Stages are timed from outside by wrapping the functions glasnost.pipeline imported (and a
few the render stage calls through module attributes), never by editing the engine:

    load        load_config + load_sources (read and parse front matter / YAML)
    validate    validate_model per item (pydantic) -- the loop in check_site
    git         file_histories (one `git log`)
    cache load  MarkdownRenderer._load_cache (unpickle .glasnost-cache)
    model       build_site, with its Markdown part split into Python-Markdown, nh3,
                hashing/cache (and waiting for workers when --workers > 1), link checks
    cache save  MarkdownRenderer.save (pickle the cache)
    render      render_site + sitemap, split into Jinja HTML, JSON, feeds, sitemap, rest
    write       publish (staging folder, files, swap)

--warm profiles a build with the cache kept instead: what is left when Markdown is cached.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named profile.py, like the stdlib module cProfile imports: take the bench
# folder off the import path before importing anything else.
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import functools  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from typing import Any  # noqa: E402

# The engine's own entry point first: importing glasnost.feeds first currently runs into a
# circular import (glasnost.types.dataset imports glasnost.feeds, which imports the types).
from glasnost import pipeline  # noqa: E402

# isort: split
from glasnost import feeds, jsonapi, markup, model, render  # noqa: E402
from glasnost.pipeline import CACHE_DIR, BuildOptions  # noqa: E402


def _load_corpus() -> Any:
    # bench/corpus.py sits beside the bench/corpus/ data folder: load it by its path.
    spec = importlib.util.spec_from_file_location("glasnost_bench_corpus", BENCH / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate: Callable[[Path, int, int], None] = _load_corpus().generate

TIMES: dict[str, float] = defaultdict(float)
ACTIVE: dict[str, int] = defaultdict(int)


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Adds the call's time to TIMES[name], once: calls nested under the same name are not
    counted again (list_json may call item_json, both are "json")."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if ACTIVE[name]:
            return func(*args, **kwargs)
        ACTIVE[name] += 1
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - start
            ACTIVE[name] -= 1

    return wrapper


def timed_iter(name: str, func: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """For generators: the time spent producing each element counts, not the consumer's."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = iter(func(*args, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                value = next(iterator)
            except StopIteration:
                TIMES[name] += time.perf_counter() - start
                return
            TIMES[name] += time.perf_counter() - start
            yield value

    return wrapper


# (module or class, attribute, timer name, is-a-generator). Inclusive timers: nested
# ones are subtracted from their parent when printed.
PATCHES: list[tuple[Any, str, str, bool]] = [
    (pipeline, "load_config", "load", False),
    (pipeline, "load_sources", "load", False),
    (pipeline, "validate_model", "validate", False),
    (pipeline, "file_histories", "git", False),
    (markup.MarkdownRenderer, "_load_cache", "cache load", False),
    (pipeline, "build_site", "model", False),
    (model, "render_markdown", "markdown", False),
    (markup.MarkdownRenderer, "render_all", "md render_all", False),
    (markup, "render_one", "md render_one", False),
    (markup, "sanitise", "md sanitise", False),
    (markup.MarkdownRenderer, "save", "cache save", False),
    (pipeline, "render_site", "render", False),
    (pipeline, "sitemap", "sitemap", False),
    (render.Renderer, "html", "jinja", False),
    (jsonapi, "dumps", "json", False),
    (jsonapi, "item_json", "json", False),
    (jsonapi, "list_json", "json", False),
    (jsonapi, "page_json", "json", False),
    (jsonapi, "catalogue", "json", False),
    (jsonapi, "schema_files", "json", False),
    (feeds, "all_feeds", "feeds", False),
    (pipeline, "publish", "write", False),
]


@contextmanager
def stage_timers() -> Iterator[None]:
    saved = []
    for owner, attr, name, generator in PATCHES:
        original = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
        saved.append((owner, attr, original))
        setattr(owner, attr, (timed_iter if generator else timed)(name, original))
    try:
        yield
    finally:
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)


def one_build(
    site: Path, out: Path, workers: int, cold: bool, profiler: cProfile.Profile | None = None
) -> tuple[pipeline.BuildResult, float]:
    """Clean up (untimed), then build; returns the result and the build's own seconds."""
    if cold:
        shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # no write-back of the deleted files during the build
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    try:
        result = pipeline.build(BuildOptions(site_dir=site, out_dir=out, workers=workers))
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
    """(depth, label, seconds) for the stage table, nested timers taken out of parents."""
    t = TIMES
    render_all = t["render"] + t["sitemap"]
    md_convert = t["md render_one"] - t["md sanitise"]
    rows = [
        (0, "load (read, front matter)", t["load"]),
        (0, "validate (pydantic)", t["validate"]),
        (0, "git log", t["git"]),
        (0, "Markdown cache load", t["cache load"]),
        (0, "site model incl. Markdown", t["model"]),
        (1, "Markdown (render_markdown)", t["markdown"]),
        (2, "Python-Markdown convert", md_convert),
        (2, "nh3 sanitise", t["md sanitise"]),
        (2, "hash, cache, workers", t["md render_all"] - t["md render_one"]),
        (2, "links, unsafe check", t["markdown"] - t["md render_all"]),
        (1, "other (urls, dates, checks)", t["model"] - t["markdown"]),
        (0, "Markdown cache save", t["cache save"]),
        (0, "render (incl. sitemap)", render_all),
        (1, "Jinja HTML", t["jinja"]),
        (1, "JSON copies, catalogue", t["json"]),
        (1, "feeds (feedgen)", t["feeds"]),
        (1, "sitemap", t["sitemap"]),
        (1, "other", render_all - t["jinja"] - t["json"] - t["feeds"] - t["sitemap"]),
        (0, "write (publish)", t["write"]),
    ]
    top = sum(seconds for depth, _, seconds in rows if depth == 0)
    rows.append((0, "unaccounted (glue)", total - top))
    return rows


def print_stages(total: float, label: str) -> None:
    print(f"\nStage shares ({label}); build {total:.2f} s")
    for depth, name, seconds in stage_rows(total):
        label_text = "  " * (depth + 1) + name
        print(f"{label_text:36s} {seconds:7.3f} s {100 * seconds / total:5.1f} %")


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
        "--save", type=Path, help="also write the raw profile (for snakeviz, pstats)"
    )
    args = parser.parse_args(argv)

    root = BENCH / "corpus" / str(args.size)
    marker = root / "corpus.txt"
    if not (
        marker.is_file()
        and marker.read_text(encoding="utf-8") == f"n={args.size} seed={args.seed}\n"
    ):
        print(f"generating {args.size} items into {root.relative_to(ROOT)} ...", flush=True)
        generate(root, args.size, args.seed)
    site = root / "glasnost"
    cold = not args.warm
    mode = "cold (Markdown cache deleted)" if cold else "warm (Markdown cache kept)"
    with tempfile.TemporaryDirectory(prefix="glasnost-profile-") as tmp:
        out = Path(tmp) / "out"
        one_build(site, out, args.workers, True)  # untimed: imports, templates, OS cache

        TIMES.clear()
        with stage_timers():
            result, plain = one_build(site, out, args.workers, cold)
        print(
            f"{mode[0].upper()}{mode[1:]} build of {args.size} items in-process, "
            f"workers={args.workers}: "
            f"{plain:.2f} s, {result.written} files written"
        )
        print_stages(plain, "timers only, no profiler")

        TIMES.clear()
        profiler = cProfile.Profile()
        with stage_timers():
            _, profiled = one_build(site, out, args.workers, cold, profiler)
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
