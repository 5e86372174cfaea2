"""Golden test: the demo and every example build to exactly the bytes they built to when
the manifests in tests/golden/ were made. A refactor of the engine must not change a byte
of a published site; a deliberate change of the output regenerates the manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.golden import built_manifest, differences, manifest_path, sites

HOW_TO_UPDATE = (
    "If this change of the output is deliberate, regenerate the manifests with "
    "`make golden` (tools/golden.py) and commit them with the change."
)


@pytest.mark.parametrize("name", sorted(sites()))
def test_site_builds_to_the_golden_bytes(name: str, tmp_path: Path) -> None:
    expected = manifest_path(name).read_text(encoding="utf-8")
    actual = built_manifest(sites()[name], tmp_path / "out")
    problems = differences(expected, actual)
    assert problems == [], (
        f"{name}: the output changed:\n" + "\n".join(problems) + "\n" + HOW_TO_UPDATE
    )


def test_the_manifests_cover_every_site() -> None:
    # A new example without a manifest would go unchecked; a stale one would never fail.
    kept = {p.stem for p in manifest_path("x").parent.glob("*.sha256")}
    assert kept == set(sites()), HOW_TO_UPDATE
