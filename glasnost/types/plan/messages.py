"""The plan's diagnostics (P1xx) and template strings."""

from __future__ import annotations

from glasnost.diagnostics import Message

UI: dict[str, tuple[str, str]] = {
    "plan_progress": ("Ход выполнения", "Progress"),
    "plan_done_of": ("выполнено {done} из {total}", "{done} of {total} done"),
    "plan_by_status": ("По статусам", "By status"),
    "plan_no_reports": (
        "Отчетов о выполнении этого плана пока нет: статусы мероприятий появятся с первым отчетом.",
        "No reports on this plan yet: the measures' statuses appear with the first report.",
    ),
    "plan_as_of": (
        "Статус каждого мероприятия — по последнему отчету о нем; сведения на {date}",
        "Each measure's status is from its latest report; as of {date}",
    ),
    "plan_overdue": ("Просроченные мероприятия", "Overdue measures"),
    "plan_overdue_note": (
        "Срок исполнения прошел, а в отчетах нет отметки о выполнении (на {date}).",
        "The deadline has passed and no report marks the measure done (as of {date}).",
    ),
    "plan_no_overdue": ("Просроченных мероприятий нет.", "No overdue measures."),
    "plan_reports": ("Отчеты о выполнении плана", "Reports on the plan"),
    "plan_report_counts": ("пунктов в отчете: {n}", "entries: {n}"),
    "plan_contents": ("Разделы плана", "Sections of the plan"),
    "plan_measure": ("Мероприятие", "Measure"),
    "plan_deadline": ("Срок", "Deadline"),
    "plan_due": ("крайний срок", "due"),
    "plan_responsible": ("Ответственные", "Responsible"),
    "plan_status": ("Статус", "Status"),
    "plan_expected": ("Ожидаемый результат", "Expected result"),
    "plan_from_report": ("по отчету", "according to"),
    "plan_overdue_badge": ("срок прошел", "overdue"),
    "plan_approved_on": ("от {date} № {number}", "No. {number} of {date}"),
    "plan_signed": ("Подпись", "Signed"),
    "plan_items_n": ("мероприятий: {n}", "measures: {n}"),
    "plan_all": ("Все планы", "All plans"),
    "plan_print": (
        "Версия для печати: используйте печать браузера (Ctrl+P).",
        "To print, use the browser's print (Ctrl+P).",
    ),
}

MESSAGES: dict[str, Message] = {
    "P100": Message(
        "пункт «{id}» уже есть в плане (строка {first})",
        "item '{id}' is already in the plan (line {first})",
        "Номер пункта должен быть уникальным в плане: по нему отчеты ссылаются "
        "на мероприятие. Исправьте один из номеров.",
        "An item's id must be unique in the plan: reports cite measures by it. "
        "Change one of the ids.",
    ),
    "P101": Message(
        "раздел вложен глубже одного уровня",
        "a section is nested more than one level deep",
        "Разделы плана вкладываются только на один уровень "
        "(например, форма взаимодействия → направление). "
        "Перенесите эти пункты в подраздел уровнем выше.",
        "Sections nest one level deep only (e.g. form of interaction → direction). "
        "Move these items into the subsection above.",
    ),
    "P102": Message(
        "срок «{text}» не распознан: он будет опубликован как есть, без даты",
        "deadline '{text}' was not recognised: it is published as written, without a date",
        "Это не ошибка. Если у мероприятия есть крайний срок, добавьте поле due: ГГГГ-ММ-ДД. "
        "Распознаются, например: «Постоянно», «Ежеквартально», «До 01.11.2018 года», "
        "«4 квартал 2018 года».",
        "This is not an error. If the measure has a due date, add 'due: YYYY-MM-DD'. "
        "Recognised wordings include «Постоянно», «Ежеквартально», «До 01.11.2018 года».",
    ),
    "P103": Message(
        "в разделе «{title}» нет ни мероприятий, ни подразделов",
        "section '{title}' has neither items nor subsections",
        "Добавьте в раздел items или удалите его.",
        "Add items to the section or remove it.",
    ),
    "P107": Message(
        "срок «{text}» без года, а год плана не указан: просрочка по нему не определяется",
        "deadline '{text}' has no year and the plan names none: it can never be overdue",
        "Добавьте в план поле year: 2027 (или год в заголовке: «… на 2027 год»), "
        "либо напишите год в сроке, либо добавьте пункту due: ГГГГ-ММ-ДД.",
        "Add 'year: 2027' to the plan (or the year to its title), write the year in the "
        "deadline, or give the item 'due: YYYY-MM-DD'.",
    ),
    "P108": Message(
        "срок «{text}»: {problem_ru} — он опубликован как есть, просрочка по нему не определяется",
        "deadline '{text}': {problem_en} — it is published as written and never counted as overdue",
        "{hint_ru}",
        "{hint_en}",
    ),
    "P105": Message(
        "номер пункта «{id}» содержит пробел или знак #",
        "item id '{id}' contains a space or a '#'",
        "Номер пункта служит адресом ссылки на него (#item-1.1): пишите его без пробелов, "
        "например 1.1 или 2а.",
        "The id is part of the item's link (#item-1.1): write it without spaces, e.g. 1.1 or 2a.",
    ),
    "P106": Message(
        "в плане нет ни одного мероприятия",
        "the plan has no items",
        "Добавьте мероприятия в разделы плана (поле items).",
        "Add items to the plan's sections (the 'items' field).",
    ),
}
