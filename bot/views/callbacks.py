"""The callback data of the feedback and case buttons: each family built and parsed in one place.

Anyone can send any callback data, and an old keyboard outlives the code that made it. parse()
takes only what build() makes (ASCII digits within bounds, known words) and gives None for
anything else, which handlers answer as a stale button, never as an error.

    rate:<YYYYMMDD>:<meal>:<score>   a face under a menu
    fbm:<YYYYMMDD>:<meal>:<score>    "tell us more" after a low rating
    fbo:<offer id>                   "file this as a report"
    fb:<nonce>:<step>:<value>        a guided report's button (step "cancel" ends it)
    case:<ack|res|seal>:<case id>    a case card's buttons (seal: the meal's 留样 are sealed)
    fu:<case id>:<answer>            the follow-up question's buttons
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from bot.services.cases import FollowUpAnswer, follow_up_answer
from bot.services.flagging import RATING_MAX, RATING_MIN
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import MEALS
from bot.services.ratings import RatingTap
from bot.services.report_steps import ReportStep

T = TypeVar("T")
DATA_MAX = 64  # bytes of callback data Telegram keeps


@dataclass(frozen=True)
class Codec(Generic[T]):
    """One family: `prefix:field:…` with a fixed number of fields."""

    prefix: str
    fields: int
    encode: Callable[[T], Sequence[str]]
    decode: Callable[[Sequence[str]], T | None]

    @property
    def pattern(self) -> str:
        """For CallbackQueryHandler: every press of this family, valid or not."""
        return f"^{re.escape(self.prefix)}:"

    def build(self, value: T) -> str:
        data = ":".join((self.prefix, *self.encode(value)))
        assert data.count(":") == self.fields and len(data.encode()) <= DATA_MAX, data
        return data

    def parse(self, data: str) -> T | None:
        prefix, colon, rest = data.partition(":")
        parts = rest.split(":")
        if prefix != self.prefix or not colon or len(parts) != self.fields:
            return None
        return self.decode(parts)


# ---- ratings --------------------------------------------------------------------------------------


def _tap_fields(tap: RatingTap) -> Sequence[str]:
    return (f"{tap.day:%Y%m%d}", tap.meal, str(tap.score))


def _tap(parts: Sequence[str]) -> RatingTap | None:
    day = parse_yyyymmdd(parts[0])
    score = parse_int(parts[2], RATING_MIN, RATING_MAX)
    if day is None or parts[1] not in MEALS or score is None:
        return None
    return RatingTap(day, parts[1], score)


RATE = Codec[RatingTap]("rate", 3, _tap_fields, _tap)
MORE = Codec[RatingTap]("fbm", 3, _tap_fields, _tap)
OFFER = Codec[int]("fbo", 1, lambda offer_id: (str(offer_id),), lambda p: parse_int(p[0], low=1))


# ---- the guided report ----------------------------------------------------------------------------

CANCEL = "cancel"
_NONCE = re.compile(r"[0-9a-f]{1,16}")
_VALUE = re.compile(r"[0-9A-Za-z_-]{1,32}")


@dataclass(frozen=True)
class ReportPress:
    nonce: str  # the draft's: a button of an older report finds no draft to change
    step: ReportStep | None  # None: the cancel button
    value: str  # checked by the step's rules (services.report_steps.STEPS)


def _report_fields(press: ReportPress) -> Sequence[str]:
    return (press.nonce, press.step or CANCEL, press.value)


def _report(parts: Sequence[str]) -> ReportPress | None:
    nonce, step, value = parts
    if _NONCE.fullmatch(nonce) is None or _VALUE.fullmatch(value) is None:
        return None
    if step == CANCEL:
        return ReportPress(nonce, None, value)
    try:
        return ReportPress(nonce, ReportStep(step), value)
    except ValueError:
        return None


REPORT = Codec[ReportPress]("fb", 3, _report_fields, _report)


# ---- cases ----------------------------------------------------------------------------------------


class CaseAction(StrEnum):
    ACKNOWLEDGE = "ack"
    RESOLVE = "res"
    SEAL = "seal"  # the meal's retained samples are kept and sealed (services.samples)


@dataclass(frozen=True)
class CasePress:
    action: CaseAction
    case_id: int


def _case(parts: Sequence[str]) -> CasePress | None:
    case_id = parse_int(parts[1], low=1)
    try:
        action = CaseAction(parts[0])
    except ValueError:
        return None
    return None if case_id is None else CasePress(action, case_id)


CASE = Codec[CasePress]("case", 2, lambda p: (p.action, str(p.case_id)), _case)


@dataclass(frozen=True)
class FollowUpPress:
    case_id: int
    answer: FollowUpAnswer


def _follow_up(parts: Sequence[str]) -> FollowUpPress | None:
    case_id, answer = parse_int(parts[0], low=1), follow_up_answer(parts[1])
    return None if case_id is None or answer is None else FollowUpPress(case_id, answer)


FOLLOW_UP = Codec[FollowUpPress]("fu", 2, lambda p: (str(p.case_id), p.answer), _follow_up)
