"""bench/table.py: README's speed table from the benchmark's JSON (no build runs here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"glasnost_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


table = load("table")


def run(scenario: str, number: int, wall: float, **extra: Any) -> dict[str, Any]:
    return {
        "size": extra.pop("size", 10000),
        "scenario": scenario,
        "round": number,
        "wall_s": wall,
        "cpu_s": wall,
        "peak_mib": extra.pop("peak", 100.0),
        "pagefind_peak_mib": extra.pop("pagefind_peak", 0.0),
        "pagefind_s": extra.pop("pagefind_s", 0.0),
        "html_pages": 10065,
        "files": 20000,
        "returncode": extra.pop("returncode", 0),
        "loadavg": 1.0,
        "other_cpu_s": 0.0,
    }


def results(peak: float, size: int = 10000) -> dict[str, Any]:
    runs = [run("warm-up", 0, 99.0, size=size), run("prime", 0, 99.0, size=size)]
    for number in (1, 2, 3):
        runs += [
            run("hugo", number, 1.0, peak=1000.0, size=size),
            run("pagefind", number, 3.0, peak=2700.0, size=size),
            run(
                "cold-search",
                number,
                5.0,
                peak=peak,
                pagefind_peak=2650.0,
                pagefind_s=2.5,
                size=size,
            ),
            run("cold", number, 2.0, size=size),
            run("one-change", number, float(number), pagefind_peak=900.0, size=size),
        ]
    runs += [run("one-change", 4, 50.0, returncode=1, size=size)]  # a failed build: left out
    env = {
        "date": "2026-11-29T15:00:00+00:00",
        "machine": "x86_64, 2 CPUs (AMD EPYC), 24,105 MiB RAM",
        "hugo": "hugo v0.168.0-e27a+extended linux/amd64",
        "pagefind": "pagefind 1.5.2",
        "engine": {"commit": "0123456789abcdef", "branch": "main", "uncommitted_changes": False},
        "loadavg_start": [1.5, 2.0, 2.5],
        "loadavg_end": [3.0, 2.0, 1.0],
    }
    return {"environment": env, "summary": table.summarise(runs), "runs": runs}


PREVIEW = {
    "date": "2026-11-29T16:00:00+00:00",
    "sizes": [
        {
            "n": 1000,
            "first_build_s": 7.5,
            "save_to_served_s": [0.12, 0.2, 0.3],
            "median_save_to_served_s": 0.2,
            "median_save_to_built_s": 0.25,
            "idle_cpu_s": 0.11,
            "idle_window_s": 10.0,
            "idle_builds": 0,
        }
    ],
}


def test_ratios_are_medians_against_the_baselines_of_the_same_run() -> None:
    (size,) = results(peak=300.0)["summary"]
    rows = size["scenarios"]
    assert rows["hugo+pagefind"]["median_s"] == 4.0  # Hugo then Pagefind, per round
    assert rows["one-change"]["runs"] == 3  # the failed build is not a figure
    assert size["ratios"] == {
        "cold_search_vs_hugo_pagefind": 1.25,
        "cold_vs_hugo": 2.0,
        "one_change_vs_hugo_pagefind": 0.5,
    }
    # Glasnost's own peak, Pagefind's apart: not the baseline's 2,700 MiB
    assert size["glasnost_peak_mib"] == 300.0
    assert rows["cold-search"]["pagefind_peak_mib"] == 2650.0


@pytest.mark.parametrize(("peak", "verdict"), [(300.0, "met"), (301.0, "NOT met")])
def test_markdown_shows_figures_and_each_target_met_or_not(peak: float, verdict: str) -> None:
    text = table.markdown([results(peak)], PREVIEW)
    assert "Measured 2026-11-29" in text and "`0123456789` (main)" in text
    assert "Hugo 0.168.0, Pagefind 1.5.2" in text
    assert "load average (1/5/15 min) 1.5/2.0/2.5 at the start, 3.0/2.0/1.0 at the end" in text
    lines = text.splitlines()
    assert (
        "| 10,000 | 1.00 s | 4.00 s | 2.00 s (2.00x Hugo) | 5.00 s (1.25x) | 2.00 s (0.50x) "
        f"| {peak:.0f} MiB / 2650 MiB |"
    ) in lines
    # columns: 1,000 items (the preview's size here), then 10,000
    assert "| cold build with search vs Hugo + Pagefind ≤ 1.5x | - | 1.25x: met |" in lines
    assert "| cold build without search vs Hugo ≤ 1.5x | - | 2.00x: NOT met |" in lines
    # exactly the target is meeting it
    assert (
        "| build after one changed file, with search, vs Hugo + Pagefind ≤ 0.5x | - | 0.50x: met |"
    ) in lines
    assert (
        "| peak memory of Glasnost's processes (Pagefind apart) ≤ 300 MiB "
        f"| - | {peak:.0f} MiB: {verdict} |"
    ) in lines
    assert "| preview: save to served (median) ≤ 0.2 s | 0.20 s: met | - |" in lines
    assert "| preview: server CPU in the idle window ≤ 0.1 s | 0.11 s: NOT met | - |" in lines
    assert (
        "| 1,000 | 7.50 s | 0.20 s (0.12–0.30 s, 3 edits) | 0.25 s | 0.11 s in 10 s | 0 |" in lines
    )


def test_the_script_prints_the_table_from_the_json_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two runs, one size each, make one table
    (tmp_path / "10k.json").write_text(json.dumps(results(250.0)), encoding="utf-8")
    (tmp_path / "1k.json").write_text(json.dumps(results(190.0, size=1000)), encoding="utf-8")
    (tmp_path / "preview.json").write_text(json.dumps(PREVIEW), encoding="utf-8")
    files = [str(tmp_path / "10k.json"), str(tmp_path / "1k.json")]
    assert table.main([*files, "--preview", str(tmp_path / "preview.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("- 10,000 items: Measured 2026-11-29")
    assert out[1].startswith("- 1,000 items: Measured 2026-11-29")
    rows = [line for line in out if line.startswith(("| 1,000 | 1.00 s", "| 10,000 | 1.00 s"))]
    assert [row.split(" | ")[-1] for row in rows] == [
        "190 MiB / 2650 MiB |",
        "250 MiB / 2650 MiB |",
    ]
    assert "| items | first build | save → served | save → whole site rebuilt | idle CPU | " in (
        "\n".join(out)
    )
    assert table.main([str(tmp_path / "none.json"), "--preview", str(tmp_path / "none")]) == 1


def test_one_change_edits_the_title_and_one_word_of_the_body(tmp_path: Path) -> None:
    item = tmp_path / "00001.md"
    item.write_text(
        '---\ntitle: "Старый заголовок"\ndate: 2024-12-31\nsummary: "Кратко"\n---\n\n'
        "Администрация провела встречу с жителями.\n",
        encoding="utf-8",
    )
    title = load("run").edit_item(item, 3)
    assert title == "Правка номер 3 для замера"
    # The first lower-case word of five letters or more ("Администрация" is capitalised,
    # "провела" is the one) becomes "исправлено3"; the rest of the file stays as it was.
    assert item.read_text(encoding="utf-8") == (
        '---\ntitle: "Правка номер 3 для замера"\ndate: 2024-12-31\nsummary: "Кратко"\n---\n\n'
        "Администрация исправлено3 встречу с жителями.\n"
    )
