"""A case's card as it goes out in steps (the card, then the words too long for it and its
photos, as replies), and copies of a card the case does not know.

A copy comes from a send that timed out although Telegram had made the message: the bot sends
the card again and the first one is left in the group. Telegram offers no way to find it, so it
is recognised when someone uses it (its buttons name the case): a reply to it joins the case's
thread, a press on it acts on the case and takes the copy away.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.deps import Deps
from bot.storage import card_steps as store
from bot.storage import cases as case_store
from bot.storage import links as link_store
from bot.storage.cases import Case
from bot.storage.links import LinkKind, MessageLink


async def unfinished(deps: Deps) -> list[tuple[Case, int]]:
    """Every card cut short (rare: a timeout or a restart mid-card), with how many steps after
    the card are already in the group."""
    found = [
        (await case_store.get_case(deps.db, case_id), done)
        for case_id, done in await store.unfinished(deps.db)
    ]
    return [(case, done) for case, done in found if case is not None]


async def step_done(deps: Deps, case_id: int, links: Sequence[MessageLink]) -> None:
    await store.step_done(deps.db, case_id, links)


async def all_sent(deps: Deps, case_id: int) -> None:
    await store.all_sent(deps.db, case_id)


def _beside_the_card(case: Case, chat_id: int, message_id: int) -> bool:
    card = (case.card_chat_id, case.card_message_id)
    return case.forwarded_at is not None and card != (chat_id, message_id)


async def is_unknown_copy(deps: Deps, case: Case, chat_id: int, message_id: int) -> bool:
    """A message with this case's buttons that is neither its card nor any message it knows
    (the card itself, pressed nearly always, costs no query)."""
    if not _beside_the_card(case, chat_id, message_id):
        return False
    return await link_store.link_of(deps.db, chat_id, message_id) is None


async def adopt_copy(deps: Deps, case_id: int, chat_id: int, message_id: int) -> Case | None:
    """Make an unknown copy of case_id's card part of it (a reply to it then reaches the
    case); None when there is no such case or the message is not a copy."""
    case = await case_store.get_case(deps.db, case_id)
    if case is None or not _beside_the_card(case, chat_id, message_id):
        return None
    await link_store.add_links(deps.db, case.id, [MessageLink(chat_id, message_id, LinkKind.CARD)])
    return case
