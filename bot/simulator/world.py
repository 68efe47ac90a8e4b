"""The simulated world: the bot, the people, their chats, messages and files, the update queue.

``World`` holds every piece of the simulator's state and the few operations every part
needs (chat lookup, file storage, message ids, queueing an update, change notification). The
parts built on it — ``methods`` (the Bot API), ``people`` (acting as people), ``waiting``
(reading and waiting) and ``http`` (the server) — each add behaviour, not state.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import mimetypes
import struct
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .limits import Faults, RateLimiter, RateLimits
from .models import (
    CallbackAnswer,
    JSONDict,
    SentMessage,
    SimChat,
    SimError,
    SimFile,
    SimStats,
    SimUser,
)
from .params import Params, bad

__all__ = [
    "TINY_PNG",
    "Handler",
    "World",
    "image_size",
    "member_dict",
    "scope_key",
    "without_reply",
]

Handler = Callable[[Params], Any]


def _tiny_png() -> bytes:
    """A valid 2x2 PNG, the default picture for ``send_photo``."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


TINY_PNG = _tiny_png()


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG/JPEG/GIF/WEBP/BMP, or None if it is not a known image."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            w, h = struct.unpack(">II", data[16:24])
            return int(w), int(h)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            w, h = struct.unpack("<HH", data[6:10])
            return int(w), int(h)
        if data[:2] == b"BM":
            w, h = struct.unpack("<ii", data[18:26])
            return abs(int(w)), abs(int(h))
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return 512, 512  # size is codec-specific; any plausible value will do
        if data[:2] == b"\xff\xd8":
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    break
                marker = data[i + 1]
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                    return int(w), int(h)
                (seg_len,) = struct.unpack(">H", data[i + 2 : i + 4])
                i += 2 + int(seg_len)
            return 800, 600  # a JPEG whose SOF we could not find: still an image
    except struct.error:
        return None
    return None


def without_reply(message: JSONDict) -> JSONDict:
    # Telegram embeds the replied-to message one level deep only.
    if "reply_to_message" not in message:
        return message
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def member_dict(status: str, user: JSONDict) -> JSONDict:
    """A ChatMember object; administrator/kicked carry the fields PTB requires."""
    if status == "administrator":
        return {
            "status": status,
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": True,
        }
    if status == "kicked":
        return {"status": status, "user": user, "until_date": 0}
    return {"status": status, "user": user}


def scope_key(scope: JSONDict | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True, separators=(",", ":"))


class World:
    """All the simulator's state, and the operations shared by its parts."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_id: int = 123456,
        bot_username: str = "MealWatchTestBot",
        *,
        bot_first_name: str = "MealWatch",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        supports_inline_queries: bool = False,
        strict_html: bool = True,
        rate_limits: RateLimits | None = None,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.can_join_groups = can_join_groups
        # Telegram "privacy mode": unless True (or the bot is a group admin) the bot only
        # receives group messages that are commands, replies to it or mention it.
        self.can_read_all_group_messages = can_read_all_group_messages
        self.supports_inline_queries = supports_inline_queries
        # strict_html also rejects bare '&' and '>' that Telegram itself would let through.
        self.strict_html = strict_html
        self.faults = faults or Faults()
        self._limiter = RateLimiter(rate_limits or RateLimits())
        self._host = host
        self._port = port
        self._clock = clock

        # What the bot did / what happened.
        self.sent: list[SentMessage] = []
        self.errors: list[SimError] = []
        self.requests: Counter[str] = Counter()
        self.stats = SimStats()
        self.callback_answers: list[CallbackAnswer] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}
        self.left_chats: list[int] = []
        self.chat_actions: list[tuple[int, str]] = []

        # World state.
        self.users: dict[int, SimUser] = {}
        self._chats: dict[int, SimChat] = {}
        self._usernames: dict[str, int] = {}
        self.files: dict[str, SimFile] = {}
        self._files_by_path: dict[str, SimFile] = {}
        self._file_counter = itertools.count(1)
        self._media_group_counter = itertools.count(13_000_000_000_001)
        self._callback_counter = itertools.count(1)
        self._pending_callbacks: dict[str, JSONDict] = {}
        self._answers_by_id: dict[str, CallbackAnswer] = {}

        # Updates for getUpdates.
        self._updates: deque[JSONDict] = deque()
        self._next_update_id = 1
        self._update_event = asyncio.Event()

        # Change notification for waiters; replaced after each set() so every waiter that
        # grabbed the old one wakes exactly once.
        self._changed = asyncio.Event()
        self._seq = 0

        # Read cursors of wait_for_message / wait_for_edit (see ``waiting``).
        self._cursors: dict[int, int] = {}
        self._edit_cursors: dict[tuple[int, int], int] = {}

        # The server (see ``http``): forced 429s, extra methods, the running site.
        self._forced_429: list[int] = [0, 0]  # [retry_after, remaining count]
        self._extra: dict[str, Handler] = {}
        self._runner: web.AppRunner | None = None
        self._base = ""
        self._stopping = False

    # ------------------------------------------------------------------ change notification

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _wake_pollers(self) -> None:
        self._update_event.set()
        self._update_event = asyncio.Event()

    def _bump(self) -> int:
        self._seq += 1
        return self._seq

    # ------------------------------------------------------------------ chat resolution

    def _private_chat(self, user: SimUser) -> SimChat:
        chat = self._chats.get(user.id)
        if chat is None:
            obj: JSONDict = {"id": user.id, "type": "private", "first_name": user.first_name}
            if user.last_name:
                obj["last_name"] = user.last_name
            if user.username:
                obj["username"] = user.username
            chat = SimChat(id=user.id, type="private", obj=obj, members={user.id})
            self._chats[user.id] = chat
        return chat

    def _resolve_chat_id(self, raw: str | None) -> int:
        if raw is None or raw == "":
            raise bad("chat_id is empty")
        try:
            return int(raw)
        except ValueError:
            if raw.startswith("@") and raw[1:].lower() in self._usernames:
                return self._usernames[raw[1:].lower()]
            raise bad("chat not found") from None

    def _group(self, chat_id: int) -> SimChat:
        chat = self._chats.get(chat_id)
        if chat is None or not chat.is_group:
            raise KeyError(f"unknown group {chat_id}")
        return chat

    # ------------------------------------------------------------------ files

    def _store_file(
        self,
        data: bytes,
        kind: str,
        file_name: str | None = None,
        mime_type: str | None = None,
        size: tuple[int, int] | None = None,
    ) -> SimFile:
        n = next(self._file_counter)
        if kind == "photo":
            ext, folder = "jpg", "photos"
            mime_type = mime_type or "image/jpeg"
        else:
            folder = "documents"
            suffix = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else ""
            ext = suffix or (mimetypes.guess_extension(mime_type or "") or ".bin").lstrip(".")
        width, height = size or (0, 0)
        f = SimFile(
            file_id=f"SIM{kind[:3].upper()}{n:07d}",
            file_unique_id=f"U{n:07d}",
            data=data,
            file_path=f"{folder}/file_{n}.{ext}",
            mime_type=mime_type,
            file_name=file_name,
            width=width,
            height=height,
        )
        self.files[f.file_id] = f
        self._files_by_path[f.file_path] = f
        return f

    # ------------------------------------------------------------------ message bookkeeping

    def _new_message_id(self, chat: SimChat) -> int:
        mid = chat.next_message_id
        chat.next_message_id += 1
        return mid

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------------ updates for the bot

    def _enqueue(self, update: JSONDict) -> int:
        uid = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": uid, **update})
        self._wake_pollers()
        self._notify()
        return uid
