"""The command line: build, check, serve, new. Plain words for a press secretary."""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

from glasnost.clock import site_today
from glasnost.console import print_diagnostics, say, summary_line
from glasnost.init.cli import SITE_COMMANDS, SITE_WORDS, add_site_commands
from glasnost.init.engine import PROG_INSTALLED, build_command, program
from glasnost.model import scheduled_report
from glasnost.pipeline import BuildOptions, build, check, site_language
from glasnost.types import all_types, type_by_name

DESCRIPTION = """\
Glasnost собирает сайт муниципалитета из папки content/ в папку output/.

Команды:
  build            собрать сайт (то же, что без команды)
  check            только проверить содержимое, ничего не записывая
  serve            собрать и показать сайт на http://127.0.0.1:8000/,
                   пересобирая при каждом изменении файлов
  new ТИП "Заголовок"
                   создать файл-заготовку; ТИП: {types}
  import ВИД ФАЙЛ  перенести документ Word или Excel в content/ (ВИД: plan,
                   report --plan SLUG, news, data --dataset КОД)
  init ПАПКА       создать новый сайт в пустой папке
  schemas          обновить подсказки для редактора (.glasnost/schemas/)
  deploy [ЦЕЛЬ]    собрать и выложить сайт на хостинг (S3, SFTP, FTP, папка),
                   отправив только изменившиеся файлы; --dry-run — только
                   показать, что изменится (см. docs/deploy.md)

Ошибки выводятся как «файл:строка: что не так» с подсказкой. При любой
ошибке папка output/ остаётся прежней, а код выхода равен 1.
"""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # prefix "" is argparse asking for a subcommand's name: keep it empty.
        super().add_usage(usage, actions, groups, "Запуск: " if prefix is None else prefix)


# argparse's own messages are English; a press secretary reads these.
_ARGPARSE_RU = [
    (
        r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)",
        r"неизвестное значение «\2» (возможные: \3)",
    ),
    (r"unrecognized arguments: (.*)", r"непонятные параметры: \1"),
    (r"the following arguments are required: (.*)", r"не хватает: \1"),
    (r"argument (\S+): expected one argument", r"после \1 нужно указать значение"),
    (r"argument (\S+): invalid int value: '(.*)'", r"\1: «\2» — не число"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


class Parser(argparse.ArgumentParser):
    """argparse in Russian: help, usage and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # ours, in Russian, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "команды и значения"
        self._optionals.title = "параметры"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_RU:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        help_command = program(PROG_INSTALLED if self.prog.startswith(PROG_INSTALLED) else "")
        self.exit(2, f"{self.prog}: ошибка: {message}\nСправка: {help_command} --help\n")


def common_options(defaults: bool) -> Parser:
    """Options every command accepts, before or after the command's name.

    Only the top-level parser has defaults: a subcommand's default would overwrite a
    value given before the command (`build.py --site x build`).
    """
    common = Parser(add_help=False, argument_default=None if defaults else argparse.SUPPRESS)
    common.add_argument(
        "--site", type=Path, metavar="ПАПКА", help="папка сайта (по умолчанию текущая)"
    )
    common.add_argument(
        "--out", type=Path, metavar="ПАПКА", help="куда собрать (по умолчанию ПАПКА_САЙТА/output)"
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", help="подробности и трассировка ошибок программы"
    )
    common.add_argument(
        "--no-search", action="store_true", help="не строить поисковый индекс (быстрее)"
    )
    if defaults:
        common.set_defaults(site=Path("."), out=None, verbose=False, no_search=False)
    return common


def invoked_as() -> str:
    """`glasnost` when started by the installed command (or `python -m glasnost`)."""
    started = Path(sys.argv[0])
    module = started.name == "__main__.py" and started.parent.name == PROG_INSTALLED
    installed = started.name.startswith(PROG_INSTALLED) or module
    return PROG_INSTALLED if installed else "build.py"


def parser(prog: str = "build.py") -> argparse.ArgumentParser:
    types = ", ".join(k.name for k in all_types())  # the registry's, not a copy
    description = DESCRIPTION.format(types=types)
    main = Parser(prog=prog, description=description, parents=[common_options(True)])
    main.set_defaults(prog=prog)
    sub = main.add_subparsers(dest="command", metavar="КОМАНДА", title="команды")
    options = [common_options(False)]
    sub.add_parser("build", parents=options, help="собрать сайт")
    checker = sub.add_parser("check", parents=options, help="проверить, ничего не записывая")
    checker.add_argument(
        "--opendata", action="store_true", help="отчёт о соответствии открытых данных требованиям"
    )
    server = sub.add_parser("serve", parents=options, help="собрать и показать сайт с обновлением")
    server.add_argument(
        "--host", default="127.0.0.1", metavar="АДРЕС", help="адрес (по умолчанию 127.0.0.1)"
    )
    server.add_argument(
        "--port", type=int, default=8000, metavar="ПОРТ", help="порт (по умолчанию 8000)"
    )
    new = sub.add_parser("new", parents=options, help="создать заготовку материала")
    new.add_argument("type", metavar="ТИП", help="тип: " + ", ".join(k.name for k in all_types()))
    # Optional for argparse so that `new site` (no title) can point to `init`.
    new.add_argument("title", nargs="?", metavar="ЗАГОЛОВОК", help="заголовок в кавычках")
    add_import_parser(sub)
    add_site_commands(sub, options)
    deploy_parser(sub, options)
    return main


def add_import_parser(sub: Any) -> None:
    """`import KIND FILE`: its own --out (a file, not the output folder), so no common options."""
    from glasnost.importers import KINDS

    importer = sub.add_parser(
        "import", help="перенести документ Word или Excel в content/", add_help=True
    )
    importer.add_argument("kind", choices=KINDS, metavar="ВИД", help="plan, report, news или data")
    importer.add_argument("file", type=Path, metavar="ФАЙЛ", help=".docx, .xlsx или .csv")
    importer.add_argument(
        "--site", type=Path, default=argparse.SUPPRESS, metavar="ПАПКА", help="папка сайта"
    )
    importer.add_argument(
        "--out", type=Path, default=argparse.SUPPRESS, metavar="ПУТЬ", help="куда записать файл"
    )
    importer.add_argument("--force", action="store_true", help="заменить существующий файл")
    importer.add_argument("--plan", metavar="SLUG", help="report: план, к которому отчет")
    importer.add_argument("--dataset", metavar="КОД", help="data: код набора (имя папки)")
    importer.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="подробности"
    )


def run_import(args: argparse.Namespace) -> int:
    from glasnost.importers import ImportRequest
    from glasnost.importers import main as import_main

    site_dir = args.site.resolve()
    return import_main(
        ImportRequest(
            kind=args.kind,
            source=args.file,
            site_dir=site_dir,
            out=args.out,
            force=args.force,
            plan=args.plan,
            dataset=args.dataset,
            language=site_language(site_dir),
        )
    )


def deploy_parser(sub: Any, options: list[Parser]) -> None:
    deployer = sub.add_parser("deploy", parents=options, help="собрать и выложить сайт")
    deployer.add_argument(
        "target", nargs="?", metavar="ЦЕЛЬ", help="имя цели из раздела deploy: site_config.yaml"
    )
    deployer.add_argument(
        "--dry-run", action="store_true", help="показать, что изменится, ничего не отправляя"
    )
    deployer.add_argument(
        "--force",
        action="store_true",
        help="выложить в непустую цель без метки Glasnost (чужие файлы не удаляются)",
    )


def options_from(args: argparse.Namespace) -> BuildOptions:
    site_dir = args.site.resolve()
    out_dir = (args.out or site_dir / "output").resolve()
    return BuildOptions(site_dir=site_dir, out_dir=out_dir, search=not args.no_search)


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
        waiting = None if args.opendata else scheduled_report(result.site)
        if waiting:
            print(waiting)
    print(summary_line(result, "check"), file=sys.stderr)
    return 0 if result.ok else 1


def run_new(args: argparse.Namespace) -> int:
    from glasnost.scaffold import create_item

    site_dir = args.site.resolve()
    lang = site_language(site_dir)
    kind = type_by_name(args.type)
    if args.type in SITE_WORDS:  # `new site`: she wants a new site, not an item
        print(
            say(
                lang,
                f"Новый сайт создаёт команда init: {program(args.prog)} init ПАПКА",
                f"A new site is made by init: {program(args.prog)} init FOLDER",
            ),
            file=sys.stderr,
        )
        return 2
    if kind is None:
        names = ", ".join(k.name for k in all_types())
        print(
            say(
                lang,
                f"Неизвестный тип «{args.type}». Возможные: {names}.",
                f"Unknown type '{args.type}'. Possible: {names}.",
            ),
            file=sys.stderr,
        )
        return 2
    if not args.title:
        print(
            say(
                lang,
                f'Укажите заголовок в кавычках: {program(args.prog)} new {kind.name} "Заголовок"',
                f'Give a title in quotes: {program(args.prog)} new {kind.name} "Title"',
            ),
            file=sys.stderr,
        )
        return 2
    try:
        path = create_item(site_dir, kind, args.title, site_today(site_dir))
    except FileExistsError as exc:
        shown = Path(str(exc)).relative_to(site_dir).as_posix()
        print(
            say(
                lang,
                f"Файл {shown} уже есть: выберите другой заголовок или отредактируйте его.",
                f"{shown} already exists: choose another title or edit that file.",
            ),
            file=sys.stderr,
        )
        return 1
    shown = path.relative_to(site_dir).as_posix()
    command = build_command(args.prog, site_dir, Path.cwd())
    print(
        say(
            lang,
            f"Создан файл {shown}. Откройте его, заполните поля и выполните {command}.",
            f"Created {shown}. Open it, fill in the fields and run {command}.",
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser(invoked_as()).parse_args(argv)
    command = args.command or "build"
    try:
        if command == "build":
            return run_build(args)
        if command == "check":
            return run_check(args)
        if command == "new":
            return run_new(args)
        if command == "deploy":
            from glasnost.deploy import Request, deploy

            return deploy(options_from(args), Request(args.target, args.dry_run, args.force))
        if command == "import":
            return run_import(args)
        if command in SITE_COMMANDS:
            return SITE_COMMANDS[command](args)
        from glasnost.serve import serve

        return serve(options_from(args), args.host, args.port)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours, not a content mistake: say so plainly
        if args.verbose:
            traceback.print_exc()
        lang = site_language(args.site.resolve())
        print(
            say(
                lang,
                f"Внутренняя ошибка Glasnost: {exc!r}. Запустите с -v и сообщите разработчикам.",
                f"Glasnost internal error: {exc!r}. Run with -v and report it to the developers.",
            ),
            file=sys.stderr,
        )
        return 2
