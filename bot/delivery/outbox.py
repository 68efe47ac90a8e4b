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
from collections.abc import Awaitable, Callable, Mapping, Sequence
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
from bot.storage.outbox import Broadcast, BroadcastKind, Delivery
from bot.wire import json_request

log = logging.getLogger(__name__)

BULK = {"bulk": True}
BATCH = 256
PREPARE_CHUNK = 32  # rows whose renderer input is read together, just before they are queued
IDLE_POLL_SECONDS = 1.0
FINISHED_MEMORY_SECONDS = 60.0


@dataclass(frozen=True)
class Rendered:
    """One recipient's copy. ``text`` is the last (usually the only) message and carries the
    markup, photo or document; ``lead`` holds the plain-text messages sent before it, in order,
    when the copy is too long for one message (views.text.split_html cuts it)."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    photo: str | None = None
    document: str | None = None
    lead: tuple[str, ...] = ()

    @classmethod
    def parts(cls, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None) -> Rendered:
        """Several messages, the markup on the last."""
        return cls(texts[-1], markup, lead=tuple(texts[:-1]))


# kind → how one recipient's copy looks; None means the chat is no longer a recipient.
Renderer = Callable[[Deps, Broadcast, int], Awaitable[Rendered | None]]
# kind → called when a broadcast's last row is final (progress reports, bookkeeping).
Watcher = Callable[[Deps, ExtBot[Any], Broadcast, bool], Awaitable[None]]
# kind → optional: read what the renderer needs for a batch of recipients at once (a renderer
# must still work for a chat that was not prepared).
Preparer = Callable[[Deps, Broadcast, Sequence[int]], Awaitable[None]]


@dataclass(frozen=True)
class KindHandlers:
    """How the outbox sends one broadcast kind; each kind's module under bot/broadcasts/ builds
    one, and build_application hands them all to the Outbox."""

    render: Renderer
    watch: Watcher | None = None
    prepare: Preparer | None = None


class UnregisteredKind(ValueError):
    """A kind without handlers would turn every row of it into "no longer a recipient"."""


class Outbox:
    """concurrency: senders with a request out at once. Eight keep 30 msg/s going up to a
    ~260 ms round trip (Little's law) and ~700 msg/s on loopback; more cost CPU for nothing
    (measured on PTB's httpx client, whose pool checked every open connection on every
    request: 32 senders cost 5.5 ms of CPU per message against 3.7 ms with 8; RESULTS.md)."""

    def __init__(
        self,
        deps: Deps,
        bot: ExtBot[Any],
        kinds: Mapping[BroadcastKind, KindHandlers],
        concurrency: int = 8,
        progress_every: float = 2.0,
    ) -> None:
        missing = sorted(set(BroadcastKind) - set(kinds))
        if missing:
            raise UnregisteredKind(f"no handlers for broadcast kinds: {', '.join(missing)}")
        self.kinds = dict(kinds)
        self.deps = deps
        self.bot = bot
        self.concurrency = concurrency
        self._wake = asyncio.Event()
        self._queue: asyncio.Queue[Delivery] = asyncio.Queue(maxsize=concurrency * 4)
        self._in_flight: set[int] = set()
        # Rows finished recently may still look pending to the loader: its read can take its
        # snapshot before a row's final mark commits and return after the row left flight.
        # The reader pool does not change that; seconds bound how old such a read can be.
        self._finished: dict[int, float] = {}
        self._rescheduled: dict[int, bool] = {}
        self._chats_in_flight: set[int] = set()
        self._broadcasts: dict[int, Broadcast] = {}
        self._tasks: list[asyncio.Task[None]] = []
        # Seconds between looks at sending broadcasts (the sender's live report); tests shorten it.
        self._progress_every = progress_every
        # Sent rows waiting to be marked: one transaction marks all that gathered while the
        # previous one committed (group commit). Each sender waits for its row's commit.
        self._marks: list[tuple[int, int, asyncio.Future[None]]] = []
        self._marks_ready = asyncio.Event()
        self._direct = DirectSender(bot)

    # ---- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._loader(), name="outbox-loader")]
        self._tasks += [
            asyncio.create_task(self._sender(), name=f"outbox-sender-{i}")
            for i in range(self.concurrency)
        ]
        self._tasks.append(asyncio.create_task(self._reporter(), name="outbox-reporter"))
        self._tasks.append(asyncio.create_task(self._marker(), name="outbox-marker"))

    async def stop(self, grace: float = 5.0) -> None:
        """Take no new rows, let the sends in flight finish and be marked, then end: a clean
        stop repeats nothing after a restart (a kill repeats at most what was in flight)."""
        loader, rest = self._tasks[:1], self._tasks[1:]
        await _cancel(loader)
        while not self._queue.empty():  # queued but not started: still pending in the table
            row = self._queue.get_nowait()
            self._in_flight.discard(row.id)
            self._chats_in_flight.discard(row.chat_id)
            self._queue.task_done()
        with contextlib.suppress(TimeoutError):  # each sender marks its row, then task_done()
            await asyncio.wait_for(self._queue.join(), grace)
        await _cancel(rest)
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
            for start in range(0, len(fresh), PREPARE_CHUNK):
                chunk = fresh[start : start + PREPARE_CHUNK]
                await self._prepare(chunk)
                for row in chunk:
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

    async def _prepare(self, rows: Sequence[Delivery]) -> None:
        by_broadcast: dict[int, list[int]] = {}
        for row in rows:
            by_broadcast.setdefault(row.broadcast_id, []).append(row.chat_id)
        for broadcast_id, chats in by_broadcast.items():
            try:
                broadcast = await self._broadcast(broadcast_id)
                prepare = self.kinds[broadcast.kind].prepare if broadcast else None
                if prepare is not None and broadcast is not None:
                    await prepare(self.deps, broadcast, chats)
            except Exception:
                log.exception("outbox: preparing broadcast %s failed", broadcast_id)

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
                # A rescheduled row is pending again on purpose: only a final one is remembered.
                if not self._rescheduled.pop(row.id, False):
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
        render = self.kinds[broadcast.kind].render if broadcast else None
        rendered = await render(deps, broadcast, row.chat_id) if render and broadcast else None
        if rendered is None:
            await store.mark_final(
                deps.db, row.id, "failed", "no longer a recipient", deps.clock.now()
            )
            return
        # The parts a retry or a restart finds already sent are not sent again.
        lead = rendered.lead[row.parts_sent :]
        try:
            if lead:
                await self._direct.send_text(row.chat_id, lead[0], None)
                message_id = None
            else:
                message_id = await self._send(row.chat_id, rendered)
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
            if message_id is None:
                await self._part_sent(row)
            else:
                await self._mark_sent(row.id, message_id)

    async def _part_sent(self, row: Delivery) -> None:
        """The row waits in the table for its next part (a chat takes one bulk message per
        interval): no sender is held while it waits, and the parts go out in order because
        nothing to the same chat overtakes a pending row."""
        deps = self.deps
        now = deps.clock.now()
        gap = timedelta(seconds=1.0 / deps.settings.rate_per_chat_per_second)
        await store.mark_part_sent(deps.db, row.id, row.parts_sent + 1, now + gap, now)
        self._rescheduled[row.id] = True

    async def _mark_sent(self, delivery_id: int, message_id: int) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._marks.append((delivery_id, message_id, done))
        self._marks_ready.set()
        await done

    async def _marker(self) -> None:
        while True:
            await self._marks_ready.wait()
            self._marks_ready.clear()
            batch, self._marks = self._marks, []
            if not batch:
                continue
            try:
                await store.mark_sent_many(
                    self.deps.db, [(d, m) for d, m, _ in batch], self.deps.clock.now()
                )
            except Exception as exc:
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, _, done in batch:
                    if not done.done():
                        done.set_result(None)

    async def _send(self, chat_id: int, rendered: Rendered) -> int:
        """The sent message's id."""
        message: Message
        if rendered.photo:
            message = await self.bot.send_photo(
                chat_id,
                rendered.photo,
                caption=rendered.text,
                reply_markup=rendered.markup,
                rate_limit_args=BULK,
            )
        elif rendered.document:
            message = await self.bot.send_document(
                chat_id,
                rendered.document,
                caption=rendered.text,
                reply_markup=rendered.markup,
                rate_limit_args=BULK,
            )
        else:
            return await self._direct.send_text(chat_id, rendered.text, rendered.markup)
        return message.message_id

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
        self._rescheduled[row.id] = True

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
            watch = self.kinds[broadcast.kind].watch
            # Counting a broadcast's rows by status takes 70 ms at 100,000 recipients: only
            # when a watcher reports them; otherwise whether any is pending is enough.
            finished = not await store.has_pending(self.deps.db, broadcast.id)
            if watch is not None:
                await watch(self.deps, self.bot, broadcast, finished)
            if finished:
                await store.finish_broadcast(self.deps.db, broadcast.id)
                self._broadcasts.pop(broadcast.id, None)


async def _cancel(tasks: Sequence[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task


class DirectSender:
    """Plain-text bulk messages without building a Message from each answer.

    The request Bot.send_message would make (the bot's defaults, the same JSON), posted through
    the bot's own request object (one aiohttp session, python-telegram-bot's error mapping) and
    rate limiter; what it leaves out is what a push does not need and the profile showed it
    paying for on every message: a Message object parsed from each answer (Message.de_json was
    11% of the push) and the same keyboard serialised again (bench/RESULTS.md, raw-send).
    Photos and documents go through the Bot.
    """

    def __init__(self, bot: ExtBot[Any]) -> None:
        self.bot = bot
        self._markups: dict[int, tuple[InlineKeyboardMarkup, dict[str, Any]]] = {}
        self._defaults: dict[str, Any] | None = None

    def _base(self) -> dict[str, Any]:
        if self._defaults is None:
            defaults = self.bot.defaults
            base: dict[str, Any] = {}
            if defaults is not None:
                if defaults.parse_mode is not None:
                    base["parse_mode"] = defaults.parse_mode
                if defaults.link_preview_options is not None:
                    base["link_preview_options"] = defaults.link_preview_options.to_dict()
                if defaults.disable_notification is not None:
                    base["disable_notification"] = defaults.disable_notification
                if defaults.protect_content is not None:
                    base["protect_content"] = defaults.protect_content
            self._defaults = base
        return self._defaults

    def _markup(self, markup: InlineKeyboardMarkup) -> dict[str, Any]:
        cached = self._markups.get(id(markup))
        if cached is not None and cached[0] is markup:
            return cached[1]
        if len(self._markups) >= 64:
            self._markups.clear()
        data = markup.to_dict()
        self._markups[id(markup)] = (markup, data)
        return data

    async def send_text(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> int:
        """The new message's id."""
        data: dict[str, Any] = {"chat_id": chat_id, "text": text, **self._base()}
        if markup is not None:
            data["reply_markup"] = self._markup(markup)
        limiter = self.bot.rate_limiter
        result: bool | dict[str, Any] | list[dict[str, Any]]
        if limiter is None:
            result = await self._post("sendMessage", data)
        else:
            result = await limiter.process_request(
                callback=self._post,
                args=("sendMessage", data),
                kwargs={},
                endpoint="sendMessage",
                data=data,
                rate_limit_args=BULK,
            )
        if not isinstance(result, dict):
            raise TelegramError(f"sendMessage answered {result!r}, not a message")
        return int(result["message_id"])

    async def _post(
        self, endpoint: str, data: dict[str, Any]
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        bot = self.bot
        return await bot.request.post(f"{bot.base_url}/{endpoint}", json_request(data))


def outbox_of(deps: Deps) -> Outbox:
    assert deps.outbox is not None, "the outbox starts in the Application's post_init"
    return deps.outbox
