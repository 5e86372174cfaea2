"""Reading one content file: bytes -> text -> data with the line of every key.

Everything a press secretary can commit is read here, so everything that can go wrong
with a file as such (encoding, YAML syntax, anchors) becomes a diagnostic here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glasnost.diagnostics import Diagnostics

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing: the pure loader gives the same data
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class LineMap:
    """Source line (1-based) of every key and list element, by its location path."""

    lines: dict[Loc, int] = field(default_factory=dict)
    offset: int = 0

    def line(self, loc: Loc) -> int | None:
        # The deepest known ancestor: an error inside a value points at its key.
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found + self.offset
        return None


@dataclass
class SourceFile:
    path: Path
    rel: str
    data: dict[str, Any]
    lines: LineMap
    body: str = ""
    body_line: int = 1

    def line(self, *loc: str | int) -> int | None:
        return self.lines.line(tuple(loc))


def read_text(path: Path, rel: str, diag: Diagnostics) -> str | None:
    """The file's text as UTF-8, or None with a diagnostic saying what it is instead."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        diag.error("G010", rel, size=len(raw) // (1024 * 1024))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if looks_like_cp1251(raw):
            diag.error("G011", rel, line, file=rel)
        else:
            diag.error("G012", rel, line)
        return None
    return text.removeprefix("\ufeff")


def looks_like_cp1251(raw: bytes) -> bool:
    """True when the bytes read as mostly Cyrillic letters in Windows-1251."""
    sample = raw[:65536]
    high = [b for b in sample if b >= 0x80]
    if not high:
        return False
    cyrillic = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8))
    return cyrillic / len(high) > 0.8


def parse_yaml(text: str, rel: str, diag: Diagnostics, line_offset: int = 0) -> SourceFile | None:
    """Parse a YAML mapping, refusing anchors and aliases (they are how YAML bombs work)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return SourceFile(Path(rel), rel, {}, LineMap(offset=line_offset))
        alias_line = _first_alias(node)
        if alias_line is not None:
            diag.error("G021", rel, alias_line + line_offset)
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        diag.error("G020", rel, line, problem=exc.problem or str(exc))
        return None
    except yaml.YAMLError as exc:
        diag.error("G020", rel, None, problem=str(exc))
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        diag.error("G022", rel, node.start_mark.line + 1 + line_offset)
        return None
    lines = LineMap(offset=line_offset)
    _record_lines(node, (), lines.lines)
    return SourceFile(Path(rel), rel, data, lines)


def _first_alias(root: yaml.Node) -> int | None:
    """Line of the first node reached twice, which is what an alias is once composed."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return int(node.start_mark.line) + 1
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _record_lines(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*loc, str(key.value))
            out[child] = key.start_mark.line + 1
            _record_lines(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _record_lines(value, (*loc, index), out)


def split_front_matter(text: str, rel: str, diag: Diagnostics) -> SourceFile | None:
    """A Markdown file: YAML front matter between `---` lines, then the body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        diag.error("G023", rel, 1)
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        diag.error("G024", rel, 1)
        return None
    front = "".join(lines[1:index])
    source = parse_yaml(front, rel, diag, line_offset=1)
    if source is None:
        return None
    source.body = "".join(lines[index + 1 :])
    source.body_line = index + 2
    return source


def load_source(path: Path, rel: str, diag: Diagnostics) -> SourceFile | None:
    text = read_text(path, rel, diag)
    if text is None:
        return None
    if path.suffix == ".md":
        source = split_front_matter(text, rel, diag)
    else:
        source = parse_yaml(text, rel, diag)
    if source is not None:
        source.path = path
    return source
