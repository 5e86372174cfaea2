"""Peak memory of a build that checks and publishes one large open-data file.

    .venv/bin/python bench/opendata_memory.py              # 200 MB, limit 150 MB
    .venv/bin/python bench/opendata_memory.py --size-mb 50 --normalise --keep

Generates a CSV of about --size-mb megabytes (all five column types, Cyrillic text) in a
temporary site, builds that site with `build.py` in a child process and prints the
child's peak resident memory (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest
process of the build). --normalise starts the file with a BOM so that the build has to
rewrite it rather than copy it. Exits 1 when the build fails, the published file is
missing, or the peak reaches --limit-mb.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INN = "2613000000"
CODE = "big-register"
DATASET_YAML = """\
title: Большой реестр для проверки памяти
description: Сгенерированный набор для замера пиковой памяти сборки.
creator: Администрация
subject: [проверка]
publisher: {name: Иванов И.И., phone: "+70000000000", email: opendata@example.ru}
created: 2022-01-01
valid: 2099-12-31
update_frequency: ежегодно
license: Свободное использование
structure:
  - {name: id, title: Номер, type: integer, required: true}
  - {name: name, title: Наименование, type: string}
  - {name: amount, title: Сумма, type: number}
  - {name: day, title: Дата, type: date}
  - {name: active, title: Действует, type: boolean}
versions:
  - {date: 2022-07-15, file: data-20220715.csv, provenance: Сгенерировано}
"""
CONFIG = f"""\
title: Проверка памяти
base_url: https://bench.example.ru/
inn: "{INN}"
"""


def generate(path: Path, size: int, bom: bool) -> int:
    """Write rows until the file reaches `size` bytes; return the number of rows."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if bom:
            out.write("\ufeff")
        out.write("id,name,amount,day,active\n")
        while out.tell() < size:
            block = []
            for n in range(rows, rows + 10_000):
                block.append(
                    f'{n},"Организация № {n}, ул. Ленина, д. {n % 200}",'
                    f"{n % 100000}.{n % 100:02d},2022-{n % 12 + 1:02d}-{n % 28 + 1:02d},"
                    f"{'true' if n % 3 else 'false'}\n"
                )
            out.write("".join(block))
            rows += 10_000
    return rows


def make_site(root: Path, size: int, bom: bool) -> tuple[Path, int]:
    site = root / "site"
    folder = site / "content" / "datasets" / CODE
    folder.mkdir(parents=True)
    (site / "site_config.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "dataset.yaml").write_text(DATASET_YAML, encoding="utf-8")
    rows = generate(folder / "data-20220715.csv", size, bom)
    return site, rows


def build(site: Path) -> tuple[int, float, float, str]:
    """Build in a child process: exit code, seconds, peak RSS of the child in MiB, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--no-search"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if peak_kib <= before:  # pragma: no cover - only the build ran as a child
        peak_kib = before
    return proc.returncode, seconds, peak_kib / 1024, proc.stderr


def published_rows(path: Path) -> int:
    """Data rows of the published file, read back with the csv module (proves it parses)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size-mb", type=float, default=200.0, help="size of the CSV (default 200)"
    )
    parser.add_argument(
        "--limit-mb", type=float, default=150.0, help="allowed peak RSS (default 150)"
    )
    parser.add_argument(
        "--normalise", action="store_true", help="start the file with a BOM (rewrite path)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary site and print its path"
    )
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="glasnost-opendata-bench-"))
    try:
        site, rows = make_site(root, int(args.size_mb * 1024 * 1024), args.normalise)
        source = site / "content" / "datasets" / CODE / "data-20220715.csv"
        code, seconds, peak, stderr = build(site)
        published = (
            site / "output" / "opendata" / f"{INN}-{CODE}" / "data-20220715-structure-20220101.csv"
        )
        print(
            f"CSV: {source.stat().st_size / 1048576:.1f} MiB, {rows:,} rows"
            f"{' (with BOM: rewritten)' if args.normalise else ' (copied as is)'}"
        )
        print(
            f"build: exit {code}, {seconds:.1f} s, "
            f"peak RSS {peak:.1f} MiB (limit {args.limit_mb:.0f})"
        )
        if code != 0 or not published.is_file():
            print(stderr, file=sys.stderr)
            return 1
        read_back = published_rows(published)
        print(
            f"published: {published.stat().st_size / 1048576:.1f} MiB, "
            f"{read_back:,} rows parse with csv"
        )
        if read_back != rows:
            print(f"row count differs: {read_back} != {rows}", file=sys.stderr)
            return 1
        return 0 if peak < args.limit_mb else 1
    finally:
        if args.keep:
            print(f"site kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
