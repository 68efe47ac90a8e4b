"""Callback data of the buttons outside the feedback and case loop: one codec per family.

Each family builds its data and parses it back in one place, so a handler never splits strings
by hand. Parsing is strict: numbers are ASCII digits in a bounded range and dates are real dates
(a forged or stale button gets the stale-button answer, never the error handler). Telegram
allows 64 bytes of callback data; every codec checks what it builds (views.codec.checked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import ALLERGENS
from bot.views.codec import checked, member


class Button(Protocol):
    def data(self) -> str: ...


def _fields(data: str, prefix: str) -> list[str] | None:
    head, sep, rest = data.partition(":")
    if head != prefix:
        return None
    return rest.split(":") if sep else []


# ---- onboarding: the class picker, the child flow, /children, /language, /deletedata -----------


class PickKind(StrEnum):
    GRADE = "g"  # the index of a grade in the school's list
    CLASS = "c"  # a class id


@dataclass(frozen=True)
class Pick:
    kind: PickKind
    number: int

    def data(self) -> str:
        return checked(f"pick:{self.kind}:{self.number}")

    @classmethod
    def parse(cls, data: str) -> Pick | None:
        fields = _fields(data, "pick")
        if fields is None or len(fields) != 2:
            return None
        kind, number = member(PickKind, fields[0]), parse_int(fields[1])
        return None if kind is None or number is None else cls(kind, number)


class ChildAction(StrEnum):
    SKIP = "skip"  # no name
    ALLERGEN = "alg"  # toggle one allergen
    NONE = "none"  # no allergens
    DONE = "done"


@dataclass(frozen=True)
class ChildButton:
    action: ChildAction
    allergen: str = ""

    def data(self) -> str:
        tail = f":{self.allergen}" if self.action is ChildAction.ALLERGEN else ""
        return checked(f"child:{self.action}{tail}")

    @classmethod
    def parse(cls, data: str) -> ChildButton | None:
        fields = _fields(data, "child")
        if not fields:
            return None
        action = member(ChildAction, fields[0])
        if action is ChildAction.ALLERGEN:
            ok = len(fields) == 2 and fields[1] in ALLERGENS
            return cls(action, fields[1]) if ok else None
        return cls(action) if action is not None and len(fields) == 1 else None


class KidsAction(StrEnum):
    ADD = "add"
    EDIT = "edit"
    REMOVE = "del"  # asks to confirm
    REMOVE_CONFIRMED = "delok"
    KEEP = "keep"  # back to the list


@dataclass(frozen=True)
class KidsButton:
    action: KidsAction
    child_id: int = 0

    def data(self) -> str:
        if self.action is KidsAction.ADD:
            return checked("kids:add")
        if self.action is KidsAction.KEEP:
            return checked("kids:keep:0")  # as messages already sent carry it
        return checked(f"kids:{self.action}:{self.child_id}")

    @classmethod
    def parse(cls, data: str) -> KidsButton | None:
        fields = _fields(data, "kids")
        if not fields:
            return None
        action = member(KidsAction, fields[0])
        if action is KidsAction.ADD:
            return cls(action) if len(fields) == 1 else None
        if action is KidsAction.KEEP:
            return cls(action) if fields[1:] == ["0"] else None
        child_id = parse_int(fields[1]) if len(fields) == 2 else None
        return None if action is None or child_id is None else cls(action, child_id)


@dataclass(frozen=True)
class LanguageButton:
    language: str

    def data(self) -> str:
        return checked(f"lang:{self.language}")

    @classmethod
    def parse(cls, data: str) -> LanguageButton | None:
        fields = _fields(data, "lang")
        return cls(fields[0]) if fields and len(fields) == 1 and fields[0] in ("zh", "en") else None


@dataclass(frozen=True)
class YesNo:
    """A two-way confirmation under one prefix: erase (/deletedata), mimp (menu import)."""

    prefix: str
    yes: bool

    def data(self) -> str:
        return checked(f"{self.prefix}:{'yes' if self.yes else 'no'}")

    @classmethod
    def parser(cls, prefix: str) -> Callable[[str], YesNo | None]:
        def parse(data: str) -> YesNo | None:
            fields = _fields(data, prefix)
            if fields in (["yes"], ["no"]):
                assert fields is not None
                return cls(prefix, fields[0] == "yes")
            return None

        return parse


ERASE = "erase"
MENU_IMPORT = "mimp"
parse_erase = YesNo.parser(ERASE)
parse_menu_import = YesNo.parser(MENU_IMPORT)


# ---- menus: navigation and /settings ------------------------------------------------------------


class MenuView(StrEnum):
    DAY = "d"
    WEEK = "w"
    TODAY = "t"
    FULL = "f"  # the whole day as new messages, under a /menu view shortened to fit one


@dataclass(frozen=True)
class MenuButton:
    view: MenuView
    day: date | None = None  # None for TODAY

    def data(self) -> str:
        if self.view is MenuView.TODAY or self.day is None:
            return checked("menu:t:0")
        return checked(f"menu:{self.view}:{self.day:%Y%m%d}")

    @classmethod
    def parse(cls, data: str) -> MenuButton | None:
        fields = _fields(data, "menu")
        if fields is None or len(fields) != 2:
            return None
        view = member(MenuView, fields[0])
        if view is MenuView.TODAY:
            return cls(view) if fields[1] == "0" else None
        day = parse_yyyymmdd(fields[1])
        return None if view is None or day is None else cls(view, day)


@dataclass(frozen=True)
class MenuOptIn:
    """/settings: the daily menu on or off."""

    on: bool

    def data(self) -> str:
        return checked(f"set:menu:{int(self.on)}")

    @classmethod
    def parse(cls, data: str) -> MenuOptIn | None:
        fields = _fields(data, "set")
        if fields in (["menu", "0"], ["menu", "1"]):
            assert fields is not None
            return cls(fields[1] == "1")
        return None


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
class NoticeButton:
    action: NoticeAction
    value: str = ""  # a number's digits or an allergen key, by action

    def data(self) -> str:
        tail = f":{self.value}" if self.value else ""
        return checked(f"notice:{self.action}{tail}")

    @property
    def number(self) -> int:
        return int(self.value)  # parse() accepted only ASCII digits in range

    @classmethod
    def parse(cls, data: str) -> NoticeButton | None:
        fields = _fields(data, "notice")
        if not fields or len(fields) > 2:
            return None
        action = member(NoticeAction, fields[0])
        value = fields[1] if len(fields) == 2 else ""
        if action is None:
            return None
        if action in _NOTICE_NUMBERED:
            number = parse_int(value)
            return None if number is None else cls(action, str(number))
        if action is NoticeAction.ALLERGEN:
            return cls(action, value) if value in ALLERGENS else None
        return cls(action) if not value else None


# ---- the administrator's welcome and /schoolday's day buttons ------------------------------------


class HomeTask(StrEnum):
    """The common tasks an administrator's /start offers as buttons."""

    MENU_IMPORT = "import"
    NOTICE = "notice"
    SCHOOL_DAYS = "days"
    CASES = "cases"


@dataclass(frozen=True)
class HomeButton:
    task: HomeTask

    def data(self) -> str:
        return checked(f"home:{self.task}")

    @classmethod
    def pattern(cls, task: HomeTask) -> str:
        return f"^home:{task}$"

    @classmethod
    def parse(cls, data: str) -> HomeButton | None:
        fields = _fields(data, "home")
        task = member(HomeTask, fields[0]) if fields and len(fields) == 1 else None
        return None if task is None else cls(task)


class DayAction(StrEnum):
    SHOW = "show"  # the day and its three choices
    OPEN = "open"
    CLOSED = "closed"
    AUTO = "auto"


@dataclass(frozen=True)
class SchoolDayButton:
    action: DayAction
    day: date

    def data(self) -> str:
        return checked(f"sday:{self.action}:{self.day:%Y%m%d}")

    @classmethod
    def parse(cls, data: str) -> SchoolDayButton | None:
        fields = _fields(data, "sday")
        if fields is None or len(fields) != 2:
            return None
        action, day = member(DayAction, fields[0]), parse_yyyymmdd(fields[1])
        return None if action is None or day is None else cls(action, day)


# Every family here, by prefix: what the "every button parses back" test walks.
PARSERS: dict[str, Callable[[str], Button | None]] = {
    "pick": Pick.parse,
    "child": ChildButton.parse,
    "kids": KidsButton.parse,
    "lang": LanguageButton.parse,
    ERASE: parse_erase,
    MENU_IMPORT: parse_menu_import,
    "menu": MenuButton.parse,
    "set": MenuOptIn.parse,
    "notice": NoticeButton.parse,
    "home": HomeButton.parse,
    "sday": SchoolDayButton.parse,
}
