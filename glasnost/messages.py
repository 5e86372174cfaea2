"""Message catalogue of the engine's own diagnostics (types add theirs in their modules).

Codes are stable: G0xx files and YAML, G1xx site config, G2xx fields, G3xx links and
Markdown, G4xx site-wide rules, G9xx build machinery. Type codes: P (plan), R (report),
M (meeting), D (dataset).
"""

from glasnost.diagnostics import Message

CORE_MESSAGES: dict[str, Message] = {
    "G010": Message(
        "файл слишком большой ({size} МБ)",
        "file is too large ({size} MB)",
        "Содержимое сайта — это тексты; большие вложения положите в content/files/.",
        "Content files are text; put large attachments into content/files/.",
    ),
    "G011": Message(
        "файл не в кодировке UTF-8: похоже, он в Windows-1251",
        "the file is not UTF-8: it looks like Windows-1251",
        "Пересохраните файл в UTF-8 или выполните: iconv -f WINDOWS-1251 -t UTF-8 {file} -o "
        "{file}.utf8 && mv {file}.utf8 {file}",
        "Save the file as UTF-8, or run: iconv -f WINDOWS-1251 -t UTF-8 {file} -o {file}.utf8 && "
        "mv {file}.utf8 {file}",
    ),
    "G012": Message(
        "файл не в кодировке UTF-8",
        "the file is not UTF-8 text",
        "Откройте файл в редакторе и сохраните его в кодировке UTF-8.",
        "Open the file in an editor and save it as UTF-8.",
    ),
    "G013": Message(
        "символьная ссылка ведёт за пределы папки сайта с материалами (content/)",
        "the symbolic link leads outside the site's content folder (content/)",
        "Положите в content/ сам файл, а не ссылку на него: ссылка могла бы опубликовать "
        "любой файл компьютера, на котором собирается сайт.",
        "Put the file itself into content/, not a link to it: a link could publish any file "
        "of the machine that builds the site.",
    ),
    "G014": Message(
        "файл в кодировке UTF-16, а нужна UTF-8",
        "the file is UTF-16, not UTF-8",
        "Сохраните файл в UTF-8 или выполните: iconv -f UTF-16 -t UTF-8 {file} -o {file}.utf8 && "
        "mv {file}.utf8 {file}",
        "Save the file as UTF-8, or run: iconv -f UTF-16 -t UTF-8 {file} -o {file}.utf8 && mv "
        "{file}.utf8 {file}",
    ),
    "G015": Message(
        "это не текстовый файл (в нём двоичные данные)",
        "this is not a text file (it holds binary data)",
        "Материалы сайта — текстовые файлы; вложения (PDF, картинки) кладите в content/files/.",
        "Content files are text; put attachments (PDF, images) into content/files/.",
    ),
    # -- hardening (issue 10): what a careless or hostile commit must not do ---------------
    "G016": Message(
        "вложения такого типа не публикуются: {file}",
        "attachments of this type are not published: {file}",
        "Разрешены документы (pdf, doc, docx, odt, rtf, txt), таблицы (xls, xlsx, ods, csv), "
        "презентации (ppt, pptx, odp), картинки (jpg, png, gif, webp) и архивы (zip, 7z, rar). "
        "Страницы, скрипты, SVG и программы на сайт не выкладываются: они исполнялись бы "
        "в браузере посетителя от имени сайта.",
        "Allowed: documents (pdf, doc, docx, odt, rtf, txt), spreadsheets (xls, xlsx, ods, csv), "
        "presentations (ppt, pptx, odp), images (jpg, png, gif, webp) and archives (zip, 7z, "
        "rar). Web pages, scripts, SVG and programs are never published: they would run in "
        "visitors' browsers on the site's behalf.",
    ),
    "G017": Message(
        "в имени файла есть управляющие или невидимые символы, меняющие порядок букв: {chars}",
        "the file name contains control or invisible direction characters: {chars}",
        "Переименуйте файл: такие символы прячут настоящее расширение (report<U+202E>fdp.exe "
        "выглядит как reportexe.pdf).",
        "Rename the file: such characters hide the real extension (report<U+202E>fdp.exe looks "
        "like reportexe.pdf).",
    ),
    "G018": Message(
        "файл настроек — символьная ссылка за пределы папки сайта",
        "the settings file is a symbolic link leading outside the site folder",
        "Положите в папку сайта сам файл site_config.yaml, а не ссылку на него.",
        "Put the site_config.yaml file itself into the site folder, not a link to it.",
    ),
    "G033": Message(
        "папка .glasnost-cache/ добавлена в git: сборка не доверяет кешу, пришедшему с коммитом",
        "the .glasnost-cache/ folder is tracked by git: a build never trusts a committed cache",
        "Удалите её из репозитория: git rm -r --cached .glasnost-cache && git commit. Кеш "
        "Glasnost теперь хранится вне папки сайта (~/.cache/glasnost).",
        "Remove it from the repository: git rm -r --cached .glasnost-cache && git commit. "
        "Glasnost now keeps its cache outside the site folder (~/.cache/glasnost).",
    ),
    "G034": Message(
        "в папке .glasnost-cache/ остался кеш прежней версии Glasnost; он не читается",
        "the .glasnost-cache/ folder holds a cache of an older Glasnost; it is not read",
        "Удалите папку: rm -rf .glasnost-cache",
        "Delete the folder: rm -rf .glasnost-cache",
    ),
    "G020": Message(
        "ошибка синтаксиса YAML: {problem_ru}",
        "YAML syntax error: {problem_en}",
        "Проверьте отступы (пробелы, не табуляция) и двоеточия; текст с «: » возьмите в кавычки.",
        "Check the indentation (spaces, not tabs) and colons; quote text that contains ': '.",
    ),
    "G021": Message(
        "YAML-якоря и ссылки (&имя, *имя) не поддерживаются",
        "YAML anchors and aliases (&name, *name) are not supported",
        "Напишите значение полностью в каждом месте, где оно нужно.",
        "Write the value out in full wherever it is needed.",
    ),
    "G025": Message(
        "ключ «{key}» повторяется",
        "the key '{key}' appears twice",
        "Оставьте одно значение: иначе молча взялось бы последнее.",
        "Keep one value: otherwise the last one would silently win.",
    ),
    "G026": Message(
        "слишком глубокая вложенность (больше {limit} уровней)",
        "nested too deeply (more than {limit} levels)",
        "Упростите структуру файла.",
        "Simplify the structure of the file.",
    ),
    "G027": Message(
        "«{key}» — не имя поля",
        "'{key}' is not a field name",
        "Имена полей — слова латиницей, например title или date; текст после них ставьте через "
        "двоеточие.",
        "Field names are words, such as title or date, followed by a colon and the value.",
    ),
    "G028": Message(
        "«{value}» — такой даты не бывает",
        "'{value}' is not a possible date",
        "Проверьте месяц (01–12) и день; дата пишется как ГГГГ-ММ-ДД.",
        "Check the month (01-12) and the day; write dates as YYYY-MM-DD.",
    ),
    "G029": Message(
        "неразрывный пробел там, где YAML ждёт обычный пробел",
        "a non-breaking space where YAML expects an ordinary space",
        "Такой пробел вставляет Word. Он заменён обычным пробелом при сборке; замените его и в "
        "файле (удалите пробел после двоеточия или дефиса и наберите его заново).",
        "Word inserts such spaces. The build replaced it with an ordinary space; replace it in "
        "the file too (delete the space after the colon or dash and type it again).",
    ),
    "G030": Message(
        "невидимый символ {char} (пробел нулевой ширины) в значении: он удалён",
        "an invisible character {char} (zero-width space) in a value: it was removed",
        "Такие символы приходят из Word и веб-страниц и ломают номера и сроки. Удалите его: "
        "встаньте в конец значения и сотрите символы до последней видимой буквы.",
        "Such characters come from Word and web pages and break ids and deadlines. Delete it: "
        "erase from the end of the value back to the last visible letter.",
    ),
    "G031": Message(
        "вы написали {value}: такие кавычки YAML не считает кавычками, они войдут в текст",
        "you wrote {value}: YAML does not take these as quotes, they become part of the text",
        'Используйте прямые кавычки: "{inner}".',
        'Use straight quotes: "{inner}".',
    ),
    "G032": Message(
        "число слишком длинное (больше 4300 цифр)",
        "the number is too long (over 4,300 digits)",
        "Такое число — почти наверняка ошибка; если это код или номер, возьмите его в кавычки.",
        "Such a number is almost certainly a mistake; quote it if it is a code or an identifier.",
    ),
    "G022": Message(
        "ожидался набор полей «ключ: значение»",
        "expected a mapping of 'key: value' fields",
        "Файл должен начинаться с полей вида «title: Заголовок».",
        "The file must consist of fields like 'title: Title'.",
    ),
    "G023": Message(
        "нет заголовка с полями: файл должен начинаться со строки ---",
        "no front matter: the file must start with a line ---",
        "Добавьте в начало файла блок между строками --- с полем title.",
        "Add a block between --- lines with a title field at the top of the file.",
    ),
    "G024": Message(
        "блок полей не закрыт строкой ---",
        "the front matter is not closed with a --- line",
        "Добавьте строку --- после последнего поля.",
        "Add a --- line after the last field.",
    ),
    "G100": Message(
        "нет файла настроек сайта site_config.yaml",
        "the site settings file site_config.yaml is missing",
        "Запустите команду в папке сайта или укажите её: --site ПАПКА. Новый сайт (с "
        "site_config.yaml, где каждое поле пояснено) создаёт команда glasnost init ПАПКА "
        "(из папки Glasnost: python build.py init ПАПКА).",
        "Run the command in the site's folder or name it with --site FOLDER. A new site (with "
        "a site_config.yaml explaining every field) is made by glasnost init FOLDER (from "
        "Glasnost's folder: python build.py init FOLDER).",
    ),
    "G110": Message(
        "поле «{field}»: «{value}» — не полный адрес сайта",
        "field '{field}': '{value}' is not a full site address",
        "Нужен адрес вместе с https://, например https://admin.example.ru/",
        "Write the address with https://, e.g. https://admin.example.ru/",
    ),
    "G111": Message(
        "поле «{field}»: неизвестный часовой пояс «{value}»",
        "field '{field}': unknown time zone '{value}'",
        "Пишите название пояса из базы IANA, например Europe/Moscow или Asia/Yekaterinburg.",
        "Use an IANA time zone name, e.g. Europe/Moscow or Asia/Yekaterinburg.",
    ),
    "G112": Message(
        "поле «{field}»: «{value}» — не ИНН",
        "field '{field}': '{value}' is not an INN",
        "ИНН организации — 10 цифр (12 у индивидуального предпринимателя); возьмите его в кавычки.",
        "An organisation's INN is 10 digits (12 for a sole trader); put it in quotes.",
    ),
    "G190": Message(
        "поле «{field}»: «{value}» — не адрес для выкладки",
        "field '{field}': '{value}' is not a deploy address",
        "Пишите s3://корзина/папка, sftp://пользователь@сервер/путь, "
        "ftp://пользователь@сервер/путь или путь к папке.",
        "Write s3://bucket/folder, sftp://user@host/path, ftp://user@host/path or a folder path.",
    ),
    "G191": Message(
        "поле «{field}»: в адресе выкладки записан пароль",
        "field '{field}': the deploy address contains a password",
        "Уберите пароль из site_config.yaml (он попадает в git) и смените его; задайте его в "
        "переменной окружения, см. docs/deploy.md.",
        "Remove the password from site_config.yaml (it is in git) and change it; set it in an "
        "environment variable, see docs/deploy.md.",
    ),
    "G170": Message(
        "поле «{field}»: «{value}» — не адрес страницы",
        "field '{field}': '{value}' is not a page address",
        "Пишите адрес на этом сайте с косой черты (/pages/budget/) или полный адрес с "
        "https://; ссылки на почту и телефон — mailto: и tel:.",
        "Write an address on this site starting with a slash (/pages/budget/) or a full "
        "https:// address; mailto: and tel: for e-mail and phone.",
    ),
    "G171": Message(
        "пункт меню «{title}» ведёт на {url}, но такой страницы на сайте нет",
        "menu item '{title}' leads to {url}, but the site has no such page",
        "Проверьте адрес: страница content/pages/budget.md публикуется как /budget/, файл "
        "content/files/a.pdf — как /files/a.pdf.",
        "Check the address: content/pages/budget.md is published at /budget/, "
        "content/files/a.pdf at /files/a.pdf.",
    ),
    "G172": Message(
        "в menu.hide адрес {url}, но такого пункта в меню нет",
        "menu.hide names {url}, but the menu has no such item",
        "Пишите адрес пункта так, как он в меню: /search/, /news/, /contacts/.",
        "Write the item's address as the menu has it: /search/, /news/, /contacts/.",
    ),
    "G200": Message(
        "нет обязательного поля «{field}»",
        "required field '{field}' is missing",
        "Добавьте поле «{field}».",
        "Add the field '{field}'.",
    ),
    "G201": Message(
        "неизвестное поле «{field}»",
        "unknown field '{field}'",
        "{suggestion_ru}",
        "{suggestion_en}",
    ),
    "G202": Message(
        "поле «{field}»: недопустимое значение «{value}»",
        "field '{field}': invalid value '{value}'",
        "Допустимые значения: {allowed}.",
        "Allowed values: {allowed}.",
    ),
    "G203": Message(
        "поле «{field}»: «{value}» — не дата",
        "field '{field}': '{value}' is not a date",
        "Дата пишется как ГГГГ-ММ-ДД, например 2024-05-20.",
        "Write dates as YYYY-MM-DD, e.g. 2024-05-20.",
    ),
    "G204": Message(
        "поле «{field}»: «{value}» — не дата и время",
        "field '{field}': '{value}' is not a date and time",
        "Пишите так: 2024-05-20T18:00 (время сайта) или 2024-05-20T18:00+05:00.",
        "Write it as 2024-05-20T18:00 (site time) or 2024-05-20T18:00+05:00.",
    ),
    "G205": Message(
        "поле «{field}»: ожидается {expected_ru}, а не «{value}»",
        "field '{field}': expected {expected_en}, not '{value}'",
        "",
        "",
    ),
    "G217": Message(
        "поле «{field}»: ожидается текст, а не «{value}»",
        "field '{field}': expected text, not '{value}'",
        "Текст, похожий на дату, число или true/false, возьмите в кавычки; список — это не текст.",
        "Put text that looks like a date, a number or true/false in quotes; a list is not text.",
    ),
    "G218": Message(
        "поле «{field}»: в значении запятая — возьмите его в кавычки",
        "field '{field}': the value has a comma in it — put it in quotes",
        "В записи {{...}} запятая разделяет поля, поэтому «{key}» прочитано как имя поля. "
        'Возьмите значение с запятой в кавычки, например: title: "Число, чел."',
        "Inside {{...}} a comma separates fields, so '{key}' was read as a field name. "
        'Put the value with the comma in quotes, e.g. title: "Number, people"',
    ),
    "G219": Message(
        "поле «{field}»: недопустимое значение «{value}»",
        "field '{field}': invalid value '{value}'",
        "Пишите одно из: {words_ru} (или кодом: {allowed}).",
        "Write one of: {allowed} (or in Russian: {words_ru}).",
    ),
    "G222": Message(
        "поле «{field}»: {written} записано без кавычек и прочитано как число {read}",
        "field '{field}': {written} is not quoted and was read as the number {read}",
        'Номера и коды пишутся в кавычках: {key}: "{written}". Без них YAML читает 1.10 как 1.1, '
        "а 010 — как 8.",
        'Quote ids and codes: {key}: "{written}". Unquoted, YAML reads 1.10 as 1.1 and 010 as 8.',
    ),
    "G206": Message(
        "поле «{field}»: {problem}",
        "field '{field}': {problem}",
        "",
        "",
    ),
    "G207": Message(
        "поле «{field}» не должно быть пустым",
        "field '{field}' must not be empty",
        "Заполните поле «{field}».",
        "Fill in the field '{field}'.",
    ),
    "G208": Message(
        "поле «{field}»: должно быть не меньше {limit}, а не {value}",
        "field '{field}': must be at least {limit}, not {value}",
        "",
        "",
    ),
    "G209": Message(
        "поле «{field}»: должно быть не больше {limit}, а не {value}",
        "field '{field}': must be at most {limit}, not {value}",
        "",
        "",
    ),
    "G215": Message(
        "поле «{field}»: «{value}» не подходит по форме",
        "field '{field}': '{value}' does not have the required form",
        "Нужно значение по образцу (регулярное выражение): {pattern}",
        "The value must match the pattern (a regular expression): {pattern}",
    ),
    "G216": Message(
        "поле «{field}»: слишком длинный текст (больше {limit} знаков)",
        "field '{field}': the text is too long (more than {limit} characters)",
        "Сократите текст.",
        "Shorten the text.",
    ),
    "G210": Message(
        "«{slug}» уже занят: {other} имеет тот же адрес",
        "'{slug}' is taken: {other} has the same address",
        "Переименуйте один из файлов или задайте другое поле slug.",
        "Rename one of the files or give it another slug.",
    ),
    "G211": Message(
        "адрес «{slug}» зарезервирован сайтом",
        "the address '{slug}' is reserved by the site",
        "Переименуйте файл или задайте другое поле slug.",
        "Rename the file or set another slug.",
    ),
    "G212": Message(
        "slug «{slug}» должен состоять из латинских букв, цифр и дефисов",
        "slug '{slug}' must consist of Latin letters, digits and hyphens",
        "Например: slug: vstrecha-s-zhitelyami",
        "For example: slug: meeting-with-residents",
    ),
    "G224": Message(
        "адрес «{value}» не разрешён: допустимы http(s)://, mailto:, tel: и адреса сайта (/...)",
        "the address '{value}' is not allowed: use http(s)://, mailto:, tel: or a site path (/...)",
        "Ссылки javascript:, data:, file: и другие схемы могли бы выполнить скрипт или открыть "
        "чужой файл у посетителя; укажите обычный адрес страницы или файла.",
        "javascript:, data:, file: and other schemes could run script or open a local file "
        "for a visitor; give an ordinary address of a page or a file.",
    ),
    "G225": Message(
        "в поле «{field}» есть невидимые символы, меняющие направление текста: {chars}",
        "the field '{field}' contains invisible characters that change the text direction: {chars}",
        "Удалите их: так подменяют видимый порядок букв (например, прячут расширение файла).",
        "Remove them: they are used to disguise the visible order of letters (a file's "
        "extension, say).",
    ),
    "G226": Message(
        "в поле «{field}» есть управляющий символ {char}",
        "the field '{field}' contains the control character {char}",
        "Уберите его: скорее всего, это escape-последовательность в кавычках (\\e, \\v) или "
        "след копирования из другой программы. Ленты и календари такие символы не принимают.",
        "Remove it: most likely an escape in a quoted string (\\e, \\v) or a leftover of "
        "copying from another program. Feeds and calendars cannot carry such characters.",
    ),
    "G227": Message(
        "дата {value} в поле «{field}» вне допустимых пределов ({first}–{last} годы)",
        "the date {value} in '{field}' is out of range (years {first} to {last})",
        "Проверьте год: вероятно, опечатка.",
        "Check the year: most likely a typo.",
    ),
    "G220": Message(
        "не удалось определить дату публикации: нет поля published, файл не в истории git",
        "cannot tell the date of posting: no 'published' field and the file is not in git history",
        "Добавьте поле published: ГГГГ-ММ-ДД или закоммитьте файл в git. Пока взята дата "
        "изменения файла.",
        "Add a 'published: YYYY-MM-DD' field or commit the file. The file's modification date is "
        "used for now.",
    ),
    "G221": Message(
        "дата изменения {updated} раньше даты публикации {published}",
        "the date of change {updated} is before the date of posting {published}",
        "Исправьте поле updated или published.",
        "Correct the updated or published field.",
    ),
    "G223": Message(
        "текст-заготовка «{text}» не заменён",
        "the starter text '{text}' was never filled in",
        "Эту фразу пишет образец build.py new: замените её своим текстом или удалите.",
        "The starter that build.py new writes has this phrase: replace it with your own "
        "text or delete it.",
    ),
    "G300": Message(
        "ссылка на несуществующую страницу или файл: {target}",
        "link to a page or file that does not exist: {target}",
        "Проверьте адрес; файлы кладите в content/files/ и ссылайтесь как files/имя.pdf.",
        "Check the address; put files into content/files/ and link them as files/name.pdf.",
    ),
    "G301": Message(
        "путь выходит за пределы сайта: {target}",
        "the path leaves the site folder: {target}",
        "Ссылайтесь только на файлы сайта, например files/документ.pdf.",
        "Link only to the site's own files, e.g. files/document.pdf.",
    ),
    "G302": Message(
        "ссылка на неопубликованный материал (черновик или ещё не наступила дата): {target}",
        "link to an unpublished item (a draft or not yet due): {target}",
        "Уберите ссылку или опубликуйте материал.",
        "Remove the link or publish the item.",
    ),
    "G305": Message(
        "ссылка на файл на вашем компьютере: {target}",
        "a link to a file on your own computer: {target}",
        "Такой адрес есть только на вашем компьютере, на сайте ссылка была бы пустой. "
        "Положите файл в папку content/files/ и сошлитесь на него как files/имя-файла "
        "(например ![Фото](files/foto.jpg)).",
        "That address exists on your computer only; on the site the link would be empty. "
        "Put the file into content/files/ and link it as files/file-name "
        "(e.g. ![Photo](files/foto.jpg)).",
    ),
    "G303": Message(
        "из текста удалена разметка, которую сайт не публикует: {what}",
        "markup the site does not publish was removed from the text: {what}",
        "Скрипты, обработчики событий, встраиваемые объекты, стили и ссылки javascript:/data: "
        "на сайте не публикуются; обычный текст, ссылки и картинки пишите в Markdown.",
        "Scripts, event handlers, embedded objects, styles and javascript:/data: links are "
        "never published; write text, links and images in Markdown.",
    ),
    "G304": Message(
        "текст вложен слишком глубоко (списки или цитаты в тысячи уровней)",
        "the text is nested too deeply (lists or quotes thousands of levels deep)",
        "Упростите разметку: такой вложенности в обычном тексте не бывает.",
        "Simplify the markup: ordinary text is never nested this deep.",
    ),
    "G306": Message(
        "текст обрабатывается дольше {seconds} с и пропущен",
        "the text took longer than {seconds} s to render and was skipped",
        "В тексте разметка, на которой обработчик Markdown тратит слишком много времени "
        "(тысячи «[», «<a » или сносок подряд): уберите её. Предел задаёт переменная "
        "GLASNOST_MARKDOWN_BUDGET (секунды).",
        "The text holds markup the Markdown renderer takes too long on (thousands of '[', "
        "'<a ' or footnotes in a row): remove it. GLASNOST_MARKDOWN_BUDGET (seconds) sets the "
        "limit.",
    ),
    "G400": Message(
        "ошибка в шаблоне {template}: {problem}",
        "template error in {template}: {problem}",
        "Проверьте имя переменной в шаблоне: опечатка в имени не выводится молча, а "
        "останавливает сборку.",
        "Check the variable name in the template: a typo stops the build instead of printing "
        "nothing.",
    ),
    "G401": Message(
        "нет шаблона {template}",
        "template {template} is missing",
        "Восстановите файл в папке templates/.",
        "Restore the file in templates/.",
    ),
    "G402": Message(
        "по адресу {address} выпускаются два разных файла",
        "two different files are published at {address}",
        "Материал занял адрес, который уже занят другим: переименуйте его или задайте slug.",
        "An item took an address another output already has: rename it or set its slug.",
    ),
    "G903": Message(
        "сюда собирать нельзя: сборка заменила бы саму папку сайта или его исходники",
        "cannot build here: the build would replace the site folder or its sources",
        "Укажите в --out отдельную папку, например output.",
        "Give --out a folder of its own, such as output.",
    ),
    "G904": Message(
        "папка уже занята другими файлами, а сборка заменяет её целиком",
        "the folder holds other files, and a build replaces it whole",
        "Укажите в --out пустую папку или папку прежней сборки (в ней лежит файл "
        ".glasnost-output). Папку, собранную версией Glasnost без этого файла, удалите сами.",
        "Give --out an empty folder or the folder of a previous build (it holds a "
        ".glasnost-output file). Delete a folder built by a Glasnost without that file yourself.",
    ),
    "G905": Message(
        "на месте папки сайта лежит файл",
        "a file is where the site's folder should be",
        "Укажите в --out папку, например output: сборка не заменяет файлы.",
        "Give --out a folder, such as output: a build never replaces a file.",
    ),
    "G906": Message(
        "папка output в папке сайта — символьная ссылка: сборка писала бы туда, куда она ведёт",
        "the output folder in the site is a symbolic link: the build would write where it leads",
        "Удалите ссылку (её мог принести коммит) или укажите папку явно: --out ПАПКА.",
        "Remove the link (a commit may have brought it) or name the folder: --out FOLDER.",
    ),
    "G900": Message(
        "не удалось записать сайт: {problem}",
        "could not write the site: {problem}",
        "Проверьте права на папку и свободное место; прежняя версия сайта не тронута.",
        "Check folder permissions and free space; the previous site is untouched.",
    ),
    "G901": Message(
        "поиск не построен: {problem}",
        "the search index was not built: {problem}",
        "Установите Glasnost заново (pip install -r requirements.txt в папке сайта или make "
        "build в папке Glasnost): pagefind ставится вместе с ним. Собрать без поиска: "
        "--no-search.",
        "Reinstall Glasnost (pip install -r requirements.txt in the site folder, or make build "
        "in Glasnost's folder): pagefind comes with it. To build without search: --no-search.",
    ),
    "G902": Message(
        "внутренняя ошибка Glasnost: {problem}",
        "Glasnost internal error: {problem}",
        "Это ошибка программы, а не содержимого: сообщите о ней разработчикам.",
        "This is a bug of the program, not of the content: please report it.",
    ),
}
