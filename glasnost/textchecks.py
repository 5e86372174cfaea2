"""The model's per-text checks, remembered between the live preview's builds.

After one save, all texts but one are the same as in the build before, and so are the
findings of the checks the model runs over each of them: links to files on the author's
computer, markup the sanitiser drops, links to check and rewrite, phrases left from a
type's starter. `TextChecks` keeps each text's findings (its rewritten HTML and the
diagnostics, in the order they were made) with exactly what they were made from, and
replays them when all of that is unchanged: the same text and line, the same rendered
HTML, and every link in it resolving as it did (other items' addresses and the files
under content/files/ may have changed while the text did not). Anything else is checked
again, so a build with it reports exactly what a clean build reports.

A clean build gets a fresh, empty one: nothing here outlives the process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from glasnost.diagnostics import Diagnostic, Diagnostics
from glasnost.links import LinkResolver, Resolved
from glasnost.markup import MarkdownRenderer, Rendered
from glasnost.site import Item, MarkdownField

# How a link in a text resolved: (target as written, what it resolved to).
Resolutions = tuple[tuple[str, Resolved], ...]


@dataclass(frozen=True)
class FieldFindings:
    """One Markdown field's checks: what they read, and what they gave."""

    text: str
    line: int | None
    rendered: Rendered
    links: Resolutions
    html: str | None  # None: the text could not be rendered (reported)
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class StarterFindings:
    kind: str
    data: Any  # the parsed file (the same object while the file is unchanged)
    body: str
    body_line: int
    draft: bool
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ItemTexts:
    """An item's Markdown fields (the non-empty ones), with what the type made them from."""

    kind: str
    data: Any  # the validated fields (the same object while the file is unchanged)
    lines: Any  # the file's line map
    body: str
    body_line: int
    fields: tuple[MarkdownField, ...]


# The check of one field, as model.py runs it: reports into the Diagnostics it is given
# and returns the HTML with its links rewritten (None when the text failed to render);
# each link it resolved is passed to the callback.
FieldCheck = Callable[
    [Item, MarkdownField, Rendered, LinkResolver, Diagnostics, Callable[[str, Resolved], None]],
    str | None,
]
StarterCheck = Callable[[Item, Diagnostics], None]


class TextChecks:
    """Findings by (source file, field), kept for the fields of the last build only."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str], FieldFindings] = {}
        self.starters: dict[str, StarterFindings] = {}
        self.texts: dict[str, ItemTexts] = {}
        self.replayed = 0  # fields whose findings were reused (tests read it)
        self._fields_now: dict[tuple[str, str], FieldFindings] = {}
        self._starters_now: dict[str, StarterFindings] = {}
        self._texts_now: dict[str, ItemTexts] = {}

    def begin(self) -> None:
        """A new build: findings not asked for again by its end are forgotten."""
        self._fields_now, self._starters_now, self._texts_now = {}, {}, {}
        self.replayed = 0

    def end(self) -> None:
        self.fields, self.starters = self._fields_now, self._starters_now
        self.texts = self._texts_now

    def markdown_fields(self, item: Item) -> tuple[MarkdownField, ...]:
        """The type's `markdown_fields` that have text; kept while the file is unchanged.

        The hook reads only the item's own file (its fields, body and line map); on a
        large site asking every type again, and stripping every body to see that it is
        not empty, took tens of milliseconds a save.
        """
        source = item.source
        known = self.texts.get(source.rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is item.data  # kept alive by `known`: the id is not reused
            and known.lines is source.lines
            and known.body is source.body
            and known.body_line == source.body_line
        ):
            fields = tuple(md for md in item.kind.markdown_fields(item) if md.text.strip())
            known = ItemTexts(
                item.kind.name, item.data, source.lines, source.body, source.body_line, fields
            )
        self._texts_now[source.rel] = known
        return known.fields

    def render(
        self, fields: list[tuple[Item, MarkdownField]], renderer: MarkdownRenderer
    ) -> list[Rendered]:
        """Each field's HTML: a text checked in the build before (the very same string)
        keeps what it was rendered to, the others go to the renderer together."""
        found: list[Rendered | None] = []
        asked: list[int] = []
        for item, md in fields:
            known = self.fields.get((item.source.rel, md.key))
            if known is not None and known.text is md.text and known.rendered.failure is None:
                found.append(known.rendered)
            else:
                asked.append(len(found))
                found.append(None)
        results = renderer.render_all([fields[i][1].text for i in asked])
        for index, result in zip(asked, results, strict=True):
            found[index] = result
        return [r for r in found if r is not None]

    def field(
        self,
        item: Item,
        md: MarkdownField,
        rendered: Rendered,
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
    ) -> str | None:
        rel = item.source.rel
        key = (rel, md.key)
        known = self.fields.get(key)
        if known is not None and _same_field(known, md, rendered, resolver, rel):
            self.replayed += 1
        else:
            own = Diagnostics(diag.catalog)
            links: list[tuple[str, Resolved]] = []
            html = check(item, md, rendered, resolver, own, lambda t, r: links.append((t, r)))
            known = FieldFindings(md.text, md.line, rendered, tuple(links), html, tuple(own.items))
        self._fields_now[key] = known
        diag.items.extend(known.problems)
        return known.html

    def starter(self, item: Item, diag: Diagnostics, check: StarterCheck) -> None:
        source = item.source
        draft = bool(getattr(item.data, "draft", False))
        rel = source.rel
        known = self.starters.get(rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is source.data  # kept alive by `known`: the id is not reused
            and (known.body is source.body or known.body == source.body)
            and known.body_line == source.body_line
            and known.draft == draft
        ):
            own = Diagnostics(diag.catalog)
            check(item, own)
            known = StarterFindings(
                item.kind.name, source.data, source.body, source.body_line, draft, tuple(own.items)
            )
        self._starters_now[rel] = known
        if known.problems:
            diag.items.extend(known.problems)


def _same_field(
    known: FieldFindings, md: MarkdownField, rendered: Rendered, resolver: LinkResolver, rel: str
) -> bool:
    # Mostly the very same objects as the build before: `is` spares comparing long texts.
    return (
        (known.text is md.text or known.text == md.text)
        and known.line == md.line
        and (known.rendered is rendered or known.rendered == rendered)
        and (not known.links or all(resolver.resolve(t, rel) == was for t, was in known.links))
    )
