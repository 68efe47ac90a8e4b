"""The weekly report's 陪餐 section: how the period's duties stand (recorded on time, late,
missing) and what the records found. Absent for a period without a roster or a record."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.deps import Deps
from bot.services import duty
from bot.services.duty import DutyState


@dataclass(frozen=True)
class FailedCheck:
    key: str
    label: str  # as recorded (views show the reader's language where the catalog has it)
    count: int


@dataclass(frozen=True)
class DutySection:
    states: tuple[tuple[DutyState, int], ...]  # in DutyState's order, only those that occur
    records: int  # the latest version of each meal's record
    failed: tuple[FailedCheck, ...]  # 不合格 items, most frequent first
    poor_ratings: int  # 差 among the records' four ratings
    adverse: int  # records reporting an adverse reaction
    cases: int  # records that opened a case

    def count(self, state: DutyState) -> int:
        return dict(self.states).get(state, 0)


async def section(deps: Deps, first: date, last: date) -> DutySection | None:
    days = await duty.status_between(deps, first, last)
    records = await duty.records_between(deps, first, last, latest_only=True)
    if not records and all(d.entry is None for d in days):
        return None  # the school does not (yet) keep 陪餐 in the bot
    states = Counter(d.state for d in days)
    failed: Counter[tuple[str, str]] = Counter(
        (check.key, check.label) for r in records for check in r.checks if not check.ok
    )
    return DutySection(
        states=tuple((s, states[s]) for s in DutyState if states[s]),
        records=len(records),
        failed=tuple(FailedCheck(k, label, n) for (k, label), n in failed.most_common()),
        poor_ratings=sum(r.ratings.count(duty.POOR) for r in records),
        adverse=sum(1 for r in records if r.adverse),
        cases=sum(1 for r in records if r.case_id is not None),
    )
