"""How the school calendar reads: why a day is (not) a school day (also for /menu on a closed
day), the day lists of /schoolday and `calendar show`."""

from __future__ import annotations

from datetime import date

from chinese_calendar import Holiday

from bot.deps import Deps
from bot.i18n import Catalog, Html
from bot.services import calendar
from bot.services.schoolday import DaySource, SchoolDay
from bot.views.menus import long_date


def holiday_name(lang: str, name: str) -> str:
    """chinese_calendar names holidays in English; Chinese readers get its Chinese name. An
    imported list's names are shown as the school wrote them."""
    if lang != "zh":
        return name
    try:
        return str(Holiday(name).chinese)
    except ValueError:
        return name


def reasons(catalog: Catalog, lang: str, status: SchoolDay) -> list[str]:
    """Why the day is what it is, most telling first (plain text: the caller escapes)."""
    found: list[str] = []
    if status.term and status.source is not DaySource.OVERRIDE:
        found.append(status.term)
    name = holiday_name(lang, status.holiday_name) if status.holiday_name else ""
    source = status.source
    if source is DaySource.OVERRIDE:
        found.append(status.reason or catalog.label(lang, "calendar-reason-override"))
    elif source is DaySource.VACATION:
        found.append(catalog.label(lang, "calendar-reason-vacation"))
    elif source is DaySource.HOLIDAY:
        found.append(name or catalog.label(lang, "calendar-reason-holiday"))
    elif source is DaySource.MAKEUP_WORKDAY:
        found.append(catalog.label(lang, "calendar-reason-makeup", name=name or "-"))
    elif source is DaySource.WEEKEND:
        found.append(catalog.label(lang, "calendar-reason-weekend"))
    elif source is DaySource.NO_CALENDAR:
        found.append(catalog.label(lang, "calendar-reason-guessed"))
    return found


def reason_html(catalog: Catalog, lang: str, status: SchoolDay) -> Html | str:
    """The reasons as the catalogs' bracketed suffix ("（周末）"), or nothing."""
    found = reasons(catalog, lang, status)
    if not found:
        return ""
    joined = catalog.label(lang, "list-separator").join(found)
    return Html(catalog.t(lang, "menu-closed-reason", reason=joined))


async def closed_text(deps: Deps, lang: str, day: date) -> str | None:
    """Why there is no menu push on a day, or None when it is a school day."""
    status = await calendar.day(deps, day)
    if status.is_school_day:
        return None
    catalog = deps.catalog
    return catalog.t(
        lang,
        "menu-closed",
        date=long_date(catalog, lang, day),
        reason=reason_html(catalog, lang, status),
    )


def state_label(catalog: Catalog, lang: str, status: SchoolDay) -> str:
    key = "schoolday-state-open" if status.is_school_day else "schoolday-state-closed"
    return catalog.label(lang, key)


def day_line(catalog: Catalog, lang: str, status: SchoolDay) -> str:
    """One day of /schoolday's list (HTML)."""
    return catalog.t(
        lang,
        "schoolday-list-line",
        date=long_date(catalog, lang, status.date),
        state=state_label(catalog, lang, status),
        reason=reason_html(catalog, lang, status),
    )


def show_line(catalog: Catalog, lang: str, status: SchoolDay) -> str:
    """One day of `calendar show` (plain text, for a terminal)."""
    return catalog.label(
        lang,
        "calendar-show-line",
        date=status.date.isoformat(),
        weekday=catalog.label(lang, f"weekday-{status.date.weekday()}"),
        state=state_label(catalog, lang, status),
        reasons=catalog.label(lang, "list-separator").join(reasons(catalog, lang, status)),
    )
