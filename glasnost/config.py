"""The site's settings (site_config.yaml), declared once as a typed model."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator

from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import load_source
from glasnost.validate import validate_model

CONFIG_FILE = "site_config.yaml"


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Contacts(Strict):
    address: str | None = None
    phone: str | None = None
    email: str | None = None


class MeetingsSettings(Strict):
    announce_min_days: int = Field(5, ge=0)


class FeedsSettings(Strict):
    items: int = Field(20, ge=1, le=1000)


class OpenDataSettings(Strict):
    license: str | None = None


class NavLink(Strict):
    title: str
    url: str


class SiteConfig(Strict):
    title: str = Field(min_length=1)
    short_title: str | None = None
    description: str | None = None
    base_url: str
    language: Literal["ru", "en"] = "ru"
    timezone: str = "Europe/Moscow"
    inn: str | None = Field(None, pattern=r"^\d{10}(\d{2})?$")
    contacts: Contacts = Contacts()
    meetings: MeetingsSettings = MeetingsSettings()
    feeds: FeedsSettings = FeedsSettings()
    opendata: OpenDataSettings = OpenDataSettings()
    nav: list[NavLink] | None = None
    logo: str | None = None
    search: bool = True
    page_size: int = Field(20, ge=1, le=500)

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("нужен полный адрес сайта, например https://admin.example.ru/")
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(f"неизвестный часовой пояс «{value}»; пример: Europe/Moscow")
        try:
            ZoneInfo(value)
        except ZoneInfoNotFoundError as exc:  # pragma: no cover - listed but not loadable
            raise ValueError(f"неизвестный часовой пояс «{value}»") from exc
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def name(self) -> str:
        return self.short_title or self.title

    def absolute(self, url: str) -> str:
        return self.base_url.rstrip("/") + url


def load_config(site_dir: Path, diag: Diagnostics) -> SiteConfig | None:
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        diag.error("G100", CONFIG_FILE)
        return None
    source = load_source(path, CONFIG_FILE, diag)
    if source is None:
        return None
    return validate_model(SiteConfig, source, diag)
