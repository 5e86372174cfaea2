"""The report's diagnostics (R1xx), parts of their hints, and template strings."""

from __future__ import annotations

from glasnost.diagnostics import Message

UI: dict[str, tuple[str, str]] = {
    "report_period": ("Отчетный период", "Reporting period"),
    "report_plan": ("Отчет о выполнении плана", "Report on the plan"),
    "report_summary": ("Сводка по мероприятиям", "Summary of the measures"),
    "report_entries": ("Ход выполнения мероприятий", "Progress of the measures"),
    "report_plan_item": ("пункт {id} плана", "item {id} of the plan"),
    "report_no_data": ("Информация не представлена.", "No information provided."),
    "report_figures": ("Показатели", "Figures"),
    "report_surveys": ("Результаты опросов", "Survey results"),
    "report_respondents": ("опрошено: {n}", "respondents: {n}"),
    "report_answer": ("Ответ", "Answer"),
    "report_count": ("Ответили, чел.", "Respondents"),
    "report_share": ("Доля", "Share"),
    "report_share_note": (
        "Доли рассчитаны по числу ответивших и округлены так, что в сумме дают 100 %.",
        "Shares are computed from the counts and rounded so that they add up to 100%.",
    ),
    "report_signed": ("Подпись", "Signed"),
    "report_latest": ("Последние отчеты", "Latest reports"),
}

MESSAGES: dict[str, Message] = {
    "R100": Message(
        "план «{plan}» не найден",
        "plan '{plan}' does not exist",
        "В поле plan пишется имя файла плана из content/plans/ без .yaml. {suggestion}",
        "The 'plan' field is the plan's file name in content/plans/ without .yaml. {suggestion}",
    ),
    "R101": Message(
        "пункта «{item}» нет в плане «{plan}»",
        "item '{item}' is not in the plan '{plan}'",
        "Номер в поле item должен совпадать с id пункта в {plan_file}. {suggestion}",
        "The 'item' must be the id of an item in {plan_file}. {suggestion}",
    ),
    "R102": Message(
        "у записи нет названия мероприятия",
        "the entry has no title",
        "Добавьте title: название мероприятия. Его можно не писать, только если "
        "запись ссылается "
        "на пункт плана (plan: и item:).",
        "Add 'title:'. It may be left out only when the entry cites a plan item (plan: and item:).",
    ),
    "R103": Message(
        "опрос «{survey}»: сумма ответов {total} не равна числу опрошенных {respondents}",
        "survey '{survey}': the answers add up to {total}, not to the {respondents} respondents",
        "Проверьте числа count у ответов и поле respondents (расхождение: {diff}). "
        "Доли в процентах сайт считает сам.",
        "Check the answers' counts and 'respondents' (difference: {diff}). "
        "The site computes percentages.",
    ),
    "R104": Message(
        "пункт «{item}» уже есть в отчете (строка {first})",
        "item '{item}' is already in the report (line {first})",
        "Объедините записи об одном пункте плана в одну.",
        "Merge the entries about one plan item into one.",
    ),
    "R105": Message(
        "указан статус «{label}», но текст записи пуст: "
        "она опубликована как «информация не представлена»",
        "status '{label}' is given but the entry has no text: "
        "it is published as 'no information provided'",
        "Опишите в поле text, что сделано, или укажите status: no_data.",
        "Describe in 'text' what was done, or set 'status: no_data'.",
    ),
    "R106": Message(
        "начало отчетного периода {start} позже его конца {end}",
        "the reporting period starts ({start}) after it ends ({end})",
        "Проверьте поля period.start и period.end.",
        "Check period.start and period.end.",
    ),
    "R107": Message(
        "в отчете нет ни текста, ни записей, ни опросов",
        "the report has no body, entries or surveys",
        "Добавьте текст отчета (body), записи о мероприятиях (entries) "
        "или результаты опросов (surveys).",
        "Add the report's text (body), entries or surveys.",
    ),
}

# Parts of the R100/R101 hints (a message's parameters, so not UI strings).
SUGGESTIONS: dict[str, tuple[str, str]] = {
    "did_you_mean": ("Возможно, имелось в виду «{name}».", "Did you mean '{name}'?"),
    "known": ("Есть: {names}.", "Known: {names}."),
}
