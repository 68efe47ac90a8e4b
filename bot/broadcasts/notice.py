"""Notices as a broadcast: what parents get (the preview shows the same), and the sender's one
report message, kept up to date while the notice goes out and final when it is done."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.i18n import Html, escape
from bot.services import notice_confirms, notices
from bot.services.inputs import parse_int
from bot.services.notice_confirms import Confirmations
from bot.services.notices import Draft
from bot.storage import outbox as outbox_store
from bot.storage.audience import Audience
from bot.storage.outbox import Broadcast, Progress
from bot.views.survey_callbacks import SEEN

log = logging.getLogger(__name__)
FAILURES_SHOWN = 10
REASON_MAX = 120
# A confirm-notice's report is edited as parents confirm, at most this often (one edit per
# tap would run into Telegram's limit on edits to one chat when many confirm at once).
CONFIRM_REFRESH_SECONDS = 2.0


def render(
    deps: Deps, lang: str, draft: Draft, created_at: datetime, seen: int | None = None
) -> Rendered:
    """seen: the notice's id when parents are asked to confirm it (the 已阅 button)."""
    # The body is joined outside the catalog: Fluent replaces any argument over 2,500
    # characters with "{???}", and a notice may be longer. Escaped, so it is never markup.
    catalog = deps.catalog
    if draft.asked:
        header = catalog.t(lang, "notice-changed-header", school=deps.school(lang))
        body = (
            f"{catalog.t(lang, 'notice-changed-asked')}\n{escape(draft.asked)}\n\n"
            f"{catalog.t(lang, 'notice-changed-done')}\n{escape(draft.body)}"
        )
    else:
        header = catalog.t(lang, "notice-message-header", school=deps.school(lang))
        body = escape(draft.body)
    footer = catalog.t(
        lang, "notice-message-footer", date=notices.local_date(deps, created_at).isoformat()
    )
    markup = None
    if seen is not None:
        button = InlineKeyboardButton(
            catalog.label(lang, "notice-button-seen"), callback_data=SEEN.build(seen)
        )
        markup = InlineKeyboardMarkup([[button]])
    return Rendered(
        f"{header}\n\n{body}\n\n{footer}", markup, photo=draft.photo, document=draft.document
    )


def seen_done_markup(deps: Deps, lang: str, notice_id: int) -> InlineKeyboardMarkup:
    """Under a notice once the parent confirmed it: the button says so (a tap changes nothing)."""
    label = deps.catalog.label(lang, "notice-button-seen-done")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=SEEN.build(notice_id))]]
    )


async def _render_notice(
    deps: Deps, broadcast: Broadcast, chat_id: int, reminder: bool
) -> Rendered | None:
    lang = await notices.language_of(deps, chat_id)
    if lang is None:
        return None
    options = await notice_confirms.options(deps, broadcast.id)
    asked = options.asked if options is not None else ""
    seen = broadcast.id if options is not None and options.confirm else None
    rendered = render(
        deps, lang, notices.draft_of_broadcast(broadcast, asked), broadcast.created_at, seen
    )
    if not reminder:
        return rendered
    note = deps.catalog.t(lang, "notice-reminder-note")
    return Rendered(
        f"{note}\n\n{rendered.text}", rendered.markup, rendered.photo, rendered.document
    )


async def render_for_recipient(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    return await _render_notice(deps, broadcast, chat_id, reminder=False)


async def render_reminder(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    """The notice again, for a parent who has not confirmed it (none once they have)."""
    value = broadcast.audience.get("notice_id")
    notice_id = parse_int(str(value), low=1) if value is not None else None
    notice = None if notice_id is None else await outbox_store.get_broadcast(deps.db, notice_id)
    if notice is None or await notice_confirms.has_confirmed(deps, notice.id, chat_id):
        return None
    return await _render_notice(deps, notice, chat_id, reminder=True)


async def describe(deps: Deps, lang: str, audience: Audience) -> str:
    """The audience in words; plain text (arguments escape it where it is shown)."""
    subject = await notices.audience_subject(deps, audience)
    catalog = deps.catalog
    if audience.kind == "grade":
        return catalog.label(lang, "notice-to-grade", grade=subject)
    if audience.kind == "class":
        return catalog.label(lang, "notice-to-class", **{"class": subject})
    if audience.kind == "allergen":
        allergen = catalog.label(lang, f"allergen-{subject}")
        return catalog.label(lang, "notice-to-allergen", allergen=allergen)
    return catalog.label(lang, "notice-to-all")


def progress_text(
    deps: Deps,
    lang: str,
    described: str,
    progress: Progress,
    finished: bool,
    confirmations: Confirmations | None = None,
) -> str:
    """confirmations: a confirm-notice's counts, shown live under the delivery figures."""
    text = _delivery_text(deps, lang, described, progress, finished)
    if confirmations is not None:
        text += "\n" + deps.catalog.t(
            lang,
            "notice-report-confirmed",
            confirmed=confirmations.confirmed,
            waiting=confirmations.waiting,
        )
    return text


def _delivery_text(
    deps: Deps, lang: str, described: str, progress: Progress, finished: bool
) -> str:
    catalog = deps.catalog
    counts: dict[str, Any] = {
        "audience": described,
        "sent": progress.sent,
        "blocked": progress.blocked,
        "failed": progress.failed,
    }
    if not finished:
        done = progress.total - progress.pending
        return catalog.t(lang, "notice-progress", done=done, total=progress.total, **counts)
    text = catalog.t(lang, "notice-report", total=progress.total, **counts)
    if progress.failures:
        lines = [
            catalog.t(lang, "notice-report-failure", chat=str(chat), reason=reason[:REASON_MAX])
            for chat, reason in progress.failures[:FAILURES_SHOWN]
        ]
        hidden = progress.failed - len(lines)
        if hidden > 0:
            lines.append(catalog.t(lang, "notice-report-more", count=hidden))
        text += "\n\n" + catalog.t(lang, "notice-report-failures", lines=Html("\n".join(lines)))
    return text


async def watch_notice(deps: Deps, bot: ExtBot[Any], broadcast: Broadcast, finished: bool) -> None:
    """Keep the sender's one report message up to date; at the end it becomes the final report."""
    chat_id = broadcast.report_chat_id
    if chat_id is None:
        return
    message_id = broadcast.report_message_id
    if message_id is None:
        # Read before publish() stored it (or the process died in between): look again.
        fresh = await outbox_store.get_broadcast(deps.db, broadcast.id)
        message_id = fresh.report_message_id if fresh is not None else None
        if message_id is None and not finished:
            return
    text = await _report_text(deps, broadcast, chat_id, finished)
    cache = deps.notice_reports
    if cache.get(broadcast.id) != text:
        await _show_report(bot, chat_id, message_id, text, finished)
        cache[broadcast.id] = text
    if finished:
        cache.pop(broadcast.id, None)


async def _report_text(deps: Deps, broadcast: Broadcast, chat_id: int, finished: bool) -> str:
    lang = await notices.language_of(deps, chat_id) or deps.settings.default_language
    audience = Audience.from_json(broadcast.audience)
    progress = await outbox_store.progress(deps.db, broadcast.id)
    confirmations = await notice_confirms.figures(deps, broadcast.id)
    described = await describe(deps, lang, audience)
    return progress_text(deps, lang, described, progress, finished, confirmations)


async def refresh_confirmations(deps: Deps, bot: Bot, notice_id: int) -> None:
    """A parent confirmed: bring the sender's report up to date, at most every
    CONFIRM_REFRESH_SECONDS (later taps in that time are shown by one delayed edit)."""
    deps.confirm_stale.add(notice_id)
    lock = deps.lock(f"notice-confirm-report:{notice_id}")
    if lock.locked():
        return  # the edit in progress goes round once more for this tap
    async with lock:
        while notice_id in deps.confirm_stale:
            last = deps.confirm_reports.get(notice_id, 0.0)
            wait = last + CONFIRM_REFRESH_SECONDS - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            deps.confirm_stale.discard(notice_id)
            deps.confirm_reports[notice_id] = time.monotonic()
            await _edit_confirmations(deps, bot, notice_id)


async def _edit_confirmations(deps: Deps, bot: Bot, notice_id: int) -> None:
    broadcast = await outbox_store.get_broadcast(deps.db, notice_id)
    if broadcast is None or broadcast.report_chat_id is None:
        return
    if broadcast.status == "sending" or broadcast.report_message_id is None:
        return  # while the notice goes out, the outbox's watcher shows the counts
    text = await _report_text(deps, broadcast, broadcast.report_chat_id, finished=True)
    try:
        await bot.edit_message_text(
            text, chat_id=broadcast.report_chat_id, message_id=broadcast.report_message_id
        )
    except TelegramError as exc:
        if "not modified" not in str(exc).lower():
            log.warning("could not update the confirmations of notice %s: %s", notice_id, exc)


async def _show_report(
    bot: ExtBot[Any], chat_id: int, message_id: int | None, text: str, finished: bool
) -> None:
    try:
        if message_id is not None:
            await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
            return
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return  # after a restart the cache is empty; the message already says this
        log.warning("could not update notice report %s in %s: %s", message_id, chat_id, exc)
    except TelegramError as exc:
        log.warning("could not update notice report %s in %s: %s", message_id, chat_id, exc)
    # No report message to edit (deleted, or never stored): the final word still gets through.
    if finished:
        try:
            await bot.send_message(chat_id, text)
        except TelegramError as exc:
            log.warning("could not send the notice report to %s: %s", chat_id, exc)


NOTICE = KindHandlers(render=render_for_recipient, watch=watch_notice)
NOTICE_REMINDER = KindHandlers(render=render_reminder)
