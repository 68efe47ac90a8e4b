"""Helpers for message text shared by every view."""

from __future__ import annotations

from collections.abc import Sequence

# Under Telegram's 4,096 characters, with room for a header.
MESSAGE_LIMIT = 3800


def pack(parts: Sequence[str], sep: str = "\n", limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join parts into as few messages as fit the limit (a part is never split)."""
    messages: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{sep}{part}" if current else part
        if len(candidate) > limit and current:
            messages.append(current)
            current = part
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages
