"""The record a 家长陪餐 parent fills in after the meal: four aspects graded 优/良/中/差, what
else they saw, photos. A guided flow kept in the database (a restart loses nothing). A record
with any 差 becomes a case in the food-safety group; every record reaches the group."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from bot.deps import Deps
from bot.services import conversations, meals
from bot.services.conversations import Conversation
from bot.services.inputs import visible_text
from bot.storage import peican as store
from bot.storage import peican_records as record_store
from bot.storage.cases import NewCase
from bot.storage.peican import Application, ApplicationStatus

# Re-exported: handlers and views name it without reaching into storage.
from bot.storage.peican_records import Record as Record

RECORD_FLOW = "peican_record"
NOTE_MAX = 1000
MAX_PHOTOS = 6
CASE_CATEGORY = "peican"  # the case source: a parent's 陪餐 record (the catalog's fb-cat-peican)


class Grade(StrEnum):
    EXCELLENT = "excellent"  # 优
    GOOD = "good"  # 良
    FAIR = "fair"  # 中
    POOR = "poor"  # 差: the record becomes a case


class Aspect(StrEnum):
    """What the parent grades, in the order asked (the paper 家长陪餐记录表)."""

    HYGIENE = "hygiene"  # 食堂卫生状况
    ORDER = "order"  # 学生就餐秩序
    STAFF = "staff"  # 食堂员工工作
    QUALITY = "quality"  # 饭菜质量


class Step(StrEnum):
    HYGIENE = "hygiene"
    ORDER = "order"
    STAFF = "staff"
    QUALITY = "quality"
    NOTE = "note"
    PHOTOS = "photos"
    CONFIRM = "confirm"


ASPECTS = tuple(Aspect)
_ORDER = tuple(Step)


@dataclass(frozen=True)
class Draft:
    application_id: int
    date: date
    meal: str
    step: Step
    grades: dict[Aspect, Grade] = field(default_factory=dict)
    note: str = ""
    photos: tuple[str, ...] = ()

    @property
    def has_poor(self) -> bool:
        return Grade.POOR in self.grades.values()

    def data(self) -> dict[str, Any]:
        return {
            "app": self.application_id,
            "date": self.date.isoformat(),
            "meal": self.meal,
            "grades": {a.value: g.value for a, g in self.grades.items()},
            "note": self.note,
            "photos": list(self.photos),
        }


def draft_of(conv: Conversation) -> Draft:
    data = conv.data
    return Draft(
        application_id=int(data["app"]),
        date=date.fromisoformat(data["date"]),
        meal=str(data["meal"]),
        step=Step(conv.step),
        grades={Aspect(a): Grade(g) for a, g in dict(data.get("grades", {})).items()},
        note=str(data.get("note", "")),
        photos=tuple(data.get("photos", [])),
    )


async def _save(deps: Deps, user_id: int, draft: Draft) -> Draft:
    await conversations.save(deps, user_id, RECORD_FLOW, draft.step, draft.data())
    return draft


def _next(step: Step) -> Step:
    return _ORDER[_ORDER.index(step) + 1]


class StartProblem(StrEnum):
    UNKNOWN = "unknown"  # not theirs, or not approved
    TOO_EARLY = "too-early"  # before the meal starts
    RECORDED = "recorded"


async def begin(deps: Deps, parent_id: int, application_id: int) -> Draft | StartProblem:
    """Start (or, for the same application, pick up again) the parent's record."""
    found = await store.get_application(deps.db, application_id)
    if found is None or found.parent_id != parent_id:
        return StartProblem.UNKNOWN
    if found.status is not ApplicationStatus.APPROVED:
        return StartProblem.UNKNOWN
    if found.recorded:
        return StartProblem.RECORDED
    try:
        if deps.clock.now() < meals.starts_at(deps.settings, found.date, found.meal):
            return StartProblem.TOO_EARLY
    except KeyError:
        pass  # the school stopped serving that meal since: the visit still gets its record
    conv = await conversations.current(deps, parent_id)
    if conv is not None and conv.flow == RECORD_FLOW and conv.data.get("app") == application_id:
        return await _save(deps, parent_id, draft_of(conv))  # resumed where they were
    return await _save(deps, parent_id, Draft(application_id, found.date, found.meal, Step.HYGIENE))


async def grade(deps: Deps, conv: Conversation, aspect: Aspect, value: Grade) -> Draft | None:
    """A grade for the aspect asked now (an older prompt's button changes nothing)."""
    draft = draft_of(conv)
    if draft.step.value != aspect.value:
        return None
    grades = {**draft.grades, aspect: value}
    return await _save(deps, conv.user_id, replace(draft, grades=grades, step=_next(draft.step)))


class NoteProblem(StrEnum):
    TOO_LONG = "too-long"
    EMPTY = "empty"
    NOT_NOW = "not-now"  # typed while a button is asked for


async def type_note(deps: Deps, conv: Conversation, text: str) -> Draft | NoteProblem:
    draft = draft_of(conv)
    if draft.step not in (Step.NOTE, Step.PHOTOS):
        return NoteProblem.NOT_NOW
    note = visible_text(text)
    if not note:
        return NoteProblem.EMPTY
    if draft.step is Step.PHOTOS:  # more words while sending photos: added to the note
        note = f"{draft.note}\n{note}".strip()
    if len(note) > NOTE_MAX:
        return NoteProblem.TOO_LONG
    return await _save(deps, conv.user_id, replace(draft, note=note, step=Step.PHOTOS))


async def skip_note(deps: Deps, conv: Conversation) -> Draft | None:
    draft = draft_of(conv)
    if draft.step is not Step.NOTE:
        return None
    return await _save(deps, conv.user_id, replace(draft, step=Step.PHOTOS))


async def add_photo(deps: Deps, conv: Conversation, file_id: str) -> Draft | None:
    """None when the record has all the photos it can carry."""
    draft = draft_of(conv)
    if len(draft.photos) >= MAX_PHOTOS:
        return None
    step = Step.PHOTOS if draft.step is Step.NOTE else draft.step
    photos = (*draft.photos, file_id)
    return await _save(deps, conv.user_id, replace(draft, photos=photos, step=step))


async def photos_done(deps: Deps, conv: Conversation) -> Draft | None:
    draft = draft_of(conv)
    if draft.step is not Step.PHOTOS:
        return None
    return await _save(deps, conv.user_id, replace(draft, step=Step.CONFIRM))


async def submit(deps: Deps, conv: Conversation, case_text: str) -> Record | None:
    """The record (and, with any 差, its case carrying case_text and the photos), ending the
    flow; None when it was submitted already or the draft is not finished."""
    draft = draft_of(conv)
    if draft.step is not Step.CONFIRM or len(draft.grades) != len(ASPECTS):
        return None
    grades = (
        draft.grades[Aspect.HYGIENE],
        draft.grades[Aspect.ORDER],
        draft.grades[Aspect.STAFF],
        draft.grades[Aspect.QUALITY],
    )
    new = record_store.NewRecord(
        draft.application_id, conv.user_id, draft.date, draft.meal, grades, draft.note, draft.photos
    )
    case = None
    if draft.has_poor:
        case = NewCase(
            parent_id=conv.user_id,
            child_id=None,
            class_name="",
            date=draft.date,
            meal=draft.meal,
            dish="",
            category=CASE_CATEGORY,
            rating=None,
            text=case_text,
            affected=None,
            onset="",
            anonymous=False,
            flagged=True,
            urgent=False,
            reasons=("peican:poor",),
            photos=draft.photos,
        )
    record_id = await record_store.create_record(deps.db, new, case, deps.clock.now())
    if record_id is None:
        await conversations.clear(deps, conv.user_id)
        return None
    return await record_store.get_record(deps.db, record_id)


async def application(deps: Deps, application_id: int) -> Application | None:
    return await store.get_application(deps.db, application_id)


@dataclass(frozen=True)
class Trail:
    """An application's audit trail: what happened when, and the record it led to."""

    application: Application
    events: list[store.Event]
    record: Record | None


async def day_trail(deps: Deps, day_id: int) -> list[Trail] | None:
    """Every application for the day with its history and record; None for an unknown day."""
    if await store.get_day(deps.db, day_id) is None:
        return None
    return [
        Trail(
            found,
            await store.events_of(deps.db, found.id),
            await record_store.record_of(deps.db, found.id),
        )
        for found in await store.applications_on(deps.db, day_id)
    ]


# ---- the group's cards and the evening digest --------------------------------------------------


async def unsent_cards(deps: Deps) -> list[Record]:
    return await record_store.unsent_cards(deps.db)


async def mark_sent(deps: Deps, record: Record) -> None:
    await record_store.mark_sent(deps.db, record.id, deps.clock.now())


async def day_summary(deps: Deps, day: date) -> list[Record]:
    """The day's parent records (grades, note, photos, and the linked case's status), for the
    evening digest: render them with views.peican.digest_lines."""
    return await record_store.records_on(deps.db, day)
