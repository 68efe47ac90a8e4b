"""Submitting the duty record being filled in: the record, once, with its case in the
food-safety group when anything was found (不合格, 差 or an adverse reaction, which is urgent)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.deps import Deps
from bot.services.duty import ASPECTS, POOR
from bot.services.duty_record import CATEGORY, Draft, Step, check_label, current
from bot.storage import duty as store
from bot.storage.cases import NewCase
from bot.storage.duty import CheckResult, NewRecord

CASE_PHOTOS_MAX = 10  # Telegram's album limit


@dataclass(frozen=True)
class Submitted:
    record_id: int
    case_id: int | None


def _findings_text(deps: Deps, draft: Draft) -> str:
    """The case's words (plain text, in the group's language): what was found."""
    c, lang = deps.catalog, deps.settings.default_language
    lines: list[str] = []
    for check in draft.checks:
        if check.ok is False:
            label = check_label(deps, lang, check.key, check.label)
            lines.append(c.label(lang, "duty-case-check", check=label, note=check.note))
    for aspect, grade in zip(ASPECTS, draft.ratings, strict=False):
        if grade == POOR:
            lines.append(
                c.label(lang, "duty-case-poor", aspect=c.label(lang, f"duty-aspect-{aspect}"))
            )
    if draft.adverse:
        lines.append(c.label(lang, "duty-case-adverse", detail=draft.adverse_detail))
    return "\n".join(line.strip() for line in lines)


def has_findings(draft: Draft) -> bool:
    return draft.adverse or any(c.ok is False for c in draft.checks) or POOR in draft.ratings


async def submit(deps: Deps, user_id: int, author_name: str, nonce: str) -> Submitted | None:
    """The record (and its case when anything was found), once; None for a stale button."""
    draft = await current(deps, user_id)
    if draft is None or draft.nonce != nonce or draft.step is not Step.CONFIRM:
        return None
    photos = draft.photos()
    shared = photos[draft.shared - 1].file_id if draft.shared in draft.shareable() else None
    new = NewRecord(
        date=draft.date,
        meal=draft.meal,
        replaces_id=draft.replaces,
        author_id=user_id,
        author_name=author_name,
        started_at=draft.started_at,
        finished_at=deps.clock.now(),
        ratings=(draft.ratings[0], draft.ratings[1], draft.ratings[2], draft.ratings[3]),
        students_said=draft.said,
        adverse=draft.adverse,
        adverse_detail=draft.adverse_detail,
        shared_photo=shared,
        checks=tuple(CheckResult(c.key, c.label, bool(c.ok), c.note) for c in draft.checks),
        samples=tuple(zip(draft.dishes, draft.confirmed, strict=True)),
        photos=tuple(photos),
    )
    text = _findings_text(deps, draft)
    # The failed checks' photos first; one album holds at most CASE_PHOTOS_MAX.
    failed = {c.key for c in draft.checks if c.ok is False}
    ordered = sorted(photos, key=lambda p: p.check_key not in failed)
    case_photos = tuple(p.file_id for p in ordered[:CASE_PHOTOS_MAX])

    def case(record_id: int) -> NewCase:
        return NewCase(
            parent_id=user_id, child_id=None, class_name="", date=draft.date, meal=draft.meal,
            dish="", category=CATEGORY, rating=None, text=text, affected=None, onset="",
            anonymous=False, flagged=True, urgent=draft.adverse,
            reasons=(f"duty:{record_id}",), photos=case_photos,
        )  # fmt: skip

    record_id = await store.add_record(
        deps.db, new, case if has_findings(draft) else None, deps.clock.now()
    )
    found = await store.get_record(deps.db, record_id)
    return Submitted(record_id, found.case_id if found else None)
