"""The weekly report's figures against a hand-built week (tests/week_fixture.py), worked out by
hand: ratings, reports and reach, each from SQL over the period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services import weekly_report
from bot.services.weekly_report import (
    Average,
    Count,
    DishAverage,
    Durations,
    Period,
    RatingsSection,
    ReachSection,
    ReportsSection,
    Span,
)
from tests.conftest import MONDAY, Harness
from tests.week_fixture import LAST_FRIDAY, TUESDAY, build_week


async def test_the_hand_built_week_gives_exactly_the_expected_figures(harness: Harness) -> None:
    h = harness
    numbers = await build_week(h)
    report = await weekly_report.for_week(h.deps, MONDAY)
    assert report.span == Span(MONDAY, MONDAY + timedelta(days=6))
    assert [type(s) for s in report.sections] == [RatingsSection, ReportsSection, ReachSection]

    ratings = report.section(RatingsSection)
    assert isinstance(ratings, RatingsSection)
    # This week: Monday lunch 5, 4, 3; Monday breakfast 2; Tuesday lunch 4, 3 → 21 / 6.
    assert (ratings.count, ratings.average) == (6, 3.5)
    # The week before: last Friday's lunch 3, 3.
    assert (ratings.previous_count, ratings.previous_average) == (2, 3.0)
    assert ratings.change == 0.5
    assert ratings.per_meal == (Average("breakfast", 2.0, 1), Average("lunch", 3.8, 5))
    assert ratings.per_day == (Average(str(MONDAY), 3.5, 4), Average(str(TUESDAY), 3.5, 2))
    # A dish takes the rating of the meals it was in: 米饭 was in Monday's lunch (12 / 3) and
    # Tuesday's (7 / 2): 19 / 5.
    assert ratings.best == (
        DishAverage("红烧肉", 4.0, 3, 1),
        DishAverage("米饭", 3.8, 5, 2),
        DishAverage("番茄炒蛋", 3.5, 2, 1),
    )
    assert ratings.worst == (DishAverage("包子", 2.0, 1, 1),)

    reports = report.section(ReportsSection)
    assert isinstance(reports, ReportsSection)
    assert reports.total == 4  # case e was the week before
    assert reports.by_category == (
        Count("foreign_object", 1),
        Count("illness", 1),
        Count("portion", 1),
        Count("taste", 1),
    )
    assert sorted(reports.by_severity, key=lambda c: c.key) == [
        Count("flagged", 1),
        Count("routine", 1),
        Count("urgent", 2),
    ]
    assert (reports.flagged, reports.open) == (3, 1)  # b is answered, not resolved
    # a: 10 min; b: 40 min (its reply acknowledged it); d: 20 min.
    assert reports.to_acknowledge == Durations(3, 1200.0, 2400.0)
    # a: 2 h; d: 24 h.
    assert reports.to_resolve == Durations(2, 46800.0, 86400.0)
    assert (reports.escalations, reports.escalated_cases, reports.outbreak_alerts) == (1, 1, 1)

    reach = report.section(ReachSection)
    assert isinstance(reach, ReachSection)
    assert (reach.parents_active, reach.parents_stopped, reach.parents_blocked) == (2, 1, 1)
    assert (reach.parents_joined, reach.menus_delivered) == (4, 2)
    notice, plain = reach.notices
    assert (notice.recipients, notice.sent, notice.blocked, notice.failed, notice.pending) == (
        4,
        2,
        1,
        1,
        0,
    )
    assert notice.confirmed == 1
    assert (plain.recipients, plain.sent, plain.confirmed) == (1, 1, None)  # asked no 已阅

    assert [(w.key, w.count) for w in report.charts.weeks] == [
        (str(LAST_FRIDAY - timedelta(days=4)), 2),
        (str(MONDAY), 6),
    ]
    assert report.charts.acknowledge_minutes == (
        (numbers["a"], 10.0),
        (numbers["b"], 40.0),
        (numbers["d"], 20.0),
    )


async def test_the_text_carries_the_figures(harness: Harness) -> None:
    from bot.views.weekly import report_lines

    h = harness
    await build_week(h)
    report = await weekly_report.for_week(h.deps, MONDAY)
    text = "\n".join(report_lines(h.deps, "zh", report))
    for expected in (
        "共 6 条评分，平均 <b>3.50</b> 分",
        "比上期（3.00 分，2 条）提高 0.50 分",
        "午餐：3.80 分（5 条）",
        "红烧肉（4.00 分）",
        "包子（2.00 分）",
        "一道菜的分数按它所在各餐的评分计算",
        "紧急 2 条，其他转工作组处理的 1 条，只做记录的 1 条",
        "确认收到用时：中位数 20 分钟，最慢 40 分钟",
        "结案用时：中位数 13 小时 0 分钟，最慢 1 天 0 小时",
        "还没结案的个案：1 件",
        "超时未确认的提醒：1 次（涉及 1 件个案）",
        "集体事件提醒：1 次",
        "2 位正在接收（本期新加入 4 位），1 位已停止接收，1 位屏蔽了机器人",
        "每日菜单送达：2 次",
        "送达 2 / 4 位，屏蔽 1 位，失败 1 位，已阅 1 位（50%）",
    ):
        assert expected in text, expected
    # A notice that asked nobody to confirm shows no 已阅 figure.
    assert text.endswith("“第二条通知”：送达 1 / 1 位，屏蔽 0 位，失败 0 位")
    english = "\n".join(report_lines(h.deps, "en", report))
    assert "6 ratings, average <b>3.50</b> out of 5" in english


async def test_an_empty_period_says_so_and_has_no_charts(harness: Harness) -> None:
    from bot.views.weekly import report_lines

    h = harness
    report = await weekly_report.for_week(h.deps, MONDAY)
    text = "\n".join(report_lines(h.deps, "zh", report))
    assert "本期没有家长评分" in text and "本期没有家长反馈问题" in text
    assert report.charts.weeks == () and report.charts.categories == ()


async def test_periods_on_demand(harness: Harness) -> None:
    h = harness
    wednesday = MONDAY + timedelta(days=2)
    week = await weekly_report.spans(h.deps, Period.WEEK, wednesday)
    assert week == (
        Span(MONDAY, wednesday),
        Span(MONDAY - timedelta(days=7), MONDAY - timedelta(days=1)),
    )
    month = await weekly_report.spans(h.deps, Period.MONTH, MONDAY + timedelta(days=3))
    assert month is not None
    assert month[0].first.day == 1 and month[1].last == month[0].first - timedelta(days=1)
    assert await weekly_report.spans(h.deps, Period.TERM, MONDAY) is None


@pytest.mark.parametrize(
    ("words", "period"),
    [
        ([], Period.WEEK),
        (["month"], Period.MONTH),
        (["学期"], Period.TERM),
        (["TERM"], Period.TERM),
        (["year"], None),
        (["week", "month"], None),
    ],
)
def test_parse_period(words: list[str], period: Period | None) -> None:
    assert weekly_report.parse_period(words) is period


@given(st.lists(st.text(max_size=12), max_size=3))
def test_parse_period_never_raises(words: list[str]) -> None:
    found = weekly_report.parse_period(words)
    assert found is None or found in Period


async def test_a_section_without_its_feature_is_absent_not_empty(harness: Harness) -> None:
    """How the 陪餐 duty section joins: one more builder, None while the feature is missing."""
    from bot.views.weekly import report_lines

    h = harness
    await build_week(h)

    async def no_duty_feature(ctx: weekly_report.Context) -> None:
        return None

    week = Span(MONDAY, MONDAY + timedelta(days=6))
    before = Span(MONDAY - timedelta(days=7), MONDAY - timedelta(days=1))
    report = await weekly_report.build(
        h.deps, Period.WEEK, week, before, (weekly_report.ratings_section, no_duty_feature)
    )
    assert [type(s) for s in report.sections] == [RatingsSection]
    lines = report_lines(h.deps, "zh", report)
    assert lines.count("") == 1 and "家长反馈" not in "\n".join(lines)
