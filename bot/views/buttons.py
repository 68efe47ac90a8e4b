"""Callback data of the buttons outside the feedback and case loop, one codec per family
(views.codec): a handler never splits strings by hand. Parsing is strict: numbers are ASCII
digits in a bounded range and dates are real dates (a forged or stale button gets the
stale-button answer, never the error handler).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import ALLERGENS
from bot.views.codec import Codec, member, yes_no

# ---- onboarding: the class picker, the child flow, /children, /language, /deletedata -----------


class PickKind(StrEnum):
    GRADE = "g"  # the index of a grade in the school's list
    CLASS = "c"  # a class id


@dataclass(frozen=True)
class Pick:
    kind: PickKind
    number: int


def _pick(parts: Sequence[str]) -> Pick | None:
    kind, number = member(PickKind, parts[0]), parse_int(parts[1])
    return None if kind is None or number is None else Pick(kind, number)


PICK = Codec[Pick]("pick", 2, lambda p: (p.kind, str(p.number)), _pick)


class ChildAction(StrEnum):
    SKIP = "skip"  # no name
    ALLERGEN = "alg"  # toggle one allergen
    NONE = "none"  # no allergens
    DONE = "done"


@dataclass(frozen=True)
class ChildPress:
    action: ChildAction
    allergen: str = ""


def _child_fields(p: ChildPress) -> Sequence[str]:
    return (p.action, p.allergen) if p.action is ChildAction.ALLERGEN else (p.action,)


def _child(parts: Sequence[str]) -> ChildPress | None:
    action = member(ChildAction, parts[0])
    if action is ChildAction.ALLERGEN:
        ok = len(parts) == 2 and parts[1] in ALLERGENS
        return ChildPress(action, parts[1]) if ok else None
    return ChildPress(action) if action is not None and len(parts) == 1 else None


CHILD = Codec[ChildPress]("child", (1, 2), _child_fields, _child)


class KidsAction(StrEnum):
    ADD = "add"
    EDIT = "edit"
    REMOVE = "del"  # asks to confirm
    REMOVE_CONFIRMED = "delok"
    KEEP = "keep"  # back to the list


@dataclass(frozen=True)
class KidsPress:
    action: KidsAction
    child_id: int = 0


def _kids_fields(p: KidsPress) -> Sequence[str]:
    if p.action is KidsAction.ADD:
        return (p.action,)
    if p.action is KidsAction.KEEP:
        return (p.action, "0")  # as messages already sent carry it
    return (p.action, str(p.child_id))


def _kids(parts: Sequence[str]) -> KidsPress | None:
    action = member(KidsAction, parts[0])
    if action is KidsAction.ADD:
        return KidsPress(action) if len(parts) == 1 else None
    if action is KidsAction.KEEP:
        return KidsPress(action) if parts[1:] == ["0"] else None
    child_id = parse_int(parts[1]) if len(parts) == 2 else None
    return None if action is None or child_id is None else KidsPress(action, child_id)


KIDS = Codec[KidsPress]("kids", (1, 2), _kids_fields, _kids)
LANGUAGE = Codec[str](
    "lang", 1, lambda lang: (lang,), lambda p: p[0] if p[0] in ("zh", "en") else None
)
ERASE = yes_no("erase")  # /deletedata
MENU_IMPORT = yes_no("mimp")


# ---- menus: navigation and /settings ------------------------------------------------------------


class MenuView(StrEnum):
    DAY = "d"
    WEEK = "w"
    TODAY = "t"
    FULL = "f"  # the whole day as new messages, under a /menu view shortened to fit one


@dataclass(frozen=True)
class MenuPress:
    view: MenuView
    day: date | None = None  # None for TODAY


def _menu_fields(p: MenuPress) -> Sequence[str]:
    if p.view is MenuView.TODAY or p.day is None:
        return ("t", "0")
    return (p.view, f"{p.day:%Y%m%d}")


def _menu(parts: Sequence[str]) -> MenuPress | None:
    view = member(MenuView, parts[0])
    if view is MenuView.TODAY:
        return MenuPress(view) if parts[1] == "0" else None
    day = parse_yyyymmdd(parts[1])
    return None if view is None or day is None else MenuPress(view, day)


MENU = Codec[MenuPress]("menu", 2, _menu_fields, _menu)
# /settings: the daily menu on or off
MENU_OPT_IN = Codec[bool](
    "set",
    2,
    lambda on: ("menu", str(int(on))),
    lambda p: {"0": False, "1": True}.get(p[1]) if p[0] == "menu" else None,
)


# ---- /notice: the audience pickers and the preview ----------------------------------------------


class NoticeAction(StrEnum):
    CANCEL = "cancel"
    TOP = "top"  # back to the audience choice
    GRADES = "grades"  # pick a grade (the audience is a grade)
    CLASS_GRADES = "class-grades"  # pick a grade, then a class in it
    ALLERGENS = "allergens"
    ALL = "all"  # everyone
    GRADE = "g"  # number: a grade's index
    CLASS_GRADE = "cg"  # number: a grade's index, to list its classes
    CLASS = "c"  # number: a class id
    ALLERGEN = "a"  # value: an allergen key
    CHANGE = "change"  # from the preview, back to the audience
    SEND = "send"
    CONFIRM = "confirm"  # from the preview: ask parents to confirm (已阅), or not


_NOTICE_NUMBERED = {NoticeAction.GRADE, NoticeAction.CLASS_GRADE, NoticeAction.CLASS}


@dataclass(frozen=True)
class NoticePress:
    action: NoticeAction
    value: str = ""  # a number's digits or an allergen key, by action

    @property
    def number(self) -> int:
        return int(self.value)  # the codec accepted only ASCII digits in range


def _notice(parts: Sequence[str]) -> NoticePress | None:
    action = member(NoticeAction, parts[0])
    value = parts[1] if len(parts) == 2 else ""
    if action is None:
        return None
    if action in _NOTICE_NUMBERED:
        number = parse_int(value)
        return None if number is None else NoticePress(action, str(number))
    if action is NoticeAction.ALLERGEN:
        return NoticePress(action, value) if value in ALLERGENS else None
    return NoticePress(action) if not value else None


NOTICE = Codec[NoticePress](
    "notice", (1, 2), lambda p: (p.action, p.value) if p.value else (p.action,), _notice
)


# ---- the administrator's welcome and /schoolday's day buttons ------------------------------------


class HomeTask(StrEnum):
    """The common tasks an administrator's /start offers as buttons."""

    MENU_IMPORT = "import"
    NOTICE = "notice"
    SCHOOL_DAYS = "days"
    CASES = "cases"


HOME = Codec[HomeTask]("home", 1, lambda task: (task,), lambda p: member(HomeTask, p[0]))


def home_pattern(task: HomeTask) -> str:
    """For CallbackQueryHandler: the one task's button (each feature answers its own)."""
    return f"^{re.escape(HOME.build(task))}$"


class DayAction(StrEnum):
    SHOW = "show"  # the day and its three choices
    OPEN = "open"
    CLOSED = "closed"
    AUTO = "auto"


@dataclass(frozen=True)
class SchoolDayPress:
    action: DayAction
    day: date


def _school_day(parts: Sequence[str]) -> SchoolDayPress | None:
    action, day = member(DayAction, parts[0]), parse_yyyymmdd(parts[1])
    return None if action is None or day is None else SchoolDayPress(action, day)


SCHOOL_DAY = Codec[SchoolDayPress]("sday", 2, lambda p: (p.action, f"{p.day:%Y%m%d}"), _school_day)

# Every family here: what the "every button parses back" tests walk.
CODECS: tuple[Codec[Any], ...] = (
    PICK, CHILD, KIDS, LANGUAGE, ERASE, MENU_IMPORT, MENU, MENU_OPT_IN, NOTICE, HOME, SCHOOL_DAY,
)  # fmt: skip
