"""Flood limits and fault injection for the Bot API simulator."""

from __future__ import annotations

import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Faults", "RateLimiter", "RateLimits"]


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Telegram's documented flood guidance; every limit is off (None) by default.

    * ``global_per_second``: sends per second across all chats (sliding window).
    * ``per_chat_per_second`` / ``per_chat_burst``: token bucket per chat — a burst of
      ``per_chat_burst`` sends, then ``per_chat_per_second`` sustained.
    * ``group_per_minute``: sends per 60 s sliding window in each group/supergroup.
    * ``retry_after``: the minimum ``retry_after`` reported in a 429.
    """

    global_per_second: float | None = None
    per_chat_per_second: float | None = None
    per_chat_burst: int = 3
    group_per_minute: int | None = None
    retry_after: int = 1

    @classmethod
    def telegram(cls) -> RateLimits:
        """The limits real Telegram enforces (30/s global, ~1/s per chat, 20/min per group)."""
        return cls(
            global_per_second=30.0, per_chat_per_second=1.0, per_chat_burst=3, group_per_minute=20
        )


class _Window:
    """At most ``capacity`` events in any ``span`` seconds; O(1) amortised per check."""

    __slots__ = ("capacity", "events", "span")

    def __init__(self, capacity: int, span: float) -> None:
        self.capacity = capacity
        self.span = span
        self.events: deque[float] = deque()

    def wait(self, now: float) -> float:
        events = self.events
        while events and events[0] <= now - self.span:
            events.popleft()
        if len(events) < self.capacity:
            return 0.0
        return events[0] + self.span - now

    def commit(self, now: float) -> None:
        self.events.append(now)


class _Bucket:
    __slots__ = ("last", "tokens")

    def __init__(self, tokens: float, last: float) -> None:
        self.tokens = tokens
        self.last = last


class RateLimiter:
    """Decides whether a send is allowed; state is per chat and O(1) per check."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._global: _Window | None = None
        if limits.global_per_second:
            cap = max(1, int(limits.global_per_second))
            self._global = _Window(cap, cap / limits.global_per_second)
        self._buckets: dict[int, _Bucket] = {}
        self._groups: dict[int, _Window] = {}

    def check(self, chat_id: int, is_group: bool) -> int | None:
        """Record the send and return None, or refuse it and return ``retry_after`` seconds.

        A refused send consumes nothing, so a well-behaved client that waits ``retry_after``
        succeeds.
        """
        lim = self.limits
        now = self._clock()
        wait = 0.0
        if self._global is not None:
            wait = max(wait, self._global.wait(now))
        bucket: _Bucket | None = None
        rate = lim.per_chat_per_second
        if rate:
            burst = max(1, lim.per_chat_burst)
            bucket = self._buckets.get(chat_id)
            if bucket is None:
                bucket = self._buckets[chat_id] = _Bucket(float(burst), now)
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.last) * rate)
            bucket.last = now
            if bucket.tokens < 1.0:
                wait = max(wait, (1.0 - bucket.tokens) / rate)
        group: _Window | None = None
        if is_group and lim.group_per_minute:
            group = self._groups.get(chat_id)
            if group is None:
                group = self._groups[chat_id] = _Window(lim.group_per_minute, 60.0)
            wait = max(wait, group.wait(now))
        if wait > 0.0:
            return max(lim.retry_after, math.ceil(wait), 1)
        if self._global is not None:
            self._global.commit(now)
        if bucket is not None:
            bucket.tokens -= 1.0
        if group is not None:
            group.commit(now)
        return None


FaultKind = Literal["error_500", "drop", "slow", "late"]


@dataclass(slots=True)
class Faults:
    """Random failures of send requests. ``seed`` makes a run reproducible.

    A slow send is answered after ``slow_seconds``, or never if the client gives up first; it is
    not made when the client gives up. A late send is made at once and only its answer waits
    ``slow_seconds``: the message arrives though the client may see a timeout (as on Telegram)."""

    error_500_rate: float = 0.0
    drop_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 30.0
    late_rate: float = 0.0
    # Faults only for sends to this chat, or of these methods (None: any).
    only_chat: int | None = None
    only_methods: frozenset[str] | None = None
    seed: int | None = None
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def roll(self, method: str, chat_ref: int | str | None) -> FaultKind | None:
        if self.only_chat is not None and chat_ref != self.only_chat:
            return None
        if self.only_methods is not None and method not in self.only_methods:
            return None
        if max(self.error_500_rate, self.drop_rate, self.slow_rate, self.late_rate) <= 0.0:
            return None
        x = self._rng.random()
        if x < self.error_500_rate:
            return "error_500"
        if x < self.error_500_rate + self.drop_rate:
            return "drop"
        if x < self.error_500_rate + self.drop_rate + self.slow_rate:
            return "slow"
        if x < self.error_500_rate + self.drop_rate + self.slow_rate + self.late_rate:
            return "late"
        return None
