"""The test bed: the real Application against the Bot API simulator, acting as people."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

from bot.app import AnyApp, build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.deps import Deps, get_deps
from bot.jobs.tick import run_tick
from bot.services import people
from bot.simulator import BotAPISimulator, SentMessage
from bot.storage import outbox

# Timings never decide a test: a busy machine (four workers on two cores) must not fail a
# property test on Hypothesis's 200 ms default deadline.
hypothesis_settings.register_profile("mealwatch", deadline=None)
hypothesis_settings.load_profile("mealwatch")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "bot" / "samples"
ADMIN = 900
GROUP = -100500
STAFF = (801, 802)
# The test clock starts on Monday 2026-11-30, 04:00 in Shanghai: before the 06:30 push. Every
# dated fixture is built from it (MONDAY), never from the machine's date.
START = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
MONDAY = START.astimezone(ZoneInfo("Asia/Shanghai")).date()
assert MONDAY.weekday() == 0


class Harness:
    def __init__(self, sim: BotAPISimulator, tmp_path: Path, **overrides: Any) -> None:
        self.sim = sim
        self.clock = ManualClock(START)
        values: dict[str, Any] = {
            "bot_token": sim.token,
            "bot_api_base_url": sim.base_url,
            "bot_api_file_url": sim.file_url,
            "database_path": tmp_path / "mealwatch.db",
            "school_name": "第一中学",
            "admin_ids": (ADMIN,),
            "food_safety_chat_id": GROUP,
            "tick_seconds": 3600,
        }
        values.update(overrides)
        self.settings = Settings(_env_file=None, **values)
        self.app: AnyApp | None = None

    @property
    def deps(self) -> Deps:
        assert self.app is not None
        return get_deps(self.app)

    async def start(self) -> None:
        # A short progress interval: notice reports update without tests waiting on 2 s.
        app = build_application(
            self.settings, clock=self.clock, scheduler=False, progress_every=0.1
        )
        # The same order as Application.run_polling, which tests cannot use (it owns the loop).
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        self.app = app

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def tick(self) -> None:
        assert self.app is not None
        await run_tick(self.app)

    @contextlib.asynccontextmanager
    async def clock_running(self, speed: float = 20.0) -> AsyncIterator[None]:
        """Let the manual clock run (speed × real time) so retry back-offs come due."""

        async def run() -> None:
            while True:
                await asyncio.sleep(0.05)
                self.clock.advance(timedelta(seconds=0.05 * speed))

        task = asyncio.create_task(run())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def outbox_idle(self, timeout: float = 10.0) -> None:
        """Wait until no delivery row is pending any more."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while await outbox.pending_count(self.deps.db):
            assert loop.time() < deadline, "the outbox still has pending deliveries"
            await asyncio.sleep(0.05)

    async def seed_classes(self) -> None:
        rows = people.parse_classes_csv((SAMPLES / "classes.csv").read_bytes())
        await people.import_classes(self.deps, rows)

    async def say(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        timeout: float = 5.0,
        **kw: Any,
    ) -> SentMessage:
        """Send as a person and return the bot's next message in that chat."""
        target = chat_id if chat_id is not None else user_id
        self.sim.skip(target)
        self.sim.send_text(user_id, text, chat_id=chat_id, **kw)
        return await self.sim.wait_for_message(target, timeout=timeout)

    async def press(self, user_id: int, message: SentMessage, text: str) -> None:
        self.sim.press(user_id, message, text)

    def assert_no_bad_requests(self) -> None:
        assert self.sim.bad_requests == [], self.sim.bad_requests


# A 400 the world causes, not the bot: a group upgraded to a supergroup answers every call to its
# old id so, and the bot learns the new id from exactly that answer.
WORLD_CAUSED = ("group chat was upgraded to a supergroup chat",)


@pytest.fixture
async def sim(request: pytest.FixtureRequest) -> AsyncIterator[BotAPISimulator]:
    simulator = BotAPISimulator(
        token="123456:TEST-TOKEN", bot_id=123456, bot_username="MealWatchTestBot"
    )
    await simulator.start()
    simulator.add_user(ADMIN, "管理员", "zh")
    for staff in STAFF:
        simulator.add_user(staff, f"员工{staff}", "zh")
    simulator.add_group(GROUP, "食品安全工作组", member_ids=[*STAFF, ADMIN])
    try:
        yield simulator
    finally:
        await simulator.stop()
    # Anywhere in the suite, the bot never sends what Telegram would refuse (tests that forge
    # such requests on purpose say so with the marker).
    if request.node.get_closest_marker("sends_bad_requests") is None:
        own = [
            e for e in simulator.bad_requests if not any(w in e.description for w in WORLD_CAUSED)
        ]
        assert own == [], f"the bot caused Bot API 400s: {own}"


@pytest.fixture
async def harness(sim: BotAPISimulator, tmp_path: Path) -> AsyncIterator[Harness]:
    h = Harness(sim, tmp_path)
    await h.start()
    await h.seed_classes()
    try:
        yield h
    finally:
        await h.stop()
