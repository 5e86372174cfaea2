"""The meeting's diagnostics (M1xx) and template strings."""

from __future__ import annotations

from glasnost.diagnostics import Message
from glasnost.types.meeting.view import KIND_LABELS, STATUS_LABELS

UI: dict[str, tuple[str, str]] = {
    **{f"meeting_kind_{k}": v for k, v in KIND_LABELS.items()},
    **{f"meeting_status_{k}": v for k, v in STATUS_LABELS.items()},
    "meeting_upcoming": ("Предстоящие", "Upcoming"),
    "meeting_past": ("Прошедшие", "Past"),
    "meeting_upcoming_h": ("Предстоящие встречи", "Upcoming meetings"),
    "meeting_past_h": ("Прошедшие встречи", "Past meetings"),
    "meeting_no_upcoming": (
        "Предстоящих мероприятий пока не объявлено.",
        "No upcoming meetings announced yet.",
    ),
    "meeting_no_past": ("Прошедших мероприятий пока нет.", "No past meetings yet."),
    "meeting_is_upcoming": ("Предстоит", "Upcoming"),
    "meeting_is_past": ("Прошло", "Past"),
    "meeting_cancelled": ("Отменено", "Cancelled"),
    "meeting_cancelled_notice": (
        "Мероприятие отменено. Сведения о нём сохранены на сайте для справки.",
        "This meeting is cancelled. The page is kept for reference.",
    ),
    "meeting_kind": ("Вид", "Kind"),
    "meeting_when": ("Дата и время", "Date and time"),
    "meeting_local_time": ("время местное", "local time"),
    "meeting_where": ("Место", "Place"),
    "meeting_host": ("Проводит", "Host"),
    "meeting_invited": ("Приглашены", "Invited"),
    "meeting_announced": ("Объявление опубликовано", "Announced on"),
    "meeting_add_calendar": ("Добавить в календарь", "Add to calendar"),
    "meeting_calendar_all": (
        "Календарь встреч (iCalendar)",
        "Calendar of meetings (iCalendar)",
    ),
    "meeting_filter": ("Вид мероприятия", "Kind of meeting"),
    "meeting_filter_all": ("Все", "All"),
    "meeting_instructions": ("Поручения по итогам встреч", "Instructions from meetings"),
    "meeting_instructions_lead": (
        "Невыполненные решения и поручения, принятые на встречах и заседаниях. "
        "Поручения с истёкшим сроком — в начале списка.",
        "Decisions and instructions from meetings that are not done yet, overdue first.",
    ),
    "meeting_no_instructions": (
        "Невыполненных поручений нет.",
        "There are no open instructions.",
    ),
    "meeting_open_count": (
        "Открытых поручений: {n}, из них с истёкшим сроком: {overdue}.",
        "Open instructions: {n}, overdue: {overdue}.",
    ),
    "meeting_outcome": ("Итоги", "Outcome"),
    "meeting_outcome_published": ("Опубликованы итоги", "The outcome is published"),
    "meeting_attendance": ("Участников", "Attendance"),
    "meeting_protocol": ("Протокол", "Protocol"),
    "meeting_decisions": ("Решения и поручения", "Decisions and instructions"),
    "meeting_answers": (
        "Ответы на общественно значимые вопросы",
        "Answers to publicly significant questions",
    ),
    "meeting_col_n": ("№", "No."),
    "meeting_col_text": ("Поручение", "Instruction"),
    "meeting_col_responsible": ("Ответственный", "Responsible"),
    "meeting_col_due": ("Срок", "Due"),
    "meeting_col_status": ("Исполнение", "Status"),
    "meeting_col_meeting": ("Мероприятие", "Meeting"),
    "meeting_no_due": ("не указан", "not set"),
    "meeting_overdue": ("срок истёк", "overdue"),
    "meeting_overdue_note": (
        "Поручений с истёкшим сроком: {n}.",
        "Overdue instructions: {n}.",
    ),
    "meeting_comments_open": (
        "Приём замечаний и предложений открыт до {until} включительно.",
        "Comments and proposals are accepted until {until} inclusive.",
    ),
    "meeting_comments_not_started": (
        "Приём замечаний и предложений начнётся {opens} и продлится до {until} включительно.",
        "Comments and proposals will be accepted from {opens} until {until} inclusive.",
    ),
    "meeting_comments_closed": (
        "Приём замечаний и предложений завершён {until}.",
        "The comment period ended on {until}.",
    ),
    "meeting_comments_cancelled": (
        "Обсуждение отменено: замечания не принимаются.",
        "The discussion is cancelled: no comments are accepted.",
    ),
    "meeting_overdue_head": ("Поручения с истёкшим сроком:", "Overdue instructions:"),
    "meeting_all": ("Все встречи", "All meetings"),
    "meeting_kind_page": ("Встречи: {kind}", "Meetings: {kind}"),
}

MESSAGES: dict[str, Message] = {
    "M101": Message(
        "объявление опубликовано {announced}, за {days} дн. до начала ({start}); "
        "нужно не позднее чем за {min_days} дн.",
        "announced on {announced}, {days} days before the start ({start}); "
        "at least {min_days} days are required",
        "По порядку проведения встреч объявление публикуется не позднее чем за {min_days} дн. "
        "Исправьте announced, если объявление вышло раньше, или перенесите встречу.",
        "Announcements must be published at least {min_days} days ahead. Correct 'announced' "
        "if it was published earlier, or move the meeting.",
    ),
    "M102": Message(
        "дата объявления {announced} позже начала мероприятия ({start})",
        "the announcement date {announced} is after the start ({start})",
        "Объявление публикуется до мероприятия: проверьте поля announced и start.",
        "An announcement comes before the meeting: check 'announced' and 'start'.",
    ),
    "M103": Message(
        "окончание ({end}) раньше начала ({start})",
        "the end ({end}) is before the start ({start})",
        "Проверьте дату и время в полях start и end.",
        "Check the date and time in 'start' and 'end'.",
    ),
    "M104": Message(
        "поле comments_until имеет смысл только для общественного обсуждения "
        "(kind: public_discussion), а здесь kind: {kind}",
        "comments_until only applies to a public discussion (kind: public_discussion), "
        "not kind: {kind}",
        "Уберите comments_until или укажите kind: public_discussion.",
        "Remove comments_until or set kind: public_discussion.",
    ),
    "M105": Message(
        "для общественного обсуждения не указан срок приёма замечаний (comments_until)",
        "a public discussion without an end of the comment period (comments_until)",
        "Добавьте comments_until: ГГГГ-ММ-ДД — последний день приёма замечаний.",
        "Add comments_until: YYYY-MM-DD, the last day comments are accepted.",
    ),
    "M106": Message(
        "приём замечаний заканчивается ({until}) раньше начала обсуждения ({start})",
        "the comment period ends ({until}) before the discussion starts ({start})",
        "Проверьте поля comments_until и start.",
        "Check 'comments_until' and 'start'.",
    ),
    "M107": Message(
        "файл протокола не найден: {file}",
        "the protocol file does not exist: {file}",
        "Положите файл в папку content/files/ и укажите его как files/имя.pdf.",
        "Put the file into content/files/ and give it as files/name.pdf.",
    ),
    "M108": Message(
        "по истории git файл впервые сохранён {first}, позже указанной даты объявления {announced}",
        "git history shows the file first committed on {first}, "
        "later than the announcement date {announced}",
        "Укажите в announced дату, когда объявление действительно появилось на сайте. "
        "Если оно впервые вышло в другом месте (газета, прежний сайт), "
        "назовите его в поле announced_source.",
        "Put the date the announcement really appeared into 'announced'. If it first appeared "
        "elsewhere (a newspaper, an earlier site), name it in 'announced_source'.",
    ),
    "M109": Message(
        "адрес «{slug}» занят разделом встреч (/meetings/{slug}/)",
        "the address '{slug}' is used by the meetings section (/meetings/{slug}/)",
        "Переименуйте файл или задайте другое поле slug; заняты: {reserved}.",
        "Rename the file or set another slug; taken: {reserved}.",
    ),
    "M110": Message(
        "итоги (outcome) указаны для мероприятия, которое ещё не началось ({start})",
        "an outcome is given for a meeting that has not started yet ({start})",
        "Итоги добавляют после мероприятия; проверьте дату start.",
        "Add the outcome after the meeting; check 'start'.",
    ),
}
