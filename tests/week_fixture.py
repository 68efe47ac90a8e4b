"""A hand-built school week (the test clock's week, MONDAY to Sunday) whose weekly-report figures
are worked out by hand in tests/test_weekly_report.py; written straight to storage, at moments
set on the test clock, through the same storage functions the bot uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import to_db
from bot.storage import cases as case_store
from bot.storage import clusters as cluster_store
from bot.storage import people as people_store
from bot.storage.cases import NewCase
from tests.conftest import MONDAY, Harness
from tests.helpers import add_parents

SHANGHAI = ZoneInfo("Asia/Shanghai")
TUESDAY = MONDAY + timedelta(days=1)
LAST_FRIDAY = MONDAY - timedelta(days=3)
NEXT_MONDAY = MONDAY + timedelta(days=7)
PARENTS = (3001, 3002, 3003, 3004)
STAFF_ID = 801


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


async def _dishes(h: Harness, day: date, meal: str, *names: str) -> None:
    for position, name in enumerate(names):
        await h.deps.db.execute(
            "INSERT INTO dishes (date, meal, position, name) VALUES (?, ?, ?, ?)",
            (day.isoformat(), meal, position, name),
        )


async def _ratings(h: Harness, day: date, meal: str, *scores: int) -> None:
    for parent, score in zip(PARENTS, scores, strict=False):
        stamp = to_db(at(day, 13))
        await h.deps.db.execute(
            "INSERT INTO ratings (parent_id, child_id, class_id, date, meal, score, created_at,"
            " updated_at) VALUES (?, NULL, 1, ?, ?, ?, ?, ?)",
            (parent, day.isoformat(), meal, score, stamp, stamp),
        )


async def _case(
    h: Harness, when: datetime, category: str, *, flagged: bool, urgent: bool, text: str = ""
) -> int:
    new = NewCase(
        parent_id=PARENTS[0], child_id=None, class_name="初一(1)班", date=when.date(),
        meal="lunch", dish="", category=category, rating=None, text=text or f"{category} 描述",
        affected=None, onset="", anonymous=False, flagged=flagged, urgent=urgent,
        reasons=(), photos=(),
    )  # fmt: skip
    return await case_store.create_case(h.deps.db, new, when)


async def _broadcast(h: Harness, kind: str, when: datetime, statuses: list[str], **kw: str) -> int:
    broadcast = await h.deps.db.execute(
        "INSERT INTO broadcasts (kind, menu_date, body, created_at, status) VALUES (?, ?, ?, ?, 'done')",
        (kind, kw.get("menu_date"), kw.get("body", ""), to_db(when)),
    )
    for chat, status in enumerate(statuses, start=1):
        await h.deps.db.execute(
            "INSERT INTO deliveries (broadcast_id, chat_id, status, next_attempt_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (broadcast, chat, status, to_db(when), to_db(when)),
        )
    return broadcast


async def build_week(h: Harness) -> dict[str, int]:
    """The week's data; returns the case numbers by letter (a–d this week, e the week before)."""
    db = h.deps.db
    await add_parents(h, PARENTS[0], len(PARENTS))
    now = h.clock.now()
    await people_store.set_status(db, PARENTS[2], "inactive", now)
    await people_store.set_status(db, PARENTS[3], "blocked", now)

    await _dishes(h, MONDAY, "lunch", "红烧肉", "米饭")
    await _dishes(h, MONDAY, "breakfast", "包子")
    await _dishes(h, TUESDAY, "lunch", "番茄炒蛋", "米饭")
    await _dishes(h, LAST_FRIDAY, "lunch", "米饭")
    await _ratings(h, MONDAY, "lunch", 5, 4, 3)
    await _ratings(h, MONDAY, "breakfast", 2)
    await _ratings(h, TUESDAY, "lunch", 4, 3)
    await _ratings(h, LAST_FRIDAY, "lunch", 3, 3)
    await _ratings(h, NEXT_MONDAY, "lunch", 1)  # the week after: never counted

    a = await _case(h, at(MONDAY, 9), "illness", flagged=True, urgent=True)
    await case_store.acknowledge(db, a, STAFF_ID, "员工", at(MONDAY, 9, 10))
    await case_store.resolve(db, a, STAFF_ID, "员工", "已处理", at(MONDAY, 11))
    b = await _case(h, at(MONDAY, 10), "foreign_object", flagged=True, urgent=True)
    await case_store.set_escalation(db, [b], 1, at(MONDAY, 10, 30))
    await case_store.record_reply(db, b, STAFF_ID, "员工", "正在核实", at(MONDAY, 10, 40))
    c = await _case(h, at(TUESDAY, 12, 30), "taste", flagged=False, urgent=False, text="=1+1")
    d = await _case(h, at(TUESDAY, 13), "portion", flagged=True, urgent=False)
    await case_store.acknowledge(db, d, STAFF_ID, "员工", at(TUESDAY, 13, 20))
    await case_store.resolve(db, d, STAFF_ID, "员工", "已加量", at(TUESDAY + timedelta(days=1), 13))
    e = await _case(h, at(LAST_FRIDAY, 12), "illness", flagged=True, urgent=True)
    await cluster_store.create_cluster(db, MONDAY, "lunch", [a, b], at(MONDAY, 11))

    # Finished deliveries only: the running outbox would take up a pending one.
    await _broadcast(
        h, "menu", at(MONDAY, 6, 30), ["sent", "sent", "blocked"], menu_date=str(MONDAY)
    )
    notice = await _broadcast(
        h,
        "notice",
        at(TUESDAY, 15),
        ["sent", "sent", "blocked", "failed"],
        body="周三午餐改为 11:30",
    )
    # It asked parents to confirm (已阅); one of the two it reached did.
    await db.execute("INSERT INTO notice_options (broadcast_id, confirm) VALUES (?, 1)", (notice,))
    await db.execute(
        "INSERT INTO notice_confirmations (broadcast_id, chat_id, confirmed_at) VALUES (?, 1, ?)",
        (notice, to_db(at(TUESDAY, 16))),
    )
    await _broadcast(h, "notice", at(TUESDAY, 17), ["sent"], body="第二条通知")
    return {"a": a, "b": b, "c": c, "d": d, "e": e}
