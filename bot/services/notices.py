"""School notices: composing (the "notice" flow), choosing who gets them, publishing, reading.

The draft and the chosen audience live in the conversations table, so a restart in the middle
of composing loses nothing; publishing writes the broadcast and its delivery rows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.delivery.outbox import outbox_of
from bot.deps import Deps
from bot.services import people
from bot.services.inputs import parse_int
from bot.services.menu_parser import ALLERGENS
from bot.services.people import FLOW_TTL
from bot.storage import notice_confirms as confirm_store
from bot.storage import outbox as outbox_store
from bot.storage import people as people_store

# Audience, Broadcast and Progress are re-exported: handlers name them without reaching into storage.
from bot.storage.audience import Audience as Audience
from bot.storage.audience import recipients
from bot.storage.outbox import Broadcast as Broadcast
from bot.storage.outbox import BroadcastKind
from bot.storage.outbox import Progress as Progress
from bot.storage.people import ClassRecord, Conversation

NOTICE_FLOW = "notice"
KIND = BroadcastKind.NOTICE
# Telegram allows 1024 characters in a caption and 4096 in a message; the header and the date
# take the rest, in either language.
CAPTION_MAX = 900
TEXT_MAX = 3500
RECENT_COUNT = 5
EXCERPT_MAX = 300
# "你说我改": what parents asked for, cited above what changed.
ASKED_MAX = 500


class Step(StrEnum):
    ASKED = "asked"  # a "你说我改" notice: what parents asked for, first
    COMPOSE = "compose"
    AUDIENCE = "audience"
    PREVIEW = "preview"


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too-long"


@dataclass(frozen=True)
class Draft:
    body: str
    photo: str | None = None  # Telegram file_id
    document: str | None = None  # Telegram file_id
    asked: str = ""  # "你说我改": what parents asked for ("" for an ordinary notice)

    @property
    def has_attachment(self) -> bool:
        return self.photo is not None or self.document is not None

    @property
    def limit(self) -> int:
        return CAPTION_MAX if self.has_attachment else TEXT_MAX

    def to_json(self) -> dict[str, str]:
        data = {"body": self.body}
        if self.photo is not None:
            data["photo"] = self.photo
        if self.document is not None:
            data["document"] = self.document
        if self.asked:
            data["asked"] = self.asked
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        photo, document = data.get("photo"), data.get("document")
        return cls(
            body=str(data.get("body", "")),
            photo=str(photo) if photo else None,
            document=str(document) if document else None,
            asked=str(data.get("asked", "")),
        )


def text_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), so an emoji-heavy notice is not
    accepted here and then refused by Telegram."""
    return len(text.encode("utf-16-le")) // 2


def check(draft: Draft) -> Problem | None:
    if not draft.body:
        return Problem.EMPTY
    if text_length(draft.body) + text_length(draft.asked) > draft.limit:
        return Problem.TOO_LONG
    return None


def make_draft(text: str | None, photo: str | None = None, document: str | None = None) -> Draft:
    return Draft((text or "").strip(), photo, document)


# ---- the flow: compose → audience → preview → published -----------------------------------------


async def begin(deps: Deps, user_id: int, changed: bool = False) -> None:
    """changed: a "你说我改" notice, which first asks what parents asked for."""
    await _save(deps, user_id, Step.ASKED if changed else Step.COMPOSE, {})


def clean_asked(text: str | None) -> str | None:
    """What parents asked for, as cited; None when empty or over ASKED_MAX."""
    cleaned = (text or "").strip()
    return cleaned if cleaned and text_length(cleaned) <= ASKED_MAX else None


async def accept_asked(deps: Deps, conv: Conversation, asked: str) -> Conversation:
    return await _save(deps, conv.user_id, Step.COMPOSE, {"asked": asked})


def asked_of(conv: Conversation) -> str:
    return str(conv.data.get("asked", ""))


def confirm_of(conv: Conversation) -> bool:
    """Whether parents are asked to confirm they read the notice (已阅)."""
    return conv.data.get("confirm") is True


async def toggle_confirm(deps: Deps, conv: Conversation) -> Conversation:
    data = {**conv.data, "confirm": not confirm_of(conv)}
    return await _save(deps, conv.user_id, Step(conv.step), data)


def draft_of(conv: Conversation) -> Draft:
    return Draft.from_json(conv.data.get("draft") or {})


def audience_of(conv: Conversation) -> Audience | None:
    data = conv.data.get("audience")
    return Audience.from_json(data) if isinstance(data, dict) else None


def menu_message_of(conv: Conversation) -> int | None:
    """The message whose buttons currently drive the flow; older keyboards are stale."""
    value = conv.data.get("menu")
    return value if isinstance(value, int) else None


def with_asked(conv: Conversation, draft: Draft) -> Draft:
    """The draft with what parents asked for, when the flow is a "你说我改" notice."""
    return replace(draft, asked=asked_of(conv))


async def accept_draft(deps: Deps, conv: Conversation, draft: Draft) -> Conversation:
    data = {"draft": with_asked(conv, draft).to_json(), "asked": asked_of(conv)}
    return await _save(deps, conv.user_id, Step.AUDIENCE, data)


async def set_menu_message(deps: Deps, conv: Conversation, message_id: int) -> Conversation:
    return await _save(deps, conv.user_id, Step(conv.step), {**conv.data, "menu": message_id})


async def choose_audience(deps: Deps, conv: Conversation, audience: Audience) -> Conversation:
    data = {**conv.data, "audience": audience.to_json()}
    return await _save(deps, conv.user_id, Step.PREVIEW, data)


async def change_audience(deps: Deps, conv: Conversation) -> Conversation:
    data = {k: v for k, v in conv.data.items() if k != "audience"}
    return await _save(deps, conv.user_id, Step.AUDIENCE, data)


async def note_album(deps: Deps, conv: Conversation, media_group_id: str) -> bool:
    """True the first time an album is seen in this flow: each of its photos arrives as its own
    message, and one explanation is enough."""
    if conv.data.get("album") == media_group_id:
        return False
    await _save(deps, conv.user_id, Step(conv.step), {**conv.data, "album": media_group_id})
    return True


async def _save(deps: Deps, user_id: int, step: Step, data: dict[str, Any]) -> Conversation:
    # Every step renews the 30-minute window, like the other flows.
    expires = deps.clock.now() + FLOW_TTL
    await people_store.save_conversation(deps.db, user_id, NOTICE_FLOW, step, data, expires)
    return Conversation(user_id, NOTICE_FLOW, step, data, expires)


# ---- audiences ----------------------------------------------------------------------------------


async def grades(deps: Deps) -> list[str]:
    return await people.grades(deps)


async def classes_in_grade(deps: Deps, grade_index: int) -> tuple[str, list[ClassRecord]] | None:
    return await people.classes_in_grade(deps, grade_index)


async def audience_for(deps: Deps, kind: str, value: str = "") -> Audience | None:
    """The audience a picker button stands for; None when it no longer makes sense (a class
    removed, a grade list that changed since the keyboard was drawn)."""
    if kind == "all":
        return Audience()
    number = parse_int(value)
    if kind == "grade" and number is not None:
        names = await grades(deps)
        return Audience(kind="grade", grade=names[number]) if number < len(names) else None
    if kind == "class" and number is not None:
        cls = await people_store.class_by_id(deps.db, number)
        return Audience(kind="class", class_id=cls.id) if cls is not None else None
    if kind == "allergen" and value in ALLERGENS:
        return Audience(kind="allergen", allergen=value)
    return None


async def audience_subject(deps: Deps, audience: Audience) -> str:
    """What the audience is narrowed by, for its description: a grade, a class name or an
    allergen key ("" for everyone)."""
    if audience.kind == "grade":
        return audience.grade or ""
    if audience.kind == "class":
        cls = await people_store.class_by_id(deps.db, audience.class_id or 0)
        return cls.name if cls is not None else f"#{audience.class_id}"
    if audience.kind == "allergen":
        return audience.allergen or ""
    return ""


async def recipients_of(deps: Deps, audience: Audience) -> list[int]:
    return await recipients(deps.db, audience)


# ---- publishing ---------------------------------------------------------------------------------


async def publish(
    deps: Deps,
    conv: Conversation,
    chats: list[int],
    report_chat_id: int,
    report_message_id: int,
) -> int:
    """Write the broadcast with one delivery row per chat, end the flow, start sending.

    The report message is sent by the caller first, so the progress watcher never sees the
    broadcast without it."""
    draft, audience = draft_of(conv), audience_of(conv)
    assert audience is not None and chats
    confirm = confirm_of(conv)
    # A confirm-notice's or a "你说我改" notice's options go in with it: the outbox never sees
    # the notice without them.
    options = confirm_store.options_writer(confirm, draft.asked) if confirm or draft.asked else None
    broadcast_id = await outbox_store.create_broadcast(
        deps.db,
        KIND,
        chats,
        deps.clock.now(),
        body=draft.body,
        photo_file_id=draft.photo,
        document_file_id=draft.document,
        audience=audience.to_json(),
        created_by=conv.user_id,
        report_chat_id=report_chat_id,
        with_rows=options,
    )
    assert broadcast_id is not None  # only menus and reminders are unique per date
    await outbox_store.set_report_message(deps.db, broadcast_id, report_message_id)
    await people_store.clear_conversation(deps.db, conv.user_id)
    outbox_of(deps).wake()
    return broadcast_id


# ---- reading ------------------------------------------------------------------------------------


def local_date(deps: Deps, moment: datetime) -> date:
    return moment.astimezone(deps.settings.tz).date()


def draft_of_broadcast(broadcast: Broadcast, asked: str = "") -> Draft:
    return Draft(broadcast.body, broadcast.photo_file_id, broadcast.document_file_id, asked)


async def recent_for(deps: Deps, chat_id: int) -> list[Broadcast]:
    """The latest notices meant for this person, newest first."""
    return await outbox_store.recent_notices_for(deps.db, chat_id, RECENT_COUNT)


def excerpt(body: str, limit: int = EXCERPT_MAX) -> str:
    """A long notice shortened for the /notices list (the whole text is in the chat above)."""
    return body if len(body) <= limit else body[: limit - 1].rstrip() + "…"


async def language_of(deps: Deps, user_id: int) -> str | None:
    """The person's language, or None when they no longer exist (data erased)."""
    user = await people_store.get_user(deps.db, user_id)
    return user.language if user is not None else None
