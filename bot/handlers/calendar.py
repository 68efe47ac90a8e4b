"""The school calendar for administrators: /term (terms) and /schoolday (single days and ranges)."""

from __future__ import annotations

import logging
from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers.common import (
    App,
    Ctx,
    admin_only,
    answer,
    deps_of,
    edit_or_send,
    label,
    query_of,
    stale,
    t,
)
from bot.i18n import Html
from bot.services import calendar, menus
from bot.services.date_phrases import DayState, parse_day, parse_order
from bot.services.people import Person
from bot.services.schoolday import (
    MAX_RANGE_DAYS,
    MAX_TERM_NAME_CHARS,
    RangeProblem,
    Term,
    range_problem,
)
from bot.views.buttons import SCHOOL_DAY, DayAction, HomeTask, SchoolDayPress, home_pattern
from bot.views.calendar import day_line, state_label
from bot.views.keyboards import keyboard
from bot.views.menus import long_date
from bot.views.text import pack

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
LIST_DAYS = 14
MAX_REASON_CHARS = 100
MAX_ECHO_CHARS = 40  # of a value we could not read, quoted back

_DELETE_WORDS = {"delete", "remove", "del", "删除"}
UPCOMING_BUTTONS = 6  # the next school days offered as buttons under /schoolday
_SET_ACTIONS = {
    DayAction.OPEN: DayState.OPEN, DayAction.CLOSED: DayState.CLOSED, DayAction.AUTO: DayState.AUTO
}  # fmt: skip


def _range_refusal(context: Ctx, lang: str, first: date, last: date) -> str | None:
    problem = range_problem(first, last)
    if problem is RangeProblem.REVERSED:
        return t(context, lang, "calendar-range-reversed", first=str(first), last=str(last))
    if problem is RangeProblem.TOO_LONG:
        return t(context, lang, "calendar-range-too-long", max=MAX_RANGE_DAYS)
    return None


# ---- /schoolday ------------------------------------------------------------------------------------


@admin_only
async def schoolday_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    if not context.args:
        text, markup = await _upcoming_days(context, lang)
        await answer(update, context, text, markup)
        return
    order = parse_order(" ".join(context.args), menus.today(deps))
    if isinstance(order, str):
        await answer(
            update, context, t(context, lang, "schoolday-bad-date", value=order[:MAX_ECHO_CHARS])
        )
        return
    refusal = _range_refusal(context, lang, order.first, order.last)
    if refusal is not None:
        await answer(update, context, refusal)
    elif order.state is None and order.first == order.last:
        text, markup = await _one_day(context, lang, order.first)
        await answer(update, context, text, markup)
    elif order.state is None:
        await answer(update, context, t(context, lang, "schoolday-usage"))
    else:
        text = await _set_days(context, who, order.first, order.last, order.state, order.reason)
        await answer(update, context, text)


@admin_only
async def schoolday_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    pressed = SCHOOL_DAY.parse(data)
    if pressed is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    if pressed.action is DayAction.SHOW:
        text, markup = await _one_day(context, who.lang, pressed.day)
        await edit_or_send(query, context, text, markup)
        return
    state = _SET_ACTIONS[pressed.action]
    text = await _set_days(context, who, pressed.day, pressed.day, state, "")
    await edit_or_send(query, context, text)


@admin_only
async def school_days_from_home(update: Update, context: Ctx, who: Person) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    text, markup = await _upcoming_days(context, who.lang)
    await answer(update, context, text, markup)


def _shown(context: Ctx, lang: str, first: date, last: date) -> str:
    """The day (or the span) once, as people read it: 12月4日 周五."""
    catalog = deps_of(context).catalog
    if first == last:
        return long_date(catalog, lang, first)
    return Html(
        t(
            context, lang, "schoolday-range",
            first=long_date(catalog, lang, first), last=long_date(catalog, lang, last),
            count=(last - first).days + 1,
        )
    )  # fmt: skip


async def _set_days(
    context: Ctx, who: Person, first: date, last: date, state: DayState, reason: str
) -> str:
    deps = deps_of(context)
    lang = who.lang
    is_open = None if state is DayState.AUTO else state is DayState.OPEN
    reason = reason[:MAX_REASON_CHARS] if is_open is not None else ""
    await calendar.set_days(deps, first, last, is_open, reason, who.user.id)
    log.info("administrator %s set %s..%s to %s", who.user.id, first, last, state)
    shown = _shown(context, lang, first, last)
    reason_html = Html(t(context, lang, "menu-closed-reason", reason=reason)) if reason else ""
    if is_open is None:
        if first == last:
            status = state_label(deps.catalog, lang, await calendar.day(deps, first))
            return t(context, lang, "schoolday-set-auto", date=shown, state=status)
        return t(context, lang, "schoolday-set-range-auto", dates=shown)
    key = "schoolday-set-open" if is_open else "schoolday-set-closed"
    return t(context, lang, key, date=shown, reason=reason_html)


async def _one_day(context: Ctx, lang: str, day: date) -> tuple[str, InlineKeyboardMarkup]:
    """A day as the calendar has it now, and buttons to change it."""
    deps = deps_of(context)
    text = t(
        context,
        lang,
        "schoolday-day",
        line=Html(day_line(deps.catalog, lang, await calendar.day(deps, day))),
    )
    markup = keyboard(
        [
            [
                (label(context, lang, "schoolday-button-closed"), SCHOOL_DAY.build(SchoolDayPress(DayAction.CLOSED, day))),
                (label(context, lang, "schoolday-button-open"), SCHOOL_DAY.build(SchoolDayPress(DayAction.OPEN, day))),
                (label(context, lang, "schoolday-button-auto"), SCHOOL_DAY.build(SchoolDayPress(DayAction.AUTO, day))),
            ]
        ]
    )  # fmt: skip
    return text, markup


async def _upcoming_days(context: Ctx, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    deps = deps_of(context)
    start = menus.today(deps)
    upcoming = await calendar.days(deps, start, LIST_DAYS)
    lines = [t(context, lang, "schoolday-list-title")]
    lines += [day_line(deps.catalog, lang, d) for d in upcoming]
    lines += ["", t(context, lang, "schoolday-usage")]
    school_days = [d.date for d in upcoming if d.is_school_day][:UPCOMING_BUTTONS]
    buttons = [
        (long_date(deps.catalog, lang, d), SCHOOL_DAY.build(SchoolDayPress(DayAction.SHOW, d)))
        for d in school_days
    ]
    return "\n".join(lines), keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


# ---- /term -------------------------------------------------------------------------------------------


@admin_only
async def term_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    args = list(context.args or [])
    if not args:
        for text in await _terms_text(context, lang):
            await answer(update, context, text)
        return
    if args[0].lower() in _DELETE_WORDS:
        await _delete_term(update, context, who, " ".join(args[1:]).strip())
        return
    if len(args) < 2:
        await answer(update, context, t(context, lang, "term-usage"))
        return
    today = menus.today(deps)
    first, last = parse_day(args[0], today), parse_day(args[1], today)
    if first is None or last is None:
        value = args[0] if first is None else args[1]
        await answer(
            update, context, t(context, lang, "schoolday-bad-date", value=value[:MAX_ECHO_CHARS])
        )
        return
    name = " ".join(args[2:]).strip()
    refusal = _range_refusal(context, lang, first, last)
    if refusal is None and not name:
        refusal = t(context, lang, "term-no-name")
    if refusal is None and len(name) > MAX_TERM_NAME_CHARS:
        refusal = t(context, lang, "term-name-too-long", max=MAX_TERM_NAME_CHARS)
    if refusal is not None:
        await answer(update, context, refusal)
        return
    change = await calendar.set_term(deps, Term(name, first, last), who.user.id)
    if change.conflict is not None:
        other = change.conflict
        text = t(
            context, lang, "term-overlaps", name=name, other=other.name,
            first=str(other.first_day), last=str(other.last_day),
        )  # fmt: skip
    else:
        log.info("administrator %s set term %r to %s..%s", who.user.id, name, first, last)
        key = f"term-{change.outcome.value}"
        text = t(context, lang, key, name=name, first=str(first), last=str(last))
    await answer(update, context, text)


async def _delete_term(update: Update, context: Ctx, who: Person, name: str) -> None:
    lang = who.lang
    if not name:
        await answer(update, context, t(context, lang, "term-usage"))
        return
    if await calendar.delete_term(deps_of(context), name):
        log.info("administrator %s deleted term %r", who.user.id, name)
        await answer(update, context, t(context, lang, "term-deleted", name=name))
    else:
        shown = name[:MAX_ECHO_CHARS]
        await answer(update, context, t(context, lang, "term-not-found", name=shown))


async def _terms_text(context: Ctx, lang: str) -> list[str]:
    """The terms as one message, or several should there ever be very many (pack)."""
    terms = await calendar.terms(deps_of(context))
    if not terms:
        return [t(context, lang, "term-list-empty") + "\n\n" + t(context, lang, "term-usage")]
    lines = [t(context, lang, "term-list-title")]
    lines += [
        t(context, lang, "term-list-line", name=term.name,
          first=str(term.first_day), last=str(term.last_day))
        for term in terms
    ]  # fmt: skip
    lines += ["", t(context, lang, "term-usage")]
    return pack(lines)


def register(app: App) -> None:
    app.add_handler(CommandHandler("schoolday", schoolday_command, filters=PRIVATE))
    app.add_handler(CommandHandler("term", term_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(schoolday_button, pattern=r"^sday:"))
    app.add_handler(
        CallbackQueryHandler(school_days_from_home, pattern=home_pattern(HomeTask.SCHOOL_DAYS))
    )
