"""The weekly report (周报): what a period's ratings, reports and reach add up to.

A report is a list of sections, each a dataclass built by one builder from SQL aggregates
(storage.weekly). A builder returns None when it has no feature behind it, and the section is
then absent, not empty. The Monday report (services.weekly_schedule) and /report use the same
builders; the charts' series come with the report (views.charts draws them).
"""

from __future__ import annotations

import statistics
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import calendar, notice_confirms, weekly_duty
from bot.services.weekly_duty import DutySection
from bot.storage import weekly as store

# Re-exported: views and tests name these without reaching into storage.
from bot.storage.weekly import Average as Average
from bot.storage.weekly import Count as Count
from bot.storage.weekly import DishAverage as DishAverage
from bot.storage.weekly import NoticeCounts, Window

DISHES_SHOWN = 3
# Without a term, the ratings chart covers this many weeks back.
WEEKS_WITHOUT_TERM = 12


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    TERM = "term"


PERIOD_WORDS: dict[str, Period] = {
    "week": Period.WEEK, "w": Period.WEEK, "周": Period.WEEK, "本周": Period.WEEK,
    "month": Period.MONTH, "m": Period.MONTH, "月": Period.MONTH, "本月": Period.MONTH,
    "term": Period.TERM, "t": Period.TERM, "学期": Period.TERM, "本学期": Period.TERM,
}  # fmt: skip


def parse_period(args: Sequence[str]) -> Period | None:
    """/report [week|month|term] (also 周/月/学期); no word is a week."""
    if not args:
        return Period.WEEK
    if len(args) > 1:
        return None
    return PERIOD_WORDS.get(args[0].strip().lower())


@dataclass(frozen=True)
class Span:
    first: date
    last: date  # inclusive
    term: str | None = None  # the term's name, for Period.TERM


# ---- sections -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingsSection:
    count: int
    average: float | None  # None: no rating in the period
    previous_count: int
    previous_average: float | None
    per_meal: tuple[Average, ...]
    per_day: tuple[Average, ...]
    # A dish's rating is the rating of the meals it was in (storage.weekly).
    best: tuple[DishAverage, ...]
    worst: tuple[DishAverage, ...]

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return self.average - self.previous_average


@dataclass(frozen=True)
class Durations:
    """Seconds, over the cases that got there."""

    count: int
    median: float | None
    slowest: float | None


def durations(values: Sequence[float | None]) -> Durations:
    done = [v for v in values if v is not None]
    if not done:
        return Durations(0, None, None)
    return Durations(len(done), statistics.median(done), max(done))


@dataclass(frozen=True)
class ReportsSection:
    total: int
    by_category: tuple[Count, ...]
    by_severity: tuple[Count, ...]  # urgent, flagged, routine (storage.weekly)
    flagged: int
    open: int  # flagged and not resolved yet
    to_acknowledge: Durations
    to_resolve: Durations
    escalations: int  # escalation messages sent
    escalated_cases: int
    outbreak_alerts: int


@dataclass(frozen=True)
class NoticeReach(NoticeCounts):
    confirmed: int | None = None  # parents who tapped 已阅; None: the notice asked nobody to


@dataclass(frozen=True)
class ReachSection:
    parents_active: int
    parents_stopped: int
    parents_blocked: int
    parents_joined: int
    menus_delivered: int
    notices: tuple[NoticeReach, ...]


Section = RatingsSection | ReportsSection | ReachSection | DutySection


@dataclass(frozen=True)
class ChartSeries:
    """What the charts draw: weekly averages over the term, reports per category, and each
    flagged case's minutes to acknowledgement."""

    weeks: tuple[Average, ...]
    categories: tuple[Count, ...]
    acknowledge_minutes: tuple[tuple[int, float], ...]  # (case id, minutes)


@dataclass(frozen=True)
class Report:
    period: Period
    span: Span
    previous: Span
    sections: tuple[Section, ...]
    charts: ChartSeries

    def section(self, kind: type[Section]) -> Section | None:
        return next((s for s in self.sections if isinstance(s, kind)), None)


@dataclass(frozen=True)
class Context:
    """What every builder gets."""

    deps: Deps
    window: Window
    previous: Window


Builder = Callable[[Context], Awaitable[Section | None]]


async def ratings_section(ctx: Context) -> RatingsSection:
    db, w = ctx.deps.db, ctx.window
    total = await store.rating_total(db, w)
    before = await store.rating_total(db, ctx.previous)
    best = await store.dish_averages(db, w, best=True, limit=DISHES_SHOWN)
    worst = [
        d
        for d in await store.dish_averages(db, w, best=False, limit=DISHES_SHOWN)
        if d.name not in {b.name for b in best}
    ]
    return RatingsSection(
        count=total.count,
        average=total.average if total.count else None,
        previous_count=before.count,
        previous_average=before.average if before.count else None,
        per_meal=tuple(await store.ratings_by(db, w, "meal")),
        per_day=tuple(await store.ratings_by(db, w, "date")),
        best=tuple(best),
        worst=tuple(worst),
    )


async def reports_section(ctx: Context) -> ReportsSection:
    db, w = ctx.deps.db, ctx.window
    by_category = await store.reports_by_category(db, w)
    by_severity = await store.reports_by_severity(db, w)
    times = await store.case_times(db, w)
    sent, escalated = await store.escalations(db, w)
    return ReportsSection(
        total=sum(c.count for c in by_category),
        by_category=tuple(by_category),
        by_severity=tuple(by_severity),
        flagged=len(times),
        open=await store.open_reports(db, w),
        to_acknowledge=durations([t.to_acknowledge for t in times]),
        to_resolve=durations([t.to_resolve for t in times]),
        escalations=sent,
        escalated_cases=escalated,
        outbreak_alerts=await store.outbreak_alerts(db, w),
    )


async def reach_section(ctx: Context) -> ReachSection:
    db, w = ctx.deps.db, ctx.window
    parents = await store.parents_by_status(db)
    confirmed = {
        c.broadcast_id: c.confirmed
        for c in await notice_confirms.confirmation_rates(ctx.deps, w.start, w.end)
    }
    return ReachSection(
        parents_active=parents.get("active", 0),
        parents_stopped=parents.get("inactive", 0),
        parents_blocked=parents.get("blocked", 0),
        parents_joined=await store.parents_joined(db, w),
        menus_delivered=await store.menus_delivered(db, w),
        notices=tuple(
            NoticeReach(**vars(n), confirmed=confirmed.get(n.broadcast_id))
            for n in await store.notices(db, w)
        ),
    )


async def duty_section(ctx: Context) -> DutySection | None:
    return await weekly_duty.section(ctx.deps, ctx.window.first, ctx.window.last)


# The report's sections in order; a builder returns None for a section with nothing behind it.
BUILDERS: tuple[Builder, ...] = (ratings_section, reports_section, duty_section, reach_section)


# ---- periods ------------------------------------------------------------------------------------


def window(deps: Deps, first: date, last: date) -> Window:
    return Window.of(first, last, deps.settings.tz)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


async def spans(deps: Deps, period: Period, today: date) -> tuple[Span, Span] | None:
    """(the period up to today, the one before it); None for a term when no term is set."""
    if period is Period.WEEK:
        first = monday_of(today)
        return Span(first, today), Span(first - timedelta(days=7), first - timedelta(days=1))
    if period is Period.MONTH:
        first = month_start(today)
        before = month_start(first - timedelta(days=1))
        return Span(first, today), Span(before, first - timedelta(days=1))
    terms = sorted(await calendar.terms(deps), key=lambda t: t.first_day)
    started = [t for t in terms if t.first_day <= today]
    if not started:
        return None
    term = started[-1]
    span = Span(term.first_day, min(today, term.last_day), term.name)
    if len(started) > 1:
        prior = started[-2]
        return span, Span(prior.first_day, prior.last_day, prior.name)
    length = span.last - span.first
    return span, Span(span.first - length - timedelta(days=1), span.first - timedelta(days=1))


async def chart_start(deps: Deps, last: date) -> date:
    """The ratings chart covers the term the period ends in (or the last weeks, without one)."""
    for term in await calendar.terms(deps):
        if last in term:
            return term.first_day
    return monday_of(last) - timedelta(weeks=WEEKS_WITHOUT_TERM - 1)


async def build(
    deps: Deps,
    period: Period,
    span: Span,
    previous: Span,
    builders: Sequence[Builder] = BUILDERS,
) -> Report:
    ctx = Context(
        deps, window(deps, span.first, span.last), window(deps, previous.first, previous.last)
    )
    sections = [await builder(ctx) for builder in builders]
    reports = next((s for s in sections if isinstance(s, ReportsSection)), None)
    times = await store.case_times(deps.db, ctx.window)
    charts = ChartSeries(
        weeks=tuple(
            await store.ratings_by_week(deps.db, await chart_start(deps, span.last), span.last)
        ),
        categories=reports.by_category if reports is not None else (),
        acknowledge_minutes=tuple(
            (t.case_id, round(t.to_acknowledge / 60.0, 1))
            for t in times
            if t.to_acknowledge is not None
        ),
    )
    return Report(period, span, previous, tuple(s for s in sections if s is not None), charts)


async def on_demand(deps: Deps, period: Period, today: date) -> Report | None:
    """/report: the period up to today; None for a term when no term is set."""
    found = await spans(deps, period, today)
    if found is None:
        return None
    return await build(deps, period, *found)


async def for_week(deps: Deps, monday: date) -> Report:
    """The Monday report: that whole week, against the week before."""
    span = Span(monday, monday + timedelta(days=6))
    previous = Span(monday - timedelta(days=7), monday - timedelta(days=1))
    return await build(deps, Period.WEEK, span, previous)
