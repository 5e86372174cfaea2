"""Benchmark corpus: N news items as a Glasnost site and as an equivalent minimal Hugo site.

    generate(root, n, seed) writes
        root/glasnost/site_config.yaml, root/glasnost/content/news/NNNNN.md
        root/hugo/hugo.toml, root/hugo/layouts/..., root/hugo/content/news/NNNNN.md

Both sites get byte-for-byte the same Markdown text per item (title, date, summary,
body). Each body is about 600 Russian words with a `## heading`, a bulleted list and a
small table, as the content contract allows for news (docs: /work/shared/spec/CONTENT.md).
Texts are made from a built-in word list, deterministic for a given seed: no downloads.

The Glasnost site has search on (`search: true`); the benchmark turns it off per build
with `--no-search`. The Hugo site marks each news page's article `data-pagefind-body`,
as Glasnost's templates mark an item's main, so Pagefind run over Hugo's output indexes
the same pages (the news items) as Glasnost's build: the same features, a site with search.

Usable on its own: `python bench/corpus.py DIR N [SEED]`.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

# A few hundred common Russian words of municipal news, in forms that read naturally
# enough. Nouns, adjectives, verbs and adverbs are mixed on purpose.
WORDS = """
администрация округ поселение район край город село станица хутор улица площадь
дом культура школа больница поликлиника детский сад библиотека музей стадион парк сквер
дорога мост остановка автобус маршрут транспорт водоснабжение водоотведение теплоснабжение
газоснабжение электроснабжение освещение благоустройство ремонт строительство реконструкция
капитальный текущий плановый внеплановый муниципальный районный краевой федеральный
общественный открытый публичный доступный электронный цифровой официальный новый старый
глава заместитель специалист отдел управление комитет совет депутат депутаты жители житель
граждане гражданин население молодёжь ветераны пенсионеры семьи дети школьники студенты
предприниматели организации учреждения предприятия участники волонтёры активисты
встреча приём совещание заседание собрание слушания обсуждение опрос голосование выборы
отчёт план программа проект мероприятие мероприятия задача задачи цель результат итоги
показатель показатели значение срок сроки график порядок решение постановление распоряжение
обращение обращения вопрос вопросы ответ ответы предложение предложения замечание жалоба
информация сведения данные сайт портал страница раздел публикация новость объявление
бюджет средства финансирование субсидия грант контракт закупка торги поставка договор
работа работы услуга услуги помощь поддержка развитие улучшение повышение снижение
качество эффективность прозрачность открытость доступность безопасность экология природа
территория участок земля сельское хозяйство урожай посевная уборочная животноводство
весна лето осень зима январь февраль март апрель май июнь июль август сентябрь октябрь
ноябрь декабрь неделя месяц квартал полугодие год неделе месяце квартале году
провёл провела провели состоялся состоялась состоялось прошёл прошла прошли
обсудили рассмотрели утвердили приняли подписали направили подготовили завершили
начали продолжили организовали выполнили проверили отметили подчеркнули сообщили
рассказал рассказала напомнил напомнила пригласил приглашает принимает проводит
ведётся продолжается завершается планируется предусмотрено запланировано выполнено
необходимо важно нужно можно следует удалось предстоит требуется
активно успешно своевременно регулярно ежемесячно ежеквартально ежегодно постоянно
впервые дополнительно полностью частично значительно заметно практически
в на по с со к для при о об от до из за под над между через после перед около
и а но или также ещё уже только более менее всего почти около свыше
это этот эта эти тот та те весь вся все каждый каждая многие несколько
первый второй третий последний ближайший текущий прошлый следующий
большой малый важный главный основной нормативный социальный культурный спортивный
образовательный медицинский жилищный коммунальный дорожный торговый инвестиционный
""".split()  # noqa: SIM905

HEADINGS = [
    "Итоги работы",
    "Что сделано",
    "Планы на следующий период",
    "Ответы на вопросы жителей",
    "Финансирование",
    "Сроки и ответственные",
    "Основные показатели",
    "Обращения граждан",
    "Благоустройство территорий",
    "Ремонт дорог",
    "Работа с молодёжью",
    "Открытые данные",
]
TABLE_HEADERS = [
    ("Показатель", "План", "Факт"),
    ("Направление", "Мероприятий", "Участников"),
    ("Поселение", "Обращений", "Решено"),
    ("Объект", "Срок", "Готовность, %"),
]
FIRST_DAY = date(2024, 12, 31)
# Raised whenever the generated sites change, so a kept corpus of an older shape is remade.
VERSION = 2


def _sentence(rng: random.Random, low: int = 6, high: int = 14) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    if rng.random() < 0.15:  # some inline markup, as real news has
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    text = " ".join(words)
    if rng.random() < 0.25:
        cut = rng.randrange(2, max(3, len(words) - 1))
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        text = f"{head}, {tail}"
    return text[0].upper() + text[1:] + rng.choice(".....!?")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def item_text(rng: random.Random, index: int) -> tuple[str, date, str, str]:
    """(title, date, summary, body) of item `index`; the body is about 600 words."""
    title = _sentence(rng, 5, 9).rstrip(".!?").replace("**", "")
    day = FIRST_DAY - timedelta(days=index // 3)  # about three news a day, all in the past
    summary = _sentence(rng, 12, 22).replace("**", "")
    parts = [_paragraph(rng, rng.randint(4, 6)) for _ in range(2)]
    parts.append("## " + rng.choice(HEADINGS))
    parts.append(_paragraph(rng, rng.randint(3, 5)))
    parts.append("\n".join("- " + _sentence(rng, 4, 10) for _ in range(rng.randint(4, 6))))
    head = rng.choice(TABLE_HEADERS)
    rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---:|---:|"]
    for _ in range(rng.randint(3, 5)):
        label = " ".join(rng.choices(WORDS, k=rng.randint(2, 4))).capitalize()
        rows.append(f"| {label} | {rng.randint(1, 500)} | {rng.randint(1, 500)} |")
    parts.append("\n".join(rows))
    while _words("\n\n".join(parts)) < 590:
        parts.append(_paragraph(rng, rng.randint(3, 6)))
    return title, day, summary, "\n\n".join(parts) + "\n"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


GLASNOST_CONFIG = """\
title: Администрация тестового муниципального округа (корпус для замера скорости)
short_title: Тестовый округ
base_url: https://bench.example.ru/
language: ru
timezone: Europe/Moscow
feeds:
  items: 20
page_size: 20
# Search on; bench/run.py measures builds with and without it (--no-search).
search: true
"""

HUGO_CONFIG = """\
baseURL = "https://bench.example.ru/"
languageCode = "ru"
defaultContentLanguage = "ru"
title = "Администрация тестового муниципального округа (корпус для замера скорости)"
buildFuture = true
disableKinds = ["taxonomy", "term"]

[pagination]
  pagerSize = 20

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  page = ["HTML"]

[services.rss]
  limit = 20

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} — {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/news/">Новости</a></li></ul></nav>
</header>
<nav aria-label="Навигационная цепочка"><ol><li><a href="/">Главная</a></li>
{{ if .IsPage }}<li><a href="/news/">Новости</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p>
<p><a href="/index.xml">RSS</a> · <a href="/sitemap.xml">Карта сайта</a></p></footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article data-pagefind-body data-pagefind-meta="kind:Новость">
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time></p>
{{ with .Params.summary }}<div class="lead">{{ . | markdownify }}</div>{{ end }}
<div class="prose">{{ .Content }}</div>
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul>
{{ range $pager.Pages }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time></p>
{{ with .Params.summary }}<div>{{ . | markdownify }}</div>{{ end }}</li>
{{ end }}
</ul>
{{ if gt $pager.TotalPages 1 }}
<nav aria-label="Страницы"><ul>
{{ with $pager.Prev }}<li><a href="{{ .URL }}">Назад</a></li>{{ end }}
<li>Страница {{ $pager.PageNumber }} из {{ $pager.TotalPages }}</li>
{{ with $pager.Next }}<li><a href="{{ .URL }}">Вперёд</a></li>{{ end }}
</ul></nav>
{{ end }}
{{ end }}
"""


HUGO_HOME = """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2><a href="/news/">Новости</a></h2>
<ul>
{{ range first 5 (where site.RegularPages "Section" "news") }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time></li>
{{ end }}
</ul>
{{ end }}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, n: int, seed: int = 1) -> None:
    """Write the Glasnost site to root/glasnost and the Hugo site to root/hugo (replacing them)."""
    glasnost, hugo = root / "glasnost", root / "hugo"
    for folder in (glasnost, hugo):
        shutil.rmtree(folder, ignore_errors=True)
    _write(glasnost / "site_config.yaml", GLASNOST_CONFIG)
    _write(hugo / "hugo.toml", HUGO_CONFIG)
    _write(hugo / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    _write(hugo / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    _write(hugo / "layouts" / "_default" / "list.html", HUGO_LIST)
    _write(hugo / "layouts" / "_default" / "home.html", HUGO_HOME)
    _write(hugo / "content" / "news" / "_index.md", "---\ntitle: Новости\n---\n")
    _write(hugo / "content" / "_index.md", "---\ntitle: Главная\n---\n")
    (glasnost / "content" / "news").mkdir(parents=True)
    rng = random.Random(seed)
    width = max(5, len(str(n)))
    for index in range(n):
        title, day, summary, body = item_text(rng, index)
        text = (
            f"---\ntitle: {_yaml_str(title)}\ndate: {day.isoformat()}\n"
            f"summary: {_yaml_str(summary)}\n---\n\n{body}"
        )
        name = f"{index + 1:0{width}d}.md"
        (glasnost / "content" / "news" / name).write_text(text, encoding="utf-8")
        (hugo / "content" / "news" / name).write_text(text, encoding="utf-8")
    (root / "corpus.txt").write_text(marker(n, seed), encoding="utf-8")


def marker(n: int, seed: int) -> str:
    """What corpus.txt holds: a folder with another marker is generated again."""
    return f"n={n} seed={seed} version={VERSION}\n"


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python bench/corpus.py DIR N [SEED]")
    generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 1)
