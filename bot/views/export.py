"""The export workbook (.xlsx): an "about" sheet first, then one sheet per kind of record,
written with openpyxl's write-only mode, row by row as storage.export_rows streams them, so
memory stays bounded whatever the size (bench/export_memory.py measures it).

Children's health details (allergens, descriptions of illness, children affected) are in it:
exports are made only for administrators (/export, the command line on the server), and the
first sheet says so.

Sheets are listed in SHEETS (streamed from SQL); the surveys' results, small and computed by
services.survey_results, come with the request and fill the last two sheets.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from functools import lru_cache
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.clock import from_db, to_db
from bot.i18n import Catalog
from bot.services.export import ExportRequest
from bot.services.survey_results import SurveyResults
from bot.storage import export_rows as rows
from bot.storage.export_rows import Row
from bot.storage.weekly import Window

# Excel holds 1,048,576 rows a sheet: a longer record continues on a sheet "name (2)".
ROWS_PER_SHEET = 1_000_000


@dataclass(frozen=True)
class Labels:
    """What the rows' codes read as, in the export's language."""

    catalog: Catalog
    lang: str
    zone: ZoneInfo

    def __call__(self, key: str, **args: object) -> str:
        return self.catalog.label(self.lang, key, **args)

    def moment(self, value: object) -> str:
        return _local(value, self.zone) if isinstance(value, str) and value else ""

    def yes(self, value: object) -> str:
        return "✓" if value else ""

    def listed(self, prefix: str, keys: object) -> str:
        sep = self("list-separator")
        return sep.join(self(f"{prefix}{k}") for k in str(keys or "").split(",") if k)


@lru_cache(maxsize=4096)
def _minute(prefix: str, zone: ZoneInfo) -> str:
    """A stored UTC time's minute (YYYY-MM-DDTHH:MM) in the school's zone: cached, since a
    million ratings share far fewer minutes."""
    moment = datetime.strptime(prefix, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _local(value: str, zone: ZoneInfo) -> str:
    return _minute(value[:16], zone) if len(value) >= 16 else from_db(value).isoformat()


def text(value: object) -> object:
    """What a person typed: no control characters (XML refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _case(say: Labels, r: Row) -> list[object]:
    (case_id, created, day, meal, dish, category, urgent, flagged, status, rating, words,
     affected, onset, allergens, class_name, anonymous, acked, acked_by, resolved,
     resolved_by, resolution, escalations, cluster) = r  # fmt: skip
    onset_text = str(onset or "")
    if onset_text and say.catalog.has(say.lang, f"fb-onset-{onset_text}"):
        onset_text = say(f"fb-onset-{onset_text}")
    return [
        case_id, say.moment(created), day, say(f"meal-{meal}"), text(dish),
        say(f"fb-cat-{category}"), say.yes(urgent), say.yes(flagged), say(f"fb-status-{status}"),
        rating, text(words), affected, text(onset_text), say.listed("allergen-", allergens),
        class_name, say.yes(anonymous), say.moment(acked), text(acked_by), say.moment(resolved),
        text(resolved_by), text(resolution), escalations, cluster,
    ]  # fmt: skip


def _event(say: Labels, r: Row) -> list[object]:
    case_id, at, kind, actor, detail = r
    what = (
        say(f"fb-event-{kind}", level=str(detail))
        if kind == "escalated"
        else say(f"fb-event-{kind}")
    )
    return [case_id, say.moment(at), what, text(actor), text(detail if kind != "escalated" else "")]


def _rating(say: Labels, r: Row) -> list[object]:
    rating_id, day, meal, score, class_name, created = r
    return [rating_id, day, say(f"meal-{meal}"), score, class_name, say.moment(created)]


def _notice(say: Labels, r: Row) -> list[object]:
    (notice_id, created, body, kind, target, recipients, sent, blocked, failed, pending,
     asks_confirmation, confirmed) = r  # fmt: skip
    if kind == "grade":
        audience = say("notice-to-grade", grade=str(target))
    elif kind == "class":
        audience = say("notice-to-class", **{"class": str(target)})
    elif kind == "allergen":
        audience = say("notice-to-allergen", allergen=say(f"allergen-{target}"))
    else:
        audience = say("notice-to-all")
    counts = [v if isinstance(v, int) else 0 for v in (sent, blocked, failed, pending)]
    confirmation = [say.yes(asks_confirmation), confirmed if asks_confirmation else None]
    return [
        notice_id,
        say.moment(created),
        text(body),
        audience,
        recipients,
        *counts,
        *confirmation,
    ]


@dataclass(frozen=True)
class Sheet:
    name: str  # catalog key of its title
    header: str  # catalog key: the column titles, separated by |
    rows: Callable[[sqlite3.Connection, Window], Iterator[Row]]
    render: Callable[[Labels, Row], list[object]]


# After the about sheet, in this order; the surveys' two sheets come last (_survey_sheets).
SHEETS: tuple[Sheet, ...] = (
    Sheet("export-sheet-cases", "export-head-cases", rows.cases, _case),
    Sheet("export-sheet-events", "export-head-events", rows.case_events, _event),
    Sheet("export-sheet-ratings", "export-head-ratings", rows.ratings, _rating),
    Sheet("export-sheet-notices", "export-head-notices", rows.notices, _notice),
)


def _share(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _survey_rows(say: Labels, found: SurveyResults) -> Iterator[list[object]]:
    """One row per item of one survey, with the previous survey's mean beside it."""
    survey = found.survey
    common = [
        survey.id, survey.term, say.moment(to_db(survey.opened_at)),
        say.moment(to_db(survey.closed_at or survey.closes_at)),
        found.recipients, found.responses, _share(found.rate),
    ]  # fmt: skip
    for item in found.items:
        before = found.previous.item(item.key) if found.previous is not None else None
        spread = "  ".join(f"{score}: {count}" for score, count in sorted(item.counts.items()))
        yield [
            *common, say(f"survey-item-{item.key}"), f"{item.low}–{item.high}", item.answered,
            _share(item.mean), _share(item.satisfied), spread,
            _share(before.mean) if before is not None else None,
        ]  # fmt: skip


def _survey_sheets(book: Workbook, say: Labels, surveys: Iterable[SurveyResults]) -> dict[str, int]:
    """The surveys opened in the period: results per item, and the written suggestions (anonymous,
    as stored)."""
    results = book.create_sheet(say("export-sheet-survey"))
    results.append(say("export-head-survey").split("|"))
    suggestions = book.create_sheet(say("export-sheet-suggestions"))
    suggestions.append(say("export-head-suggestions").split("|"))
    counts = [0, 0]
    for found in surveys:
        for row in _survey_rows(say, found):
            results.append(row)
            counts[0] += 1
        for words in found.suggestions:
            suggestions.append(
                _cells(suggestions, [found.survey.id, found.survey.term, text(words)])
            )
            counts[1] += 1
    return {results.title: counts[0], suggestions.title: counts[1]}


@dataclass(frozen=True)
class Written:
    rows: dict[str, int]  # per sheet title (first part), data rows
    size: int  # bytes


def _cells(sheet: WriteOnlyWorksheet, values: Iterable[object]) -> list[object]:
    """A formula-looking string (=…) a person typed stays text, never a formula."""
    out: list[object] = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out


def write_export(request: ExportRequest) -> Written:
    """The whole workbook at request.target (runs in a worker process or the command line)."""
    zone = ZoneInfo(request.timezone)
    labels = Labels(Catalog(default=request.lang), request.lang, zone)
    window = Window.of(request.first, request.last, zone)
    book = Workbook(write_only=True)
    about = book.create_sheet(labels("export-sheet-about"))
    made = datetime.now(UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    for line in (
        labels("export-about-title", school=request.school),
        labels("export-about-health"),
        labels("export-about-span", first=str(request.first), last=str(request.last)),
        labels("export-about-made", made=made),
        labels("export-about-times", zone=request.timezone),
        labels("export-about-sheets"),
    ):
        about.append([line])
    counts: dict[str, int] = {}
    conn = rows.open_readonly(request.database)
    try:
        for spec in SHEETS:
            title, header = labels(spec.name), labels(spec.header).split("|")
            sheet, part, written = book.create_sheet(title), 1, 0
            sheet.append(header)
            for row in spec.rows(conn, window):
                if written and written % ROWS_PER_SHEET == 0:
                    part += 1
                    sheet = book.create_sheet(f"{title} ({part})")
                    sheet.append(header)
                sheet.append(_cells(sheet, spec.render(labels, row)))
                written += 1
            counts[title] = written
    finally:
        conn.close()
    counts.update(_survey_sheets(book, labels, request.surveys))
    book.save(request.target)
    return Written(counts, request.target.stat().st_size)


async def export_in_worker(request: ExportRequest) -> Written:
    """write_export in a process of its own: the event loop keeps answering parents while a
    large export is written, and the bot's memory does not grow with it."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        return await asyncio.wrap_future(pool.submit(write_export, request))
    finally:
        await asyncio.to_thread(pool.shutdown)
