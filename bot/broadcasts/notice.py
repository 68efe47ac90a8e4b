"""Notices as a broadcast: what parents get (the preview shows the same), and the sender's one
report message, kept up to date while the notice goes out and final when it is done."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.i18n import Html, escape
from bot.services import notices
from bot.services.notices import Draft
from bot.storage import outbox as outbox_store
from bot.storage.audience import Audience
from bot.storage.outbox import Broadcast, Progress

log = logging.getLogger(__name__)
FAILURES_SHOWN = 10
REASON_MAX = 120


def render(deps: Deps, lang: str, draft: Draft, created_at: datetime) -> Rendered:
    # The body is joined outside the catalog: Fluent replaces any argument over 2,500
    # characters with "{???}", and a notice may be longer. Escaped, so it is never markup.
    header = deps.catalog.t(lang, "notice-message-header", school=deps.school(lang))
    footer = deps.catalog.t(
        lang, "notice-message-footer", date=notices.local_date(deps, created_at).isoformat()
    )
    return Rendered(
        f"{header}\n\n{escape(draft.body)}\n\n{footer}", photo=draft.photo, document=draft.document
    )


async def render_for_recipient(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    lang = await notices.language_of(deps, chat_id)
    if lang is None:
        return None
    return render(deps, lang, notices.draft_of_broadcast(broadcast), broadcast.created_at)


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
    lang = await notices.language_of(deps, chat_id) or deps.settings.default_language
    audience = Audience.from_json(broadcast.audience)
    progress = await outbox_store.progress(deps.db, broadcast.id)
    text = progress_text(deps, lang, await describe(deps, lang, audience), progress, finished)
    cache = deps.notice_reports
    if cache.get(broadcast.id) != text:
        await _show_report(bot, chat_id, message_id, text, finished)
        cache[broadcast.id] = text
    if finished:
        cache.pop(broadcast.id, None)


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
