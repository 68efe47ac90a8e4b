"""/report [week|month|term] (administrators in a private chat, and the food-safety group) and
/export [FIRST [LAST]] (administrators, sent back as a .xlsx document).

/report is the staff's figures; a parent's report of a problem is /feedback.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from bot.deps import get_deps
from bot.handlers.common import App, Ctx, InGroup, admin_only, answer, deps_of, t
from bot.notify.weekly import Album, send_report
from bot.services import export, menus, weekly_report
from bot.services.export import ExportRequest, Refusal
from bot.services.people import Person
from bot.views.export import export_in_worker

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
# Telegram takes documents from bots up to 50 MB.
DOCUMENT_LIMIT = 50 * 1024 * 1024


async def _report(update: Update, context: Ctx, lang: str) -> None:
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    period = weekly_report.parse_period(context.args or [])
    if period is None:
        await answer(update, context, t(context, lang, "report-usage"))
        return
    report = await weekly_report.on_demand(deps, period, menus.today(deps))
    if report is None:
        await answer(update, context, t(context, lang, "report-no-term"))
        return
    await send_report(deps, context.bot, chat.id, lang, Album(report))


@admin_only
async def report_private(update: Update, context: Ctx, who: Person) -> None:
    await _report(update, context, who.lang)


async def report_in_group(update: Update, context: Ctx) -> None:
    """Anyone in the food-safety group may ask: its members are the staff."""
    await _report(update, context, deps_of(context).settings.default_language)


def _refusal_text(context: Ctx, lang: str, span: Refusal, args: list[str]) -> str:
    if span.problem is export.SpanProblem.BAD_DATE:
        return t(context, lang, "export-bad-date", value=span.value[:40])
    if span.problem is export.SpanProblem.REVERSED:
        # /export FIRST runs to today.
        last = args[1] if len(args) == 2 else str(menus.today(deps_of(context)))
        return t(context, lang, "export-reversed", first=args[0], last=last)
    if span.problem is export.SpanProblem.TOO_LONG:
        return t(context, lang, "export-too-long", max=export.MAX_DAYS)
    return t(context, lang, "export-usage", days=export.DEFAULT_DAYS)


@admin_only
async def export_command(update: Update, context: Ctx, who: Person) -> None:
    deps, lang = deps_of(context), who.lang
    args = list(context.args or [])
    span = export.parse_span(args, menus.today(deps))
    if isinstance(span, Refusal):
        await answer(update, context, _refusal_text(context, lang, span, args))
        return
    await answer(
        update,
        context,
        t(context, lang, "export-working", first=str(span.first), last=str(span.last)),
    )
    chat_id = who.user.id
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    with tempfile.TemporaryDirectory(prefix="mealwatch-export-") as folder:
        target = Path(folder) / export.file_name(span)
        await _send_export(update, context, lang, await export.request(deps, span, target, lang))


async def _send_export(update: Update, context: Ctx, lang: str, request: ExportRequest) -> None:
    try:
        written = await export_in_worker(request)
    except Exception:
        log.exception("export %s..%s failed", request.first, request.last)
        await answer(update, context, t(context, lang, "export-failed"))
        return
    if written.size > DOCUMENT_LIMIT:
        size = f"{written.size / 1024 / 1024:.0f}"
        await answer(update, context, t(context, lang, "export-too-big", size=size))
        return
    chat = update.effective_chat
    assert chat is not None
    caption = t(context, lang, "export-done", first=str(request.first), last=str(request.last))
    try:
        with request.target.open("rb") as data:
            await context.bot.send_document(
                chat.id, data, filename=request.target.name, caption=caption
            )
    except TelegramError as exc:
        log.warning("could not send the export: %s", exc)
        await answer(update, context, t(context, lang, "export-failed"))


def register(app: App) -> None:
    app.add_handler(CommandHandler("report", report_private, filters=PRIVATE))
    app.add_handler(CommandHandler("report", report_in_group, filters=InGroup(get_deps(app))))
    app.add_handler(CommandHandler("export", export_command, filters=PRIVATE))
