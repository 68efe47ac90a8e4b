"""The weekly report's 陪餐 section against a hand-built week of roster and records: recorded on
time, late and missing duties, the failed checks and 差 ratings; absent for a week without any."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.services import weekly_report
from bot.services.duty import DutyState
from bot.services.weekly_duty import DutySection, FailedCheck
from bot.storage import duty as duty_store
from bot.storage import people as people_store
from bot.storage.duty import CheckResult, NewRecord
from bot.views.weekly import report_lines
from tests.conftest import ADMIN, MONDAY, Harness

LEADER = 700
KEYS = ("health", "hygiene", "intake", "washing", "cooking", "utensils", "samples", "order")


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the test week, Shanghai time, as UTC."""
    local = datetime.combine(MONDAY + timedelta(days=day_offset), time(hour, minute))
    return (local - timedelta(hours=8)).replace(tzinfo=UTC)


def record(
    day_offset: int, finished: datetime, failed: set[str], ratings: tuple[str, ...]
) -> NewRecord:
    return NewRecord(
        date=MONDAY + timedelta(days=day_offset),
        meal="lunch",
        replaces_id=None,
        author_id=LEADER,
        author_name="王校长",
        started_at=finished - timedelta(minutes=40),
        finished_at=finished,
        ratings=(ratings[0], ratings[1], ratings[2], ratings[3]),
        students_said="",
        adverse=False,
        adverse_detail="",
        shared_photo=None,
        checks=tuple(CheckResult(k, k, k not in failed, "") for k in KEYS),
        samples=(),
        photos=(),
    )


async def test_the_duty_section_counts_the_weeks_duties_and_findings(harness: Harness) -> None:
    h = harness
    db = h.deps.db
    await people_store.grant_role(db, LEADER, "duty", ADMIN, h.clock.now())
    roster = [(MONDAY + timedelta(days=d), "lunch", LEADER, "") for d in range(3)]
    await duty_store.set_roster(db, roster, ADMIN, h.clock.now())
    # Monday on time with two failed checks and one 差; Tuesday recorded the next morning (past
    # lunch + 1 h + the 2 h grace); Wednesday never.
    on_time = record(0, at(0, 12, 50), {"health", "samples"}, ("good", "poor", "good", "excellent"))
    late = record(1, at(2, 9, 0), set(), ("excellent",) * 4)
    await duty_store.add_record(db, on_time, None, h.clock.now())
    await duty_store.add_record(db, late, None, h.clock.now())
    h.clock.set(at(7, 8, 0))  # the next Monday's report

    report = await weekly_report.for_week(h.deps, MONDAY)
    section = next(s for s in report.sections if isinstance(s, DutySection))
    assert (
        section.count(DutyState.DONE),
        section.count(DutyState.LATE),
        section.count(DutyState.MISSING),
        section.count(DutyState.WAITING),
    ) == (1, 1, 1, 0)
    # Every other school-day meal of the week (5 days × 3 meals − 3 on the roster).
    assert section.count(DutyState.UNASSIGNED) == 12
    assert section.records == 2 and section.poor_ratings == 1 and section.adverse == 0
    assert section.failed == (
        FailedCheck("health", "health", 1),
        FailedCheck("samples", "samples", 1),
    )
    text = "\n".join(report_lines(h.deps, "zh", report))
    assert "🔴 未记录 1 餐" in text and "🟡 补记（超时） 1 餐" in text
    assert "• 晨检（从业人员健康）：1 次" in text and "评价为“差”的 1 项" in text
    english = "\n".join(report_lines(h.deps, "en", report))
    assert "Failed checks:" in english and "🔴 missing 1" in english

    # The week before had neither roster nor record: no section, not an empty one.
    earlier = await weekly_report.for_week(h.deps, MONDAY - timedelta(days=7))
    assert not any(isinstance(s, DutySection) for s in earlier.sections)
    assert "陪餐" not in "\n".join(report_lines(h.deps, "zh", earlier))
