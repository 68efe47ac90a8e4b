"""The outbox worker: sends every pending delivery row, resumes after any crash.

A row is marked only after its request returns, so a kill can repeat at most the requests
that were in flight at that moment, and skips none. Failures end a row as blocked or failed
with a reason; 429s and network/server errors reschedule it with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ExtBot

from bot.delivery.limiter import retry_seconds
from bot.deps import Deps
from bot.storage import outbox as store
from bot.storage.outbox import Broadcast, Delivery

log = logging.getLogger(__name__)

BULK = {"bulk": True}
BATCH = 256
IDLE_POLL_SECONDS = 1.0
FINISHED_MEMORY_SECONDS = 60.0


@dataclass(frozen=True)
class Rendered:
    text: str
    markup: InlineKeyboardMarkup | None = None
    photo: str | None = None
    document: str | None = None


# kind → how one recipient's copy looks; None means the chat is no longer a recipient.
Renderer = Callable[[Deps, Broadcast, int], Awaitable[Rendered | None]]
# kind → called when a broadcast's last row is final (progress reports, bookkeeping).
Watcher = Callable[[Deps, ExtBot[Any], Broadcast, bool], Awaitable[None]]

_renderers: dict[str, Renderer] = {}
_watchers: dict[str, Watcher] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def register(fn: Renderer) -> Renderer:
        _renderers[kind] = fn
        return fn

    return register


def watcher(kind: str) -> Callable[[Watcher], Watcher]:
    def register(fn: Watcher) -> Watcher:
        _watchers[kind] = fn
        return fn

    return register


class Outbox:
    def __init__(self, deps: Deps, bot: ExtBot[Any], concurrency: int = 32) -> None:
        self.deps = deps
        self.bot = bot
        self.concurrency = concurrency
        self._wake = asyncio.Event()
        self._queue: asyncio.Queue[Delivery] = asyncio.Queue(maxsize=concurrency * 4)
        self._in_flight: set[int] = set()
        # Rows finished recently may still look pending to a query: the reader connection is
        # shared, so a query can run inside another's older snapshot. Seconds bound that age.
        self._finished: dict[int, float] = {}
        self._chats_in_flight: set[int] = set()
        self._broadcasts: dict[int, Broadcast] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._progress_every = 2.0

    # ---- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._loader(), name="outbox-loader")]
        self._tasks += [
            asyncio.create_task(self._sender(), name=f"outbox-sender-{i}")
            for i in range(self.concurrency)
        ]
        self._tasks.append(asyncio.create_task(self._reporter(), name="outbox-reporter"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    def wake(self) -> None:
        self._wake.set()

    # ---- the loop ----------------------------------------------------------------------------

    async def _loader(self) -> None:
        while True:
            self._forget_finished()
            try:
                rows = await store.due_deliveries(self.deps.db, self.deps.clock.now(), BATCH)
            except Exception:
                log.exception("outbox: could not read due deliveries")
                rows = []
            fresh = [
                r
                for r in rows
                if r.id not in self._in_flight
                and r.id not in self._finished
                and r.chat_id not in self._chats_in_flight
            ]
            for row in fresh:
                if row.chat_id in self._chats_in_flight:
                    continue
                self._in_flight.add(row.id)
                self._chats_in_flight.add(row.chat_id)
                await self._queue.put(row)
            if not fresh:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), IDLE_POLL_SECONDS)
            elif len(rows) < BATCH:
                # Let the senders drain what they have before asking the database again.
                await self._queue.join()

    def _forget_finished(self) -> None:
        horizon = time.monotonic() - FINISHED_MEMORY_SECONDS
        while self._finished:
            oldest_id, finished_at = next(iter(self._finished.items()))
            if finished_at > horizon:
                break
            del self._finished[oldest_id]

    async def _sender(self) -> None:
        while True:
            row = await self._queue.get()
            try:
                await self._deliver(row)
            except Exception:
                log.exception("outbox: delivery %s crashed; it will be retried", row.id)
                await self._retry(row, "internal error", timedelta(seconds=30))
            finally:
                self._finished[row.id] = time.monotonic()
                self._in_flight.discard(row.id)
                self._chats_in_flight.discard(row.chat_id)
                self._queue.task_done()

    async def _broadcast(self, broadcast_id: int) -> Broadcast | None:
        cached = self._broadcasts.get(broadcast_id)
        if cached is None:
            cached = await store.get_broadcast(self.deps.db, broadcast_id)
            if cached is not None:
                self._broadcasts[broadcast_id] = cached
        return cached

    async def _deliver(self, row: Delivery) -> None:
        deps = self.deps
        broadcast = await self._broadcast(row.broadcast_id)
        render = _renderers.get(broadcast.kind) if broadcast else None
        rendered = await render(deps, broadcast, row.chat_id) if render and broadcast else None
        if rendered is None:
            await store.mark_final(
                deps.db, row.id, "failed", "no longer a recipient", deps.clock.now()
            )
            return
        try:
            message = await self._send(row.chat_id, rendered)
        except Forbidden as exc:
            await store.mark_final(
                deps.db, row.id, "blocked", exc.message, deps.clock.now(),
                block_user=row.chat_id if row.chat_id > 0 else None,
            )  # fmt: skip
        except RetryAfter as exc:
            delay = retry_seconds(exc)
            await self._retry(
                row, f"429 retry after {delay:g}s", timedelta(seconds=delay), count=False
            )
        except ChatMigrated as exc:
            await store.mark_final(
                deps.db, row.id, "failed", f"chat migrated to {exc.new_chat_id}", deps.clock.now()
            )
        except BadRequest as exc:
            await store.mark_final(deps.db, row.id, "failed", exc.message, deps.clock.now())
        except (NetworkError, TelegramError) as exc:
            await self._retry(row, str(exc) or type(exc).__name__, None)
        else:
            await store.mark_sent(deps.db, row.id, message.message_id, deps.clock.now())

    async def _send(self, chat_id: int, rendered: Rendered) -> Message:
        if rendered.photo:
            return await self.bot.send_photo(
                chat_id,
                rendered.photo,
                caption=rendered.text,
                reply_markup=rendered.markup,
                rate_limit_args=BULK,
            )
        if rendered.document:
            return await self.bot.send_document(
                chat_id,
                rendered.document,
                caption=rendered.text,
                reply_markup=rendered.markup,
                rate_limit_args=BULK,
            )
        return await self.bot.send_message(
            chat_id, rendered.text, reply_markup=rendered.markup, rate_limit_args=BULK
        )

    async def _retry(
        self, row: Delivery, reason: str, delay: timedelta | None, count: bool = True
    ) -> None:
        deps = self.deps
        attempts = row.attempts + 1 if count else row.attempts
        if attempts >= deps.settings.delivery_max_attempts:
            await store.mark_final(
                deps.db,
                row.id,
                "failed",
                f"gave up after {attempts} attempts: {reason}",
                deps.clock.now(),
            )
            return
        wait = delay if delay is not None else timedelta(seconds=min(60, 2**attempts))
        now = deps.clock.now()
        await store.reschedule(deps.db, row.id, attempts, now + wait, reason, now)

    # ---- progress ----------------------------------------------------------------------------

    async def _reporter(self) -> None:
        while True:
            await asyncio.sleep(self._progress_every)
            try:
                await self.report_progress()
            except Exception:
                log.exception("outbox: progress report failed")

    async def report_progress(self) -> None:
        """Give each sending broadcast's watcher a look; close broadcasts with no pending row."""
        for broadcast in await store.sending_broadcasts(self.deps.db):
            counts = await store.progress(self.deps.db, broadcast.id)
            finished = counts.pending == 0
            watch = _watchers.get(broadcast.kind)
            if watch is not None:
                await watch(self.deps, self.bot, broadcast, finished)
            if finished:
                await store.finish_broadcast(self.deps.db, broadcast.id)
                self._broadcasts.pop(broadcast.id, None)


def outbox_of(deps: Deps) -> Outbox:
    box = deps.extras["outbox"]
    assert isinstance(box, Outbox)
    return box
