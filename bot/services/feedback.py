"""The feedback loop's rules: one-tap ratings, the guided report, a case's life (acknowledge,
reply, resolve), outbreak clusters, escalation, follow-up and abandoned reports. No Telegram here.

Ratings from a parent with several children: one tap rates the meal for every child of that
parent (stored per child). Children of one school eat the same canteen meal, and asking "which
child?" would turn a one-tap rating into two taps. A guided report, which describes one incident,
asks which child it is about.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.deps import Deps
from bot.services import flagging, people
from bot.services.flagging import CATEGORIES, RATING_MAX, RATING_MIN
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import MEALS
from bot.storage import cases as store
from bot.storage import clusters as cluster_store
from bot.storage import menus as menu_store
from bot.storage import offers as offer_store
from bot.storage import people as people_store
from bot.storage import ratings as rating_store
from bot.storage.cases import Case, CaseLink, Event, EventKind, LinkKind, MessageLink, NewCase
from bot.storage.clusters import Cluster
from bot.storage.people import ChildRecord, Conversation

REPORT_FLOW = "report"
FLOW_TTL = people.FLOW_TTL
MAX_PHOTOS = 5
TEXT_MAX = 8000  # more than one Telegram message; forwarding splits it
ONSET_MAX = 200
NOTE_MAX = 2000
AFFECTED_MAX = 5000
PAST_DAYS = 14  # how far back a report may be dated
SYMPTOM_CATEGORIES = frozenset({"illness", "allergy"})
# Reports that can point to an outbreak: suspected illness and foreign objects (by category or by
# the keywords flagging found).
CLUSTER_CATEGORIES = frozenset({"illness", "foreign_object"})
CLUSTER_REASONS = ("keyword:illness:", "keyword:contamination:")
CLUSTER_WINDOW = timedelta(hours=2)
SUMMARY_EVERY = timedelta(minutes=1)
FOLLOW_UP_AFTER = timedelta(hours=24)
MAX_ESCALATIONS = 2
OFFER_TTL = timedelta(days=1)
ONSETS = ("1h", "6h", "24h", "later", "unsure")
FOLLOW_UP_ANSWERS = ("recovered", "unwell", "doctor")
MY_REPORTS_SHOWN = 10

STEPS = (
    "child", "date", "meal", "dish", "category", "rating", "affected", "onset", "text",
    "photos", "anonymous", "preview",
)  # fmt: skip


def local_now(deps: Deps) -> datetime:
    return deps.clock.now().astimezone(deps.settings.tz)


def local_today(deps: Deps) -> date:
    return local_now(deps).date()


# ---- ratings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingTap:
    day: date
    meal: str
    score: int


def parse_rating(data: str) -> RatingTap | None:
    """rate:<YYYYMMDD>:<meal>:<score> → the tap, or None for anything else."""
    parts = data.split(":")
    if len(parts) != 4 or parts[0] != "rate":
        return None
    day = parse_yyyymmdd(parts[1])
    score = parse_int(parts[3], RATING_MIN, RATING_MAX)
    if day is None or parts[2] not in MEALS or score is None:
        return None
    return RatingTap(day, parts[2], score)


class RateRefusal(StrEnum):
    FUTURE = "future"  # the meal has not been served yet
    NO_MEAL = "no-meal"  # not on the menu, or older than a report may be dated


async def check_tap(deps: Deps, tap: RatingTap) -> RateRefusal | None:
    """A button is checked with the rules of typed input: a meal on the menu, in the window."""
    today = local_today(deps)
    if tap.day > today:
        return RateRefusal.FUTURE
    if tap.day < today - timedelta(days=PAST_DAYS):
        return RateRefusal.NO_MEAL
    dishes = await menu_store.dishes_between(deps.db, tap.day, tap.day)
    if not any(d.meal == tap.meal for d in dishes):
        return RateRefusal.NO_MEAL
    return None


@dataclass(frozen=True)
class RatingResult:
    previous: int | None
    children: int

    def offer_more(self, score: int) -> bool:
        """A low rating offers "tell us more", but not again when it was already low."""
        low = flagging.LOW_RATINGS
        return score in low and self.previous not in low


async def rate(deps: Deps, user_id: int, tap: RatingTap) -> RatingResult | RateRefusal:
    """Store the tap for every child of the parent, or say why it cannot be stored."""
    refusal = await check_tap(deps, tap)
    if refusal is not None:
        return refusal
    children = await people_store.children_of(deps.db, user_id)
    targets: list[tuple[int | None, int | None]] = [(c.id, c.class_id) for c in children] or [
        (None, None)
    ]
    previous = await rating_store.save_ratings(
        deps.db, user_id, targets, tap.day, tap.meal, tap.score, deps.clock.now()
    )
    return RatingResult(previous, len(children))


# ---- the guided report --------------------------------------------------------------------------


@dataclass
class Draft:
    """A report being written; kept as the conversation's data (JSON)."""

    nonce: str
    answered: list[str] = field(default_factory=list)
    child_id: int | None = None
    meal_date: str | None = None  # ISO date
    meal: str | None = None
    dish: str = ""
    category: str | None = None
    rating: int | None = None
    affected: int | None = None
    onset: str = ""
    text: str = ""
    photos: list[str] = field(default_factory=list)
    anonymous: bool = False
    album: str | None = None  # the media group of the last photo received…
    album_ack: int | None = None  # …and the message that acknowledged it (edited, not repeated)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def answer(self, step: str) -> None:
        if step not in self.answered:
            self.answered.append(step)

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.meal_date) if self.meal_date else None


@dataclass(frozen=True)
class Prefill:
    day: date | None = None
    meal: str | None = None
    rating: int | None = None
    text: str = ""
    photos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prompt:
    """The step to ask next, with what its buttons need."""

    step: str
    draft: Draft
    today: date
    children: tuple[ChildRecord, ...] = ()
    dishes: tuple[str, ...] = ()


def next_step(draft: Draft) -> str:
    for step in STEPS[:-1]:
        if step in ("affected", "onset") and draft.category not in SYMPTOM_CATEGORIES:
            continue
        if step not in draft.answered:
            return step
    return "preview"


async def _dishes(deps: Deps, day: date, meal: str) -> tuple[str, ...]:
    found = await menu_store.dishes_between(deps.db, day, day)
    return tuple(d.name for d in found if d.meal == meal)


async def _advance(deps: Deps, user_id: int, draft: Draft) -> Prompt:
    """Answer what needs no question (one child, no menu), save, and say what to ask next."""
    today = local_today(deps)
    while True:
        step = next_step(draft)
        if step == "child":
            children = tuple(await people_store.children_of(deps.db, user_id))
            if len(children) > 1:
                prompt = Prompt(step, draft, today, children=children)
                break
            draft.child_id = children[0].id if children else None
            draft.answer("child")
            continue
        if step == "dish":
            assert draft.day is not None and draft.meal is not None
            dishes = await _dishes(deps, draft.day, draft.meal)
            if dishes:
                prompt = Prompt(step, draft, today, dishes=dishes)
                break
            draft.answer("dish")
            continue
        prompt = Prompt(step, draft, today)
        break
    await people_store.save_conversation(
        deps.db, user_id, REPORT_FLOW, prompt.step, draft.to_data(), deps.clock.now() + FLOW_TTL
    )
    return prompt


async def begin_report(deps: Deps, user_id: int, prefill: Prefill | None = None) -> Prompt:
    draft = Draft(nonce=secrets.token_hex(3))
    if prefill is not None:
        if prefill.day is not None:
            draft.meal_date = prefill.day.isoformat()
            draft.answer("date")
        if prefill.meal is not None:
            draft.meal = prefill.meal
            draft.answer("meal")
        if prefill.rating is not None:
            draft.rating = prefill.rating
            draft.answer("rating")
        if prefill.text.strip():
            draft.text = prefill.text.strip()[:TEXT_MAX]
            draft.answer("text")
        draft.photos = list(prefill.photos[:MAX_PHOTOS])
    return await _advance(deps, user_id, draft)


async def resume(deps: Deps, conv: Conversation) -> Prompt:
    """The current step again (after a message that did not answer it)."""
    return await _advance(deps, conv.user_id, Draft.from_data(conv.data))


def draft_of(conv: Conversation) -> Draft:
    return Draft.from_data(conv.data)


def date_choices(today: date) -> list[date]:
    """Earlier dates offered by "pick a date": the two weeks before yesterday."""
    return [today - timedelta(days=n) for n in range(2, PAST_DAYS + 1)]


async def choose(deps: Deps, conv: Conversation, step: str, value: str) -> Prompt | None:
    """A button answer to the current step; None when it does not fit (stale or forged)."""
    draft = Draft.from_data(conv.data)
    if conv.step != step:
        return None
    today = local_today(deps)
    if step == "child":
        if value == "none":
            draft.child_id = None
        elif (child_id := parse_int(value)) is not None and await people.owned_child(
            deps, conv.user_id, child_id
        ):
            draft.child_id = child_id
        else:
            return None
    elif step == "date":
        day = {"today": today, "yesterday": today - timedelta(days=1)}.get(value)
        day = day or parse_yyyymmdd(value)
        if day is None or not today - timedelta(days=PAST_DAYS) <= day <= today:
            return None
        draft.meal_date = day.isoformat()
    elif step == "meal":
        if value not in MEALS:
            return None
        draft.meal = value
    elif step == "dish":
        assert draft.day is not None and draft.meal is not None
        dishes = await _dishes(deps, draft.day, draft.meal)
        if value == "none":
            draft.dish = ""
        elif (index := parse_int(value, 0, len(dishes) - 1)) is not None:
            draft.dish = dishes[index]
        else:
            return None
    elif step == "category":
        if value not in CATEGORIES:
            return None
        draft.category = value
    elif step == "rating":
        if value == "skip":
            draft.rating = None
        elif (rating := parse_int(value, RATING_MIN, RATING_MAX)) is not None:
            draft.rating = rating
        else:
            return None
    elif step == "affected":
        if value == "unsure":
            draft.affected = None
        elif (affected := parse_int(value, 1, AFFECTED_MAX)) is not None:
            draft.affected = affected
        else:
            return None
    elif step == "onset":
        if value not in ONSETS:
            return None
        draft.onset = value
    elif step == "text":
        if value != "skip":
            return None
    elif step == "photos":
        if value != "done":
            return None
    elif step == "anonymous":
        if value not in ("yes", "no"):
            return None
        draft.anonymous = value == "yes"
    else:
        return None
    draft.answer(step)
    return await _advance(deps, conv.user_id, draft)


@dataclass(frozen=True)
class Typed:
    """What a typed message did to the draft: the next prompt, or a problem key."""

    prompt: Prompt | None = None
    problem: str | None = None  # use-buttons | too-long | not-a-number | empty


async def type_text(deps: Deps, conv: Conversation, text: str) -> Typed:
    draft = Draft.from_data(conv.data)
    step = conv.step
    text = text.strip()
    if not text:
        return Typed(problem="empty")
    if step == "text" or step == "photos":
        combined = f"{draft.text}\n{text}" if draft.text else text
        if len(combined) > TEXT_MAX:
            return Typed(problem="too-long")
        draft.text = combined
        if step == "text":
            draft.answer("text")
    elif step == "affected":
        # NFKC turns the full-width digits a Chinese keyboard may type into ASCII ones.
        found = re.search(r"[0-9]+", unicodedata.normalize("NFKC", text))
        affected = parse_int(found.group(), 1, AFFECTED_MAX) if found else None
        if affected is None:
            return Typed(problem="not-a-number")
        draft.affected = affected
        draft.answer("affected")
    elif step == "onset":
        draft.onset = text[:ONSET_MAX]
        draft.answer("onset")
    else:
        return Typed(problem="use-buttons")
    return Typed(prompt=await _advance(deps, conv.user_id, draft))


@dataclass(frozen=True)
class PhotoAdded:
    prompt: Prompt  # the step to ask now (a caption may have answered the description)
    added: bool  # False: the report already has MAX_PHOTOS
    edit_ack: int | None  # the acknowledgement to edit (same album), else send a new one


async def add_photo(
    deps: Deps, conv: Conversation, file_id: str, caption: str | None, album: str | None
) -> PhotoAdded:
    draft = Draft.from_data(conv.data)
    added = len(draft.photos) < MAX_PHOTOS
    if added:
        draft.photos.append(file_id)
    if caption and caption.strip():
        extra = caption.strip()
        combined = f"{draft.text}\n{extra}" if draft.text else extra
        draft.text = combined[:TEXT_MAX]
        if conv.step == "text":
            draft.answer("text")
    edit_ack = draft.album_ack if album is not None and album == draft.album else None
    draft.album = album
    return PhotoAdded(await _advance(deps, conv.user_id, draft), added, edit_ack)


async def remember_ack(deps: Deps, prompt: Prompt, user_id: int, message_id: int) -> None:
    """Note the message that acknowledged the last photo, so the rest of its album edits it."""
    prompt.draft.album_ack = message_id
    await people_store.save_conversation(
        deps.db,
        user_id,
        REPORT_FLOW,
        prompt.step,
        prompt.draft.to_data(),
        deps.clock.now() + FLOW_TTL,
    )


async def class_name_for(deps: Deps, user_id: int, child_id: int | None) -> str:
    children = await people_store.children_of(deps.db, user_id)
    chosen = [c for c in children if c.id == child_id] if child_id is not None else children
    sep = deps.catalog.label(deps.settings.default_language, "list-separator")
    return sep.join(dict.fromkeys(c.class_name for c in chosen))


async def submit(deps: Deps, conv: Conversation) -> Case | None:
    """File the report (and end the flow); None when the draft is not complete."""
    draft = Draft.from_data(conv.data)
    if conv.step != "preview" or next_step(draft) != "preview":
        return None
    assert draft.day is not None and draft.meal is not None and draft.category is not None
    decision = flagging.classify(draft.category, draft.rating, draft.text)
    new = NewCase(
        parent_id=conv.user_id,
        child_id=draft.child_id,
        class_name=await class_name_for(deps, conv.user_id, draft.child_id),
        date=draft.day,
        meal=draft.meal,
        dish=draft.dish,
        category=draft.category,
        rating=draft.rating,
        text=draft.text,
        affected=draft.affected if draft.category in SYMPTOM_CATEGORIES else None,
        onset=draft.onset if draft.category in SYMPTOM_CATEGORIES else "",
        anonymous=draft.anonymous,
        flagged=decision.flagged,
        urgent=decision.urgent,
        reasons=decision.reasons,
        photos=tuple(draft.photos),
    )
    case_id = await store.create_case(deps.db, new, deps.clock.now())
    return await store.get_case(deps.db, case_id)


async def expired_reports(deps: Deps) -> list[Conversation]:
    found = await people_store.expired_conversations(deps.db, deps.clock.now())
    return [c for c in found if c.flow == REPORT_FLOW]


async def drop_expired(deps: Deps, conv: Conversation) -> bool:
    return await people_store.drop_conversation_if(deps.db, conv.user_id, conv.flow, conv.expires_at)


# ---- offers: a message outside any flow --------------------------------------------------------


async def offer(
    deps: Deps, user_id: int, text: str, photo: str | None, album: str | None
) -> int | None:
    """Keep what the parent sent for "file as a report"; returns the new offer's id, or None
    when the message joined the offer of its album (which already has its button)."""
    photos = [photo] if photo else []
    if album is not None:
        existing = await offer_store.offer_for_album(deps.db, user_id, album)
        if existing is not None:
            merged_text = "\n".join(t for t in (existing.text, text) if t)
            merged = [*existing.photos, *photos][:MAX_PHOTOS]
            await offer_store.update_offer(deps.db, existing.id, merged_text[:TEXT_MAX], merged)
            return None
    return await offer_store.create_offer(
        deps.db, user_id, text[:TEXT_MAX], photos, album, deps.clock.now()
    )


async def take_offer(deps: Deps, user_id: int, offer_id: int) -> Prefill | None:
    found = await offer_store.take_offer(deps.db, offer_id, user_id)
    if found is None:
        return None
    return Prefill(text=found.text, photos=found.photos)


async def purge_offers(deps: Deps) -> int:
    return await offer_store.purge_offers(deps.db, deps.clock.now() - OFFER_TTL)


# ---- cases ---------------------------------------------------------------------------------------


async def get_case(deps: Deps, case_id: int) -> Case | None:
    return await store.get_case(deps.db, case_id)


async def my_reports(deps: Deps, user_id: int) -> list[Case]:
    return await store.cases_of_parent(deps.db, user_id, MY_REPORTS_SHOWN)


async def report_count(deps: Deps, user_id: int) -> int:
    return await store.count_cases_of_parent(deps.db, user_id)


async def open_cases(deps: Deps) -> list[Case]:
    return await store.open_cases(deps.db)


async def history(deps: Deps, case_id: int) -> list[Event]:
    return await store.events_of(deps.db, case_id)


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
    note = note.strip()[:NOTE_MAX]
    if not await store.resolve(deps.db, case_id, actor_id, actor, note, deps.clock.now()):
        return None
    return await store.get_case(deps.db, case_id)


async def parent_replied(deps: Deps, case_id: int, actor_id: int, text: str) -> None:
    await store.add_event(deps.db, case_id, EventKind.PARENT_REPLIED, deps.clock.now(), actor_id, text)


async def follow_up_answered(deps: Deps, case_id: int, actor_id: int, answer: str) -> None:
    await store.add_event(deps.db, case_id, EventKind.FOLLOW_UP, deps.clock.now(), actor_id, answer)


async def link(deps: Deps, case_id: int, links: Sequence[MessageLink]) -> None:
    await store.add_links(deps.db, case_id, links)


async def set_card(deps: Deps, case: Case, chat_id: int, message_id: int) -> None:
    await store.set_card(deps.db, case.id, chat_id, message_id)


async def move_card(deps: Deps, case: Case, chat_id: int, message_id: int) -> None:
    await store.move_card(deps.db, case.id, MessageLink(chat_id, message_id, LinkKind.CARD))


async def link_of(deps: Deps, chat_id: int, message_id: int) -> CaseLink | None:
    return await store.link_of(deps.db, chat_id, message_id)


def parse_case_number(args: Sequence[str]) -> int | None:
    if len(args) != 1:
        return None
    value = args[0].lstrip("#＃")
    return parse_int(value, low=1)


# ---- forwarding and clusters ------------------------------------------------------------------


async def unforwarded(deps: Deps) -> list[Case]:
    return await store.unforwarded(deps.db)


async def mark_forwarded(deps: Deps, case: Case, chat_id: int, card_id: int) -> None:
    card = MessageLink(chat_id, card_id, LinkKind.CARD)
    await store.mark_forwarded(deps.db, case.id, card, deps.clock.now())


def may_cluster(case: Case) -> bool:
    return case.urgent and (
        case.category in CLUSTER_CATEGORIES
        or any(r.startswith(CLUSTER_REASONS) for r in case.reasons)
    )


async def batch_if_clustered(deps: Deps, case: Case) -> bool:
    """A case that belongs to an outbreak already announced joins it and waits for the next
    summary instead of getting a card of its own; True when that happened."""
    if not may_cluster(case):
        return False
    now = deps.clock.now()
    cluster = await cluster_store.active_cluster(deps.db, case.date, case.meal, now - CLUSTER_WINDOW)
    if cluster is None:
        return False
    await cluster_store.batch_into_cluster(deps.db, case.id, cluster.id, now)
    return True


async def new_cluster(deps: Deps, case: Case) -> tuple[Cluster, list[Case]] | None:
    """After a case was forwarded: when it makes CLUSTER_THRESHOLD about one meal within the
    window, the new cluster and its cases (announced once, as one alert)."""
    if not may_cluster(case):
        return None
    now = deps.clock.now()
    recent = await cluster_store.recent_cases_about(deps.db, case.date, case.meal, now - CLUSTER_WINDOW)
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
    for cluster_id, cases in waiting.items():
        cluster = await cluster_store.get_cluster(deps.db, cluster_id)
        if cluster is not None and cluster.last_summary_at + SUMMARY_EVERY <= now:
            due.append((cluster, cases))
    return due


async def mark_announced(deps: Deps, cluster: Cluster, cases: Sequence[Case]) -> None:
    await cluster_store.mark_announced(deps.db, cluster.id, [c.id for c in cases], deps.clock.now())


# ---- escalation and follow-up ------------------------------------------------------------------


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


async def mark_escalated(deps: Deps, level: int, cases: Sequence[Case]) -> None:
    await store.set_escalation(deps.db, [c.id for c in cases], level, deps.clock.now())


async def followups_due(deps: Deps) -> list[Case]:
    cutoff = deps.clock.now() - FOLLOW_UP_AFTER
    return await store.followups_due(deps.db, sorted(SYMPTOM_CATEGORIES), cutoff)


async def mark_followup_sent(deps: Deps, case: Case, links: Sequence[MessageLink]) -> None:
    await store.mark_followup_sent(deps.db, case.id, links, deps.clock.now())


# ---- text ---------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int) -> list[str]:
    """Raw text in pieces of at most `limit` UTF-16 units (Telegram's unit), split before
    escaping so an HTML entity is never cut, preferably at a line break or a space. The
    pieces joined give the text back exactly."""
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        # The longest prefix within the limit, in code points (an emoji counts two units).
        cut, units = 0, 0
        for char in rest:
            size = 2 if ord(char) > 0xFFFF else 1
            if units + size > limit:
                break
            units += size
            cut += 1
        head = rest[:cut]
        at = max(head.rfind("\n"), head.rfind(" "))
        # Break before the whitespace (Telegram trims a message's end, never its middle), unless
        # that leaves a tiny piece.
        if at > cut // 2:
            cut = at
        elif "\u200d" in rest[cut - 1 : cut + 1] or _is_modifier(rest[cut]):
            # Do not split an emoji sequence (ZWJ, skin tone, variation selector) if avoidable.
            back = cut
            while back > cut // 2 and (
                "\u200d" in rest[back - 1 : back + 1] or _is_modifier(rest[back])
            ):
                back -= 1
            cut = back if back > cut // 2 else cut
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _is_modifier(char: str) -> bool:
    code = ord(char)
    return 0x1F3FB <= code <= 0x1F3FF or 0xFE00 <= code <= 0xFE0F or code == 0x200D
