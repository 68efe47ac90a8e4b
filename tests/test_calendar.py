"""The school calendar through the simulator: terms and vacations, range closures, the reminder's
silence, and the weekly warning that the holiday data runs out. Every date is built from the
harness clock (START) or from how far the installed holiday data reaches, never from today."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services import calendar, menus
from bot.services.schoolday import DaySource
from bot.storage.db import MIGRATIONS_DIR, Database
from tests.conftest import ADMIN, START, Harness
from tests.helpers import add_parents, import_menu, sample_menu

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = START.astimezone(SHANGHAI).date()  # the sample menu's week starts here
PARENT = 1001


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def days(n: int) -> timedelta:
    return timedelta(days=n)


async def reply(h: Harness, user: int, text: str) -> str:
    return (await h.say(user, text)).visible_text or ""


def menus_received(h: Harness, parent: int) -> int:
    return sum("菜单" in (m.text or "") for m in h.sim.messages(parent))


def count_of(h: Harness, user: int, needle: str) -> int:
    return sum(needle in (m.text or "") for m in h.sim.messages(user))


async def settled(h: Harness) -> None:
    await h.outbox_idle()
    await h.sim.wait_until(lambda: h.sim.pending_updates == 0)


# ---- terms decide the push and the reminder -------------------------------------------------------


async def test_no_push_in_a_vacation_and_the_push_follows_a_moved_term(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=MONDAY - days(1))
    parents = await add_parents(h, 2000, 2)
    first, last = MONDAY - days(90), MONDAY - days(3)  # the term ended the Friday before
    assert "已添加学期" in await reply(h, ADMIN, f"/term {first} {last} 秋季学期")
    h.clock.set(at(MONDAY, 6, 30))
    await h.tick()
    await settled(h)
    assert [menus_received(h, p) for p in parents] == [0, 0]
    outcome = await menus.queue_menu_push(h.deps, MONDAY)
    assert outcome.outcome is menus.PushOutcome.NOT_SCHOOL_DAY
    assert "已更新" in await reply(h, ADMIN, f"/term {first} {MONDAY + days(60)} 秋季学期")
    h.clock.set(at(MONDAY + days(1), 6, 30))
    await h.tick()
    await h.sim.wait_until(lambda: all(menus_received(h, p) == 1 for p in parents))
    h.assert_no_bad_requests()


async def test_the_reminder_is_silent_in_a_vacation_and_on_guessed_days(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    await reply(h, ADMIN, f"/term {MONDAY - days(90)} {MONDAY - days(3)} 秋季学期")
    h.clock.set(at(MONDAY, 16, 1))
    await h.tick()
    await settled(h)
    assert count_of(h, ADMIN, "⏰") == 0
    # The same afternoon inside the term: Tuesday has no menu, and the administrator hears so.
    await reply(h, ADMIN, f"/term {MONDAY - days(90)} {MONDAY + days(60)} 秋季学期")
    await h.tick()
    reminder = await h.sim.wait_for_message(ADMIN, lambda m: "⏰" in (m.text or ""))
    tuesday = MONDAY + days(1)
    assert f"{tuesday.month}月{tuesday.day}日" in (reminder.text or "")
    # Without terms, on the last day the holiday data knows, the next school day is a guess.
    assert "已删除" in await reply(h, ADMIN, "/term delete 秋季学期")
    end = await calendar.last_known_day(h.deps)
    h.clock.set(at(end, 16, 1))
    await h.tick()
    await settled(h)
    assert count_of(h, ADMIN, "⏰") == 1


# ---- /schoolday ranges ----------------------------------------------------------------------------


async def test_a_range_closure_and_its_undo(harness: Harness) -> None:
    h = harness
    first, last = MONDAY + days(1), MONDAY + days(3)
    text = await reply(h, ADMIN, f"/schoolday {first}..{last} closed 期末考试")
    assert "3 天" in text and "停课" in text and "期末考试" in text
    for offset in range(1, 4):
        found = await calendar.day(h.deps, MONDAY + days(offset))
        assert (found.is_school_day, found.source, found.reason) == (
            False,
            DaySource.OVERRIDE,
            "期末考试",
        )
    assert (await calendar.day(h.deps, MONDAY + days(4))).is_school_day
    listing = await reply(h, ADMIN, "/schoolday")
    assert "未来两周" in listing and listing.count("不上课（期末考试）") == 3
    undone = await reply(h, ADMIN, f"/schoolday {first}~{last} auto")
    assert "恢复按校历" in undone
    assert all([(await calendar.day(h.deps, MONDAY + days(i))).is_school_day for i in (1, 2, 3)])


async def test_bad_ranges_get_a_polite_answer_and_change_nothing(harness: Harness) -> None:
    h = harness
    reversed_ = await reply(h, ADMIN, f"/schoolday {MONDAY + days(3)}..{MONDAY} closed")
    assert "早于" in reversed_
    too_long = await reply(h, ADMIN, f"/schoolday {MONDAY}..{MONDAY + days(400)} closed 太长")
    assert "366" in too_long
    bad = await reply(h, ADMIN, f"/schoolday {MONDAY}..2026-13-01 closed")
    assert "无法识别日期“2026-13-01”" in bad
    no_word = await reply(h, ADMIN, f"/schoolday {MONDAY}..{MONDAY + days(2)} maybe")
    assert "用法" in no_word
    assert await h.deps.db.fetchval("SELECT count(*) FROM school_day_overrides") == 0
    h.assert_no_bad_requests()


async def test_the_listing_marks_guessed_days_and_vacations(harness: Harness) -> None:
    h = harness
    end = await calendar.last_known_day(h.deps)
    h.clock.set(at(end - days(3), 10))
    listing = await reply(h, ADMIN, "/schoolday")
    assert "推测" in listing and "假期" not in listing
    await reply(h, ADMIN, f"/term {end - days(100)} {end - days(2)} 秋季学期")
    listing = await reply(h, ADMIN, "/schoolday")
    assert "秋季学期" in listing and "假期（不在任何学期内）" in listing


# ---- /term ----------------------------------------------------------------------------------------


async def test_term_set_update_overlap_list_and_delete(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, PARENT, 1)
    assert "只有学校管理员" in await reply(h, parent, f"/term {MONDAY} {MONDAY + days(9)} 假")
    assert "还没有设置学期" in await reply(h, ADMIN, "/term")
    first, last = MONDAY - days(90), MONDAY + days(50)
    added = await reply(h, ADMIN, f"/term {first} {last} 秋季学期")
    assert "已添加学期“秋季学期”" in added and str(last) in added
    updated = await reply(h, ADMIN, f"/term {first} {last + days(4)} 秋季学期")
    assert "已更新学期“秋季学期”" in updated
    overlap = await reply(h, ADMIN, f"/term {last} {last + days(120)} 春季学期")
    assert "重叠" in overlap and "秋季学期" in overlap
    assert [t.name for t in await calendar.terms(h.deps)] == ["秋季学期"]
    strange = "<b>春</b>&学期"
    message = await h.say(ADMIN, f"/term {last + days(30)} {last + days(150)} {strange}")
    assert strange in (message.visible_text or "") and "&lt;b&gt;" in (message.text or "")
    listing = await reply(h, ADMIN, "/term")
    assert "秋季学期" in listing and strange in listing
    assert "已删除" in await reply(h, ADMIN, f"/term delete {strange}")
    assert "没有名为“冬季学期”" in await reply(h, ADMIN, "/term delete 冬季学期")
    assert [t.name for t in await calendar.terms(h.deps)] == ["秋季学期"]
    h.assert_no_bad_requests()


async def test_term_bad_input_gets_a_polite_answer_in_the_users_language(
    harness: Harness,
) -> None:
    h = harness
    day = MONDAY
    answers = {
        f"/term {day}": "用法",
        "/term delete": "用法",
        f"/term {day} 2026-13-01 秋季学期": "无法识别日期“2026-13-01”",
        f"/term {day} {day - days(1)} 秋季学期": "早于",
        f"/term {day} {day + days(400)} 秋季学期": "366",
        f"/term {day} {day + days(100)}": "请写上学期名称",
        f"/term {day} {day + days(100)} {'长' * 31}": "最多 30 个字",
    }
    for command, expected in answers.items():
        assert expected in await reply(h, ADMIN, command), command
    assert await calendar.terms(h.deps) == []
    await h.deps.db.execute("UPDATE users SET language = 'en' WHERE id = ?", (ADMIN,))
    assert "Usage" in await reply(h, ADMIN, f"/term {day}")
    assert "is before the first" in await reply(h, ADMIN, f"/term {day} {day - days(1)} Autumn")
    h.assert_no_bad_requests()


# ---- the holiday data running out ---------------------------------------------------------------------


async def _tick_through(h: Harness, first: date, count: int, restart_after: int) -> list[int]:
    """Tick twice a day for ``count`` days; the number of warnings created by each day's end."""
    made: list[int] = []
    for offset in range(count):
        for hour in (9, 12):  # before the missing-menu reminder, which would crowd the chat
            h.clock.set(at(first + days(offset), hour))
            await h.tick()
        if offset == restart_after:
            await h.restart()
        made.append(
            await h.deps.db.fetchval("SELECT count(*) FROM broadcasts WHERE kind = 'calendar'")
        )
    return made


async def test_the_data_warning_comes_weekly_from_30_days_before_the_end(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    end = await calendar.last_known_day(h.deps)
    made = await _tick_through(h, end - days(33), 20, restart_after=5)
    # Day 3 is 30 days before the end; then once a week, a restart changing nothing.
    assert made == [0] * 3 + [1] * 7 + [2] * 7 + [3] * 3
    await settled(h)
    warnings = [m for m in h.sim.messages(ADMIN) if "节假日数据" in (m.text or "")]
    assert len(warnings) == 3
    text = warnings[0].text or ""
    assert end.isoformat() in text and "chinesecalendar" in text and "calendar import" in text


async def test_no_data_warning_when_the_imported_list_covers_further(harness: Harness) -> None:
    h = harness
    end = await calendar.last_known_day(h.deps)
    following = end.year + 1
    imported = await calendar.import_file(
        h.deps, f"类型,开始,结束,名称\n假日,{following}-01-01,,元旦\n".encode()
    )
    assert imported.ok
    assert await calendar.last_known_day(h.deps) == date(following, 12, 31)
    assert await _tick_through(h, end - days(33), 20, restart_after=-1) == [0] * 20


# ---- the migration ------------------------------------------------------------------------------------


async def test_the_calendar_migration_keeps_broadcasts_and_deliveries(tmp_path: Path) -> None:
    """0004 rebuilds broadcasts (a CHECK constraint cannot be altered): nothing may be lost or
    cascaded away, and deliveries must still belong to their broadcasts."""
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql"))[:3]:
        shutil.copy(path, before)
    db = Database(tmp_path / "db.sqlite")
    await db.connect()
    try:
        await db.migrate(before)
        await db.execute(
            "INSERT INTO broadcasts (id, kind, menu_date, created_at) VALUES"
            " (7, 'menu', '2026-11-30', 't'), (8, 'notice', NULL, 't')"
        )
        await db.execute(
            "INSERT INTO deliveries (id, broadcast_id, chat_id, status, next_attempt_at,"
            " updated_at) VALUES (1, 7, 100, 'sent', 't', 't'), (2, 7, 101, 'pending', 't', 't'),"
            " (3, 8, 100, 'pending', 't', 't')"
        )
        assert "0004_calendar.sql" in await db.migrate()
        rows = await db.fetchall("SELECT id, broadcast_id, status FROM deliveries ORDER BY id")
        assert [tuple(r) for r in rows] == [(1, 7, "sent"), (2, 7, "pending"), (3, 8, "pending")]
        assert await db.fetchall("PRAGMA foreign_key_check") == []
        await db.execute("INSERT INTO broadcasts (kind, created_at) VALUES ('calendar', 't')")
        # The one-menu-per-date guard survived the rebuild, and so did the cascade.
        await db.execute(
            "INSERT OR IGNORE INTO broadcasts (kind, menu_date, created_at)"
            " VALUES ('menu', '2026-11-30', 't')"
        )
        assert await db.fetchval("SELECT count(*) FROM broadcasts WHERE kind = 'menu'") == 1
        await db.execute("DELETE FROM broadcasts WHERE id = 7")
        assert await db.fetchval("SELECT count(*) FROM deliveries") == 1
    finally:
        await db.close()
