"""Diagnostics of open-data sets (codes D1xx): text and hint in Russian and English."""

from __future__ import annotations

from glasnost.diagnostics import Message

_QUOTING_RU = (
    "Значение с запятой, кавычкой или переводом строки берётся в двойные кавычки, "
    'а кавычки внутри удваиваются: "ООО ""Ромашка"", г. Москва".'
)
_QUOTING_EN = (
    "A value containing a comma, a quote or a line break is put in double quotes, "
    'with quotes inside doubled: "Romashka ""Ltd"", Moscow".'
)

MESSAGES: dict[str, Message] = {
    "D100": Message(
        "на сайте есть наборы открытых данных, но в "
        "site_config.yaml не указан inn (ИНН организации)",
        "the site has open-data sets but site_config.yaml has no inn (the organisation's INN)",
        'ИНН — начало кода каждого набора. Добавьте строку: inn: "2613000000" (10 или 12 цифр).',
        'The INN starts the code of every set. Add a line: inn: "2613000000" (10 or 12 digits).',
    ),
    "D101": Message(
        "код набора «{ident}» (имя папки) должен состоять из "
        "строчных латинских букв, цифр и дефиса",
        "the set's code '{ident}' (the folder name) must consist of lowercase Latin letters, "
        "digits and hyphens",
        "Переименуйте папку (или исправьте slug:), например в {suggestion}. Код не переводится "
        "в латиницу автоматически: он входит в адреса, которые используют другие системы.",
        "Rename the folder (or correct slug:), e.g. to {suggestion}. The code is not "
        "transliterated automatically: other systems rely on the addresses it is part of.",
    ),
    "D102": Message(
        "не указаны условия использования набора (license)",
        "the set's terms of use (license) are not given",
        "Добавьте license: в dataset.yaml или opendata: {{license: ...}} в site_config.yaml "
        "(для всех наборов сразу).",
        "Add license: to dataset.yaml, or opendata: {{license: ...}} to site_config.yaml "
        "(for all sets at once).",
    ),
    "D103": Message(
        "у набора пока нет ни одной версии данных: опубликованы только паспорт и структура",
        "the set has no data version yet: only its passport and structure are published",
        "Положите файл CSV рядом с dataset.yaml и добавьте в versions: "
        "- {{date: ГГГГ-ММ-ДД, file: data-ГГГГММДД.csv, provenance: Первая публикация}}",
        "Put a CSV file beside dataset.yaml and add to versions: "
        "- {{date: YYYY-MM-DD, file: data-YYYYMMDD.csv, provenance: First publication}}",
    ),
    "D104": Message(
        "файл данных {file} не найден рядом с dataset.yaml",
        "data file {file} is not found beside dataset.yaml",
        "Положите файл в папку {folder}/ или исправьте имя. {available}",
        "Put the file into {folder}/ or correct the name. {available}",
    ),
    "D105": Message(
        "версия датирована {date}, а в имени файла {file} стоит дата {file_date}",
        "the version is dated {date} but the file name {file} says {file_date}",
        "Исправьте дату версии или переименуйте файл (например, "
        "в {expected}), чтобы они совпадали.",
        "Correct the version's date or rename the file (e.g. to {expected}) so that they agree.",
    ),
    "D106": Message(
        "две версии данных с одной датой {date}",
        "two data versions have the same date {date}",
        "У каждой версии своя дата: исправьте дату или оставьте одну версию.",
        "Each version has a date of its own: correct the date or keep one version.",
    ),
    "D107": Message(
        "версии перечислены не по порядку: {date} стоит после {previous}",
        "versions are out of order: {date} comes after {previous}",
        "Новые версии добавляйте в конец списка versions. Сайт упорядочит их по датам сам.",
        "Add new versions at the end of the versions list. The site orders them by date anyway.",
    ),
    "D108": Message(
        "версия данных от {date} ссылается на структуру от "
        "{structure} — более позднюю, чем сами данные",
        "the data version of {date} refers to a structure of {structure}, later than the data",
        "Дата структуры (structure:) не может быть позже даты версии данных.",
        "The structure's date (structure:) cannot be later than the data version's date.",
    ),
    "D109": Message(
        "столбец «{name}» описан в структуре дважды",
        "column '{name}' is described twice in the structure",
        "У каждого столбца своё имя (name).",
        "Every column has a name of its own.",
    ),
    "D110": Message(
        "набор устарел: дата актуальности (valid) {valid} уже прошла",
        "the set is stale: its valid-until date {valid} has passed",
        "Опубликуйте новую версию данных и продлите valid; если данные по-прежнему верны, "
        "просто продлите valid.",
        "Publish a new data version and extend valid; if the data is still correct, "
        "just extend valid.",
    ),
    "D111": Message(
        "файл данных не в кодировке UTF-8: похоже, он в Windows-1251 (байт {byte})",
        "the data file is not UTF-8: it looks like Windows-1251 (byte {byte})",
        "Перекодируйте его: iconv -f WINDOWS-1251 -t UTF-8 {file} -o {file}.utf8 && mv {file}.utf8 "
        "{file} — или в Excel: «Сохранить как» → «CSV UTF-8 (разделитель — запятая)».",
        "Convert it: iconv -f WINDOWS-1251 -t UTF-8 {file} -o {file}.utf8 && mv {file}.utf8 {file} "
        "— or in Excel: Save As → 'CSV UTF-8 (Comma delimited)'.",
    ),
    "D112": Message(
        "файл данных не в кодировке UTF-8 (байт {byte} не читается)",
        "the data file is not UTF-8 (byte {byte} cannot be read)",
        "Откройте файл в редакторе и сохраните его в кодировке UTF-8.",
        "Open the file in an editor and save it as UTF-8.",
    ),
    "D113": Message(
        "столбец {position} в заголовке называется «{found}», а по структуре — «{expected}»",
        "header column {position} is named '{found}' but the structure says '{expected}'",
        "Первая строка файла должна точно повторять имена столбцов из structure: {names}.",
        "The file's first line must repeat the column names of structure exactly: {names}.",
    ),
    "D114": Message(
        "столбец «{found}» стоит в заголовке {position}-м, а по структуре он {expected_position}-й",
        "column '{found}' is number {position} in the header but "
        "{expected_position} in the structure",
        "Порядок столбцов в файле должен совпадать со structure: {names}.",
        "The columns of the file must be in the order of structure: {names}.",
    ),
    "D115": Message(
        "в заголовке нет столбца «{expected}» ({position}-го по структуре)",
        "the header lacks column '{expected}' (number {position} in the structure)",
        "Первая строка файла должна перечислять все столбцы structure: {names}.",
        "The file's first line must list every column of structure: {names}.",
    ),
    "D116": Message(
        "лишний столбец «{found}» ({position}-й): его нет в структуре",
        "extra column '{found}' (number {position}): the structure does not describe it",
        "Опишите столбец в structure или уберите его из файла.",
        "Describe the column in structure or remove it from the file.",
    ),
    "D117": Message(
        "файл данных пуст: нет даже строки заголовка",
        "the data file is empty: not even a header line",
        "Первая строка — имена столбцов через запятую: {names}.",
        "The first line lists the column names separated by commas: {names}.",
    ),
    "D118": Message(
        "столбцы разделены точкой с запятой, а нужна запятая",
        "columns are separated by semicolons; a comma is required",
        "В Excel выберите «Сохранить как» → «CSV UTF-8 (разделитель — запятая)». " + _QUOTING_RU,
        "In Excel use Save As → 'CSV UTF-8 (Comma delimited)'. " + _QUOTING_EN,
    ),
    "D119": Message(
        "столбец {position} «{column}»: значение «{value}» — не {expected}",
        "column {position} '{column}': value '{value}' is not {expected}",
        "Ожидается {expected}, например {example}.",
        "Expected {expected}, e.g. {example}.",
    ),
    "D120": Message(
        "столбец {position} «{column}» обязателен, а значение пустое",
        "column {position} '{column}' is required but the value is empty",
        "Заполните значение или снимите required: true у столбца в structure.",
        "Fill in the value or drop required: true from the column in structure.",
    ),
    "D121": Message(
        "в строке значений: {found}, а столбцов в структуре: {expected}",
        "the row has {found} values but the structure has {expected} columns",
        _QUOTING_RU,
        _QUOTING_EN,
    ),
    "D122": Message(
        "ошибка разметки CSV: {problem}",
        "CSV syntax error: {problem}",
        _QUOTING_RU,
        _QUOTING_EN,
    ),
    "D123": Message(
        "с этой строки в файле ещё ошибок: {count} (не показаны)",
        "from this line on, {count} more errors in the file (not shown)",
        "Исправьте показанные ошибки и соберите сайт снова.",
        "Fix the errors shown and build again.",
    ),
    "D124": Message(
        "строка длиннее {limit} символов: это не похоже на таблицу CSV",
        "a line is longer than {limit} characters: this does not look like a CSV table",
        "Проверьте, что файл — CSV с переводами строк, а не другой формат.",
        "Check that the file is CSV with line breaks, not another format.",
    ),
    "D125": Message(
        "пустые строки среди данных: {count}; при публикации они убраны",
        "blank lines among the data: {count}; they are removed when published",
        "Удалите пустые строки из файла.",
        "Remove the blank lines from the file.",
    ),
    "D126": Message(
        "дата актуальности (valid) {valid} раньше даты создания набора (created) {created}",
        "the valid-until date {valid} is earlier than the set's creation date {created}",
        "valid — дата, до которой данные остаются верными; обычно она позже created.",
        "valid is the date the data stays correct until; usually it is after created.",
    ),
    "D127": Message(
        "версия от {date} раньше даты первой публикации набора (created) {created}",
        "the version of {date} is earlier than the set's first publication (created) {created}",
        "created — дата первой публикации набора; исправьте её или дату версии.",
        "created is the date the set was first published; correct it or the version's date.",
    ),
    "D128": Message(
        "файл данных указывается именем файла .csv, лежащего рядом с dataset.yaml: «{file}»",
        "a data file is given by the name of a .csv file beside dataset.yaml: '{file}'",
        "Например: file: data-20220715.csv (без папок и других расширений).",
        "For example: file: data-20220715.csv (no folders, no other extensions).",
    ),
    "D129": Message(
        "имя столбца «{name}» — только латинские буквы, цифры и _ (с буквы)",
        "column name '{name}' may only use Latin letters, digits and _ (starting with a letter)",
        "Русское название пишите в title, а в name — латиницей, например {suggestion}.",
        "Put the Russian title into title and a Latin name into name, e.g. {suggestion}.",
    ),
    "D130": Message(
        "не заполнено поле паспорта {field} ({label})",
        "passport field {field} ({label}) is not filled in",
        "По методическим рекомендациям паспорт набора заполняется полностью.",
        "The methodical recommendations require a complete passport.",
    ),
    "D131": Message(
        "адрес электронной почты ответственного лица «{email}» записан неверно",
        "the publisher's e-mail address '{email}' is malformed",
        "Пример: opendata@admin.example.ru",
        "Example: opendata@admin.example.ru",
    ),
    "D132": Message(
        "в файле данных только заголовок, строк с данными нет",
        "the data file has a header but no data rows",
        "Добавьте данные или уберите эту версию из versions.",
        "Add the data or remove this version from versions.",
    ),
    "D134": Message(
        "в файле есть нулевой байт (NUL)",
        "the file contains a NUL byte",
        "Так бывает, если файл сохранён в UTF-16 или повреждён. Сохраните таблицу заново как "
        "CSV в кодировке UTF-8.",
        "This happens when the file is saved as UTF-16 or is damaged. Save the table again as "
        "CSV in UTF-8.",
    ),
    "D135": Message(
        "ячейка в строке {row}, столбец «{column}», начинается с «{char}»: программа "
        "электронных таблиц может выполнить её как формулу (таких ячеек: {count})",
        "the cell on line {row}, column '{column}', starts with '{char}': a spreadsheet may "
        "run it as a formula ({count} such cells)",
        "Формулы в открытых данных недопустимы: запишите значение текстом, без знака в начале, "
        "или поставьте перед ним апостроф.",
        "Open data must not contain formulas: write the value as text, without the leading "
        "sign, or put an apostrophe before it.",
    ),
    "D133": Message(
        "версия датирована будущим днём {date}",
        "the version is dated in the future: {date}",
        "Проверьте год и месяц в дате версии.",
        "Check the year and month of the version's date.",
    ),
}
