"""Summaries and tables of `make bench`'s results: the printed report and the README's table.

    python bench/table.py [bench/results.json] [--preview bench/preview-results.json]

prints the Markdown of README's speed section (date, engine commit, figures, ratios and
whether each target of issue 11 is met) from the JSON files bench/run.py and
bench/preview.py wrote, so fresh figures can be pasted after a run. bench/run.py imports
it for its own summary; nothing here runs a build.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent

# Issue 11's targets on the 2-core machine. "idle CPU ≈ 0" is read as at most 0.1 s of CPU
# in the 10 s idle window (1 % of one core).
TARGETS: dict[str, float] = {
    "cold_search_vs_hugo_pagefind": 1.5,
    "cold_vs_hugo": 1.5,
    "one_change_vs_hugo_pagefind": 0.5,
    "peak_mib": 300.0,
    "peak_mib_at_size": 10000,
    "save_to_served_s": 0.2,
    "idle_cpu_s": 0.1,
}
GLASNOST = ("cold", "cold-search", "one-change")
ORDER = ("hugo", "pagefind", "hugo+pagefind", "cold", "cold-search", "one-change")
# (name of the ratio, scenario, baseline, target's key)
RATIOS = (
    ("cold_search_vs_hugo_pagefind", "cold-search", "hugo+pagefind"),
    ("cold_vs_hugo", "cold", "hugo"),
    ("one_change_vs_hugo_pagefind", "one-change", "hugo+pagefind"),
)
Json = dict[str, Any]


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _group(runs: list[Json]) -> dict[int, dict[str, list[Json]]]:
    """Successful measured runs by size and scenario, with Hugo + Pagefind per round."""
    groups: dict[int, dict[str, list[Json]]] = {}
    for run in runs:
        if run["returncode"] == 0 and run["scenario"] not in ("warm-up", "prime"):
            groups.setdefault(run["size"], {}).setdefault(run["scenario"], []).append(run)
    for scenarios in groups.values():
        pagefind = {r["round"]: r for r in scenarios.get("pagefind", [])}
        both = [
            {
                **hugo,
                "scenario": "hugo+pagefind",
                "wall_s": hugo["wall_s"] + p["wall_s"],
                "cpu_s": hugo["cpu_s"] + p["cpu_s"],
                "peak_mib": max(hugo["peak_mib"], p["peak_mib"]),
                "other_cpu_s": hugo["other_cpu_s"] + p["other_cpu_s"],
            }
            for hugo in scenarios.get("hugo", [])
            if (p := pagefind.get(hugo["round"]))
        ]
        if both:
            scenarios["hugo+pagefind"] = both
    return groups


def _scenario_row(runs: list[Json]) -> Json:
    walls = [r["wall_s"] for r in runs]
    pagefind = [r["pagefind_s"] for r in runs if r.get("pagefind_peak_mib")]
    return {
        "runs": len(runs),
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "cpu_median_s": statistics.median(r["cpu_s"] for r in runs),
        "peak_mib": max(r["peak_mib"] for r in runs),
        "pagefind_median_s": _median(pagefind),
        "pagefind_peak_mib": max((r.get("pagefind_peak_mib", 0.0) for r in runs), default=0.0),
        "html_pages": runs[0]["html_pages"],
        "files": runs[0]["files"],
        "loadavg_median": statistics.median(r["loadavg"] for r in runs),
        "other_cpu_median_s": statistics.median(r["other_cpu_s"] for r in runs),
    }


def _verdict(name: str, value: float | None, limit: float) -> Json:
    met = None if value is None else value <= limit
    return {"target": name, "value": value, "limit": limit, "met": met}


def summarise(runs: list[Json]) -> list[Json]:
    """Per size: each scenario's medians, the ratios to the baselines and the verdicts."""
    sizes = []
    for size, groups in sorted(_group(runs).items()):
        rows = {name: _scenario_row(groups[name]) for name in ORDER if name in groups}
        ratios: dict[str, float | None] = {}
        verdicts = []
        for name, scenario, baseline in RATIOS:
            value = None
            if scenario in rows and baseline in rows:
                value = rows[scenario]["median_s"] / rows[baseline]["median_s"]
            ratios[name] = value
            verdicts.append(_verdict(name, value, TARGETS[name]))
        peaks = [rows[s]["peak_mib"] for s in GLASNOST if s in rows]
        peak = max(peaks) if peaks else None
        if size == TARGETS["peak_mib_at_size"]:
            verdicts.append(_verdict("peak_mib", peak, TARGETS["peak_mib"]))
        sizes.append(
            {
                "size": size,
                "scenarios": rows,
                "ratios": ratios,
                "glasnost_peak_mib": peak,
                "verdicts": verdicts,
            }
        )
    return sizes


# --- text ---------------------------------------------------------------------------------


def _s(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _mib(value: float | None) -> str:
    return "-" if not value else f"{value:.0f} MiB"


def _met(met: bool | None) -> str:
    return {True: "met", False: "NOT met", None: "not measured"}[met]


def text_report(data: Json) -> str:
    """The table bench/run.py prints at the end."""
    head = (
        f"{'size':>6}  {'scenario':14s} {'runs':>4} {'median':>9} {'min':>9} {'max':>9} "
        f"{'cpu':>9} {'peak':>9} {'pagefind':>9} {'pf peak':>9} {'html':>6} {'load':>5} "
        f"{'other':>6}"
    )
    lines = ["", head, "-" * len(head)]
    for size in data["summary"]:
        for name, row in size["scenarios"].items():
            lines.append(
                f"{size['size']:>6}  {name:14s} {row['runs']:>4} {_s(row['median_s']):>9} "
                f"{_s(row['min_s']):>9} {_s(row['max_s']):>9} {_s(row['cpu_median_s']):>9} "
                f"{_mib(row['peak_mib']):>9} {_s(row['pagefind_median_s']):>9} "
                f"{_mib(row['pagefind_peak_mib']):>9} {row['html_pages']:>6} "
                f"{row['loadavg_median']:>5.2f} {row['other_cpu_median_s']:>6.2f}"
            )
    lines.append("")
    lines.append("Targets (issue 11):")
    for size in data["summary"]:
        for verdict in size["verdicts"]:
            lines.append(f"  {size['size']:>6} {_describe(verdict)}")
    lines.append(
        "\nmedian/min/max = wall time over rounds; cpu = CPU time of the build's processes "
        "(median); peak = Glasnost's own processes (for pagefind: Pagefind's), max over "
        "rounds; pagefind / pf peak = Pagefind inside a Glasnost build with search; "
        "load = 1-minute load average before the build (median); other = CPU seconds used "
        "by anything else during the build (median; high means a noisy figure)."
    )
    return "\n".join(lines)


LABELS = {
    "cold_search_vs_hugo_pagefind": "cold build with search vs Hugo + Pagefind",
    "cold_vs_hugo": "cold build without search vs Hugo",
    "one_change_vs_hugo_pagefind": "build after one changed file, with search, vs Hugo + Pagefind",
    "peak_mib": "peak memory of Glasnost's processes (Pagefind apart)",
    "save_to_served_s": "preview: save to served (median)",
    "idle_cpu_s": "preview: server CPU in the idle window",
}


def _value(verdict: Json) -> str:
    value, name = verdict["value"], verdict["target"]
    if value is None:
        return "-"
    if name == "peak_mib":
        return f"{value:.0f} MiB"
    return f"{value:.2f} s" if name.endswith("_s") else f"{value:.2f}x"


def _limit(verdict: Json) -> str:
    limit, name = verdict["limit"], verdict["target"]
    if name == "peak_mib":
        return f"{limit:.0f} MiB"
    return f"{limit:g} s" if name.endswith("_s") else f"{limit:g}x"


def _describe(verdict: Json) -> str:
    return (
        f"{LABELS[verdict['target']]}: {_value(verdict)} (target <= {_limit(verdict)}) -> "
        f"{_met(verdict['met'])}"
    )


# --- the preview's results ----------------------------------------------------------------


def preview_verdicts(size: Json) -> list[Json]:
    return [
        _verdict(
            "save_to_served_s", size.get("median_save_to_served_s"), TARGETS["save_to_served_s"]
        ),
        _verdict("idle_cpu_s", size.get("idle_cpu_s"), TARGETS["idle_cpu_s"]),
    ]


# --- Markdown for README -----------------------------------------------------------------


def _items(n: int) -> str:
    return f"{n:,}"


def _cell(row: Json | None, ratio: float | None = None, against: str = "") -> str:
    if row is None:
        return "-"
    text = _s(row["median_s"])
    return text + (f" ({_x(ratio)}{' ' + against if against else ''})" if ratio else "")


def _engine(env: Json) -> str:
    engine = env.get("engine", {})
    if isinstance(engine, str):  # results of an older bench/run.py
        return engine
    commit = str(engine.get("commit", "?"))[:10]
    notes = [str(engine.get("branch", "?"))]
    changed = str(engine.get("engine_changed_in", commit))[:10]
    if changed != commit:
        notes.append(f"engine as of `{changed}`")
    if engine.get("uncommitted_changes"):
        notes.append("with uncommitted changes")
    return f"`{commit}` ({', '.join(notes)})"


def _load(env: Json) -> str:
    start, end = env.get("loadavg_start"), env.get("loadavg_end")
    if not start:
        return "?"
    text = "/".join(f"{x:.1f}" for x in start)
    return text + (f" at the start, {'/'.join(f'{x:.1f}' for x in end)} at the end" if end else "")


def _version(text: object) -> str:
    found = re.search(r"\d+\.\d+(\.\d+)?", str(text))
    return found.group(0) if found else "?"


def _rounds(data: Json) -> str:
    counts: dict[str, set[int]] = {}
    for run in data.get("runs", []):
        counts.setdefault(run["scenario"], set()).add(run["round"])
    cold = max((len(counts.get(s, ())) for s in ("hugo", "cold", "cold-search")), default=0)
    edits = len(counts.get("one-change", ()))
    return f"medians of {cold} rounds" + (
        f", one change: {edits} builds, each after editing another item" if edits else ""
    )


def _measured(data: Json) -> str:
    env = data["environment"]
    return (
        f"Measured {env['date'][:10]} on {env['machine']}; engine {_engine(env)}; "
        f"Hugo {_version(env.get('hugo'))}, Pagefind {_version(env.get('pagefind'))}; "
        f"load average (1/5/15 min) {_load(env)}; {_rounds(data)}."
    )


def build_markdown(results: list[Json]) -> list[str]:
    """One table over the sizes of all `results` (runs of one size each, say): each run's
    conditions first, then a row per size (a size in several runs: the last one's)."""
    lines = []
    sizes: dict[int, Json] = {}
    for data in results:
        prefix = ""
        if len(results) > 1:
            # a Markdown list: one item per run
            prefix = "- " + " and ".join(_items(size["size"]) for size in data["summary"])
            prefix += " items: "
        lines.append(prefix + _measured(data))
        sizes.update((size["size"], size) for size in data["summary"])
    lines += [
        "",
        "| items | Hugo | Hugo + Pagefind | Glasnost cold, no search | Glasnost cold, search "
        "| one change, search | peak: Glasnost / Pagefind |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, size in sorted(sizes.items()):
        rows, ratios = size["scenarios"], size["ratios"]
        pagefind = max((rows[s]["pagefind_peak_mib"] for s in GLASNOST if s in rows), default=0.0)
        lines.append(
            f"| {_items(size['size'])} | {_cell(rows.get('hugo'))} "
            f"| {_cell(rows.get('hugo+pagefind'))} "
            f"| {_cell(rows.get('cold'), ratios.get('cold_vs_hugo'), 'Hugo')} "
            f"| {_cell(rows.get('cold-search'), ratios.get('cold_search_vs_hugo_pagefind'))} "
            f"| {_cell(rows.get('one-change'), ratios.get('one_change_vs_hugo_pagefind'))} "
            f"| {_mib(size['glasnost_peak_mib'])} / {_mib(pagefind)} |"
        )
    lines.append("")
    lines.append("Ratios in brackets: against Hugo + Pagefind unless marked Hugo.")
    return lines


def preview_markdown(preview: Json) -> list[str]:
    lines = [
        f"Live preview (`bench/preview.py`), measured {preview['date'][:10]}"
        + (f", engine {_engine(preview)}" if "engine" in preview else "")
        + (f", load average {_load(preview)}" if "loadavg_start" in preview else "")
        + ": one news item saved, median over the edits (min–max); idle = the server's CPU "
        "time in a window with no edits.",
        "",
        "| items | first build | save → served | save → whole site rebuilt | idle CPU | "
        "builds while idle |",
        "|---|---|---|---|---|---|",
    ]
    for size in preview["sizes"]:
        served = size["save_to_served_s"]
        lines.append(
            f"| {_items(size['n'])} | {_s(size['first_build_s'])} "
            f"| {_s(size['median_save_to_served_s'])} ({min(served):.2f}–{max(served):.2f} s, "
            f"{len(served)} edits) | {_s(size['median_save_to_built_s'])} "
            f"| {size['idle_cpu_s']:.2f} s in {size['idle_window_s']:.0f} s "
            f"| {size['idle_builds']} |"
        )
    return lines


def targets_markdown(results: list[Json], preview: Json | None) -> list[str]:
    by_target: dict[str, dict[int, Json]] = {}
    sizes: set[int] = set()
    for size in (size for data in results for size in data["summary"]):
        sizes.add(size["size"])
        for verdict in size["verdicts"]:
            by_target.setdefault(verdict["target"], {})[size["size"]] = verdict
    for size in (preview or {}).get("sizes", []):
        sizes.add(size["n"])
        for verdict in preview_verdicts(size):
            by_target.setdefault(verdict["target"], {})[size["n"]] = verdict
    columns = sorted(sizes)
    lines = [
        "| target (issue 11) | " + " | ".join(f"{_items(n)} items" for n in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name, label in LABELS.items():
        if name not in by_target:
            continue
        cells = []
        for n in columns:
            verdict = by_target[name].get(n)
            cells.append("-" if verdict is None else f"{_value(verdict)}: {_met(verdict['met'])}")
        limit = _limit(next(iter(by_target[name].values())))
        lines.append(f"| {label} ≤ {limit} | " + " | ".join(cells) + " |")
    return lines


def markdown(results: list[Json], preview: Json | None) -> str:
    lines: list[str] = []
    if results:
        lines += build_markdown(results) + [""]
    if preview:
        lines += preview_markdown(preview) + [""]
    lines += targets_markdown(results, preview)
    return "\n".join(lines) + "\n"


def _current(data: Json) -> bool:
    """False for results written before issue 11's scenarios (nothing here to show)."""
    return all("verdicts" in size for size in data.get("summary", [])) and "runs" in data


def _read(path: Path | None) -> Json | None:
    if path is None or not path.is_file():
        return None
    loaded: Json = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "results",
        nargs="*",
        type=Path,
        default=[BENCH / "results.json"],
        help="bench/run.py's JSON files (several: one table over their sizes)",
    )
    parser.add_argument("--preview", type=Path, default=BENCH / "preview-results.json")
    args = parser.parse_args(argv)
    results = [data for path in args.results if (data := _read(path)) and _current(data)]
    preview = _read(args.preview)
    if not results and preview is None:
        shown = ", ".join(str(path) for path in [*args.results, args.preview])
        print(f"bench: no results in {shown}", file=sys.stderr)
        return 1
    sys.stdout.write(markdown(results, preview))
    return 0


if __name__ == "__main__":
    sys.exit(main())
