"""The people the bot talks to: tests, benchmarks and the demo act as them through these calls.

Each call changes the world the way a Telegram client would and queues the update the bot
then receives from getUpdates.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .models import JSONDict, SentMessage, SimChat, SimUser
from .tg_html import utf16_len
from .world import TINY_PNG, World, image_size, member_dict, without_reply

__all__ = ["People"]

_BOT_COMMAND_RE = re.compile(r"/[^\s]+")


class People(World):
    """Registering people and groups, and everything they do: write, send files, tap buttons,
    block the bot, remove it from a group, upgrade a group."""

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
            msg["reply_to_message"] = without_reply(ref)
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
        f = self._store_file(data, "photo", size=image_size(data) or (800, 600))
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
                    "old_chat_member": member_dict(old, bot),
                    "new_chat_member": member_dict(new, bot),
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
