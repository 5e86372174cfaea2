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


class ItemFindings:
    """All Markdown fields of one item, checked: replayed together while nothing changed."""

    def __init__(self, texts: ItemTexts, fields: tuple[FieldFindings, ...]) -> None:
        self.texts = texts
        self.fields = fields
        self.by_key = {md.key: found for md, found in zip(texts.fields, fields, strict=True)}
        self.rendered = tuple(found.rendered for found in fields)
        self.links = tuple(link for found in fields for link in found.links)
        self.html = {k: found.html for k, found in self.by_key.items() if found.html is not None}
        self.problems = tuple(p for found in fields for p in found.problems)
        self.renderable = all(r.failure is None for r in self.rendered)


# The check of one field, as model.py runs it: reports into the Diagnostics it is given
# and returns the HTML with its links rewritten (None when the text failed to render);
# each link it resolved is passed to the callback.
FieldCheck = Callable[
    [Item, MarkdownField, Rendered, LinkResolver, Diagnostics, Callable[[str, Resolved], None]],
    str | None,
]
StarterCheck = Callable[[Item, Diagnostics], None]
# An item's renderings: kept whole from the build before, or field by field (None: asked
# of the renderer, filled in once it has rendered them all).
Renderings = tuple[Rendered, ...] | list[Rendered | None]


def item_texts(item: Item) -> ItemTexts:
    """The type's `markdown_fields` of an item that have text. Kept while the file is
    unchanged: asking every type again, and stripping every body to see that it is not
    empty, took tens of milliseconds a save on a large site."""
    source = item.source
    fields = tuple(md for md in item.kind.markdown_fields(item) if md.text.strip())
    return ItemTexts(item.kind.name, item.data, source.lines, source.body, source.body_line, fields)


class TextChecks:
    """Findings by (source file, field), kept for the fields of the last build only."""

    def __init__(self) -> None:
        self.starters: dict[str, StarterFindings] = {}
        self.texts: dict[str, ItemTexts] = {}
        self.items: dict[str, ItemFindings] = {}
        self._items_now: dict[str, ItemFindings] = {}
        self.replayed = 0  # fields whose findings were reused (tests read it)
        self._starters_now: dict[str, StarterFindings] = {}
        self._texts_now: dict[str, ItemTexts] = {}

    def begin(self) -> None:
        """A new build: findings not asked for again by its end are forgotten."""
        self._starters_now, self._texts_now = {}, {}
        self._items_now = {}
        self.replayed = 0

    def end(self) -> None:
        self.starters = self._starters_now
        self.texts, self.items = self._texts_now, self._items_now

    @property
    def fields(self) -> dict[tuple[str, str], FieldFindings]:
        """The last build's findings by (source file, field)."""
        return {
            (rel, key): found
            for rel, whole in self.items.items()
            for key, found in whole.by_key.items()
        }

    def check_all(
        self,
        items: list[Item],
        renderer: MarkdownRenderer,
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
    ) -> None:
        """The model's Markdown stage: each item's fields rendered and checked, their HTML
        (links rewritten) put into `item.html` and what checking them found reported, in
        the items' order.

        Two passes over the items: the first finds each item's texts and which of them
        need rendering (they go to the renderer together), the second checks them, or
        replays an item's findings whole while its texts, renderings and links are the
        same as in the build before. After one save on a large site this stage is a few
        look-ups for each of 10,000 items: each item's are made once, in one method (three
        methods, each looking up the item again, took 10-20 % more of the model's time).
        """
        texts_before, items_before = self.texts, self.items
        texts_now, items_now = self._texts_now, self._items_now
        prepared: list[tuple[Item, ItemTexts, ItemFindings | None, Renderings]] = []
        asked: list[tuple[list[Rendered | None], int]] = []
        asked_texts: list[str] = []
        for item in items:
            source = item.source
            rel = source.rel
            known = texts_before.get(rel)
            # The type's `markdown_fields` read only the item's own file (its fields,
            # body and line map): kept while those are the very same objects.
            if not (
                known is not None
                and known.kind == item.kind.name
                and known.data is item.data  # kept alive by `known`: the id is not reused
                and known.lines is source.lines
                and known.body is source.body
                and known.body_line == source.body_line
            ):
                known = item_texts(item)
            texts_now[rel] = known
            if not known.fields:
                continue
            whole = items_before.get(rel)
            if whole is not None and whole.texts is known and whole.renderable:
                # The same tuple as before: the second pass sees it unchanged.
                prepared.append((item, known, whole, whole.rendered))
                continue
            own: list[Rendered | None] = []
            for md in known.fields:
                # A text checked in the build before (the very same string) keeps what
                # it was rendered to.
                was = whole.by_key.get(md.key) if whole is not None else None
                if was is not None and was.text is md.text and was.rendered.failure is None:
                    own.append(was.rendered)
                else:
                    asked.append((own, len(own)))
                    asked_texts.append(md.text)
                    own.append(None)
            prepared.append((item, known, whole, own))
        for (own, index), result in zip(asked, renderer.render_all(asked_texts), strict=True):
            own[index] = result
        found = diag.items
        for item, mine, whole, results in prepared:
            rendered = (
                results
                if isinstance(results, tuple)
                else tuple(r for r in results if r is not None)
            )
            rel = item.source.rel
            if (
                whole is not None
                and whole.texts is mine
                and whole.rendered == rendered  # mostly the very same tuple
                and (not whole.links or all(resolver.resolve(t, rel) == r for t, r in whole.links))
            ):
                self.replayed += len(whole.fields)
            else:
                fields = tuple(
                    self._field(item, md, result, resolver, diag, check, whole)
                    for md, result in zip(mine.fields, rendered, strict=True)
                )
                whole = ItemFindings(mine, fields)
            items_now[rel] = whole
            if whole.problems:
                found.extend(whole.problems)
            item.html.update(whole.html)

    def _field(
        self,
        item: Item,
        md: MarkdownField,
        rendered: Rendered,
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
        before: ItemFindings | None,
    ) -> FieldFindings:
        rel = item.source.rel
        known = before.by_key.get(md.key) if before is not None else None
        if known is not None and _same_field(known, md, rendered, resolver, rel):
            self.replayed += 1
            return known
        own = Diagnostics(diag.catalog)
        links: list[tuple[str, Resolved]] = []
        html = check(item, md, rendered, resolver, own, lambda t, r: links.append((t, r)))
        return FieldFindings(md.text, md.line, rendered, tuple(links), html, tuple(own.items))

    def starter(self, item: Item, diag: Diagnostics, check: StarterCheck) -> None:
        source = item.source
        draft = bool(getattr(item.data, "draft", False))
        rel = source.rel
        known = self.starters.get(rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is source.data  # kept alive by `known`: the id is not reused
            and known.body == source.body  # the same str object: no characters compared
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
    # Mostly the very same objects as the build before: == on the same str (or on a tuple
    # of the same items) compares no characters.
    return (
        known.text == md.text
        and known.line == md.line
        and (known.rendered is rendered or known.rendered == rendered)
        and (not known.links or all(resolver.resolve(t, rel) == was for t, was in known.links))
    )
