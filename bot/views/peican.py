"""How 家长陪餐 reads: the parent's /peican, the administrators' list and decision messages,
the record's prompts, its card in the food-safety group, and the evening digest's lines.

What parents see is in their language; the group's card in the school's default language.
Names and notes people typed go through the catalog's escaping (Catalog.t).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardMarkup

from bot.deps import Deps
from bot.i18n import Catalog
from bot.services.peican import Application, ApplicationStatus, Day, DayStatus
from bot.services.peican_record import (
    ASPECTS,
    MAX_PHOTOS,
    Aspect,
    Draft,
    Grade,
    Record,
    Step,
    Trail,
)
from bot.views.keyboards import keyboard
from bot.views.menus import long_date
from bot.views.peican_buttons import (
    CANCEL,
    DAY,
    DECISION,
    RECORD,
    DecisionPress,
    RecordAction,
    RecordPress,
)

NOTE_IN_DIGEST = 200


def _markup(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    return keyboard(rows) if rows else None


def when(c: Catalog, lang: str, day: date, meal: str) -> str:
    """ "12月10日（周四） 午餐"."""
    return c.label(
        lang, "pc-when", date=long_date(c, lang, day), meal=c.label(lang, f"meal-{meal}")
    )


def status_label(c: Catalog, lang: str, status: ApplicationStatus) -> str:
    return c.label(lang, f"pc-status-{status}")


# ---- parents ------------------------------------------------------------------------------------


def parent_view(
    deps: Deps,
    lang: str,
    today: date,
    mine: Sequence[Application],
    days: Sequence[Day],
    admin: bool,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/peican: the parent's applications (cancel, or fill in the record) and the days open."""
    c = deps.catalog
    lines = [c.t(lang, "pc-title")]
    rows: list[list[tuple[str, str]]] = []
    if mine:
        lines.append(c.t(lang, "pc-mine"))
    for found in mine:
        lines.append(
            c.t(
                lang,
                "pc-mine-line",
                when=when(c, lang, found.date, found.meal),
                status=status_label(c, lang, found.status),
            )
        )
        if found.date > today:
            label = c.label(lang, "pc-button-cancel", when=when(c, lang, found.date, found.meal))
            rows.append([(label, CANCEL.build(found.id))])
        elif found.status is ApplicationStatus.APPROVED and not found.recorded:
            label = c.label(lang, "pc-button-record")
            rows.append([(label, RECORD.build(RecordPress(found.id, RecordAction.START)))])
    taken = {found.day_id for found in mine}
    offered = [day for day in days if day.id not in taken]
    if offered:
        lines.append(c.t(lang, "pc-open-days"))
        for day in offered:
            label = c.label(
                lang,
                "pc-button-day",
                when=when(c, lang, day.date, day.meal),
                left=str(day.seats_left),
            )
            rows.append([(label, DAY.build(day.id))])
    else:
        lines.append(c.t(lang, "pc-no-days"))
    if admin:
        lines.append(c.t(lang, "pc-admin-hint"))
    return "\n".join(lines), _markup(rows)


def applied_text(deps: Deps, lang: str, application: Application) -> str:
    return deps.catalog.t(
        lang, "pc-applied", when=when(deps.catalog, lang, application.date, application.meal)
    )


def outcome_for_parent(deps: Deps, lang: str, application: Application) -> str:
    """The administrators' decision, told to the parent."""
    c = deps.catalog
    key = (
        "pc-told-approved"
        if application.status is ApplicationStatus.APPROVED
        else "pc-told-declined"
    )
    return c.t(lang, key, when=when(c, lang, application.date, application.meal))


# ---- administrators -------------------------------------------------------------------------------


def application_for_admins(
    deps: Deps, lang: str, application: Application, day: Day | None
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """A new application, with its approve and decline buttons."""
    c = deps.catalog
    lines = [
        c.t(
            lang,
            "pc-admin-new",
            name=application.parent_name or c.label(lang, "pc-unknown-parent"),
            when=when(c, lang, application.date, application.meal),
        )
    ]
    if application.phone:
        lines.append(c.t(lang, "pc-admin-phone", phone=application.phone))
    if day is not None:
        lines.append(c.t(lang, "pc-admin-seats", seats=str(day.seats), approved=str(day.approved)))
    markup = _markup(
        [
            [
                (
                    c.label(lang, "pc-button-approve"),
                    DECISION.build(DecisionPress(True, application.id)),
                ),
                (
                    c.label(lang, "pc-button-decline"),
                    DECISION.build(DecisionPress(False, application.id)),
                ),
            ]
        ]
    )
    return lines, markup


def decided_text(deps: Deps, lang: str, application: Application) -> str:
    """The decision message after a tap: who decided what (buttons gone)."""
    c = deps.catalog
    return c.t(
        lang,
        "pc-admin-decided",
        name=application.parent_name or c.label(lang, "pc-unknown-parent"),
        when=when(c, lang, application.date, application.meal),
        status=status_label(c, lang, application.status),
        who=application.decided_by,
    )


def cancelled_for_admins(deps: Deps, lang: str, application: Application) -> list[str]:
    c = deps.catalog
    return [
        c.t(
            lang,
            "pc-admin-cancelled",
            name=application.parent_name or c.label(lang, "pc-unknown-parent"),
            when=when(c, lang, application.date, application.meal),
        )
    ]


def day_lines(deps: Deps, lang: str, day: Day, applications: Sequence[Application]) -> list[str]:
    """/peican list: a day, its seats and who applied."""
    c = deps.catalog
    lines = [
        c.t(
            lang,
            "pc-list-day",
            id=str(day.id),
            when=when(c, lang, day.date, day.meal),
            seats=str(day.seats),
            approved=str(day.approved),
            pending=str(day.pending),
            status=c.label(lang, f"pc-day-{day.status}"),
        )
    ]
    for found in applications:
        lines.append(
            c.t(
                lang,
                "pc-list-application",
                name=found.parent_name or c.label(lang, "pc-unknown-parent"),
                phone=found.phone or "—",
                status=status_label(c, lang, found.status),
            )
        )
    return lines


def trail_lines(deps: Deps, lang: str, day: Day, trails: Sequence[Trail]) -> list[str]:
    """/peican show N: the day's audit trail, application by application, with each record."""
    c = deps.catalog
    lines = day_lines(deps, lang, day, [])
    if not trails:
        lines.append(c.t(lang, "pc-show-none"))
    for trail in trails:
        lines += day_lines(deps, lang, day, [trail.application])[1:]
        for event in trail.events:
            at = event.at.astimezone(deps.settings.tz)
            text = c.t(
                lang,
                "pc-show-event",
                time=f"{at:%m-%d %H:%M}",
                what=c.label(lang, f"pc-event-{event.kind}"),
            )
            if event.actor_name:
                text += c.t(lang, "fb-event-who", who=event.actor_name)
            lines.append(text)
        if trail.record is not None:
            lines.append(c.t(lang, "pc-show-record", id=str(trail.record.id)))
            lines += ["　" + line for line in _grade_lines(c, lang, trail.record)]
            lines.append("　" + _note_line(deps, lang, trail.record.note))
            if trail.record.photos:
                lines.append(
                    "　" + c.t(lang, "pc-record-photos", count=str(len(trail.record.photos)))
                )
            if trail.record.case_id is not None:
                lines.append("　" + c.t(lang, "pc-show-case", id=str(trail.record.case_id)))
    return lines


def opened_text(deps: Deps, lang: str, day: Day) -> str:
    c = deps.catalog
    key = "pc-opened" if day.status is DayStatus.OPEN else "pc-closed"
    return c.t(
        lang, key, id=str(day.id), when=when(c, lang, day.date, day.meal), seats=str(day.seats)
    )


# ---- the record ---------------------------------------------------------------------------------


def grade_label(c: Catalog, lang: str, grade: str) -> str:
    return c.label(lang, f"pc-grade-{grade}")


def aspect_label(c: Catalog, lang: str, aspect: str) -> str:
    return c.label(lang, f"pc-aspect-{aspect}")


def record_prompt(deps: Deps, lang: str, draft: Draft) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question the record is at, with what is answered so far."""
    c = deps.catalog
    lines = [c.t(lang, "pc-record-title", when=when(c, lang, draft.date, draft.meal))]
    for aspect in ASPECTS:
        if aspect in draft.grades:
            lines.append(
                c.t(
                    lang,
                    "pc-record-graded",
                    aspect=aspect_label(c, lang, aspect),
                    grade=grade_label(c, lang, draft.grades[aspect]),
                )
            )
    app = draft.application_id
    cancel = (c.label(lang, "button-cancel"), RECORD.build(RecordPress(app, RecordAction.CANCEL)))
    rows: list[list[tuple[str, str]]] = []
    if draft.step.value in {a.value for a in Aspect}:
        aspect = Aspect(draft.step.value)
        lines.append(c.t(lang, "pc-record-ask", aspect=aspect_label(c, lang, aspect)))
        action = RecordAction(aspect.value)
        rows.append(
            [(grade_label(c, lang, g), RECORD.build(RecordPress(app, action, g))) for g in Grade]
        )
    elif draft.step is Step.NOTE:
        lines.append(c.t(lang, "pc-record-ask-note"))
        rows.append(
            [(c.label(lang, "pc-button-skip"), RECORD.build(RecordPress(app, RecordAction.SKIP)))]
        )
    elif draft.step is Step.PHOTOS:
        lines.append(_note_line(deps, lang, draft.note))
        lines.append(
            c.t(lang, "pc-record-ask-photos", count=str(len(draft.photos)), max=str(MAX_PHOTOS))
        )
        rows.append(
            [(c.label(lang, "pc-button-done"), RECORD.build(RecordPress(app, RecordAction.DONE)))]
        )
    else:
        lines.append(_note_line(deps, lang, draft.note))
        lines.append(c.t(lang, "pc-record-photos", count=str(len(draft.photos))))
        key = "pc-record-confirm-case" if draft.has_poor else "pc-record-confirm"
        lines.append(c.t(lang, key))
        rows.append(
            [(c.label(lang, "pc-button-send"), RECORD.build(RecordPress(app, RecordAction.SEND)))]
        )
    rows.append([cancel])
    return "\n".join(lines), _markup(rows)


def _note_line(deps: Deps, lang: str, note: str) -> str:
    c = deps.catalog
    if not note:
        return c.t(lang, "pc-record-no-note")
    return c.t(lang, "pc-record-note", note=note)


def case_text(deps: Deps, draft: Draft) -> str:
    """A record with 差 as a case's words (plain text: the card escapes it), in the group's
    language."""
    lang, c = deps.settings.default_language, deps.catalog
    lines = [
        c.label(
            lang,
            "pc-case-grade",
            aspect=aspect_label(c, lang, aspect),
            grade=grade_label(c, lang, draft.grades[aspect]),
        )
        for aspect in ASPECTS
        if aspect in draft.grades
    ]
    if draft.note:
        lines.append(c.label(lang, "pc-case-note", note=draft.note))
    return "\n".join(lines)


def record_card(deps: Deps, record: Record) -> str:
    """A record without 差 in the food-safety group."""
    lang, c = deps.settings.default_language, deps.catalog
    lines = [
        c.t(
            lang,
            "pc-card-title",
            id=str(record.id),
            when=when(c, lang, record.date, record.meal),
            name=record.parent_name or c.label(lang, "pc-unknown-parent"),
        )
    ]
    lines += _grade_lines(c, lang, record)
    lines.append(_note_line(deps, lang, record.note))
    if record.photos:
        lines.append(c.t(lang, "pc-record-photos", count=str(len(record.photos))))
    return "\n".join(lines)


def _grade_lines(c: Catalog, lang: str, record: Record) -> list[str]:
    return [
        c.t(
            lang,
            "pc-record-graded",
            aspect=aspect_label(c, lang, aspect),
            grade=grade_label(c, lang, grade),
        )
        for aspect, grade in zip(ASPECTS, record.grades, strict=True)
    ]


def digest_lines(deps: Deps, lang: str, records: Sequence[Record]) -> list[str]:
    """The day's parent records for the evening digest (services.peican_record.day_summary):
    the meal, the four grades, the note in short, and the linked case's status."""
    c = deps.catalog
    if not records:
        return []
    lines = [c.t(lang, "pc-digest-title", count=str(len(records)))]
    for record in records:
        grades = c.label(lang, "list-separator").join(
            c.label(
                lang,
                "pc-digest-grade",
                aspect=aspect_label(c, lang, aspect),
                grade=grade_label(c, lang, grade),
            )
            for aspect, grade in zip(ASPECTS, record.grades, strict=True)
        )
        lines.append(
            c.t(lang, "pc-digest-line", meal=c.label(lang, f"meal-{record.meal}"), grades=grades)
        )
        if record.note:
            note = (
                record.note
                if len(record.note) <= NOTE_IN_DIGEST
                else record.note[:NOTE_IN_DIGEST] + "…"
            )
            lines.append(c.t(lang, "pc-digest-note", note=note))
        if record.case_id is not None and record.case_status is not None:
            lines.append(
                c.t(
                    lang,
                    "pc-digest-case",
                    id=str(record.case_id),
                    status=c.label(lang, f"fb-status-{record.case_status}"),
                )
            )
    return lines
