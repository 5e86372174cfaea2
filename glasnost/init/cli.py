"""The `init` and `schemas` commands: their parser blocks and what they print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from glasnost.clock import build_time
from glasnost.config import CONFIG_FILE
from glasnost.editor import SCHEMA_DIR, SETTINGS_FILE, write_schemas, write_vscode_settings
from glasnost.init import STARTER_TIMEZONE, FolderNotEmpty, init_site
from glasnost.init.engine import PROG_INSTALLED, build_command, program
from glasnost.types import all_types

# What she may type after `new` when she means a whole site.
SITE_WORDS = {"site", "сайт"}


def add_site_commands(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", parents=parents, help="создать новый сайт в пустой папке")
    init.add_argument("folder", type=Path, metavar="ПАПКА", help="папка нового сайта")
    hint = "обновить подсказки для редактора (.glasnost/schemas/)"
    sub.add_parser("schemas", parents=list(parents), help=hint)


def starter_date() -> date:
    """Today as the new site's first build will see it: the build's clock (so that
    SOURCE_DATE_EPOCH gives the same files) in the time zone the new config names."""
    return build_time().astimezone(ZoneInfo(STARTER_TIMEZONE)).date()


def run_init(args: argparse.Namespace) -> int:
    target: Path = args.folder
    try:
        written = init_site(target, starter_date())
    except FolderNotEmpty:
        print(
            f"Папка {target} не пуста: новый сайт создаётся только в пустой папке (или в "
            "папке, где есть лишь .git). Укажите новую папку, например: "
            f"{program(args.prog)} init moj-sajt",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:  # no right to write there, a full disk: her problem to fix
        print(f"Не удалось создать сайт в папке {target}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    cwd = Path.cwd()
    installed = args.prog == PROG_INSTALLED
    serve = build_command(args.prog, target, target if installed else cwd, "serve")
    enter = f"cd {target}\n  " if installed else ""
    print(
        f"Создан сайт в папке {target} (файлов: {len(written)}).\n"
        f"Дальше:\n  {enter}{serve}\n"
        "и откройте http://127.0.0.1:8000/. Впишите название, адрес и ИНН в "
        f"{CONFIG_FILE}; что где лежит и как опубликовать сайт — в README.md."
    )
    return 0


def run_schemas(args: argparse.Namespace) -> int:
    site_dir: Path = args.site.resolve()
    if not (site_dir / CONFIG_FILE).is_file():
        print(
            f"В папке {site_dir} нет {CONFIG_FILE}: это не папка сайта. Запустите команду в "
            "папке сайта или укажите её: --site ПАПКА.",
            file=sys.stderr,
        )
        return 1
    kinds = all_types()
    written = write_schemas(site_dir, kinds)
    print(f"Подсказки для редактора обновлены: {SCHEMA_DIR}/ (файлов: {len(written)}).")
    if write_vscode_settings(site_dir, kinds) is None:
        print(
            f"{SETTINGS_FILE} не удалось прочитать как JSON (в нём комментарии?): он не "
            f"изменён. Чтобы VS Code нашёл подсказки, добавьте в него yaml.schemas, как в "
            f"README.md сайта.",
            file=sys.stderr,
        )
    return 0


SITE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": run_init,
    "schemas": run_schemas,
}
