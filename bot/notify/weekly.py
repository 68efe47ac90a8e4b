"""Sending a weekly report: its text, then its charts as one album (one photo when only one
chart has data), to the food-safety group (wherever it is now) or a private chat.

The charts are drawn once per language in a worker process (views.charts); the first chat's
upload gives Telegram file ids that the other chats reuse.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from telegram import Bot, InputMediaPhoto, Message
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.deps import Deps
from bot.notify.group import lines_to_group, send_lines, to_group
from bot.services import group_chat
from bot.services.weekly_report import Report
from bot.views import weekly as view
from bot.views.charts import draw_in_worker

log = logging.getLogger(__name__)


@dataclass
class Album:
    """One report's charts per language: PNG bytes until the first upload, file ids after."""

    report: Report
    media: dict[str, Sequence[bytes | str]] = field(default_factory=dict)
    failed: bool = False

    async def for_lang(self, deps: Deps, lang: str) -> Sequence[bytes | str]:
        found = self.media.get(lang)
        if found is None:
            try:
                found = (await draw_in_worker(view.chart_input(deps, lang, self.report))).images
            except Exception:
                # A report without its charts still carries every figure in its text.
                log.exception("could not draw the weekly report's charts")
                found = ()
                self.failed = True
            self.media[lang] = found
        return found

    def uploaded(self, lang: str, sent: Sequence[Message]) -> None:
        ids = [m.photo[-1].file_id for m in sent if m.photo]
        if ids and len(ids) == len(self.media.get(lang, ())):
            self.media[lang] = ids


async def _send_album(
    bot: Bot, chat_id: int, media: Sequence[bytes | str], caption: str
) -> Sequence[Message]:
    if len(media) == 1:
        return [await bot.send_photo(chat_id, media[0], caption=caption)]
    return await bot.send_media_group(
        chat_id,
        [
            InputMediaPhoto(item, caption=caption if number == 0 else None)
            for number, item in enumerate(media)
        ],
    )


def _is_group(deps: Deps, chat_id: int) -> bool:
    return chat_id == group_chat.current(deps) or chat_id in deps.former_group_ids


async def send_report(deps: Deps, bot: Bot, chat_id: int, lang: str, album: Album) -> None:
    """The report in one chat: its text, then its charts."""
    await send_text(deps, bot, chat_id, lang, album.report)
    await send_charts(deps, bot, chat_id, lang, album)


async def send_text(deps: Deps, bot: Bot, chat_id: int, lang: str, report: Report) -> None:
    """To the group through its moves when chat_id is the group's."""
    lines = view.report_lines(deps, lang, report)
    if _is_group(deps, chat_id):
        await lines_to_group(deps, bot, lines)
    else:
        await send_lines(bot, chat_id, lines)


async def send_charts(deps: Deps, bot: Bot, chat_id: int, lang: str, album: Album) -> None:
    in_group = _is_group(deps, chat_id)
    media = await album.for_lang(deps, lang)
    if not media:
        if album.failed:
            await _text(deps, bot, chat_id, in_group, deps.catalog.t(lang, "report-charts-failed"))
        return
    caption = view.caption(deps, lang, album.report)
    if in_group:
        sent = await to_group(
            deps, bot, chat_id, lambda chat: _send_album(bot, chat, media, caption)
        )
    else:
        sent = await _send_album(bot, chat_id, media, caption)
    album.uploaded(lang, sent)


async def _text(deps: Deps, bot: Bot, chat_id: int, in_group: bool, text: str) -> None:
    if in_group:
        await lines_to_group(deps, bot, [text])
    else:
        await bot.send_message(chat_id, text)


def refused_for_good(error: TelegramError) -> bool:
    """A chat that will not take the report however often it is tried (never opened the bot,
    blocked it, no such chat); network trouble and timeouts are worth the next tick."""
    return isinstance(error, Forbidden | BadRequest)
