"""Sending: how a method finds its chat, replies and input files, the record of every message,
and the methods that create messages (and getMe, webhooks, getUpdates)."""

from __future__ import annotations

import asyncio
import itertools
import json
import mimetypes
import re
from typing import Any

from . import validate
from .models import Edit, JSONDict, SentMessage, SimChat, SimFile
from .params import ApiError, Params, bad, migrated
from .world import World, image_size, without_reply

__all__ = ["Sending"]

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
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class Sending(World):
    """The part of the Bot API that creates messages; BotMethods adds the rest."""

    # ------------------------------------------------------------------ chat and input

    def _chat_for(self, params: Params, *, sending: bool = True, key: str = "chat_id") -> SimChat:
        """The chat a method addresses, failing exactly as Telegram would."""
        cid = self._resolve_chat_id(params.values.get(key))
        user = self.users.get(cid)
        if user is not None:
            if sending and user.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if not user.opened:
                raise bad("chat not found")
            return self._private_chat(user)
        chat = self._chats.get(cid)
        if chat is None or not chat.is_group:
            raise bad("chat not found")
        kind = chat.type if chat.type in ("supergroup", "channel") else "group"
        if chat.migrated_to is not None:
            raise migrated(chat)
        if chat.bot_status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        if chat.bot_status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return chat

    def _reply_to(self, params: Params, chat: SimChat) -> tuple[int | None, JSONDict | None]:
        rp = params.get_json("reply_parameters")
        source = chat
        if isinstance(rp, dict) and rp.get("message_id") is not None:
            mid = int(rp["message_id"])
            allow = bool(rp.get("allow_sending_without_reply"))
            if rp.get("chat_id") is not None:  # a reply to a message in another chat
                other = self._chats.get(self._resolve_chat_id(str(rp["chat_id"])))
                if other is None:
                    raise bad("chat not found")
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
            raise bad("message to be replied not found")
        return mid, without_reply(ref)

    def _input_file(self, params: Params, value: str | None, part: str, kind: str) -> SimFile:
        """Resolve an InputFile: an uploaded part, ``attach://name``, a file_id or a URL."""
        upload = params.files.get(part)
        if upload is None and value is not None and value.startswith("attach://"):
            upload = params.files.get(value[len("attach://") :])
            if upload is None:
                raise bad("wrong file identifier/HTTP URL specified")
        if upload is not None:
            if not upload.data:
                raise bad("file must be non-empty")
            if kind == "photo":
                size = image_size(upload.data)
                if size is None:
                    raise bad("IMAGE_PROCESS_FAILED")
                if size[0] + size[1] > 10000 or min(size) == 0 or max(size) / min(size) > 20:
                    raise bad("PHOTO_INVALID_DIMENSIONS")
                return self._store_file(upload.data, kind, upload.filename, None, size)
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self._store_file(upload.data, kind, upload.filename, mime)
        if not value:
            raise bad(f"there is no {kind} in the request")
        existing = self.files.get(value)
        if existing is not None:
            return existing
        if value.startswith(("http://", "https://")):
            # Telegram would download it; we cannot, so remember a placeholder.
            name = value.rsplit("/", 1)[-1] or None
            return self._store_file(b"", kind, name, None, (800, 600))
        raise bad("wrong file identifier/HTTP URL specified")

    # ------------------------------------------------------------------ message bookkeeping

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
        visible, entities = validate.formatted(
            params, "text", caption=False, strict=self.strict_html
        )
        markup = validate.reply_markup(params)
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

    def _m_send_photo(self, params: Params) -> JSONDict:
        return self._send_file(params, "sendPhoto", "photo")

    def _m_send_document(self, params: Params) -> JSONDict:
        return self._send_file(params, "sendDocument", "document")

    def _send_file(self, params: Params, method: str, kind: str) -> JSONDict:
        """sendPhoto / sendDocument: a stored file plus an optional caption."""
        chat = self._chat_for(params)
        content = validate.caption_content(params, strict=self.strict_html)
        markup = validate.reply_markup(params)
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
            raise bad("can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise bad("wrong number of media in the album: must be 2-10")
        kinds = {m.get("type") for m in media}
        if not kinds <= {"photo", "document"}:
            raise bad(f"media type {sorted(map(str, kinds))} is not supported by the simulator")
        if len(kinds) > 1:
            raise bad("document can't be mixed with other media types")
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
            content = validate.caption_content(item_params, strict=self.strict_html)
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
            raise bad("message to copy not found")
        content: JSONDict = {
            k: source[k]
            for k in ("text", "entities", "photo", "document", "caption", "caption_entities")
            if k in source
        }
        if "caption" in params.values:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(validate.caption_content(params, strict=self.strict_html))
        markup = validate.reply_markup(params)
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
