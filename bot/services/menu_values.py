"""What a menu cell says: the allergen groups and meals and the names people type for them,
the column names, dates in the forms a canteen writes them, and cell text as Excel shows it.
Pure; services.menu_parser reads the spreadsheet around them.

Names are Chinese or English, compared case-, width- and space-insensitively (``fold``).
Allergens may be written with GB 7718's "及其制品"; a cell saying there are none (无, none,
n/a, -) is accepted as empty.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta

# The eight allergen groups of GB 7718 plus sesame, in display order.
ALLERGENS: tuple[str, ...] = (
    "gluten",
    "crustacean",
    "fish",
    "egg",
    "peanut",
    "soy",
    "milk",
    "nuts",
    "sesame",
)
MEALS: tuple[str, ...] = ("breakfast", "lunch", "dinner")

_MIN_DATE = date(2000, 1, 1)
_MAX_DATE = date(2099, 12, 31)
# Excel's 1900 date system counts 1900-02-29, which never existed; for every date after
# February 1900 (all we accept) serial N is simply 1899-12-30 + N days.
_EXCEL_EPOCH = date(1899, 12, 30)

_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date"),
    "meal": ("餐次", "餐别", "meal"),
    "dish": ("菜品", "菜名", "dish"),
    "category": ("类别", "分类", "category"),
    "allergens": ("过敏原", "allergens", "allergen"),
    "notes": ("备注", "notes", "note"),
}

# fmt: off
# First name of each group is the GB 7718 wording; the rest are what people actually type,
# the catalogs' everyday labels among them (麦麸/小麦 splits at the slash into two names).
_ALLERGEN_NAMES: dict[str, tuple[str, ...]] = {
    "gluten": (
        "含麸质谷物", "含麸质的谷物", "麸质", "麸质谷物", "小麦", "麦麸", "大麦", "黑麦", "燕麦",
        "面筋",
        "gluten", "wheat", "barley", "rye", "oat", "oats",
    ),
    "crustacean": (
        "甲壳纲类动物", "甲壳纲动物", "甲壳类", "甲壳类动物", "虾", "蟹", "虾类", "蟹类", "虾蟹",
        "虾蟹类",
        "crustacean", "crustaceans", "shellfish", "shrimp", "shrimps", "prawn", "prawns",
        "crab", "crabs", "lobster",
    ),
    "fish": ("鱼类", "鱼", "鱼肉", "fish"),
    "egg": ("蛋类", "蛋", "鸡蛋", "禽蛋", "蛋制品", "egg", "eggs"),
    "peanut": ("花生", "花生米", "peanut", "peanuts", "groundnut", "groundnuts"),
    "soy": (
        "大豆", "黄豆", "大豆制品", "豆制品",
        "soy", "soya", "soybean", "soybeans", "soyabean", "soyabeans",
    ),
    "milk": (
        "乳及乳制品", "乳", "乳制品", "乳品", "牛奶", "牛乳", "奶", "奶制品",
        "milk", "dairy", "lactose",
    ),
    "nuts": ("坚果及其果仁类", "坚果", "坚果类", "树坚果", "nuts", "nut", "tree nuts", "tree nut"),
    "sesame": ("芝麻", "sesame", "sesame seed", "sesame seeds"),
}
# fmt: on
# GB 7718 phrasing "花生及其制品" means the same allergen as "花生".
_ALLERGEN_SUFFIXES: tuple[str, ...] = ("及其制品", "及其产品", "及制品")
# A whole allergen cell saying "none" rather than naming an allergen.
_NO_ALLERGEN = ("无", "没有", "无过敏原", "none", "no", "n/a", "na", "nil", "-", "--", "—", "——")

_MEAL_NAMES: dict[str, tuple[str, ...]] = {
    "breakfast": ("早餐", "早饭", "早点", "早", "breakfast"),
    "lunch": ("午餐", "午饭", "中餐", "中饭", "午", "lunch"),
    "dinner": ("晚餐", "晚饭", "晚", "dinner", "supper"),
}

# Zero-width space and a stray BOM: invisible in Excel, so trimmed like whitespace.
_INVISIBLE = "\u200b\ufeff"
_EDGE_SPACE_RE = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")
_ANY_SPACE_RE = re.compile(rf"[\s{_INVISIBLE}]+")
_ALLERGEN_SEPARATOR_RE = re.compile(r"[;；,，、/／\r\n]")

# Matched after NFKC, so full-width digits and punctuation are already ASCII.
_WEEKDAY = r"(?:\s*\(?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])\)?)?"
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2026-11-30, 2026/1/5, 2026.11.30, optionally with the midnight time text exports add
    re.compile(
        r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?" + _WEEKDAY,
        re.ASCII,
    ),
    re.compile(
        r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?" + _WEEKDAY, re.ASCII
    ),
    # 20261130: a common way to type a date in a Chinese office
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})" + _WEEKDAY, re.ASCII),
)
_WEEKDAYS = "一二三四五六日"


def fold(text: str) -> str:
    """Comparison key: full-width → ASCII (NFKC), case-insensitive, no spaces at all."""
    return _ANY_SPACE_RE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _lookup(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(name): key for key, group in names.items() for name in group}


_ALLERGEN_LOOKUP = _lookup(_ALLERGEN_NAMES)
_MEAL_LOOKUP = _lookup(_MEAL_NAMES)
_COLUMN_LOOKUP = _lookup(_COLUMN_NAMES)
_NO_ALLERGEN_FOLDED = frozenset(fold(word) for word in _NO_ALLERGEN)


def column_key(cell: object) -> str | None:
    """The column a header cell names ("date", "meal", "dish", "category", "allergens",
    "notes"), in Chinese or English."""
    return _COLUMN_LOOKUP.get(fold(cell_text(cell)))


def says_none(text: str) -> bool:
    """An allergen cell (or item) saying there are none: 无, none, n/a, -."""
    return fold(text) in _NO_ALLERGEN_FOLDED


def normalize_allergen(token: str) -> str | None:
    """An ALLERGENS key for a Chinese or English allergen name or common short form."""
    key = fold(token)
    if key in _ALLERGEN_LOOKUP:
        return _ALLERGEN_LOOKUP[key]
    for suffix in _ALLERGEN_SUFFIXES:
        if key.endswith(suffix):
            return _ALLERGEN_LOOKUP.get(key.removesuffix(suffix))
    return None


def normalize_meal(token: str) -> str | None:
    """A MEALS key for 早餐/午餐/晚餐, their colloquial forms, or the English names."""
    return _MEAL_LOOKUP.get(fold(token))


def split_allergens(value: str) -> list[str]:
    """The trimmed, non-empty items of an allergen cell, as typed."""
    items = (clean(item) for item in _ALLERGEN_SEPARATOR_RE.split(value))
    return [item for item in items if item]


def parse_date(value: object) -> date | None:
    """A date from a cell, or None when it is not one (or falls outside 2000–2099).

    Accepts ``date``/``datetime`` objects (xlsx date cells); Excel serial numbers as int or
    float (an xlsx date column formatted as a number; a fraction is the time of day); an
    8-digit number or text ``20261130``; text ``2026-11-30``, ``2026/11/30``, ``2026.11.30``
    (one- or two-digit month and day, one separator throughout, an optional time of day),
    ``2026年11月30日`` (日 or 号 optional). Full-width digits are fine. Text may end in a
    weekday (周一, 星期一, （周一）), which must then be the right one: a mismatch means one
    of the two is a typo, so the date is rejected rather than guessed.
    Day-first or month-first forms (30/11/2026, 11/30/2026) are ambiguous and rejected.
    """
    parsed: date | None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, bool):  # an int subclass, but never a date
        return None
    elif isinstance(value, int | float):
        parsed = _date_from_number(value)
    elif isinstance(value, str):
        parsed = _date_from_text(value)
    else:
        return None
    if parsed is None or not _MIN_DATE <= parsed <= _MAX_DATE:
        return None
    return parsed


def _date_from_number(value: int | float) -> date | None:
    # No float() of an int: a hostile xlsx can hold an integer too large for one.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    whole = math.floor(value)
    if whole < 0:
        return None
    if 10_000_000 <= whole <= 99_999_999:
        # 8 digits cannot be a serial (Excel stops at 2958465): it is 20261130 typed as a number
        if whole != value:
            return None
        return _ymd(whole // 10_000, whole // 100 % 100, whole % 100)
    if whole > (_MAX_DATE - _EXCEL_EPOCH).days:
        return None
    return _EXCEL_EPOCH + timedelta(days=whole)


def _date_from_text(value: str) -> date | None:
    text = clean(unicodedata.normalize("NFKC", value))
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parsed = _ymd(int(match["y"]), int(match["m"]), int(match["d"]))
        weekday = match["wd"]
        if parsed is not None and weekday is not None:
            expected = _WEEKDAYS.index("日" if weekday == "天" else weekday)
            if parsed.weekday() != expected:
                return None
        return parsed
    return None


def _ymd(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def clean(text: str) -> str:
    text = text.strip()  # str.strip() covers full-width spaces; the regex is the slow path
    if text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):
        text = _EDGE_SPACE_RE.sub("", text)
    return text


def cell_text(value: object) -> str:
    """What the user sees in a cell, trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel shows 3, not 3.0
    return clean(str(value))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))
