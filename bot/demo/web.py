"""The demo's web page and the small JSON API behind it.

The page acts as three people through the simulator's Python control API (the same calls the
tests make) and shows the three chats. The simulator only records the bot's messages, so the
people's own messages are kept here in ``Feed`` next to them, with one version counter for both.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.simulator import BotAPISimulator, CallbackAnswer
from bot.simulator.models import JSONDict

MAX_UPLOAD = 20 * 1024 * 1024
CALLBACK_ANSWER_WAIT = 3.0


@dataclass(frozen=True)
class Column:
    """One chat on the page and the people who may write in it."""

    key: str  # "parent" | "admin" | "group"
    chat_id: int
    title: str
    subtitle: str
    people: tuple[tuple[int, str], ...]  # (user id, name); the first one speaks by default


@dataclass(frozen=True)
class Actions:
    """The demo's controls, as plain coroutines returning a line for the page to show."""

    push_menu: Callable[[], Awaitable[str]]
    advance: Callable[[int], Awaitable[str]]
    clock_text: Callable[[], str]


def _name(user: JSONDict) -> str:
    return " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)


def _preview(msg: JSONDict) -> str:
    text = msg.get("text") or msg.get("caption")
    if text:
        return str(text)[:80]
    if msg.get("photo"):
        return "[照片 photo]"
    if msg.get("document"):
        return f"[文件 file] {msg['document'].get('file_name', '')}"
    return ""


def message_view(msg: JSONDict, tz: ZoneInfo, *, deleted: bool = False) -> JSONDict:
    """What the page needs to draw one message: visible text with its entities (never raw
    HTML: the page builds elements from the entities), media, buttons, the replied message."""
    sender = msg.get("from") or {}
    is_text = "text" in msg
    photo = msg.get("photo") or []
    document = msg.get("document")
    reply = msg.get("reply_to_message")
    rows = (msg.get("reply_markup") or {}).get("inline_keyboard") or []
    return {
        "chat_id": msg["chat"]["id"],
        "message_id": msg["message_id"],
        "from_id": sender.get("id"),
        "from_name": _name(sender),
        "is_bot": bool(sender.get("is_bot")),
        "time": datetime.fromtimestamp(int(msg["date"]), UTC).astimezone(tz).strftime("%H:%M"),
        "text": msg.get("text") if is_text else msg.get("caption"),
        "entities": msg.get("entities" if is_text else "caption_entities") or [],
        "photo": photo[-1]["file_id"] if photo else None,
        "document": (
            {
                "file_id": document["file_id"],
                "name": document.get("file_name") or "file",
                "size": document.get("file_size", 0),
            }
            if document
            else None
        ),
        "buttons": [
            [{k: b[k] for k in ("text", "callback_data", "url") if k in b} for b in row]
            for row in rows
        ],
        "reply_to": (
            {
                "message_id": reply["message_id"],
                "from_name": _name(reply.get("from") or {}),
                "preview": _preview(reply),
            }
            if reply
            else None
        ),
        "edited": "edit_date" in msg,
        "deleted": deleted,
    }


_MENTION = re.compile(r"^tg://user\?id=(\d+)$")


def force_reply_view(msg: JSONDict, markup: JSONDict | None) -> JSONDict | None:
    """A ForceReply the bot sent (Telegram keeps it out of the Message): its placeholder, and
    for a selective one the people it is for (those mentioned), so the page can open the
    reply for the right person."""
    if not markup or not markup.get("force_reply"):
        return None
    mentioned: list[int] = []
    for entity in msg.get("entities") or []:
        if entity.get("type") == "text_mention":
            mentioned.append(int(entity["user"]["id"]))
        elif entity.get("type") == "text_link":
            found = _MENTION.match(str(entity.get("url") or ""))
            if found:
                mentioned.append(int(found.group(1)))
    return {
        "placeholder": markup.get("input_field_placeholder") or "",
        "for": mentioned if markup.get("selective") else [],
    }


class Feed:
    """Every message of the page's chats, each stamped with the version that last changed it,
    so the page asks only for what changed since its last poll."""

    def __init__(self, sim: BotAPISimulator, chat_ids: Iterable[int], tz: ZoneInfo) -> None:
        self._sim = sim
        self._chats = frozenset(chat_ids)
        self._tz = tz
        self._views: dict[tuple[int, int], tuple[int, JSONDict]] = {}
        self._version = 0
        self._sim_seq = 0

    def _put(self, view: JSONDict) -> JSONDict:
        self._version += 1
        self._views[(view["chat_id"], view["message_id"])] = (self._version, view)
        return view

    def add(self, msg: JSONDict) -> JSONDict:
        """A message a person sent from the page."""
        return self._put(message_view(msg, self._tz))

    def _sync(self) -> None:
        # SentMessage.seq moves on every send, edit and delete; a demo has few messages, so
        # one scan per poll is cheap.
        newest = self._sim_seq
        for sent in self._sim.sent:
            if sent.seq > self._sim_seq and sent.chat_id in self._chats:
                view = message_view(sent.message, self._tz, deleted=sent.deleted)
                view["force_reply"] = force_reply_view(sent.message, sent.reply_markup)
                self._put(view)
            newest = max(newest, sent.seq)
        self._sim_seq = newest

    def restore(self, messages: Iterable[JSONDict]) -> None:
        """The people's messages kept from the demo's previous run (the bot's come back
        through the simulator)."""
        for msg in sorted(messages, key=lambda m: int(m["message_id"])):
            if msg["chat"]["id"] in self._chats:
                self._put(message_view(msg, self._tz))

    def since(self, version: int) -> tuple[int, list[JSONDict]]:
        self._sync()
        changed = [view for v, view in self._views.values() if v > version]
        changed.sort(key=lambda view: (view["chat_id"], view["message_id"]))
        return self._version, changed


class DemoWeb:
    def __init__(
        self,
        sim: BotAPISimulator,
        columns: list[Column],
        actions: Actions,
        tz: ZoneInfo,
        page_info: JSONDict,
        samples: dict[str, tuple[bytes, str]],
    ) -> None:
        self._sim = sim
        self._columns = {c.chat_id: c for c in columns}
        self._actions = actions
        self._page_info = page_info
        self._samples = samples  # name -> (data, content type)
        self.feed = Feed(sim, self._columns.keys(), tz)
        # A new one on every start: an open tab that sees it change reloads itself.
        self.boot = str(time.time_ns())
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self, host: str, port: int) -> str:
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_get("/", self._page)
        app.router.add_get("/api/config", self._config)
        app.router.add_get("/api/updates", self._updates)
        app.router.add_get("/api/commands", self._commands)
        app.router.add_get("/api/file/{file_id}", self._file)
        app.router.add_get("/samples/{name}", self._sample)
        app.router.add_post("/api/send", self._send)
        app.router.add_post("/api/send_file", self._send_file)
        app.router.add_post("/api/press", self._press)
        app.router.add_post("/api/push_menu", self._push_menu)
        app.router.add_post("/api/advance", self._advance)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- reading

    async def _page(self, request: web.Request) -> web.Response:
        html = resources.files("bot.demo").joinpath("page.html").read_text("utf-8")
        return web.Response(
            text=html,
            content_type="text/html",
            # The page is self-contained: forbid anything from elsewhere, by construction.
            headers={
                "Content-Security-Policy": "default-src 'self'; img-src 'self' blob: data:; "
                "style-src 'unsafe-inline'; script-src 'unsafe-inline'",
                "Cache-Control": "no-store",
            },
        )

    async def _config(self, request: web.Request) -> web.Response:
        columns = [
            {
                "key": c.key,
                "chat_id": c.chat_id,
                "title": c.title,
                "subtitle": c.subtitle,
                "people": [{"id": uid, "name": name} for uid, name in c.people],
            }
            for c in self._columns.values()
        ]
        return web.json_response({**self._page_info, "columns": columns, "boot": self.boot})

    async def _updates(self, request: web.Request) -> web.Response:
        try:
            since = int(request.query.get("since", "0"))
        except ValueError:
            raise web.HTTPBadRequest(text="since must be an integer") from None
        version, messages = self.feed.since(since)
        return web.json_response(
            {
                "version": version,
                "messages": messages,
                "clock": self._actions.clock_text(),
                "boot": self.boot,
            }
        )

    async def _commands(self, request: web.Request) -> web.Response:
        """The command menu Telegram would show this person in this chat."""
        column, user_id = self._who(request.query.get("chat_id"), request.query.get("user_id"))
        user = self._sim.users.get(user_id)
        lang = (user.language_code or "") if user else ""
        chat_scope = {"type": "chat", "chat_id": column.chat_id}
        kind = {"type": "all_group_chats" if column.chat_id < 0 else "all_private_chats"}
        for scope in (chat_scope, kind, None):
            for code in (lang[:2], ""):
                found = self._sim.commands_for(scope, code)
                if found:
                    return web.json_response(found)
        return web.json_response([])

    async def _file(self, request: web.Request) -> web.Response:
        f = self._sim.files.get(request.match_info["file_id"])
        if f is None:
            raise web.HTTPNotFound()
        headers = {}
        if f.file_name:
            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f.file_name)}"
        return web.Response(
            body=f.data,
            content_type=f.mime_type or "application/octet-stream",
            headers=headers,
        )

    async def _sample(self, request: web.Request) -> web.Response:
        found = self._samples.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        data, content_type = found
        return web.Response(body=data, content_type=content_type)

    # ---- acting as a person

    def _who(self, chat_id: object, user_id: object) -> tuple[Column, int]:
        try:
            column = self._columns[int(str(chat_id))]
            uid = int(str(user_id))
        except (KeyError, ValueError):
            raise web.HTTPBadRequest(text="unknown chat_id") from None
        if uid not in dict(column.people):
            raise web.HTTPBadRequest(text="this person is not in that chat")
        return column, uid

    @staticmethod
    async def _body(request: web.Request) -> JSONDict:
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="JSON object expected") from None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest(text="JSON object expected")
        return body

    @staticmethod
    def _reply_to(body: JSONDict) -> int | None:
        value = body.get("reply_to")
        return int(value) if isinstance(value, int) else None

    async def _send(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        column, uid = self._who(body.get("chat_id"), body.get("user_id"))
        text = str(body.get("text") or "").strip()
        if not text:
            raise web.HTTPBadRequest(text="empty message")
        chat = column.chat_id if column.chat_id < 0 else None
        try:
            msg = self._sim.send_text(uid, text, chat_id=chat, reply_to=self._reply_to(body))
        except KeyError as exc:  # the replied-to message is gone
            raise web.HTTPBadRequest(text=str(exc)) from None
        return web.json_response(self.feed.add(msg))

    async def _send_file(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        column, uid = self._who(body.get("chat_id"), body.get("user_id"))
        try:
            data = base64.b64decode(str(body.get("data") or ""), validate=True)
        except binascii.Error:
            raise web.HTTPBadRequest(text="data must be base64") from None
        if not data:
            raise web.HTTPBadRequest(text="empty file")
        filename = str(body.get("filename") or "file")
        mime = str(body.get("mime") or "") or None
        caption = str(body.get("caption") or "").strip() or None
        chat = column.chat_id if column.chat_id < 0 else None
        reply_to = self._reply_to(body)
        try:
            # Like a Telegram client: a picture goes as a photo, anything else as a file.
            if mime is not None and mime.startswith("image/"):
                msg = self._sim.send_photo(
                    uid, data, caption=caption, chat_id=chat, reply_to=reply_to
                )
            else:
                msg = self._sim.send_document(
                    uid, filename, data, mime, caption=caption, chat_id=chat, reply_to=reply_to
                )
        except KeyError as exc:
            raise web.HTTPBadRequest(text=str(exc)) from None
        return web.json_response(self.feed.add(msg))

    async def _press(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        column, uid = self._who(body.get("chat_id"), body.get("user_id"))
        try:
            sent = self._sim.message(column.chat_id, int(body["message_id"]))
            query_id = self._sim.press_button(uid, sent, str(body["callback_data"]))
        except (KeyError, ValueError, TypeError):
            # A keyboard that changed meanwhile: Telegram would ignore the tap as well.
            return web.json_response({"text": None, "show_alert": False})
        answer: CallbackAnswer | None = None
        with contextlib.suppress(AssertionError):  # no answer in time: nothing to show
            answer = await self._sim.wait_for_callback_answer(query_id, CALLBACK_ANSWER_WAIT)
        return web.json_response(
            {
                "text": answer.text if answer else None,
                "show_alert": bool(answer and answer.show_alert),
            }
        )

    async def _push_menu(self, request: web.Request) -> web.Response:
        return web.json_response({"text": await self._actions.push_menu()})

    async def _advance(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        minutes = body.get("minutes", 30)
        if not isinstance(minutes, int) or not 1 <= minutes <= 24 * 60:
            raise web.HTTPBadRequest(text="minutes must be 1..1440")
        return web.json_response({"text": await self._actions.advance(minutes)})
