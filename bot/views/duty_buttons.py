"""Callback data of the 陪餐 duty buttons, each family built and parsed back in one place.

dr:<nonce>:<action>:<i>:<j>          a button of the record being filled in
dstart:<YYYYMMDD>:<meal>:<record>    start a record (record > 0: a correction of that record)
dset:<leader>:<first>:<last>:<meal>  the roster picker (0 / "x": not chosen yet)
dgst:<0|1>                           /settings: the evening digest off or on
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.services.duty_record import Action, Press
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_values import MEALS
from bot.views.buttons import Button, _checked, _enum, _fields

_NONCE = re.compile(r"[0-9a-f]{1,16}")
INDEX_MAX = 999
ALL_MEALS = "all"
UNSET = "x"


@dataclass(frozen=True)
class RecordButton:
    press: Press

    def data(self) -> str:
        p = self.press
        return _checked(f"dr:{p.nonce}:{p.action}:{p.i}:{p.j}")

    @classmethod
    def parse(cls, data: str) -> RecordButton | None:
        fields = _fields(data, "dr")
        if fields is None or len(fields) != 4 or _NONCE.fullmatch(fields[0]) is None:
            return None
        action = _enum(Action, fields[1])
        i, j = parse_int(fields[2], high=INDEX_MAX), parse_int(fields[3], high=INDEX_MAX)
        if action is None or i is None or j is None:
            return None
        return cls(Press(fields[0], action, i, j))


@dataclass(frozen=True)
class StartButton:
    day: date
    meal: str
    replaces: int = 0

    def data(self) -> str:
        return _checked(f"dstart:{self.day:%Y%m%d}:{self.meal}:{self.replaces}")

    @classmethod
    def parse(cls, data: str) -> StartButton | None:
        fields = _fields(data, "dstart")
        if fields is None or len(fields) != 3:
            return None
        day, replaces = parse_yyyymmdd(fields[0]), parse_int(fields[2])
        if day is None or fields[1] not in MEALS or replaces is None:
            return None
        return cls(day, fields[1], replaces)


@dataclass(frozen=True)
class RosterButton:
    """The administrator's picks so far: the person, then the first and last day, then the meal
    (the last pick writes the roster)."""

    leader: int
    first: date | None = None
    last: date | None = None
    meal: str = UNSET  # a MEALS key, ALL_MEALS, or UNSET

    def data(self) -> str:
        first = f"{self.first:%Y%m%d}" if self.first else "0"
        last = f"{self.last:%Y%m%d}" if self.last else "0"
        return _checked(f"dset:{self.leader}:{first}:{last}:{self.meal}")

    @classmethod
    def parse(cls, data: str) -> RosterButton | None:
        fields = _fields(data, "dset")
        if fields is None or len(fields) != 4:
            return None
        leader = parse_int(fields[0], low=1)
        first = None if fields[1] == "0" else parse_yyyymmdd(fields[1])
        last = None if fields[2] == "0" else parse_yyyymmdd(fields[2])
        meal = fields[3]
        if leader is None or (fields[1] != "0" and first is None):
            return None
        if (fields[2] != "0" and last is None) or meal not in (*MEALS, ALL_MEALS, UNSET):
            return None
        if (last is not None and first is None) or (meal != UNSET and last is None):
            return None
        if first is not None and last is not None and last < first:
            return None
        return cls(leader, first, last, meal)


@dataclass(frozen=True)
class DigestButton:
    on: bool

    def data(self) -> str:
        return _checked(f"dgst:{int(self.on)}")

    @classmethod
    def parse(cls, data: str) -> DigestButton | None:
        fields = _fields(data, "dgst")
        return cls(fields[0] == "1") if fields in (["0"], ["1"]) and fields else None


PARSERS: dict[str, Callable[[str], Button | None]] = {
    "dr": RecordButton.parse,
    "dstart": StartButton.parse,
    "dset": RosterButton.parse,
    "dgst": DigestButton.parse,
}
