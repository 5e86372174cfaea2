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
        "символьная ссылка ведёт за пределы папки сайта",
        "the symbolic link leads outside the site folder",
        "Положите в папку сайта сам файл, а не ссылку на него.",
        "Put the file itself into the site folder, not a link to it.",
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
    "G303": Message(
        "из текста удалён небезопасный HTML: {what}",
        "unsafe HTML was removed from the text: {what}",
        "Скрипты, обработчики событий и встраиваемые объекты на сайте не публикуются.",
        "Scripts, event handlers and embedded objects are never published.",
    ),
    "G304": Message(
        "текст вложен слишком глубоко (списки или цитаты в тысячи уровней)",
        "the text is nested too deeply (lists or quotes thousands of levels deep)",
        "Упростите разметку: такой вложенности в обычном тексте не бывает.",
        "Simplify the markup: ordinary text is never nested this deep.",
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
        "Укажите в --out пустую папку или папку прежней сборки.",
        "Give --out an empty folder or the folder of a previous build.",
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
