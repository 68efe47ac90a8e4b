"""Crash and fault survival: kill -9 mid-push, a misbehaving Bot API, a locked database."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot import samples
from bot.clock import Clock
from bot.config import Settings
from bot.deps import Deps
from bot.i18n import Catalog
from bot.services import menus, people
from bot.services.menu_parser import parse_menu_file
from bot.simulator import BotAPISimulator, Faults
from bot.storage import people as store
from bot.storage.audience import Audience
from bot.storage.db import open_database
from bot.storage.outbox import (
    BroadcastKind,
    create_broadcast,
    delivery_counts_by_chat,
    menu_broadcast_for,
)
from tests.conftest import Harness
from tests.helpers import add_parents, import_menu, sample_menu

pytestmark = pytest.mark.slow

PUSH_TIME = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)


def today_menu_csv(day: date) -> bytes:
    return (
        "日期,餐次,菜品,类别,过敏原,备注\n"
        f"{day},早餐,小米粥,主食,,\n{day},午餐,米饭,主食,,\n{day},午餐,红烧鸡块,荤菜,大豆,\n"
    ).encode()


async def seed_for_subprocess(sim: BotAPISimulator, db_path: Path, parents: int) -> list[int]:
    """Classes, today's menu and parents written with the storage layer, before the bot starts."""
    settings = Settings(_env_file=None, bot_token=sim.token, database_path=db_path, timezone="UTC")
    db = await open_database(db_path)
    try:
        deps = Deps(settings, db, Catalog(), Clock())
        await people.import_classes(deps, people.parse_classes_csv(samples.read("classes.csv")))
        today = datetime.now(UTC).date()
        result = parse_menu_file(today_menu_csv(today), "menu.csv", today)
        assert result.ok, result.problems
        await menus.apply_import(deps, result.rows)
        # The test runs on any weekday or weekend: make today a school day.
        await menus.set_school_day(deps, today, True, "fault test", 0)
        class_id = (await store.list_classes(db))[0].id
        ids = list(range(50_000, 50_000 + parents))
        now = datetime.now(UTC)
        for user_id in ids:
            sim.add_user(user_id, f"家长{user_id}", "zh", open_chat=True)
            await store.ensure_user(db, user_id, f"家长{user_id}", None, "zh", now)
            await store.add_child(db, user_id, class_id, "", (), now)
        return ids
    finally:
        await db.close()


async def delivered_but_unmarked(db_path: Path, delivered: set[int]) -> int:
    """Messages the simulator recorded whose rows were still pending at the kill: exactly the
    requests that were in flight."""
    db = await open_database(db_path)
    try:
        broadcast = await menu_broadcast_for(
            db, BroadcastKind.MENU, datetime.now(UTC).date().isoformat()
        )
        if broadcast is None:
            return 0
        statuses = await delivery_counts_by_chat(db, broadcast.id)
        return sum(
            1 for chat, status in statuses.items() if status == "pending" and chat in delivered
        )
    finally:
        await db.close()


@pytest.mark.timeout(300)
async def test_kill_9_during_a_push_ten_times_loses_no_one(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "kill.db"
    parents = await seed_for_subprocess(sim, db_path, 3000)
    env = {
        **os.environ,
        "BOT_TOKEN": sim.token,
        "BOT_API_BASE_URL": sim.base_url,
        "BOT_API_FILE_URL": sim.file_url,
        "DATABASE_PATH": str(db_path),
        "TIMEZONE": "UTC",
        # The push window spans the whole day, so the hour the test runs at never matters.
        "MENU_PUSH_TIME": "00:00",
        "MENU_PUSH_GRACE": "23:59:59",
        "TICK_SECONDS": "0.5",
        "RATE_GLOBAL_PER_SECOND": "1000",
    }
    wanted = set(parents)
    rng = random.Random(20261130)
    kills = 0
    in_flight_at_kills = 0

    def delivered() -> Counter[int]:
        return Counter(m.chat_id for m in sim.sent if m.chat_id in wanted)

    for round_number in range(11):
        with (tmp_path / "bot.log").open("ab") as log_file:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", env=env, stdout=log_file, stderr=log_file
            )
        try:
            if round_number < 10:
                target = min(len(delivered()) + rng.randint(50, 200), len(wanted))
                await sim.wait_until(lambda t=target: len(delivered()) >= t, timeout=60)  # type: ignore[misc]
                process.send_signal(signal.SIGKILL)
                await process.wait()
                kills += 1
                in_flight_at_kills += await delivered_but_unmarked(db_path, set(delivered()))
            else:
                await sim.wait_until(lambda: len(delivered()) == len(wanted), timeout=120)
                process.send_signal(signal.SIGTERM)
        finally:
            await process.wait()
        if len(delivered()) == len(wanted) and round_number < 10:
            break
    counts = delivered()
    assert set(counts) == wanted, f"{len(wanted - set(counts))} parents never got the menu"
    duplicates = sum(c - 1 for c in counts.values())
    assert kills >= 3
    # Only what was in flight at a kill is sent again, and the outbox has at most 32 in flight.
    assert duplicates <= in_flight_at_kills <= 32 * kills, (duplicates, in_flight_at_kills, kills)


async def test_a_flaky_bot_api_loses_nothing_and_keeps_order(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    parents = await add_parents(h, 2000, 60)
    h.sim.faults = Faults(error_500_rate=0.05, drop_rate=0.02, seed=7)
    h.clock.set(PUSH_TIME)
    await h.tick()
    # A notice to everyone right behind the menu: each parent must see the menu first.
    await create_broadcast(
        h.deps.db,
        BroadcastKind.NOTICE,
        parents,
        h.clock.now(),
        body="明天停水",
        audience=Audience().to_json(),
        created_by=900,
    )
    h.sim.force_retry_after(3, count=4)
    h.sim.skip(parents[0])
    h.sim.send_text(parents[0], "/help")
    answer = await h.sim.wait_for_message(
        parents[0], lambda m: "/menu" in (m.text or ""), timeout=20
    )
    assert answer is not None

    def complete() -> bool:
        return all(
            sum(
                1
                for m in h.sim.messages(p)
                if m.text and ("菜单" in m.text or "明天停水" in m.text)
            )
            >= 2
            for p in parents
        )

    async with h.clock_running():
        await h.sim.wait_until(complete, timeout=90)
    for parent in parents:
        texts = [m.text or m.caption or "" for m in h.sim.messages(parent)]
        kinds = [
            ("menu" if "菜单</b>" in t else "notice")
            for t in texts
            if "菜单</b>" in t or "明天停水" in t
        ]
        assert kinds == ["menu", "notice"], (parent, texts)
    assert h.sim.stats.faults_500 + h.sim.stats.faults_dropped > 0


async def test_a_locked_database_makes_the_bot_wait_not_fail(harness: Harness) -> None:
    h = harness
    h.sim.add_user(1001, "王芳", "zh")
    code = (await store.list_classes(h.deps.db))[0].invite_code
    other = sqlite3.connect(h.settings.database_path, timeout=1, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        h.sim.skip(1001)
        h.sim.send_text(1001, f"/start {code}")
        await asyncio.sleep(3)
    finally:
        other.execute("ROLLBACK")
        other.close()
    welcome = await h.sim.wait_for_message(1001, timeout=15)
    assert "欢迎" in (welcome.text or "")
    prompt = await h.say(1001, "小明")
    assert "小明" in (prompt.text or "")
    assert all("出了点问题" not in (m.text or "") for m in h.sim.messages(1001))
