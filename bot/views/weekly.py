"""The weekly report as text lines (one renderer per section kind) and as chart input."""

from __future__ import annotations

from datetime import date

from bot.clock import from_db
from bot.deps import Deps
from bot.i18n import Catalog
from bot.services.duty_record import check_label
from bot.services.weekly_duty import DutySection
from bot.services.weekly_report import (
    Durations,
    NoticeReach,
    RatingsSection,
    ReachSection,
    Report,
    ReportsSection,
    Section,
)
from bot.views.charts import ChartInput, ChartLabels
from bot.views.menus import shorten

NOTICE_EXCERPT = 30
SEVERITIES = ("urgent", "flagged", "routine")


def score(value: float) -> str:
    return f"{value:.2f}"


def short_day(day: date | str) -> str:
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%m-%d")


def duration(c: Catalog, lang: str, seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return c.label(lang, "report-minutes", minutes=str(minutes))
    if minutes < 24 * 60:
        return c.label(lang, "report-hours", hours=str(minutes // 60), minutes=str(minutes % 60))
    hours = minutes // 60
    return c.label(lang, "report-days", days=str(hours // 24), hours=str(hours % 24))


def _ratings(c: Catalog, lang: str, s: RatingsSection) -> list[str]:
    lines = [c.t(lang, "report-ratings-head")]
    if s.average is None:
        return [*lines, c.t(lang, "report-ratings-none")]
    lines.append(c.t(lang, "report-ratings-total", count=s.count, average=score(s.average)))
    change = s.change
    if change is None or s.previous_average is None:
        lines.append(c.t(lang, "report-ratings-no-previous"))
    else:
        key = "up" if change >= 0.005 else "down" if change <= -0.005 else "same"
        lines.append(
            c.t(
                lang,
                f"report-ratings-{key}",
                delta=score(abs(change)),
                previous=score(s.previous_average),
                count=s.previous_count,
            )
        )
    for m in s.per_meal:
        meal = c.label(lang, f"meal-{m.key}")
        lines.append(
            c.t(lang, "report-ratings-meal", meal=meal, average=score(m.average), count=m.count)
        )
    sep = c.label(lang, "list-separator")
    days = sep.join(
        c.label(lang, "report-ratings-day", day=short_day(d.key), average=score(d.average))
        for d in s.per_day
    )
    lines.append(c.t(lang, "report-ratings-days", days=days))
    for key, dishes in (("best", s.best), ("worst", s.worst)):
        if dishes:
            named = sep.join(
                c.label(lang, "report-dish", name=d.name, average=score(d.average)) for d in dishes
            )
            lines.append(c.t(lang, f"report-dishes-{key}", dishes=named))
    if s.best or s.worst:
        lines.append(c.t(lang, "report-dishes-note"))
    return lines


def _times(c: Catalog, lang: str, key: str, d: Durations) -> str:
    if d.median is None or d.slowest is None:
        return c.t(lang, f"{key}-none")
    return c.t(
        lang,
        key,
        median=duration(c, lang, d.median),
        slowest=duration(c, lang, d.slowest),
        count=d.count,
    )


def _reports(c: Catalog, lang: str, s: ReportsSection) -> list[str]:
    lines = [c.t(lang, "report-cases-head")]
    if not s.total:
        return [*lines, c.t(lang, "report-cases-none")]
    severity = {row.key: row.count for row in s.by_severity}
    lines.append(
        c.t(
            lang, "report-cases-total", count=s.total, **{k: severity.get(k, 0) for k in SEVERITIES}
        )
    )
    sep = c.label(lang, "list-separator")
    categories = sep.join(
        c.label(
            lang,
            "report-cases-category",
            category=c.label(lang, f"fb-cat-{row.key}"),
            count=row.count,
        )
        for row in s.by_category
    )
    lines.append(c.t(lang, "report-cases-categories", categories=categories))
    if s.flagged:
        lines.append(c.t(lang, "report-cases-open", count=s.open))
        lines.append(_times(c, lang, "report-cases-ack", s.to_acknowledge))
        lines.append(_times(c, lang, "report-cases-resolve", s.to_resolve))
    lines.append(
        c.t(lang, "report-cases-escalations", count=s.escalations, cases=s.escalated_cases)
    )
    lines.append(c.t(lang, "report-cases-outbreaks", count=s.outbreak_alerts))
    return lines


def _notice(c: Catalog, lang: str, deps: Deps, n: NoticeReach) -> str:
    line = c.t(
        lang,
        "report-reach-notice",
        date=short_day(from_db(n.created_at).astimezone(deps.settings.tz).date()),
        excerpt=shorten(" ".join(n.body.split()), NOTICE_EXCERPT),
        sent=n.sent,
        recipients=n.recipients,
        blocked=n.blocked,
        failed=n.failed,
    )
    if n.pending:
        line += c.t(lang, "report-reach-notice-pending", count=n.pending)
    if n.confirmed is not None:
        rate = f"{100 * n.confirmed / n.sent:.0f}%" if n.sent else "–"
        line += c.t(lang, "report-reach-notice-confirmed", confirmed=n.confirmed, rate=rate)
    return line


def _reach(c: Catalog, lang: str, deps: Deps, s: ReachSection) -> list[str]:
    lines = [
        c.t(lang, "report-reach-head"),
        c.t(
            lang,
            "report-reach-parents",
            active=s.parents_active,
            joined=s.parents_joined,
            stopped=s.parents_stopped,
            blocked=s.parents_blocked,
        ),
        c.t(lang, "report-reach-menus", count=s.menus_delivered),
    ]
    if not s.notices:
        return [*lines, c.t(lang, "report-reach-notices-none")]
    return [
        *lines,
        c.t(lang, "report-reach-notices"),
        *(_notice(c, lang, deps, n) for n in s.notices),
    ]


def _duty(deps: Deps, lang: str, s: DutySection) -> list[str]:
    c = deps.catalog
    states = c.label(lang, "report-duty-sep").join(
        c.t(
            lang, "report-duty-state", state=c.label(lang, f"duty-state-{state.value}"), count=count
        )
        for state, count in s.states
    )
    lines = [
        c.t(lang, "report-duty-head"),
        c.t(lang, "report-duty-states", states=states or "—"),
        c.t(
            lang,
            "report-duty-records",
            records=s.records,
            poor=s.poor_ratings,
            adverse=s.adverse,
            cases=s.cases,
        ),
    ]
    if not s.failed:
        return [*lines, c.t(lang, "report-duty-failed-none")]
    failed = [
        c.t(
            lang,
            "report-duty-failed-item",
            check=check_label(deps, lang, f.key, f.label),
            count=f.count,
        )
        for f in s.failed
    ]
    return [*lines, c.t(lang, "report-duty-failed"), *failed]


def section_lines(deps: Deps, lang: str, section: Section) -> list[str]:
    """One section's lines."""
    c = deps.catalog
    if isinstance(section, RatingsSection):
        return _ratings(c, lang, section)
    if isinstance(section, ReportsSection):
        return _reports(c, lang, section)
    if isinstance(section, DutySection):
        return _duty(deps, lang, section)
    return _reach(c, lang, deps, section)


def report_lines(deps: Deps, lang: str, report: Report) -> list[str]:
    """The report as lines for views.text.pack: a title, then each section after a blank line."""
    c = deps.catalog
    title = c.t(
        lang,
        f"report-title-{report.period.value}",
        school=deps.school(lang),
        term=report.span.term or "",
    )
    span = c.t(lang, "report-span", first=str(report.span.first), last=str(report.span.last))
    lines = [title, span]
    for section in report.sections:
        lines += ["", *section_lines(deps, lang, section)]
    return lines


def _labels(c: Catalog, lang: str, categories: tuple[str, ...]) -> ChartLabels:
    def label(key: str) -> str:
        return c.label(lang, key)

    return ChartLabels(
        weeks_title=label("chart-weeks-title"),
        weeks_x=label("chart-weeks-x"),
        weeks_y=label("chart-weeks-y"),
        categories_title=label("chart-categories-title"),
        categories_x=label("chart-categories-x"),
        ack_title=label("chart-ack-title"),
        ack_x=label("chart-ack-x"),
        ack_y=label("chart-ack-y"),
        categories=tuple(label(f"fb-cat-{key}") for key in categories),
    )


def chart_input(deps: Deps, lang: str, report: Report) -> ChartInput:
    """What the worker draws: the labels in the reader's language, and in English for a machine
    without a CJK font (the message's text carries the Chinese then)."""
    series = report.charts
    keys = tuple(row.key for row in series.categories)
    return ChartInput(
        weeks=tuple((short_day(w.key), w.average) for w in series.weeks),
        categories=tuple(row.count for row in series.categories),
        acknowledge=tuple((f"#{case}", minutes) for case, minutes in series.acknowledge_minutes),
        labels=_labels(deps.catalog, lang, keys),
        fallback=_labels(deps.catalog, "en", keys),
    )


def caption(deps: Deps, lang: str, report: Report) -> str:
    return deps.catalog.t(
        lang, "report-charts-caption", first=str(report.span.first), last=str(report.span.last)
    )
