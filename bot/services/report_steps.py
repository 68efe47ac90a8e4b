"""The guided report's steps, as one table. STEPS gives each step, in order: when it is asked,
what it loads, its question and buttons (worded by the view through Say), what a button's value
does to the draft and what a typed answer does. services.feedback walks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

from bot.deps import Deps
from bot.services import menus, people
from bot.services.cases import ONSETS, SYMPTOM_CATEGORIES
from bot.services.flagging import CATEGORIES, RATING_MAX, RATING_MIN
from bot.services.inputs import parse_int, parse_yyyymmdd
from bot.services.menu_parser import MEALS
from bot.services.people import ChildRecord
from bot.services.ratings import PAST_DAYS

MAX_PHOTOS = 5
TEXT_MAX = 8000  # more than one Telegram message; forwarding splits it
ONSET_MAX = 200
AFFECTED_MAX = 5000
AFFECTED_BUTTONS = 5
DISH_LABEL_MAX = 40
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


def has_symptoms(draft: Draft) -> bool:
    return draft.category in SYMPTOM_CATEGORIES


# A parent whose child fell ill, reacted to an allergen or found something in the food is not
# asked to rate the meal.
NOT_RATED = frozenset({"illness", "allergy", "foreign_object"})


def is_rated(draft: Draft) -> bool:
    return draft.category not in NOT_RATED


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
    ReportStep.RATING: Step(_rating_buttons, _choose_rating, asked_if=is_rated),
    ReportStep.AFFECTED: Step(
        _affected_buttons, _choose_affected, _type_affected, asked_if=has_symptoms
    ),
    ReportStep.ONSET: Step(
        lambda say, p: [[(say.label(f"fb-onset-{o}"), o)] for o in ONSETS],
        _choose_onset,
        _type_onset,
        asked_if=has_symptoms,
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


def next_step(draft: Draft) -> ReportStep:
    for step, rules in STEPS.items():
        if step is not ReportStep.PREVIEW and rules.asked_if(draft) and step not in draft.answered:
            return step
    return ReportStep.PREVIEW
