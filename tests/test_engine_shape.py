"""The engine's shape: modules import each other without cycles, and the site's indexes
answer exactly what a scan of every item would."""

from __future__ import annotations

import ast
from pathlib import Path

from glasnost.clock import build_time
from glasnost.pipeline import BuildOptions, check
from tests.conftest import FIXED_EPOCH, REPO

PACKAGE = REPO / "glasnost"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_at_run_time(path: Path) -> set[str]:
    """glasnost modules a module imports when it runs (at any depth, even inside a
    function), leaving out `if TYPE_CHECKING:` blocks, which never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for child in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("glasnost"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("glasnost")}
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target in imports_at_run_time(path):
            # `from glasnost.types.dataset import publish` names a module or a package.
            targets.add(target if target in modules else target.rsplit(".", 1)[0])
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the path that closes it (a package importing its own
    submodules is not a cycle: the submodule is loaded first)."""
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(graph[node]):
            if target in path:
                loop = path[path.index(target) :]
                if not all(m.startswith(loop[0] + ".") or m == loop[0] for m in loop):
                    found.append([*loop, target])
            elif len(path) < 12:
                visit(target, [*path, target])

    for start in sorted(graph):
        visit(start, [start])
    unique = {tuple(c) for c in found if c[0] == min(c[:-1])}
    return [list(c) for c in sorted(unique)]


def test_no_module_of_the_engine_imports_itself_through_others() -> None:
    graph = import_graph()
    assert graph["glasnost.types.report"] >= {"glasnost.types.plan.fields"}  # the graph is real
    assert cycles(graph) == []


def test_the_site_indexes_agree_with_a_scan_of_every_item() -> None:
    now = build_time({"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    result = check(BuildOptions(site_dir=REPO, out_dir=REPO / "output", now=now, cache=False))
    site = result.site
    assert site is not None, result.diagnostics
    for kind in site.kinds:
        scanned = [i for i in site.items if i.kind is kind]
        assert site.of_kind(kind.name) == scanned
        visible = sorted((i for i in scanned if i.visible), key=kind.sort_key)
        assert site.collection(kind.name) == visible
        for item in scanned:
            assert site.get(kind.name, item.slug) is item
            assert site.by_url(item.url) is item
    assert site.get("plan", "no-such-plan") is None
    assert len(site.collection("meeting")) > 3  # the demo has meetings to order
