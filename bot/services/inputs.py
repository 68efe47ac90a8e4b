"""What a person typed or a button carried, made safe before any rule sees it.

Numbers: ``str.isdigit()`` accepts "²" and "①", which ``int()`` then refuses, and a 20-digit
number overflows SQLite's INTEGER; one parser takes ASCII digits within a bounded range.
Text: bidi controls (U+202E reverses the rest of a line in everyone's menu) are removed, and a
name made only of invisible characters (ZWJ, word joiner, Hangul filler…) counts as empty.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.i18n import strip_bidi

__all__ = ["SQLITE_MAX", "parse_int", "parse_yyyymmdd", "visible_text"]

SQLITE_MAX = 2**63 - 1
_INT = re.compile(r"-?[0-9]{1,19}")
# Letters that render as blank space although Unicode calls them letters or symbols.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def parse_int(text: str, low: int = 0, high: int = SQLITE_MAX) -> int | None:
    """An integer written in ASCII digits (a leading minus only where low < 0), within
    [low, high]; None for anything else."""
    text = text.strip()
    if _INT.fullmatch(text) is None or (text.startswith("-") and low >= 0):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_yyyymmdd(
    text: str, low: date = date(2000, 1, 1), high: date = date(2099, 12, 31)
) -> date | None:
    """A date written as eight ASCII digits (callback data), within [low, high]."""
    if re.fullmatch(r"[0-9]{8}", text) is None:
        return None
    try:
        value = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return value if low <= value <= high else None


def _is_visible(char: str) -> bool:
    if char in _BLANK_LETTERS:
        return False
    return unicodedata.category(char)[0] not in ("C", "Z")


def visible_text(text: str) -> str:
    """The text without bidi controls and trimmed; "" when nothing visible is left."""
    cleaned = strip_bidi(text).strip()
    return cleaned if any(_is_visible(c) for c in cleaned) else ""
