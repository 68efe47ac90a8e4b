"""Callback data of the 家长陪餐 buttons, one codec per family, strict as bot.views.buttons:

pcday:<day id>                     a parent picks a day to apply for
pcdec:<ok|no>:<application id>     an administrator approves or declines
pccan:<application id>             a parent cancels
pcrec:<application id>:<action>:<value>
                                   the record flow: a grade for an aspect, or start, skip
                                   (no note), done (no more photos), send, cancel (value 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.services.inputs import parse_int
from bot.services.peican_record import Aspect, Grade

MAX_DATA_BYTES = 64
_ID = re.compile(r"[1-9][0-9]{0,17}")


class Button(Protocol):
    def data(self) -> str: ...


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_DATA_BYTES:
        raise ValueError(f"callback data over {MAX_DATA_BYTES} bytes: {data!r}")
    return data


def _fields(data: str, prefix: str, count: int) -> list[str] | None:
    head, sep, rest = data.partition(":")
    if head != prefix or not sep:
        return None
    fields = rest.split(":")
    return fields if len(fields) == count else None


def _id(text: str) -> int | None:
    return parse_int(text, low=1) if _ID.fullmatch(text) else None


@dataclass(frozen=True)
class DayPick:
    day_id: int

    def data(self) -> str:
        return _checked(f"pcday:{self.day_id}")

    @classmethod
    def parse(cls, data: str) -> DayPick | None:
        fields = _fields(data, "pcday", 1)
        day_id = None if fields is None else _id(fields[0])
        return None if day_id is None else cls(day_id)


@dataclass(frozen=True)
class DecisionButton:
    approve: bool
    application_id: int

    def data(self) -> str:
        return _checked(f"pcdec:{'ok' if self.approve else 'no'}:{self.application_id}")

    @classmethod
    def parse(cls, data: str) -> DecisionButton | None:
        fields = _fields(data, "pcdec", 2)
        if fields is None or fields[0] not in ("ok", "no"):
            return None
        application_id = _id(fields[1])
        return None if application_id is None else cls(fields[0] == "ok", application_id)


@dataclass(frozen=True)
class CancelButton:
    application_id: int

    def data(self) -> str:
        return _checked(f"pccan:{self.application_id}")

    @classmethod
    def parse(cls, data: str) -> CancelButton | None:
        fields = _fields(data, "pccan", 1)
        application_id = None if fields is None else _id(fields[0])
        return None if application_id is None else cls(application_id)


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
class RecordButton:
    application_id: int
    action: RecordAction
    grade: Grade | None = None  # for the four aspects

    @property
    def aspect(self) -> Aspect | None:
        return Aspect(self.action.value) if self.action.value in _GRADED else None

    def data(self) -> str:
        value = self.grade.value if self.grade is not None else "0"
        return _checked(f"pcrec:{self.application_id}:{self.action}:{value}")

    @classmethod
    def parse(cls, data: str) -> RecordButton | None:
        fields = _fields(data, "pcrec", 3)
        if fields is None:
            return None
        application_id = _id(fields[0])
        try:
            action = RecordAction(fields[1])
        except ValueError:
            return None
        if application_id is None:
            return None
        if action.value in _GRADED:
            try:
                return cls(application_id, action, Grade(fields[2]))
            except ValueError:
                return None
        return cls(application_id, action) if fields[2] == "0" else None


PARSERS: dict[str, Callable[[str], Button | None]] = {
    "pcday": DayPick.parse,
    "pcdec": DecisionButton.parse,
    "pccan": CancelButton.parse,
    "pcrec": RecordButton.parse,
}
