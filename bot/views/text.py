"""The one splitter for message text built from data, and list capping.

Telegram refuses a message over 4,096 UTF-16 code units of text. We measure the HTML source
(never shorter than the text it renders to) in the same units, so a part that fits here fits
there, whatever the script: an emoji outside the Basic Multilingual Plane counts two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Under Telegram's 4,096, with room for a header or a caption's own limit.
MESSAGE_LIMIT = 3800

_TOKEN = re.compile(r"<[^<>]*>|&[#\w]+;|\n|[^<&\n]+|[<&]")
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)[^>]*>")


def utf16_len(text: str) -> int:
    # surrogatepass: a lone surrogate can arrive in JSON and still counts one unit.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _pieces(token: str) -> list[str]:
    """A run of plain text may be cut anywhere between characters; tags and entities never."""
    if token.startswith(("<", "&")) or token == "\n":
        return [token]
    return list(token)


class _Splitter:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.chunk: list[str] = []
        self.size = 0
        self.open: list[tuple[str, str]] = []  # (tag name, opening tag) at the chunk's end
        # Where the chunk may best be cut: just before its last line break.
        self.break_at: int | None = None
        self.open_at_break: list[tuple[str, str]] = []
        self.head = 0  # tags reopened at the chunk's start: no content to cut before them

    def closing(self, stack: Sequence[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack))

    def start_chunk(self, stack: Sequence[tuple[str, str]], rest: Sequence[str]) -> None:
        self.open = list(stack)
        self.chunk = [opening for _, opening in stack]
        self.head = len(self.chunk)
        self.break_at = None
        for token in rest:
            self.push(token, check=False)
        self.size = utf16_len("".join(self.chunk))

    def flush(self, upto: int, stack: Sequence[tuple[str, str]], skip: int = 0) -> None:
        """Emit the chunk's first ``upto`` tokens (closed), keep the rest (after ``skip``)."""
        body = "".join(self.chunk[:upto])
        if body.strip() and _visible(body).strip():
            self.parts.append(body + self.closing(stack))
        self.start_chunk(stack, self.chunk[upto + skip :])

    def push(self, token: str, check: bool = True) -> None:
        tag = _TAG.fullmatch(token)
        stack_after = list(self.open)
        if tag is not None:
            name = tag.group(2).lower()
            if tag.group(1):
                for i in range(len(stack_after) - 1, -1, -1):
                    if stack_after[i][0] == name:
                        del stack_after[i:]
                        break
            else:
                stack_after.append((name, token))
        if check:
            needed = self.size + utf16_len(token) + utf16_len(self.closing(stack_after))
            if needed > self.limit and len(self.chunk) > self.head:
                if self.break_at is not None and self.break_at > self.head:
                    self.flush(self.break_at, self.open_at_break, skip=1)
                    self.push(token)
                else:
                    self.flush(len(self.chunk), self.open)
                    # A fresh part holds at least this token, even one that alone is too long
                    # (a tag cannot be cut).
                    self.push(token, check=False)
                return
        if token == "\n":
            self.break_at = len(self.chunk)
            self.open_at_break = list(self.open)
        self.chunk.append(token)
        self.size += utf16_len(token)
        self.open = stack_after

    def finish(self) -> list[str]:
        body = "".join(self.chunk)
        if body.strip() and _visible(body).strip():
            self.parts.append(body + self.closing(self.open))
        return self.parts


def _visible(html: str) -> str:
    return _TAG.sub("", html)


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut one HTML text into parts of at most ``limit`` UTF-16 units, preferring line breaks;
    a tag open at a cut is closed at the end of the part and opened again in the next."""
    if utf16_len(text) <= limit:
        return [text]
    splitter = _Splitter(limit)
    for token in _TOKEN.findall(text):
        for piece in _pieces(token):
            splitter.push(piece)
    return splitter.finish()


def pack(parts: Sequence[str], sep: str = "\n", limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join parts into as few messages as fit the limit; a part is split only when it alone is
    over the limit."""
    messages: list[str] = []
    current = ""
    for part in parts:
        for piece in split_html(part, limit):
            candidate = f"{current}{sep}{piece}" if current else piece
            if utf16_len(candidate) > limit and current:
                messages.append(current)
                current = piece
            else:
                current = candidate
    if current:
        messages.append(current)
    return messages


def cap(items: Sequence[str], most: int, more: Callable[[int], str]) -> list[str]:
    """At most ``most`` items, then one line from ``more(hidden count)``."""
    if len(items) <= most:
        return list(items)
    return [*items[:most], more(len(items) - most)]
