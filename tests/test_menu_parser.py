"""Menu spreadsheet parsing: the real sample, the ways people save it, every problem, properties."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import functools
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.i18n import LANGUAGES, Catalog
from bot.services.menu_parser import (
    ALLERGENS,
    ARCHIVE_DAYS,
    MAX_CATEGORY_CHARS,
    MAX_DATA_ROWS,
    MAX_DISH_CHARS,
    MAX_DISHES_PER_DAY,
    MAX_FILE_BYTES,
    MAX_NOTES_CHARS,
    MAX_VALUE_CHARS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    MEALS,
    PROBLEM_CODES,
    DishRow,
    ParseProblem,
    ParseResult,
    normalize_allergen,
    normalize_meal,
    parse_date,
    parse_menu_file,
    split_allergens,
)

SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "samples" / "menu-week.csv"
TODAY = date(2026, 11, 29)  # the Sunday before the sample week
ZH_HEADER = ["日期", "餐次", "菜品", "类别", "过敏原", "备注"]
EN_HEADER = ["date", "meal", "dish", "category", "allergens", "notes"]

# Written out here rather than imported, so the tests check the parser's tables.
GB7718_NAMES = {
    "gluten": "含麸质谷物",
    "crustacean": "甲壳纲类动物",
    "fish": "鱼类",
    "egg": "蛋类",
    "peanut": "花生",
    "soy": "大豆",
    "milk": "乳及乳制品",
    "nuts": "坚果及其果仁类",
    "sesame": "芝麻",
}
OTHER_NAMES = {
    "gluten": ("gluten", "wheat", "麸质", "小麦", "麦麸"),
    "crustacean": (
        "crustacean",
        "crustaceans",
        "shellfish",
        "shrimp",
        "甲壳类",
        "虾",
        "蟹",
        "虾蟹类",
    ),
    "fish": ("fish", "鱼"),
    "egg": ("egg", "eggs", "鸡蛋", "蛋"),
    "peanut": ("peanut", "peanuts"),
    "soy": ("soy", "soya", "soybean", "黄豆"),
    "milk": ("milk", "dairy", "lactose", "牛奶", "乳制品", "奶"),
    "nuts": ("nuts", "tree nuts", "坚果", "树坚果"),
    "sesame": ("sesame",),
}
MEAL_NAMES = {
    "breakfast": ("早餐", "早饭", "早", "breakfast", "Breakfast"),
    "lunch": ("午餐", "午饭", "中餐", "lunch", "LUNCH"),
    "dinner": ("晚餐", "晚饭", "dinner", "supper"),
}
ALLERGEN_SEPARATORS = (";", "；", ",", "，", "、", "/")


def parse(data: bytes, filename: str = "menu.csv", today: date = TODAY) -> ParseResult:
    return parse_menu_file(data, filename, today)


def sample_records() -> list[list[str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def to_csv(records: Sequence[Sequence[object]], delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(records)
    return out.getvalue()


@functools.cache
def sample_rows() -> tuple[DishRow, ...]:
    result = parse(SAMPLE.read_bytes(), "menu-week.csv")
    assert result.problems == []
    return tuple(result.rows)


def shifted(rows: Sequence[DishRow], by: int) -> list[DishRow]:
    return [dataclasses.replace(row, row=row.row + by) for row in rows]


def to_fullwidth(text: str) -> str:
    """ASCII → full-width forms, as a Chinese IME in full-width mode types them."""
    return "".join(
        "\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text
    )


def xlsx_bytes(fill: Callable[[openpyxl.Workbook], None]) -> bytes:
    workbook = openpyxl.Workbook()
    fill(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the real sample -------------------------------------------------------------------------


def test_sample_week_parses() -> None:
    assert SAMPLE.exists(), f"the project ships its sample: {SAMPLE}"
    result = parse(SAMPLE.read_bytes(), "menu-week.csv")
    assert result.ok, result.problems
    rows = result.rows
    # 48 dishes: the file has 49 lines counting the header.
    assert len(rows) == 48
    assert [row.row for row in rows] == list(range(2, 50))
    days = sorted({row.date for row in rows})
    assert days == [date(2026, 11, 30) + timedelta(days=n) for n in range(5)]
    meals = {day: {row.meal for row in rows if row.date == day} for day in days}
    assert meals[date(2026, 12, 4)] == {"breakfast", "lunch"}  # Friday: students go home
    assert all(meals[day] == set(MEALS) for day in days[:4])

    soup = next(row for row in rows if row.dish == "紫菜蛋花汤")
    assert soup == DishRow(
        row=10,
        date=date(2026, 11, 30),
        meal="lunch",
        dish="紫菜蛋花汤",
        category="汤",
        allergens=("fish", "egg"),  # typed 蛋类;鱼类, kept in ALLERGENS order
        notes="紫菜含少量鱼类成分",
    )
    chicken = next(row for row in rows if row.dish == "宫保鸡丁")
    assert chicken.allergens == ("peanut", "soy")
    assert chicken.notes == "含花生"
    assert next(row for row in rows if row.dish == "米饭").allergens == ()
    assert {row.category for row in rows} == {"主食", "荤菜", "素菜", "汤", "饮品"}


# --- the same sheet, saved the ways people save it -------------------------------------------


def _text_variants() -> dict[str, tuple[bytes, str]]:
    records = sample_records()
    text = to_csv(records)
    english = [EN_HEADER, *records[1:]]
    shouting = [[" Date ", "MEAL", "Dish", " category", "Allergens ", "NOTES"], *records[1:]]
    order = [4, 2, 0, 5, 1, 3]
    reordered = [[r[i] for i in order] + ["x"] for r in records]
    reordered[0][-1] = "负责人"  # an extra column nobody asked for
    padded = [[f"\u3000{cell} " if cell else cell for cell in record] for record in records]
    excel_unicode_text = "\ufeff" + to_csv(records, delimiter="\t", newline="\r\n")
    return {
        "gbk": (text.encode("gbk"), "menu.csv"),
        "gb18030": (text.encode("gb18030"), "menu.csv"),
        "utf-8-bom": (text.encode("utf-8-sig"), "menu.csv"),
        "utf-16": (text.encode("utf-16"), "menu.csv"),
        "utf-16-be": (codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "menu.csv"),
        "excel-unicode-text": (excel_unicode_text.encode("utf-16-le"), "menu.txt"),
        "crlf-trailing-blank": (
            (to_csv(records, newline="\r\n") + ",,,,,\r\n\r\n \r\n").encode(),
            "menu.csv",
        ),
        "no-final-newline": (text.rstrip("\n").encode(), "MENU.CSV"),
        "semicolons": (to_csv(records, delimiter=";").encode(), "menu.csv"),
        "tabs": (to_csv(records, delimiter="\t").encode(), "menu.tsv"),
        "english-headers": (to_csv(english).encode(), "menu.csv"),
        "header-case-and-spaces": (to_csv(shouting).encode(), "menu.csv"),
        "reordered-extra-column": (to_csv(reordered).encode("gbk"), "menu.csv"),
        "padded-cells": (to_csv(padded).encode(), "menu.csv"),
    }


@pytest.mark.parametrize("variant", sorted(_text_variants()))
def test_saved_variants_parse_identically(variant: str) -> None:
    data, filename = _text_variants()[variant]
    result = parse(data, filename)
    assert result.problems == []
    assert tuple(result.rows) == sample_rows()


def test_blank_and_title_rows_keep_excel_row_numbers() -> None:
    records = sample_records()
    # a title above the header, a blank line under it, and an empty row between two days
    lines = [["本周菜谱（11月30日—12月4日）"], [], records[0], [], *records[1:12], ["", ""]]
    lines += records[12:]
    result = parse(to_csv(lines).encode())
    assert result.problems == []
    rows = sample_rows()
    assert result.rows == shifted(rows[:11], 3) + shifted(rows[11:], 4)


def test_repeated_header_rows_are_skipped() -> None:
    records = sample_records()
    result = parse(to_csv([*records[:12], records[0], *records[12:]]).encode())
    assert result.problems == []
    assert result.rows == list(sample_rows()[:11]) + shifted(sample_rows()[11:], 1)


def test_merged_date_and_meal_cells_continue_downwards() -> None:
    # What a sheet with one merged 日期 cell per day and one 餐次 cell per meal exports as.
    records = sample_records()
    merged = [records[0]]
    for before, record in itertools.pairwise(records):
        same_day = before[0] == record[0]
        same_meal = same_day and before[1] == record[1]
        merged.append(["" if same_day else record[0], "" if same_meal else record[1], *record[2:]])
    result = parse(to_csv(merged).encode())
    assert result.problems == []
    assert tuple(result.rows) == sample_rows()


def _sample_workbook(workbook: openpyxl.Workbook, *, merge: bool = False) -> None:
    sheet = workbook.active
    sheet.title = "菜单"
    sheet.append(ZH_HEADER)
    for index, record in enumerate(sample_records()[1:]):
        day = date.fromisoformat(record[0])
        cell: object
        if index == 0:
            cell = "2026/11/30"  # a date Excel kept as text
        elif index == 1:
            cell = (day - date(1899, 12, 30)).days  # a date column formatted as a number
        elif index % 2:
            cell = datetime.combine(day, time())
        else:
            cell = day
        sheet.append([cell, record[1], record[2], record[3] or None, record[4] or None, None])
        if record[5]:
            sheet.cell(row=sheet.max_row, column=6, value=record[5])
    if merge:
        # One merged date cell per day: Excel keeps only the top cell's value.
        days = [record[0] for record in sample_records()[1:]]
        first = 0
        for _, group in itertools.groupby(days):
            last = first + len(list(group)) - 1
            sheet.merge_cells(start_row=first + 2, end_row=last + 2, start_column=1, end_column=1)
            first = last + 1
    other = workbook.create_sheet("说明")
    other.append(["这个工作表不是菜单"])
    workbook.active = 1  # the sheet Excel opens on is not the one we read


@pytest.mark.parametrize("merge", [False, True])
def test_xlsx_parses_like_the_csv(merge: bool) -> None:
    data = xlsx_bytes(functools.partial(_sample_workbook, merge=merge))
    result = parse(data, "本周菜单.XLSX")
    assert result.problems == []
    assert tuple(result.rows) == sample_rows()


def test_xlsx_with_a_wrong_stored_dimension_is_read_to_the_end() -> None:
    data = xlsx_bytes(_sample_workbook)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content, count = re.subn(
                    rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:F2"', content
                )
                assert count == 1
            target.writestr(info, content)
    assert tuple(parse(out.getvalue(), "menu.xlsx").rows) == sample_rows()


def test_xlsx_numbers_and_far_rows() -> None:
    def fill(workbook: openpyxl.Workbook) -> None:
        sheet = workbook.active
        sheet.append(EN_HEADER)
        sheet.append([20261201, "lunch", 7, None, None, 1.5])  # numbers where text is expected
        sheet.cell(row=5000, column=1, value=date(2026, 12, 2))
        sheet.cell(row=5000, column=2, value="dinner")
        sheet.cell(row=5000, column=3, value="<b>汤</b>")

    result = parse(xlsx_bytes(fill), "menu.xlsx")
    assert result.problems == []
    assert result.rows == [
        DishRow(2, date(2026, 12, 1), "lunch", "7", "", (), "1.5"),
        DishRow(5000, date(2026, 12, 2), "dinner", "<b>汤</b>", "", (), ""),  # kept raw
    ]


# --- problems --------------------------------------------------------------------------------


def test_every_row_problem_is_reported_at_once() -> None:
    lines = [
        "日期,餐次,菜品,类别,过敏原,备注",
        "2026-11-30,午餐,米饭,主食,,",  # 2: fine
        "2026-13-01,午餐,面条,,,",  # 3
        "2026-11-14,午餐,馒头,,,",  # 4: 15 days back
        "2026-11-30,宵夜,夜宵,,,",  # 5
        "2026-11-30,晚餐,,汤,,",  # 6
        "2026-11-30,晚餐,饺子,,麸质；芒果、蛋类/kiwi,",  # 7
        "2026-11-30,午餐, 米饭 ,,,",  # 8: same as row 2
        ",,,,,",  # 9: empty, skipped, still counted
        f"2026-11-30,晚餐,{'长' * (MAX_DISH_CHARS + 1)},,,",  # 10
        f"2026-12-01,晚餐,蛋糕,{'类' * (MAX_CATEGORY_CHARS + 1)},,{'注' * (MAX_NOTES_CHARS + 1)}",
        "明天,夜宵,,,花生酱,",  # 12: everything at once
        f"2026-12-01,午餐,{'菜' * MAX_DISH_CHARS},{'类' * MAX_CATEGORY_CHARS},无,"
        + "注" * MAX_NOTES_CHARS,  # 13: exactly at the limits, fine
    ]
    result = parse("\n".join(lines).encode("gbk"))
    assert result.problems == [
        ParseProblem(3, "bad-date", "2026-13-01"),
        ParseProblem(4, "past-date", "2026-11-14"),
        ParseProblem(5, "unknown-meal", "宵夜"),
        ParseProblem(6, "empty-dish"),
        ParseProblem(7, "unknown-allergen", "芒果"),
        ParseProblem(7, "unknown-allergen", "kiwi"),
        ParseProblem(8, "duplicate-row", "米饭"),
        ParseProblem(10, "too-long", "长" * (MAX_DISH_CHARS + 1)),
        ParseProblem(11, "too-long", "类" * (MAX_CATEGORY_CHARS + 1)),
        ParseProblem(11, "too-long", "注" * (MAX_VALUE_CHARS - 1) + "…"),  # shortened for display
        ParseProblem(12, "bad-date", "明天"),
        ParseProblem(12, "unknown-meal", "夜宵"),
        ParseProblem(12, "empty-dish"),
        ParseProblem(12, "unknown-allergen", "花生酱"),
    ]
    assert not result.ok
    assert [(row.row, row.dish) for row in result.rows] == [(2, "米饭"), (13, "菜" * 60)]


def test_duplicates_compare_dishes_loosely_and_per_meal() -> None:
    text = (
        "date,meal,dish\n2026-12-01,lunch,Rice\n2026-12-01,午餐,ＲＩＣＥ\n2026-12-01,dinner,rice\n"
    )
    result = parse(text.encode())
    assert result.problems == [ParseProblem(3, "duplicate-row", "ＲＩＣＥ")]
    assert [row.row for row in result.rows] == [2, 4]


def test_first_row_needs_a_date_and_a_meal() -> None:
    result = parse("日期,餐次,菜品\n,,米饭\n".encode())
    assert result.problems == [ParseProblem(2, "bad-date"), ParseProblem(2, "unknown-meal")]


def test_a_weekday_that_contradicts_the_date_is_a_bad_date() -> None:
    result = parse("日期,餐次,菜品\n2026-11-30（周二）,午餐,米饭\n".encode())
    assert result.problems == [ParseProblem(2, "bad-date", "2026-11-30（周二）")]


def test_past_dates_within_the_archive_window_are_accepted() -> None:
    data = SAMPLE.read_bytes()
    assert parse(data, today=date(2026, 11, 30)).ok  # today itself is fine
    assert parse(data, today=date(2026, 12, 2)).ok  # a week uploaded on Wednesday
    monday = date(2026, 11, 30)
    assert parse(data, today=monday + timedelta(days=ARCHIVE_DAYS)).ok
    problems = parse(data, today=monday + timedelta(days=ARCHIVE_DAYS + 1)).problems
    assert {p.code for p in problems} == {"past-date"}
    assert [p.row for p in problems] == list(range(2, 13))  # Monday's rows only


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"date,meal,dish\n", "menu.xls"),
        (b"date,meal,dish\n", "menu.pdf"),
        (b"date,meal,dish\n", "menu"),
        (b"PK\x03\x04 not really a zip", "menu.xlsx"),
        (b"", "menu.xlsx"),
        (b"\x00\x01\x02\x03binary", "menu.csv"),
        (b"\x80\x81\xff", "menu.csv"),  # neither UTF-8 nor GB18030
        (b"date,meal,dish\n" + b"2026-12-01,lunch,rice\n" * (MAX_FILE_BYTES // 22 + 1), "menu.csv"),
    ],
)
def test_unsupported_files(data: bytes, filename: str) -> None:
    assert parse(data, filename) == ParseResult([], [ParseProblem(0, "unsupported-file", filename)])


def test_a_zip_that_is_not_a_workbook_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "你好")
    assert parse(out.getvalue(), "menu.xlsx").problems[0].code == "unsupported-file"


def test_a_zip_bomb_is_refused_before_decompressing() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_XLSX_UNCOMPRESSED_BYTES + 1))
    assert len(out.getvalue()) < MAX_FILE_BYTES
    assert parse(out.getvalue(), "menu.xlsx").problems[0].code == "unsupported-file"


@pytest.mark.parametrize(
    "text", ["", "\n\n", " ,\u3000, \n", "日期,餐次,菜品,类别\n", "日期,餐次,菜品\n,,\n\n"]
)
def test_empty_files(text: str) -> None:
    assert parse(text.encode()) == ParseResult([], [ParseProblem(0, "empty-file")])


def test_an_xlsx_without_rows_is_empty() -> None:
    result = parse(xlsx_bytes(lambda workbook: None), "menu.xlsx")
    assert result.problems == [ParseProblem(0, "empty-file")]


def test_missing_columns_are_file_problems() -> None:
    result = parse("日期,菜名称,类别\n2026-12-01,米饭,主食\n".encode())
    assert result == ParseResult(
        [], [ParseProblem(0, "missing-column", "meal"), ParseProblem(0, "missing-column", "dish")]
    )
    headerless = parse("2026-12-01,午餐,米饭\n".encode())
    assert [p.value for p in headerless.problems] == ["date", "meal", "dish", ""]
    assert [p.code for p in headerless.problems][-1] == "empty-file"


def test_row_limit() -> None:
    def menu(count: int) -> bytes:
        first = date(2026, 12, 1)
        body = "".join(f"{first + timedelta(days=n // 40)},午餐,菜{n}\n" for n in range(count))
        return ("日期,餐次,菜品\n\n" + body).encode()  # the blank row does not count

    # A term: ~100 school days of 3 meals of ~10 dishes.
    assert MAX_DATA_ROWS >= 100 * 3 * 10
    assert parse(menu(MAX_DATA_ROWS)).ok and len(parse(menu(MAX_DATA_ROWS)).rows) == MAX_DATA_ROWS
    assert parse(menu(MAX_DATA_ROWS + 1)) == ParseResult(
        [], [ParseProblem(0, "too-many-rows", str(MAX_DATA_ROWS + 1))]
    )


def test_a_day_over_the_dish_limit_is_one_problem_at_its_first_row_over() -> None:
    def day(when: str, count: int) -> str:
        return "".join(f"{when},{MEALS[n % 3]},菜{n}\n" for n in range(count))

    data = "日期,餐次,菜品\n" + day("2026-12-01", MAX_DISHES_PER_DAY)
    assert parse(data.encode()).ok
    data += day("2026-12-02", MAX_DISHES_PER_DAY + 3) + "2026-12-03,午餐,\n"
    result = parse(data.encode())
    over = 1 + MAX_DISHES_PER_DAY + MAX_DISHES_PER_DAY + 1  # the header, Monday, Tuesday's 61st
    assert result.problems == [
        ParseProblem(over, "too-many-dishes", "2026-12-02"),
        ParseProblem(over + 3, "empty-dish", ""),
    ]


def test_allergen_cells_saying_none() -> None:
    text = "日期,餐次,菜品,过敏原\n" + "".join(
        f"2026-12-01,午餐,菜{n},{cell}\n"
        for n, cell in enumerate(["无", "None", "n/a", "-", "——", "\u3000", "无；蛋"])
    )
    result = parse(text.encode())
    assert result.problems == []
    assert [row.allergens for row in result.rows] == [()] * 6 + [("egg",)]


# --- the small functions ---------------------------------------------------------------------


@pytest.mark.parametrize(("key", "names"), MEAL_NAMES.items())
def test_normalize_meal(key: str, names: tuple[str, ...]) -> None:
    for name in names:
        assert normalize_meal(name) == key
        assert normalize_meal(f" {to_fullwidth(name)}\u3000") == key


@pytest.mark.parametrize("token", ["", "宵夜", "brunch", "早午餐", "2"])
def test_normalize_meal_rejects(token: str) -> None:
    assert normalize_meal(token) is None


@pytest.mark.parametrize("token", ["", "芒果", "mango", "蛋糕", "fishy", "无"])
def test_normalize_allergen_rejects(token: str) -> None:
    assert normalize_allergen(token) is None


def test_normalize_allergen_accepts_gb7718_wording_with_suffix() -> None:
    assert normalize_allergen("花生及其制品") == "peanut"
    assert normalize_allergen("大豆及其制品") == "soy"
    assert normalize_allergen("Tree  Nuts") == "nuts"
    assert normalize_allergen("及其制品") is None


def test_split_allergens() -> None:
    assert split_allergens("蛋类;鱼类") == ["蛋类", "鱼类"]
    assert split_allergens(" 蛋类 ；；鱼类、tree nuts /,， 芝麻\n牛奶 ") == [
        "蛋类",
        "鱼类",
        "tree nuts",
        "芝麻",
        "牛奶",
    ]
    assert split_allergens(" ;\u3000, ") == []


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "2026",
        "30/11/2026",
        "11/30/2026",
        "2026-11-30-1",
        "2026-11/30",
        "2026-02-30",
        "1999-12-31",
        "2100-01-01",
        "20261301",
        True,
        3.5,
        float("nan"),
        float("inf"),
        -1,
        10**30,
        20261130.5,
        [2026, 11, 30],
        time(12, 0),
    ],
)
def test_parse_date_rejects(value: object) -> None:
    assert parse_date(value) is None


# --- catalogs --------------------------------------------------------------------------------


def test_every_problem_code_has_a_message_in_both_languages() -> None:
    catalog = Catalog()
    for lang in LANGUAGES:
        for code in PROBLEM_CODES:
            key = f"menu-import-problem-{code}"
            assert catalog.has(lang, key), f"{lang}: {key}"
            text = catalog.t(lang, key, row=7, value="<x>")
            assert "{" not in text and "<x>" not in text  # formatted, and the value escaped


def test_messages_quote_the_parser_limits() -> None:
    catalog = Catalog()
    for lang in LANGUAGES:
        too_long = catalog.t(lang, "menu-import-problem-too-long", row=2, value="x")
        for limit in (MAX_DISH_CHARS, MAX_CATEGORY_CHARS, MAX_NOTES_CHARS):
            assert re.search(rf"\b{limit}\b", too_long)
        too_many = catalog.t(lang, "menu-import-problem-too-many-rows", row=0, value="9999")
        assert str(MAX_DATA_ROWS) in too_many
        per_day = catalog.t(lang, "menu-import-problem-too-many-dishes", row=9, value="2026-12-01")
        assert re.search(rf"\b{MAX_DISHES_PER_DAY}\b", per_day) and "2026-12-01" in per_day
        unsupported = catalog.t(lang, "menu-import-problem-unsupported-file", row=0, value="a")
        assert f"{MAX_FILE_BYTES // 2**20} MB" in unsupported


def test_missing_column_names_the_column_in_the_users_language() -> None:
    catalog = Catalog()
    assert "“餐次”" in catalog.t("zh", "menu-import-problem-missing-column", row=0, value="meal")
    assert "“meal”" in catalog.t("en", "menu-import-problem-missing-column", row=0, value="meal")


# --- properties --------------------------------------------------------------------------------

FILENAMES = st.sampled_from(["menu.csv", "menu.xlsx", "menu.txt", "菜单.CSV"])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), FILENAMES)
def test_arbitrary_bytes_never_raise(data: bytes, filename: str) -> None:
    result = parse(data, filename)
    assert all(problem.code in PROBLEM_CODES for problem in result.problems)
    assert result.ok == (not result.problems and bool(result.rows))


@functools.cache
def small_xlsx_parts() -> dict[str, bytes]:
    def fill(workbook: openpyxl.Workbook) -> None:
        sheet = workbook.active
        sheet.append(ZH_HEADER)
        sheet.append([date(2026, 12, 1), "午餐", "米饭", "主食", None, None])
        sheet.append(["2026-12-01", "午餐", "宫保鸡丁", "荤菜", "花生;大豆", "含花生"])

    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(fill))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_xlsx_never_raises(data: st.DataObject) -> None:
    # Damage inside one part (valid zip, broken or odd XML) or to the zip container itself.
    parts = dict(small_xlsx_parts())
    name = data.draw(st.sampled_from(sorted(parts)))
    inside = data.draw(st.booleans())
    raw = bytearray(parts[name] if inside else zip_parts(parts))
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del raw[data.draw(st.integers(0, len(raw))) :]
    parts[name] = bytes(raw)
    damaged = zip_parts(parts) if inside else bytes(raw)
    result = parse(damaged, "menu.xlsx")
    assert all(problem.code in PROBLEM_CODES for problem in result.problems)


def test_xlsx_rows_beyond_excels_last_row_are_unsupported() -> None:
    parts = dict(small_xlsx_parts())
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'r="([A-Z]*)3"', rb'r="\g<1>99999999"', parts[sheet])
    assert b'r="99999999"' in parts[sheet]
    assert parse(zip_parts(parts), "menu.xlsx").problems[0].code == "unsupported-file"


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


# Letters, Chinese, and characters that make CSV and HTML tricky; no tab, CR or LF (those are
# tested in notes), so the generated text is always what the user sees in one cell.
CELL_ALPHABET = "米饭面红烧鸡块青菜豆腐汤牛肉排骨虾鱼蛋炒蒸abcXYZ019 ,;\"'<>&()（）、\u3000"
CELL_TEXT = st.text(alphabet=CELL_ALPHABET, max_size=30).map(str.strip)
DISH_TEXT = st.text(alphabet=CELL_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
CATEGORY_TEXT = CELL_TEXT.map(lambda text: text[:MAX_CATEGORY_CHARS].strip())
NOTES_TEXT = st.lists(CELL_TEXT, max_size=3).map(lambda parts: "\n".join(parts).strip())
MENU_DATES = st.dates(TODAY, TODAY + timedelta(days=400))
ALLERGEN_SETS = st.sets(st.sampled_from(ALLERGENS)).map(
    lambda keys: tuple(sorted(keys, key=ALLERGENS.index))
)
# Built once: creating strategies inside a composite on every draw is slow.
WRITTEN_ALLERGEN = {
    key: st.sampled_from((GB7718_NAMES[key], *OTHER_NAMES[key])) for key in ALLERGENS
}
WRITTEN_MEAL = {key: st.sampled_from(names) for key, names in MEAL_NAMES.items()}
WRITTEN_DATE = st.sampled_from(
    [
        date.isoformat,
        lambda d: f"{d.year}/{d.month}/{d.day}",
        lambda d: f"{d.year}.{d.month:02}.{d.day:02}",
        lambda d: f"{d.year}年{d.month}月{d.day}日",
        lambda d: d.strftime("%Y%m%d"),
    ]
)
SEPARATOR = st.sampled_from(ALLERGEN_SEPARATORS)


@st.composite
def written_rows(draw: st.DrawFn) -> tuple[DishRow, list[str]]:
    """A valid dish row, and its cells as someone might type them (in ZH_HEADER order)."""
    row = DishRow(
        row=0,  # numbered when the rows are laid out
        date=draw(MENU_DATES),
        meal=draw(st.sampled_from(MEALS)),
        dish=draw(DISH_TEXT),
        category=draw(CATEGORY_TEXT),
        allergens=draw(ALLERGEN_SETS),
        notes=draw(NOTES_TEXT),
    )
    allergen_names = [WRITTEN_ALLERGEN[key] for key in draw(st.permutations(row.allergens))]
    cells = [
        draw(WRITTEN_DATE)(row.date),
        draw(WRITTEN_MEAL[row.meal]),
        row.dish,
        row.category,
        draw(SEPARATOR).join(draw(name) for name in allergen_names),
        row.notes,
    ]
    return row, cells


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        written_rows(),
        min_size=1,
        max_size=10,
        unique_by=lambda written: (written[0].date, written[0].meal, fold(written[0].dish)),
    ),
    st.permutations(range(6)),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    st.sampled_from([",", "\t", ";"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_written_rows_parse_back_exactly(
    written: list[tuple[DishRow, list[str]]],
    order: list[int],
    encoding: str,
    delimiter: str,
    newline: str,
    chinese_header: bool,
) -> None:
    header = ZH_HEADER if chinese_header else EN_HEADER
    records = [[cells[i] for i in order] for cells in [header, *(cells for _, cells in written)]]
    payload = to_csv(records, delimiter, newline)
    encoded = payload.encode(encoding)
    if encoding == "gb18030":
        # A GB18030 file that happens to be valid UTF-8 is read as UTF-8: the documented
        # price of trying UTF-8 first. Real Chinese text essentially never is.
        assume(encoded == payload.encode() or not _is_utf8(encoded))
    result = parse(encoded)
    assert result.problems == []
    assert result.rows == [
        dataclasses.replace(row, row=number) for number, (row, _) in enumerate(written, start=2)
    ]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(ALLERGENS), min_size=1, max_size=9),
    st.data(),
)
def test_allergen_names_round_trip(keys: list[str], data: st.DataObject) -> None:
    variants: tuple[Callable[[str], str], ...] = (
        str,
        str.upper,
        to_fullwidth,
        lambda name: f" \u3000{name} ",
    )
    names = [
        data.draw(st.sampled_from(variants))(
            data.draw(st.sampled_from((GB7718_NAMES[key], *OTHER_NAMES[key])))
        )
        for key in keys
    ]
    cell = "".join(
        name + data.draw(st.sampled_from(ALLERGEN_SEPARATORS)) for name in names
    )  # a trailing separator too, as people leave them
    tokens = split_allergens(cell)
    assert [normalize_allergen(token) for token in tokens] == keys


def test_every_allergen_name_is_known() -> None:
    for key in ALLERGENS:
        for name in (GB7718_NAMES[key], key, *OTHER_NAMES[key]):
            assert normalize_allergen(name) == key, name
            assert split_allergens(name) == [name]


SERIAL_EPOCH = date(1899, 12, 30)
WEEKDAYS = "一二三四五六日"


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.times())
def test_parse_date_formats_agree(day: date, moment: time) -> None:
    iso = day.isoformat()
    serial = (day - SERIAL_EPOCH).days
    weekday = WEEKDAYS[day.weekday()]
    written: list[object] = [
        iso,
        f"{day.year}/{day.month:02}/{day.day:02}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02}.{day.day:02}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month:02}月{day.day:02}号",
        day.strftime("%Y%m%d"),
        to_fullwidth(iso),
        f"{iso} 00:00:00",
        f"{iso}T{moment.isoformat()}",
        f"{day.year}年{day.month}月{day.day}日（星期{weekday}）",
        f"{iso} 周{weekday}",
        day,
        datetime.combine(day, moment),
        serial,
        serial + (moment.hour * 3600 + moment.minute * 60) / 86400,
        int(day.strftime("%Y%m%d")),
    ]
    for value in written:
        assert parse_date(value) == day, value
    wrong_weekday = WEEKDAYS[(day.weekday() + 1) % 7]
    assert parse_date(f"{iso}（周{wrong_weekday}）") is None


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.integers(),
        st.integers(min_value=10**300, max_value=10**310),
        st.floats(),
        st.text(),
        st.datetimes(),
        st.times(),
        st.booleans(),
        st.none(),
    )
)
def test_small_functions_never_raise(value: object) -> None:
    parse_date(value)
    text = str(value)
    assert normalize_meal(text) in (None, *MEALS)
    assert all(normalize_allergen(token) in (None, *ALLERGENS) for token in split_allergens(text))


@settings(max_examples=100, deadline=None)
@given(st.dates().filter(lambda d: not date(2000, 1, 1) <= d <= date(2099, 12, 31)))
def test_parse_date_refuses_other_centuries(day: date) -> None:
    assert parse_date(day) is None
    assert parse_date(day.isoformat()) is None


def test_bidi_controls_are_removed_and_invisible_names_are_empty() -> None:
    text = "日期,餐次,菜品,类别,过敏原,备注\n2026-11-30,午餐,\u202e红烧肉,荤菜,,\u2066辣\u2069\n2026-11-30,午餐,\u200d\u2060\u3164,,,\n"
    result = parse(text.encode())
    assert result.problems == [ParseProblem(3, "empty-dish")]
    assert [(r.dish, r.notes) for r in result.rows] == [("红烧肉", "辣")]
