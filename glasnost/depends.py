"""What each page of the render stage reads, as a fingerprint computed from the model.

The live preview renders again only the outputs whose fingerprint changed since its last
build, and keeps the bytes of the others. A fingerprint is a digest of everything the
output is made from, taken from the model without rendering:

- facts every page reads: the configuration, the language, today's date, the main menu,
  the published names of the static files, the content types;
- the templates it is rendered with, followed through `extends`, `include` and `import`
  (their sources as the template loader finds them: a site's own or the engine's);
- for an item's page and its JSON copy: the item's address, dates, visibility, source
  path, validated fields, rendered Markdown and the dump of its view (`item.view`, with
  its private attributes), which holds everything the type joined from other items;
- for a page of a list: the fingerprints of the items on that page, the page's number
  and the number of pages (and of the whole list if its templates read `all_items`).

Where that might not be all an output reads, it has no fingerprint and is rendered every
time: a type with its own `page_context`, a view that cannot be dumped, a template that
includes a template named by a variable, reads `site` beyond the shared facts
(`site.collection(...)`, say), or reaches an item's source file. Every other output of
the site (home page, feeds, sitemap, catalogue, extra pages) is rendered every time: on a
site of 10,000 items together they take a few tenths of a second.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from glasnost.site import Item, Site
from glasnost.types.base import ContentType

# What a template may read of `site` and still be fingerprinted: facts in every
# fingerprint (config, language, today) or about the types themselves (site.kind("x")).
SHARED_SITE_READS = frozenset({"language", "config", "t", "today", "kind"})
# Attributes that reach past what an item's fingerprint holds (its source file).
UNFINGERPRINTED_READS = frozenset({"source", "line", "text_line", "histories"})
SIMPLE = (str, int, float, bool, date, datetime, type(None))

Fingerprint = bytes
GroupRecord = tuple[Fingerprint, tuple[str, ...]]  # a group's fingerprint and its paths
# An item's fingerprint with what it was made of: (fields, other inputs, fingerprint).
ItemDigest = tuple[Any, tuple[Any, ...], Fingerprint]
MAX_PARSED = 1000  # template texts kept parsed; a site has a few dozen templates


@dataclass(frozen=True)
class TemplateFacts:
    """One template file, as far as fingerprints care."""

    source: str
    references: tuple[str, ...] | None  # templates it names; None: one named by a variable
    reads_beyond: bool  # reads the site or a source file beyond what fingerprints hold
    variables: frozenset[str]  # names it reads from its context


class Templates:
    """Templates followed through what they use, with their sources, parsed once each."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[str, str], TemplateFacts] = {}  # by (name, source)

    def closure(self, env: jinja2.Environment, name: str) -> tuple[bytes, frozenset[str]] | None:
        """(digest of the sources, variables read) of a template and all it uses; None
        when it cannot be fingerprinted (or is missing or broken: rendering reports it)."""
        digest = hashlib.blake2b(digest_size=16)
        variables: set[str] = set()
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            facts = self.facts(env, current)
            if facts is None or facts.references is None or facts.reads_beyond:
                return None
            digest.update(f"{len(current)}:{current}{len(facts.source)}:".encode())
            digest.update(facts.source.encode("utf-8"))
            variables |= facts.variables
            todo.extend(facts.references)
        return digest.digest(), frozenset(variables)

    def facts(self, env: jinja2.Environment, name: str) -> TemplateFacts | None:
        try:
            assert env.loader is not None
            source, _, _ = env.loader.get_source(env, name)
        except (jinja2.TemplateError, OSError, AssertionError):
            return None
        known = self.parsed.get((name, source))
        if known is not None:
            return known
        try:
            tree = env.parse(source, name)
        except jinja2.TemplateError:
            return None
        references = list(meta.find_referenced_templates(tree))
        facts = TemplateFacts(
            source,
            None if any(r is None for r in references) else tuple(str(r) for r in references),
            _reads_beyond(tree, None),
            frozenset(meta.find_undeclared_variables(tree)),
        )
        if len(self.parsed) >= MAX_PARSED:  # every edit of a template adds its new text
            self.parsed.clear()
        self.parsed[(name, source)] = facts
        return facts


def _reads_beyond(node: nodes.Node, parent: nodes.Node | None) -> bool:
    if isinstance(node, nodes.Name) and node.name == "site":
        return not (
            isinstance(parent, nodes.Getattr)
            and parent.node is node
            and parent.attr in SHARED_SITE_READS
        )
    if isinstance(node, nodes.Getattr) and node.attr in UNFINGERPRINTED_READS:
        return True
    return any(_reads_beyond(child, node) for child in node.iter_child_nodes())


class FactDigests:
    """Digests of an item's fields and rendered texts, kept from the build before.

    Digesting every text of a large site on each save cost more than rendering the one
    page that changed. An unchanged file keeps its validated fields (the same object, see
    glasnost/incremental.py) and its rendered texts (the same strings, see
    glasnost/textchecks.py), so their digests are found by identity or by the string's
    own cached hash; anything else is digested again.
    """

    def __init__(self, remember: bool = True) -> None:
        # A clean build digests each item once, and may hold its texts packed (site.py:
        # PackedTexts): remembering the texts, or the inputs of each item's digest, for
        # a next build that never comes would hold every text unpacked again.
        self.remember = remember
        self.texts: dict[str, str] = {}
        self.models: dict[int, tuple[BaseModel, str]] = {}
        self.items: dict[str, ItemDigest] = {}
        self._texts_now: dict[str, str] = {}
        self._models_now: dict[int, tuple[BaseModel, str]] = {}
        self._items_now: dict[str, ItemDigest] = {}

    def begin(self) -> None:
        """A new build: what it does not ask for is forgotten after it."""
        if self._texts_now or self._models_now or self._items_now:
            self.texts, self.models = self._texts_now, self._models_now
            self.items = self._items_now
        self._texts_now, self._models_now, self._items_now = {}, {}, {}

    def item(
        self, rel: str, data: Any, html: Mapping[str, str], inputs: tuple[Any, ...]
    ) -> Fingerprint | None:
        """An item's fingerprint as made before from these very fields and inputs (its
        rendered texts, `html`, among them)."""
        known = self.items.get(rel) or self._items_now.get(rel)
        if known is None or known[0] is not data or known[1] != inputs:
            return None
        self._items_now[rel] = known
        # What the digest was made from stays known, for the build whose inputs differ
        # (a template edited: every page's fingerprint is made again).
        model = self.models.get(id(data))
        if model is not None:
            self._models_now[id(data)] = model
        for text in html.values():
            digest = self.texts.get(text)
            if digest is not None:
                self._texts_now[text] = digest
        return known[2]

    def keep_item(
        self, rel: str, data: Any, inputs: tuple[Any, ...], fingerprint: Fingerprint
    ) -> None:
        # The entry holds the fields, so their id is not reused while it is kept.
        if self.remember:
            self._items_now[rel] = (data, inputs, fingerprint)

    def text(self, text: str) -> str:
        found = self.texts.get(text) or self._texts_now.get(text)
        if found is None:
            found = _digest([text]).hex()
        if self.remember:
            self._texts_now[text] = found
        return found

    def fields(self, data: BaseModel) -> str:
        known = self.models.get(id(data)) or self._models_now.get(id(data))
        # The entry keeps the object alive, so its id is not reused by another.
        if known is None or known[0] is not data:
            known = (data, _digest([data.model_dump_json()]).hex())
        self._models_now[id(data)] = known
        return known[1]


class Fingerprints:
    """The fingerprints of one build's pages (made fresh for each build's model)."""

    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        templates: Templates,
        facts: FactDigests | None = None,
    ) -> None:
        self.site = site
        self.env = env
        self.templates = templates
        self.facts = facts if facts is not None else FactDigests()
        self.facts.begin()
        self.shared = self._shared().hex()
        self._items: dict[int, Fingerprint | None] = {}
        self._closures: dict[str, tuple[bytes, frozenset[str]] | None] = {}

    def _shared(self) -> bytes:
        site, env = self.site, self.env
        asset = env.globals.get("asset")
        facts = [
            site.config.model_dump_json(),
            site.language,
            site.today.isoformat(),
            json.dumps(env.globals.get("nav"), ensure_ascii=False, sort_keys=True, default=str),
            json.dumps(getattr(getattr(asset, "__self__", None), "names", None), sort_keys=True),
            json.dumps([(k.name, type(k).__module__, type(k).__qualname__) for k in site.kinds]),
        ]
        return _digest(facts)

    def closure(self, name: str) -> tuple[bytes, frozenset[str]] | None:
        if name not in self._closures:
            self._closures[name] = self.templates.closure(self.env, name)
        return self._closures[name]

    def item(self, item: Item) -> Fingerprint | None:
        """The fingerprint of an item's page and JSON copy; None: render it every time."""
        key = id(item)
        if key not in self._items:
            self._items[key] = self._item(item)
        return self._items[key]

    def _item(self, item: Item) -> Fingerprint | None:
        kind = item.kind
        if _overrides(kind, "page_context"):
            return None
        template = self.closure(kind.template)
        view = _view_state(item.view)
        if template is None or view is None:
            return None
        if _overrides(kind, "computed"):
            return self._item_digest(item, template[0], view)
        # What the digest is made of, as it is: an unchanged file keeps its fields (the
        # same object) and its texts (the same strings), so this is a few comparisons.
        inputs = (
            self.shared,
            template[0],
            kind.name,
            item.slug,
            item.url,
            item.published,
            item.updated,
            item.visible,
            item.html,
            view,
        )
        known = self.facts.item(item.rel, item.data, item.html, inputs)
        if known is None:
            known = self._item_digest(item, template[0], view)
            self.facts.keep_item(item.rel, item.data, inputs, known)
        return known

    def _item_digest(self, item: Item, template: bytes, view: str) -> Fingerprint:
        kind = item.kind
        facts = [
            self.shared,
            template.hex(),
            kind.name,
            item.slug,
            item.url,
            item.rel,
            item.published.isoformat(),
            item.updated.isoformat(),
            str(item.visible),
            self.facts.fields(item.data),
            *(f"{key}:{self.facts.text(html)}" for key, html in sorted(item.html.items())),
            view,
        ]
        if _overrides(kind, "computed"):
            facts.append(_json(kind.computed(item, self.site)))
        return _digest(facts)

    def list_page(
        self, kind: ContentType, number: int, pages: int, chunk: list[Item], all_items: list[Item]
    ) -> Fingerprint | None:
        template = self.closure(kind.list_template)
        if template is None:
            return None
        shown = all_items if "all_items" in template[1] else chunk
        prints = [self.item(i) for i in shown]
        if any(p is None for p in prints):
            return None
        # With the whole list, the page's number (and the page size, in the config) tells
        # which of its items are on the page.
        facts = [self.shared, template[0].hex(), kind.name, str(number), str(pages)]
        facts += [p.hex() for p in prints if p is not None]
        if not chunk:  # an empty list is dated by the whole site (jsonapi.list_json)
            facts.append(self.site.updated.isoformat())
        return _digest(facts)


def _overrides(kind: ContentType, hook: str) -> bool:
    return getattr(type(kind), hook) is not getattr(ContentType, hook)


def _view_state(view: Any) -> str | None:
    """The view as text, private attributes included; None when it cannot be (trusted)."""
    if view is None:
        return "null"
    if not isinstance(view, BaseModel):
        return None
    private: list[Any] = []
    if not _privates(view, private):
        return None
    try:
        dumped = view.model_dump_json()
    except (ValueError, TypeError):  # pydantic's serialization errors are ValueErrors
        return None
    return dumped + repr(private)


def _privates(value: Any, found: list[Any]) -> bool:
    """Collect the private attributes of a model and the models in it; False when one is
    not a plain value (it could stand for anything)."""
    if isinstance(value, BaseModel):
        for name, private in sorted((value.__pydantic_private__ or {}).items()):
            if not isinstance(private, SIMPLE):
                return False
            found.append((name, private))
        return all(_privates(getattr(value, f), found) for f in type(value).model_fields)
    if isinstance(value, list | tuple):
        return all(_privates(v, found) for v in value)
    if isinstance(value, dict):
        return all(_privates(v, found) for v in value.values())
    return True


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _digest(facts: list[str]) -> Fingerprint:
    # Each fact with its length: no two different lists of facts give the same text.
    text = "".join(f"{len(fact)}:{fact}" for fact in facts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class PageMemo:
    """Between the preview's builds: each fingerprinted output group's fingerprint and
    paths as last shown, and what the last build rendered (tests and the bench read it)."""

    def __init__(self) -> None:
        self.templates = Templates()
        self.facts = FactDigests()
        self.outputs: dict[str, GroupRecord] = {}
        self.pending: dict[str, GroupRecord] = {}
        self.pending_rendered: list[str] = []
        self.rendered: list[str] = []  # paths the last shown build rendered (not kept)
        self.renders = 0  # outputs rendered, all shown builds together

    def commit(self) -> None:
        """The build whose fingerprints are `pending` is the one now shown."""
        self.outputs, self.pending = self.pending, {}
        self.rendered, self.pending_rendered = self.pending_rendered, []
        self.renders += len(self.rendered)
