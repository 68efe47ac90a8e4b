"""How 陪餐 duty reads: the roster, the record's steps with their buttons, a record and its
versions, /duty week, the reminder, the missing-record alert and the evening digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.deps import Deps
from bot.i18n import Catalog
from bot.services import meals
from bot.services.cases import Case
from bot.services.duty import (
    ASPECTS,
    GRADES,
    CheckResult,
    DutyDay,
    DutyPerson,
    DutyRecord,
    RosterEntry,
)
from bot.services.duty_record import (
    SAMPLES_KEY,
    Action,
    Draft,
    Press,
    Step,
    check_label,
    position,
    private_checks,
)
from bot.views.cases import status_label
from bot.views.duty_buttons import (
    ALL_MEALS,
    RECORD,
    ROSTER,
    START,
    RosterPick,
    StartPress,
)
from bot.views.menus import long_date

Rows = list[list[InlineKeyboardButton]]
PICK_DAYS = 14  # the roster picker offers this many days
DISH_LABEL_MAX = 24
SHORT_WORDS = 60


def _b(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _meal(c: Catalog, lang: str, meal: str) -> str:
    return c.label(lang, f"meal-{meal}")


def _time(deps: Deps, moment: datetime) -> str:
    return moment.astimezone(deps.settings.tz).strftime("%H:%M")


def _check_label(deps: Deps, lang: str, check: CheckResult) -> str:
    return check_label(deps, lang, check.key, check.label)


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most] + "…"


# ---- the roster --------------------------------------------------------------------------------------


def roster_lines(deps: Deps, lang: str, entries: Sequence[RosterEntry]) -> list[str]:
    c = deps.catalog
    lines = [c.t(lang, "duty-roster-title")]
    if not entries:
        lines.append(c.t(lang, "duty-roster-empty"))
    for e in entries:
        lines.append(
            c.t(
                lang,
                "duty-roster-line",
                date=long_date(c, lang, e.date),
                meal=_meal(c, lang, e.meal),
                leader=e.leader_name or str(e.leader_id),
            )
            + (c.t(lang, "duty-roster-teacher", teacher=e.teacher) if e.teacher else "")
        )
    return lines


def people_markup(deps: Deps, lang: str, found: Sequence[DutyPerson]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b(p.name or str(p.user_id), ROSTER.build(RosterPick(p.user_id)))] for p in found]
    )


def picker(
    deps: Deps, lang: str, pick: RosterPick, today: date
) -> tuple[str, InlineKeyboardMarkup]:
    """The next question of the roster picker: the first day, the last day, or the meal."""
    c = deps.catalog
    rows: Rows = []
    if pick.first is None or pick.last is None:
        start = today if pick.first is None else pick.first
        key = "duty-pick-first" if pick.first is None else "duty-pick-last"
        days = [start + timedelta(days=n) for n in range(PICK_DAYS)]
        row: list[InlineKeyboardButton] = []
        for day in days:
            chosen = (
                RosterPick(pick.leader, day)
                if pick.first is None
                else RosterPick(pick.leader, pick.first, day)
            )
            row.append(_b(f"{day.month}/{day.day} {c.label(lang, f'weekday-{day.weekday()}')}",
                          ROSTER.build(chosen)))  # fmt: skip
            if len(row) == 3:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
        return c.t(lang, key), InlineKeyboardMarkup(rows)
    first, last = pick.first, pick.last
    meal_rows = [
        [_b(_meal(c, lang, m), ROSTER.build(RosterPick(pick.leader, first, last, m)))]
        for m in meals.served(deps.settings)
    ]
    meal_rows.append(
        [
            _b(
                c.label(lang, "duty-pick-all-meals"),
                ROSTER.build(RosterPick(pick.leader, first, last, ALL_MEALS)),
            )
        ]
    )
    return c.t(lang, "duty-pick-meal", first=str(first), last=str(last)), InlineKeyboardMarkup(
        meal_rows
    )


def roster_set_text(
    deps: Deps, lang: str, name: str, days: Sequence[date], meal: str | None
) -> str:
    c = deps.catalog
    if not days:
        return c.t(lang, "duty-set-none")
    what = c.label(lang, "duty-pick-all-meals") if meal is None else _meal(c, lang, meal)
    return c.t(
        lang, "duty-set-done", name=name, count=str(len(days)), first=str(days[0]),
        last=str(days[-1]), meal=what,
    )  # fmt: skip


def start_markup(deps: Deps, lang: str, day: date) -> InlineKeyboardMarkup:
    c = deps.catalog
    return InlineKeyboardMarkup(
        [
            [
                _b(
                    c.label(lang, "duty-start-button", meal=_meal(c, lang, m)),
                    START.build(StartPress(day, m)),
                )
            ]
            for m in meals.served(deps.settings)
        ]
    )


# ---- the record being filled in -----------------------------------------------------------------------


def _record_button(draft: Draft, action: Action, i: int = 0, j: int = 0) -> str:
    return RECORD.build(Press(draft.nonce, action, i, j))


def prompt(deps: Deps, lang: str, draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    """The question of the draft's current step and its buttons (cancel on every step)."""
    c = deps.catalog
    head = c.t(
        lang, "duty-flow-head", date=long_date(c, lang, draft.date), meal=_meal(c, lang, draft.meal)
    )
    rows: Rows = []
    step = draft.step
    if step is Step.CHECK:
        check = draft.checks[draft.index]
        lines = [
            c.t(lang, "duty-flow-check", n=str(draft.index + 1), total=str(len(draft.checks)),
                check=check.label),
        ]  # fmt: skip
        hint = f"duty-check-{check.key}-hint"
        if c.has(lang, hint):
            lines.append(c.t(lang, hint))
        if check.key == SAMPLES_KEY and draft.dishes:
            lines.append(c.t(lang, "duty-flow-samples"))
            for j, dish in enumerate(draft.dishes):
                mark = "☑" if draft.confirmed[j] else "☐"
                rows.append([_b(f"{mark} {_short(dish, DISH_LABEL_MAX)}",
                                _record_button(draft, Action.DISH, draft.index, j))])  # fmt: skip
        attached = []
        if check.note:
            notes = len(check.note.splitlines())
            attached.append(c.label(lang, "duty-attached-notes", count=notes))
        if check.photos:
            attached.append(c.label(lang, "duty-attached-photos", count=len(check.photos)))
        if attached:
            sep = c.label(lang, "list-separator")
            lines.append(c.t(lang, "duty-flow-attached", what=sep.join(attached)))
        if check.ok is not None:
            shown = c.label(lang, "duty-ok" if check.ok else "duty-bad")
            lines.append(c.t(lang, "duty-flow-current", answer=shown))
        lines.append(c.t(lang, "duty-flow-check-how"))
        rows.append([
            _b(c.label(lang, "duty-ok"), _record_button(draft, Action.OK, draft.index)),
            _b(c.label(lang, "duty-bad"), _record_button(draft, Action.BAD, draft.index)),
        ])  # fmt: skip
    elif step is Step.RATE:
        aspect = ASPECTS[draft.index]
        lines = [c.t(lang, "duty-flow-rate", aspect=c.label(lang, f"duty-aspect-{aspect}"))]
        if draft.index < len(draft.ratings):
            grade = c.label(lang, f"duty-grade-{draft.ratings[draft.index]}")
            lines.append(c.t(lang, "duty-flow-current", answer=grade))
        rows.append([
            _b(c.label(lang, f"duty-grade-{g}"), _record_button(draft, Action.RATE, draft.index, j))
            for j, g in enumerate(GRADES)
        ])  # fmt: skip
    elif step is Step.SAID:
        lines = [c.t(lang, "duty-flow-said")]
        if draft.said:
            lines.append(c.t(lang, "duty-flow-current", answer=draft.said))
        keep = "duty-keep" if draft.said else "duty-skip"
        rows.append([_b(c.label(lang, keep), _record_button(draft, Action.SKIP))])
    elif step is Step.ADVERSE:
        lines = [c.t(lang, "duty-flow-adverse")]
        rows.append([
            _b(c.label(lang, "duty-adverse-no"), _record_button(draft, Action.ADVERSE, 0)),
            _b(c.label(lang, "duty-adverse-yes"), _record_button(draft, Action.ADVERSE, 1)),
        ])  # fmt: skip
    elif step is Step.DETAIL:
        lines = [c.t(lang, "duty-flow-detail")]
        if draft.adverse_detail:
            lines.append(c.t(lang, "duty-flow-current", answer=draft.adverse_detail))
            rows.append([_b(c.label(lang, "duty-keep"), _record_button(draft, Action.SKIP))])
    elif step is Step.SHARE:
        lines = [c.t(lang, "duty-flow-share")]
        labels = {ch.key: ch.label for ch in draft.checks}
        photos = draft.photos()
        for n in draft.shareable():
            found = photos[n - 1]
            rows.append([_b(c.label(lang, "duty-share-photo", n=n, check=labels.get(found.check_key, "")),
                            _record_button(draft, Action.SHARE, n))])  # fmt: skip
        rows.append([_b(c.label(lang, "duty-share-none"), _record_button(draft, Action.SHARE, 0))])
    else:
        lines = [c.t(lang, "duty-flow-confirm"), *draft_summary(deps, lang, draft)]
        rows.append([_b(c.label(lang, "duty-submit"), _record_button(draft, Action.SUBMIT))])
    last = [_b(c.label(lang, "duty-cancel"), _record_button(draft, Action.CANCEL))]
    if position(draft) > 0:
        last.insert(
            0, _b(c.label(lang, "duty-back"), _record_button(draft, Action.BACK, position(draft)))
        )
    rows.append(last)
    return "\n".join([head, *lines]), InlineKeyboardMarkup(rows)


def draft_summary(deps: Deps, lang: str, draft: Draft) -> list[str]:
    c = deps.catalog
    bad = [ch.label for ch in draft.checks if ch.ok is False]
    sep = c.label(lang, "list-separator")
    lines = [
        c.t(lang, "duty-summary-checks", ok=str(len(draft.checks) - len(bad)), bad=str(len(bad)))
    ]
    if bad:
        lines.append(c.t(lang, "duty-summary-bad", checks=sep.join(bad)))
    lines.append(_ratings_line(deps, lang, tuple(draft.ratings)))
    lines.append(c.t(lang, "duty-summary-photos", count=str(len(draft.photos()))))
    if draft.adverse:
        lines.append(c.t(lang, "duty-line-adverse", detail=_short(draft.adverse_detail, 200)))
    return lines


def _ratings_line(deps: Deps, lang: str, ratings: Sequence[str]) -> str:
    c = deps.catalog
    sep = c.label(lang, "list-separator")
    parts = [
        f"{c.label(lang, f'duty-aspect-{a}')} {c.label(lang, f'duty-grade-{g}')}"
        for a, g in zip(ASPECTS, ratings, strict=False)
    ]
    return c.t(lang, "duty-line-ratings", ratings=sep.join(parts))


# ---- a submitted record -----------------------------------------------------------------------------


def record_lines(
    deps: Deps, lang: str, record: DutyRecord, versions: Sequence[DutyRecord], case: Case | None
) -> list[str]:
    """The whole record as staff read it, then every version of that meal's record."""
    c = deps.catalog
    lines = [
        c.t(lang, "duty-record-title", id=str(record.id), version=str(record.version),
            date=long_date(c, lang, record.date), meal=_meal(c, lang, record.meal)),
        c.t(lang, "duty-record-signed", name=record.author_name or str(record.author_id),
            started=_time(deps, record.started_at), finished=_time(deps, record.finished_at)),
    ]  # fmt: skip
    for check in record.checks:
        key = "duty-record-check-ok" if check.ok else "duty-record-check-bad"
        line = c.t(lang, key, check=_check_label(deps, lang, check))
        if check.note:
            line += c.t(lang, "duty-record-note", note=check.note)
        lines.append(line)
    if record.samples:
        sep = c.label(lang, "list-separator")
        kept = [d for d, ok in record.samples if ok]
        missing = [d for d, ok in record.samples if not ok]
        lines.append(c.t(lang, "duty-record-samples", kept=sep.join(kept) or "—",
                         missing=sep.join(missing) or "—"))  # fmt: skip
    lines.append(_ratings_line(deps, lang, record.ratings))
    if record.students_said:
        lines.append(c.t(lang, "duty-record-said", words=record.students_said))
    key = "duty-line-adverse" if record.adverse else "duty-line-no-adverse"
    lines.append(c.t(lang, key, detail=record.adverse_detail))
    lines.append(c.t(lang, "duty-summary-photos", count=str(len(record.photos))))
    if case is not None:
        lines.append(c.t(lang, "duty-record-case", id=str(case.id),
                         status=status_label(deps, lang, case.status)))  # fmt: skip
    if len(versions) > 1:
        lines.append(c.t(lang, "duty-history-title"))
        for v in versions:
            lines.append(c.t(lang, "duty-history-line", id=str(v.id), version=str(v.version),
                             name=v.author_name, time=_time(deps, v.finished_at),
                             current="✓" if v.id == versions[-1].id else ""))  # fmt: skip
    return lines


def record_markup(deps: Deps, lang: str, record: DutyRecord) -> InlineKeyboardMarkup:
    c = deps.catalog
    return InlineKeyboardMarkup(
        [
            [
                _b(
                    c.label(lang, "duty-fix-button"),
                    START.build(StartPress(record.date, record.meal, record.id)),
                )
            ]
        ]
    )


def short_lines(deps: Deps, lang: str, records: Sequence[DutyRecord]) -> list[str]:
    """The last days' records, one or two lines each, as parents read them."""
    c = deps.catalog
    lines = [c.t(lang, "duty-recent-title")]
    if not records:
        lines.append(c.t(lang, "duty-recent-empty"))
    for r in records:
        bad = sum(not ch.ok for ch in r.checks)
        lines.append(
            c.t(lang, "duty-recent-line", date=long_date(c, lang, r.date), meal=_meal(c, lang, r.meal),
                name=r.author_name, bad=str(bad))
            + "\n" + _ratings_line(deps, lang, r.ratings)
        )  # fmt: skip
    return lines


def week_lines(deps: Deps, lang: str, days: Sequence[DutyDay]) -> list[str]:
    c = deps.catalog
    lines = [c.t(lang, "duty-week-title")]
    for d in days:
        who = (d.entry.leader_name or str(d.entry.leader_id)) if d.entry else "—"
        lines.append(
            c.t(lang, "duty-week-line", date=long_date(c, lang, d.date), meal=_meal(c, lang, d.meal),
                leader=who, state=c.label(lang, f"duty-state-{d.state}"))
        )  # fmt: skip
    return lines


# ---- reminders, alerts and the digest --------------------------------------------------------------


def reminder_text(deps: Deps, lang: str, entry: RosterEntry) -> str:
    c = deps.catalog
    start = meals.starts_at(deps.settings, entry.date, entry.meal)
    return c.t(lang, "duty-reminder", meal=_meal(c, lang, entry.meal), time=start.strftime("%H:%M"))


def missing_text(deps: Deps, lang: str, entry: RosterEntry) -> str:
    c = deps.catalog
    return c.t(
        lang, "duty-missing", date=long_date(c, lang, entry.date), meal=_meal(c, lang, entry.meal),
        leader=entry.leader_name or str(entry.leader_id),
    )  # fmt: skip


def digest_lines(
    deps: Deps, lang: str, day: date, records: Sequence[DutyRecord], cases: dict[int, Case]
) -> list[str]:
    """The evening digest: who ate with the students, the ratings, what was found (notes of
    private checks such as staff health never shown) and what is being done about it."""
    c = deps.catalog
    private = private_checks(deps)
    lines = [c.t(lang, "duty-digest-title", date=long_date(c, lang, day))]
    for r in records:
        lines.append("")
        lines.append(c.t(lang, "duty-digest-meal", meal=_meal(c, lang, r.meal), name=r.author_name))
        lines.append(_ratings_line(deps, lang, r.ratings))
        bad = [ch for ch in r.checks if not ch.ok]
        if not bad and not r.adverse:
            lines.append(c.t(lang, "duty-digest-all-ok", count=str(len(r.checks))))
        for ch in bad:
            note = "" if ch.key in private or not ch.note else _short(ch.note, SHORT_WORDS)
            lines.append(c.t(lang, "duty-digest-bad", check=_check_label(deps, lang, ch))
                         + (c.t(lang, "duty-record-note", note=note) if note else ""))  # fmt: skip
        if r.adverse:
            lines.append(c.t(lang, "duty-digest-adverse"))
        case = cases.get(r.case_id) if r.case_id is not None else None
        if case is not None:
            lines.append(c.t(lang, "duty-digest-case", id=str(case.id),
                             status=status_label(deps, lang, case.status)))  # fmt: skip
    return lines
