"""The command line: build, check, serve, new. Plain words for a press secretary."""

from __future__ import annotations

import argparse
import sys
import traceback
from datetime import date
from pathlib import Path

from glasnost.diagnostics import Diagnostics
from glasnost.pipeline import BuildOptions, BuildResult, build, check
from glasnost.types import all_types, type_by_name

DESCRIPTION = """\
Glasnost собирает сайт муниципалитета из папки content/ в папку output/.

Команды:
  build            собрать сайт (то же, что без команды)
  check            только проверить содержимое, ничего не записывая
  serve            собрать и показать сайт на http://127.0.0.1:8000/,
                   пересобирая при каждом изменении файлов
  new ТИП "Заголовок"
                   создать файл-заготовку (ТИП: page, news, plan, report,
                   meeting, dataset)

Ошибки выводятся как «файл:строка: что не так» с подсказкой. При любой
ошибке папка output/ остаётся прежней, а код выхода равен 1.
"""


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), help="папка сайта (по умолчанию текущая)")
    common.add_argument("--out", type=Path, default=None, help="куда собрать (по умолчанию ПАПКА_САЙТА/output)")
    common.add_argument("-v", "--verbose", action="store_true", help="подробности и трассировка ошибок программы")
    common.add_argument("--no-search", action="store_true", help="не строить поисковый индекс (быстрее)")
    main = argparse.ArgumentParser(
        prog="build.py",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    sub = main.add_subparsers(dest="command", metavar="КОМАНДА")
    sub.add_parser("build", parents=[common], help="собрать сайт")
    checker = sub.add_parser("check", parents=[common], help="проверить, ничего не записывая")
    checker.add_argument("--opendata", action="store_true", help="отчёт о соответствии открытых данных требованиям")
    server = sub.add_parser("serve", parents=[common], help="собрать и показать сайт с обновлением")
    server.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
    server.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    new = sub.add_parser("new", parents=[common], help="создать заготовку материала")
    new.add_argument("type", help="тип: page, news, plan, report, meeting, dataset")
    new.add_argument("title", help="заголовок в кавычках")
    return main


def options_from(args: argparse.Namespace) -> BuildOptions:
    site_dir = args.site.resolve()
    out_dir = (args.out or site_dir / "output").resolve()
    return BuildOptions(site_dir=site_dir, out_dir=out_dir, search=not args.no_search)


def print_diagnostics(diag: Diagnostics, language: str, stream: object = None) -> None:
    out = stream or sys.stderr
    for diagnostic in diag:
        print(diag.format(diagnostic, language), file=out)  # type: ignore[call-overload]


def summary_line(result: BuildResult, action: str) -> str:
    diag = result.diagnostics
    ru = result.language != "en"
    if result.ok:
        if action == "build":
            return (f"Готово: записано файлов: {result.written}; предупреждений: {len(diag.warnings)}."
                    if ru else f"Done: {result.written} files written; {len(diag.warnings)} warnings.")
        return (f"Проверка пройдена; предупреждений: {len(diag.warnings)}."
                if ru else f"Check passed; {len(diag.warnings)} warnings.")
    return (f"Сборка остановлена: ошибок: {len(diag.errors)}, предупреждений: {len(diag.warnings)}. "
            "Прежняя версия сайта не изменена."
            if ru else f"Build stopped: {len(diag.errors)} errors, {len(diag.warnings)} warnings. "
            "The previous site is unchanged.")


def run_build(args: argparse.Namespace) -> int:
    result = build(options_from(args))
    print_diagnostics(result.diagnostics, result.language)
    print(summary_line(result, "build"), file=sys.stderr)
    return 0 if result.ok else 1


def run_check(args: argparse.Namespace) -> int:
    result = check(options_from(args))
    print_diagnostics(result.diagnostics, result.language)
    if result.site is not None:
        for kind in result.site.kinds:
            if args.opendata and kind.name != "dataset":
                continue
            text = kind.report(result.site, result.language)
            if text:
                print(text)
    print(summary_line(result, "check"), file=sys.stderr)
    return 0 if result.ok else 1


def run_new(args: argparse.Namespace) -> int:
    from glasnost.scaffold import create_item

    kind = type_by_name(args.type)
    if kind is None:
        names = ", ".join(k.name for k in all_types())
        print(f"Неизвестный тип «{args.type}». Возможные: {names}.", file=sys.stderr)
        return 2
    try:
        path = create_item(args.site.resolve(), kind, args.title, date.today())
    except FileExistsError as exc:
        print(f"Файл уже есть: {exc}. Выберите другой заголовок или отредактируйте его.", file=sys.stderr)
        return 1
    print(f"Создан файл {path}. Откройте его, заполните поля и выполните make build.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "build"
    try:
        if command == "build":
            return run_build(args)
        if command == "check":
            return run_check(args)
        if command == "new":
            return run_new(args)
        from glasnost.serve import serve

        return serve(options_from(args), args.host, args.port)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours, not a content mistake: say so plainly
        if args.verbose:
            traceback.print_exc()
        print(
            f"Внутренняя ошибка Glasnost: {exc!r}. Запустите с -v и сообщите разработчикам.",
            file=sys.stderr,
        )
        return 2
