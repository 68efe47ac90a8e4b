"""/report and /export through the wire, and `python -m bot export` on the command line."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.services import export
from bot.services.export import ExportSpan, Refusal, SpanProblem
from bot.services.survey_results import ItemResult, SurveyResults
from bot.simulator import SentMessage
from bot.storage.survey import Survey
from bot.views.export import write_export
from tests.conftest import ADMIN, GROUP, MONDAY, STAFF, Harness
from tests.helpers import bot_env, cli, text_of
from tests.week_fixture import PARENTS, TUESDAY, at, build_week

SUNDAY = MONDAY + timedelta(days=6)


async def documents(h: Harness, chat: int) -> SentMessage:
    return await h.sim.wait_for_message(chat, lambda m: m.document is not None, timeout=60)


def workbook_of(h: Harness, message: SentMessage) -> dict[str, list[tuple[object, ...]]]:
    assert message.document is not None
    data = h.sim.files[message.document["file_id"]].data
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.mark.slow
async def test_report_on_demand_in_private_and_in_the_group(harness: Harness) -> None:
    h = harness
    await build_week(h)
    h.clock.set(at(TUESDAY, 18))
    report = await h.say(ADMIN, "/report")
    assert "食安周报" in text_of(report) and "2026-11-30 至 2026-12-01" in text_of(report)
    album = await h.sim.wait_for_message(ADMIN, lambda m: m.media_group_id is not None, timeout=60)
    assert album.photo
    report = await h.say(STAFF[0], "/report month", chat_id=GROUP)
    # Tuesday is 1 December: the month so far is that day, compared with November.
    assert "食安月报" in text_of(report) and "2026-12-01 至 2026-12-01" in text_of(report)
    assert "比上期（3.33 分，6 条）" in text_of(report)
    h.assert_no_bad_requests()


async def test_report_refusals(harness: Harness) -> None:
    h = harness
    await build_week(h)
    assert "只有学校管理员" in text_of(await h.say(PARENTS[0], "/report"))
    assert "用法" in text_of(await h.say(ADMIN, "/report year"))
    assert "还没有设置学期" in text_of(await h.say(ADMIN, "/report term"))


@pytest.mark.slow
async def test_export_sends_a_workbook_with_health_details_for_administrators(
    harness: Harness,
) -> None:
    h = harness
    numbers = await build_week(h)
    h.clock.set(at(TUESDAY, 18))
    working = await h.say(ADMIN, f"/export {MONDAY} {SUNDAY}")
    assert "正在导出" in text_of(working)
    sent = await documents(h, ADMIN)
    assert sent.document is not None
    assert sent.document["file_name"] == f"mealwatch-{MONDAY}_{SUNDAY}.xlsx"
    assert "健康信息" in text_of(sent)
    sheets = workbook_of(h, sent)
    assert list(sheets) == [
        "说明", "家长反馈", "处理记录", "评分", "通知", "满意度测评", "测评建议",
    ]  # fmt: skip
    assert any("健康信息" in str(row[0]) for row in sheets["说明"])
    cases = sheets["家长反馈"]
    assert [row[0] for row in cases[1:]] == [numbers[k] for k in "abcd"]
    # What a parent typed stays text, never a formula.
    assert any(row[10] == "=1+1" for row in cases[1:])
    events = sheets["处理记录"]
    steps_of_b = [row[2] for row in events[1:] if row[0] == numbers["b"]]
    assert steps_of_b == ["家长提交", "超时提醒（第 1 次）", "回复家长", "列入可能的集体事件"]
    assert [row[4] for row in events[1:] if row[0] == numbers["b"]][2] == "正在核实"
    assert len(sheets["评分"]) == 1 + 6
    notice, plain = sheets["通知"][1:]
    assert notice[4:11] == (4, 2, 1, 1, 0, "✓", 1)
    # It asked nobody to confirm: both confirmation cells empty.
    assert plain[4:9] == (1, 1, 0, 0, 0) and set(plain[9:]) <= {None}
    h.assert_no_bad_requests()


async def test_export_refusals(harness: Harness) -> None:
    h = harness
    await build_week(h)
    assert "只有学校管理员" in text_of(await h.say(PARENTS[0], "/export"))
    assert "没看懂日期" in text_of(await h.say(ADMIN, "/export 2026-13-45"))
    assert "晚于" in text_of(await h.say(ADMIN, f"/export {SUNDAY} {MONDAY}"))
    assert "最多导出" in text_of(await h.say(ADMIN, "/export 2025-01-01 2026-12-01"))


def test_parse_span() -> None:
    today = date(2026, 12, 3)
    assert export.parse_span([], today) == ExportSpan(today - timedelta(days=29), today)
    assert export.parse_span(["2026-11-01"], today) == ExportSpan(date(2026, 11, 1), today)
    assert export.parse_span(["2026/11/1", "2026年11月30日"], today) == ExportSpan(
        date(2026, 11, 1), date(2026, 11, 30)
    )
    assert export.parse_span(["a", "b", "c"], today) == Refusal(SpanProblem.USAGE)


@given(st.lists(st.text(max_size=15), max_size=3), st.dates())
def test_parse_span_answers_every_input(words: list[str], today: date) -> None:
    found = export.parse_span(words, today)
    if isinstance(found, ExportSpan):
        assert found.first <= found.last
        assert (found.last - found.first).days < export.MAX_DAYS


@pytest.mark.slow
async def test_export_on_the_command_line(harness: Harness, tmp_path: Path) -> None:
    h = harness
    await build_week(h)
    env = {**bot_env(h.sim, tmp_path), "DATABASE_PATH": str(h.settings.database_path)}
    target = tmp_path / "out" / "week.xlsx"
    code, out, err = await cli(
        env, tmp_path, "export", "--from", str(MONDAY), "--to", str(SUNDAY), str(target)
    )
    assert code == 0, err
    assert "评分: 6 rows" in out and "health details" in out
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[0] == "说明"
    code, _, err = await cli(
        env, tmp_path, "export", "--from", str(SUNDAY), "--to", str(MONDAY), str(target)
    )
    assert code == 1 and "晚于" in err


async def test_the_export_carries_survey_results_and_suggestions(
    harness: Harness, tmp_path: Path
) -> None:
    """The surveys' sheets, from results as services.survey_results gives them."""
    h = harness
    await build_week(h)
    opened = at(MONDAY, 9)
    term = Survey(
        1, "2026秋", "closed", opened, opened + timedelta(days=7), None, 4, None, None, None
    )
    taste = ItemResult("taste", 1, 5, {1: 0, 2: 1, 3: 0, 4: 2, 5: 1})
    before = SurveyResults(
        term, 4, 2, [ItemResult("taste", 1, 5, {1: 0, 2: 2, 3: 0, 4: 0, 5: 0})], []
    )
    found = SurveyResults(term, 4, 4, [taste], ["少放点盐", "=HYPERLINK()"], previous=before)
    span = ExportSpan(MONDAY, SUNDAY)
    request = await export.request(h.deps, span, tmp_path / "x.xlsx", "zh")
    assert request.surveys == ()  # none opened in the period
    write_export(replace(request, surveys=(found,)))
    book = load_workbook(tmp_path / "x.xlsx", read_only=True)
    assert book.sheetnames[-2:] == ["满意度测评", "测评建议"]
    [row] = list(book["满意度测评"].iter_rows(min_row=2, values_only=True))
    assert row[:2] == (1, "2026秋") and row[4:7] == (4, 4, 1.0)
    # taste: 2, 4, 4, 5 → mean 3.75, three of four satisfied (4–5); before: 2.0.
    assert row[7:] == ("口味", "1–5", 4, 3.75, 0.75, "1: 0  2: 1  3: 0  4: 2  5: 1", 2.0)
    suggestions = list(book["测评建议"].iter_rows(min_row=2, values_only=True))
    assert [s[2] for s in suggestions] == ["少放点盐", "=HYPERLINK()"]
