"""Plans of measures (road maps): content/plans/SLUG.yaml, published at /plans/SLUG/.

A plan is a table of measures grouped in sections, as the approving act has it: one
level of nesting at most (form of interaction → direction, seed 000). Each measure has
an id unique in the plan, which reports cite; its deadline wording is kept verbatim and
parsed (glasnost/deadlines.py) so that the site can tell which measures are overdue.

The plan page also joins the plan with its reports (content/reports/*.yaml whose `plan`
is this plan's slug): each measure shows its status from the latest report, each section
and the whole plan its progress, and measures whose due date passed without a `done`
status are listed as overdue. Statuses are shared with reports and meetings
(glasnost/types/status.py).

The package: `fields` (the file), `view` (the join with reports), `messages` (P1xx
diagnostics and template strings); the type itself is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

# The `X as X` imports keep names that were imported from glasnost.types.plan before the
# statuses and the wording of acts moved to their own modules.
from glasnost.deadlines import UNREAD_ADVICE, DeadlineKind, needs_year, why_unread
from glasnost.types.approval import ApprovingAct as ApprovingAct
from glasnost.types.base import ContentType, HomeBlock, Item, MarkdownField
from glasnost.types.plan.fields import Loc, Located, PlanFields, PlanSection, located_items
from glasnost.types.plan.fields import PlanItem as PlanItem
from glasnost.types.plan.messages import MESSAGES, UI
from glasnost.types.plan.view import PlanView, all_item_views, plan_view, view_of
from glasnost.types.status import STATUS_LABELS as STATUS_LABELS
from glasnost.types.status import Status as Status
from glasnost.types.status import effective_status as effective_status
from glasnost.types.status import parse_status as parse_status
from glasnost.types.status import status_label as status_label

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site


# --- the type ------------------------------------------------------------------------------

_BAD_ID = re.compile(r"[\s#]")


class PlanType(ContentType):
    name = "plan"
    folder = "plans"
    pattern = "*.yaml"
    model = PlanFields
    computed_model = PlanView
    url_prefix = "/plans/"
    nav_order = 30
    template = "plan.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("План мероприятий", "Планы мероприятий"),
        "en": ("Plan of measures", "Plans of measures"),
    }
    ui = UI
    messages = MESSAGES
    starter = """\
title: {title}
approved_by:
  kind: распоряжение
  number: "1"
  date: {today}
  issuer: Администрация муниципального образования
published: {today}
summary: Кратко о плане и о том, во исполнение чего он принят.
sections:
  - title: Первый раздел плана
    items:
      - id: "1"
        title: Первое мероприятие
        deadline: Постоянно
        responsible: Ответственный отдел
        expected_result: Ожидаемый результат
      - id: "2"
        title: Второе мероприятие
        deadline: До 31.12.2030
        responsible: [Первый ответственный, Второй ответственный]
"""

    # -- phase 1 ----------------------------------------------------------------------------
    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        if item.data.summary:
            yield MarkdownField("summary", item.data.summary, item.text_line("summary"))

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
        data: PlanFields = item.data
        entries = list(located_items(data.sections))
        if not entries:
            diag.error("P106", item.rel, item.line("sections"))
        self._check_ids(item, entries, diag)
        self._check_sections(item, data.sections, ("sections",), 0, diag)
        self._check_deadlines(item, entries, diag)

    def _check_ids(self, item: Item, entries: list[Located], diag: Diagnostics) -> None:
        first_line: dict[str, int | None] = {}
        for entry in entries:
            line = item.line(*entry.loc, "id")
            if _BAD_ID.search(entry.item.id):
                diag.error("P105", item.rel, line, id=entry.item.id)
            if entry.item.id in first_line:
                diag.error(
                    "P100", item.rel, line, id=entry.item.id, first=first_line[entry.item.id]
                )
            else:
                first_line[entry.item.id] = line

    def _check_sections(
        self, item: Item, sections: list[PlanSection], loc: Loc, depth: int, diag: Diagnostics
    ) -> None:
        for index, section in enumerate(sections):
            here = (*loc, index)
            if not section.items and not section.sections:
                diag.warning("P103", item.rel, item.line(*here, "title"), title=section.title)
            if section.sections and depth >= 1:
                diag.error("P101", item.rel, item.line(*here, "sections"))
            self._check_sections(item, section.sections, (*here, "sections"), depth + 1, diag)

    def _check_deadlines(self, item: Item, entries: list[Located], diag: Diagnostics) -> None:
        # The view's items are the file's, in the same order: parsed once, in prepare.
        views = all_item_views([], view_of(item).sections)
        for entry, view in zip(entries, views, strict=True):
            deadline = view.deadline
            reason = why_unread(deadline) if deadline is not None else None
            if deadline is not None and reason is not None:
                line = item.line(*entry.loc, "deadline")
                advice = UNREAD_ADVICE[reason]
                diag.warning("P108", item.rel, line, text=deadline.text.strip(), **advice)
            elif deadline is not None and deadline.kind is DeadlineKind.TEXT:
                line = item.line(*entry.loc, "deadline")
                diag.warning("P102", item.rel, line, text=deadline.text.strip())
            elif deadline is not None and needs_year(deadline) and entry.item.due is None:
                line = item.line(*entry.loc, "deadline")
                diag.warning("P107", item.rel, line, text=deadline.text.strip())

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> PlanView:
        return plan_view(item, site)

    # -- phase 2 ----------------------------------------------------------------------------

    def report(self, site: Site, language: str) -> str | None:
        """`build.py check`: each plan's progress and overdue measures, in plain text."""
        lines = []
        for plan in site.collection(self.name):
            view = view_of(plan)
            done = site.t("plan_done_of", done=view.progress.done, total=view.progress.total)
            lines.append(f"{plan.rel}: {plan.title}: {done}")
            lines.extend(
                f"    {site.t('plan_overdue_badge')}: {o.id} {o.title} ({o.due.isoformat()})"
                for o in view.overdue
            )
        return "\n".join(lines) or None

    def home_block(self, site: Site) -> HomeBlock | None:
        plans = site.collection(self.name)[:3]
        if not plans:
            return None
        return HomeBlock(40, "home/plan.html", {"plans": plans})
