"""Shared test set-up: parents in bulk, menus, spreadsheets."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from bot import samples
from bot.services import menus
from bot.services.menu_parser import parse_menu_file
from bot.storage import people as store
from tests.conftest import MONDAY, Harness


def sample_menu() -> bytes:
    """The sample week laid onto the test clock's week."""
    return samples.week_on(MONDAY)


def sample_xlsx(path: Path | None = None) -> bytes:
    """The sample week as an .xlsx with real date cells, as Excel saves it."""
    lines = sample_menu().decode("utf-8").splitlines()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for number, line in enumerate(lines):
        cells: list[object] = list(line.split(","))
        if number:
            cells[0] = date.fromisoformat(str(cells[0]))
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def import_menu(
    h: Harness, data: bytes, filename: str = "menu.csv", today: date | None = None
) -> None:
    result = parse_menu_file(data, filename, today or menus.today(h.deps))
    assert result.ok, result.problems
    await menus.apply_import(h.deps, result.rows)


async def add_parents(
    h: Harness,
    first_id: int,
    count: int,
    class_name: str = "初一(1)班",
    allergens: tuple[str, ...] = (),
) -> list[int]:
    """Parents who joined earlier (and opened their chat), written straight to storage."""
    classes = {c.name: c for c in await store.list_classes(h.deps.db)}
    ids = list(range(first_id, first_id + count))
    now = h.clock.now()
    for user_id in ids:
        h.sim.add_user(user_id, f"家长{user_id}", "zh", open_chat=True)
        await store.ensure_user(h.deps.db, user_id, f"家长{user_id}", None, "zh", now)
        await store.add_child(
            h.deps.db, user_id, classes[class_name].id, f"孩子{user_id}", allergens, now
        )
    return ids
