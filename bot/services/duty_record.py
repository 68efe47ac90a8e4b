"""The duty record (陪餐记录) being filled in: the kitchen checks one by one (a note and photos
sent before the 合格/不合格 tap belong to that check; 留样 is confirmed per dish of the day's
menu), the four ratings, what students said, any adverse reaction, a photo parents may see; then
the record is submitted (services.duty_submit).

The draft lives in its own table until it is submitted or cancelled, so a restart or a long meal
loses nothing. The checklist comes from the catalog (duty-checklist), so a school edits it there.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.clock import from_db, to_db
from bot.deps import Deps
from bot.services import menus
from bot.services.duty import ASPECTS, GRADES
from bot.services.inputs import visible_text
from bot.storage import duty as store
from bot.storage.duty import DutyRecord, RecordPhoto

SAMPLES_KEY = "samples"  # the 留样 check: confirmed per dish
CATEGORY = "duty"  # the case category of a duty record's findings (the catalog's fb-cat-duty)
NOTE_MAX = 500
TEXT_MAX = 2000
PHOTOS_PER_CHECK = 5
DISHES_MAX = 30


class Step(StrEnum):
    CHECK = "check"
    RATE = "rate"
    SAID = "said"
    ADVERSE = "adverse"
    DETAIL = "detail"
    SHARE = "share"
    CONFIRM = "confirm"


class Action(StrEnum):
    """What a button of the record does (callback data: views.duty_buttons)."""

    OK = "ok"  # i: the check
    BAD = "bad"  # i: the check
    DISH = "dish"  # i: the check, j: the dish (toggle its 留样)
    RATE = "rate"  # i: the aspect, j: the grade
    SKIP = "skip"  # nothing said by students
    ADVERSE = "adv"  # i: 0 no, 1 yes
    SHARE = "share"  # i: 0 none, else the photo's number
    BACK = "back"  # i: the position of the step it was shown on (position())
    SUBMIT = "submit"
    CANCEL = "cancel"


@dataclass
class DraftCheck:
    key: str
    label: str
    ok: bool | None = None
    note: str = ""
    photos: list[str] = field(default_factory=list)


@dataclass
class Draft:
    nonce: str
    date: date
    meal: str
    started_at: datetime
    checks: list[DraftCheck]
    dishes: list[str]
    confirmed: list[bool]
    step: Step = Step.CHECK
    index: int = 0
    ratings: list[str] = field(default_factory=list)
    said: str = ""
    adverse: bool = False
    adverse_detail: str = ""
    shared: int = 0  # 0: none, else the photo's number in photos()
    replaces: int | None = None
    private: list[str] = field(default_factory=list)  # checks whose photos parents never see

    def photos(self) -> list[RecordPhoto]:
        return [RecordPhoto(c.key, p) for c in self.checks for p in c.photos]

    def shareable(self) -> list[int]:
        """The numbers (1-based, in photos()) of the photos parents may be shown."""
        return [n for n, p in enumerate(self.photos(), start=1) if p.check_key not in self.private]

    def to_json(self) -> dict[str, Any]:
        return {
            "nonce": self.nonce, "date": self.date.isoformat(), "meal": self.meal,
            "started_at": to_db(self.started_at),
            "checks": [[c.key, c.label, c.ok, c.note, c.photos] for c in self.checks],
            "dishes": self.dishes, "confirmed": self.confirmed, "step": self.step,
            "index": self.index, "ratings": self.ratings, "said": self.said,
            "adverse": self.adverse, "adverse_detail": self.adverse_detail,
            "shared": self.shared, "replaces": self.replaces, "private": self.private,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        return cls(
            nonce=str(data["nonce"]),
            date=date.fromisoformat(data["date"]),
            meal=str(data["meal"]),
            started_at=from_db(data["started_at"]),
            checks=[
                DraftCheck(k, lbl, ok, note, list(ph)) for k, lbl, ok, note, ph in data["checks"]
            ],
            dishes=list(data["dishes"]),
            confirmed=list(data["confirmed"]),
            step=Step(data["step"]),
            index=int(data["index"]),
            ratings=list(data["ratings"]),
            said=str(data["said"]),
            adverse=bool(data["adverse"]),
            adverse_detail=str(data["adverse_detail"]),
            shared=int(data["shared"]),
            replaces=data["replaces"],
            private=list(data.get("private", [])),
        )


def checklist(deps: Deps, lang: str) -> list[DraftCheck]:
    """The catalog's duty-checklist (keys separated by spaces), each with its label."""
    c = deps.catalog
    keys = c.label(lang, "duty-checklist").split()
    return [
        DraftCheck(k, c.label(lang, f"duty-check-{k}") if c.has(lang, f"duty-check-{k}") else k)
        for k in keys
    ]


def check_label(deps: Deps, lang: str, key: str, recorded: str) -> str:
    """A check in the reader's language where the catalog still has it, else as recorded."""
    name = f"duty-check-{key}"
    return deps.catalog.label(lang, name) if deps.catalog.has(lang, name) else recorded


def private_checks(deps: Deps) -> set[str]:
    """Checks whose notes parents never see (staff health: only 合格/不合格)."""
    return set(deps.catalog.label(deps.settings.default_language, "duty-checklist-private").split())


async def current(deps: Deps, user_id: int) -> Draft | None:
    data = await store.get_draft(deps.db, user_id)
    if data is None:
        return None
    try:
        return Draft.from_json(data)
    except (KeyError, TypeError, ValueError):
        # A draft from an incompatible version: better started again than a traceback.
        await store.delete_draft(deps.db, user_id)
        return None


async def _save(deps: Deps, user_id: int, draft: Draft) -> Draft:
    await store.save_draft(deps.db, user_id, draft.to_json(), deps.clock.now())
    return draft


async def start(
    deps: Deps, user_id: int, lang: str, day: date, meal: str, replaces: int | None = None
) -> Draft:
    """A new record for the meal (any draft of the person's is replaced); a correction starts
    from the answers of the record it replaces, each shown and kept unless answered anew."""
    dishes = [d.name for d in await menus.dishes_on(deps, day) if d.meal == meal][:DISHES_MAX]
    draft = Draft(
        nonce=secrets.token_hex(4),
        date=day,
        meal=meal,
        started_at=deps.clock.now(),
        checks=checklist(deps, lang),
        dishes=dishes,
        confirmed=[False] * len(dishes),
        replaces=replaces,
        private=sorted(private_checks(deps)),
    )
    old = await store.get_record(deps.db, replaces) if replaces is not None else None
    if old is not None:
        _prefill(draft, old)
    if not draft.checks:
        draft.step = Step.RATE
    return await _save(deps, user_id, draft)


def _prefill(draft: Draft, old: DutyRecord) -> None:
    results = {c.key: c for c in old.checks}
    for check in draft.checks:
        found = results.get(check.key)
        if found is not None:
            check.ok, check.note = found.ok, found.note
            check.photos = [p.file_id for p in old.photos if p.check_key == check.key]
    kept = dict(old.samples)
    draft.confirmed = [kept.get(dish, False) for dish in draft.dishes]
    draft.ratings = list(old.ratings)
    draft.said = old.students_said
    draft.adverse, draft.adverse_detail = old.adverse, old.adverse_detail


async def cancel(deps: Deps, user_id: int) -> None:
    await store.delete_draft(deps.db, user_id)


# ---- buttons and messages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Press:
    nonce: str
    action: Action
    i: int = 0
    j: int = 0


def _after_checks(draft: Draft) -> None:
    draft.step, draft.index = Step.RATE, 0


def _to_share(draft: Draft) -> None:
    draft.step, draft.index = (Step.SHARE, 0) if draft.shareable() else (Step.CONFIRM, 0)


_STEP_ORDER = (
    Step.CHECK,
    Step.RATE,
    Step.SAID,
    Step.ADVERSE,
    Step.DETAIL,
    Step.SHARE,
    Step.CONFIRM,
)


def position(draft: Draft) -> int:
    """Where the draft is, as one number (a back button names the step it was shown on)."""
    return _STEP_ORDER.index(draft.step) * 100 + draft.index


def _back(draft: Draft) -> bool:
    """One step back (a mis-tap in the kitchen); answers given stay until answered again."""
    step, index = draft.step, draft.index
    if step in (Step.CHECK, Step.RATE) and index > 0:
        draft.index -= 1
    elif step is Step.RATE and draft.checks:
        draft.step, draft.index = Step.CHECK, len(draft.checks) - 1
    elif step is Step.SAID:
        draft.step, draft.index = Step.RATE, len(ASPECTS) - 1
    elif step in (Step.ADVERSE, Step.DETAIL):
        draft.step = Step.SAID if step is Step.ADVERSE else Step.ADVERSE
    elif step is Step.SHARE:
        draft.step = Step.DETAIL if draft.adverse else Step.ADVERSE
    elif step is Step.CONFIRM:
        if draft.shareable():
            draft.step = Step.SHARE
        else:
            draft.step = Step.DETAIL if draft.adverse else Step.ADVERSE
    else:
        return False
    return True


def _apply(draft: Draft, press: Press) -> bool:
    """The press applied to the draft; False when it belongs to another step (an older
    message's button)."""
    step, index = draft.step, draft.index
    if press.action is Action.BACK:
        return press.i == position(draft) and _back(draft)
    if press.action in (Action.OK, Action.BAD):
        if step is not Step.CHECK or press.i != index:
            return False
        draft.checks[index].ok = press.action is Action.OK
        if index + 1 < len(draft.checks):
            draft.index += 1
        else:
            _after_checks(draft)
        return True
    if press.action is Action.DISH:
        ok = step is Step.CHECK and press.i == index and 0 <= press.j < len(draft.dishes)
        if ok:
            draft.confirmed[press.j] = not draft.confirmed[press.j]
        return ok
    if press.action is Action.RATE:
        if step is not Step.RATE or press.i != index or not 0 <= press.j < len(GRADES):
            return False
        draft.ratings = [*draft.ratings[:index], GRADES[press.j], *draft.ratings[index + 1 :]]
        if index + 1 < len(ASPECTS):
            draft.index += 1
        else:
            draft.step, draft.index = Step.SAID, 0
        return True
    if press.action is Action.SKIP:
        # Nothing (more) to say: the students' words stay as they are (empty in a new record, the
        # corrected record's in a correction); so do an adverse reaction's details already given.
        if step is Step.SAID:
            draft.step = Step.ADVERSE
            return True
        if step is Step.DETAIL and draft.adverse_detail:
            _to_share(draft)
            return True
        return False
    if press.action is Action.ADVERSE:
        if step is not Step.ADVERSE or press.i not in (0, 1):
            return False
        draft.adverse = press.i == 1
        if draft.adverse:
            draft.step = Step.DETAIL
        else:
            draft.adverse_detail = ""
            _to_share(draft)
        return True
    if press.action is Action.SHARE:
        if step is not Step.SHARE or (press.i and press.i not in draft.shareable()):
            return False
        draft.shared, draft.step = press.i, Step.CONFIRM
        return True
    return False


async def press(deps: Deps, user_id: int, pressed: Press) -> Draft | None:
    """The draft after a button (SUBMIT and CANCEL are separate); None when the button is stale."""
    draft = await current(deps, user_id)
    if draft is None or draft.nonce != pressed.nonce or not _apply(draft, pressed):
        return None
    return await _save(deps, user_id, draft)


class Typed(StrEnum):
    """What a typed message did (the catalog's duty-typed-<outcome>)."""

    NOTE = "note"
    SAID = "said"
    DETAIL = "detail"
    USE_BUTTONS = "use-buttons"
    EMPTY = "empty"
    TOO_LONG = "too-long"
    TOO_MANY_PHOTOS = "too-many-photos"
    PHOTO = "photo"


async def typed(deps: Deps, user_id: int, draft: Draft, text: str) -> Typed:
    """A note for the current check, or the students' words, or the adverse reaction's details."""
    text = visible_text(text)
    if not text:
        return Typed.EMPTY
    if draft.step is Step.CHECK:
        check = draft.checks[draft.index]
        note = f"{check.note}\n{text}" if check.note else text
        if len(note) > NOTE_MAX:
            return Typed.TOO_LONG
        check.note, outcome = note, Typed.NOTE
    elif draft.step in (Step.SAID, Step.DETAIL):
        if len(text) > TEXT_MAX:
            return Typed.TOO_LONG
        if draft.step is Step.SAID:
            draft.said, draft.step, outcome = text, Step.ADVERSE, Typed.SAID
        else:
            draft.adverse_detail, outcome = text, Typed.DETAIL
            _to_share(draft)
    else:
        return Typed.USE_BUTTONS
    await _save(deps, user_id, draft)
    return outcome


async def photo(deps: Deps, user_id: int, draft: Draft, file_id: str) -> Typed:
    """A photo belongs to the check being asked; after the checks, to the last one."""
    if draft.step not in (Step.CHECK, Step.RATE, Step.SAID) or not draft.checks:
        return Typed.USE_BUTTONS
    check = draft.checks[draft.index if draft.step is Step.CHECK else -1]
    if len(check.photos) >= PHOTOS_PER_CHECK:
        return Typed.TOO_MANY_PHOTOS
    check.photos.append(file_id)
    await _save(deps, user_id, draft)
    return Typed.PHOTO
