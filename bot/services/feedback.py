"""The guided report (/feedback) and what leads into it: offers for messages sent outside any
flow, and the parent's own list of reports. No Telegram here.

A report is a draft kept as the report flow's conversation, asked step by step. STEPS is the
one table of the steps, in order: for each, when it is asked, its question and buttons (worded
by the view through Say), what a button's value does to the draft and what a typed answer does.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

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
AFFECTED_BUTTONS = 5
DISH_LABEL_MAX = 40
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


class Say(Protocol):
    """How the view words the report (the catalog, in the parent's language)."""

    def text(self, key: str, **args: str) -> str: ...  # a message (HTML)

    def label(self, key: str, **args: str) -> str: ...  # a button label (plain)

    def day(self, day: date) -> str: ...

    def face(self, score: int) -> str: ...

    def preview(self, draft: Draft) -> str: ...


Rows = list[list[tuple[str, str]]]  # (label, value) of the step's buttons


@dataclass(frozen=True)
class Answering:
    """What a step's rules see."""

    deps: Deps
    user_id: int
    draft: Draft
    today: date


@dataclass(frozen=True)
class Step:
    buttons: Callable[[Say, Prompt], Rows]
    # A button's value applied to the draft; False when it does not fit (stale or forged).
    choose: Callable[[Answering, str], Awaitable[bool]] | None = None
    # A typed answer applied to the draft (the step answered, or not), or why it did not fit;
    # None: this step takes buttons only.
    typed: Callable[[Draft, str], Problem | None] | None = None
    question: Callable[[Say, Prompt], str] = lambda say, p: say.text(f"fb-ask-{p.step}")
    asked_if: Callable[[Draft], bool] = lambda draft: True
    # Loads what the buttons need; None when that leaves nothing to ask (the step answered).
    prepare: Callable[[Answering], Awaitable[Prompt | None]] | None = None


def _one(label: str, value: str) -> Rows:
    return [[(label, value)]]


def _pairs(buttons: list[tuple[str, str]]) -> Rows:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def _token(*accepted: str) -> Callable[[Answering, str], Awaitable[bool]]:
    """A button whose only effect is answering the step (skip, done)."""

    async def choose(ctx: Answering, value: str) -> bool:
        return value in accepted

    return choose


# ---- the steps --------------------------------------------------------------------------------------


async def _prepare_child(ctx: Answering) -> Prompt | None:
    children = tuple(await people.children_of(ctx.deps, ctx.user_id))
    if len(children) > 1:
        return Prompt(ReportStep.CHILD, ctx.draft, ctx.today, children=children)
    ctx.draft.child_id = children[0].id if children else None
    return None


def _child_buttons(say: Say, p: Prompt) -> Rows:
    rows = [
        [(f"{ch.name or say.label('child-unnamed')} ({ch.class_name})", str(ch.id))]
        for ch in p.children
    ]
    return rows + _one(say.label("fb-button-child-none"), "none")


async def _choose_child(ctx: Answering, value: str) -> bool:
    if value == "none":
        ctx.draft.child_id = None
        return True
    child_id = parse_int(value)
    if child_id is None or not await people.owned_child(ctx.deps, ctx.user_id, child_id):
        return False
    ctx.draft.child_id = child_id
    return True


def date_choices(today: date) -> list[date]:
    """Earlier dates offered by "pick a date": the two weeks before yesterday."""
    return [today - timedelta(days=n) for n in range(2, PAST_DAYS + 1)]


def _date_buttons(say: Say, p: Prompt) -> Rows:
    if p.picking:
        return _pairs([(say.day(d), f"{d:%Y%m%d}") for d in date_choices(p.today)])
    yesterday = p.today - timedelta(days=1)
    return [
        [(say.label("fb-button-today", date=say.day(p.today)), "today")],
        [(say.label("fb-button-yesterday", date=say.day(yesterday)), "yesterday")],
        [(say.label("fb-button-pick-date"), PICK)],
    ]


def _date_question(say: Say, p: Prompt) -> str:
    return say.text("fb-ask-date-pick" if p.picking else "fb-ask-date")


async def _choose_date(ctx: Answering, value: str) -> bool:
    today = ctx.today
    day = {"today": today, "yesterday": today - timedelta(days=1)}.get(value)
    day = day or parse_yyyymmdd(value)
    if day is None or not today - timedelta(days=PAST_DAYS) <= day <= today:
        return False
    ctx.draft.meal_date = day.isoformat()
    return True


async def _choose_meal(ctx: Answering, value: str) -> bool:
    if value not in MEALS:
        return False
    ctx.draft.meal = value
    return True


async def _dishes(deps: Deps, draft: Draft) -> tuple[str, ...]:
    assert draft.day is not None and draft.meal is not None
    return tuple(d.name for d in await menus.dishes_on(deps, draft.day) if d.meal == draft.meal)


async def _prepare_dish(ctx: Answering) -> Prompt | None:
    dishes = await _dishes(ctx.deps, ctx.draft)
    return Prompt(ReportStep.DISH, ctx.draft, ctx.today, dishes=dishes) if dishes else None


def _short(name: str) -> str:
    return name if len(name) <= DISH_LABEL_MAX else name[: DISH_LABEL_MAX - 1] + "…"


def _dish_buttons(say: Say, p: Prompt) -> Rows:
    rows = [[(_short(name), str(i))] for i, name in enumerate(p.dishes)]
    return rows + _one(say.label("fb-button-no-dish"), "none")


async def _choose_dish(ctx: Answering, value: str) -> bool:
    if value == "none":
        ctx.draft.dish = ""
        return True
    dishes = await _dishes(ctx.deps, ctx.draft)
    index = parse_int(value, 0, len(dishes) - 1)
    if index is None:
        return False
    ctx.draft.dish = dishes[index]
    return True


async def _choose_category(ctx: Answering, value: str) -> bool:
    if value not in CATEGORIES:
        return False
    ctx.draft.category = value
    return True


def _rating_buttons(say: Say, p: Prompt) -> Rows:
    faces = [(say.face(s), str(s)) for s in range(RATING_MAX, RATING_MIN - 1, -1)]
    return [faces, *_one(say.label("fb-button-skip"), "skip")]


async def _choose_rating(ctx: Answering, value: str) -> bool:
    rating = None if value == "skip" else parse_int(value, RATING_MIN, RATING_MAX)
    if rating is None and value != "skip":
        return False
    ctx.draft.rating = rating
    return True


def _has_symptoms(draft: Draft) -> bool:
    return draft.category in SYMPTOM_CATEGORIES


def _affected_buttons(say: Say, p: Prompt) -> Rows:
    counts = [(str(n), str(n)) for n in range(1, AFFECTED_BUTTONS + 1)]
    return [counts, *_one(say.label("fb-unsure"), "unsure")]


async def _choose_affected(ctx: Answering, value: str) -> bool:
    affected = None if value == "unsure" else parse_int(value, 1, AFFECTED_MAX)
    if affected is None and value != "unsure":
        return False
    ctx.draft.affected = affected
    return True


def _type_affected(draft: Draft, text: str) -> Problem | None:
    # NFKC turns the full-width digits a Chinese keyboard may type into ASCII ones.
    found = re.search(r"[0-9]+", unicodedata.normalize("NFKC", text))
    affected = parse_int(found.group(), 1, AFFECTED_MAX) if found else None
    if affected is None:
        return Problem.NOT_A_NUMBER
    draft.affected = affected
    draft.answer(ReportStep.AFFECTED)
    return None


async def _choose_onset(ctx: Answering, value: str) -> bool:
    if value not in ONSETS:
        return False
    ctx.draft.onset = value
    return True


def _type_onset(draft: Draft, text: str) -> Problem | None:
    draft.onset = text[:ONSET_MAX]
    draft.answer(ReportStep.ONSET)
    return None


def _type_words(step: ReportStep) -> Callable[[Draft, str], Problem | None]:
    """Words add to the description; at the description step they answer it, while photos are
    asked for they are welcome too (the step stays)."""

    def typed(draft: Draft, text: str) -> Problem | None:
        combined = f"{draft.text}\n{text}" if draft.text else text
        if len(combined) > TEXT_MAX:
            return Problem.TOO_LONG
        draft.text = combined
        if step is ReportStep.TEXT:
            draft.answer(step)
        return None

    return typed


def _photos_question(say: Say, p: Prompt) -> str:
    return say.text("fb-ask-photos", max=str(MAX_PHOTOS), count=str(len(p.draft.photos)))


async def _choose_anonymous(ctx: Answering, value: str) -> bool:
    if value not in ("yes", "no"):
        return False
    ctx.draft.anonymous = value == "yes"
    return True


STEPS: dict[ReportStep, Step] = {
    ReportStep.CHILD: Step(_child_buttons, _choose_child, prepare=_prepare_child),
    ReportStep.DATE: Step(_date_buttons, _choose_date, question=_date_question),
    ReportStep.MEAL: Step(
        lambda say, p: [[(say.label(f"meal-{m}"), m) for m in MEALS]], _choose_meal
    ),
    ReportStep.DISH: Step(_dish_buttons, _choose_dish, prepare=_prepare_dish),
    ReportStep.CATEGORY: Step(
        lambda say, p: _pairs([(say.label(f"fb-cat-{k}"), k) for k in CATEGORIES]),
        _choose_category,
    ),
    ReportStep.RATING: Step(_rating_buttons, _choose_rating),
    ReportStep.AFFECTED: Step(
        _affected_buttons, _choose_affected, _type_affected, asked_if=_has_symptoms
    ),
    ReportStep.ONSET: Step(
        lambda say, p: [[(say.label(f"fb-onset-{o}"), o)] for o in ONSETS],
        _choose_onset,
        _type_onset,
        asked_if=_has_symptoms,
    ),
    ReportStep.TEXT: Step(
        lambda say, p: _one(say.label("fb-button-skip"), "skip"),
        _token("skip"),
        _type_words(ReportStep.TEXT),
    ),
    ReportStep.PHOTOS: Step(
        lambda say, p: _one(say.label("fb-button-done"), "done"),
        _token("done"),
        _type_words(ReportStep.PHOTOS),
        question=_photos_question,
    ),
    ReportStep.ANONYMOUS: Step(
        lambda say, p: [
            [(say.label("fb-button-named"), "no")],
            [(say.label("fb-button-anonymous"), "yes")],
        ],
        _choose_anonymous,
    ),
    # Its button files the report (submit), so it has no answer of its own.
    ReportStep.PREVIEW: Step(
        lambda say, p: _one(say.label("fb-button-send"), SEND),
        question=lambda say, p: say.preview(p.draft),
    ),
}
assert list(STEPS) == list(ReportStep), "STEPS lists every step, in order"


# ---- walking the steps ------------------------------------------------------------------------------


def next_step(draft: Draft) -> ReportStep:
    for step, rules in STEPS.items():
        if step is not ReportStep.PREVIEW and rules.asked_if(draft) and step not in draft.answered:
            return step
    return ReportStep.PREVIEW


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
