"""Closing a case without a reply to the prompt: after 结案, the next message of the person who
pressed it in that chat is the resolution note, for NOTE_WINDOW; pressing 结案 again in that
time closes the case without a note."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.storage import pending_notes as store
from bot.storage.pending_notes import PendingNote

NOTE_WINDOW = timedelta(minutes=5)


class Press(StrEnum):
    ASK = "ask"  # first press: ask for the note
    CLOSE = "close"  # pressed again while the note was awaited: close without one


async def pressed(deps: Deps, chat_id: int, user_id: int, case_id: int) -> Press:
    """Record a press of 结案 and say what it means."""
    now = deps.clock.now()
    waiting = await store.get(deps.db, chat_id, user_id)
    if waiting is not None and waiting.case_id == case_id and now - waiting.asked_at <= NOTE_WINDOW:
        await store.take(deps.db, chat_id, user_id)
        return Press.CLOSE
    await store.put(deps.db, PendingNote(chat_id, user_id, case_id, now))
    return Press.ASK


async def note_for(deps: Deps, chat_id: int, user_id: int) -> int | None:
    """The case a message from this person in this chat is the note of, if it is awaited (the
    wait ends with this message either way)."""
    waiting = await store.take(deps.db, chat_id, user_id)
    if waiting is None or deps.clock.now() - waiting.asked_at > NOTE_WINDOW:
        return None
    return waiting.case_id


async def forget(deps: Deps, chat_id: int, user_id: int) -> None:
    """The note came as a reply to the prompt: nothing is awaited any more."""
    await store.take(deps.db, chat_id, user_id)


async def case_closed(deps: Deps, case_id: int) -> None:
    """Closed by someone else meanwhile: nobody's next message is its note."""
    await store.drop_case(deps.db, case_id)
