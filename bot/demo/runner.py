"""`python -m bot demo`: the real bot against the Bot API simulator, with a local chat page.

No Telegram token and no network: the simulator plays Telegram on 127.0.0.1, the bot is the
unmodified Application from ``bot.app``, and the page acts as a parent, an administrator and the
food-safety group through the simulator's control API.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from bot import samples
from bot.app import AnyApp, build_application
from bot.clock import Clock
from bot.config import Settings
from bot.demo import seed
from bot.demo.seed import ADMIN, GROUP_ID, GROUP_TITLE, PARENT, PARENT_CLASS, STAFF
from bot.demo.web import Actions, Column, DemoWeb
from bot.deps import Deps, get_deps
from bot.jobs.tick import run_tick
from bot.services import menus
from bot.services.menus import PushOutcome
from bot.simulator import BotAPISimulator, RateLimits

HOST = "127.0.0.1"
_WEEKDAYS = "一二三四五六日"
# Next to the database in --data: the simulator's chats, message ids and files, and the demo's
# clock, so a restart shows the same chats and the bot's stored message links stay true.
STATE_FILE = "demo-state.json"


class OffsetClock(Clock):
    """Real time plus an offset the page can grow ("advance clock 30 min"): the bot sees time
    pass without anyone waiting, and it never goes backwards."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return super().now() + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


class Demo:
    """Simulator, bot and page, started in that order and stopped in reverse."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.clock = OffsetClock()
        self.sim = BotAPISimulator(
            token=seed.BOT_TOKEN,
            bot_id=seed.BOT_ID,
            bot_username=seed.BOT_USERNAME,
            bot_first_name=seed.BOT_NAME,
            rate_limits=RateLimits.telegram(),
            clock=lambda: self.clock.now().timestamp(),
        )
        self.app: AnyApp | None = None
        self.web: DemoWeb | None = None
        self._stack = contextlib.AsyncExitStack()
        self._tick_lock = asyncio.Lock()
        self._running = False  # started in full: only then is its state worth keeping

    @property
    def deps(self) -> Deps:
        assert self.app is not None
        return get_deps(self.app)

    async def start(self) -> str:
        """Start everything; returns the page's address. On failure, stops what started."""
        try:
            return await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> str:
        await self.sim.start()
        self._stack.push_async_callback(self.sim.stop)
        self._add_people()
        people_said = self._load_state()
        settings = Settings(
            _env_file=None,
            bot_token=self.sim.token,
            bot_api_base_url=self.sim.base_url,
            bot_api_file_url=self.sim.file_url,
            database_path=self.data_dir / "mealwatch.db",
            admin_ids=(ADMIN.id,),
            food_safety_chat_id=GROUP_ID,
            school_name=seed.SCHOOL,
        )
        # The demo runs the scheduler's tick itself, under one lock, so a tick forced by
        # "advance clock" never overlaps a periodic one.
        app = build_application(settings, clock=self.clock, scheduler=False)
        # The exit stack unwinds last-in first-out: push each stop step before the one that
        # must run ahead of it.
        if app.post_shutdown is not None:
            self._stack.push_async_callback(app.post_shutdown, app)
        await app.initialize()
        self._stack.push_async_callback(app.shutdown)
        if app.post_init is not None:
            await app.post_init(app)
        # Same order as Application.run_polling (see tests/conftest.py).
        await app.start()
        if app.post_stop is not None:
            self._stack.push_async_callback(app.post_stop, app)
        self._stack.push_async_callback(app.stop)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        self._stack.push_async_callback(app.updater.stop)
        self.app = app

        await seed.seed(self.deps)
        ticks = asyncio.create_task(self._ticks(settings.tick_seconds), name="demo-ticks")
        self._stack.push_async_callback(_cancel, ticks)

        link, code = await seed.invite_link(self.deps)
        self.web = DemoWeb(
            self.sim,
            self._columns(),
            Actions(push_menu=self.push_menu, advance=self.advance, clock_text=self.clock_text),
            settings.tz,
            {
                "bot": {"name": seed.BOT_NAME, "username": seed.BOT_USERNAME},
                "invite": {"link": link, "code": code, "class": PARENT_CLASS},
            },
            {
                "foreign-object.png": (samples.read("foreign-object.png"), "image/png"),
                "menu-week.csv": (seed.menu_week(menus.today(self.deps)), "text/csv"),
            },
        )
        self.web.feed.restore(people_said)
        url = await self.web.start(HOST, self.port)
        self._stack.push_async_callback(self.web.stop)
        self._running = True
        return url

    async def stop(self) -> None:
        await self._stack.aclose()
        if self._running:
            self._running = False
            self.save_state()

    # ---- what a restart keeps

    @property
    def _state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    def _load_state(self) -> list[dict[str, object]]:
        """The kept chats and clock, if any; returns the people's messages for the page."""
        try:
            state = json.loads(self._state_path.read_text("utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            logging.getLogger(__name__).warning("demo state not read, starting afresh: %s", exc)
            return []
        self.clock.offset = timedelta(seconds=float(state.get("clock_offset", 0)))
        return self.sim.restore(state.get("sim", {}))

    def save_state(self) -> None:
        """Written whole to a new file, then moved over the old one: never half a state."""
        state = {
            "clock_offset": self.clock.offset.total_seconds(),
            "sim": self.sim.snapshot(),
        }
        fresh = self._state_path.with_suffix(".tmp")
        fresh.write_text(json.dumps(state, ensure_ascii=False), "utf-8")
        os.replace(fresh, self._state_path)

    def _add_people(self) -> None:
        sim = self.sim
        sim.add_user(PARENT.id, PARENT.name, PARENT.language)
        # The administrator has opened the bot before (the bot sets their command menu).
        sim.add_user(ADMIN.id, ADMIN.name, ADMIN.language, open_chat=True)
        for staff in STAFF:
            sim.add_user(staff.id, staff.name, staff.language)
        # An administrator of the group: it reads the note typed after 结案 without a reply.
        sim.add_group(
            GROUP_ID, GROUP_TITLE, member_ids=[*(s.id for s in STAFF), ADMIN.id], bot_admin=True
        )
        for parent in seed.SEEDED_PARENTS:
            who = parent.person
            sim.add_user(who.id, who.name, who.language, open_chat=True)

    @staticmethod
    def _columns() -> list[Column]:
        return [
            Column(
                "parent",
                PARENT.id,
                f"家长 (Parent) · {PARENT.name}",
                f"{PARENT_CLASS} 新家长 (a new parent in {PARENT_CLASS})",
                ((PARENT.id, PARENT.name),),
            ),
            Column(
                "admin",
                ADMIN.id,
                f"管理员 (Administrator) · {ADMIN.name}",
                "食堂 / 校办 (canteen manager, principal's office)",
                ((ADMIN.id, ADMIN.name),),
            ),
            Column(
                "group",
                GROUP_ID,
                f"{GROUP_TITLE} (Food-safety group)",
                # The staff, the administrator and the bot.
                f"{len(STAFF) + 2} 位成员 (members)",
                tuple((s.id, s.name) for s in STAFF),
            ),
        ]

    # ---- the page's controls

    async def tick(self) -> None:
        assert self.app is not None
        async with self._tick_lock:
            await run_tick(self.app)

    async def _ticks(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.tick()
            self.save_state()  # a demo killed without Ctrl-C loses at most one tick

    async def push_menu(self) -> str:
        """Queue today's menu for every parent now, as the 06:30 push would (once per day)."""
        deps = self.deps
        day = menus.today(deps)
        result = await menus.queue_menu_push(deps, day, force=True)
        if result.outcome is PushOutcome.QUEUED:
            return f"今日菜单已发给 {result.recipients} 位家长 (today's menu queued for {result.recipients} parents)"
        if result.outcome is PushOutcome.ALREADY:
            return "今日菜单已推送过，每天只推送一次 (today's menu was already pushed: once a day)"
        return f"{day} 没有菜单 (no menu for {day})"

    async def advance(self, minutes: int) -> str:
        self.clock.advance(timedelta(minutes=minutes))
        await self.tick()
        return f"时间已快进 {minutes} 分钟 (clock advanced {minutes} min): {self.clock_text()}"

    def clock_text(self) -> str:
        local = self.clock.now().astimezone(self.deps.settings.tz)
        text = local.strftime(f"%m-%d 周{_WEEKDAYS[local.weekday()]} %H:%M")
        minutes = int(self.clock.offset.total_seconds() // 60)
        return f"{text} (+{minutes} min)" if minutes else text


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot demo",
        description="Try MealWatch without Telegram: the real bot against a local Bot API "
        "simulator, with a chat page for a parent, an administrator and the food-safety group.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="keep the demo's database in DIR (default: a temporary folder, deleted on exit)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        metavar="N",
        help="port of the page on 127.0.0.1 (default: any free port)",
    )
    return parser


async def _serve(data_dir: Path, port: int) -> None:
    demo = Demo(data_dir, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not available on Windows: there Ctrl-C cancels this task instead (see main).
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        url = await demo.start()
        print(f"MealWatch demo: open {url} in your browser (Ctrl-C stops it)", flush=True)
        await stop.wait()
    finally:
        await demo.stop()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    logging.basicConfig(
        level=logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        with contextlib.ExitStack() as stack:
            if args.data is None:
                data_dir = Path(
                    stack.enter_context(tempfile.TemporaryDirectory(prefix="mealwatch-demo-"))
                )
            else:
                data_dir = args.data
                data_dir.mkdir(parents=True, exist_ok=True)
            asyncio.run(_serve(data_dir, args.port))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"cannot start the demo: {exc}", file=sys.stderr)
        return 1
    return 0
