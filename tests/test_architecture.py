"""The house rules a reader relies on, held by walking the imports."""

from __future__ import annotations

import ast
from pathlib import Path

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


# Handler modules outside the feedback/case area that still reach storage. Take a module out of
# this list when it stops: the test fails until the list says what the code does.
HANDLERS_USING_STORAGE = {"bot.handlers.errors", "bot.handlers.menus", "bot.handlers.notices"}
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
        if imports_under(path, "bot") & {"bot.storage"}
    }
    assert using == HANDLERS_USING_STORAGE


def test_services_and_storage_know_nothing_of_telegram_facing_layers() -> None:
    """No Telegram in services or storage: they import no handlers, views, notify or jobs."""
    above = {"bot.handlers", "bot.views", "bot.notify", "bot.jobs"}
    offenders = {
        name: sorted(imports_under(path, "bot") & above)
        for package in ("services", "storage")
        for name, path in modules_in(package).items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}
