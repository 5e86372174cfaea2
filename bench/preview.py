"""`make bench`, edit scenario: how soon the live preview serves a saved change.

For each size N (default 1,000 and 10,000 news items; bench/corpus.py makes the site) the
corpus is generated afresh (the edits change it) into CORPUS/preview-N/ (bench/corpus/,
git-ignored, or --corpus DIR) and `build.py serve` of --engine (default this checkout) is
started on it as a real process. Then, --edits times, one news item is saved with a new title, as an
editor saves it, and the page of that item is fetched every 10 ms until it shows the new
title: save-to-served is the time from just before the write to that response. Each edit
is on a different item, a second after the previous edit's build (the whole site) ended.

After the edits the server is left alone for --idle seconds (10): the CPU time it and its
child processes use in that window (from /proc/PID/stat) and the builds it starts (from its
log) should both be about zero. Also reported: the first (cold) build until the home page
is served, and the server's peak resident memory (VmHWM).

Speed is measured here, never asserted in a test. The issue's targets (issue 11):
save-to-served <= 0.2 s at 1,000 and 10,000 items, idle CPU about 0.

Recorded with the figures: date, machine, the engine's commit and the load average before
and after. bench/table.py turns the JSON into the README's table.

Options: --sizes 1000,10000  --edits 5  --idle 10  --seed 1  --engine DIR  --corpus DIR
         --keep  --json bench/preview-results.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = BENCH / "corpus"
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
BUILD_LINE = re.compile(r"^(Готово: записано файлов|Сборка остановлена)", re.M)


def _load(name: str) -> Any:
    # bench/ is no package (bench/corpus/ is its data folder): load siblings by path.
    spec = importlib.util.spec_from_file_location(f"glasnost_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _generate() -> Any:
    return _load("corpus").generate


table = _load("table")
run_module = _load("run")  # engine_state: the engine's commit, recorded as bench/run.py does
TARGET_SECONDS = table.TARGETS["save_to_served_s"]
TARGET_IDLE_CPU = table.TARGETS["idle_cpu_s"]


@dataclass
class SizeResult:
    n: int
    first_build_s: float
    save_to_served_s: list[float] = field(default_factory=list)
    # The server's CPU time over the same span: near the wall time on a quiet machine;
    # far below it means other work on the machine slowed the measurement.
    save_to_served_cpu_s: list[float] = field(default_factory=list)
    # Until the whole site is rebuilt (the build's line in the log, polled every 50 ms),
    # and the server's CPU time over that span: what one save costs in all.
    # Empty when the server's log never said a build ended (its wording changed).
    save_to_built_s: list[float] = field(default_factory=list)
    save_to_built_cpu_s: list[float] = field(default_factory=list)
    idle_window_s: float = 0.0
    idle_cpu_s: float = 0.0
    idle_builds: int = 0
    builds_per_edit: float = 0.0
    peak_rss_mib: float = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _stat(pid: int) -> list[str]:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return stat[stat.rfind(")") + 2 :].split()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(children.get(pid, []))
    return seen


def cpu_seconds(pid: int) -> float:
    """CPU time of the server and its child processes, the live ones and those it reaped."""
    total = 0
    for number in _descendants(pid):
        fields = _stat(number)
        if fields:
            total += int(fields[11]) + int(fields[12])
            if number == pid:
                total += int(fields[13]) + int(fields[14])
    return total / CLOCK_TICK


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def builds(log: Path) -> int:
    return len(BUILD_LINE.findall(log.read_text(encoding="utf-8", errors="replace")))


def wait_until(
    url: str, needle: str, proc: subprocess.Popen[bytes], limit: float, start: float
) -> float:
    """Seconds from `start` until `url` answers 200 with `needle` in it (polled every 10 ms)."""
    while True:
        status, body = fetch(url)
        if status == 200 and needle in body:
            return time.perf_counter() - start
        if proc.poll() is not None:
            sys.exit(f"bench: the preview stopped (exit {proc.returncode})")
        if time.perf_counter() - start > limit:
            sys.exit(f"bench: {url} did not show {needle!r} within {limit} s")
        time.sleep(0.01)


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M), encoding="utf-8"
    )


def wait_for_build(log: Path, count: int, limit: float) -> bool:
    """Wait until the log shows `count` finished builds; False after `limit` seconds."""
    start = time.perf_counter()
    while builds(log) < count:
        if time.perf_counter() - start > limit:
            return False
        time.sleep(0.05)
    return True


def bench_size(
    n: int, edits: int, idle: float, seed: int, keep: bool, engine: Path, corpus: Path
) -> SizeResult:
    root = corpus / f"preview-{n}"
    shutil.rmtree(root, ignore_errors=True)
    print(f"[{n}] generating corpus into {root} ...", flush=True)
    _generate()(root, n, seed)
    site = root / "glasnost"
    log = root / "serve.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, str(engine / "build.py"), "serve", "--site", str(site)]
            + ["--port", str(port)],
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
        )
    try:
        wait_until(base + "/", "<html", proc, 1800, start)
        result = SizeResult(n, time.perf_counter() - start)
        print(f"[{n}] first build served after {result.first_build_s:.1f} s", flush=True)
        time.sleep(1.5)
        before = builds(log)
        news = sorted((site / "content" / "news").glob("*.md"))
        for number in range(edits):
            item = news[(number + 1) * len(news) // (edits + 1)]
            title = f"Правка номер {number + 1} для замера"
            cpu = cpu_seconds(proc.pid)
            began = time.perf_counter()
            retitle(item, title)
            served = wait_until(f"{base}/news/{item.stem}/", title, proc, 600, began)
            used = cpu_seconds(proc.pid) - cpu
            result.save_to_served_s.append(served)
            result.save_to_served_cpu_s.append(used)
            print(f"[{n}] edit {number + 1}: served after {served:.3f} s ({used:.2f} s CPU)")
            # The rest of the site, rendered after the page was served.
            if not wait_for_build(log, before + number + 1, 600):
                print(f"[{n}] the server's log shows no end of the build: not counted")
                time.sleep(1.0)
                continue
            result.save_to_built_s.append(time.perf_counter() - began)
            result.save_to_built_cpu_s.append(cpu_seconds(proc.pid) - cpu)
            print(
                f"[{n}] edit {number + 1}: whole site rebuilt after "
                f"{result.save_to_built_s[-1]:.3f} s ({result.save_to_built_cpu_s[-1]:.2f} s CPU)"
            )
            time.sleep(1.0)
        result.builds_per_edit = (builds(log) - before) / edits
        time.sleep(1.0)
        idle_builds = builds(log)
        cpu = cpu_seconds(proc.pid)
        window = time.perf_counter()
        time.sleep(idle)
        result.idle_cpu_s = cpu_seconds(proc.pid) - cpu
        result.idle_window_s = time.perf_counter() - window
        result.idle_builds = builds(log) - idle_builds
        result.peak_rss_mib = peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return result


def print_table(results: list[SizeResult]) -> None:
    print("\nLive preview, one news item saved (median over edits; target ≤ 0.2 s, idle CPU ≈ 0)")
    print(
        f"{'items':>7} {'first build':>12} {'save→served':>12} {'(CPU)':>7} {'min':>7} {'max':>7} "
        f"{'builds/edit':>12} {'idle CPU':>13} {'idle builds':>12} {'peak RSS':>9} "
        f"{'save→built':>11} {'(CPU)':>7}"
    )
    for r in results:
        times = r.save_to_served_s
        built = r.save_to_built_s or [float("nan")]
        built_cpu = r.save_to_built_cpu_s or [float("nan")]
        print(
            f"{r.n:>7} {r.first_build_s:>11.1f}s {statistics.median(times):>11.3f}s "
            f"{statistics.median(r.save_to_served_cpu_s):>6.2f}s "
            f"{min(times):>6.3f}s {max(times):>6.3f}s {r.builds_per_edit:>12.1f} "
            f"{r.idle_cpu_s:>6.2f}s/{r.idle_window_s:>4.1f}s {r.idle_builds:>12} "
            f"{r.peak_rss_mib:>6.0f}MiB "
            f"{statistics.median(built):>10.3f}s "
            f"{statistics.median(built_cpu):>6.2f}s"
        )
    for r in results:
        verdict = "meets" if statistics.median(r.save_to_served_s) <= TARGET_SECONDS else "misses"
        idle = "meets" if r.idle_cpu_s <= TARGET_IDLE_CPU else "misses"
        print(
            f"  {r.n} items: save-to-served {verdict} the {TARGET_SECONDS} s target; idle CPU "
            f"{idle} the target (<= {TARGET_IDLE_CPU} s in the window)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument(
        "--engine", type=Path, default=ROOT, help="the Glasnost checkout to measure (default .)"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where the corpora go")
    parser.add_argument("--json", type=Path, default=BENCH / "preview-results.json")
    args = parser.parse_args(argv)
    args.corpus.mkdir(parents=True, exist_ok=True)
    engine = args.engine.resolve()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load_start = [round(x, 2) for x in os.getloadavg()]
    results = [
        bench_size(
            int(n), args.edits, args.idle, args.seed, args.keep, engine, args.corpus.resolve()
        )
        for n in args.sizes.split(",")
        if n.strip()
    ]
    print_table(results)
    data = {
        "date": started,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "engine": run_module.engine_state(engine),
        "loadavg_start": load_start,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "method": __doc__,
        "sizes": [
            {
                **asdict(r),
                "median_save_to_served_s": statistics.median(r.save_to_served_s),
                "median_save_to_built_s": (
                    statistics.median(r.save_to_built_s) if r.save_to_built_s else None
                ),
            }
            for r in results
        ],
    }
    args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
