"""`python -m bot duty export`: the duty records of a date range as an .xlsx for the inspection
folder, one sheet of records and one of checks, with the columns of the paper 陪餐记录表.
Every version is written (a correction and the record it corrects, each on its own row)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from bot.deps import Deps
from bot.services import duty
from bot.services.duty import DutyRecord
from bot.services.duty_record import check_label


def _record_row(deps: Deps, lang: str, r: DutyRecord) -> list[object]:
    c = deps.catalog
    tz = deps.settings.tz
    grades = [c.label(lang, f"duty-grade-{g}") for g in r.ratings]
    kept = sum(ok for _, ok in r.samples)
    return [
        r.id, r.date, c.label(lang, f"meal-{r.meal}"), r.version, r.replaces_id or "",
        r.author_name, r.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        r.finished_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), *grades, r.students_said,
        c.label(lang, "duty-export-yes" if r.adverse else "duty-export-no"), r.adverse_detail,
        f"{kept}/{len(r.samples)}" if r.samples else "", len(r.photos), r.case_id or "",
    ]  # fmt: skip


async def export(deps: Deps, first: date, last: date, path: Path) -> tuple[int, int]:
    """Write the workbook; returns (records, checks) written."""
    lang = deps.settings.default_language
    c = deps.catalog
    found = await duty.records_between(deps, first, last, latest_only=False)
    book = Workbook()
    records = book.active
    assert records is not None
    records.title = c.label(lang, "duty-export-records")
    records.append(c.label(lang, "duty-export-record-columns").split("|"))
    checks = book.create_sheet(c.label(lang, "duty-export-checks"))
    checks.append(c.label(lang, "duty-export-check-columns").split("|"))
    count = 0
    for r in found:
        records.append(_record_row(deps, lang, r))
        for n, check in enumerate(r.checks, start=1):
            photos = sum(p.check_key == check.key for p in r.photos)
            result = c.label(lang, "duty-export-ok" if check.ok else "duty-export-bad")
            checks.append(
                [r.id, r.date, c.label(lang, f"meal-{r.meal}"), r.version, n,
                 check_label(deps, lang, check.key, check.label),
                 result, check.note, photos]
            )  # fmt: skip
            count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return len(found), count
