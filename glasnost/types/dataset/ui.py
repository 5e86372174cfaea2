"""Template strings of open-data pages (ru, en); keys start with ds_ to stay apart."""

from __future__ import annotations

# The 18 passport fields of the methodical recommendations (version 3.0), in their order.
PASSPORT_LABELS: dict[str, tuple[str, str]] = {
    "ds_f1": ("Идентификационный номер (код) набора данных", "Identifier (code) of the data set"),
    "ds_f2": ("Наименование набора данных", "Title of the data set"),
    "ds_f3": ("Описание набора данных", "Description of the data set"),
    "ds_f4": ("Владелец набора данных", "Owner of the data set"),
    "ds_f5": ("Ответственное лицо", "Responsible person"),
    "ds_f6": ("Телефон ответственного лица", "Responsible person's phone"),
    "ds_f7": ("Адрес электронной почты ответственного лица", "Responsible person's e-mail"),
    "ds_f8": ("Гиперссылка (URL) на открытые данные", "Link (URL) to the open data"),
    "ds_f9": ("Формат данных", "Data format"),
    "ds_f10": ("Описание структуры набора данных", "Structure of the data set"),
    "ds_f11": ("Дата первой публикации набора данных", "Date of first publication"),
    "ds_f12": ("Дата последнего внесения изменений", "Date of the latest change"),
    "ds_f13": ("Содержание последнего изменения", "What the latest change was"),
    "ds_f14": ("Дата актуальности набора данных", "Valid until"),
    "ds_f15": ("Ключевые слова, соответствующие содержанию набора данных", "Keywords"),
    "ds_f16": (
        "Гиперссылки (URL) на предыдущие редакции набора данных",
        "Links (URL) to earlier versions",
    ),
    "ds_f17": (
        "Гиперссылки (URL) на предыдущие версии структуры набора данных",
        "Links (URL) to earlier versions of the structure",
    ),
    "ds_f18": ("Версия методических рекомендаций", "Version of the methodical recommendations"),
}

UI: dict[str, tuple[str, str]] = {
    **PASSPORT_LABELS,
    "ds_passport": ("Паспорт набора открытых данных", "Passport of the open data set"),
    "ds_num": ("№", "No."),
    "ds_field": ("Характеристика", "Field"),
    "ds_value": ("Значение", "Value"),
    "ds_none": ("нет", "none"),
    "ds_files": ("Скачать", "Download"),
    "ds_latest_csv": ("Данные, CSV (последняя версия)", "Data, CSV (latest version)"),
    "ds_meta_csv": ("Паспорт набора, meta.csv", "Passport, meta.csv"),
    "ds_meta_json": ("Паспорт набора, meta.json", "Passport, meta.json"),
    "ds_structure_csv": ("Структура, CSV", "Structure, CSV"),
    "ds_datapackage": (
        "Описание Frictionless Data, datapackage.json",
        "Frictionless Data package, datapackage.json",
    ),
    "ds_terms": ("Условия использования", "Terms of use"),
    "ds_frequency": ("Периодичность обновления", "Update frequency"),
    "ds_terms_note": (
        "Ссылаясь на данные, указывайте источник: владельца набора и адрес этой страницы.",
        "When you use the data, credit the source: the owner of "
        "the set and the address of this page.",
    ),
    "ds_versions": ("История версий", "Version history"),
    "ds_versions_caption": ("Версии данных, новые сверху", "Data versions, newest first"),
    "ds_version_date": ("Дата версии", "Version date"),
    "ds_provenance": ("Что изменилось", "What changed"),
    "ds_structure_version": ("Версия структуры", "Structure version"),
    "ds_rows": ("Строк", "Rows"),
    "ds_file": ("Файл", "File"),
    "ds_version_of": ("версия от {date}", "version of {date}"),
    "ds_preview": ("Данные", "Data"),
    "ds_preview_caption": (
        "Версия от {date}: строки 1–{shown} из {total}",
        "Version of {date}: rows 1–{shown} of {total}",
    ),
    "ds_preview_all": (
        "Версия от {date}: все строки ({total})",
        "Version of {date}: all rows ({total})",
    ),
    "ds_preview_more": ("Все строки — в файле", "All rows are in the file"),
    "ds_structure": ("Структура набора", "Structure"),
    "ds_structure_caption": (
        "Столбцы файла данных по порядку",
        "Columns of the data file, in order",
    ),
    "ds_col_name": ("Имя поля", "Field name"),
    "ds_col_en": ("Описание по-английски", "English description"),
    "ds_col_ru": ("Описание по-русски", "Russian description"),
    "ds_col_format": ("Формат", "Format"),
    "ds_col_required": ("Обязательное", "Required"),
    "ds_yes": ("да", "yes"),
    "ds_no": ("нет", "no"),
    "ds_type_string": ("строка", "string"),
    "ds_type_integer": ("целое число", "integer"),
    "ds_type_number": ("число", "number"),
    "ds_type_date": ("дата (ГГГГ-ММ-ДД)", "date (YYYY-MM-DD)"),
    "ds_type_boolean": ("логическое (true/false)", "boolean (true/false)"),
    "ds_no_data": (
        "Данные пока не опубликованы: у набора ещё нет ни одной "
        "версии. Паспорт и структура — ниже.",
        "No data has been published yet: the set has no version. "
        "Its passport and structure are below.",
    ),
    "ds_stale": (
        "Дата актуальности набора ({date}) прошла: данные могут быть устаревшими.",
        "The set's valid-until date ({date}) has passed: the data may be out of date.",
    ),
    "ds_count_forms": ("набор данных|набора данных|наборов данных", "data set|data sets"),
    "ds_published_n": ("Опубликовано", "Published"),
    "ds_registry": ("Реестр наборов открытых данных", "Register of open data sets"),
    "ds_identifier": ("Идентификатор", "Identifier"),
    "ds_title": ("Наименование", "Title"),
    "ds_format": ("Формат", "Format"),
    "ds_modified": ("Изменён", "Changed"),
    "ds_passport_col": ("Паспорт", "Passport"),
    "ds_intro": (
        "Открытые данные — сведения о деятельности органа местного самоуправления в машиночитаемом "
        "виде (CSV), которые любой может свободно скачать и использовать. Наборы опубликованы по "
        "методическим рекомендациям по публикации открытых данных (версия 3.0).",
        "Open data is information about the local authority's work in machine-readable form (CSV) "
        "that anyone may download and use freely. The sets follow the Russian methodical "
        "recommendations on publishing open data (version 3.0).",
    ),
    "ds_terms_sets": (
        "Условия использования каждого набора указаны в его паспорте.",
        "The terms of use of each set are given in its passport.",
    ),
    "ds_machine": ("Для программ", "For programs"),
    "ds_list_csv": ("Реестр наборов, list.csv", "Register of sets, list.csv"),
    "ds_list_json": ("Реестр наборов, list.json", "Register of sets, list.json"),
    "ds_data_json": (
        "Каталог DCAT (Project Open Data 1.1), data.json",
        "DCAT catalogue (Project Open Data 1.1), data.json",
    ),
    "ds_request_title": ("Как запросить набор данных", "How to ask for a data set"),
    "ds_request_text": (
        "Если нужных вам сведений среди опубликованных наборов "
        "нет, направьте запрос: укажите, какие "
        "данные нужны и за какой период. Запрос рассматривается "
        "в порядке, установленном Федеральным "
        "законом от 09.02.2009 № 8-ФЗ «Об обеспечении доступа к информации о деятельности "
        "государственных органов и органов местного самоуправления».",
        "If the information you need is not among the published sets, send a request saying which "
        "data you need and for which period. Requests are handled under Federal Law No. 8-FZ of "
        "9 February 2009 on access to information about the "
        "activities of state and local authorities.",
    ),
    "ds_request_where": ("Куда писать", "Where to write"),
    "ds_all_sets": ("Все открытые данные", "All open data"),
}
