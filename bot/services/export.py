"""Exports: which dates /export and `python -m bot export` cover. The workbook itself is
written by views.export, streaming rows from storage.export_rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from bot.deps import Deps
from bot.services import survey_results
from bot.services.menu_parser import parse_date
from bot.services.survey_results import SurveyResults
from bot.storage.weekly import Window

DEFAULT_DAYS = 30
MAX_DAYS = 400  # a school year and a little


class SpanProblem(StrEnum):
    BAD_DATE = "bad-date"
    REVERSED = "reversed"
    TOO_LONG = "too-long"
    USAGE = "usage"


@dataclass(frozen=True)
class ExportSpan:
    first: date
    last: date


@dataclass(frozen=True)
class Refusal:
    problem: SpanProblem
    value: str = ""


@dataclass(frozen=True)
class ExportRequest:
    """Everything the worker needs, picklable: it opens the database itself."""

    database: Path
    target: Path
    first: date
    last: date
    lang: str
    timezone: str
    school: str
    # Surveys opened in the period with their results, read here (small) for the worker.
    surveys: tuple[SurveyResults, ...] = ()


async def request(deps: Deps, span: ExportSpan, target: Path, lang: str) -> ExportRequest:
    window = Window.of(span.first, span.last, deps.settings.tz)
    surveys = await survey_results.results_between(deps, window.start, window.end)
    return ExportRequest(
        database=deps.db.path,
        target=target,
        first=span.first,
        last=span.last,
        lang=lang,
        timezone=deps.settings.timezone,
        school=deps.school(lang),
        surveys=tuple(surveys),
    )


def check_span(first: date, last: date) -> ExportSpan | Refusal:
    if last < first:
        return Refusal(SpanProblem.REVERSED)
    if (last - first).days + 1 > MAX_DAYS:
        return Refusal(SpanProblem.TOO_LONG)
    return ExportSpan(first, last)


def parse_span(args: Sequence[str], today: date) -> ExportSpan | Refusal:
    """/export (the last DEFAULT_DAYS days), /export FIRST (to today) or /export FIRST LAST."""
    if not args:
        return ExportSpan(today - timedelta(days=DEFAULT_DAYS - 1), today)
    if len(args) > 2:
        return Refusal(SpanProblem.USAGE)
    days: list[date] = []
    for word in args:
        found = parse_date(word)
        if found is None:
            return Refusal(SpanProblem.BAD_DATE, word)
        days.append(found)
    return check_span(days[0], days[1] if len(days) == 2 else today)


def file_name(span: ExportSpan) -> str:
    return f"mealwatch-{span.first.isoformat()}_{span.last.isoformat()}.xlsx"
