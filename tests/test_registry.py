"""The registry is the one place a type is declared: its names may not collide.

A message code or a UI key that two types (or a type and the engine) both declare would
silently take one of the two texts: the build would say the wrong thing in one place.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from glasnost.i18n import UI
from glasnost.messages import CORE_MESSAGES
from glasnost.types import TYPES, all_types


def repeated(names: list[str]) -> list[str]:
    return sorted(name for name, count in Counter(names).items() if count > 1)


def test_every_message_code_is_declared_once() -> None:
    codes = list(CORE_MESSAGES) + [code for kind in TYPES for code in kind.messages]
    assert repeated(codes) == []


def test_every_ui_key_is_declared_once() -> None:
    keys = list(UI) + [key for kind in TYPES for key in kind.ui]
    assert repeated(keys) == []


def test_names_folders_and_addresses_of_types_are_distinct() -> None:
    kinds = all_types()
    assert repeated([k.name for k in kinds]) == []
    assert repeated([k.folder for k in kinds]) == []
    assert repeated([k.list_url() for k in kinds if k.has_list]) == []
    orders = [k.nav_order for k in kinds if k.nav_order is not None]
    assert repeated([str(o) for o in orders]) == []


def test_an_item_is_named_by_what_the_star_of_its_pattern_stands_for() -> None:
    by_name = {k.name: k for k in all_types()}
    plans, datasets = by_name["plan"], by_name["dataset"]
    assert plans.name_in_path(Path("content/plans/plan-2020.yaml")) == "plan-2020"
    assert plans.source_path("plan-2020") == "plan-2020.yaml"
    assert datasets.name_in_path(Path("content/datasets/budget/dataset.yaml")) == "budget"
    assert datasets.source_path("budget") == "budget/dataset.yaml"
