"""The Bot API methods: what the bot can do, validated and recorded as Telegram would."""

from __future__ import annotations

import re
from functools import cached_property

from . import validate
from .models import CallbackAnswer, Edit, JSONDict, SentMessage, SimChat
from .params import Params, bad, migrated
from .sending import Sending
from .tg_html import utf16_len
from .world import Handler, member_dict, scope_key

__all__ = ["BotMethods"]

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


class BotMethods(Sending):
    """The Bot API methods the bot calls, by lower-case name (``getUpdates`` aside: it waits,
    so the HTTP layer awaits it). Each takes the request's ``Params`` and returns the result
    or raises ``ApiError``."""

    @cached_property
    def _handlers(self) -> dict[str, Handler]:
        # Bound methods, so a subclass that overrides one (bench.common does) is served its own.
        return {
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

    def _edit_target(self, params: Params) -> tuple[SimChat, SentMessage]:
        if params.values.get("inline_message_id"):
            raise bad("message to edit not found")  # inline mode is not simulated
        chat = self._chat_for(params)
        mid = params.get_int("message_id")
        if mid is None:
            raise bad("message identifier is not specified")
        sent = chat.bot_by_id.get(mid)
        if sent is None or sent.deleted:
            if mid in chat.messages:
                raise bad("message can't be edited")
            raise bad("message to edit not found")
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
        visible, entities = validate.formatted(
            params, "text", caption=False, strict=self.strict_html
        )
        markup = validate.reply_markup(params)
        cur = sent.message
        if "text" not in cur:
            raise bad("there is no text in the message to edit")
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if (
            cur["text"] == visible
            and cur.get("entities", []) == entities
            and cur.get("reply_markup") == inline
        ):
            raise bad(_NOT_MODIFIED)
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
            raise bad("there is no caption in the message to edit")
        content = validate.caption_content(params, strict=self.strict_html)
        markup = validate.reply_markup(params)
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if (
            cur.get("caption") == content.get("caption")
            and cur.get("caption_entities", []) == content.get("caption_entities", [])
            and cur.get("reply_markup") == inline
        ):
            raise bad(_NOT_MODIFIED)
        new = {k: v for k, v in cur.items() if k not in ("caption", "caption_entities")}
        new.update(content)
        sent.caption = params.values.get("caption")
        sent.parse_mode = params.values.get("parse_mode")
        return self._apply_edit("editMessageCaption", chat, sent, new, markup)

    def _m_edit_markup(self, params: Params) -> JSONDict:
        chat, sent = self._edit_target(params)
        markup = validate.reply_markup(params)
        inline = markup if markup is not None and "inline_keyboard" in markup else None
        if sent.message.get("reply_markup") == inline:
            raise bad(_NOT_MODIFIED)
        return self._apply_edit("editMessageReplyMarkup", chat, sent, dict(sent.message), markup)

    def _m_delete_message(self, params: Params) -> bool:
        chat = self._chat_for(params)
        mid = params.get_int("message_id")
        if mid is None or chat.messages.pop(mid, None) is None:
            raise bad("message to delete not found")
        sent = chat.bot_by_id.get(mid)
        if sent is not None:
            sent.deleted = True
            sent.seq = self._bump()
        return True

    def _m_answer_callback(self, params: Params) -> bool:
        qid = params.values.get("callback_query_id", "")
        if self._pending_callbacks.pop(qid, None) is None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = params.values.get("text")
        if text is not None and utf16_len(text) > 200:
            raise bad("MESSAGE_TOO_LONG")
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
            raise bad("invalid file_id")
        return f.to_file()

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = params.get_json("scope")
        if isinstance(scope, dict) and "chat_id" in scope:
            # A scope naming an upgraded group fails like any call to it.
            chat = self._chats.get(self._resolve_chat_id(str(scope["chat_id"])))
            if chat is not None and chat.migrated_to is not None:
                raise migrated(chat)
        return scope_key(scope if isinstance(scope, dict) else None), (
            params.values.get("language_code") or ""
        )

    def _m_set_commands(self, params: Params) -> bool:
        commands = params.get_json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad("can't parse commands JSON object")
        for c in commands:
            if not isinstance(c, dict) or not _COMMAND_RE.fullmatch(str(c.get("command", ""))):
                raise bad("BOT_COMMAND_INVALID")
            description = c.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
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
                raise bad("PARTICIPANT_ID_INVALID")
            user = known.to_dict()
            if user_id in chat.admins:
                status = "administrator"
            elif user_id in chat.members:
                status = "member"
            else:
                status = "left"
        return member_dict(status, user)

    def _m_get_chat_member(self, params: Params) -> JSONDict:
        chat = self._chat_for(params, sending=False)
        user_id = params.get_int("user_id")
        if user_id is None:
            raise bad("user_id is empty")
        return self._member(chat, user_id)

    def _m_leave_chat(self, params: Params) -> bool:
        chat = self._chat_for(params, sending=False)
        if not chat.is_group:
            raise bad("chat member status can't be changed in private chats")
        chat.bot_status = "left"
        self.left_chats.append(chat.id)
        return True

    def _m_send_chat_action(self, params: Params) -> bool:
        chat = self._chat_for(params)
        action = params.values.get("action", "")
        if action not in _CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        self.chat_actions.append((chat.id, action))
        return True

    def _m_set_menu_button(self, params: Params) -> bool:
        cid = params.get_int("chat_id")
        button = params.get_json("menu_button")
        self.menu_buttons[cid] = button if isinstance(button, dict) else {"type": "default"}
        return True

    def _m_get_menu_button(self, params: Params) -> JSONDict:
        return self.menu_buttons.get(params.get_int("chat_id"), {"type": "default"})
