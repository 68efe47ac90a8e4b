"""Keeping the simulated world across a restart (the demo's ``--data``): every chat's messages
and next message id, the bot's messages (so it can still edit them and people can still press
their buttons), the files, and who opened a chat with the bot.

Without it a restarted demo starts message ids at 1 again, and the bot's stored links from
(chat, message id) to its cases would point at new, unrelated messages.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

from .models import JSONDict, SentMessage, SimFile
from .world import World

VERSION = 1
_SENT_FIELDS = (
    "method", "text", "caption", "parse_mode", "reply_markup", "reply_to_message_id",
    "media_group_id", "photo", "document",
)  # fmt: skip


class Snapshot(World):
    def snapshot(self) -> JSONDict:
        """The world as JSON-able data (restore() reads it back)."""
        chats = []
        for chat in self._chats.values():
            chats.append(
                {
                    "id": chat.id,
                    "next_message_id": chat.next_message_id,
                    "messages": [chat.messages[mid] for mid in sorted(chat.messages)],
                    "bot": [
                        {"message_id": s.message_id, **{f: getattr(s, f) for f in _SENT_FIELDS}}
                        for s in chat.bot_messages
                        if not s.deleted
                    ],
                }
            )
        files = [
            {
                "file_id": f.file_id,
                "file_unique_id": f.file_unique_id,
                "data": base64.b64encode(f.data).decode("ascii"),
                "file_path": f.file_path,
                "mime_type": f.mime_type,
                "file_name": f.file_name,
                "width": f.width,
                "height": f.height,
            }
            for f in self.files.values()
        ]
        opened = sorted(u.id for u in self.users.values() if u.opened)
        return {"version": VERSION, "chats": chats, "files": files, "opened": opened}

    def restore(self, data: JSONDict) -> list[JSONDict]:
        """Put a snapshot back into chats and users already created (add_user, add_group);
        chats of unknown ids are skipped. Returns the people's restored messages (the bot's
        are in ``sent`` again, each with a new change number)."""
        if data.get("version") != VERSION:
            return []
        people: list[JSONDict] = []
        for saved in data.get("chats", []):
            chat = self._chats.get(int(saved["id"]))
            if chat is None and int(saved["id"]) in self.users:
                chat = self._private_chat(self.users[int(saved["id"])])
            if chat is None:
                continue
            chat.next_message_id = max(chat.next_message_id, int(saved["next_message_id"]))
            for message in saved["messages"]:
                chat.messages[int(message["message_id"])] = message
            bot_ids = set()
            for fields in saved["bot"]:
                mid = int(fields["message_id"])
                message = chat.messages.get(mid)
                if message is None:
                    continue
                bot_ids.add(mid)
                sent = SentMessage(
                    seq=self._bump(),
                    index=len(chat.bot_messages),
                    chat_id=chat.id,
                    message_id=mid,
                    message=message,
                    **{f: fields.get(f) for f in _SENT_FIELDS},
                )
                chat.bot_messages.append(sent)
                chat.bot_by_id[mid] = sent
                self.sent.append(sent)
            people += [m for m in saved["messages"] if int(m["message_id"]) not in bot_ids]
        self._restore_files(data.get("files", []))
        for user_id in data.get("opened", []):
            user = self.users.get(int(user_id))
            if user is not None:
                user.opened = True
        return people

    def _restore_files(self, files: list[Any]) -> None:
        highest = 0
        for saved in files:
            f = SimFile(
                file_id=saved["file_id"],
                file_unique_id=saved["file_unique_id"],
                data=base64.b64decode(saved["data"]),
                file_path=saved["file_path"],
                mime_type=saved["mime_type"],
                file_name=saved["file_name"],
                width=int(saved["width"]),
                height=int(saved["height"]),
            )
            self.files[f.file_id] = f
            self._files_by_path[f.file_path] = f
            digits = "".join(c for c in f.file_unique_id if c.isdigit())
            highest = max(highest, int(digits or 0))
        if highest:
            # New files are numbered after the kept ones: a file id never means two files.
            self._file_counter = itertools.count(highest + 1)
