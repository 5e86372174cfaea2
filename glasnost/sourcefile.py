"""Reading one content file: bytes -> text -> data with the line of every key.

Everything a press secretary can commit is read here, so everything that can go wrong
with a file as such (encoding, YAML syntax, anchors) becomes a diagnostic here.
"""

from __future__ import annotations

import re
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
    text_starts: dict[Loc, int] = field(default_factory=dict)  # where a text value begins
    # Scalars YAML read as numbers, as they were written: `id: 1.10` is the number 1.1, and
    # only the written text can say so once the value is a number.
    numbers: dict[Loc, str] = field(default_factory=dict)
    # Keys of a flow mapping written without a colon: `{title: Число, чел., type: integer}`
    # makes "чел." a key, because the comma ended the value before it.
    flow_orphans: set[Loc] = field(default_factory=set)

    def line(self, loc: Loc) -> int | None:
        # The deepest known ancestor: an error inside a value points at its key.
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found + self.offset
        return None

    def text_line(self, loc: Loc) -> int | None:
        """The line a text value starts on: after `key: |` that is the next line, so a
        problem found inside the text (a broken link) is counted from the right place."""
        start = self.text_starts.get(tuple(loc))
        return start + self.offset if start is not None else self.line(loc)


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

    def text_line(self, *loc: str | int) -> int | None:
        return self.lines.text_line(tuple(loc))


def read_text(path: Path, rel: str, diag: Diagnostics) -> str | None:
    """The file's text as UTF-8, or None with a diagnostic saying what it is instead."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        diag.error("G010", rel, size=len(raw) // (1024 * 1024))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diag.error("G014", rel, 1, file=rel)  # Notepad's "Unicode"
        return None
    if b"\x00" in raw:
        diag.error("G015", rel, raw[: raw.index(b"\x00")].count(b"\n") + 1)
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


MAX_DEPTH = 50  # deeper than any real content; stops the recursion in PyYAML and in us

# libyaml's problem texts, in Russian: a press secretary reads these.
YAML_PROBLEMS_RU = {
    "mapping values are not allowed in this context": "двоеточие в неожиданном месте",
    "did not find expected key": "не найден ожидаемый ключ (проверьте отступы)",
    "could not find expected ':'": "не найдено ожидаемое двоеточие после ключа",
    "did not find expected '-' indicator": "не найден ожидаемый дефис элемента списка",
    "found character that cannot start any token": (
        "символ, с которого не может начинаться значение (например, табуляция или @)"
    ),
    "found unexpected end of stream": "файл закончился раньше, чем закрыта кавычка или скобка",
    "did not find expected ',' or ']'": "не найдена ожидаемая запятая или ]",
    "did not find expected ',' or '}'": "не найдена ожидаемая запятая или }",
    "found undefined alias": "ссылка на неизвестный якорь",
    "block sequence entries are not allowed in this context": "элемент списка в неожиданном месте",
    "found a tab character that violates indentation": "табуляция в отступе",
    "control characters are not allowed": "в тексте есть управляющие символы",
    "exceeded maximum nesting depth": "слишком глубокая вложенность",
    "found unhashable key": "ключом не может быть список или набор полей",
    "found unknown escape character": "неизвестная escape-последовательность после \\",
}


def yaml_problem(problem: str) -> dict[str, str]:
    """The problem in both languages: the site's language is not known yet (site_config)."""
    return {"problem_ru": YAML_PROBLEMS_RU.get(problem, problem), "problem_en": problem}


# Characters Word and web pages paste that nobody sees. Zero-width ones mean nothing in
# any field (ZWJ is left alone: emoji are made with it), so they are removed everywhere.
ZERO_WIDTH = {"\u200b": "U+200B", "\u2060": "U+2060", "\ufeff": "U+FEFF"}
_ZERO_WIDTH = re.compile("[" + "".join(ZERO_WIDTH) + "]")
# A non-breaking space where YAML needs a plain one: in the indentation, after a list's
# dash or after a key's colon. YAML would read "title:\u00a0Текст" as one word.
_STRUCTURAL_NBSP = re.compile(
    r"^[ \u00a0]*\u00a0|^[ \u00a0]*-\u00a0|^[ \u00a0]*(?:- )?[^\s#:\"'{\[][^:#]*:\u00a0"
)
# A whole value in typographic quotes: meant as YAML quotes, read as part of the text.
_CURLY_VALUE = re.compile(
    r"^\s*(?:- +)?(?:[^\s#:\"'][^:#]*: +)?(?P<value>[“„”‘‚][^\n]*[”“’‘])\s*(?:#.*)?$"
)


_SUSPECT = re.compile("[\u00a0“„”‘‚’" + "".join(ZERO_WIDTH) + "]")


def invisible_characters(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The text with zero-width characters dropped and structural non-breaking spaces made
    plain; and what was found: (line, code, the character or value shown to the user)."""
    found: list[tuple[int, str, str]] = []
    if not _SUSPECT.search(text):  # nearly every file: no line-by-line pass
        return text, found
    lines = text.split("\n")
    for number, line in enumerate(lines):
        for char in dict.fromkeys(_ZERO_WIDTH.findall(line)):
            found.append((number, "G030", ZERO_WIDTH[char]))
        line = _ZERO_WIDTH.sub("", line)
        match = _STRUCTURAL_NBSP.match(line)
        if match is not None:
            found.append((number, "G029", ""))
            line = match.group(0).replace("\u00a0", " ") + line[match.end() :]
        curly = _CURLY_VALUE.match(line)
        if curly is not None:
            found.append((number, "G031", curly.group("value")))
        lines[number] = line
    return "\n".join(lines), found


def _report_invisible(
    found: list[tuple[int, str, str]],
    root: yaml.Node | None,
    rel: str,
    diag: Diagnostics,
    offset: int,
) -> None:
    """Name what was found, except inside block texts (`text: |`): there a zero-width
    space or a quote is part of the prose, and removing it is all that is needed."""
    prose = _block_text_lines(root) if root is not None else set()
    for line, code, shown in found:
        if line in prose:
            continue
        if code == "G031":
            diag.warning(code, rel, line + 1 + offset, value=shown, inner=shown[1:-1])
        else:
            diag.warning(code, rel, line + 1 + offset, char=shown)


def _block_text_lines(root: yaml.Node) -> set[int]:
    lines: set[int] = set()
    stack = [root]
    seen: set[int] = set()  # an alias bomb is a graph: each node is walked once
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            lines.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
    return lines


def parse_yaml(text: str, rel: str, diag: Diagnostics, line_offset: int = 0) -> SourceFile | None:
    """Parse a YAML mapping, refusing anchors and aliases (they are how YAML bombs work)."""
    text, invisible = invisible_characters(text)
    root: list[yaml.Node] = []  # the composed document, once there is one
    try:
        return _parse_yaml(text, rel, diag, line_offset, root)
    finally:
        # Named whether or not the file parsed: a curly quote is often why it did not.
        _report_invisible(invisible, root[0] if root else None, rel, diag, line_offset)


def _parse_yaml(
    text: str, rel: str, diag: Diagnostics, line_offset: int, root: list[yaml.Node]
) -> SourceFile | None:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            root.append(node)
        if node is None:  # empty, or comments only: "missing field" errors point at line 1
            return SourceFile(Path(rel), rel, {}, LineMap({(): 1}, offset=line_offset))
        if not _check_graph(node, rel, diag, line_offset):
            return None
        bad_date = _impossible_date(loader, node)
        if bad_date is not None:
            value, date_line = bad_date
            diag.error("G028", rel, date_line + line_offset, value=value)
            return None
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:  # a control character pasted into the text
        # libyaml counts the position in bytes of UTF-8, the pure-Python reader in characters.
        if _Loader is yaml.SafeLoader:
            line = text[: exc.position].count("\n") + 1 + line_offset
        else:
            line = text.encode("utf-8")[: exc.position].count(b"\n") + 1 + line_offset
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        diag.error(
            "G020",
            rel,
            line,
            problem_ru=f"недопустимый управляющий символ {code}",
            problem_en=f"control character {code} is not allowed",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark is not None:
            # A key without its colon is found missing only on the next line; the mistake
            # is on the line where the key starts.
            mark = exc.context_mark
        at = mark.line + 1 + line_offset if mark else None
        diag.error("G020", rel, at, **yaml_problem(exc.problem or str(exc)))
        return None
    except yaml.YAMLError as exc:
        diag.error("G020", rel, None, **yaml_problem(str(exc)))
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        diag.error("G022", rel, node.start_mark.line + 1 + line_offset)
        return None
    if not _names_are_text(node, rel, diag, line_offset):
        return None
    lines = LineMap(offset=line_offset)
    _record_lines(node, (), lines)
    return SourceFile(Path(rel), rel, data, lines)


def _impossible_date(loader: Any, root: yaml.Node) -> tuple[str, int] | None:
    """A date-shaped value that is no date (2024-13-01): YAML itself would crash on it."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return str(node.value), int(node.start_mark.line) + 1
    return None


def _names_are_text(node: yaml.Node, rel: str, diag: Diagnostics, offset: int) -> bool:
    """Field names are words: `1: один` or `2024-05-20: ...` at the top is a mistake."""
    ok = True
    for key, _ in node.value:
        if not isinstance(key.value, str) or key.tag != "tag:yaml.org,2002:str":
            diag.error("G027", rel, int(key.start_mark.line) + 1 + offset, key=str(key.value))
            ok = False
    return ok


def _check_graph(root: yaml.Node, rel: str, diag: Diagnostics, offset: int) -> bool:
    """Refuse aliases, nesting deeper than MAX_DEPTH and repeated keys, before constructing.

    Composed YAML is a graph: an alias is a node reached a second time. Walking it once,
    in document order and without recursion, costs as much as the text is long however
    big the expansion would be. An alias is reported where it is used (the key or list
    that holds it), since its node carries the position of its anchor.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, int]] = [(root, 1, int(root.start_mark.line))]
    ok = True
    while stack:
        node, depth, used_at = stack.pop()
        if id(node) in seen:
            diag.error("G021", rel, used_at + 1 + offset)
            return False
        seen.add(id(node))
        if depth > MAX_DEPTH:
            diag.error("G026", rel, int(node.start_mark.line) + 1 + offset, limit=MAX_DEPTH)
            return False
        children: list[tuple[yaml.Node, int, int]] = []
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                line = int(key.start_mark.line)
                if isinstance(key, yaml.ScalarNode) and str(key.value) in keys:
                    diag.error("G025", rel, line + 1 + offset, key=str(key.value))
                    ok = False
                keys.add(str(key.value))
                children += [(key, depth + 1, line), (value, depth + 1, line)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(child, depth + 1, int(node.start_mark.line)) for child in node.value]
        stack.extend(reversed(children))  # popped in document order
    return ok


def _record_lines(node: yaml.Node, loc: Loc, out: LineMap) -> None:
    out.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*loc, str(key.value))
            out.lines[child] = key.start_mark.line + 1
            _record_lines(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _record_lines(value, (*loc, index), out)
    elif isinstance(node, yaml.ScalarNode):
        # A block scalar's node starts at its `|` or `>`; its text, on the next line.
        block = node.style in ("|", ">")
        out.text_starts[loc] = node.start_mark.line + 1 + (1 if block else 0)
        if not node.style and node.tag in _NUMBER_TAGS:
            out.numbers[loc] = str(node.value)
    if isinstance(node, yaml.MappingNode) and node.flow_style:
        for key, value in node.value:
            # No colon between the key and its (empty) value: the "key" is the tail of the
            # previous value, cut off by a comma.
            if value.tag == _NULL_TAG and value.start_mark.index == key.end_mark.index:
                out.flow_orphans.add((*loc, str(key.value)))


_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_NULL_TAG = "tag:yaml.org,2002:null"


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
    # Zero-width characters in prose are noise (they break search and copying); dropped.
    source.body = _ZERO_WIDTH.sub("", "".join(lines[index + 1 :]))
    source.body_line = index + 2
    return source


def read_front_matter_data(text: str, diag: Diagnostics) -> dict[str, Any] | None:
    """The front matter of a Markdown text (an old version from git history, say), read
    with the same refusals as content; None when it does not parse."""
    source = split_front_matter(text, "history", diag)
    return None if source is None else source.data


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
