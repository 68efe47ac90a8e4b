"""Escalation reminders' acknowledge buttons follow the cases, as the cards do: once a case is
acknowledged or closed, its button leaves every reminder that carried it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.deps import Deps
from bot.storage import cases as case_store
from bot.storage import reminders as store
from bot.storage.cases import Case, CaseStatus
from bot.storage.reminders import Reminder

# Re-exported for bot.notify, which renders the buttons.
__all__ = ["Reminder", "handled", "record"]


async def record(
    deps: Deps, chat_id: int, message_id: int, lang: str, cases: Sequence[Case]
) -> None:
    await store.add(deps.db, Reminder(chat_id, message_id, lang), [c.id for c in cases])


async def handled(deps: Deps, case: Case) -> list[tuple[Reminder, list[Case]]]:
    """The reminders to edit now that ``case`` waits for nobody (none while it still does),
    each with the cases still waiting on it; the case is taken off them."""
    if case.status is CaseStatus.OPEN:
        return []
    found: list[tuple[Reminder, list[Case]]] = []
    for reminder in await store.of_case(deps.db, case.id):
        waiting: list[Case] = []
        for other in await store.cases_on(deps.db, reminder):
            if other == case.id:
                continue
            still = await case_store.get_case(deps.db, other)
            if still is not None and still.status is CaseStatus.OPEN:
                waiting.append(still)
        await store.drop(deps.db, reminder, case.id)
        found.append((reminder, waiting))
    return found
