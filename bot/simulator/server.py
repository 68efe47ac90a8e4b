"""A local Telegram Bot API server for tests, benchmarks and demos.

An unmodified python-telegram-bot ``Application`` runs against it via
``ApplicationBuilder().base_url(sim.base_url).base_file_url(sim.file_url)``. The simulator
speaks the Bot API's wire format (form-urlencoded / multipart requests, ``{"ok": ...}``
responses with Telegram's HTTP status codes), validates output the way Telegram does, and
records what the bot did so tests can assert on it. Test code drives it from the same event
loop through the Python control API (``send_text``, ``press_button``, ``wait_for_message``...).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import itertools
import json
import mimetypes
import re
import struct
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from .limits import Faults, RateLimiter, RateLimits
from .models import (
    CallbackAnswer,
    Edit,
    JSONDict,
    SentMessage,
    SimChat,
    SimError,
    SimFile,
    SimStats,
    SimUser,
)
from .tg_html import EntityParseError, parse_html, utf16_len

__all__ = ["ApiError", "BotAPISimulator"]

T = TypeVar("T")
Handler = Callable[["Params"], Any]

_dumps = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
# Methods that create messages: subject to flood limits and fault injection.
_SEND_METHODS = frozenset(
    {"sendmessage", "sendphoto", "senddocument", "sendmediagroup", "copymessage"}
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_BOT_COMMAND_RE = re.compile(r"/[^\s]+")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_MAX_UPLOAD = 60 * 1024 * 1024


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


def _image_size(data: bytes) -> tuple[int, int] | None:
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


class ApiError(Exception):
    """Raised by method handlers; becomes ``{"ok": false, ...}`` with ``code`` as HTTP status."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def _bad(description: str, parameters: JSONDict | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", parameters)


def _migrated(chat: SimChat) -> ApiError:
    return _bad(
        "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to}
    )


@dataclass(slots=True)
class Upload:
    filename: str | None
    data: bytes
    content_type: str | None


class Params:
    """Request parameters as the Bot API receives them: every value a string (PTB JSON-encodes
    all non-string values), plus uploaded multipart files."""

    __slots__ = ("files", "values")

    def __init__(self, values: dict[str, str], files: dict[str, Upload]) -> None:
        self.values = values
        self.files = files

    def get_str(self, name: str) -> str | None:
        return self.values.get(name)

    def get_int(self, name: str) -> int | None:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return int(raw)
        except ValueError:
            raise _bad(f"invalid {name} specified") from None

    def get_float(self, name: str) -> float | None:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return float(raw)
        except ValueError:
            raise _bad(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        return self.values.get(name, "").lower() in ("true", "1")

    def get_json(self, name: str) -> Any:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise _bad(f"can't parse {name} JSON object") from None


def _without_reply(message: JSONDict) -> JSONDict:
    # Telegram embeds the replied-to message one level deep only.
    if "reply_to_message" not in message:
        return message
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def _member_dict(status: str, user: JSONDict) -> JSONDict:
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


def _scope_key(scope: JSONDict | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True, separators=(",", ":"))


class BotAPISimulator:
    """Local Bot API server plus a control API acting as the people the bot talks to.

    Cursor semantics of :meth:`wait_for_message`: each chat has a read cursor (an index into
    the bot's messages to that chat, starting at 0). ``wait_for_message`` returns the first
    bot message at or after the cursor that satisfies ``predicate`` (waiting for it if needed)
    and moves the cursor just past it; non-matching messages in between are skipped for good.
    ``since=N`` starts the scan at index N instead (the cursor still only moves forward).
    ``cursor(chat_id)`` reads the cursor and ``skip(chat_id)`` moves it to the end.
    """

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
        self._cursors: dict[int, int] = {}
        self._edit_cursors: dict[tuple[int, int], int] = {}
        self._forced_429: list[int] = [0, 0]  # [retry_after, remaining count]
        self._extra: dict[str, Handler] = {}

        self._runner: web.AppRunner | None = None
        self._base = ""
        self._stopping = False
        self._handlers: dict[str, Handler] = {
            "getme": self._m_get_me,
            "logout": self._m_true,
            "close": self._m_true,
            "deletewebhook": self._m_delete_webhook,
            "getwebhookinfo": self._m_get_webhook_info,
            "sendmessage": self._m_send_message,
            "sendphoto": self._m_send_photo,
            "senddocument": self._m_send_document,
            "sendmediagroup": self._m_send_media_group,
            "copymessage": self._m_copy_message,
            "editmessagetext": self._m_edit_text,
            "editmessagecaption": self._m_edit_caption,
            "editmessagereplymarkup": self._m_edit_markup,
            "deletemessage": self._m_delete_message,
            "answercallbackquery": self._m_answer_callback,
            "getfile": self._m_get_file,
            "setmycommands": self._m_set_commands,
            "getmycommands": self._m_get_commands,
            "deletemycommands": self._m_delete_commands,
            "getchat": self._m_get_chat,
            "getchatmember": self._m_get_chat_member,
            "leavechat": self._m_leave_chat,
            "sendchataction": self._m_send_chat_action,
            "setchatmenubutton": self._m_set_menu_button,
            "getchatmenubutton": self._m_get_menu_button,
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        app.router.add_post("/_sim/send_text", self._ctl_send_text)
        app.router.add_post("/_sim/send_photo", self._ctl_send_photo)
        app.router.add_post("/_sim/send_document", self._ctl_send_document)
        app.router.add_post("/_sim/press_button", self._ctl_press_button)
        app.router.add_get("/_sim/messages", self._ctl_messages)
        app.router.add_get("/_sim/file/{file_id}", self._ctl_file)
        app.router.add_route("OPTIONS", "/_sim/{tail:.*}", self._ctl_preflight)
        # handler_cancellation: a long-poll whose client went away must not linger.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        host, port = runner.addresses[0][:2]
        self._runner = runner
        self._stopping = False
        self._base = f"http://{host}:{port}"

    async def stop(self) -> None:
        self._stopping = True
        self._wake_pollers()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPISimulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (the control surface lives under ``/_sim/``)."""
        if not self._base:
            raise RuntimeError("simulator not started")
        return self._base

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends ``{token}/{method}``."""
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``: PTB appends ``{token}/{path}``."""
        return f"{self.url}/file/bot"

    # ------------------------------------------------------------------ configuration

    @property
    def rate_limits(self) -> RateLimits:
        return self._limiter.limits

    def set_rate_limits(self, limits: RateLimits) -> None:
        """Replace the flood limits (state starts fresh)."""
        self._limiter = RateLimiter(limits)

    def force_retry_after(self, seconds: int, count: int = 1) -> None:
        """The next ``count`` send requests get 429 with ``retry_after=seconds``."""
        self._forced_429 = [max(1, int(seconds)), count]

    def register_method(self, name: str, handler: Callable[[Params], Any]) -> None:
        """Serve an extra Bot API method; ``handler`` returns the result or raises ApiError."""
        self._extra[name.lower()] = handler

    # ------------------------------------------------------------------ HTTP: Bot API

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.requests[method] += 1
        key = method.lower()
        if request.match_info["token"] != self.token:
            return self._error(method, None, ApiError(401, "Unauthorized"))
        handler = self._handlers.get(key) or self._extra.get(key)
        if handler is None and key != "getupdates":
            return self._error(method, None, ApiError(404, "Not Found"))
        try:
            params = await self._read_params(request)
        except (ValueError, UnicodeDecodeError):
            return self._error(method, None, _bad("can't parse request parameters"))
        chat_ref = self._chat_ref(params)
        try:
            if key in _SEND_METHODS:
                refused = await self._pre_send(request, chat_ref)
                if refused is not None:
                    return refused
            if key == "getupdates":
                result = await self._get_updates(params)
            else:
                assert handler is not None
                result = handler(params)
                if key in _SEND_METHODS:
                    self.stats.sends += 1
        except ApiError as exc:
            return self._error(method, chat_ref, exc)
        except (KeyError, TypeError, ValueError) as exc:
            # Malformed input (e.g. a media item without "type"): Telegram answers 400 too.
            error = _bad(f"invalid request parameters ({type(exc).__name__}: {exc})")
            return self._error(method, chat_ref, error)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result}, dumps=_dumps)

    async def _pre_send(
        self, request: web.Request, chat_ref: int | str | None
    ) -> web.Response | None:
        """Forced 429s, injected faults and flood limits, checked before the send happens."""
        method = request.match_info["method"]
        if self._forced_429[1] > 0:
            self._forced_429[1] -= 1
            return self._refuse_429(method, chat_ref, self._forced_429[0])
        fault = self.faults.roll()
        if fault == "error_500":
            self.stats.faults_500 += 1
            return self._error(method, chat_ref, ApiError(500, "Internal Server Error"))
        if fault == "drop":
            self.stats.faults_dropped += 1
            if request.transport is not None:
                # Closing the transport makes aiohttp skip the response quietly; the client
                # sees "server disconnected without sending a response".
                request.transport.close()
            return web.Response(status=500)
        if fault == "slow":
            self.stats.faults_slow += 1
            # A client that gives up first closes the connection, which cancels this handler.
            await asyncio.sleep(self.faults.slow_seconds)
        if isinstance(chat_ref, int):
            chat = self._chats.get(chat_ref)
            is_group = chat.is_group if chat is not None else chat_ref < 0
            retry = self._limiter.check(chat_ref, is_group)
        else:
            retry = self._limiter.check(0, False)
        if retry is not None:
            return self._refuse_429(method, chat_ref, retry)
        return None

    def _refuse_429(self, method: str, chat_ref: int | str | None, retry: int) -> web.Response:
        self.stats.refused_429 += 1
        if isinstance(chat_ref, int):
            self.stats.refused_429_by_chat[chat_ref] += 1
        return self._error(
            method,
            chat_ref,
            ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}),
        )

    def _error(self, method: str, chat_ref: int | str | None, exc: ApiError) -> web.Response:
        self.errors.append(SimError(method, chat_ref, exc.code, exc.description))
        self.stats.errors += 1
        body: JSONDict = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.code, dumps=_dumps)

    @staticmethod
    def _chat_ref(params: Params) -> int | str | None:
        raw = params.values.get("chat_id")
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            return raw

    @staticmethod
    async def _read_params(request: web.Request) -> Params:
        values: dict[str, str] = dict(request.query) if request.query_string else {}
        files: dict[str, Upload] = {}
        if request.body_exists:
            if request.content_type == "application/json":
                body = await request.json()
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                for k, v in body.items():
                    values[k] = v if isinstance(v, str) else json.dumps(v)
            else:
                form = await request.post()
                for k, v in form.items():
                    if isinstance(v, web.FileField):
                        files[k] = Upload(v.filename, v.file.read(), v.content_type)
                    elif isinstance(v, bytes | bytearray):
                        values[k] = bytes(v).decode("utf-8")
                    else:
                        values[k] = v
        return Params(values, files)

    async def _handle_download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        f = self._files_by_path.get(request.match_info["path"])
        if f is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=f.data, content_type=f.mime_type or "application/octet-stream")

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
            raise _bad("chat_id is empty")
        try:
            return int(raw)
        except ValueError:
            if raw.startswith("@") and raw[1:].lower() in self._usernames:
                return self._usernames[raw[1:].lower()]
            raise _bad("chat not found") from None

    def _chat_for(self, params: Params, *, sending: bool = True, key: str = "chat_id") -> SimChat:
        """The chat a method addresses, failing exactly as Telegram would."""
        cid = self._resolve_chat_id(params.values.get(key))
        user = self.users.get(cid)
        if user is not None:
            if sending and user.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if not user.opened:
                raise _bad("chat not found")
            return self._private_chat(user)
        chat = self._chats.get(cid)
        if chat is None or not chat.is_group:
            raise _bad("chat not found")
        kind = chat.type if chat.type in ("supergroup", "channel") else "group"
        if chat.migrated_to is not None:
            raise _migrated(chat)
        if chat.bot_status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        if chat.bot_status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return chat

    # ------------------------------------------------------------------ validation helpers

    def _format(
        self, params: Params, text_key: str, *, caption: bool
    ) -> tuple[str | None, list[JSONDict]]:
        """Validate text/caption like Telegram; returns (visible text, entities)."""
        raw = params.values.get(text_key)
        if caption and (raw is None or raw == ""):
            return None, []
        if raw is None:
            raise _bad("message text is empty")
        explicit = params.get_json("caption_entities" if caption else "entities")
        mode = (params.values.get("parse_mode") or "").lower()
        entities: list[JSONDict]
        if isinstance(explicit, list):
            visible, entities = raw, explicit  # explicit entities win over parse_mode
        elif mode == "html":
            try:
                visible, entities = parse_html(raw, strict=self.strict_html)
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        elif mode in ("", "markdown", "markdownv2"):
            visible, entities = raw, []  # Markdown is not validated by the simulator
        else:
            raise _bad("unsupported parse_mode")
        stripped = visible.strip()
        if caption:
            if utf16_len(stripped) > 1024:
                raise _bad("message caption is too long")
        else:
            if not stripped:
                raise _bad("message text is empty")
            if utf16_len(stripped) > 4096:
                raise _bad("message is too long")
        return visible, entities

    @staticmethod
    def _reply_markup(params: Params) -> JSONDict | None:
        raw = params.values.get("reply_markup")
        if raw is None or raw == "":
            return None
        try:
            markup = json.loads(raw)
        except ValueError:
            raise _bad("can't parse reply keyboard markup JSON object") from None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup  # reply keyboards / remove / force_reply: accepted as they are
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
        count = 0
        for row in rows:
            for button in row:
                count += 1
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad("can't parse inline keyboard button: Text must be a String")
                actions = [a for a in _BUTTON_ACTIONS if a in button]
                if not actions:
                    raise _bad("text buttons are unallowed in the inline keyboard")
                if len(actions) > 1:
                    raise _bad(
                        "can't parse inline keyboard button: exactly one of the optional "
                        f"fields must be used, got {actions}"
                    )
                if "callback_data" in button:
                    data = button["callback_data"]
                    if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
                if "url" in button:
                    url = button["url"]
                    if not isinstance(url, str) or not url.startswith(
                        ("http://", "https://", "tg://")
                    ):
                        raise _bad("BUTTON_URL_INVALID")
        if count > 100:
            raise _bad("reply markup is too long")
        return markup

    def _reply_to(self, params: Params, chat: SimChat) -> tuple[int | None, JSONDict | None]:
        rp = params.get_json("reply_parameters")
        source = chat
        if isinstance(rp, dict) and rp.get("message_id") is not None:
            mid = int(rp["message_id"])
            allow = bool(rp.get("allow_sending_without_reply"))
            if rp.get("chat_id") is not None:  # a reply to a message in another chat
                other = self._chats.get(self._resolve_chat_id(str(rp["chat_id"])))
                if other is None:
                    raise _bad("chat not found")
                source = other
        else:
            mid_opt = params.get_int("reply_to_message_id")
            if mid_opt is None:
                return None, None
            mid = mid_opt
            allow = params.get_bool("allow_sending_without_reply")
        ref = source.messages.get(mid)
        if ref is None:
            if allow:
                return None, None
            raise _bad("message to be replied not found")
        return mid, _without_reply(ref)

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

    def _input_file(self, params: Params, value: str | None, part: str, kind: str) -> SimFile:
        """Resolve an InputFile: an uploaded part, ``attach://name``, a file_id or a URL."""
        upload = params.files.get(part)
        if upload is None and value is not None and value.startswith("attach://"):
            upload = params.files.get(value[len("attach://") :])
            if upload is None:
                raise _bad("wrong file identifier/HTTP URL specified")
        if upload is not None:
            if not upload.data:
                raise _bad("file must be non-empty")
            if kind == "photo":
                size = _image_size(upload.data)
                if size is None:
                    raise _bad("IMAGE_PROCESS_FAILED")
                if size[0] + size[1] > 10000 or min(size) == 0 or max(size) / min(size) > 20:
                    raise _bad("PHOTO_INVALID_DIMENSIONS")
                return self._store_file(upload.data, kind, upload.filename, None, size)
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self._store_file(upload.data, kind, upload.filename, mime)
        if not value:
            raise _bad(f"there is no {kind} in the request")
        existing = self.files.get(value)
        if existing is not None:
            return existing
        if value.startswith(("http://", "https://")):
            # Telegram would download it; we cannot, so remember a placeholder.
            name = value.rsplit("/", 1)[-1] or None
            return self._store_file(b"", kind, name, None, (800, 600))
        raise _bad("wrong file identifier/HTTP URL specified")

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

    def _record(
        self,
        method: str,
        chat: SimChat,
        content: JSONDict,
        *,
        text: str | None = None,
        caption: str | None = None,
        parse_mode: str | None = None,
        reply_markup: JSONDict | None = None,
        reply_to: tuple[int | None, JSONDict | None] = (None, None),
        media_group_id: str | None = None,
        photo: list[JSONDict] | None = None,
        document: JSONDict | None = None,
    ) -> SentMessage:
        mid = self._new_message_id(chat)
        msg: JSONDict = {
            "message_id": mid,
            "from": self._bot_user(),
            "chat": chat.obj,
            "date": int(self._clock()),
        }
        if reply_to[1] is not None:
            msg["reply_to_message"] = reply_to[1]
        if media_group_id is not None:
            msg["media_group_id"] = media_group_id
        msg.update(content)
        # Only inline keyboards appear in Message.reply_markup; reply keyboards do not.
        if reply_markup is not None and "inline_keyboard" in reply_markup:
            msg["reply_markup"] = reply_markup
        chat.messages[mid] = msg
        seq = self._bump()
        sent = SentMessage(
            seq=seq,
            index=len(chat.bot_messages),
            method=method,
            chat_id=chat.id,
            message_id=mid,
            message=msg,
            text=text,
            caption=caption,
            parse_mode=parse_mode,
            reply_markup=reply_markup,
            reply_to_message_id=reply_to[0],
            media_group_id=media_group_id,
            photo=photo,
            document=document,
            original=Edit(seq, method, text, caption, parse_mode, reply_markup),
        )
        chat.bot_messages.append(sent)
        chat.bot_by_id[mid] = sent
        self.sent.append(sent)
        self.stats.messages += 1
        return sent

    # ------------------------------------------------------------------ Bot API methods

    def _m_true(self, params: Params) -> bool:
        return True

    def _m_get_me(self, params: Params) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _m_delete_webhook(self, params: Params) -> bool:
        if params.get_bool("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_get_webhook_info(self, params: Params) -> JSONDict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    async def _get_updates(self, params: Params) -> list[JSONDict]:
        offset = params.get_int("offset")
        limit = min(max(params.get_int("limit") or 100, 1), 100)
        timeout = params.get_float("timeout") or 0.0
        updates = self._updates
        if offset is not None:
            if offset < 0:
                while len(updates) > -offset:
                    updates.popleft()
            else:
                # Confirming is "forget everything below offset": O(confirmed) amortised.
                while updates and updates[0]["update_id"] < offset:
                    updates.popleft()
        if not updates and timeout > 0 and not self._stopping:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while not updates and not self._stopping:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                event = self._update_event
                try:
                    await asyncio.wait_for(event.wait(), remaining)
                except TimeoutError:
                    break
        return list(itertools.islice(updates, limit))

    def _m_send_message(self, params: Params) -> JSONDict:
        chat = self._chat_for(params)
        visible, entities = self._format(params, "text", caption=False)
        markup = self._reply_markup(params)
        reply_to = self._reply_to(params, chat)
        content: JSONDict = {"text": visible}
        if entities:
            content["entities"] = entities
        return self._record(
            "sendMessage",
            chat,
            content,
            text=params.values["text"],
            parse_mode=params.values.get("parse_mode"),
            reply_markup=markup,
            reply_to=reply_to,
        ).message

    def _caption_content(self, params: Params) -> JSONDict:
        visible, entities = self._format(params, "caption", caption=True)
        content: JSONDict = {}
        if visible is not None:
            content["caption"] = visible
            if entities:
                content["caption_entities"] = entities
        return content

    def _m_send_photo(self, params: Params) -> JSONDict:
        return self._send_file(params, "sendPhoto", "photo")

    def _m_send_document(self, params: Params) -> JSONDict:
        return self._send_file(params, "sendDocument", "document")

    def _send_file(self, params: Params, method: str, kind: str) -> JSONDict:
        """sendPhoto / sendDocument: a stored file plus an optional caption."""
        chat = self._chat_for(params)
        content = self._caption_content(params)
        markup = self._reply_markup(params)
        reply_to = self._reply_to(params, chat)
        f = self._input_file(params, params.values.get(kind), kind, kind)
        if kind == "photo":
            attachment: Any = f.photo_sizes()
            extra: dict[str, Any] = {"photo": attachment}
        else:
            attachment = f.document()
            extra = {"document": attachment}
        content[kind] = attachment
        return self._record(
            method,
            chat,
            content,
            caption=params.values.get("caption"),
            parse_mode=params.values.get("parse_mode"),
            reply_markup=markup,
            reply_to=reply_to,
            **extra,
        ).message

    def _m_send_media_group(self, params: Params) -> list[JSONDict]:
        chat = self._chat_for(params)
        media = params.get_json("media")
        if not isinstance(media, list) or not all(isinstance(m, dict) for m in media):
            raise _bad("can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise _bad("wrong number of media in the album: must be 2-10")
        kinds = {m.get("type") for m in media}
        if not kinds <= {"photo", "document"}:
            raise _bad(f"media type {sorted(map(str, kinds))} is not supported by the simulator")
        if len(kinds) > 1:
            raise _bad("document can't be mixed with other media types")
        reply_to = self._reply_to(params, chat)
        # Validate every item before creating any message: an album is all-or-nothing.
        prepared: list[tuple[JSONDict, SimFile, str | None, str | None]] = []
        for item in media:
            item_params = Params(
                {
                    k: v if isinstance(v, str) else json.dumps(v)
                    for k, v in item.items()
                    if v is not None
                },
                params.files,
            )
            content = self._caption_content(item_params)
            media_ref = item.get("media")
            f = self._input_file(
                params, media_ref if isinstance(media_ref, str) else None, "", str(item["type"])
            )
            prepared.append((content, f, item.get("caption"), item.get("parse_mode")))
        group_id = str(next(self._media_group_counter))
        result: list[JSONDict] = []
        for content, f, caption, parse_mode in prepared:
            photo = f.photo_sizes() if "photo" in kinds else None
            document = f.document() if "document" in kinds else None
            if photo is not None:
                content["photo"] = photo
            if document is not None:
                content["document"] = document
            sent = self._record(
                "sendMediaGroup",
                chat,
                content,
                caption=caption,
                parse_mode=parse_mode,
                reply_to=reply_to,
                media_group_id=group_id,
                photo=photo,
                document=document,
            )
            result.append(sent.message)
        return result

    def _m_copy_message(self, params: Params) -> JSONDict:
        chat = self._chat_for(params)
        source_chat = self._chat_for(params, sending=False, key="from_chat_id")
        mid = params.get_int("message_id")
        source = source_chat.messages.get(mid) if mid is not None else None
        if source is None:
            raise _bad("message to copy not found")
        content: JSONDict = {
            k: source[k]
            for k in ("text", "entities", "photo", "document", "caption", "caption_entities")
            if k in source
        }
        if "caption" in params.values:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption_content(params))
        markup = self._reply_markup(params)
        sent = self._record(
            "copyMessage",
            chat,
            content,
            text=content.get("text"),
            caption=params.values.get("caption", content.get("caption")),
            parse_mode=params.values.get("parse_mode"),
            reply_markup=markup,
            reply_to=self._reply_to(params, chat),
            photo=content.get("photo"),
            document=content.get("document"),
        )
        return {"message_id": sent.message_id}

    def _edit_target(self, params: Params) -> tuple[SimChat, SentMessage]:
        if params.values.get("inline_message_id"):
            raise _bad("message to edit not found")  # inline mode is not simulated
        chat = self._chat_for(params)
        mid = params.get_int("message_id")
        if mid is None:
            raise _bad("message identifier is not specified")
        sent = chat.bot_by_id.get(mid)
        if sent is None or sent.deleted:
            if mid in chat.messages:
                raise _bad("message can't be edited")
            raise _bad("message to edit not found")
        return chat, sent

    def _apply_edit(
        self,
        method: str,
        chat: SimChat,
        sent: SentMessage,
        new: JSONDict,
        markup: JSONDict | None,
    ) -> JSONDict:
        new["edit_date"] = int(self._clock())
        if markup is not None and "inline_keyboard" in markup:
            new["reply_markup"] = markup
        else:
            new.pop("reply_markup", None)
        sent.message = new
        chat.messages[sent.message_id] = new
        sent.reply_markup = markup
        sent.seq = self._bump()
        sent.edits.append(
            Edit(sent.seq, method, sent.text, sent.caption, sent.parse_mode, sent.reply_markup)
        )
        return new

    def _m_edit_text(self, params: Params) -> JSONDict:
        chat, sent = self._edit_target(params)
        visible, entities = self._format(params, "text", caption=False)
        markup = self._reply_markup(params)
        cur = sent.message
        if "text" not in cur:
            raise _bad("there is no text in the message to edit")
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if (
            cur["text"] == visible
            and cur.get("entities", []) == entities
            and cur.get("reply_markup") == inline
        ):
            raise _bad(_NOT_MODIFIED)
        new = dict(cur)
        new["text"] = visible
        if entities:
            new["entities"] = entities
        else:
            new.pop("entities", None)
        sent.text = params.values["text"]
        sent.parse_mode = params.values.get("parse_mode")
        # Omitting reply_markup removes the inline keyboard, exactly like Telegram.
        return self._apply_edit("editMessageText", chat, sent, new, markup)

    def _m_edit_caption(self, params: Params) -> JSONDict:
        chat, sent = self._edit_target(params)
        cur = sent.message
        if "text" in cur:
            raise _bad("there is no caption in the message to edit")
        content = self._caption_content(params)
        markup = self._reply_markup(params)
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if (
            cur.get("caption") == content.get("caption")
            and cur.get("caption_entities", []) == content.get("caption_entities", [])
            and cur.get("reply_markup") == inline
        ):
            raise _bad(_NOT_MODIFIED)
        new = {k: v for k, v in cur.items() if k not in ("caption", "caption_entities")}
        new.update(content)
        sent.caption = params.values.get("caption")
        sent.parse_mode = params.values.get("parse_mode")
        return self._apply_edit("editMessageCaption", chat, sent, new, markup)

    def _m_edit_markup(self, params: Params) -> JSONDict:
        chat, sent = self._edit_target(params)
        markup = self._reply_markup(params)
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if sent.message.get("reply_markup") == inline:
            raise _bad(_NOT_MODIFIED)
        return self._apply_edit("editMessageReplyMarkup", chat, sent, dict(sent.message), markup)

    def _m_delete_message(self, params: Params) -> bool:
        chat = self._chat_for(params)
        mid = params.get_int("message_id")
        if mid is None or chat.messages.pop(mid, None) is None:
            raise _bad("message to delete not found")
        sent = chat.bot_by_id.get(mid)
        if sent is not None:
            sent.deleted = True
            sent.seq = self._bump()
        return True

    def _m_answer_callback(self, params: Params) -> bool:
        qid = params.values.get("callback_query_id", "")
        if self._pending_callbacks.pop(qid, None) is None:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = params.values.get("text")
        if text is not None and utf16_len(text) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        answer = CallbackAnswer(
            id=qid,
            text=text,
            show_alert=params.get_bool("show_alert"),
            url=params.values.get("url"),
            cache_time=params.get_int("cache_time"),
        )
        self.callback_answers.append(answer)
        self._answers_by_id[qid] = answer
        return True

    def _m_get_file(self, params: Params) -> JSONDict:
        f = self.files.get(params.values.get("file_id", ""))
        if f is None:
            raise _bad("invalid file_id")
        return f.to_file()

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = params.get_json("scope")
        if isinstance(scope, dict) and "chat_id" in scope:
            # A scope naming an upgraded group fails like any call to it.
            chat = self._chats.get(self._resolve_chat_id(str(scope["chat_id"])))
            if chat is not None and chat.migrated_to is not None:
                raise _migrated(chat)
        return _scope_key(scope if isinstance(scope, dict) else None), (
            params.values.get("language_code") or ""
        )

    def _m_set_commands(self, params: Params) -> bool:
        commands = params.get_json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for c in commands:
            if not isinstance(c, dict) or not _COMMAND_RE.fullmatch(str(c.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            description = c.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(params)] = commands
        return True

    def _m_get_commands(self, params: Params) -> list[JSONDict]:
        return self.commands.get(self._commands_key(params), [])

    def _m_delete_commands(self, params: Params) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _m_get_chat(self, params: Params) -> JSONDict:
        chat = self._chat_for(params, sending=False)
        return {
            **chat.obj,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member(self, chat: SimChat, user_id: int) -> JSONDict:
        if user_id == self.bot_id:
            user = self._bot_user()
            status = chat.bot_status
        else:
            known = self.users.get(user_id)
            if known is None:
                raise _bad("PARTICIPANT_ID_INVALID")
            user = known.to_dict()
            if user_id in chat.admins:
                status = "administrator"
            elif user_id in chat.members:
                status = "member"
            else:
                status = "left"
        return _member_dict(status, user)

    def _m_get_chat_member(self, params: Params) -> JSONDict:
        chat = self._chat_for(params, sending=False)
        user_id = params.get_int("user_id")
        if user_id is None:
            raise _bad("user_id is empty")
        return self._member(chat, user_id)

    def _m_leave_chat(self, params: Params) -> bool:
        chat = self._chat_for(params, sending=False)
        if not chat.is_group:
            raise _bad("chat member status can't be changed in private chats")
        chat.bot_status = "left"
        self.left_chats.append(chat.id)
        return True

    def _m_send_chat_action(self, params: Params) -> bool:
        chat = self._chat_for(params)
        action = params.values.get("action", "")
        if action not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self.chat_actions.append((chat.id, action))
        return True

    def _m_set_menu_button(self, params: Params) -> bool:
        cid = params.get_int("chat_id")
        button = params.get_json("menu_button")
        self.menu_buttons[cid] = button if isinstance(button, dict) else {"type": "default"}
        return True

    def _m_get_menu_button(self, params: Params) -> JSONDict:
        return self.menu_buttons.get(params.get_int("chat_id"), {"type": "default"})

    # ------------------------------------------------------------------ control: people

    def _enqueue(self, update: JSONDict) -> int:
        uid = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": uid, **update})
        self._wake_pollers()
        self._notify()
        return uid

    def add_user(
        self,
        user_id: int,
        first_name: str = "家长",
        language_code: str | None = "zh",
        username: str | None = None,
        last_name: str | None = None,
        *,
        open_chat: bool = False,
    ) -> JSONDict:
        """Register a Telegram user (re-registering updates the profile). The private chat
        counts as opened (the bot may message the user) once the user writes or if
        ``open_chat``."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = SimUser(user_id, first_name)
        user.first_name = first_name
        user.language_code = language_code
        user.username = username
        user.last_name = last_name
        if username:
            self._usernames[username.lower()] = user_id
        chat = self._chats.get(user_id)
        if chat is not None:  # keep the cached private Chat object in step with the profile
            chat.obj.clear()
            chat.obj.update({"id": user_id, "type": "private", "first_name": first_name})
            chat.obj.update(
                {k: v for k, v in (("last_name", last_name), ("username", username)) if v}
            )
        if open_chat:
            user.opened = True
        return user.to_dict()

    def add_group(
        self,
        chat_id: int,
        title: str,
        member_ids: Iterable[int] = (),
        admin_ids: Iterable[int] = (),
        type: str = "supergroup",
        *,
        bot_admin: bool = False,
    ) -> JSONDict:
        """Create a group the bot is in. Unknown member ids are registered as users. The bot
        is an administrator if ``bot_admin`` or its id is in ``admin_ids``."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if type not in ("group", "supergroup", "channel"):
            raise ValueError("type must be 'group', 'supergroup' or 'channel'")
        admins = set(admin_ids)
        members = set(member_ids) | admins
        for uid in members:
            if uid != self.bot_id and uid not in self.users:
                self.add_user(uid, first_name=f"User{uid}")
        bot_admin = bot_admin or self.bot_id in admins
        members.discard(self.bot_id)
        admins.discard(self.bot_id)
        chat = SimChat(
            id=chat_id,
            type=type,
            obj={"id": chat_id, "type": type, "title": title},
            title=title,
            members=members,
            admins=admins,
            bot_status="administrator" if bot_admin else "member",
        )
        self._chats[chat_id] = chat
        return chat.obj

    def _ensure_user(self, user_id: int) -> SimUser:
        if user_id not in self.users:
            self.add_user(user_id, first_name=f"User{user_id}")
        return self.users[user_id]

    def _chat_of(self, user: SimUser, chat_id: int | None) -> SimChat:
        """The chat a person writes in; writing opens (and un-blocks) a private chat."""
        if chat_id is None or chat_id == user.id:
            if user.blocked:
                self.unblock(user.id)  # writing again = "Restart bot"
            user.opened = True
            return self._private_chat(user)
        chat = self._chats.get(chat_id)
        if chat is None or not chat.is_group:
            raise KeyError(f"unknown group {chat_id}: call add_group() first")
        if chat.migrated_to is not None:
            raise ValueError(f"group {chat_id} was migrated to {chat.migrated_to}")
        chat.members.add(user.id)
        return chat

    def _bot_receives(self, chat: SimChat, msg: JSONDict) -> bool:
        if not chat.is_group:
            return True
        if chat.bot_status not in ("member", "administrator"):
            return False
        if self.can_read_all_group_messages or chat.bot_status == "administrator":
            return True
        text = str(msg.get("text") or msg.get("caption") or "")
        reply = msg.get("reply_to_message") or {}
        return (
            text.startswith("/")
            or reply.get("from", {}).get("id") == self.bot_id
            or f"@{self.bot_username}".lower() in text.lower()
        )

    def _user_message(
        self, user: SimUser, chat: SimChat, content: JSONDict, reply_to: int | None
    ) -> JSONDict:
        msg: JSONDict = {
            "message_id": self._new_message_id(chat),
            "from": user.to_dict(),
            "chat": chat.obj,
            "date": int(self._clock()),
        }
        if reply_to is not None:
            ref = chat.messages.get(reply_to)
            if ref is None:
                raise KeyError(f"no message {reply_to} in chat {chat.id} to reply to")
            msg["reply_to_message"] = _without_reply(ref)
        msg.update(content)
        chat.messages[msg["message_id"]] = msg
        if self._bot_receives(chat, msg):
            self._enqueue({"message": msg})
        return msg

    def send_text(
        self, user_id: int, text: str, chat_id: int | None = None, reply_to: int | None = None
    ) -> JSONDict:
        """The user writes ``text``; a leading ``/command`` (or ``/command@Bot``) gets a
        bot_command entity. Returns the Message dict delivered in the update."""
        user = self._ensure_user(user_id)
        chat = self._chat_of(user, chat_id)
        content: JSONDict = {"text": text}
        m = _BOT_COMMAND_RE.match(text)
        if m:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(m.group())}
            ]
        return self._user_message(user, chat, content, reply_to)

    def send_photo(
        self,
        user_id: int,
        data: bytes = TINY_PNG,
        caption: str | None = None,
        chat_id: int | None = None,
        media_group_id: str | None = None,
        reply_to: int | None = None,
    ) -> JSONDict:
        """The user sends a photo (stored, so the bot can getFile + download it)."""
        user = self._ensure_user(user_id)
        chat = self._chat_of(user, chat_id)
        f = self._store_file(data, "photo", size=_image_size(data) or (800, 600))
        content: JSONDict = {"photo": f.photo_sizes()}
        if caption is not None:
            content["caption"] = caption
        if media_group_id is not None:
            content["media_group_id"] = media_group_id
        return self._user_message(user, chat, content, reply_to)

    def send_document(
        self,
        user_id: int,
        filename: str,
        data: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSONDict:
        """The user sends a file (stored, so the bot can getFile + download it)."""
        user = self._ensure_user(user_id)
        chat = self._chat_of(user, chat_id)
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        f = self._store_file(data, "document", filename, mime)
        content: JSONDict = {"document": f.document()}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user, chat, content, reply_to)

    def send_content(
        self,
        user_id: int,
        content: JSONDict,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSONDict:
        """The user sends any other kind of message (sticker, voice, location, contact, poll…):
        ``content`` holds its Message fields, e.g. ``{"sticker": {...}}``."""
        user = self._ensure_user(user_id)
        chat = self._chat_of(user, chat_id)
        return self._user_message(user, chat, dict(content), reply_to)

    def send_update(self, raw_update: JSONDict) -> int:
        """Queue an arbitrary update (``update_id`` is assigned); returns the update_id."""
        update = {k: v for k, v in raw_update.items() if k != "update_id"}
        return self._enqueue(update)

    def _resolve_message(self, message: SentMessage | Mapping[str, Any]) -> tuple[SimChat, int]:
        if isinstance(message, SentMessage):
            chat_id, mid = message.chat_id, message.message_id
        else:
            chat_id, mid = int(message["chat"]["id"]), int(message["message_id"])
        chat = self._chats.get(chat_id)
        if chat is None or mid not in chat.messages:
            raise KeyError(f"message {mid} in chat {chat_id} does not exist (deleted?)")
        return chat, mid

    def press_button(
        self,
        user_id: int,
        message: SentMessage | Mapping[str, Any],
        callback_data: str,
        *,
        check: bool = True,
    ) -> str:
        """The user taps an inline button of a bot message; returns the callback query id.

        With ``check`` (default) the button must exist on the message's CURRENT keyboard,
        as in the real client; ``check=False`` simulates a stale keyboard.
        """
        user = self._ensure_user(user_id)
        chat, mid = self._resolve_message(message)
        current = chat.messages[mid]
        if check:
            rows = (current.get("reply_markup") or {}).get("inline_keyboard") or []
            datas = [b.get("callback_data") for row in rows for b in row]
            if callback_data not in datas:
                raise ValueError(
                    f"message {mid} in chat {chat.id} has no button with callback_data "
                    f"{callback_data!r}; current buttons: {datas}"
                )
        qid = f"{next(self._callback_counter)}{user_id}"
        query: JSONDict = {
            "id": qid,
            "from": user.to_dict(),
            "message": current,
            "chat_instance": str(chat.id),
            "data": callback_data,
        }
        self._pending_callbacks[qid] = query
        self._enqueue({"callback_query": query})
        return qid

    def press(self, user_id: int, message: SentMessage | Mapping[str, Any], text: str) -> str:
        """Tap the inline button whose text equals (or else contains) ``text``."""
        chat, mid = self._resolve_message(message)
        current = chat.messages[mid]
        rows = (current.get("reply_markup") or {}).get("inline_keyboard") or []
        buttons = [b for row in rows for b in row]
        match = next((b for b in buttons if b.get("text") == text), None) or next(
            (b for b in buttons if text in str(b.get("text", ""))), None
        )
        if match is None or "callback_data" not in match:
            raise ValueError(
                f"no callback button {text!r} on message {mid} in chat {chat.id}; "
                f"buttons: {[b.get('text') for b in buttons]}"
            )
        return self.press_button(user_id, message, str(match["callback_data"]))

    def _my_chat_member(self, chat: SimChat, actor: JSONDict, old: str, new: str) -> None:
        bot = self._bot_user()
        self._enqueue(
            {
                "my_chat_member": {
                    "chat": chat.obj,
                    "from": actor,
                    "date": int(self._clock()),
                    "old_chat_member": _member_dict(old, bot),
                    "new_chat_member": _member_dict(new, bot),
                }
            }
        )

    def block(self, user_id: int, *, notify: bool = True) -> None:
        """The user blocks the bot: sends now fail with 403. Like Telegram, a my_chat_member
        update (member -> kicked) is queued unless ``notify=False``."""
        user = self._ensure_user(user_id)
        user.blocked = True
        if notify and user.opened:
            self._my_chat_member(self._private_chat(user), user.to_dict(), "member", "kicked")

    def unblock(self, user_id: int, *, notify: bool = True) -> None:
        user = self._ensure_user(user_id)
        was_blocked = user.blocked
        user.blocked = False
        if notify and was_blocked and user.opened:
            self._my_chat_member(self._private_chat(user), user.to_dict(), "kicked", "member")

    def _group(self, chat_id: int) -> SimChat:
        chat = self._chats.get(chat_id)
        if chat is None or not chat.is_group:
            raise KeyError(f"unknown group {chat_id}")
        return chat

    def _group_actor(self, chat: SimChat, by_user: int | None) -> JSONDict:
        uid = by_user or next(iter(sorted(chat.admins or chat.members)), None)
        return self._ensure_user(uid).to_dict() if uid else self._bot_user()

    def kick_bot(self, chat_id: int, *, by_user: int | None = None, notify: bool = True) -> None:
        """Remove the bot from a group: sends fail with 403 "bot was kicked"."""
        chat = self._group(chat_id)
        old = chat.bot_status
        chat.bot_status = "kicked"
        if notify:
            self._my_chat_member(chat, self._group_actor(chat, by_user), old, "kicked")

    def add_bot(self, chat_id: int, *, admin: bool = False, notify: bool = True) -> None:
        """(Re-)add the bot to an existing group."""
        chat = self._group(chat_id)
        old = chat.bot_status
        chat.bot_status = "administrator" if admin else "member"
        if notify:
            self._my_chat_member(chat, self._group_actor(chat, None), old, chat.bot_status)

    def migrate_group(self, chat_id: int, new_chat_id: int, *, notify: bool = True) -> JSONDict:
        """Upgrade a (basic) group to a supergroup with a new id and the same members: every
        method addressed to the old id then fails with 400 and ``migrate_to_chat_id`` (PTB's
        ChatMigrated). Queues Telegram's service messages unless ``notify=False``, which
        leaves them for ``announce_migration`` (a bot that calls the old id first)."""
        old = self._group(chat_id)
        if old.type != "group" or old.migrated_to is not None:
            raise ValueError(f"only a basic group is upgraded to a supergroup: {chat_id}")
        self.add_group(new_chat_id, old.title or "", old.members, old.admins, "supergroup")
        new = self._chats[new_chat_id]
        new.bot_status = old.bot_status
        old.migrated_to = new_chat_id
        if notify:
            self.announce_migration(chat_id)
        return new.obj

    def announce_migration(self, chat_id: int) -> None:
        """Queue the service messages of a migrated group: ``migrate_to_chat_id`` in the old
        chat, then ``migrate_from_chat_id`` in the new one."""
        old = self._group(chat_id)
        if old.migrated_to is None:
            raise ValueError(f"group {chat_id} was not migrated")
        new_chat_id = old.migrated_to
        new = self._chats[new_chat_id]
        if old.bot_status in ("member", "administrator"):
            actor = self._group_actor(old, None)
            for chat, key, value in (
                (old, "migrate_to_chat_id", new_chat_id),
                (new, "migrate_from_chat_id", chat_id),
            ):
                msg: JSONDict = {
                    "message_id": self._new_message_id(chat),
                    "from": actor,
                    "chat": chat.obj,
                    "date": int(self._clock()),
                    key: value,
                }
                chat.messages[msg["message_id"]] = msg
                self._enqueue({"message": msg})

    # ------------------------------------------------------------------ control: reading

    @property
    def pending_updates(self) -> int:
        """Updates queued but not yet confirmed by the bot."""
        return len(self._updates)

    @property
    def bad_requests(self) -> list[SimError]:
        """Errors with HTTP 400: the bot produced output Telegram would reject."""
        return [e for e in self.errors if e.error_code == 400]

    def chat(self, chat_id: int) -> JSONDict:
        """The Chat object of a known chat."""
        return self._chats[chat_id].obj

    def messages(self, chat_id: int) -> list[SentMessage]:
        """The bot's live (not deleted) messages in the chat, in send order, as edited."""
        chat = self._chats.get(chat_id)
        return [] if chat is None else [m for m in chat.bot_messages if not m.deleted]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        """A bot message by id (deleted ones included)."""
        return self._chats[chat_id].bot_by_id[message_id]

    def cursor(self, chat_id: int) -> int:
        """Index of the next bot message ``wait_for_message`` will consider in this chat."""
        return self._cursors.get(chat_id, 0)

    def skip(self, chat_id: int) -> int:
        """Mark every bot message sent to the chat so far as seen; returns the new cursor."""
        chat = self._chats.get(chat_id)
        self._cursors[chat_id] = len(chat.bot_messages) if chat else 0
        return self._cursors[chat_id]

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        return self._answers_by_id.get(query_id)

    def commands_for(
        self, scope: JSONDict | None = None, language_code: str = ""
    ) -> list[JSONDict] | None:
        """Commands registered for a scope dict (default scope if None) and language."""
        return self.commands.get((_scope_key(scope), language_code))

    async def _wait(
        self,
        check: Callable[[], T | None],
        timeout: float,  # noqa: ASYNC109 - a deadline, not a cancellation scope
        describe: Callable[[], str],
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(describe())
            event = self._changed
            # Woken by every simulator change; the short cap also covers conditions on state
            # outside the simulator (e.g. the bot's database).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, 0.05))

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[SentMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        since: int | None = None,
    ) -> SentMessage:
        """Wait for the bot's next message to ``chat_id`` (see the class docstring for the
        cursor). Raises AssertionError with a dump of the chat on timeout."""
        start = self.cursor(chat_id) if since is None else since
        pos = start

        def check() -> SentMessage | None:
            nonlocal pos
            chat = self._chats.get(chat_id)
            if chat is None:
                return None
            msgs = chat.bot_messages
            while pos < len(msgs):
                m = msgs[pos]
                pos += 1
                if predicate is None or predicate(m):
                    self._cursors[chat_id] = max(self.cursor(chat_id), pos)
                    return m
            return None

        def describe() -> str:
            what = "matching bot message" if predicate else "bot message"
            return (
                f"no new {what} in chat {chat_id} within {timeout}s (cursor was {start})\n"
                + self.dump(chat_id)
            )

        return await self._wait(check, timeout, describe)

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        timeout: float = 5.0,  # noqa: ASYNC109
        predicate: Callable[[SentMessage], bool] | None = None,
    ) -> SentMessage:
        """Wait until the bot message has been edited since the last ``wait_for_edit`` on it
        (or since it was sent) and ``predicate`` holds; all edits so far count as seen.
        Returns the message in its current state."""
        key = (chat_id, message_id)

        def check() -> SentMessage | None:
            chat = self._chats.get(chat_id)
            sent = chat.bot_by_id.get(message_id) if chat else None
            if sent is None or len(sent.edits) <= self._edit_cursors.get(key, 0):
                return None
            if predicate is not None and not predicate(sent):
                return None
            self._edit_cursors[key] = len(sent.edits)
            return sent

        def describe() -> str:
            return (
                f"bot message {message_id} in chat {chat_id} not edited within {timeout}s\n"
                + self.dump(chat_id)
            )

        return await self._wait(check, timeout, describe)

    async def wait_for_callback_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        def describe() -> str:
            return f"callback query {query_id} not answered within {timeout}s\n" + self.dump()

        return await self._wait(lambda: self._answers_by_id.get(query_id), timeout, describe)

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        message: str = "",
    ) -> None:
        """Wait until ``condition()`` is true (re-checked on every change and every 50 ms)."""

        def describe() -> str:
            return f"condition not met within {timeout}s {message}\n" + self.dump()

        await self._wait(lambda: True if condition() else None, timeout, describe)

    def dump(self, chat_id: int | None = None, last: int = 15) -> str:
        """Human-readable summary of recent activity, for assertion messages."""
        lines: list[str] = []
        if chat_id is not None:
            chat = self._chats.get(chat_id)
            msgs = chat.bot_messages if chat else []
            lines.append(f"bot messages in chat {chat_id} ({len(msgs)}):")
            lines += [f"  [{m.index}] {m!r}" for m in msgs[-last:]]
        lines.append(f"last bot messages anywhere ({len(self.sent)} total):")
        lines += [f"  {m!r}" for m in self.sent[-5:]]
        lines.append(f"errors returned to the bot ({len(self.errors)}):")
        lines += [f"  {e}" for e in self.errors[-last:]]
        lines.append(f"updates not yet confirmed by the bot: {len(self._updates)}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ HTTP control surface

    @staticmethod
    def _ctl_json(result: Any, status: int = 200) -> web.Response:
        body = {"ok": status == 200, "result" if status == 200 else "description": result}
        response = web.json_response(body, status=status, dumps=_dumps)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    async def _ctl(self, request: web.Request, action: Callable[[JSONDict], Any]) -> web.Response:
        try:
            body = await request.json()
            if not isinstance(body, dict):
                raise ValueError("JSON object expected")
            result = action(body)
        except (KeyError, ValueError, TypeError, binascii.Error) as exc:
            return self._ctl_json(f"{type(exc).__name__}: {exc}", 400)
        return self._ctl_json(result)

    @staticmethod
    def _opt_int(body: JSONDict, key: str) -> int | None:
        value = body.get(key)
        return None if value is None else int(value)

    async def _ctl_send_text(self, request: web.Request) -> web.Response:
        return await self._ctl(
            request,
            lambda b: self.send_text(
                int(b["user_id"]),
                str(b["text"]),
                chat_id=self._opt_int(b, "chat_id"),
                reply_to=self._opt_int(b, "reply_to"),
            ),
        )

    async def _ctl_send_photo(self, request: web.Request) -> web.Response:
        return await self._ctl(
            request,
            lambda b: self.send_photo(
                int(b["user_id"]),
                base64.b64decode(b["data"], validate=True) if b.get("data") else TINY_PNG,
                caption=b.get("caption"),
                chat_id=self._opt_int(b, "chat_id"),
            ),
        )

    async def _ctl_send_document(self, request: web.Request) -> web.Response:
        return await self._ctl(
            request,
            lambda b: self.send_document(
                int(b["user_id"]),
                str(b["filename"]),
                base64.b64decode(b["data"], validate=True),
                mime_type=b.get("mime_type"),
                caption=b.get("caption"),
                chat_id=self._opt_int(b, "chat_id"),
            ),
        )

    async def _ctl_press_button(self, request: web.Request) -> web.Response:
        def action(b: JSONDict) -> str:
            user_id = int(b["user_id"])
            chat_id = int(b.get("chat_id", user_id))
            message = self._chats[chat_id].messages[int(b["message_id"])]
            return self.press_button(user_id, message, str(b["callback_data"]))

        return await self._ctl(request, action)

    async def _ctl_messages(self, request: web.Request) -> web.Response:
        try:
            chat_id = int(request.query["chat_id"])
            since = int(request.query.get("since", "0"))
        except (KeyError, ValueError) as exc:
            return self._ctl_json(f"chat_id (int) and since (int) expected: {exc}", 400)
        chat = self._chats.get(chat_id)
        changed = [m.to_json() for m in (chat.bot_messages if chat else []) if m.seq > since]
        return self._ctl_json({"seq": self._seq, "messages": changed})

    async def _ctl_preflight(self, request: web.Request) -> web.Response:
        # Lets a demo page on another origin POST JSON to the control surface.
        return web.Response(
            headers={
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
            }
        )

    async def _ctl_file(self, request: web.Request) -> web.Response:
        f = self.files.get(request.match_info["file_id"])
        if f is None:
            return self._ctl_json("unknown file_id", 404)
        response = web.Response(body=f.data, content_type=f.mime_type or "application/octet-stream")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
