"""Callback data of the 陪餐 duty buttons, one codec per family (views.codec):

dr:<nonce>:<action>:<i>:<j>          a button of the record being filled in
dstart:<YYYYMMDD>:<meal>:<record>    start a record (record > 0: a correction of that record)
dset:<leader>:<first>:<last>:<meal>  the roster picker (0 / "x": not chosen yet)
dgst:<0|1>                           /settings: the evening digest off or on
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.services.duty_record import Action, Press
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_values import MEALS
from bot.views.codec import Codec, member

_NONCE = re.compile(r"[0-9a-f]{1,16}")
INDEX_MAX = 999
ALL_MEALS = "all"
UNSET = "x"


def _record(parts: Sequence[str]) -> Press | None:
    action = member(Action, parts[1])
    i, j = parse_int(parts[2], high=INDEX_MAX), parse_int(parts[3], high=INDEX_MAX)
    if _NONCE.fullmatch(parts[0]) is None or action is None or i is None or j is None:
        return None
    return Press(parts[0], action, i, j)


RECORD = Codec[Press]("dr", 4, lambda p: (p.nonce, p.action, str(p.i), str(p.j)), _record)


@dataclass(frozen=True)
class StartPress:
    day: date
    meal: str
    replaces: int = 0


def _start(parts: Sequence[str]) -> StartPress | None:
    day, replaces = parse_yyyymmdd(parts[0]), parse_int(parts[2])
    if day is None or parts[1] not in MEALS or replaces is None:
        return None
    return StartPress(day, parts[1], replaces)


START = Codec[StartPress](
    "dstart", 3, lambda p: (f"{p.day:%Y%m%d}", p.meal, str(p.replaces)), _start
)


@dataclass(frozen=True)
class RosterPick:
    """The administrator's picks so far: the person, then the first and last day, then the meal
    (the last pick writes the roster)."""

    leader: int
    first: date | None = None
    last: date | None = None
    meal: str = UNSET  # a MEALS key, ALL_MEALS, or UNSET


def _roster_fields(pick: RosterPick) -> Sequence[str]:
    first = f"{pick.first:%Y%m%d}" if pick.first else "0"
    last = f"{pick.last:%Y%m%d}" if pick.last else "0"
    return (str(pick.leader), first, last, pick.meal)


def _roster(parts: Sequence[str]) -> RosterPick | None:
    leader = parse_int(parts[0], low=1)
    first = None if parts[1] == "0" else parse_yyyymmdd(parts[1])
    last = None if parts[2] == "0" else parse_yyyymmdd(parts[2])
    meal = parts[3]
    if leader is None or (parts[1] != "0" and first is None):
        return None
    if (parts[2] != "0" and last is None) or meal not in (*MEALS, ALL_MEALS, UNSET):
        return None
    if (last is not None and first is None) or (meal != UNSET and last is None):
        return None
    if first is not None and last is not None and last < first:
        return None
    return RosterPick(leader, first, last, meal)


ROSTER = Codec[RosterPick]("dset", 4, _roster_fields, _roster)
DIGEST = Codec[bool](
    "dgst", 1, lambda on: (str(int(on)),), lambda p: {"0": False, "1": True}.get(p[0])
)

CODECS = (RECORD, START, ROSTER, DIGEST)
