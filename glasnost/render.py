"""Stage 4: turn the site model into output files (HTML, JSON, feeds, sitemap...).

Nothing here reads content or decides what is valid: it only presents the model.
Templates run with StrictUndefined so that a typo in a template stops the build.
"""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from markupsafe import Markup

from glasnost import feeds, jsonapi
from glasnost.assets import StaticAssets
from glasnost.depends import FactDigests, Fingerprints, GroupRecord, Templates
from glasnost.diagnostics import Diagnostics
from glasnost.markup import release_free_memory
from glasnost.menu import main_menu
from glasnost.metadesc import page_description
from glasnost.outputgroups import LinkedGroups
from glasnost.sandbox import TemplateFolders, TemplateSandbox
from glasnost.search import bundle_urls
from glasnost.site import Item, OutputFile, Site, pack_html, page_path
from glasnost.types.base import ContentType
from glasnost.write import OutputWriter


def engine_templates() -> Path:
    """The default templates: inside the package once installed (the wheel ships them as
    glasnost/templates), else the repository's top-level templates/ beside the package."""
    package = Path(__file__).resolve().parent
    shipped = package / "templates"
    return shipped if shipped.is_dir() else package.parent / "templates"


ENGINE_TEMPLATES = engine_templates()

# Places in the main menu of the engine's own entries (a type's is its `nav_order`).
HOME_ORDER, SEARCH_ORDER, CONTACTS_ORDER = 10, 70, 80


class TemplateProblem(Exception):
    def __init__(
        self,
        template: str,
        problem: str,
        missing: bool = False,
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(problem)
        self.template = template  # the template's name, or the missing template's
        self.problem = problem
        self.missing = missing
        self.path = path  # the file and line the problem is in, when known
        self.line = line


# Mistakes a template can make while rendering, beyond Jinja's own (a filter given text
# where it wants a date, say; Babel asserts on that): template errors, not crashes.
RENDER_ERRORS = (
    jinja2.TemplateError,
    TypeError,
    ValueError,
    LookupError,
    AttributeError,
    ArithmeticError,
    AssertionError,
)


def template_position(exc: BaseException) -> tuple[str | None, int | None]:
    """File and line of the innermost template frame: Jinja rewrites tracebacks to them."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".ics")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def shown_path(filename: str, site: Site) -> str:
    """A template's path as the user knows it: in the site, or the engine's default."""
    path = Path(filename)
    for root, prefix in ((site.site_dir, ""), (ENGINE_TEMPLATES, "templates/")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return path.name


def make_environment(site: Site) -> jinja2.Environment:
    search_path = [str(site.site_dir / "templates"), str(ENGINE_TEMPLATES)]
    env = TemplateSandbox(  # templates come with commits: glasnost/sandbox.py
        loader=TemplateFolders(search_path),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # One build renders each template thousands of times; never stat it again.
        auto_reload=False,
    )
    t = site.t
    env.globals.update(
        site=site, config=site.config, t=t, nav=navigation(site), absolute=site.config.absolute
    )
    env.globals["asset"] = StaticAssets.scan(ENGINE_TEMPLATES / "static").url
    env.filters.update(
        date=t.date,
        datetime=t.datetime,
        time=t.time,
        number=t.number,
        plural=t.plural,
        html=Markup,
        percent=lambda v: t.number(v, 1) + "\u00a0%",
    )
    return env


def navigation(site: Site) -> list[dict[str, str]]:
    return main_menu(site, builtin_navigation(site))


def builtin_navigation(site: Site) -> list[dict[str, Any]]:
    """The menu before pages and the config's `menu:` join it: `nav:`, or the sections.

    Each entry's place is fixed, shown or not, so the places documented for `menu_order`
    stay the same on every site: the engine's entries below, each type's its `nav_order`
    (news 20, plans 30, reports 40, meetings 50, open data 60).
    """
    if site.config.nav is not None:
        return [{"title": n.title, "url": n.url} for n in site.config.nav]
    links: list[dict[str, Any]] = [{"title": site.t("home"), "url": "/", "order": HOME_ORDER}]
    # A section is in the menu when it has a published item: asked before its list is
    # sorted (the model's menu check, the live preview's first page), so not sorted for it.
    in_menu = [
        k
        for k in site.kinds
        if k.nav_order is not None and any(i.visible for i in site.of_kind(k.name))
    ]
    for kind in sorted(in_menu, key=lambda k: k.nav_order or 0):
        title = kind.title_many(site.language)
        links.append({"title": title, "url": kind.list_url(), "order": kind.nav_order})
    if site.config.search:
        links.append({"title": site.t("search"), "url": "/search/", "order": SEARCH_ORDER})
    page = site.get("page", "contacts")
    if page is not None and page.visible:
        links.append({"title": site.t("contacts"), "url": "/contacts/", "order": CONTACTS_ORDER})
    return links


def list_page_count(site: Site, kind: ContentType) -> int:
    return max(1, math.ceil(len(site.collection(kind.name)) / site.config.page_size))


def list_page_url(kind: ContentType, number: int) -> str:
    """The address of page `number` (from 1) of a type's list."""
    return kind.list_url() if number == 1 else f"{kind.list_url()}page/{number}/"


class Renderer:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.env = make_environment(site)

    def html(self, template: str, url: str, **context: Any) -> OutputFile:
        context.setdefault("description", page_description(self.site, context))
        try:
            text = self.env.get_template(template).render(url=url, **context)
        except RENDER_ERRORS as exc:
            if isinstance(exc, jinja2.TemplateNotFound):
                problem = TemplateProblem(str(exc.name), str(exc), missing=True)
            elif isinstance(exc, jinja2.TemplateSyntaxError):
                problem = TemplateProblem(template, exc.message or str(exc))
            else:
                problem = TemplateProblem(
                    template, f"{exc}" if isinstance(exc, jinja2.TemplateError) else repr(exc)
                )
            filename, problem.line = template_position(exc)
            problem.path = shown_path(filename, self.site) if filename else None
            raise problem from exc
        return OutputFile(page_path(url), text.encode("utf-8"))

    def crumbs(self, *pairs: tuple[str, str]) -> list[dict[str, str]]:
        return [{"title": self.site.t("home"), "url": "/"}] + [
            {"title": t, "url": u} for t, u in pairs
        ]

    def item_page(self, item: Item) -> Iterator[OutputFile]:
        kind = item.kind
        trail = [(kind.title_many(self.site.language), kind.list_url())] if kind.has_list else []
        yield self.html(
            kind.template,
            item.url,
            item=item,
            kind=kind,
            title=item.title,
            breadcrumbs=self.crumbs(*trail, (item.title, item.url)),
            json_url=item.url + "index.json",
            **kind.page_context(item, self.site),
        )
        yield OutputFile(
            item.url.lstrip("/") + "index.json", jsonapi.dumps(jsonapi.item_json(item, self.site))
        )

    def list_pages(self, kind: ContentType) -> Iterator[OutputFile]:
        for number in range(1, self.list_page_count(kind) + 1):
            yield from self.list_page(kind, number)

    def list_page_count(self, kind: ContentType) -> int:
        return list_page_count(self.site, kind)

    def list_chunk(self, kind: ContentType, number: int) -> list[Item]:
        """The items on page `number` (from 1) of a type's list."""
        size = self.site.config.page_size
        return self.site.collection(kind.name)[(number - 1) * size : number * size]

    def list_page(self, kind: ContentType, number: int) -> Iterator[OutputFile]:
        """One page of a type's list and its JSON copy."""
        items = self.site.collection(kind.name)
        pages = self.list_page_count(kind)
        url = list_page_url(kind, number)
        chunk = self.list_chunk(kind, number)
        title = kind.title_many(self.site.language)
        yield self.html(
            kind.list_template,
            url,
            kind=kind,
            items=chunk,
            all_items=items,
            title=title,
            page_number=number,
            pages=pages,
            page_url=lambda n, k=kind: list_page_url(k, n),
            breadcrumbs=self.crumbs((title, kind.list_url())),
            json_url=url + "index.json",
        )
        doc = jsonapi.list_json(self.site, kind, url, chunk, number, pages)
        yield OutputFile(url.lstrip("/") + "index.json", jsonapi.dumps(doc))

    def home(self) -> Iterator[OutputFile]:
        blocks = sorted(
            (b for k in self.site.kinds if (b := k.home_block(self.site)) is not None),
            key=lambda b: b.order,
        )
        yield self.html(
            "home.html",
            "/",
            title=self.site.config.title,
            blocks=blocks,
            breadcrumbs=[],
            json_url="/index.json",
        )
        data = {"blocks": [b.template.removesuffix(".html") for b in blocks]}
        yield OutputFile(
            "index.json",
            jsonapi.dumps(jsonapi.page_json(self.site, "home", "/", self.site.config.title, data)),
        )


def report_template_problem(exc: TemplateProblem, diag: Diagnostics) -> None:
    if exc.missing:
        diag.error("G401", exc.path or exc.template, exc.line, template=exc.template)
    else:
        path = exc.path or exc.template
        diag.error("G400", path, exc.line, template=path, problem=exc.problem)


@dataclass
class Rendered:
    """What render_into put into staging."""

    paths: list[str]  # every output path, in a stable order
    groups: dict[str, GroupRecord]  # fingerprinted groups, for the next build's manifest
    rendered: int  # files rendered by this build (the rest were kept from the previous)


def render_into(
    site: Site,
    writer: OutputWriter,
    workers: int,
    before: Mapping[str, GroupRecord] | None = None,
) -> Rendered:
    """Render the site straight into staging (through `writer`).

    Files are written as they are rendered, so memory does not grow with the site. With
    `before` (the previous build's groups, from its manifest) every item page and list
    page is fingerprinted (glasnost/depends.py); a group whose fingerprint is unchanged
    and whose previous files are intact is linked into staging instead of rendered
    (glasnost/outputgroups.py). Without it, nothing is fingerprinted.

    Item pages to render, nearly all of a large site on a clean build, are rendered by
    forked worker processes that inherit the finished site model instead of receiving it
    serialised; a few (one edit) are rendered here, sooner than a pool starts.
    """
    renderer = Renderer(site)
    prints = (
        Fingerprints(site, renderer.env, Templates(), FactDigests(remember=False))
        if before is not None
        else None
    )
    groups = LinkedGroups(renderer, prints, before or {}, writer)
    changed = groups.changed_items(list(site.visible_items()))
    if workers > 1 and len(changed) >= PARALLEL_PAGES and "fork" in mp.get_all_start_methods():
        # Not a change to the model: the same texts, held packed (glasnost/site.py).
        pack_html(site.items)
        per_item = _render_items_in_workers(site, writer, changed, workers)
    else:
        per_item = [tuple(writer.write_files(renderer.item_page(item))) for item in changed]
    groups.rendered_items(changed, per_item)
    paths = [p for written in per_item for p in written]
    paths += writer.write_files(site_files(site, renderer, groups.list_files))
    rendered = len(paths)
    return Rendered(groups.kept_paths + paths, groups.fingerprints, rendered)


PARALLEL_PAGES = 200
PAGES_PER_TASK = 100  # items a worker renders per task: neighbours in the model's memory


def _render_items_in_workers(
    site: Site, writer: OutputWriter, items: list[Item], workers: int
) -> list[tuple[str, ...]]:
    """The paths written for each item, in the order of `items`.

    Workers take runs of neighbouring items, a run at a time (so they stay equally busy).
    Reading an item's objects writes their reference counts, which copies the memory
    pages they are on into the worker: an item's objects sit beside its neighbours', so
    each page is then copied by the one worker that renders them, not by every worker.
    """
    chunks = [items[i : i + PAGES_PER_TASK] for i in range(0, len(items), PAGES_PER_TASK)]
    context = mp.get_context("fork")
    # What the C library holds free (the Markdown sources dropped, say) would be copied
    # into each worker's page tables as well: returned to the system first.
    release_free_memory()
    # Keep the garbage collector from touching (and so copying) the inherited model's
    # pages in every worker: the model is shared copy-on-write, not duplicated.
    gc.freeze()
    with context.Pool(workers, initializer=_worker_start, initargs=(site, writer, chunks)) as pool:
        results = pool.map(_worker_render, range(len(chunks)), chunksize=1)
    per_item: list[tuple[str, ...]] = []
    for written, hashes, problem in results:
        if problem is not None:
            raise TemplateProblem(*problem[:3], path=problem[3], line=problem[4])
        per_item += written
        writer.hashes.update(hashes)  # each worker wrote through its own copy of the writer
    return per_item


# Each forked worker's own copy of what it renders (set once per process, never shared).
_WORKER: dict[str, Any] = {}


def _worker_start(site: Site, writer: OutputWriter, chunks: list[list[Item]]) -> None:
    _WORKER.update(site=site, writer=writer, chunks=chunks, renderer=Renderer(site))


ProblemFields = tuple[str, str, bool, str | None, int | None]


def _worker_render(
    index: int,
) -> tuple[list[tuple[str, ...]], dict[str, str], ProblemFields | None]:
    writer, chunks, renderer = _WORKER["writer"], _WORKER["chunks"], _WORKER["renderer"]
    # The parent's hashes (the files it linked already) stay with the parent, and those
    # of earlier tasks were sent with them: each task sends back those of its own files.
    writer.hashes = {}
    try:
        written = [tuple(writer.write_files(renderer.item_page(i))) for i in chunks[index]]
        return written, writer.hashes, None
    except TemplateProblem as exc:  # exceptions with extra fields do not cross processes
        return [], {}, (exc.template, exc.problem, exc.missing, exc.path, exc.line)


def site_files(
    site: Site,
    renderer: Renderer,
    lists: Callable[[ContentType], Iterator[OutputFile]],
) -> Iterator[OutputFile]:
    """Everything but the item pages; `lists` gives a type's list pages (OutputGroups:
    kept from the previous build where their fingerprint is unchanged)."""
    yield from renderer.home()
    for kind in site.kinds:
        if kind.has_list:
            yield from lists(kind)
        for page in kind.extra_pages(site):
            yield renderer.html(
                page.template,
                page.url,
                kind=kind,
                title=page.title,
                breadcrumbs=renderer.crumbs(*page.trail),
                json_url=page.url + "index.json",
                **page.context,
            )
            doc = jsonapi.page_json(site, page.url.strip("/"), page.url, page.title, page.json)
            yield OutputFile(page.url.lstrip("/") + "index.json", jsonapi.dumps(doc))
        yield from kind.extra_outputs(site)
    yield from search_page(site, renderer)
    yield renderer.html(
        "404.html", "/404.html", title=site.t("not_found"), breadcrumbs=[], json_url=None
    )
    yield from feeds.all_feeds(site)
    yield from jsonapi.schema_files(site)
    yield OutputFile("api/v1/index.json", jsonapi.catalogue_file(site))
    yield from static_files()
    yield from attachments(site)
    yield OutputFile("robots.txt", robots(site).encode("utf-8"))


def search_page(site: Site, renderer: Renderer) -> Iterator[OutputFile]:
    # Like every X/index.html, the search page has its JSON copy (the page's own data).
    title = site.t("search")
    crumbs = renderer.crumbs((title, "/search/"))
    yield renderer.html(
        "search.html",
        "/search/",
        title=title,
        breadcrumbs=crumbs,
        json_url="/search/index.json",
        bundles=bundle_urls(site),  # the search shards (glasnost/search.py)
    )
    doc = jsonapi.page_json(site, "search", "/search/", title, {})
    yield OutputFile("search/index.json", jsonapi.dumps(doc))


def static_files() -> Iterator[OutputFile]:
    yield from StaticAssets.scan(ENGINE_TEMPLATES / "static").files()


def attachments(site: Site) -> Iterator[OutputFile]:
    root = site.site_dir / "content"
    for url in sorted(site.files):
        yield OutputFile(url.lstrip("/"), root / url.lstrip("/"))


def robots(site: Site) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.absolute('/sitemap.xml')}\n"


def sitemap(site: Site, paths: list[str]) -> OutputFile:
    """Every HTML page, with the date of last change where the page is an item."""
    lastmod = {item.url: item.updated.isoformat() for item in site.visible_items()}
    urls = []
    for path in sorted(paths):
        if not path.endswith("index.html"):
            continue
        url = "/" + path.removesuffix("index.html")
        entry = f"  <url><loc>{escape(site.config.absolute(url))}</loc>"
        if url in lastmod:
            entry += f"<lastmod>{lastmod[url]}</lastmod>"
        urls.append(entry + "</url>")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )
    return OutputFile("sitemap.xml", body.encode("utf-8"))
