"""The guided report (/feedback) and what leads into it: offers for messages sent outside any
flow, and the parent's own list of reports. No Telegram here.

A report is a draft kept as the report flow's conversation, asked step by step as the table in
services.report_steps says.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from bot.deps import Deps
from bot.services import conversations, flagging, menus, people
from bot.services.conversations import Conversation
from bot.services.report_steps import (
    MAX_PHOTOS,
    PICK,
    STEPS,
    TEXT_MAX,
    Answering,
    Draft,
    Problem,
    Prompt,
    ReportStep,
    has_symptoms,
    next_step,
)
from bot.storage import cases as case_store
from bot.storage import offers as offer_store
from bot.storage.cases import Case, NewCase

REPORT_FLOW = "report"
OFFER_TTL = timedelta(days=1)
MY_REPORTS_SHOWN = 10


@dataclass(frozen=True)
class Prefill:
    day: date | None = None
    meal: str | None = None
    rating: int | None = None
    text: str = ""
    photos: tuple[str, ...] = ()


# ---- walking the steps ------------------------------------------------------------------------------


async def _advance(deps: Deps, user_id: int, draft: Draft, picking: bool = False) -> Prompt:
    """Answer what needs no question (one child, no menu), save, and say what to ask next."""
    ctx = Answering(deps, user_id, draft, menus.today(deps))
    while True:
        step = next_step(draft)
        prepare = STEPS[step].prepare
        prompt = Prompt(step, draft, ctx.today, picking=picking)
        if prepare is not None:
            found = await prepare(ctx)
            if found is None:
                draft.answer(step)
                continue
            prompt = found
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


async def choose(deps: Deps, conv: Conversation, step: ReportStep, value: str) -> Prompt | None:
    """A button answer to the current step; None when it does not fit (stale or forged)."""
    draft = Draft.from_data(conv.data)
    if conv.step != step:
        return None
    if step is ReportStep.DATE and value == PICK:
        return await _advance(deps, conv.user_id, draft, picking=True)
    rules = STEPS[step].choose
    ctx = Answering(deps, conv.user_id, draft, menus.today(deps))
    if rules is None or not await rules(ctx, value):
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
    text = text.strip()
    if not text:
        return Typed(problem=Problem.EMPTY)
    rules = STEPS[ReportStep(conv.step)].typed
    problem = Problem.USE_BUTTONS if rules is None else rules(draft, text)
    if problem is not None:
        return Typed(problem=problem)
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


async def was_forwarded(deps: Deps, case_id: int) -> bool:
    """Whether the case reached the group (its card, or a place in an outbreak summary)."""
    case = await case_store.get_case(deps.db, case_id)
    return case is not None and case.forwarded_at is not None


async def submit(deps: Deps, conv: Conversation) -> Case | None:
    """File the report (and end the flow); None when the draft is not complete."""
    draft = Draft.from_data(conv.data)
    if conv.step != ReportStep.PREVIEW or next_step(draft) is not ReportStep.PREVIEW:
        return None
    assert draft.day is not None and draft.meal is not None and draft.category is not None
    decision = flagging.classify(draft.category, draft.rating, draft.text)
    symptoms = has_symptoms(draft)
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
