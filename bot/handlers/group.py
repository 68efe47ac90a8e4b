"""The food-safety group's side: case cards (with their album), buttons, replies relayed both
ways, resolution notes, /case and /cases, escalations, outbreak alerts, and leaving any other
group.

Everything sent to the group is in the school's default language. Who may act is checked on every
press with getChatMember: a card's buttons can be pressed wherever the message is visible (an
administrator's private escalation too), but only members of the group change a case. The
group is FOOD_SAFETY_CHAT_ID until Telegram moves it (handlers.supergroup): everything sent to it
goes through to_group, and everything that checks for it asks for the chat it is in now.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from telegram import (
    Bot,
    ChatMemberRestricted,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, ChatMigrated, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.deps import Deps, get_deps
from bot.handlers.common import App, Ctx, deps_of
from bot.handlers.supergroup import InGroup, moved_here, to_group
from bot.i18n import Html, escape
from bot.services import feedback as service
from bot.services import group_chat, people
from bot.storage import people as people_store
from bot.storage.cases import Case, Event, LinkKind, MessageLink
from bot.storage.clusters import Cluster
from bot.views.menus import long_date
from bot.views.ratings import FACES
from bot.views.text import pack

log = logging.getLogger(__name__)

WORDS_INLINE_MAX = 2500  # longer words go in messages of their own under the card
WORDS_CHUNK = 3800  # UTF-16 units of parent text per message (Telegram allows 4096 in all)
NOTE_SHOWN = 300
DETAIL_SHOWN = 200
ESCALATION_BUTTONS = 8
KEYWORDS_SHOWN = 10
_MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}

Links = list[MessageLink]
Anchor = tuple[int, int] | None  # (chat id, message id) of the message to reply to
# The card is stored as soon as it is sent: (chat id, message id) → None
CardRecorder = Callable[[int, int], Awaitable[None]]
# language → (lines, markup) of a message to the administrators
AdminMessage = Callable[[str], tuple[list[str], InlineKeyboardMarkup | None]]


def group_id(deps: Deps) -> int | None:
    return group_chat.current(deps)


def group_lang(deps: Deps) -> str:
    return deps.settings.default_language


def _local(deps: Deps, moment: datetime, fmt: str = "%H:%M") -> str:
    return moment.astimezone(deps.settings.tz).strftime(fmt)


def actor_name(user: User) -> str:
    return user.full_name + (f" (@{user.username})" if user.username else "")


# ---- rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a report says, from a filed case or from a draft being previewed."""

    day: date
    meal: str
    dish: str
    category: str
    rating: int | None
    affected: int | None
    onset: str
    photos: int

    @classmethod
    def of(cls, case: Case) -> Facts:
        return cls(
            case.date,
            case.meal,
            case.dish,
            case.category,
            case.rating,
            case.affected,
            case.onset,
            len(case.photos),
        )


def detail_lines(deps: Deps, lang: str, facts: Facts) -> list[str]:
    """The report's facts, shared by the card and the parent's preview."""
    c = deps.catalog
    lines = [
        c.t(
            lang,
            "fb-line-meal",
            date=long_date(c, lang, facts.day),
            meal=c.label(lang, f"meal-{facts.meal}"),
        )
    ]
    if facts.dish:
        lines.append(c.t(lang, "fb-line-dish", dish=facts.dish))
    lines.append(c.t(lang, "fb-line-category", category=c.label(lang, f"fb-cat-{facts.category}")))
    if facts.rating is not None:
        lines.append(rating_line(deps, lang, facts.rating))
    if facts.category in service.SYMPTOM_CATEGORIES:
        affected = str(facts.affected) if facts.affected else c.label(lang, "fb-unsure")
        lines.append(c.t(lang, "fb-line-affected", count=affected))
        if facts.onset:
            lines.append(c.t(lang, "fb-line-onset", onset=onset_text(deps, lang, facts.onset)))
    if facts.photos:
        lines.append(c.t(lang, "fb-line-photos", count=str(facts.photos)))
    return lines


def rating_line(deps: Deps, lang: str, score: int) -> str:
    return deps.catalog.t(lang, "fb-line-rating", face=dict(FACES)[score], score=str(score))


def onset_text(deps: Deps, lang: str, onset: str) -> str:
    return deps.catalog.label(lang, f"fb-onset-{onset}") if onset in service.ONSETS else onset


def _keywords(case: Case) -> list[str]:
    found = [r.split(":", 2)[2] for r in case.reasons if r.startswith("keyword:")]
    return found[:KEYWORDS_SHOWN]


def card_parts(deps: Deps, case: Case) -> list[str]:
    """The card (first) and, for long words, the messages carrying them. Whether the words are
    inline depends on their length only, so an edited card never changes shape."""
    lang, c = group_lang(deps), deps.catalog
    key = "fb-card-title-urgent" if case.urgent else "fb-card-title"
    lines = [c.t(lang, key, id=str(case.id))]
    lines.append(
        c.t(lang, "fb-card-class", **{"class": case.class_name or c.label(lang, "fb-unknown")})
    )
    lines += detail_lines(deps, lang, Facts.of(case))
    keywords = _keywords(case)
    if keywords:
        sep = c.label(lang, "list-separator")
        lines.append(c.t(lang, "fb-card-keywords", words=sep.join(keywords)))
    if case.anonymous or case.parent_id is None:
        lines.append(c.t(lang, "fb-card-anonymous"))
    else:
        name = case.parent_name + (f" (@{case.parent_username})" if case.parent_username else "")
        lines.append(c.t(lang, "fb-card-from", name=name))
    chunks: list[str] = []
    if not case.text:
        lines.append(c.t(lang, "fb-card-no-words"))
    elif service.utf16_len(case.text) <= WORDS_INLINE_MAX:
        lines.append(with_words(c.t(lang, "fb-card-words"), case.text))
    else:
        chunks = service.split_text(case.text, WORDS_CHUNK)
        lines.append(c.t(lang, "fb-card-words-below", count=str(len(chunks))))
    lines.append("")
    lines += status_lines(deps, case)
    parts = ["\n".join(lines)]
    for number, chunk in enumerate(chunks, start=1):
        header = c.t(
            lang, "fb-words-part", id=str(case.id), part=str(number), total=str(len(chunks))
        )
        parts.append(with_words(header, chunk))
    return parts


def status_lines(deps: Deps, case: Case) -> list[str]:
    lang, c = group_lang(deps), deps.catalog
    lines = [c.t(lang, "fb-card-status", status=c.label(lang, f"fb-status-{case.status}"))]
    if case.acknowledged_by and case.acknowledged_at:
        lines.append(
            c.t(
                lang,
                "fb-card-acknowledged",
                who=case.acknowledged_by,
                time=_local(deps, case.acknowledged_at),
            )
        )
    if case.replies and case.last_reply_by:
        lines.append(c.t(lang, "fb-card-replies", count=str(case.replies), who=case.last_reply_by))
    if case.escalations and case.status == "open":
        lines.append(c.t(lang, "fb-card-escalated", count=str(case.escalations)))
    if case.status == "resolved" and case.resolved_at:
        note = case.resolution or ""
        note = note if len(note) <= NOTE_SHOWN else note[:NOTE_SHOWN] + "…"
        lines.append(
            c.t(
                lang,
                "fb-card-resolved",
                who=case.resolved_by or "",
                time=_local(deps, case.resolved_at),
                note=note,
            )
        )
    else:
        lines.append(c.t(lang, "fb-card-hint"))
    return lines


def card_markup(deps: Deps, case: Case) -> InlineKeyboardMarkup | None:
    lang, c = group_lang(deps), deps.catalog
    row: list[InlineKeyboardButton] = []
    if case.status == "open":
        row.append(
            InlineKeyboardButton(
                c.label(lang, "fb-button-ack"), callback_data=f"case:ack:{case.id}"
            )
        )
    if case.status != "resolved":
        row.append(
            InlineKeyboardButton(
                c.label(lang, "fb-button-resolve"), callback_data=f"case:res:{case.id}"
            )
        )
    return InlineKeyboardMarkup([row]) if row else None


def case_line(deps: Deps, lang: str, case: Case) -> str:
    c = deps.catalog
    return c.t(
        lang,
        "fb-case-line",
        id=str(case.id),
        icon="🚨" if case.urgent else "⚠️",
        **{"class": case.class_name or c.label(lang, "fb-unknown")},
        date=long_date(c, lang, case.date),
        meal=c.label(lang, f"meal-{case.meal}"),
        category=c.label(lang, f"fb-cat-{case.category}"),
        status=c.label(lang, f"fb-status-{case.status}"),
    )


def event_line(deps: Deps, event: Event) -> str:
    lang, c = group_lang(deps), deps.catalog
    what = c.label(lang, f"fb-event-{event.kind}", level=event.detail)
    text = c.t(lang, "fb-event-line", time=_local(deps, event.at, "%m-%d %H:%M"), what=what)
    if event.actor_name:
        text += c.t(lang, "fb-event-who", who=event.actor_name)
    detail = event.detail
    if event.kind == "follow-up" and detail in service.FOLLOW_UP_ANSWERS:
        detail = c.label(lang, f"fb-fu-{detail}")
    if detail and event.kind in ("replied", "parent-replied", "resolved", "follow-up"):
        shown = detail if len(detail) <= DETAIL_SHOWN else detail[:DETAIL_SHOWN] + "…"
        text += c.t(lang, "fb-event-detail", detail=shown)
    return text


async def send_lines(
    bot: Bot,
    chat_id: int,
    lines: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> list[Message]:
    """Lines packed into as few messages as fit; the buttons go on the first."""
    sent: list[Message] = []
    for number, text in enumerate(pack(lines)):
        sent.append(
            await bot.send_message(
                chat_id,
                text,
                reply_markup=markup if number == 0 else None,
                reply_parameters=_reply_to(reply_to),
            )
        )
    return sent


def with_words(header: str, words: str) -> str:
    """A catalog header, then someone's own words escaped here: fluent.runtime renders "{???}"
    for a placeable longer than 2,500 characters, so long text must not go through the catalog."""
    return f"{header}\n{escape(words)}"


def _reply_to(message_id: int | None) -> ReplyParameters | None:
    if message_id is None:
        return None
    return ReplyParameters(message_id, allow_sending_without_reply=True)


def _reply_in(chat_id: int, anchor: Anchor) -> ReplyParameters | None:
    """A reply to anchor if it is in chat_id: a message id means nothing in another chat, so a
    send repeated in the group's new chat loses its thread rather than join a stranger's."""
    return _reply_to(anchor[1]) if anchor is not None and anchor[0] == chat_id else None


def _card_of(case: Case | None) -> Anchor:
    if case is None or case.card_chat_id is None or case.card_message_id is None:
        return None
    return case.card_chat_id, case.card_message_id


async def _text_to_group(
    deps: Deps,
    bot: Bot,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
    anchor: Anchor = None,
) -> Message:
    """One message to the group, in the chat it is in now."""
    chat_id = group_id(deps)
    assert chat_id is not None, "callers check that there is a group"

    async def send(chat: int) -> Message:
        return await bot.send_message(
            chat, text, reply_markup=markup, reply_parameters=_reply_in(chat, anchor)
        )

    return await to_group(deps, bot, chat_id, send)


async def _lines_to_group(
    deps: Deps,
    bot: Bot,
    lines: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    anchor: Anchor = None,
) -> list[Message]:
    """send_lines for the group: message by message, so one caught by a move is repeated alone."""
    return [
        await _text_to_group(deps, bot, text, markup if number == 0 else None, anchor)
        for number, text in enumerate(pack(lines))
    ]


async def _photos_to_group(
    deps: Deps, bot: Bot, photos: Sequence[str], anchor: Anchor, kind: LinkKind
) -> Links:
    chat_id = group_id(deps)
    if not photos or chat_id is None:
        return []
    return await to_group(
        deps, bot, chat_id, lambda chat: _send_photos(bot, chat, photos, anchor, kind)
    )


# ---- forwarding --------------------------------------------------------------------------------


def _lock(deps: Deps, name: str = "feedback_forward_lock") -> asyncio.Lock:
    lock = deps.extras.get(name)
    if lock is None:
        lock = deps.extras[name] = asyncio.Lock()
    assert isinstance(lock, asyncio.Lock)
    return lock


async def forward_pending(deps: Deps, bot: Bot) -> None:
    """Send every flagged case not yet in the group (a card, or a place in its outbreak's next
    summary), then the summaries that are due. One at a time, so a case is never sent twice; a
    case whose card could not be sent stays pending for the next tick."""
    if group_id(deps) is None:
        return
    async with _lock(deps):
        for pending in await service.unforwarded(deps):
            if await service.batch_if_clustered(deps, pending):
                continue
            case = await service.get_case(deps, pending.id)
            if case is None:
                continue
            try:
                await _send_card(deps, bot, case, partial(_forwarded, deps, case))
            except TelegramError:
                log.warning("could not forward case %s to the group", case.id, exc_info=True)
                return
            found = await service.new_cluster(deps, case)
            if found is not None:
                await _announce_cluster(deps, bot, *found)
        await _flush_batches(deps, bot)


async def _forwarded(deps: Deps, case: Case, chat_id: int, message_id: int) -> None:
    await service.mark_forwarded(deps, case, chat_id, message_id)


async def _send_card(deps: Deps, bot: Bot, case: Case, record: CardRecorder) -> None:
    """The card, then the words too long for it and the photos, as replies to it."""
    parts = card_parts(deps, case)
    card = await _text_to_group(deps, bot, parts[0], card_markup(deps, case))
    # Recorded before the rest: a failure below must not make the next tick send a second card.
    await record(card.chat_id, card.message_id)
    anchor = (card.chat_id, card.message_id)
    links: Links = []
    try:
        for part in parts[1:]:
            sent = await _text_to_group(deps, bot, part, anchor=anchor)
            links.append(MessageLink(sent.chat_id, sent.message_id, LinkKind.CARD))
        links += await _photos_to_group(deps, bot, case.photos, anchor, LinkKind.CARD)
    finally:
        await service.link(deps, case.id, links)


async def _send_photos(
    bot: Bot, chat_id: int, photos: Sequence[str], anchor: Anchor, kind: LinkKind
) -> Links:
    if not photos:
        return []
    if len(photos) == 1:
        sent = await bot.send_photo(chat_id, photos[0], reply_parameters=_reply_in(chat_id, anchor))
        return [MessageLink(chat_id, sent.message_id, kind)]
    album = await bot.send_media_group(
        chat_id,
        [InputMediaPhoto(p) for p in photos],
        reply_parameters=_reply_in(chat_id, anchor),
    )
    return [MessageLink(chat_id, m.message_id, kind) for m in album]


async def refresh_card(deps: Deps, bot: Bot, case: Case) -> None:
    """Show the case's current status and who acted on its card. Telegram edits nothing in a
    chat the group moved away from: such a card is posted again, in the group's chat."""
    if case.card_chat_id is None or case.card_message_id is None:
        return
    card_chat, card_message = case.card_chat_id, case.card_message_id
    target, current = card_chat, group_id(deps)
    if current is not None and group_chat.is_former(deps, card_chat):
        target = current

    async def show(chat: int) -> None:
        if chat != card_chat:
            await _card_again(deps, bot, case.id)
            return
        await bot.edit_message_text(
            card_parts(deps, case)[0],
            chat_id=chat,
            message_id=card_message,
            reply_markup=card_markup(deps, case),
        )

    try:
        await to_group(deps, bot, target, show)
    except BadRequest as exc:
        # "not modified" (two presses crossing) or a card deleted by hand: the data is right.
        log.info("card of case %s not edited: %s", case.id, exc)


async def _card_again(deps: Deps, bot: Bot, case_id: int) -> None:
    """The case's card, with its words and photos, posted in the group's new chat; it becomes
    the card (buttons, replies, later edits). One at a time, so two refreshes post it once."""
    async with _lock(deps, "card_again_lock"):
        case = await service.get_case(deps, case_id)
        if case is None:
            return
        here = case.card_chat_id == group_id(deps)  # another refresh posted it meanwhile
        if not here:
            await _send_card(deps, bot, case, partial(service.move_card, deps, case))
    if here:
        await refresh_card(deps, bot, case)


async def _announce_cluster(
    deps: Deps, bot: Bot, cluster: Cluster, members: Sequence[Case]
) -> None:
    try:
        await _lines_to_group(deps, bot, _cluster_lines(deps, group_lang(deps), cluster, members))
    except TelegramError:
        log.warning("could not send the outbreak alert to the group", exc_info=True)
    await _tell_admins(deps, bot, lambda lang: (_cluster_lines(deps, lang, cluster, members), None))


def _cluster_lines(deps: Deps, lang: str, cluster: Cluster, members: Sequence[Case]) -> list[str]:
    c = deps.catalog
    head = c.t(
        lang,
        "fb-cluster-alert",
        date=long_date(c, lang, cluster.date),
        meal=c.label(lang, f"meal-{cluster.meal}"),
        count=str(len(members)),
    )
    lines = [case_line(deps, lang, m) for m in members]
    return [head, *lines, c.t(lang, "fb-cluster-alert-end")]


async def _flush_batches(deps: Deps, bot: Bot) -> None:
    lang, c = group_lang(deps), deps.catalog
    for cluster, cases in await service.batches_due(deps):
        lines = [case_line(deps, lang, case) for case in cases]
        head = c.t(
            lang,
            "fb-cluster-summary",
            date=long_date(c, lang, cluster.date),
            meal=c.label(lang, f"meal-{cluster.meal}"),
            count=str(len(cases)),
        )
        try:
            await _lines_to_group(deps, bot, [head, *lines])
        except TelegramError:
            log.warning("could not send the summary of cluster %s", cluster.id, exc_info=True)
            return
        await service.mark_announced(deps, cluster, cases)


async def _tell_admins(deps: Deps, bot: Bot, render: AdminMessage) -> None:
    for admin in await people.admin_ids(deps):
        user = await people_store.get_user(deps.db, admin)
        lines, markup = render(user.language if user else deps.settings.default_language)
        try:
            await send_lines(bot, admin, lines, markup)
        except TelegramError as exc:
            # An administrator who never opened the bot cannot be messaged; the group still was.
            log.info("could not alert administrator %s: %s", admin, exc)


# ---- escalation ----------------------------------------------------------------------------------


def _ack_buttons(deps: Deps, lang: str, cases: Sequence[Case]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    deps.catalog.label(lang, "fb-button-ack-case", id=str(case.id)),
                    callback_data=f"case:ack:{case.id}",
                )
            ]
            for case in cases[:ESCALATION_BUTTONS]
        ]
    )


def _escalation_lines(deps: Deps, lang: str, minutes: int, cases: Sequence[Case]) -> list[str]:
    head = deps.catalog.t(lang, "fb-escalation", minutes=str(minutes), count=str(len(cases)))
    return [head, *(case_line(deps, lang, case) for case in cases)]


def _escalation_for_admins(deps: Deps, minutes: int, cases: Sequence[Case]) -> AdminMessage:
    def render(lang: str) -> tuple[list[str], InlineKeyboardMarkup | None]:
        lines = _escalation_lines(deps, lang, minutes, cases)
        lines.append(deps.catalog.t(lang, "fb-escalation-admin-end"))
        return lines, _ack_buttons(deps, lang, cases)

    return render


async def announce_escalations(deps: Deps, bot: Bot) -> None:
    """Re-announce unacknowledged cases in the group and to every administrator: one message
    per level and tick however many cases are late, so a burst cannot flood the group."""
    due = await service.due_escalations(deps)
    for level, cases in sorted(due.items()):
        minutes = level * deps.settings.escalate_after_minutes
        if group_id(deps) is not None:
            lang = group_lang(deps)
            single = cases[0] if len(cases) == 1 else None
            try:
                sent = await _lines_to_group(
                    deps,
                    bot,
                    _escalation_lines(deps, lang, minutes, cases),
                    _ack_buttons(deps, lang, cases),
                    _card_of(single),
                )
                if single is not None:
                    links = [MessageLink(m.chat_id, m.message_id, LinkKind.ESCALATION) for m in sent]
                    await service.link(deps, single.id, links)
            except TelegramError:
                log.warning("could not send an escalation to the group", exc_info=True)
        await _tell_admins(deps, bot, _escalation_for_admins(deps, minutes, cases))
        await service.mark_escalated(deps, level, cases)
        log.warning("escalated cases %s (level %s)", [c.id for c in cases], level)
        for case in cases:
            updated = await service.get_case(deps, case.id)
            if updated is not None:
                await refresh_card(deps, bot, updated)


# ---- the parent's side of a case ----------------------------------------------------------------


def parent_lang(deps: Deps, case: Case) -> str:
    return case.parent_lang or deps.settings.default_language


async def notify_parent(
    deps: Deps, bot: Bot, case: Case, key: str, note: str | None = None
) -> Message | None:
    """A status change in the parent's language (with the staff's note, if any); None if the
    parent cannot be reached."""
    if case.parent_id is None:
        return None
    lang = parent_lang(deps, case)
    text = deps.catalog.t(lang, key, id=str(case.id))
    if note is not None:
        text = with_words(text, note) + "\n" + deps.catalog.t(lang, "fb-thanks")
    try:
        return await bot.send_message(case.parent_id, text)
    except TelegramError as exc:
        log.info("could not tell parent %s about case %s: %s", case.parent_id, case.id, exc)
        return None


async def relay_to_parent(deps: Deps, bot: Bot, case: Case, text: str, photo: str | None) -> bool:
    """A staff reply, signed as the food-safety group; the parent can answer it by replying."""
    if case.parent_id is None:
        return False
    lang, c = parent_lang(deps, case), deps.catalog
    links: Links = []
    try:
        if photo is not None:
            sent = await bot.send_photo(
                case.parent_id, photo, caption=c.t(lang, "fb-relay-photo", id=str(case.id))
            )
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.RELAY))
        for chunk in service.split_text(text, WORDS_CHUNK) if text else []:
            header = c.t(lang, "fb-relay-to-parent", id=str(case.id))
            text_html = with_words(header, chunk) + "\n\n" + c.t(lang, "fb-relay-hint")
            sent = await bot.send_message(case.parent_id, text_html)
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.RELAY))
    except TelegramError as exc:
        log.info("could not relay a reply on case %s: %s", case.id, exc)
        return False
    finally:
        await service.link(deps, case.id, links)
    return True


async def relay_to_group(
    deps: Deps, bot: Bot, case: Case, key: str, text: str, photo: str | None
) -> bool:
    """Something the parent sent about a case, as a reply to its card (one thread per case)."""
    if group_id(deps) is None:
        return False
    lang, c = group_lang(deps), deps.catalog
    links: Links = []
    try:
        chunks = service.split_text(text, WORDS_CHUNK) if text else [""]
        for chunk in chunks:
            words = chunk or c.label(lang, "fb-photo-marker")
            sent = await _text_to_group(
                deps, bot, with_words(c.t(lang, key, id=str(case.id)), words), anchor=_card_of(case)
            )
            links.append(MessageLink(sent.chat_id, sent.message_id, LinkKind.RELAY))
        if photo is not None:
            links += await _photos_to_group(deps, bot, [photo], _card_of(case), LinkKind.RELAY)
    except TelegramError:
        log.warning("could not relay the parent's message on case %s", case.id, exc_info=True)
        return False
    finally:
        await service.link(deps, case.id, links)
    return True


# ---- who may act ---------------------------------------------------------------------------------


async def is_member(bot: Bot, chat_id: int, user_id: int) -> bool:
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except ChatMigrated:
        raise  # to_group follows the group and asks there
    except TelegramError:
        return False
    if member.status in _MEMBER_STATUSES:
        return True
    return isinstance(member, ChatMemberRestricted) and member.is_member


async def leave_foreign_groups(update: Update, context: Ctx) -> None:
    """The bot belongs in one group only: anything from another group, supergroup or channel
    makes it leave, and the update goes no further. The group is the chat it is in now; what
    still trails from a chat it moved away from is dropped, and a supergroup it may have just
    become is checked first."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    deps = deps_of(context)
    if chat.id == group_id(deps):
        return
    if group_chat.is_former(deps, chat.id):
        raise ApplicationHandlerStop
    if chat.type == ChatType.SUPERGROUP and await moved_here(deps, context.bot, chat.id):
        return
    change = update.my_chat_member
    gone = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if change is None or change.new_chat_member.status not in gone:
        log.warning("leaving chat %s (%s): it is not the food-safety group", chat.id, chat.title)
        try:
            await context.bot.leave_chat(chat.id)
        except TelegramError as exc:
            log.info("could not leave chat %s: %s", chat.id, exc)
    raise ApplicationHandlerStop


# ---- buttons ------------------------------------------------------------------------------------


async def case_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    deps = deps_of(context)
    lang, c = group_lang(deps), deps.catalog
    _, action, value = [*query.data.split(":"), "", ""][:3]
    chat_id, user_id = group_id(deps), query.from_user.id
    if chat_id is None or not await to_group(
        deps, context.bot, chat_id, lambda chat: is_member(context.bot, chat, user_id)
    ):
        await query.answer(c.label(lang, "fb-not-member"), show_alert=True)
        return
    case = await service.get_case(deps, int(value)) if value.isdigit() else None
    if case is None or case.forwarded_at is None or action not in ("ack", "res"):
        await query.answer(c.label(lang, "fb-case-unknown"), show_alert=True)
        return
    who = actor_name(query.from_user)
    if action == "ack":
        updated = await service.acknowledge(deps, case.id, query.from_user.id, who)
        if updated is None:
            await query.answer(_handled_alert(deps, case), show_alert=True)
            return
        await query.answer(c.label(lang, "fb-ack-done", id=str(case.id)))
        await refresh_card(deps, context.bot, updated)
        await notify_parent(deps, context.bot, updated, "fb-notify-acknowledged")
        return
    if case.status == "resolved":
        await query.answer(_handled_alert(deps, case), show_alert=True)
        return
    await query.answer(c.label(lang, "fb-resolve-asked"))
    mention = c.t(lang, "fb-mention", user=str(query.from_user.id), name=query.from_user.full_name)
    prompt = await _text_to_group(
        deps,
        context.bot,
        c.t(lang, "fb-resolve-prompt", who=Html(mention), id=str(case.id)),
        ForceReply(selective=True, input_field_placeholder=c.label(lang, "fb-resolve-placeholder")),
        _card_of(case),
    )
    await service.link(deps, case.id, [MessageLink(prompt.chat_id, prompt.message_id, LinkKind.RESOLVE)])


def _handled_alert(deps: Deps, case: Case) -> str:
    lang, c = group_lang(deps), deps.catalog
    if case.status == "resolved":
        return c.label(lang, "fb-already-resolved", id=str(case.id), who=case.resolved_by or "")
    return c.label(lang, "fb-already-acknowledged", id=str(case.id), who=case.acknowledged_by or "")


# ---- replies in the group -------------------------------------------------------------------------


async def group_reply(update: Update, context: Ctx) -> None:
    """A reply to a message of a case: a resolution note (to the prompt) or an answer for the
    parent (to anything else: the card, its album, a relayed message, /case, an escalation)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or message.reply_to_message is None:
        return
    deps = deps_of(context)
    found = await service.link_of(deps, message.chat_id, message.reply_to_message.message_id)
    case = await service.get_case(deps, found.case_id) if found else None
    if found is None or case is None:
        return
    lang, c = group_lang(deps), deps.catalog
    reply_here = _reply_to(message.message_id)
    if found.kind is LinkKind.RESOLVE:
        await _resolution_note(update, context, case, user)
        return
    text = message.text or message.caption or ""
    photo = message.photo[-1].file_id if message.photo else None
    if not text and photo is None:
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-relay-unsupported"), reply_parameters=reply_here
        )
        return
    if not await relay_to_parent(deps, context.bot, case, text, photo):
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-relay-failed"), reply_parameters=reply_here
        )
        return
    detail = text or c.label(lang, "fb-photo-marker")
    replied = await service.record_reply(deps, case.id, user.id, actor_name(user), detail)
    if replied is not None:
        await refresh_card(deps, context.bot, replied)


async def _resolution_note(update: Update, context: Ctx, case: Case, user: User) -> None:
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    lang, c = group_lang(deps), deps.catalog
    note = (message.text or "").strip()
    reply_here = _reply_to(message.message_id)
    if not note:
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-resolve-need-text"), reply_parameters=reply_here
        )
        return
    resolved = await service.resolve(deps, case.id, user.id, actor_name(user), note)
    if resolved is None:
        await context.bot.send_message(
            message.chat_id, _handled_alert(deps, case), reply_parameters=reply_here
        )
        return
    await refresh_card(deps, context.bot, resolved)
    sent = await notify_parent(
        deps, context.bot, resolved, "fb-notify-resolved", resolved.resolution or ""
    )
    key = "fb-resolved-done" if sent is not None else "fb-resolved-not-told"
    await context.bot.send_message(
        message.chat_id, c.t(lang, key, id=str(case.id)), reply_parameters=reply_here
    )


# ---- commands -----------------------------------------------------------------------------------


async def case_command(update: Update, context: Ctx) -> None:
    """/case N: the card (with its buttons, so a batched case can be handled from here) and the
    full history."""
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    lang, c = group_lang(deps), deps.catalog
    number = service.parse_case_number(list(context.args or []))
    if number is None:
        await context.bot.send_message(chat.id, c.t(lang, "fb-case-usage"))
        return
    case = await service.get_case(deps, number)
    if case is None or not case.flagged:
        await context.bot.send_message(chat.id, c.t(lang, "fb-case-not-found", id=str(number)))
        return
    parts = card_parts(deps, case)
    first = await context.bot.send_message(chat.id, parts[0], reply_markup=card_markup(deps, case))
    links: Links = [MessageLink(chat.id, first.message_id, LinkKind.HISTORY)]
    for part in parts[1:]:
        words = await context.bot.send_message(
            chat.id, part, reply_parameters=_reply_to(first.message_id)
        )
        links.append(MessageLink(chat.id, words.message_id, LinkKind.HISTORY))
    if case.card_message_id is None:
        await service.set_card(deps, case, chat.id, first.message_id)
        anchor = (chat.id, first.message_id)
        links += await _send_photos(context.bot, chat.id, case.photos, anchor, LinkKind.HISTORY)
    events = await service.history(deps, case.id)
    lines = [c.t(lang, "fb-history-title", id=str(case.id))]
    lines += [event_line(deps, event) for event in events]
    sent = await send_lines(context.bot, chat.id, lines, reply_to=first.message_id)
    links += [MessageLink(chat.id, m.message_id, LinkKind.HISTORY) for m in sent]
    await service.link(deps, case.id, links)


async def cases_command(update: Update, context: Ctx) -> None:
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    lang, c = group_lang(deps), deps.catalog
    cases = await service.open_cases(deps)
    if not cases:
        await context.bot.send_message(chat.id, c.t(lang, "fb-cases-empty"))
        return
    lines = [c.t(lang, "fb-cases-title", count=str(len(cases)))]
    lines += [case_line(deps, lang, case) for case in cases]
    await send_lines(context.bot, chat.id, lines)


async def group_help(update: Update, context: Ctx) -> None:
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, deps.catalog.t(group_lang(deps), "help-group"))


def register(app: App) -> None:
    app.add_handler(TypeHandler(Update, leave_foreign_groups), group=-1)
    app.add_handler(CallbackQueryHandler(case_button, pattern=r"^case:"))
    deps = get_deps(app)
    if deps.settings.food_safety_chat_id is None:
        return
    in_group = InGroup(deps)
    app.add_handler(CommandHandler("case", case_command, filters=in_group))
    app.add_handler(CommandHandler("cases", cases_command, filters=in_group))
    app.add_handler(CommandHandler("help", group_help, filters=in_group))
    app.add_handler(
        MessageHandler(
            in_group & filters.REPLY & ~filters.COMMAND & ~filters.UpdateType.EDITED, group_reply
        )
    )
