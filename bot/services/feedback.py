"""The guided report (/feedback) and what leads into it: offers for messages sent outside any
flow, and the parent's own list of reports. No Telegram here.

A report is a draft kept as the report flow's conversation, asked step by step.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from bot.deps import Deps
from bot.services import conversations, flagging, menus, people
from bot.services.cases import ONSETS, SYMPTOM_CATEGORIES
from bot.services.conversations import Conversation
from bot.services.flagging import CATEGORIES, RATING_MAX, RATING_MIN
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import MEALS
from bot.services.people import ChildRecord
from bot.services.ratings import PAST_DAYS
from bot.storage import cases as case_store
from bot.storage import offers as offer_store
from bot.storage.cases import Case, NewCase

REPORT_FLOW = "report"
MAX_PHOTOS = 5
TEXT_MAX = 8000  # more than one Telegram message; forwarding splits it
ONSET_MAX = 200
AFFECTED_MAX = 5000
OFFER_TTL = timedelta(days=1)
MY_REPORTS_SHOWN = 10
PICK = "pick"  # the date step's button that shows the earlier dates
SEND = "send"  # the preview's button: file the report


class ReportStep(StrEnum):
    CHILD = "child"
    DATE = "date"
    MEAL = "meal"
    DISH = "dish"
    CATEGORY = "category"
    RATING = "rating"
    AFFECTED = "affected"
    ONSET = "onset"
    TEXT = "text"
    PHOTOS = "photos"
    ANONYMOUS = "anonymous"
    PREVIEW = "preview"


class Problem(StrEnum):
    """Why a typed message answered nothing (the catalog's fb-problem-<problem>)."""

    EMPTY = "empty"
    USE_BUTTONS = "use-buttons"
    TOO_LONG = "too-long"
    NOT_A_NUMBER = "not-a-number"


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

    def answer(self, step: ReportStep) -> None:
        if step not in self.answered:
            self.answered.append(step.value)

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

    step: ReportStep
    draft: Draft
    today: date
    children: tuple[ChildRecord, ...] = ()
    dishes: tuple[str, ...] = ()
    picking: bool = False  # the date step, showing the earlier dates


def next_step(draft: Draft) -> ReportStep:
    for step in list(ReportStep)[:-1]:
        skipped = step in (ReportStep.AFFECTED, ReportStep.ONSET) and not _has_symptoms(draft)
        if not skipped and step not in draft.answered:
            return step
    return ReportStep.PREVIEW


def _has_symptoms(draft: Draft) -> bool:
    return draft.category in SYMPTOM_CATEGORIES


async def _dishes(deps: Deps, draft: Draft) -> tuple[str, ...]:
    assert draft.day is not None and draft.meal is not None
    return tuple(d.name for d in await menus.dishes_on(deps, draft.day) if d.meal == draft.meal)


async def _advance(deps: Deps, user_id: int, draft: Draft, picking: bool = False) -> Prompt:
    """Answer what needs no question (one child, no menu), save, and say what to ask next."""
    today = menus.today(deps)
    while True:
        step = next_step(draft)
        if step is ReportStep.CHILD:
            children = tuple(await people.children_of(deps, user_id))
            if len(children) > 1:
                prompt = Prompt(step, draft, today, children=children)
                break
            draft.child_id = children[0].id if children else None
            draft.answer(step)
            continue
        if step is ReportStep.DISH:
            dishes = await _dishes(deps, draft)
            if dishes:
                prompt = Prompt(step, draft, today, dishes=dishes)
                break
            draft.answer(step)
            continue
        prompt = Prompt(step, draft, today, picking=picking)
        break
    await conversations.save(deps, user_id, REPORT_FLOW, prompt.step, draft.to_data())
    return prompt


async def begin_report(deps: Deps, user_id: int, prefill: Prefill | None = None) -> Prompt:
    draft = Draft(nonce=secrets.token_hex(3))
    if prefill is not None:
        if prefill.day is not None:
            draft.meal_date = prefill.day.isoformat()
            draft.answer(ReportStep.DATE)
        if prefill.meal is not None:
            draft.meal = prefill.meal
            draft.answer(ReportStep.MEAL)
        if prefill.rating is not None:
            draft.rating = prefill.rating
            draft.answer(ReportStep.RATING)
        if prefill.text.strip():
            draft.text = prefill.text.strip()[:TEXT_MAX]
            draft.answer(ReportStep.TEXT)
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


async def choose(deps: Deps, conv: Conversation, step: ReportStep, value: str) -> Prompt | None:
    """A button answer to the current step; None when it does not fit (stale or forged)."""
    draft = Draft.from_data(conv.data)
    if conv.step != step:
        return None
    if step is ReportStep.DATE and value == PICK:
        return await _advance(deps, conv.user_id, draft, picking=True)
    today = menus.today(deps)
    if step is ReportStep.CHILD:
        if value == "none":
            draft.child_id = None
        elif (child_id := parse_int(value)) is not None and await people.owned_child(
            deps, conv.user_id, child_id
        ):
            draft.child_id = child_id
        else:
            return None
    elif step is ReportStep.DATE:
        day = {"today": today, "yesterday": today - timedelta(days=1)}.get(value)
        day = day or parse_yyyymmdd(value)
        if day is None or not today - timedelta(days=PAST_DAYS) <= day <= today:
            return None
        draft.meal_date = day.isoformat()
    elif step is ReportStep.MEAL:
        if value not in MEALS:
            return None
        draft.meal = value
    elif step is ReportStep.DISH:
        dishes = await _dishes(deps, draft)
        if value == "none":
            draft.dish = ""
        elif (index := parse_int(value, 0, len(dishes) - 1)) is not None:
            draft.dish = dishes[index]
        else:
            return None
    elif step is ReportStep.CATEGORY:
        if value not in CATEGORIES:
            return None
        draft.category = value
    elif step is ReportStep.RATING:
        if value == "skip":
            draft.rating = None
        elif (rating := parse_int(value, RATING_MIN, RATING_MAX)) is not None:
            draft.rating = rating
        else:
            return None
    elif step is ReportStep.AFFECTED:
        if value == "unsure":
            draft.affected = None
        elif (affected := parse_int(value, 1, AFFECTED_MAX)) is not None:
            draft.affected = affected
        else:
            return None
    elif step is ReportStep.ONSET:
        if value not in ONSETS:
            return None
        draft.onset = value
    elif step is ReportStep.TEXT:
        if value != "skip":
            return None
    elif step is ReportStep.PHOTOS:
        if value != "done":
            return None
    elif step is ReportStep.ANONYMOUS:
        if value not in ("yes", "no"):
            return None
        draft.anonymous = value == "yes"
    else:
        return None
    draft.answer(step)
    return await _advance(deps, conv.user_id, draft)


@dataclass(frozen=True)
class Typed:
    """What a typed message did to the draft: the next prompt, or a problem."""

    prompt: Prompt | None = None
    problem: Problem | None = None


async def type_text(deps: Deps, conv: Conversation, text: str) -> Typed:
    draft = Draft.from_data(conv.data)
    step = conv.step
    text = text.strip()
    if not text:
        return Typed(problem=Problem.EMPTY)
    if step in (ReportStep.TEXT, ReportStep.PHOTOS):
        combined = f"{draft.text}\n{text}" if draft.text else text
        if len(combined) > TEXT_MAX:
            return Typed(problem=Problem.TOO_LONG)
        draft.text = combined
        if step == ReportStep.TEXT:
            draft.answer(ReportStep.TEXT)
    elif step == ReportStep.AFFECTED:
        # NFKC turns the full-width digits a Chinese keyboard may type into ASCII ones.
        found = re.search(r"[0-9]+", unicodedata.normalize("NFKC", text))
        affected = parse_int(found.group(), 1, AFFECTED_MAX) if found else None
        if affected is None:
            return Typed(problem=Problem.NOT_A_NUMBER)
        draft.affected = affected
        draft.answer(ReportStep.AFFECTED)
    elif step == ReportStep.ONSET:
        draft.onset = text[:ONSET_MAX]
        draft.answer(ReportStep.ONSET)
    else:
        return Typed(problem=Problem.USE_BUTTONS)
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
        if conv.step == ReportStep.TEXT:
            draft.answer(ReportStep.TEXT)
    edit_ack = draft.album_ack if album is not None and album == draft.album else None
    draft.album = album
    return PhotoAdded(await _advance(deps, conv.user_id, draft), added, edit_ack)


async def remember_ack(deps: Deps, prompt: Prompt, user_id: int, message_id: int) -> None:
    """Note the message that acknowledged the last photo, so the rest of its album edits it."""
    prompt.draft.album_ack = message_id
    await conversations.save(deps, user_id, REPORT_FLOW, prompt.step, prompt.draft.to_data())


async def _class_name_for(deps: Deps, user_id: int, child_id: int | None) -> str:
    children = await people.children_of(deps, user_id)
    chosen = [c for c in children if c.id == child_id] if child_id is not None else children
    sep = deps.catalog.label(deps.settings.default_language, "list-separator")
    return sep.join(dict.fromkeys(c.class_name for c in chosen))


async def submit(deps: Deps, conv: Conversation) -> Case | None:
    """File the report (and end the flow); None when the draft is not complete."""
    draft = Draft.from_data(conv.data)
    if conv.step != ReportStep.PREVIEW or next_step(draft) is not ReportStep.PREVIEW:
        return None
    assert draft.day is not None and draft.meal is not None and draft.category is not None
    decision = flagging.classify(draft.category, draft.rating, draft.text)
    symptoms = _has_symptoms(draft)
    new = NewCase(
        parent_id=conv.user_id,
        child_id=draft.child_id,
        class_name=await _class_name_for(deps, conv.user_id, draft.child_id),
        date=draft.day,
        meal=draft.meal,
        dish=draft.dish,
        category=draft.category,
        rating=draft.rating,
        text=draft.text,
        affected=draft.affected if symptoms else None,
        onset=draft.onset if symptoms else "",
        anonymous=draft.anonymous,
        flagged=decision.flagged,
        urgent=decision.urgent,
        reasons=decision.reasons,
        photos=tuple(draft.photos),
    )
    case_id = await case_store.create_case(deps.db, new, deps.clock.now())
    return await case_store.get_case(deps.db, case_id)


async def drop_expired_reports(deps: Deps) -> list[int]:
    """End the reports left unanswered for FLOW_TTL; returns the parents whose report ended."""
    dropped: list[int] = []
    for conv in await conversations.expired(deps, REPORT_FLOW):
        if await conversations.drop_if_unchanged(deps, conv):
            dropped.append(conv.user_id)
    return dropped


# ---- offers: a message outside any flow ---------------------------------------------------------


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


# ---- the parent's own reports -------------------------------------------------------------------


async def my_reports(deps: Deps, user_id: int) -> list[Case]:
    return await case_store.cases_of_parent(deps.db, user_id, MY_REPORTS_SHOWN)


async def report_count(deps: Deps, user_id: int) -> int:
    return await case_store.count_cases_of_parent(deps.db, user_id)
