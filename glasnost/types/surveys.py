"""Survey results in reports: the input shape, and percentages that add up to 100.

Reports publish survey answers as counts (the only thing a survey really measures) and
the site computes the shares. Rounding each share on its own can give 99.9 % or
100.1 % in total, which readers notice and distrust; the largest-remainder method
rounds so that the shares always add up to exactly 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from pydantic import BaseModel, Field

from glasnost.config import Strict


class SurveyAnswer(Strict):
    label: str = Field(min_length=1, description="Вариант ответа")
    count: int = Field(ge=0, description="Число ответивших так")


class Survey(Strict):
    title: str = Field(min_length=1, description="Вопрос или тема опроса (простой текст)")
    respondents: int = Field(
        gt=0, description="Число опрошенных; сумма count должна быть равна ему"
    )
    answers: list[SurveyAnswer] = Field(min_length=1, description="Ответы с числом ответивших")


class AnswerResult(BaseModel):
    label: str
    count: int
    percent: float = Field(description="Доля ответивших, %, один знак после запятой")


class SurveyResult(BaseModel):
    title: str
    respondents: int
    answered: int = Field(description="Сумма ответов (равна respondents в опубликованном отчете)")
    answers: list[AnswerResult]


def largest_remainder(counts: Sequence[int], decimals: int = 1) -> list[float]:
    """Shares of the total in percent, rounded to `decimals` places, adding up to 100.

    Each share is first rounded down; the units still missing from 100 % go one each to
    the shares that lost the most in rounding down. Ties go to the larger count, then to
    the earlier answer, so the result never depends on anything but the input.
    """
    total = sum(counts)
    if total <= 0:
        return [0.0 for _ in counts]
    units = 100 * 10**decimals
    quotas = [Fraction(count * units, total) for count in counts]
    floors = [int(quota) for quota in quotas]
    missing = units - sum(floors)
    order = sorted(
        range(len(counts)),
        key=lambda i: (quotas[i] - floors[i], counts[i], -i),
        reverse=True,
    )
    for index in order[:missing]:
        floors[index] += 1
    return [floor / 10**decimals for floor in floors]


def survey_result(survey: Survey) -> SurveyResult:
    counts = [answer.count for answer in survey.answers]
    shares = largest_remainder(counts)
    return SurveyResult(
        title=survey.title,
        respondents=survey.respondents,
        answered=sum(counts),
        answers=[
            AnswerResult(label=a.label, count=a.count, percent=share)
            for a, share in zip(survey.answers, shares, strict=True)
        ],
    )
