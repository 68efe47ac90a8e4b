"""Records the simulator keeps about people, chats, files and what the bot did."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

JSONDict = dict[str, Any]

__all__ = [
    "CallbackAnswer",
    "Edit",
    "JSONDict",
    "SentMessage",
    "SimChat",
    "SimError",
    "SimFile",
    "SimStats",
    "SimUser",
]


@dataclass(slots=True)
class SimUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    opened: bool = False  # has a private chat with the bot (wrote to it, or registered so)
    blocked: bool = False

    def to_dict(self) -> JSONDict:
        d: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        if self.language_code:
            d["language_code"] = self.language_code
        return d


@dataclass(slots=True, eq=False)
class SimChat:
    id: int
    type: str  # "private" | "group" | "supergroup"
    obj: JSONDict  # the Chat object embedded in messages (cached: it never changes)
    title: str | None = None
    members: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)
    bot_status: str = "member"  # member | administrator | kicked | left
    migrated_to: int | None = None
    next_message_id: int = 1
    messages: dict[int, JSONDict] = field(default_factory=dict)  # every live message
    bot_messages: list[SentMessage] = field(default_factory=list)  # the bot's, in send order
    bot_by_id: dict[int, SentMessage] = field(default_factory=dict)

    @property
    def is_group(self) -> bool:
        return self.type != "private"


@dataclass(slots=True)
class SimFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    mime_type: str | None = None
    file_name: str | None = None
    width: int = 0
    height: int = 0

    def to_file(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def photo_sizes(self) -> list[JSONDict]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": self.width,
                "height": self.height,
                "file_size": len(self.data),
            }
        ]

    def document(self) -> JSONDict:
        d: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            d["file_name"] = self.file_name
        if self.mime_type:
            d["mime_type"] = self.mime_type
        return d


@dataclass(slots=True, frozen=True)
class Edit:
    """One edit of a bot message: the values the message had right AFTER this edit."""

    seq: int
    method: str
    text: str | None
    caption: str | None
    parse_mode: str | None
    reply_markup: JSONDict | None


@dataclass(slots=True, eq=False)
class SentMessage:
    """A message the bot sent. Mutable: edits/deletes update it in place.

    ``text``/``caption`` are the raw strings as the bot sent them (HTML included); the
    user-visible text after entity parsing is ``visible_text``. ``message`` is the current
    Telegram Message object exactly as returned to the bot. Item access (``m["text"]``) reads a
    field first, then a key of ``message``, so code written against dicts keeps working.
    """

    seq: int  # global change counter value of the latest send/edit/delete of this message
    index: int  # position among the bot's messages in this chat (the wait_for_message cursor)
    method: str
    chat_id: int
    message_id: int
    message: JSONDict
    text: str | None = None
    caption: str | None = None
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    reply_to_message_id: int | None = None
    media_group_id: str | None = None
    photo: list[JSONDict] | None = None
    document: JSONDict | None = None
    original: Edit | None = None  # the values at send time
    edits: list[Edit] = field(default_factory=list)
    deleted: bool = False

    @property
    def visible_text(self) -> str | None:
        """Text or caption as the user sees it (entities parsed, no markup)."""
        value = self.message.get("text", self.message.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def buttons(self) -> list[JSONDict]:
        """Inline keyboard buttons, flattened row by row (empty without an inline keyboard)."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button(self, text: str) -> JSONDict:
        """The inline button whose text equals or contains ``text`` (exact match wins)."""
        buttons = self.buttons
        for b in buttons:
            if b.get("text") == text:
                return b
        for b in buttons:
            if text in str(b.get("text", "")):
                return b
        raise KeyError(
            f"no button {text!r} on message {self.message_id} in chat {self.chat_id}; "
            f"buttons: {[b.get('text') for b in buttons]}"
        )

    def __getitem__(self, key: str) -> Any:
        if key in _SENT_FIELDS:
            return getattr(self, key)
        return self.message[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __repr__(self) -> str:
        flags = (" edited" if self.edits else "") + (" deleted" if self.deleted else "")
        body = self.text if self.text is not None else self.caption
        kind = "" if self.method == "sendMessage" else f" {self.method}"
        return (
            f"<SentMessage chat={self.chat_id} id={self.message_id}{kind}{flags} "
            f"{body!r} buttons={[b.get('text') for b in self.buttons]}>"
        )


_SENT_FIELDS = frozenset(f.name for f in fields(SentMessage)) | {"visible_text", "buttons"}


@dataclass(slots=True, frozen=True)
class SimError:
    """An error response the simulator returned to the bot."""

    method: str
    chat_id: int | str | None
    error_code: int
    description: str


@dataclass(slots=True, frozen=True)
class CallbackAnswer:
    id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


@dataclass(slots=True)
class SimStats:
    sends: int = 0  # successful send requests (a media group counts once)
    messages: int = 0  # messages created by the bot (a media group counts per item)
    refused_429: int = 0
    refused_429_by_chat: Counter[int] = field(default_factory=Counter)
    errors: int = 0  # every non-2xx response, 429s and injected 500s included
    faults_500: int = 0
    faults_dropped: int = 0
    faults_slow: int = 0
    faults_late: int = 0
