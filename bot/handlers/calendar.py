"""The school calendar for administrators: /term (terms) and /schoolday (single days and ranges)."""

from __future__ import annotations

import logging
from datetime import date

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.handlers.common import App, Ctx, admin_only, answer, deps_of, t
from bot.i18n import Html
from bot.services import calendar, menus
from bot.services.menu_parser import parse_date
from bot.services.people import Person
from bot.services.schoolday import (
    MAX_RANGE_DAYS,
    MAX_TERM_NAME_CHARS,
    RangeProblem,
    Term,
    range_problem,
)
from bot.views.calendar import day_line, state_label
from bot.views.menus import long_date
from bot.views.text import pack

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
LIST_DAYS = 14
MAX_REASON_CHARS = 100
MAX_ECHO_CHARS = 40  # of a value we could not read, quoted back

_OPEN_WORDS = {"open", "school", "上课", "开放", "yes"}
_CLOSED_WORDS = {"closed", "close", "停课", "放假", "no"}
_AUTO_WORDS = {"auto", "calendar", "默认", "日历"}
_DELETE_WORDS = {"delete", "remove", "del", "删除"}
_RANGE_SEPARATORS = ("..", "~", "～")


def _span(text: str) -> tuple[date, date] | str:
    """(first, last) from ``2027-01-18`` or ``2027-01-18..2027-01-22``; else the unreadable part."""
    for separator in _RANGE_SEPARATORS:
        if separator in text:
            start, _, end = text.partition(separator)
            break
    else:
        start = end = text
    first, last = parse_date(start), parse_date(end)
    if first is None:
        return start
    if last is None:
        return end
    return first, last


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
    lang = who.lang
    args = list(context.args or [])
    if not args:
        await answer(update, context, await _upcoming_days(context, lang))
        return
    span = _span(args[0])
    if isinstance(span, str):
        await answer(
            update, context, t(context, lang, "schoolday-bad-date", value=span[:MAX_ECHO_CHARS])
        )
        return
    first, last = span
    refusal = _range_refusal(context, lang, first, last)
    word = args[1].lower() if len(args) > 1 else ""
    if refusal is None and word in _OPEN_WORDS | _CLOSED_WORDS | _AUTO_WORDS:
        await _set_days(update, context, who, first, last, word, " ".join(args[2:]))
    else:
        await answer(update, context, refusal or t(context, lang, "schoolday-usage"))


async def _set_days(
    update: Update, context: Ctx, who: Person, first: date, last: date, word: str, reason: str
) -> None:
    deps = deps_of(context)
    lang = who.lang
    is_open = None if word in _AUTO_WORDS else word in _OPEN_WORDS
    reason = reason[:MAX_REASON_CHARS] if is_open is not None else ""
    await calendar.set_days(deps, first, last, is_open, reason, who.user.id)
    log.info("administrator %s set %s..%s to %s", who.user.id, first, last, word)
    shown: str = long_date(deps.catalog, lang, first) + f" {first.isoformat()}"
    if first != last:
        shown = Html(
            t(
                context, lang, "schoolday-range",
                first=shown, last=long_date(deps.catalog, lang, last) + f" {last.isoformat()}",
                count=(last - first).days + 1,
            )
        )  # fmt: skip
    reason_html = Html(t(context, lang, "menu-closed-reason", reason=reason)) if reason else ""
    if is_open is None:
        if first == last:
            state = state_label(deps.catalog, lang, await calendar.day(deps, first))
            text = t(context, lang, "schoolday-set-auto", date=shown, state=state)
        else:
            text = t(context, lang, "schoolday-set-range-auto", dates=shown)
    else:
        key = "schoolday-set-open" if is_open else "schoolday-set-closed"
        text = t(context, lang, key, date=shown, reason=reason_html)
    await answer(update, context, text)


async def _upcoming_days(context: Ctx, lang: str) -> str:
    deps = deps_of(context)
    start = menus.today(deps)
    lines = [t(context, lang, "schoolday-list-title")]
    lines += [day_line(deps.catalog, lang, d) for d in await calendar.days(deps, start, LIST_DAYS)]
    lines += ["", t(context, lang, "schoolday-usage")]
    return "\n".join(lines)


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
    first, last = parse_date(args[0]), parse_date(args[1])
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
