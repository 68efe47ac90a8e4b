"""The daily push through the outbox: once per parent per date, school days only, blocked
parents, 429s, restarts mid-push, and answers before bulk."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.services import menus
from bot.simulator import BotAPISimulator, Faults, RateLimits
from bot.storage import people as store
from bot.storage.menus import NewDish, replace_days
from tests.conftest import ADMIN, Harness
from tests.helpers import add_parents, import_menu, sample_menu

pytestmark = pytest.mark.slow

# 06:30 in Shanghai on Monday 2026-11-30 is 22:30 UTC the day before.
PUSH_TIME = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)


def menu_counts(h: Harness, parents: list[int], day: str = "11月30日") -> Counter[int]:
    return Counter(
        {
            p: sum(
                1 for m in h.sim.messages(p) if day in (m.text or "") and "菜单" in (m.text or "")
            )
            for p in parents
        }
    )


async def wait_all(h: Harness, parents: list[int], timeout: float = 20.0) -> None:
    await h.sim.wait_until(
        lambda: all(menu_counts(h, parents)[p] >= 1 for p in parents), timeout=timeout
    )


async def test_push_at_the_set_time_reaches_every_active_parent_once(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 5)
    stopped, opted_out = await add_parents(h, 3000, 2)
    await store.set_status(h.deps.db, stopped, "inactive", h.clock.now())
    await store.set_menu_opt_in(h.deps.db, opted_out, False, h.clock.now())
    h.clock.set(PUSH_TIME - timedelta(minutes=1))
    await h.tick()
    assert all(not h.sim.messages(p) for p in parents)
    h.clock.set(PUSH_TIME)
    await h.tick()
    await wait_all(h, parents)
    await h.tick()
    await h.restart()
    await h.tick()
    h.clock.advance(timedelta(hours=1))
    await h.tick()
    await h.sim.wait_until(lambda: h.sim.pending_updates == 0)
    assert menu_counts(h, parents) == Counter({p: 1 for p in parents})
    assert not h.sim.messages(stopped) and not h.sim.messages(opted_out)
    pushed = h.sim.messages(parents[0])[0]
    assert "😋" in str(pushed.buttons) and "小米南瓜粥" in (pushed.text or "")
    h.assert_no_bad_requests()


async def test_catch_up_within_the_grace_window_and_not_after(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 3)
    # The bot was down at push time and comes back just after the grace window: no push.
    await h.stop()
    h.clock.set(PUSH_TIME + timedelta(hours=3, minutes=1))
    await h.start()
    await h.tick()
    # Down again over Tuesday's push time, back within the window: the push happens then.
    await h.stop()
    h.clock.set(PUSH_TIME + timedelta(days=1, hours=2, minutes=59))  # Tuesday, 09:29
    await h.start()
    await h.tick()
    await h.sim.wait_until(lambda: all(menu_counts(h, parents, "12月1日")[p] == 1 for p in parents))
    assert menu_counts(h, parents) == Counter({p: 0 for p in parents})


async def test_blocked_parent_is_marked_and_others_still_get_the_menu(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 4)
    h.sim.block(parents[1], notify=False)
    h.clock.set(PUSH_TIME)
    await h.tick()
    others = [p for p in parents if p != parents[1]]
    await wait_all(h, others)
    await h.sim.wait_until(lambda: any(e.error_code == 403 for e in h.sim.errors))
    await h.outbox_idle()
    user = await store.get_user(h.deps.db, parents[1])
    assert user is not None and user.status == "blocked"
    assert menu_counts(h, others) == Counter({p: 1 for p in others})


async def test_a_send_that_times_out_is_retried(harness: Harness) -> None:
    """Bulk text goes through the bot's own request object: its read timeout (5 s) ends the
    send with TimedOut, which reschedules the row like any network error."""
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    [parent] = await add_parents(h, 2000, 1)
    h.sim.faults = Faults(slow_rate=1.0, slow_seconds=30.0)
    h.clock.set(PUSH_TIME)
    await h.tick()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 15
    while (
        row := await h.deps.db.fetchone("SELECT attempts, error, status FROM deliveries")
    ) is None or row["attempts"] == 0:
        assert loop.time() < deadline, "the send never timed out"
        await asyncio.sleep(0.1)
    assert (row["attempts"], row["error"], row["status"]) == (1, "Timed out", "pending")
    assert h.sim.stats.faults_slow == 1 and not h.sim.messages(parent)
    h.sim.faults = Faults()
    async with h.clock_running():
        await wait_all(h, [parent])
        await h.outbox_idle()
    assert menu_counts(h, [parent]) == Counter({parent: 1})


async def test_holidays_and_make_up_days(harness: Harness) -> None:
    h = harness
    parents = await add_parents(h, 2000, 2)
    national_day, make_up = date(2026, 10, 1), date(2026, 10, 10)
    await replace_days(
        h.deps.db, [NewDish(d, "lunch", "米饭", "主食", (), "") for d in (national_day, make_up)]
    )
    assert (
        await menus.queue_menu_push(h.deps, national_day)
    ).outcome is menus.PushOutcome.NOT_SCHOOL_DAY
    h.clock.set(datetime(2026, 9, 30, 22, 30, tzinfo=UTC))  # 06:30 on 1 October in Shanghai
    await h.tick()
    h.clock.set(datetime(2026, 10, 9, 22, 30, tzinfo=UTC))  # 06:30 on Saturday 10 October
    await h.tick()
    await h.sim.wait_until(
        lambda: all(menu_counts(h, parents, "10月10日")[p] == 1 for p in parents)
    )
    assert all(menu_counts(h, parents, "10月1日")[p] == 0 for p in parents)


async def test_an_admin_override_closes_a_school_day(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 2)
    await h.say(ADMIN, "/schoolday 2026-11-30 closed 运动会")
    h.clock.set(PUSH_TIME)
    await h.tick()
    result = await menus.queue_menu_push(h.deps, date(2026, 11, 30))
    assert result.outcome is menus.PushOutcome.NOT_SCHOOL_DAY
    forced = await menus.queue_menu_push(h.deps, date(2026, 11, 30), force=True)
    assert forced.outcome is menus.PushOutcome.QUEUED and forced.recipients == 2
    await wait_all(h, parents)


async def test_429s_are_waited_out_and_nothing_is_lost(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 40)
    h.sim.set_rate_limits(RateLimits(global_per_second=20, retry_after=1))
    h.sim.force_retry_after(2, count=3)
    h.clock.set(PUSH_TIME)
    await h.tick()
    await wait_all(h, parents, timeout=30)
    assert menu_counts(h, parents) == Counter({p: 1 for p in parents})
    assert h.sim.stats.refused_429 >= 3


async def test_a_restart_in_the_middle_of_a_push_skips_nobody(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    h = Harness(sim, tmp_path, rate_global_per_second=40.0)
    await h.start()
    try:
        await h.seed_classes()
        await import_menu(h, sample_menu(), today=date(2026, 11, 29))
        parents = await add_parents(h, 2000, 120)
        h.clock.set(PUSH_TIME)
        await h.tick()
        await sim.wait_until(lambda: sum(menu_counts(h, parents).values()) >= 30, timeout=20)
        await h.restart()
        await wait_all(h, parents, timeout=30)
        counts = menu_counts(h, parents)
        duplicates = sum(c - 1 for c in counts.values())
        # Only requests in flight at the stop can repeat; the outbox sends 32 at a time.
        assert duplicates <= 32
        assert all(c >= 1 for c in counts.values())
    finally:
        await h.stop()


async def test_an_answer_overtakes_a_running_push(sim: BotAPISimulator, tmp_path: Path) -> None:
    h = Harness(sim, tmp_path, rate_global_per_second=300.0)
    await h.start()
    try:
        await h.seed_classes()
        await import_menu(h, sample_menu(), today=date(2026, 11, 29))
        parents = await add_parents(h, 10_000, 2000)
        asker = parents[-1]
        h.clock.set(PUSH_TIME)
        await h.tick()
        await sim.wait_until(lambda: len(sim.sent) >= 200, timeout=20)
        sent_before = len(sim.sent)
        sim.skip(asker)
        sim.send_text(asker, "/help")
        answer = await sim.wait_for_message(asker, lambda m: "/menu" in (m.text or ""), timeout=20)
        position = next(i for i, m in enumerate(sim.sent) if m is answer)
        # The answer went out while the push still had most of its messages to send.
        assert position < len(parents) // 2, (position, sent_before)
        assert position - sent_before < 300, (position, sent_before)
        await sim.wait_until(lambda: len(sim.sent) >= len(parents) + 1, timeout=60)
        assert len(sim.sent) > position + 1000
        assert menu_counts(h, parents) == Counter({p: 1 for p in parents})
    finally:
        await h.stop()


async def test_missing_menu_reminder_goes_to_administrators_once(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    h.clock.set(datetime(2026, 11, 30, 8, 1, tzinfo=UTC))  # Monday 16:01 in Shanghai
    await h.tick()
    reminder = await h.sim.wait_for_message(ADMIN, lambda m: "⏰" in (m.text or ""))
    assert "12月1日" in (reminder.text or "")
    await h.tick()
    h.clock.advance(timedelta(hours=1))
    await h.tick()
    await h.sim.wait_until(lambda: h.sim.pending_updates == 0)
    assert sum("⏰" in (m.text or "") for m in h.sim.messages(ADMIN)) == 1
