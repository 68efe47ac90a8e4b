"""The 校历 CSV parser: what a good file gives, and every problem with its row number."""

from __future__ import annotations

from datetime import date

import chinese_calendar

from bot.services.calendar_file import Problem, RowProblem, parse_calendar_csv
from bot.services.schoolday import OfficialDay, OfficialKind, Override, Term
from tests.conftest import SAMPLES

HEADER = "类型,开始,结束,名称\n"


def parse(body: str, existing: tuple[Term, ...] = (), header: str = HEADER) -> list[RowProblem]:
    return parse_calendar_csv((header + body).encode(), existing).problems


def test_the_sample_parses_and_agrees_with_chinese_calendar() -> None:
    result = parse_calendar_csv((SAMPLES / "calendar.csv").read_bytes(), [])
    assert result.ok, result.problems
    assert [t.name for t in result.terms] == ["2026秋季学期", "2027春季学期"]
    assert result.overrides[date(2027, 1, 21)] == Override(False, "期末考试（食堂不供餐）")
    assert result.overrides[date(2026, 12, 26)] == Override(True, "周六补课")
    # The sample's official rows repeat what chinesecalendar says, so importing them is harmless.
    for day, entry in result.official.items():
        assert chinese_calendar.is_workday(day) is (entry.kind is OfficialKind.WORKDAY), day


def test_english_headers_and_types_gbk_and_single_days() -> None:
    text = "name,type,start,end\nAutumn,term,2026-09-01,2027-01-22\n元旦,holiday,2027/1/1,\n"
    result = parse_calendar_csv(text.encode("gbk"), [])
    assert result.ok, result.problems
    assert result.terms == [Term("Autumn", date(2026, 9, 1), date(2027, 1, 22))]
    assert result.official == {date(2027, 1, 1): OfficialDay(OfficialKind.OFF, "元旦")}


def test_every_problem_is_reported_with_its_row() -> None:
    body = (
        "学期,2026-09-01,2027-01-22,秋季学期\n"  # 2: fine
        "寒假,2027-01-23,2027-02-21,\n"  # 3: unknown type
        "停课,2027-13-01,,考试\n"  # 4: bad date
        "停课,2027-01-18,2027-01-10,考试\n"  # 5: reversed
        "停课,2027-01-01,2028-06-01,\n"  # 6: too long
        "学期,2027-02-22,2027-07-02,\n"  # 7: a term without a name
        f"学期,2027-02-22,2027-07-02,{'长' * 31}\n"  # 8: name too long
        "学期,2027-01-10,2027-02-10,秋季学期\n"  # 9: the same term twice
        "学期,2027-01-10,2027-02-10,寒假班\n"  # 10: overlaps 秋季学期
        "停课,2026-12-01,2026-12-03,运动会\n"  # 11: fine
        "上课,2026-12-03,,补课\n"  # 12: 12-03 is closed on row 11
        "假日,2027-10-01,2027-10-07,国庆节\n"  # 13: fine
        "调休,2027-10-07,,国庆节\n"  # 14: 10-07 is a holiday on row 13
        "\n"  # 15: blank rows are skipped, numbering stays
        "停课,2026-12-03,,运动会\n"  # 16: the same thing twice is fine
    )
    found = [(p.row, p.problem) for p in parse(body)]
    assert found == [
        (3, Problem.TYPE),
        (4, Problem.DATE),
        (5, Problem.REVERSED),
        (6, Problem.TOO_LONG),
        (7, Problem.NO_NAME),
        (8, Problem.NAME_TOO_LONG),
        (9, Problem.SAME_TERM),
        (10, Problem.OVERLAP),
        (12, Problem.CONFLICT),
        (14, Problem.CONFLICT),
    ]


def test_terms_are_checked_against_the_ones_already_set() -> None:
    autumn = Term("秋季学期", date(2026, 9, 1), date(2027, 1, 22))
    overlap = parse("学期,2027-01-20,2027-07-02,春季学期\n", (autumn,))
    assert overlap == [RowProblem(1 + 1, Problem.OVERLAP, "秋季学期 (2026-09-01..2027-01-22)")]
    # Moving a term by its name is an update, not an overlap with its old self.
    assert parse("学期,2026-08-31,2027-01-15,秋季学期\n", (autumn,)) == []


def test_unreadable_headerless_and_empty_files() -> None:
    assert parse("", header="") == [RowProblem(1, Problem.EMPTY)]
    assert parse("") == [RowProblem(1, Problem.EMPTY)]
    assert parse("学期,2026-09-01,2027-01-22,秋\n", header="日子,名字\n") == [
        RowProblem(1, Problem.HEADER)
    ]
    binary = parse_calendar_csv(b"PK\x03\x04\x00\x00\xff\xfe", []).problems
    assert binary == [RowProblem(1, Problem.UNREADABLE)]
