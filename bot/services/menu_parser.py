"""Parse a canteen manager's menu spreadsheet (CSV or XLSX) into dish rows.

Pure: no database, no Telegram, no clock (``today`` is passed in), no I/O beyond decoding the
bytes it is given. Nothing here raises on bad input: every problem comes back as a
``ParseProblem`` with the row number the user sees in Excel, all of them at once, so one
answer tells the manager everything to fix. The caller imports nothing unless ``ok``. What
a cell says (allergen and meal names, column names, dates, cell text) is services.menu_values.

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
import os
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.services.inputs import visible_text
from bot.services.menu_values import (
    ALLERGENS,
    MEALS,
    cell_text,
    clean,
    column_key,
    fold,
    is_blank,
    normalize_allergen,
    normalize_meal,
    parse_date,
    says_none,
    split_allergens,
)

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

_REQUIRED_COLUMNS: tuple[str, ...] = ("date", "meal", "dish")
# C0 controls other than tab, LF, CR (and DEL): never in a text spreadsheet, always in binaries.
_BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CSV_DELIMITERS: tuple[str, ...] = (",", "\t", ";", "，")


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
        cells = [clean(cell) for cell in record[:MAX_COLUMNS]]
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
                if values != _EMPTY_XLSX_ROW and not all(is_blank(value) for value in values):
                    table.append((number, values))
            return table
        finally:
            workbook.close()


def _header_columns(cells: Sequence[object]) -> dict[str, int]:
    """Known column key → index of the leftmost cell naming it."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = column_key(cell)
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
        fold(cell_text(_cell(cells, index))) == fold(cell_text(_cell(header, index)))
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
        if not is_blank(cell := _cell(cells, columns["date"])):
            date_cell = cell
        if not is_blank(cell := _cell(cells, columns["meal"])):
            meal_cell = cell

        day = parse_date(date_cell)
        if day is None:
            found.append(("bad-date", cell_text(date_cell)))
        elif day < today - timedelta(days=ARCHIVE_DAYS):
            found.append(("past-date", cell_text(date_cell)))

        meal = normalize_meal(cell_text(meal_cell))
        if meal is None:
            found.append(("unknown-meal", cell_text(meal_cell)))

        # Shown to every parent: no bidi controls, and a name of only invisible characters is
        # no name at all.
        dish = visible_text(cell_text(_cell(cells, columns["dish"])))
        category = visible_text(cell_text(_cell(cells, columns.get("category"))))
        notes = visible_text(cell_text(_cell(cells, columns.get("notes"))))
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
        allergen_text = cell_text(_cell(cells, columns.get("allergens")))
        if not says_none(allergen_text):
            for token in split_allergens(allergen_text):
                key = normalize_allergen(token)
                if key is not None:
                    allergens.add(key)
                elif not says_none(token):
                    found.append(("unknown-allergen", token))

        if day is not None and meal is not None and dish:
            identity = (day, meal, fold(dish))
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
