"""Parse a canteen manager's menu spreadsheet (CSV or XLSX) into dish rows.

Pure: no database, no Telegram, no clock (``today`` is passed in), no I/O beyond decoding the
bytes it is given. Nothing here raises on bad input: every problem comes back as a
``ParseProblem`` with the row number the user sees in Excel, all of them at once, so one
answer tells the manager everything to fix. The caller imports nothing unless ``ok``.

File formats
    * ``.xlsx``: the first worksheet, read with openpyxl (read-only, cached formula values).
    * ``.csv`` (also ``.tsv`` and ``.txt``, because Excel's "Unicode text" save is a
      tab-separated ``.txt``): UTF-16 with BOM, else UTF-8 (BOM optional), else GB18030 (a
      superset of the GBK that Excel writes on Chinese Windows). Text containing control
      characters other than tab/CR/LF is taken for a binary file. Delimiter: whichever of
      ``,`` tab ``;`` ``，`` splits the header into the most known column names (ties go to
      the comma, since the allergen cells themselves often contain ``;``).
    * Anything else, or a file that cannot be read, is ``unsupported-file``: any exception
      from decoding, csv or openpyxl is turned into that problem.

Layout
    * Header row: the first non-empty row, unless one of the first ``HEADER_SEARCH_ROWS``
      non-empty rows names more known columns (so a title row above the header is fine).
      Names are Chinese or English, case-, width- and space-insensitive; order is free;
      unknown columns are ignored; a repeated column counts once (the leftmost).
    * Required: 日期/date, 餐次/meal, 菜品/dish. Optional: 类别/category, 过敏原/allergens,
      备注/notes. A missing required column is reported with ``value`` = its English key
      (``date``, ``meal``, ``dish``); the catalogs translate it.
    * Entirely empty rows are skipped anywhere, but row numbers stay as Excel shows them.
      A row that repeats the header (two weeks pasted together) is skipped too.
    * A blank date or meal cell takes the value of the row above: that is what a merged cell
      (one 日期 cell spanning a day's dishes, the usual Chinese menu layout) reads as.
    * Cells are trimmed of whitespace, including full-width spaces. Text is kept raw, never
      interpreted as HTML; escaping is the renderer's job.

Values
    * Dates: see ``parse_date``; years 2000–2099 only, which also catches typos such as 2206.
      A date more than ``ARCHIVE_DAYS`` before ``today`` is ``past-date``; the days between are
      accepted for the record (a week uploaded on Wednesday keeps its Monday), and the caller
      decides that they are never pushed.
    * Allergens: separated by ``; ； , ， 、 /`` or line breaks; a cell saying there are none
      (无, none, n/a, -) is accepted as empty.

Limits (each a module constant)
    file size ``MAX_FILE_BYTES`` (5 MB; over it is ``unsupported-file``), xlsx uncompressed size
    ``MAX_XLSX_UNCOMPRESSED_BYTES`` (zip bombs), columns read ``MAX_COLUMNS``, data rows
    ``MAX_DATA_ROWS`` (over it is ``too-many-rows`` and no row is checked), dish / category /
    notes length in characters (``too-long``: a note is the canteen's own words to parents, often
    about ingredients, so it is never cut short behind the administrator's back), dishes in one
    day ``MAX_DISHES_PER_DAY`` (``too-many-dishes``, once per day, at its first row over). ``ParseProblem.value`` is shortened to
    ``MAX_VALUE_CHARS`` so a problem list stays readable.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.services.inputs import visible_text

__all__ = [
    "ALLERGENS",
    "HEADER_SEARCH_ROWS",
    "MAX_CATEGORY_CHARS",
    "MAX_COLUMNS",
    "MAX_DATA_ROWS",
    "MAX_DISHES_PER_DAY",
    "MAX_DISH_CHARS",
    "MAX_FILE_BYTES",
    "MAX_NOTES_CHARS",
    "MAX_VALUE_CHARS",
    "MAX_XLSX_UNCOMPRESSED_BYTES",
    "MEALS",
    "PROBLEM_CODES",
    "DishRow",
    "ParseProblem",
    "ParseResult",
    "normalize_allergen",
    "normalize_meal",
    "parse_date",
    "parse_menu_file",
    "split_allergens",
]

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

PROBLEM_CODES: tuple[str, ...] = (
    "unsupported-file",
    "empty-file",
    "missing-column",
    "bad-date",
    "past-date",
    "unknown-meal",
    "empty-dish",
    "unknown-allergen",
    "duplicate-row",
    "too-long",
    "too-many-rows",
    "too-many-dishes",
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 64
# A term is ~100 school days × 3 meals × ~10 dishes = 3,000 rows; a longer or richer one fits too.
MAX_DATA_ROWS = 5000  # the catalogs' too-many-rows messages quote this number
# Three meals of ~20 dishes: what one morning's push may carry (a long day goes out in a few
# messages; this keeps it to a few). The catalogs quote it.
MAX_DISHES_PER_DAY = 60
MAX_DISH_CHARS = 60
MAX_CATEGORY_CHARS = 20
MAX_NOTES_CHARS = 200
MAX_VALUE_CHARS = 100
# Parents may still rate and report on a meal this many days back, so its menu is worth keeping.
ARCHIVE_DAYS = 14
HEADER_SEARCH_ROWS = 10
_SNIFF_CHARS = 64 * 1024
_EXCEL_MAX_ROWS = 1_048_576  # a sheet claiming more rows is corrupt or hostile
_EMPTY_XLSX_ROW = (None,) * MAX_COLUMNS

_MIN_DATE = date(2000, 1, 1)
_MAX_DATE = date(2099, 12, 31)
# Excel's 1900 date system counts 1900-02-29, which never existed; for every date after
# February 1900 (all we accept) serial N is simply 1899-12-30 + N days.
_EXCEL_EPOCH = date(1899, 12, 30)

_REQUIRED_COLUMNS: tuple[str, ...] = ("date", "meal", "dish")
_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date"),
    "meal": ("餐次", "餐别", "meal"),
    "dish": ("菜品", "菜名", "dish"),
    "category": ("类别", "分类", "category"),
    "allergens": ("过敏原", "allergens", "allergen"),
    "notes": ("备注", "notes", "note"),
}

# fmt: off
# First name of each group is the GB 7718 wording; the rest are what people actually type.
_ALLERGEN_NAMES: dict[str, tuple[str, ...]] = {
    "gluten": (
        "含麸质谷物", "含麸质的谷物", "麸质", "麸质谷物", "小麦", "大麦", "黑麦", "燕麦", "面筋",
        "gluten", "wheat", "barley", "rye", "oat", "oats",
    ),
    "crustacean": (
        "甲壳纲类动物", "甲壳纲动物", "甲壳类", "甲壳类动物", "虾", "蟹", "虾类", "蟹类", "虾蟹",
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
# C0 controls other than tab, LF, CR (and DEL): never in a text spreadsheet, always in binaries.
_BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CSV_DELIMITERS: tuple[str, ...] = (",", "\t", ";", "，")

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


@dataclass(frozen=True)
class DishRow:
    row: int  # as Excel shows it: the header is usually row 1, the first dish row 2
    date: date
    meal: str  # a MEALS key
    dish: str
    category: str  # "" when absent
    allergens: tuple[str, ...]  # ALLERGENS keys, de-duplicated, in ALLERGENS order
    notes: str


@dataclass(frozen=True)
class ParseProblem:
    row: int  # 0 = the whole file
    code: str  # one of PROBLEM_CODES
    # The offending cell text (raw, untrusted), shortened to MAX_VALUE_CHARS; for file-level
    # problems the missing column's key, the data row count, or the file name.
    value: str = ""


@dataclass
class ParseResult:
    rows: list[DishRow]  # the valid rows only
    problems: list[ParseProblem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _fold(text: str) -> str:
    """Comparison key: full-width → ASCII (NFKC), case-insensitive, no spaces at all."""
    return _ANY_SPACE_RE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _lookup(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_fold(name): key for key, group in names.items() for name in group}


_ALLERGEN_LOOKUP = _lookup(_ALLERGEN_NAMES)
_MEAL_LOOKUP = _lookup(_MEAL_NAMES)
_COLUMN_LOOKUP = _lookup(_COLUMN_NAMES)
_NO_ALLERGEN_FOLDED = frozenset(_fold(word) for word in _NO_ALLERGEN)


def normalize_allergen(token: str) -> str | None:
    """An ALLERGENS key for a Chinese or English allergen name or common short form."""
    key = _fold(token)
    if key in _ALLERGEN_LOOKUP:
        return _ALLERGEN_LOOKUP[key]
    for suffix in _ALLERGEN_SUFFIXES:
        if key.endswith(suffix):
            return _ALLERGEN_LOOKUP.get(key.removesuffix(suffix))
    return None


def normalize_meal(token: str) -> str | None:
    """A MEALS key for 早餐/午餐/晚餐, their colloquial forms, or the English names."""
    return _MEAL_LOOKUP.get(_fold(token))


def split_allergens(value: str) -> list[str]:
    """The trimmed, non-empty items of an allergen cell, as typed."""
    items = (_clean(item) for item in _ALLERGEN_SEPARATOR_RE.split(value))
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
    text = _clean(unicodedata.normalize("NFKC", value))
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


def _clean(text: str) -> str:
    text = text.strip()  # str.strip() covers full-width spaces; the regex is the slow path
    if text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):
        text = _EDGE_SPACE_RE.sub("", text)
    return text


def _cell_text(value: object) -> str:
    """What the user sees in a cell, trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel shows 3, not 3.0
    return _clean(str(value))


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _clean(value))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


# A sheet as (row number as Excel shows it, cell values), non-empty rows only.
_Table = list[tuple[int, Sequence[object]]]


class _Unreadable(Exception):
    """The bytes are not a spreadsheet we can read."""


def _read_table(data: bytes, filename: str) -> _Table:
    if len(data) > MAX_FILE_BYTES:
        raise _Unreadable
    extension = os.path.splitext(filename.strip())[1].casefold()
    if extension == ".xlsx":
        return _read_xlsx(data)
    if extension in (".csv", ".tsv", ".txt"):
        return _read_csv(_decode_text(data))
    raise _Unreadable


def _decode_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 has its own BOM; old DOS tools end files with Ctrl-Z
        text = text.removeprefix("\ufeff").rstrip("\x1a")
        if _BINARY_RE.search(text):
            raise _Unreadable
        return text
    raise _Unreadable


def _read_csv(text: str) -> _Table:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), skipinitialspace=True
    )
    table: _Table = []
    for number, record in enumerate(reader, start=1):
        if number > _EXCEL_MAX_ROWS:  # more rows than Excel can show: not a spreadsheet
            raise _Unreadable
        cells = [_clean(cell) for cell in record[:MAX_COLUMNS]]
        if any(cells):
            table.append((number, cells))
    return table


def _sniff_delimiter(text: str) -> str:
    lines: list[str] = []
    # The header is near the top; a bounded prefix keeps a hostile file from costing more.
    for line in io.StringIO(text[:_SNIFF_CHARS], newline=""):
        if line.strip():
            lines.append(line)
            if len(lines) == HEADER_SEARCH_ROWS:
                break

    def score(delimiter: str) -> int:
        return max(
            (
                len(_header_columns(cells[:MAX_COLUMNS]))
                for cells in csv.reader(lines, delimiter=delimiter)
            ),
            default=0,
        )

    # max() keeps the first of equal scores, so ties go to the comma.
    return max(_CSV_DELIMITERS, key=score)


def _read_xlsx(data: bytes) -> _Table:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # Declared sizes are enforced by zipfile while reading, so this bounds decompression.
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED_BYTES:
            raise _Unreadable
    import openpyxl  # here, not at the top: importing it is slow and most callers need only CSV

    with warnings.catch_warnings():
        # openpyxl warns about harmless things (unsupported extensions, missing styles)
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            # The stored dimension is often wrong (files written by other tools) and would
            # truncate the rows; without it, rows are read to the real end.
            sheet.reset_dimensions()
            table: _Table = []
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            for number, values in enumerate(rows, start=1):
                if number > _EXCEL_MAX_ROWS:
                    raise _Unreadable
                # openpyxl fills gaps between stored rows with empty rows; comparing against
                # one tuple keeps a sheet whose only row is its millionth fast.
                if values != _EMPTY_XLSX_ROW and not all(_is_blank(value) for value in values):
                    table.append((number, values))
            return table
        finally:
            workbook.close()


def _header_columns(cells: Sequence[object]) -> dict[str, int]:
    """Known column key → index of the leftmost cell naming it."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _COLUMN_LOOKUP.get(_fold(_cell_text(cell)))
        if key is not None and key not in columns:
            columns[key] = index
    return columns


def _find_header(table: _Table) -> tuple[int, dict[str, int]]:
    """Index in ``table`` of the header row, and its columns."""
    candidates = [
        (index, _header_columns(cells))
        for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS])
    ]
    # max() keeps the earliest of equal scores, so with no known names it is the first row.
    return max(candidates, key=lambda candidate: len(candidate[1]))


def parse_menu_file(data: bytes, filename: str, today: date) -> ParseResult:
    """Every dish row of a menu spreadsheet and every problem in it (see the module doc)."""
    try:
        table = _read_table(data, filename)
    except Exception:
        # Whatever went wrong inside the decoders or openpyxl, the answer to the user is
        # the same: we cannot read this file.
        return ParseResult([], [ParseProblem(0, "unsupported-file", _shorten(filename))])
    if not table:
        return ParseResult([], [ParseProblem(0, "empty-file")])

    header_index, columns = _find_header(table)
    header = table[header_index][1]
    data_rows = [
        (number, cells)
        for number, cells in table[header_index + 1 :]
        if not _repeats_header(cells, header, columns)
    ]
    problems = [
        ParseProblem(0, "missing-column", key) for key in _REQUIRED_COLUMNS if key not in columns
    ]
    if not data_rows:
        problems.append(ParseProblem(0, "empty-file"))
    elif len(data_rows) > MAX_DATA_ROWS:
        problems.append(ParseProblem(0, "too-many-rows", str(len(data_rows))))
    if problems:
        return ParseResult([], problems)
    return _check_rows(data_rows, columns, today)


def _repeats_header(
    cells: Sequence[object], header: Sequence[object], columns: dict[str, int]
) -> bool:
    return bool(columns) and all(
        _fold(_cell_text(_cell(cells, index))) == _fold(_cell_text(_cell(header, index)))
        for index in columns.values()
    )


def _cell(cells: Sequence[object], index: int | None) -> object:
    return cells[index] if index is not None and index < len(cells) else None


def _check_rows(data_rows: _Table, columns: dict[str, int], today: date) -> ParseResult:
    rows: list[DishRow] = []
    problems: list[ParseProblem] = []
    seen: set[tuple[date, str, str]] = set()
    date_cell: object = None
    meal_cell: object = None
    for number, cells in data_rows:
        found: list[tuple[str, str]] = []  # (code, value) for this row

        # A blank date or meal continues the one above (merged cells).
        if not _is_blank(cell := _cell(cells, columns["date"])):
            date_cell = cell
        if not _is_blank(cell := _cell(cells, columns["meal"])):
            meal_cell = cell

        day = parse_date(date_cell)
        if day is None:
            found.append(("bad-date", _cell_text(date_cell)))
        elif day < today - timedelta(days=ARCHIVE_DAYS):
            found.append(("past-date", _cell_text(date_cell)))

        meal = normalize_meal(_cell_text(meal_cell))
        if meal is None:
            found.append(("unknown-meal", _cell_text(meal_cell)))

        # Shown to every parent: no bidi controls, and a name of only invisible characters is
        # no name at all.
        dish = visible_text(_cell_text(_cell(cells, columns["dish"])))
        category = visible_text(_cell_text(_cell(cells, columns.get("category"))))
        notes = visible_text(_cell_text(_cell(cells, columns.get("notes"))))
        if not dish:
            found.append(("empty-dish", ""))
        for text, limit in (
            (dish, MAX_DISH_CHARS),
            (category, MAX_CATEGORY_CHARS),
            (notes, MAX_NOTES_CHARS),
        ):
            if len(text) > limit:
                found.append(("too-long", text))

        allergens: set[str] = set()
        allergen_text = _cell_text(_cell(cells, columns.get("allergens")))
        if _fold(allergen_text) not in _NO_ALLERGEN_FOLDED:
            for token in split_allergens(allergen_text):
                key = normalize_allergen(token)
                if key is not None:
                    allergens.add(key)
                elif _fold(token) not in _NO_ALLERGEN_FOLDED:
                    found.append(("unknown-allergen", token))

        if day is not None and meal is not None and dish:
            identity = (day, meal, _fold(dish))
            if identity in seen:
                found.append(("duplicate-row", dish))
            seen.add(identity)

        if found or day is None or meal is None:
            problems.extend(ParseProblem(number, code, _shorten(value)) for code, value in found)
            continue
        rows.append(
            DishRow(
                row=number,
                date=day,
                meal=meal,
                dish=dish,
                category=category,
                allergens=tuple(key for key in ALLERGENS if key in allergens),
                notes=notes,
            )
        )
    problems = sorted([*problems, *_too_many_dishes(rows)], key=lambda p: p.row)
    return ParseResult(rows, problems)


def _too_many_dishes(rows: Sequence[DishRow]) -> list[ParseProblem]:
    counts: dict[date, int] = {}
    found: list[ParseProblem] = []
    for row in rows:
        counts[row.date] = counts.get(row.date, 0) + 1
        if counts[row.date] == MAX_DISHES_PER_DAY + 1:
            found.append(ParseProblem(row.row, "too-many-dishes", row.date.isoformat()))
    return found
