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


def modules_in(package: str) -> dict[str, Path]:
    """bot.<package>'s modules (name → file), the package's __init__ left out."""
    folder = ROOT / "bot" / package
    return {
        f"bot.{package}.{path.stem}": path
        for path in sorted(folder.glob("*.py"))
        if path.stem != "__init__"
    }


def imports_under(path: Path, prefix: str) -> set[str]:
    """The modules under `prefix` (a package) that the file imports, from either import form."""
    found: set[str] = set()
    for name in imported_modules(path):
        if name.startswith(prefix + "."):
            found.add(".".join(name.split(".")[: prefix.count(".") + 2]))
    return found


# Shared by every handler: helpers (common) and the routing of free messages to flows (flows).
SHARED_HANDLER_MODULES = {"bot.handlers.common", "bot.handlers.flows"}


def test_jobs_and_notify_never_import_handlers() -> None:
    """Scheduled work sends through bot.notify and decides through services, as handlers do."""
    offenders = {
        name: sorted(imports_under(path, "bot.handlers"))
        for package in ("jobs", "notify")
        for name, path in modules_in(package).items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_handler_modules_import_only_the_shared_handler_modules() -> None:
    offenders = {
        name: sorted(imports_under(path, "bot.handlers") - SHARED_HANDLER_MODULES - {name})
        for name, path in modules_in("handlers").items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_handlers_call_services_never_storage() -> None:
    """The rule in bot/handlers/__init__.py."""
    using = {
        name
        for name, path in modules_in("handlers").items()
        if "bot.storage" in imports_under(path, "bot")
    }
    assert using == set()


def test_services_and_storage_know_nothing_of_telegram_facing_layers() -> None:
    """No Telegram in services or storage: they import no handlers, views, notify or jobs."""
    above = {"bot.handlers", "bot.views", "bot.notify", "bot.jobs"}
    offenders = {
        name: sorted(imports_under(path, "bot") & above)
        for package in ("services", "storage")
        for name, path in modules_in(package).items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_services_storage_and_the_group_handler_stay_small() -> None:
    """Rooms a reader can take in at once (issue 10): every services and storage module, and
    the group's handlers, under ~450 lines."""
    paths = [
        *(ROOT / "bot" / "services").glob("*.py"),
        *(ROOT / "bot" / "storage").glob("*.py"),
        ROOT / "bot" / "handlers" / "group.py",
    ]
    sizes = {str(p.relative_to(ROOT)): len(p.read_text("utf-8").splitlines()) for p in paths}
    assert {name: size for name, size in sizes.items() if size > 450} == {}
