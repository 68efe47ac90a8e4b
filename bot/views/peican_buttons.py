"""Callback data of the 家长陪餐 buttons, one codec per family (views.codec):

pcday:<day id>                     a parent picks a day to apply for
pcdec:<ok|no>:<application id>     an administrator approves or declines
pccan:<application id>             a parent cancels
pcrec:<application id>:<action>:<value>
                                   the record flow: a grade for an aspect, or start, skip
                                   (no note), done (no more photos), send, cancel (value 0)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.services.inputs import parse_int
from bot.services.peican_record import Aspect, Grade
from bot.views.codec import Codec, id_codec, member

_ID = re.compile(r"[1-9][0-9]{0,17}")


def _id(text: str) -> int | None:
    return parse_int(text, low=1) if _ID.fullmatch(text) else None


DAY = id_codec("pcday", _id)  # the day's id
CANCEL = id_codec("pccan", _id)  # the application's id


@dataclass(frozen=True)
class DecisionPress:
    approve: bool
    application_id: int


def _decision(parts: Sequence[str]) -> DecisionPress | None:
    application_id = _id(parts[1])
    if parts[0] not in ("ok", "no") or application_id is None:
        return None
    return DecisionPress(parts[0] == "ok", application_id)


DECISION = Codec[DecisionPress](
    "pcdec", 2, lambda p: ("ok" if p.approve else "no", str(p.application_id)), _decision
)


class RecordAction(StrEnum):
    START = "start"
    HYGIENE = "hygiene"
    ORDER = "order"
    STAFF = "staff"
    QUALITY = "quality"
    SKIP = "skip"
    DONE = "done"
    SEND = "send"
    CANCEL = "cancel"


_GRADED = {a.value for a in Aspect}


@dataclass(frozen=True)
class RecordPress:
    application_id: int
    action: RecordAction
    grade: Grade | None = None  # for the four aspects

    @property
    def aspect(self) -> Aspect | None:
        return Aspect(self.action.value) if self.action.value in _GRADED else None


def _record_fields(press: RecordPress) -> Sequence[str]:
    value = press.grade.value if press.grade is not None else "0"
    return (str(press.application_id), press.action, value)


def _record(parts: Sequence[str]) -> RecordPress | None:
    application_id, action = _id(parts[0]), member(RecordAction, parts[1])
    if application_id is None or action is None:
        return None
    if action.value in _GRADED:
        grade = member(Grade, parts[2])
        return None if grade is None else RecordPress(application_id, action, grade)
    return RecordPress(application_id, action) if parts[2] == "0" else None


RECORD = Codec[RecordPress]("pcrec", 3, _record_fields, _record)

CODECS = (DAY, DECISION, CANCEL, RECORD)
