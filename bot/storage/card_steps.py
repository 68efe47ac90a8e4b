"""How far a case's card has gone out (feedback.card_steps_sent): the steps after the card
itself, so a send cut short by a timeout or a restart goes on where it stopped."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.db import Database
from bot.storage.links import MessageLink, add_links_in


async def unfinished(db: Database) -> list[tuple[int, int]]:
    """(case id, steps after the card already sent) of every card cut short."""
    rows = await db.fetchall(
        "SELECT id, card_steps_sent FROM feedback WHERE card_steps_sent IS NOT NULL ORDER BY id"
    )
    return [(row["id"], row["card_steps_sent"]) for row in rows]


async def step_done(db: Database, case_id: int, links: Sequence[MessageLink]) -> None:
    """One more step sent, and its messages linked to the case, together."""
    async with db.transaction() as tx:
        await add_links_in(tx, case_id, links)
        await tx.execute(
            "UPDATE feedback SET card_steps_sent = card_steps_sent + 1"
            " WHERE id = ? AND card_steps_sent IS NOT NULL",
            (case_id,),
        )


async def all_sent(db: Database, case_id: int) -> None:
    await db.execute("UPDATE feedback SET card_steps_sent = NULL WHERE id = ?", (case_id,))
