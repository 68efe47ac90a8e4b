"""Telegram's HTML parse_mode, re-implemented closely after tdlib's ``parse_html``.

Used by the simulator to reject exactly the messages the real Bot API would reject
("can't parse entities: ...") and to measure text length after entity parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EntityParseError", "parse_html", "utf16_len"]

# tag name -> MessageEntity type
_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<>&]")
_SPACES = " \t\r\n\v\f"


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; str(exc) is tdlib-style detail."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(slots=True)
class _Open:
    tag: str
    offset: int  # UTF-16 offset in the visible text
    byte_pos: int
    argument: str = ""
    language: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


def _byte_offset(src: str, index: int) -> int:
    # Only computed for error messages, so the O(n) encode is irrelevant.
    return len(src[:index].encode("utf-8"))


def _decode_entity(src: str, pos: int, *, strict: bool) -> tuple[str | None, int]:
    """Decode the character reference starting at ``src[pos] == '&'``.

    Returns (decoded, end) or (None, pos) when it is not a valid reference. tdlib makes the
    trailing ``;`` optional; strict mode requires it, since a missing one is always a typo.
    """
    n = len(src)
    end = pos + 1
    if end < n and src[end] == "#":
        end += 1
        hexa = end < n and src[end] in "xX"
        if hexa:
            end += 1
        digits_start = end
        allowed = "0123456789abcdefABCDEF" if hexa else "0123456789"
        while end < n and src[end] in allowed:
            end += 1
        if end == digits_start:
            return None, pos
        code = int(src[digits_start:end], 16 if hexa else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None, pos
        decoded = chr(code)
    else:
        while end < n and src[end].isascii() and src[end].isalpha():
            end += 1
        name = src[pos + 1 : end]
        if name not in _NAMED_ENTITIES:
            return None, pos
        decoded = _NAMED_ENTITIES[name]
    if end < n and src[end] == ";":
        return decoded, end + 1
    if strict:
        return None, pos
    return decoded, end


def _decode_attr(raw: str) -> str:
    if "&" not in raw:
        return raw
    out: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == "&":
            decoded, end = _decode_entity(raw, i, strict=False)
            if decoded is not None:
                out.append(decoded)
                i = end
                continue
        out.append(raw[i])
        i += 1
    return "".join(out)


def parse_html(src: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (visible text, MessageEntity dicts with UTF-16 offsets).

    Raises EntityParseError on input Telegram rejects. ``strict`` additionally rejects a bare
    ``&`` or ``>`` (tdlib passes those through); they indicate text that was not escaped, which
    is a latent bug whenever the text is user-controlled.
    """
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(src)
    i = 0
    while i < n:
        m = _SPECIAL.search(src, i)
        if m is None:
            chunk = src[i:]
            out.append(chunk)
            pos16 += utf16_len(chunk)
            break
        j = m.start()
        if j > i:
            chunk = src[i:j]
            out.append(chunk)
            pos16 += utf16_len(chunk)
        c = src[j]
        if c == "&":
            decoded, end = _decode_entity(src, j, strict=strict)
            if decoded is None:
                if strict:
                    raise EntityParseError(
                        f"Character '&' at byte offset {_byte_offset(src, j)} must be escaped "
                        "as &amp; (simulator strict mode)"
                    )
                decoded, end = "&", j + 1
            out.append(decoded)
            pos16 += utf16_len(decoded)
            i = end
            continue
        if c == ">":
            if strict:
                raise EntityParseError(
                    f"Character '>' at byte offset {_byte_offset(src, j)} must be escaped "
                    "as &gt; (simulator strict mode)"
                )
            out.append(">")
            pos16 += 1
            i = j + 1
            continue
        # c == "<"
        if j + 1 < n and src[j + 1] == "/":
            i = _end_tag(src, j, stack, entities, pos16)
        else:
            i = _start_tag(src, j, stack, pos16)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _start_tag(src: str, j: int, stack: list[_Open], pos16: int) -> int:
    n = len(src)
    bo = _byte_offset  # local alias; only evaluated on error paths
    k = j + 1
    while k < n and src[k] not in _SPACES and src[k] != ">":
        k += 1
    if k >= n:
        raise EntityParseError(f"Unclosed start tag at byte offset {bo(src, j)}")
    tag = src[j + 1 : k].lower()
    if tag not in _TAGS:
        raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {bo(src, j)}')
    opened = _Open(tag=tag, offset=pos16, byte_pos=j)
    while True:
        while k < n and src[k] in _SPACES:
            k += 1
        if k >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {bo(src, j)}")
        if src[k] == ">":
            break
        name_start = k
        while k < n and src[k] not in _SPACES and src[k] not in "=>":
            k += 1
        name = src[name_start:k].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {bo(src, j)}'
            )
        while k < n and src[k] in _SPACES:
            k += 1
        if k >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {bo(src, j)}")
        if src[k] != "=":
            if tag == "blockquote" and name == "expandable":
                opened.attrs[name] = ""
                continue
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {bo(src, j)}"
            )
        k += 1
        while k < n and src[k] in _SPACES:
            k += 1
        if k >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {bo(src, j)}")
        if src[k] in "'\"":
            quote = src[k]
            close = src.find(quote, k + 1)
            if close == -1:
                raise EntityParseError(f"Unclosed start tag at byte offset {bo(src, j)}")
            value = _decode_attr(src[k + 1 : close])
            k = close + 1
        else:
            # Unquoted "name token": letters, digits, '.', '-' only.
            token_start = k
            while k < n and ((src[k].isascii() and src[k].isalnum()) or src[k] in ".-"):
                k += 1
            value = src[token_start:k].lower()
            if k >= n or (src[k] not in _SPACES and src[k] != ">"):
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {bo(src, token_start)}"
                )
        opened.attrs[name] = value
    attrs = opened.attrs
    if tag == "a":
        opened.argument = attrs.get("href", "")
    elif tag == "span":
        if attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {bo(src, j)}'
            )
    elif tag == "code":
        cls = attrs.get("class", "")
        if cls.startswith("language-"):
            opened.language = cls[len("language-") :]
    elif tag == "tg-emoji":
        opened.argument = attrs.get("emoji-id", "")
    elif tag == "blockquote" and "expandable" in attrs:
        opened.argument = "expandable"
    stack.append(opened)
    return k + 1


def _end_tag(
    src: str, j: int, stack: list[_Open], entities: list[dict[str, Any]], pos16: int
) -> int:
    n = len(src)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(src, j)}")
    k = j + 2
    while k < n and src[k] not in _SPACES and src[k] != ">":
        k += 1
    end_name = src[j + 2 : k].lower()
    while k < n and src[k] in _SPACES:
        k += 1
    if k >= n or src[k] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(src, j)}")
    top = stack.pop()
    if end_name and end_name != top.tag:
        raise EntityParseError(
            f"Unmatched end tag at byte offset {_byte_offset(src, j)}, "
            f'expected "</{top.tag}>", found "</{end_name}>"'
        )
    length = pos16 - top.offset
    if top.tag == "code" and top.language and stack and stack[-1].tag == "pre":
        # <pre><code class="language-x"> becomes one pre entity with a language.
        stack[-1].language = top.language
        return k + 1
    if length > 0:
        entity: dict[str, Any] = {"type": _TAGS[top.tag], "offset": top.offset, "length": length}
        if top.tag == "a":
            if not top.argument:
                return k + 1
            entity["url"] = top.argument
        elif top.tag == "pre" and top.language:
            entity["language"] = top.language
        elif top.tag == "tg-emoji":
            if not top.argument:
                return k + 1
            entity["custom_emoji_id"] = top.argument
        elif top.tag == "blockquote" and top.argument:
            entity["type"] = "expandable_blockquote"
        entities.append(entity)
    return k + 1
