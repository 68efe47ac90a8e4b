"""The house rules a reader relies on, held by walking the imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from telegram.ext import ExtBot

from bot.app import BROADCAST_KINDS
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.outbox import KindHandlers, Outbox, UnregisteredKind
from bot.deps import Deps
from bot.i18n import Catalog
from bot.storage.db import Database
from bot.storage.outbox import BroadcastKind

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_test_module_imports_another() -> None:
    """Shared set-up lives in tests/helpers.py and tests/conftest.py."""
    offenders = {
        path.name: sorted(m for m in imported_modules(path) if m.startswith("tests.test_"))
        for path in sorted((ROOT / "tests").glob("test_*.py"))
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_an_unregistered_broadcast_kind_stops_the_start(tmp_path: Path) -> None:
    """A kind left out of the wiring would mark every row of it "no longer a recipient"."""
    settings = Settings(_env_file=None, bot_token="1:T", database_path=tmp_path / "db")
    deps = Deps(settings, Database(settings.database_path), Catalog(), Clock())
    kinds: dict[BroadcastKind, KindHandlers] = {
        k: v for k, v in BROADCAST_KINDS.items() if k is not BroadcastKind.CALENDAR
    }
    with pytest.raises(UnregisteredKind, match="calendar"):
        Outbox(deps, ExtBot(token="1:T"), kinds)
    assert set(BROADCAST_KINDS) == set(BroadcastKind)


def test_nothing_registers_itself_on_import() -> None:
    """Registration happens in build_application, where a reader can see all of it."""
    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for marker in ("@every_tick", "@renderer(", "@watcher(", "@preparer(", "@flows."):
            if marker in text:
                offenders.append(f"{path.relative_to(ROOT)}: {marker}")
    assert offenders == []
