"""Diagnostics of `glasnost import` (codes I0xx files, I1xx Word tables, I2xx data, I3xx news).

A place inside a document has no line number: messages name it in words instead
(«таблица 1, строка 5», «лист «Данные», строка 7, столбец C»), through `{place}`.
"""

from __future__ import annotations

from glasnost.diagnostics import Message

IMPORT_MESSAGES: dict[str, Message] = {
    "I001": Message(
        "файл не найден или не читается: {problem}",
        "the file cannot be found or read: {problem}",
        "Проверьте путь к файлу (его можно перетащить в окно терминала).",
        "Check the path to the file (you can drag it into the terminal window).",
    ),
    "I002": Message(
        "файл защищен паролем (зашифрован)",
        "the file is password-protected (encrypted)",
        "Откройте его в Word или Excel, снимите пароль (Файл → Сведения → Защита) и "
        "сохраните как {expected}.",
        "Open it in Word or Excel, remove the password (File → Info → Protect) and save "
        "it as {expected}.",
    ),
    "I003": Message(
        "файл поврежден или это не {expected}",
        "the file is damaged or is not a {expected} file",
        "Откройте файл в Word или Excel и сохраните его заново как {expected}.",
        "Open the file in Word or Excel and save it again as {expected}.",
    ),
    "I004": Message(
        "файл в старом формате (.doc или .xls), а нужен {expected}",
        "the file is in the old format (.doc or .xls), not {expected}",
        "Откройте его в Word или Excel и выберите «Сохранить как» → {expected}.",
        "Open it in Word or Excel and choose Save As → {expected}.",
    ),
    "I005": Message(
        "файл {target} уже есть; импорт ничего не записал",
        "{target} already exists; the import wrote nothing",
        "Чтобы заменить его, повторите команду с --force; или укажите другое имя: --out ПУТЬ.",
        "To replace it, repeat the command with --force, or name another file: --out PATH.",
    ),
    "I006": Message(
        "не удалось записать {target}: {problem}; ничего не изменено",
        "cannot write {target}: {problem}; nothing was changed",
        "Проверьте, что папка существует и доступна для записи.",
        "Check that the folder exists and is writable.",
    ),
    "I007": Message(
        "неподходящее расширение файла «{suffix}»: ожидается {expected}",
        "unexpected file extension '{suffix}': {expected} expected",
        "Сохраните документ в нужном формате.",
        "Save the document in the expected format.",
    ),
    "I008": Message(
        "папка {folder} — не папка сайта (в ней нет site_config.yaml)",
        "{folder} is not a site folder (it has no site_config.yaml)",
        "Перейдите в папку сайта (cd …) или укажите ее: --site ПАПКА.",
        "Change to the site folder (cd …) or name it: --site FOLDER.",
    ),
    "I101": Message(
        "в документе нет таблицы",
        "the document has no table",
        "Импорт читает таблицу мероприятий. Если план набран текстом, вставьте его в "
        "таблицу (Вставка → Таблица) или наберите YAML по образцу: build.py new {kind}.",
        "The import reads the table of measures. Put the text into a table, or write the "
        "YAML from the starter: build.py new {kind}.",
    ),
    "I102": Message(
        "{place}: непонятные столбцы: {columns}",
        "{place}: columns not understood: {columns}",
        "Заголовки столбцов должны называть, что в них: {known}. Переименуйте столбец в "
        "Word или удалите лишний.",
        "Column headings must say what they hold: {known}. Rename the column in Word or "
        "delete the extra one.",
    ),
    "I103": Message(
        "{place}: нет столбца «{column}»",
        "{place}: there is no '{column}' column",
        "Таблица должна иметь строку заголовков; нужные столбцы: {known}.",
        "The table needs a heading row; the columns needed: {known}.",
    ),
    "I104": Message(
        "{place}: в таблице нет ни одной строки с мероприятием",
        "{place}: the table has no row with a measure",
        "Проверьте, что под строкой заголовков есть строки с мероприятиями.",
        "Check that rows with measures follow the heading row.",
    ),
    "I105": Message(
        "{place}: строка пропущена: {reason}",
        "{place}: row skipped: {reason}",
        "Если в ней мероприятие, добавьте его в файл вручную.",
        "If it holds a measure, add it to the file by hand.",
    ),
    "I106": Message(
        "{place}: срок «{deadline}» не распознан, сохранен текстом",
        "{place}: the deadline '{deadline}' is not recognised; kept as text",
        "Так можно оставить; чтобы сайт знал крайний срок, добавьте пункту due: ГГГГ-ММ-ДД.",
        "It may stay so; to give the site a due date, add due: YYYY-MM-DD to the item.",
    ),
    "I107": Message(
        "{place}: номер пункта «{item}» повторяется (впервые: {first})",
        "{place}: the item number '{item}' is repeated (first: {first})",
        "Номера пунктов в плане должны быть разными: исправьте нумерацию в документе.",
        "Item numbers in a plan must differ: correct the numbering in the document.",
    ),
    "I108": Message(
        "над таблицей не найден утверждающий акт («УТВЕРЖДЕН распоряжением … от ДД.ММ.ГГГГ № …»)",
        "no approving act ('approved by order … of DD.MM.YYYY No. …') above the table",
        "Допишите approved_by: в созданный файл, если план утвержден.",
        "Add approved_by: to the new file if the plan was approved.",
    ),
    "I109": Message(
        "{place}: раздел «{section}» третьего уровня вложенности объединен с разделом выше",
        "{place}: the third-level section '{section}' is merged into the section above",
        "План допускает один уровень подразделов.",
        "A plan allows one level of subsections.",
    ),
    "I110": Message(
        "над таблицей не найдено название; взято имя файла",
        "no title above the table; the file name is used",
        "Исправьте title: в созданном файле.",
        "Correct title: in the new file.",
    ),
    "I111": Message(
        "таблица {table} пропущена: в ней нет строки заголовков",
        "table {table} is skipped: it has no heading row",
        "Если это продолжение таблицы мероприятий, перенесите ее строки в первую таблицу "
        "или добавьте ей строку заголовков, и повторите импорт.",
        "If it continues the table of measures, move its rows into the first table or give "
        "it the heading row, and repeat the import.",
    ),
    "I120": Message(
        "план «{plan}» не найден (нет файла {plan_file})",
        "plan '{plan}' does not exist (no file {plan_file})",
        "Укажите в --plan имя файла плана из content/plans/ без .yaml. {suggestion}",
        "Give --plan the plan's file name in content/plans/ without .yaml. {suggestion}",
    ),
    "I121": Message(
        "{place}: пункта «{item}» нет в плане «{plan}»: запись добавлена без номера",
        "{place}: item '{item}' is not in the plan '{plan}': the entry is added without one",
        "Впишите в item: номер пункта плана или удалите запись.",
        "Put the plan item's number into item: or delete the entry.",
    ),
    "I122": Message(
        "{place}: статус «{status}» не распознан; оставлен пустым",
        "{place}: the status '{status}' is not recognised; left empty",
        "Возможные: выполнено, выполняется, не выполнено, не начато.",
        "Possible: done, in progress, not done, not started.",
    ),
    "I123": Message(
        "отчетный период не распознан в названии",
        "the reporting period is not recognised in the title",
        "Добавьте period: {{start: ГГГГ-ММ-ДД, end: ГГГГ-ММ-ДД}} в созданный файл.",
        "Add period: {{start: YYYY-MM-DD, end: YYYY-MM-DD}} to the new file.",
    ),
    "I124": Message(
        "файл плана {plan_file} не читается: {problem}",
        "the plan file {plan_file} cannot be read: {problem}",
        "Сначала исправьте план: python build.py check.",
        "Fix the plan first: python build.py check.",
    ),
    "I125": Message(
        "не указан план, к которому отчет",
        "the plan the report is on is not given",
        "Добавьте --plan и имя файла плана из content/plans/ без .yaml. {suggestion}",
        "Add --plan with the plan's file name in content/plans/ without .yaml. {suggestion}",
    ),
    "I126": Message(
        "{place}: пункт «{item}» уже был (впервые: {first}); запись добавлена без номера",
        "{place}: item '{item}' was already reported (first: {first}); added without a number",
        "Объедините записи об одном пункте или впишите в item: верный номер.",
        "Merge the entries about one item or put the right number into item:.",
    ),
    "I201": Message(
        "{place}: нет строки заголовков или данных",
        "{place}: there is no heading row or no data",
        "Первая строка листа — названия столбцов, под ней — данные.",
        "The sheet's first row holds the column names, the data follows below it.",
    ),
    "I202": Message(
        "{place}: столбцы не совпадают со структурой набора: {found}",
        "{place}: the columns do not match the set's structure: {found}",
        "Ожидаются по порядку (имя или описание): {expected}.",
        "Expected in order (name or title): {expected}.",
    ),
    "I203": Message(
        "{place}: «{value}» — не {expected}",
        "{place}: '{value}' is not {expected}",
        "Исправьте ячейку, например: {example}. Ничего не записано.",
        "Correct the cell, e.g. {example}. Nothing was written.",
    ),
    "I204": Message(
        "{place}: в строке {found} значений, а столбцов {expected}",
        "{place}: the row has {found} values for {expected} columns",
        "Проверьте разделитель (;) и кавычки в этой строке.",
        "Check the separator (;) and the quotes in this row.",
    ),
    "I205": Message(
        "код набора «{ident}» должен состоять из строчных латинских букв, цифр и дефиса",
        "the set's code '{ident}' must consist of lowercase Latin letters, digits and hyphens",
        "Например: --dataset {suggestion}",
        "For example: --dataset {suggestion}",
    ),
    "I206": Message(
        "файл CSV не читается как текст ни в UTF-8, ни в Windows-1251",
        "the CSV file is neither UTF-8 nor Windows-1251 text",
        "Сохраните таблицу из Excel как «CSV (разделители — точка с запятой)».",
        "Save the sheet from Excel as 'CSV (semicolon delimited)'.",
    ),
    "I207": Message(
        "файл {file} не читается: {problem}",
        "{file} cannot be read: {problem}",
        "Исправьте dataset.yaml (python build.py check) и повторите импорт.",
        "Fix dataset.yaml (python build.py check) and repeat the import.",
    ),
    "I208": Message(
        "{place}: ошибок больше; показаны первые {shown}",
        "{place}: more mistakes; the first {shown} are shown",
        "Часто это одна ошибка во всем столбце: исправьте ее и повторите импорт.",
        "Often it is one mistake in a whole column: fix it and repeat the import.",
    ),
    "I209": Message(
        "--out не нужен для import data: версия всегда пишется в папку набора",
        "--out is not used by import data: a version always goes into the set's folder",
        "Уберите --out; файл будет content/datasets/КОД/data-ГГГГММДД.csv.",
        "Drop --out; the file will be content/datasets/ID/data-YYYYMMDD.csv.",
    ),
    "I301": Message(
        "в документе нет текста",
        "the document has no text",
        "Проверьте, что это нужный файл.",
        "Check that this is the right file.",
    ),
    "I302": Message(
        "при чтении Word: {problem}",
        "while reading Word: {problem}",
        "Проверьте оформление в созданном файле.",
        "Check the formatting in the new file.",
    ),
}
