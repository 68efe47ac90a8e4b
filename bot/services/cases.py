"""A case's life once a report is filed: forwarded to the food-safety group (or batched into an
outbreak already announced), acknowledged, answered, resolved; outbreak clusters; escalation of
cases nobody picked up; the 24-hour follow-up. No Telegram here: bot.notify sends, and records
what it sent through link().
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from typing import NamedTuple

from bot.deps import Deps
from bot.services.inputs import parse_int
from bot.storage import cases as store
from bot.storage import clusters as cluster_store
from bot.storage import links as link_store

# Re-exported: handlers and views name these without reaching into storage.
from bot.storage.cases import Case as Case
from bot.storage.cases import CaseStatus as CaseStatus
from bot.storage.cases import Event as Event
from bot.storage.cases import EventKind as EventKind
from bot.storage.clusters import Cluster as Cluster
from bot.storage.links import LinkKind as LinkKind
from bot.storage.links import MessageLink as MessageLink

NOTE_MAX = 2000
# Categories whose reports ask how many children and since when, and get a follow-up.
SYMPTOM_CATEGORIES = frozenset({"illness", "allergy"})
ONSETS = ("1h", "6h", "24h", "later", "unsure")
# Reports that can point to an outbreak: suspected illness and foreign objects (by category or by
# the keywords flagging found).
CLUSTER_CATEGORIES = frozenset({"illness", "foreign_object"})
CLUSTER_REASONS = ("keyword:illness:", "keyword:contamination:")
CLUSTER_WINDOW = timedelta(hours=2)
SUMMARY_EVERY = timedelta(minutes=1)
FOLLOW_UP_AFTER = timedelta(hours=24)
MAX_ESCALATIONS = 2


class FollowUpAnswer(StrEnum):
    """The buttons under the 24-hour question (the catalog's fb-fu-<answer>)."""

    RECOVERED = "recovered"
    UNWELL = "unwell"
    DOCTOR = "doctor"


def follow_up_answer(value: str) -> FollowUpAnswer | None:
    try:
        return FollowUpAnswer(value)
    except ValueError:
        return None


class Linked(NamedTuple):
    """A case, found through one of its messages, and what that message is."""

    kind: LinkKind
    case: Case


async def get_case(deps: Deps, case_id: int) -> Case | None:
    return await store.get_case(deps.db, case_id)


async def case_of_message(deps: Deps, chat_id: int, message_id: int) -> Linked | None:
    """The case a message belongs to (a reply to it is about the case)."""
    found = await link_store.link_of(deps.db, chat_id, message_id)
    case = None if found is None else await store.get_case(deps.db, found.case_id)
    return None if found is None or case is None else Linked(found.kind, case)


async def open_cases(deps: Deps) -> list[Case]:
    return await store.open_cases(deps.db)


async def history(deps: Deps, case_id: int) -> list[Event]:
    return await store.events_of(deps.db, case_id)


def parse_case_number(args: Sequence[str]) -> int | None:
    """/case N, also written #N or ＃N."""
    if len(args) != 1:
        return None
    return parse_int(args[0].lstrip("#＃"), low=1)


# ---- what staff do ----------------------------------------------------------------------------------


async def acknowledge(deps: Deps, case_id: int, actor_id: int, actor: str) -> Case | None:
    """The acknowledged case, or None when it was not waiting for acknowledgement."""
    if not await store.acknowledge(deps.db, case_id, actor_id, actor, deps.clock.now()):
        return None
    return await store.get_case(deps.db, case_id)


async def record_reply(
    deps: Deps, case_id: int, actor_id: int, actor: str, text: str
) -> Case | None:
    """The case after a staff reply relayed to the parent."""
    if not await store.record_reply(deps.db, case_id, actor_id, actor, text, deps.clock.now()):
        return None
    return await store.get_case(deps.db, case_id)


async def resolve(deps: Deps, case_id: int, actor_id: int, actor: str, note: str) -> Case | None:
    """The resolved case, or None when it was resolved already (or is not a flagged case)."""
    note = note.strip()[:NOTE_MAX]
    if not await store.resolve(deps.db, case_id, actor_id, actor, note, deps.clock.now()):
        return None
    return await store.get_case(deps.db, case_id)


# ---- what the parent says ---------------------------------------------------------------------------


async def parent_said(deps: Deps, linked: Linked, actor_id: int, detail: str) -> None:
    """A parent's reply to a message of the case: an answer to the follow-up question, or part
    of the conversation with the group."""
    kind = EventKind.FOLLOW_UP if linked.kind is LinkKind.FOLLOW_UP else EventKind.PARENT_REPLIED
    await store.add_event(deps.db, linked.case.id, kind, deps.clock.now(), actor_id, detail)


async def answer_follow_up(
    deps: Deps, case_id: int, parent_id: int, answer: FollowUpAnswer
) -> Case | None:
    """The parent's button under the follow-up question; None unless that parent was asked."""
    case = await store.get_case(deps.db, case_id)
    if case is None or case.parent_id != parent_id or case.followup_sent_at is None:
        return None
    await store.add_event(
        deps.db, case_id, EventKind.FOLLOW_UP, deps.clock.now(), parent_id, answer
    )
    return case


# ---- the messages of a case -------------------------------------------------------------------------


async def link(deps: Deps, case_id: int, links: Sequence[MessageLink]) -> None:
    """Remember messages sent about a case, so that replies to them find it."""
    await link_store.add_links(deps.db, case_id, links)


async def set_card(deps: Deps, case: Case, chat_id: int, message_id: int) -> None:
    await store.set_card(deps.db, case.id, chat_id, message_id)


async def move_card(deps: Deps, case: Case, chat_id: int, message_id: int) -> None:
    await store.move_card(deps.db, case.id, MessageLink(chat_id, message_id, LinkKind.CARD))


# ---- forwarding and clusters ------------------------------------------------------------------------


async def unforwarded(deps: Deps) -> list[Case]:
    return await store.unforwarded(deps.db)


async def card_needed(deps: Deps, pending: Case) -> Case | None:
    """A flagged case not yet in the group: None when it joins an outbreak already announced
    (it waits for the next summary instead of a card of its own), else the case to send, with
    its photos."""
    if may_cluster(pending):
        now = deps.clock.now()
        cluster = await cluster_store.active_cluster(
            deps.db, pending.date, pending.meal, now - CLUSTER_WINDOW
        )
        if cluster is not None:
            await cluster_store.batch_into_cluster(deps.db, pending.id, cluster.id, now)
            return None
    return await store.get_case(deps.db, pending.id)


async def mark_forwarded(deps: Deps, case: Case, chat_id: int, card_id: int) -> None:
    card = MessageLink(chat_id, card_id, LinkKind.CARD)
    await store.mark_forwarded(deps.db, case.id, card, deps.clock.now())


def may_cluster(case: Case) -> bool:
    return case.urgent and (
        case.category in CLUSTER_CATEGORIES
        or any(r.startswith(CLUSTER_REASONS) for r in case.reasons)
    )


async def new_cluster(deps: Deps, case: Case) -> tuple[Cluster, list[Case]] | None:
    """After a case was forwarded: when it makes CLUSTER_THRESHOLD about one meal within the
    window, the new cluster and its cases (announced once, as one alert)."""
    if not may_cluster(case):
        return None
    now = deps.clock.now()
    recent = await cluster_store.recent_cases_about(
        deps.db, case.date, case.meal, now - CLUSTER_WINDOW
    )
    members = [c for c in recent if may_cluster(c)]
    if len(members) < deps.settings.cluster_threshold:
        return None
    cluster_id = await cluster_store.create_cluster(
        deps.db, case.date, case.meal, [c.id for c in members], now
    )
    cluster = await cluster_store.get_cluster(deps.db, cluster_id)
    assert cluster is not None
    return cluster, members


async def batches_due(deps: Deps) -> list[tuple[Cluster, list[Case]]]:
    """Clusters with cases waiting to be announced whose last summary is a minute old."""
    now = deps.clock.now()
    waiting: dict[int, list[Case]] = {}
    for case in await cluster_store.batched_cases(deps.db):
        assert case.cluster_id is not None
        waiting.setdefault(case.cluster_id, []).append(case)
    due: list[tuple[Cluster, list[Case]]] = []
    for cluster_id, batched in waiting.items():
        cluster = await cluster_store.get_cluster(deps.db, cluster_id)
        if cluster is not None and cluster.last_summary_at + SUMMARY_EVERY <= now:
            due.append((cluster, batched))
    return due


async def mark_announced(deps: Deps, cluster: Cluster, announced: Sequence[Case]) -> None:
    await cluster_store.mark_announced(
        deps.db, cluster.id, [c.id for c in announced], deps.clock.now()
    )


# ---- escalation and follow-up -----------------------------------------------------------------------


async def due_escalations(deps: Deps) -> dict[int, list[Case]]:
    """Level → unacknowledged cases that reached it: level n after n × ESCALATE_AFTER_MINUTES,
    at most MAX_ESCALATIONS; a case overdue by several levels (the bot was down) is announced
    once, at the highest level it reached."""
    step = timedelta(minutes=deps.settings.escalate_after_minutes)
    now = deps.clock.now()
    due: dict[int, list[Case]] = {}
    for case in await store.unacknowledged(deps.db):
        level = min(MAX_ESCALATIONS, int((now - case.created_at) / step))
        if level > case.escalations:
            due.setdefault(level, []).append(case)
    return due


async def escalate(deps: Deps, level: int, late: Sequence[Case]) -> list[Case]:
    """Record that the cases were announced at this level; returns them as they are now."""
    await store.set_escalation(deps.db, [c.id for c in late], level, deps.clock.now())
    found = [await store.get_case(deps.db, c.id) for c in late]
    return [case for case in found if case is not None]


async def followups_due(deps: Deps) -> list[Case]:
    cutoff = deps.clock.now() - FOLLOW_UP_AFTER
    return await store.followups_due(deps.db, sorted(SYMPTOM_CATEGORIES), cutoff)


async def mark_followup_sent(deps: Deps, case: Case, links: Sequence[MessageLink]) -> None:
    """The question was sent (links), or is skipped for good (no links)."""
    await store.mark_followup_sent(deps.db, case.id, links, deps.clock.now())
