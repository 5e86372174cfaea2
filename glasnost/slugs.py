"""Slugs: the ASCII last part of an item's address."""

import re

from slugify import slugify

_VALID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def slug_from_filename(stem: str) -> str:
    """Cyrillic file names are transliterated, so addresses stay ASCII."""
    return slugify(stem, lowercase=True) or "item"


def is_valid_slug(slug: str) -> bool:
    return bool(_VALID.match(slug))


def heading_id(text: str, separator: str = "-") -> str:
    return slugify(text, separator=separator) or "section"
