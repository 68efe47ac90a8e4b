"""The callback data of the feedback and case buttons, one codec per family (views.codec):

rate:<YYYYMMDD>:<meal>:<score>   a face under a menu
fbm:<YYYYMMDD>:<meal>:<score>    "tell us more" after a low rating
fbo:<offer id>                   "file this as a report"
fb:<nonce>:<step>:<value>        a guided report's button (step "cancel" ends it)
case:<ack|res|seal>:<case id>    a case card's buttons (seal: the meal's 留样 are sealed)
fu:<case id>:<answer>            the follow-up question's buttons
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.services.cases import FollowUpAnswer, follow_up_answer
from bot.services.flagging import RATING_MAX, RATING_MIN
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import MEALS
from bot.services.ratings import RatingTap
from bot.services.report_steps import ReportStep
from bot.views.codec import Codec, id_codec, member

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
OFFER = id_codec("fbo")  # the offer's id


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
    report_step = member(ReportStep, step)
    return None if report_step is None else ReportPress(nonce, report_step, value)


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
    action, case_id = member(CaseAction, parts[0]), parse_int(parts[1], low=1)
    return None if action is None or case_id is None else CasePress(action, case_id)


CASE = Codec[CasePress]("case", 2, lambda p: (p.action, str(p.case_id)), _case)


@dataclass(frozen=True)
class FollowUpPress:
    case_id: int
    answer: FollowUpAnswer


def _follow_up(parts: Sequence[str]) -> FollowUpPress | None:
    case_id, answer = parse_int(parts[0], low=1), follow_up_answer(parts[1])
    return None if case_id is None or answer is None else FollowUpPress(case_id, answer)


FOLLOW_UP = Codec[FollowUpPress]("fu", 2, lambda p: (str(p.case_id), p.answer), _follow_up)
