"""Checks a Bot API method makes on what the bot sends: text and captions, keyboards."""

from __future__ import annotations

import json

from .models import JSONDict
from .params import Params, bad
from .tg_html import EntityParseError, parse_html, utf16_len

__all__ = ["caption_content", "formatted", "reply_markup"]

BUTTON_ACTIONS = (
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


def formatted(
    params: Params, text_key: str, *, caption: bool, strict: bool
) -> tuple[str | None, list[JSONDict]]:
    """Validate text/caption like Telegram; returns (visible text, entities). ``strict`` also
    rejects bare '&' and '>' in HTML that Telegram itself would let through."""
    raw = params.values.get(text_key)
    if caption and (raw is None or raw == ""):
        return None, []
    if raw is None:
        raise bad("message text is empty")
    explicit = params.get_json("caption_entities" if caption else "entities")
    mode = (params.values.get("parse_mode") or "").lower()
    entities: list[JSONDict]
    if isinstance(explicit, list):
        visible, entities = raw, explicit  # explicit entities win over parse_mode
    elif mode == "html":
        try:
            visible, entities = parse_html(raw, strict=strict)
        except EntityParseError as exc:
            raise bad(f"can't parse entities: {exc}") from None
    elif mode in ("", "markdown", "markdownv2"):
        visible, entities = raw, []  # Markdown is not validated by the simulator
    else:
        raise bad("unsupported parse_mode")
    stripped = visible.strip()
    if caption:
        if utf16_len(stripped) > 1024:
            raise bad("message caption is too long")
    else:
        if not stripped:
            raise bad("message text is empty")
        if utf16_len(stripped) > 4096:
            raise bad("message is too long")
    return visible, entities


def reply_markup(params: Params) -> JSONDict | None:
    """The reply_markup parameter, with inline keyboards checked the way Telegram does."""
    raw = params.values.get("reply_markup")
    if raw is None or raw == "":
        return None
    try:
        markup = json.loads(raw)
    except ValueError:
        raise bad("can't parse reply keyboard markup JSON object") from None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup  # reply keyboards / remove / force_reply: accepted as they are
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    count = 0
    for row in rows:
        for button in row:
            count += 1
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad("can't parse inline keyboard button: Text must be a String")
            actions = [a for a in BUTTON_ACTIONS if a in button]
            if not actions:
                raise bad("text buttons are unallowed in the inline keyboard")
            if len(actions) > 1:
                raise bad(
                    "can't parse inline keyboard button: exactly one of the optional "
                    f"fields must be used, got {actions}"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise bad("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
                    raise bad("BUTTON_URL_INVALID")
    if count > 100:
        raise bad("reply markup is too long")
    return markup


def caption_content(params: Params, *, strict: bool) -> JSONDict:
    """The caption fields of a message (none without a caption)."""
    visible, entities = formatted(params, "caption", caption=True, strict=strict)
    content: JSONDict = {}
    if visible is not None:
        content["caption"] = visible
        if entities:
            content["caption_entities"] = entities
    return content
