"""What every benchmark shares: a timed simulator, a seeded school, the bot as its own process,
and the RESULTS.md writer.

The simulator runs in the bench process (its own event loop); the bot runs as `python -m bot`,
exactly as in production, pointed at the simulator by BOT_API_BASE_URL. The two share the
machine's cores, as they would share a small server.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil

from bot import samples
from bot.simulator import BotAPISimulator, Params, RateLimits, SentMessage
from bot.storage import people as people_store
from bot.storage.bulk import NewParent, add_parents_bulk
from bot.storage.db import Database

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SAMPLES = ROOT / "bot" / "samples"
TOKEN = "424242:BENCH-TOKEN"
BOT_ID = 424242
ADMIN = 900
GROUP = -100500
TIMEZONE = "Asia/Shanghai"
FIRST_PARENT = 1_000_000
EN_EVERY = 10  # one parent in ten reads English
ALLERGIC_EVERY = 7  # one child in seven has an allergen the menu warns about


class TimedSimulator(BotAPISimulator):
    """The simulator, stamping when each bot message and callback answer arrived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_at: list[float] = []  # parallel to self.sent
        self.answered_at: dict[str, float] = {}  # callback query id → when answered
        self.pushed = 0  # daily menus pushed so far (see is_pushed_menu)

    def _record(self, *args: Any, **kwargs: Any) -> Any:
        sent = super()._record(*args, **kwargs)
        self.sent_at.append(time.monotonic())
        if is_pushed_menu(sent):
            self.pushed += 1
        return sent

    def _m_answer_callback(self, params: Params) -> bool:
        result = super()._m_answer_callback(params)
        qid = params.get_str("callback_query_id")
        if qid is not None:
            self.answered_at[qid] = time.monotonic()
        return result


def make_simulator(limits: RateLimits | None) -> TimedSimulator:
    return TimedSimulator(
        token=TOKEN, bot_id=BOT_ID, bot_username="MealWatchBenchBot", rate_limits=limits
    )


# ---- the school ---------------------------------------------------------------------------------


def local_today() -> date:
    return datetime.now(ZoneInfo(TIMEZONE)).date()


def menu_csv(first: date, days: int = 14) -> bytes:
    """The sample week over `days` dates from `first` (weekends included, so the reminder for
    the next school day never fires during a run)."""
    return samples.week_on(first, days)


def parent_ids(count: int) -> list[int]:
    return list(range(FIRST_PARENT, FIRST_PARENT + count))


def language_of(user_id: int) -> str:
    return "en" if user_id % EN_EVERY == 0 else "zh"


@dataclass
class Bench:
    """One run's world: a temporary directory with the database, the simulator and the bot."""

    sim: TimedSimulator
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    process: asyncio.subprocess.Process | None = None
    log_path: Path | None = None
    ps: psutil.Process | None = None
    rss_samples: list[tuple[float, int]] = field(default_factory=list)
    _sampler: asyncio.Task[None] | None = None
    _profiler: asyncio.subprocess.Process | None = None

    @property
    def db_path(self) -> Path:
        return self.workdir / "db.sqlite"

    def configure(self, **settings: object) -> None:
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "RATE_"))},
            "BOT_TOKEN": TOKEN,
            "BOT_API_BASE_URL": self.sim.base_url,
            "BOT_API_FILE_URL": self.sim.file_url,
            "DATABASE_PATH": str(self.db_path),
            "TIMEZONE": TIMEZONE,
            "SCHOOL_NAME": "第一中学",
            "ADMIN_IDS": str(ADMIN),
            "FOOD_SAFETY_CHAT_ID": str(GROUP),
            # The scheduled push stays out of the way: benches queue it with the CLI.
            "MENU_PUSH_TIME": "00:00",
            "MENU_PUSH_GRACE": "00:00:01",
            "TICK_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.update({k.upper(): str(v) for k, v in settings.items()})

    def cli(self, *args: str) -> str:
        """`python -m bot ARGS` against this run's database; its output."""
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"python -m bot {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout.strip()

    async def seed(self, parents: Sequence[int]) -> None:
        """Schema, classes, two weeks of menus from today, and the parents (with one child
        each, every one with an open chat in the simulator)."""
        self.cli("migrate")
        self.cli("classes", "import", str(SAMPLES / "classes.csv"))
        menu = self.workdir / "menu.csv"
        menu.write_bytes(menu_csv(local_today()))
        self.cli("menus", "import", str(menu))
        db = Database(self.db_path)
        await db.connect()
        try:
            classes = await people_store.list_classes(db)
            now = datetime.now(UTC)
            await add_parents_bulk(
                db,
                (
                    NewParent(
                        user_id=uid,
                        first_name=f"家长{uid}",
                        language=language_of(uid),
                        class_id=classes[i % len(classes)].id,
                        child_name=f"孩子{uid}",
                        allergens=("egg",) if i % ALLERGIC_EVERY == 0 else (),
                    )
                    for i, uid in enumerate(parents)
                ),
                now,
            )
        finally:
            await db.close()
        self.sim.add_user(ADMIN, "管理员", "zh", open_chat=True)
        self.sim.add_group(GROUP, "食品安全工作组", member_ids=[ADMIN])
        for uid in parents:
            self.sim.add_user(uid, f"家长{uid}", language_of(uid), open_chat=True)

    def queue_push(self, day: date | None = None) -> str:
        return self.cli("menus", "push", "--date", (day or local_today()).isoformat(), "--force")

    async def start_bot(self, within: float = 30.0) -> None:
        assert self.process is None
        self.log_path = self.workdir / "bot.log"
        log = self.log_path.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        log.close()
        self.ps = psutil.Process(self.process.pid)
        profile = os.environ.get("BENCH_PYSPY")
        if profile:
            # A sampling profile of the bot process (pip install py-spy): collapsed stacks.
            self._profiler = await asyncio.create_subprocess_exec(
                "py-spy", "record", "-p", str(self.process.pid), "-r", "250", "-f", "raw",
                "-o", profile, "--nonblocking",
                *os.environ.get("BENCH_PYSPY_ARGS", "").split(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        self._sampler = asyncio.create_task(self._sample_rss())
        await self.sim.wait_until(
            lambda: self.sim.requests["getUpdates"] > 0 or self.exited(),
            timeout=within,
            message="(the bot did not start polling)",
        )
        if self.exited():
            raise RuntimeError(f"the bot exited at start:\n{self.log_tail()}")

    def exited(self) -> bool:
        return self.process is not None and self.process.returncode is not None

    async def _sample_rss(self) -> None:
        while self.ps is not None:
            with contextlib.suppress(psutil.Error):
                self.rss_samples.append((time.monotonic(), self.ps.memory_info().rss))
            await asyncio.sleep(0.5)

    def peak_rss(self) -> int:
        """The bot's peak resident set (VmHWM), read while it is still running."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc status")

    def cpu_seconds(self) -> float:
        assert self.ps is not None
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    async def stop_bot(self) -> None:
        process, self.process = self.process, None
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
            self._sampler = None
        if process is None or process.returncode is not None:
            return
        if os.environ.get("BENCH_THREADS") and self.ps is not None:
            # CPU seconds per thread of the bot: the event loop against the SQLite threads.
            for t in sorted(self.ps.threads(), key=lambda t: -(t.user_time + t.system_time)):
                print(f"  thread {t.id}: user {t.user_time:.1f} s, system {t.system_time:.1f} s")
        process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()
        if self._profiler is not None:
            await asyncio.wait_for(self._profiler.wait(), 30)
            self._profiler = None

    def log_tail(self, lines: int = 30) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])

    def log_count(self, needle: str) -> int:
        if self.log_path is None or not self.log_path.exists():
            return 0
        return self.log_path.read_text("utf-8", "replace").count(needle)


@contextlib.asynccontextmanager
async def bench(limits: RateLimits | None, keep: bool = False) -> Any:
    sim = make_simulator(limits)
    await sim.start()
    tmp = tempfile.TemporaryDirectory(prefix="mealwatch-bench-")
    run = Bench(sim, Path(tmp.name))
    try:
        yield run
    finally:
        await run.stop_bot()
        await sim.stop()
        if keep:
            print(f"kept {tmp.name}")
        else:
            tmp.cleanup()


# ---- measuring ----------------------------------------------------------------------------------


def is_pushed_menu(m: SentMessage) -> bool:
    """A pushed daily menu: a rating keyboard without /menu's navigation buttons."""
    if m.chat_id <= 0 or m.method != "sendMessage":
        return False
    data = [str(b.get("callback_data", "")) for b in m.buttons]
    return any(d.startswith("rate:") for d in data) and not any(d.startswith("menu:") for d in data)


def menu_pushes(sim: TimedSimulator) -> list[int]:
    """Indexes in sim.sent of pushed daily menus."""
    return [i for i, m in enumerate(sim.sent) if is_pushed_menu(m)]


def rate_between(stamps: Sequence[float]) -> float:
    """Messages per second from the first to the last (n - 1 intervals)."""
    if len(stamps) < 2:
        return 0.0
    span = stamps[-1] - stamps[0]
    return (len(stamps) - 1) / span if span > 0 else float("inf")


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary_ms(values: Sequence[float]) -> str:
    if not values:
        return "n/a"
    ms = [v * 1000 for v in values]
    return (
        f"p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
        f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms, mean {statistics.fmean(ms):.0f} ms"
    )


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


async def wait_for(condition: Any, within: float, every: float = 0.2, why: str = "") -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            print(f"timed out after {within:.0f}s {why}")
            return False
        await asyncio.sleep(every)
    return True


def chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---- RESULTS.md ---------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def command() -> str:
    return "python " + " ".join(shlex.quote(a) for a in sys.argv)


def record(
    name: str,
    target: str,
    figures: Sequence[tuple[str, str]],
    verdict: str,
    bounded: str,
    notes: Sequence[str] = (),
) -> None:
    """Print the figures and append them to bench/RESULTS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### {name} — {stamp}",
        "",
        f"- command: `{command()}`",
        f"- machine: {machine()}",
        f"- target: {target}",
        f"- verdict: **{verdict}**",
        "",
        "| figure | value |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in figures),
        "",
        f"Bounded by: {bounded}",
        "",
        *(f"- {n}" for n in notes),
        *([""] if notes else []),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if os.environ.get("BENCH_NO_RECORD"):
        return
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nAppended by the scripts in bench/.\n\n")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(text + "\n")


# ---- one push, measured -------------------------------------------------------------------------


@dataclass
class PushFigures:
    recipients: int
    delivered: int  # parents who got the day's menu
    duplicates: int  # menus beyond the first to one parent
    lost: int  # parents who got none
    rate: float  # msg/s from the first pushed menu to the last
    seconds: float  # first to last
    send_requests: int  # sendMessage requests the simulator answered (429s included)
    refused_429: int
    bot_cpu: float  # seconds of the bot process's CPU from polling start to the last menu
    sim_cpu: float  # the bench process's (simulator's) CPU over the same time
    peak_rss: int
    rss_at: list[tuple[float, int]]  # (fraction of the push sent, RSS) samples
    statuses: dict[str, int]  # delivery rows by status, read from the database afterwards
    first_at: float = 0.0
    last_at: float = 0.0

    @property
    def bot_ms_per_message(self) -> float:
        return 1000 * self.bot_cpu / max(1, self.delivered)

    @property
    def sim_ms_per_message(self) -> float:
        return 1000 * self.sim_cpu / max(1, self.delivered)

    @property
    def share_429(self) -> float:
        return self.refused_429 / max(1, self.send_requests)


async def measured_push(
    run: Bench,
    parents: Sequence[int],
    within: float,
    during: Callable[[], Coroutine[Any, Any, None]] | None = None,
) -> PushFigures:
    """Queue today's menu for every parent, start the bot, wait for every menu, stop the bot.
    `during` runs from the bot's start until the last menu arrives."""
    print(run.queue_push())
    await run.start_bot()
    side = asyncio.create_task(during()) if during is not None else None
    cpu0, sim_cpu0 = run.cpu_seconds(), time.process_time()
    n = len(parents)
    sim = run.sim
    rss_at: list[tuple[float, int]] = []
    next_mark = 0.0

    def progress() -> bool:
        nonlocal next_mark
        done = sim.pushed / n
        if done >= next_mark and run.ps is not None:
            with contextlib.suppress(psutil.Error):
                rss_at.append((done, run.ps.memory_info().rss))
            next_mark += 0.1
        return sim.pushed >= n or run.exited()

    await wait_for(progress, within, why=f"({sim.pushed}/{n} menus pushed)")
    if side is not None:
        side.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await side
    bot_cpu, sim_cpu = run.cpu_seconds() - cpu0, time.process_time() - sim_cpu0
    await asyncio.sleep(3.0)  # late duplicates, and the last rows' bookkeeping
    peak = run.peak_rss() if not run.exited() else 0
    await run.stop_bot()
    pushed = menu_pushes(sim)
    stamps = [sim.sent_at[i] for i in pushed]
    per_chat: dict[int, int] = {}
    for i in pushed:
        per_chat[sim.sent[i].chat_id] = per_chat.get(sim.sent[i].chat_id, 0) + 1
    wanted = set(parents)
    delivered = sum(1 for c in per_chat if c in wanted)
    statuses = await delivery_statuses(run.db_path)
    return PushFigures(
        recipients=n,
        delivered=delivered,
        duplicates=sum(v - 1 for v in per_chat.values()),
        lost=len(wanted - set(per_chat)),
        rate=rate_between(stamps),
        seconds=(stamps[-1] - stamps[0]) if stamps else 0.0,
        send_requests=sim.requests["sendMessage"],
        refused_429=sim.stats.refused_429,
        bot_cpu=bot_cpu,
        sim_cpu=sim_cpu,
        peak_rss=peak,
        rss_at=rss_at,
        statuses=statuses,
        first_at=stamps[0] if stamps else 0.0,
        last_at=stamps[-1] if stamps else 0.0,
    )


async def delivery_statuses(path: Path) -> dict[str, int]:
    from bot.storage import outbox

    db = Database(path)
    await db.connect()
    try:
        broadcast = await outbox.menu_broadcast_for(
            db, outbox.BroadcastKind.MENU, local_today().isoformat()
        )
        if broadcast is None:
            return {}
        p = await outbox.progress(db, broadcast.id)
        return {"pending": p.pending, "sent": p.sent, "blocked": p.blocked, "failed": p.failed}
    finally:
        await db.close()


def push_bound(f: PushFigures, configured_rate: float) -> str:
    """What bounded a push, from the figures: the rate limit, the bot's CPU or the simulator's."""
    bot = f.bot_cpu / f.seconds if f.seconds else 0.0
    sim = f.sim_cpu / f.seconds if f.seconds else 0.0
    busy = f"bot process {100 * bot:.0f}% of a core, simulator {100 * sim:.0f}%"
    if f.rate >= 0.9 * configured_rate:
        lost = f.refused_429 * 1.0  # each answered 429 pauses bulk sending for retry_after (1 s)
        return (
            f"the configured rate ({configured_rate:g}/s), enforced by the bot's limiter ({busy}); "
            f"{f.refused_429} answered 429s paused bulk for ~{lost:.0f} s in all"
        )
    if bot >= 0.85:
        return f"the bot's own CPU ({busy}): {f.bot_ms_per_message:.2f} ms per message"
    if sim >= 0.85:
        return f"the simulator's CPU ({busy}): {f.sim_ms_per_message:.2f} ms per message"
    return (
        f"neither process saturated ({busy}): the round trip of the outbox's senders "
        "through a busy loopback/simulator (senders / round trip), and the other core's load"
    )


def push_rows(f: PushFigures) -> list[tuple[str, str]]:
    return [
        ("recipients", f"{f.recipients:,}"),
        ("delivered / lost / duplicates", f"{f.delivered:,} / {f.lost} / {f.duplicates}"),
        ("delivery rows by status", ", ".join(f"{k} {v:,}" for k, v in f.statuses.items())),
        ("rate, first to last menu", f"{f.rate:.1f} msg/s over {f.seconds:.1f} s"),
        (
            "sendMessage requests / answered 429",
            f"{f.send_requests:,} / {f.refused_429} ({100 * f.share_429:.2f}%)",
        ),
        ("bot CPU per message", f"{f.bot_ms_per_message:.2f} ms ({f.bot_cpu:.1f} s in all)"),
        ("simulator CPU per message", f"{f.sim_ms_per_message:.2f} ms ({f.sim_cpu:.1f} s)"),
        ("bot peak RSS", mb(f.peak_rss)),
    ]
