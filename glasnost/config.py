"""The site's settings (site_config.yaml), declared once as a typed model."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from glasnost.diagnostics import Diagnostics
from glasnost.validate import custom_error, validate_model
from glasnost.values import check_values, read_source

CONFIG_FILE = "site_config.yaml"


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Contacts(Strict):
    address: str | None = Field(default=None, description="Почтовый адрес")
    phone: str | None = Field(default=None, description="Телефон")
    email: str | None = Field(default=None, description="Электронная почта")


class MeetingsSettings(Strict):
    announce_min_days: int = Field(
        default=5, ge=0, description="За сколько дней до встречи публикуется объявление (не менее)"
    )


class FeedsSettings(Strict):
    items: int = Field(default=20, ge=1, le=1000, description="Число записей в каждой ленте")


class OpenDataSettings(Strict):
    license: str | None = Field(
        default=None, description="Условия использования всех наборов данных"
    )


# -- addresses: what a link on every page may point at ----------------------------------

# A link in the menu or the logo is on every page: `javascript:` or `data:` there would
# run script on the site's own origin. Allowed: http(s) with a host, mailto:, tel:, and
# paths of the site itself; `//host` (another site, by the page's scheme) is not a path.
SAFE_URL_PATTERN = (
    r"^(?:https?://[^/?#\s\\]+[^\s]*|mailto:[^\s]+|tel:[^\s]+"
    r"|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/\\]{2})(?!/\\)[^\s]*)$"
)
_SAFE_URL = re.compile(SAFE_URL_PATTERN)


@cache
def known_zones() -> frozenset[str]:
    """The system's time zone names. Listing them walks the zone database (about 10 ms),
    and the live preview reads the config on every save; the list does not change."""
    return frozenset(available_timezones())


def safe_url(value: str) -> str:
    if not _SAFE_URL.match(value) or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        raise PydanticCustomError(
            custom_error("G224"), "only http(s), mailto, tel and site paths are allowed"
        )
    return value


# The one type of every address field, so its rule shows in the JSON Schema and the docs.
SafeUrl = Annotated[
    str,
    AfterValidator(safe_url),
    WithJsonSchema({"type": "string", "format": "uri-reference", "pattern": SAFE_URL_PATTERN}),
]


class NavLink(Strict):
    title: str = Field(description="Текст пункта меню")
    url: SafeUrl = Field(description="Адрес: путь на сайте (/plans/), https://…, mailto: или tel:")


DEPLOY_SCHEMES = ("s3", "sftp", "ftp", "ftps")


class DeployTarget(Strict):
    """Where `deploy` sends the built site. Secrets are never here: see docs/deploy.md."""

    url: str = Field(
        description="Куда: s3://корзина/папка, sftp://пользователь@сервер[:порт]/путь, "
        "ftp://пользователь@сервер/путь или путь к папке"
    )
    endpoint: str | None = Field(
        default=None,
        description="Адрес S3-хранилища, например https://storage.yandexcloud.net",
    )
    region: str | None = Field(default=None, description="Регион S3, например ru-central1")
    provider: str = Field(default="Other", description="Вид S3-хранилища для rclone")
    acl: str | None = Field(default=None, description="Права на файлы в S3, например public-read")
    host_key: str | None = Field(
        default=None,
        description="Открытый ключ SFTP-сервера («ssh-ed25519 AAAA...»): без него ключ "
        "сервера не сверяется",
    )

    @field_validator("url")
    @classmethod
    def _deploy_url(cls, value: str) -> str:
        parts = urlsplit(value)
        try:
            remote = parts.scheme in DEPLOY_SCHEMES and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a port that is not a number
            remote = False
        local = parts.scheme == "" and bool(value.strip())
        if not (remote or local) or "\n" in value:
            raise PydanticCustomError(custom_error("G190"), "not a deploy address")
        if parts.password is not None:  # the config is in git: secrets go in the environment
            raise PydanticCustomError(custom_error("G191"), "a password in a deploy address")
        return value


# Where a menu item may lead: this site (/...), another site, e-mail or phone. Nothing
# else: a `javascript:` address would run script on the site's own origin.
MENU_URL = re.compile(r"/(?!/)|https?://[^/\s]|mailto:|tel:", re.IGNORECASE)


def menu_url(value: str) -> str:
    if not MENU_URL.match(value):
        raise PydanticCustomError(custom_error("G170"), "not a page address")
    return value


MenuUrl = Annotated[str, AfterValidator(menu_url)]


class MenuLink(Strict):
    title: str = Field(min_length=1, description="Текст пункта меню")
    url: MenuUrl = Field(description="Адрес: /pages/budget/ на этом сайте или полный https://...")
    order: int | None = Field(
        default=None,
        description="Место в меню: Главная 10, Новости 20, Планы 30, Отчёты 40, Встречи 50, "
        "Открытые данные 60, Поиск 70, Контакты 80; по умолчанию — перед Поиском",
    )


class MenuSettings(Strict):
    add: list[MenuLink] = Field(
        default=[],
        description="Пункты, добавляемые к меню (страницы сами входят в него по menu: true)",
    )
    hide: list[MenuUrl] = Field(
        default=[], description="Адреса пунктов, которые не показывать, например /search/"
    )


class SiteConfig(Strict):
    title: str = Field(min_length=1, description="Полное наименование органа")
    short_title: str | None = Field(default=None, description="Краткое наименование (в заголовках)")
    description: str | None = Field(default=None, description="Описание сайта на главной странице")
    base_url: str = Field(description="Полный адрес сайта: в лентах, карте сайта, JSON")
    language: Literal["ru", "en"] = Field(default="ru", description="Язык интерфейса и сообщений")
    timezone: str = Field(default="Europe/Moscow", description="Часовой пояс (IANA)")
    inn: str | None = Field(default=None, description="ИНН органа: префикс кодов открытых данных")
    contacts: Contacts = Field(default=Contacts(), description="Контакты в подвале сайта")
    meetings: MeetingsSettings = Field(default=MeetingsSettings(), description="Правила встреч")
    feeds: FeedsSettings = Field(default=FeedsSettings(), description="Ленты RSS и Atom")
    opendata: OpenDataSettings = Field(default=OpenDataSettings(), description="Открытые данные")
    nav: list[NavLink] | None = Field(
        default=None, description="Меню целиком вместо встроенного; по умолчанию — разделы сайта"
    )
    menu: MenuSettings = Field(
        default=MenuSettings(),
        description="Дополнения к меню: add — новые пункты, hide — скрыть пункты",
    )
    logo: SafeUrl | None = Field(
        default=None, description="Герб: путь к изображению, например /files/gerb.png"
    )
    search: bool = Field(default=True, description="Строить поиск по сайту (Pagefind)")
    page_size: int = Field(default=20, ge=1, le=500, description="Материалов на странице списка")
    deploy: dict[str, DeployTarget] = Field(
        default_factory=dict, description="Куда выкладывать сайт: имя цели → её адрес"
    )

    # Problems are raised as catalogue codes (glasnost/messages.py), not as text: the
    # message is formatted later, in the site's language.
    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PydanticCustomError(
                custom_error("G110"), "base_url must be an absolute http(s) URL"
            )
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            if value in known_zones():
                ZoneInfo(value)
                return value
        except (ZoneInfoNotFoundError, ValueError):  # listed but not loadable
            pass
        raise PydanticCustomError(custom_error("G111"), "unknown time zone")

    @field_validator("inn")
    @classmethod
    def _inn(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{10}|\d{12}", value):
            raise PydanticCustomError(custom_error("G112"), "an INN is 10 or 12 digits")
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
    if not path.resolve().is_relative_to(site_dir.resolve()):  # a link out: never read
        diag.error("G018", CONFIG_FILE)
        return None
    source = read_source(path, CONFIG_FILE, diag)
    if source is None:
        return None
    config = validate_model(SiteConfig, source, diag)
    # A control character in the name reaches every feed and calendar: refused here.
    return config if config is not None and check_values(config, source, diag) else None
