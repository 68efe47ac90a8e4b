"""The one way a callback-data family is written: a Codec, `prefix:field:…`, built and parsed
back in one place (the families: views.buttons, views.callbacks, views.survey_callbacks,
views.peican_buttons, views.duty_buttons).

Anyone can send any callback data, and an old keyboard outlives the code that made it. parse()
takes only what build() makes (ASCII digits within bounds, known words) and gives None for
anything else, which handlers answer as a stale button, never as an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from bot.services.inputs import parse_int

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
DATA_MAX = 64  # bytes of callback data Telegram keeps


def checked(data: str) -> str:
    """The data, if Telegram keeps all of it."""
    if len(data.encode()) > DATA_MAX:
        raise ValueError(f"callback data over {DATA_MAX} bytes: {data!r}")
    return data


def member(kind: type[E], value: str) -> E | None:
    """The enum member written as `value`, None for anything else."""
    try:
        return kind(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Codec(Generic[T]):
    """One family: `prefix:field:…` with a fixed number of fields (or a few allowed counts,
    where a family's presses carry a value only for some actions)."""

    prefix: str
    fields: int | tuple[int, ...]
    encode: Callable[[T], Sequence[str]]
    decode: Callable[[Sequence[str]], T | None]

    def _counts(self) -> tuple[int, ...]:
        return (self.fields,) if isinstance(self.fields, int) else self.fields

    @property
    def pattern(self) -> str:
        """For CallbackQueryHandler: every press of this family, valid or not."""
        return f"^{re.escape(self.prefix)}:"

    def build(self, value: T) -> str:
        data = ":".join((self.prefix, *self.encode(value)))
        assert data.count(":") in self._counts(), data
        return checked(data)

    def parse(self, data: str) -> T | None:
        prefix, colon, rest = data.partition(":")
        parts = rest.split(":")
        if prefix != self.prefix or not colon or len(parts) not in self._counts():
            return None
        return self.decode(parts)


def yes_no(prefix: str) -> Codec[bool]:
    """A two-way confirmation: `prefix:yes` or `prefix:no`."""
    return Codec[bool](
        prefix, 1, lambda yes: ("yes" if yes else "no",), lambda p: _YES_NO.get(p[0])
    )


_YES_NO = {"yes": True, "no": False}


def _positive(text: str) -> int | None:
    return parse_int(text, low=1)


def id_codec(prefix: str, parse: Callable[[str], int | None] = _positive) -> Codec[int]:
    """A family whose one field is a row's id (`prefix:<id>`)."""
    return Codec[int](prefix, 1, lambda value: (str(value),), lambda parts: parse(parts[0]))
