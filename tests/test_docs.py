"""The field reference in docs/ is derived from the models; it must not drift from them."""

import subprocess
import sys

from tests.conftest import REPO


def test_field_reference_is_generated_from_the_models() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools/fieldref.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_field_reference_names_every_contract_key() -> None:
    text = (REPO / "docs/fields.md").read_text(encoding="utf-8")
    for key in ("announce_min_days", "approved_by", "expected_result", "respondents",
                "comments_until", "update_frequency", "provenance", "publish_at"):
        assert f"`{key}`" in text, key
