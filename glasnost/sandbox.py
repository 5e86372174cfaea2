"""The Jinja environment templates run in: they shape pages, they never reach Python.

A site's `templates/` arrive through git like its content, so a template is as little
trusted as a news item. Jinja's sandbox already refuses `__class__`, `__globals__` and
the like (`cycler.__init__.__globals__.os`); on top of it, nothing a template can reach
may touch files or processes: no attribute or method of a path, a file or a module
(`site.site_dir.read_text()` would otherwise publish any file of the build machine,
`write_text` overwrite one), and no callable but the engine's, Jinja's and the methods
of plain values (whatever module a function comes from, if it is not one of those).

Not the immutable sandbox: templates build lists of rows (`rows.append(...)` in
meeting.html), which harms nothing outside the template.
"""

from __future__ import annotations

import builtins
import io
from collections.abc import Callable
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

from jinja2 import Environment, FileSystemLoader
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

# Objects a template may hold (a path in the model, say) but never look into or call.
_OPAQUE = (PurePath, ModuleType, io.IOBase)
# Where a callable a template may call comes from: the engine, Jinja, or Python's plain
# values (their methods, such as str.upper or list.append, name no module at all). A
# function of any other module (os, subprocess, or one no list of ours foresaw) is
# refused by where it comes from, whatever reached the template.
_CALLABLE_MODULES = frozenset({"glasnost", "jinja2", "markupsafe", "builtins", "datetime"})
_FORBIDDEN_BUILTINS = frozenset(
    id(getattr(builtins, name))
    for name in (
        "open",
        "eval",
        "exec",
        "compile",
        "__import__",
        "getattr",
        "setattr",
        "delattr",
        "globals",
        "locals",
        "vars",
        "input",
        "breakpoint",
    )
)


class TemplateSandbox(SandboxedEnvironment):
    """SandboxedEnvironment that also keeps templates away from files and modules."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, _OPAQUE) or isinstance(value, ModuleType):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj: Any) -> bool:
        if id(obj) in _FORBIDDEN_BUILTINS or isinstance(getattr(obj, "__self__", None), _OPAQUE):
            return False
        module = getattr(obj, "__module__", None)
        if module is not None and not _from_allowed_module(module):
            return False
        return bool(super().is_safe_callable(obj))


def _from_allowed_module(module: object) -> bool:
    return isinstance(module, str) and module.split(".")[0] in _CALLABLE_MODULES


class TemplateFolders(FileSystemLoader):
    """FileSystemLoader that refuses, before reading it, a template whose real file is
    outside its folder (`templates/page.html -> /etc/passwd` would otherwise be rendered
    or included into every page). A templates folder that is itself a link leads out too.
    """

    def __init__(self, folders: list[str]) -> None:
        super().__init__(folders)
        self.roots = [Path(f).parent.resolve() / Path(f).name for f in folders]

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = split_template_path(template)
        for root in self.roots:
            candidate = root.joinpath(*parts)
            if candidate.is_file():  # the one FileSystemLoader will read
                if not candidate.resolve().is_relative_to(root):
                    raise SecurityError(
                        f"{template} is a symbolic link out of the templates folder"
                    )
                break
        return super().get_source(environment, template)
