"""One rate limiter for every outgoing Bot API request, with priority for people waiting.

- Sends and edits share one global budget (RATE_GLOBAL_PER_SECOND). A request made with
  rate_limit_args={"bulk": True} (the outbox) never takes a slot while an answer to a person
  is waiting for one, so a broadcast to thousands cannot delay a reply.
- Bulk sends to one private chat are spaced by 1/RATE_PER_CHAT_PER_SECOND; answers are not
  (Telegram tolerates short bursts in a conversation).
- Every message to a group counts against RATE_GROUP_PER_MINUTE in a sliding window.
- On 429 only what it applies to waits: a bulk 429 pauses bulk sending, an answer's 429 pauses
  that chat; other people's answers keep flowing. After max_retries the RetryAfter is raised
  so the outbox can reschedule the row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
# Methods that put a message in a chat or change one; the rest (getUpdates, answerCallbackQuery…)
# are not rate limited.
_LIMITED_PREFIXES = ("send", "copy", "forward", "edit")
_ANSWER_RETRY_DELAYS = (0.2, 0.5, 1.0)


class PriorityRateLimiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(
        self,
        global_per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        group_per_minute: int = 20,
        max_retries: int = 2,
    ) -> None:
        self._interval = 1.0 / global_per_second
        self._chat_interval = 1.0 / per_chat_per_second
        self._group_per_minute = group_per_minute
        self._max_retries = max_retries
        self._next_slot = 0.0
        self._chat_next: dict[int, float] = {}
        self._chat_paused: dict[int, float] = {}
        self._group_sent: dict[int, deque[float]] = {}
        self._bulk_paused_until = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if not endpoint.startswith(_LIMITED_PREFIXES):
            return await callback(*args, **kwargs)
        bulk = bool(rate_limit_args and rate_limit_args.get("bulk"))
        chat_id = _chat_id(data)
        network_failures = 0
        attempt = 0
        while True:
            await self._wait_turn(bulk, chat_id, endpoint)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                delay = retry_seconds(exc)
                until = time.monotonic() + delay
                if bulk:
                    self._bulk_paused_until = max(self._bulk_paused_until, until)
                elif chat_id is not None:
                    self._chat_paused[chat_id] = max(self._chat_paused.get(chat_id, 0.0), until)
                log.info(
                    "429 for %s (chat %s, bulk=%s): waiting %.1fs", endpoint, chat_id, bulk, delay
                )
                attempt += 1
                if attempt > self._max_retries:
                    raise
            except NetworkError as exc:
                # A person waiting on an answer should not lose it to a dropped connection or a
                # 5xx. A timeout may have been delivered, so it is not repeated; bulk rows are
                # retried by the outbox with backoff instead.
                if (
                    bulk
                    or isinstance(exc, TimedOut)
                    or network_failures >= len(_ANSWER_RETRY_DELAYS)
                ):
                    raise
                await asyncio.sleep(_ANSWER_RETRY_DELAYS[network_failures])
                network_failures += 1

    async def _wait_turn(self, bulk: bool, chat_id: int | None, endpoint: str) -> None:
        if bulk:
            await self._sleep_until(self._bulk_paused_until)
            if chat_id is not None and chat_id > 0:
                # Reserve this chat's next slot before sleeping so concurrent sends space out.
                now = time.monotonic()
                slot = max(now, self._chat_next.get(chat_id, 0.0))
                self._chat_next[chat_id] = slot + self._chat_interval
                await self._sleep_until(slot)
                self._forget_old_chats(now)
        elif chat_id is not None and chat_id in self._chat_paused:
            await self._sleep_until(self._chat_paused.pop(chat_id))
        if chat_id is not None and chat_id < 0 and endpoint.startswith("send"):
            await self._group_slot(chat_id)
        await self._global_slot(bulk)

    async def _global_slot(self, bulk: bool) -> None:
        """Slots are reserved in time order. An answer reserves the next free slot at once; bulk
        only takes a slot that is free now, so a waiting answer always gets the earlier slot."""
        while True:
            now = time.monotonic()
            if not bulk or self._next_slot <= now:
                slot = max(now, self._next_slot)
                self._next_slot = slot + self._interval
                await self._sleep_until(slot)
                return
            await asyncio.sleep(self._next_slot - now)

    async def _group_slot(self, chat_id: int) -> None:
        window = self._group_sent.setdefault(chat_id, deque())
        while True:
            now = time.monotonic()
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) < self._group_per_minute:
                window.append(now)
                return
            await asyncio.sleep(window[0] + 60.0 - now)

    def _forget_old_chats(self, now: float) -> None:
        if len(self._chat_next) > 50_000:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}

    @staticmethod
    async def _sleep_until(moment: float) -> None:
        delay = moment - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


def retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _chat_id(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    with contextlib.suppress(TypeError, ValueError):
        return int(value) if value is not None else None
    return None
