"""Reading what the bot did, and waiting for it: cursors, waits with a readable dump on timeout."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TypeVar

from .models import CallbackAnswer, JSONDict, SentMessage, SimError
from .world import World, scope_key

__all__ = ["Waiting"]

T = TypeVar("T")


class Waiting(World):
    """What tests read: the bot's messages per chat, callback answers, commands, and waits.
    The cursors of ``wait_for_message`` are described on ``BotAPISimulator``."""

    @property
    def pending_updates(self) -> int:
        """Updates queued but not yet confirmed by the bot."""
        return len(self._updates)

    @property
    def bad_requests(self) -> list[SimError]:
        """Errors with HTTP 400: the bot produced output Telegram would reject."""
        return [e for e in self.errors if e.error_code == 400]

    def chat(self, chat_id: int) -> JSONDict:
        """The Chat object of a known chat."""
        return self._chats[chat_id].obj

    def messages(self, chat_id: int) -> list[SentMessage]:
        """The bot's live (not deleted) messages in the chat, in send order, as edited."""
        chat = self._chats.get(chat_id)
        return [] if chat is None else [m for m in chat.bot_messages if not m.deleted]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        """A bot message by id (deleted ones included)."""
        return self._chats[chat_id].bot_by_id[message_id]

    def cursor(self, chat_id: int) -> int:
        """Index of the next bot message ``wait_for_message`` will consider in this chat."""
        return self._cursors.get(chat_id, 0)

    def skip(self, chat_id: int) -> int:
        """Mark every bot message sent to the chat so far as seen; returns the new cursor."""
        chat = self._chats.get(chat_id)
        self._cursors[chat_id] = len(chat.bot_messages) if chat else 0
        return self._cursors[chat_id]

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        return self._answers_by_id.get(query_id)

    def commands_for(
        self, scope: JSONDict | None = None, language_code: str = ""
    ) -> list[JSONDict] | None:
        """Commands registered for a scope dict (default scope if None) and language."""
        return self.commands.get((scope_key(scope), language_code))

    async def _wait(
        self,
        check: Callable[[], T | None],
        timeout: float,  # noqa: ASYNC109 - a deadline, not a cancellation scope
        describe: Callable[[], str],
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(describe())
            event = self._changed
            # Woken by every simulator change; the short cap also covers conditions on state
            # outside the simulator (e.g. the bot's database).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, 0.05))

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[SentMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        since: int | None = None,
    ) -> SentMessage:
        """Wait for the bot's next message to ``chat_id`` (see the class docstring for the
        cursor). Raises AssertionError with a dump of the chat on timeout."""
        start = self.cursor(chat_id) if since is None else since
        pos = start

        def check() -> SentMessage | None:
            nonlocal pos
            chat = self._chats.get(chat_id)
            if chat is None:
                return None
            msgs = chat.bot_messages
            while pos < len(msgs):
                m = msgs[pos]
                pos += 1
                if predicate is None or predicate(m):
                    self._cursors[chat_id] = max(self.cursor(chat_id), pos)
                    return m
            return None

        def describe() -> str:
            what = "matching bot message" if predicate else "bot message"
            return (
                f"no new {what} in chat {chat_id} within {timeout}s (cursor was {start})\n"
                + self.dump(chat_id)
            )

        return await self._wait(check, timeout, describe)

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        timeout: float = 5.0,  # noqa: ASYNC109
        predicate: Callable[[SentMessage], bool] | None = None,
    ) -> SentMessage:
        """Wait until the bot message has been edited since the last ``wait_for_edit`` on it
        (or since it was sent) and ``predicate`` holds; all edits so far count as seen.
        Returns the message in its current state."""
        key = (chat_id, message_id)

        def check() -> SentMessage | None:
            chat = self._chats.get(chat_id)
            sent = chat.bot_by_id.get(message_id) if chat else None
            if sent is None or len(sent.edits) <= self._edit_cursors.get(key, 0):
                return None
            if predicate is not None and not predicate(sent):
                return None
            self._edit_cursors[key] = len(sent.edits)
            return sent

        def describe() -> str:
            return (
                f"bot message {message_id} in chat {chat_id} not edited within {timeout}s\n"
                + self.dump(chat_id)
            )

        return await self._wait(check, timeout, describe)

    async def wait_for_callback_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        def describe() -> str:
            return f"callback query {query_id} not answered within {timeout}s\n" + self.dump()

        return await self._wait(lambda: self._answers_by_id.get(query_id), timeout, describe)

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        message: str = "",
    ) -> None:
        """Wait until ``condition()`` is true (re-checked on every change and every 50 ms)."""

        def describe() -> str:
            return f"condition not met within {timeout}s {message}\n" + self.dump()

        await self._wait(lambda: True if condition() else None, timeout, describe)

    def dump(self, chat_id: int | None = None, last: int = 15) -> str:
        """Human-readable summary of recent activity, for assertion messages."""
        lines: list[str] = []
        if chat_id is not None:
            chat = self._chats.get(chat_id)
            msgs = chat.bot_messages if chat else []
            lines.append(f"bot messages in chat {chat_id} ({len(msgs)}):")
            lines += [f"  [{m.index}] {m!r}" for m in msgs[-last:]]
        lines.append(f"last bot messages anywhere ({len(self.sent)} total):")
        lines += [f"  {m!r}" for m in self.sent[-5:]]
        lines.append(f"errors returned to the bot ({len(self.errors)}):")
        lines += [f"  {e}" for e in self.errors[-last:]]
        lines.append(f"updates not yet confirmed by the bot: {len(self._updates)}")
        return "\n".join(lines)
