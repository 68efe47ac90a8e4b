"""Command line: `python -m bot` runs the bot; subcommands manage data."""

from __future__ import annotations

import argparse
import asyncio
import html
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from pathlib import Path

from pydantic import ValidationError
from telegram import Bot
from telegram.error import TelegramError

from bot.clock import Clock
from bot.config import Settings, describe_error, load_settings
from bot.deps import Deps, get_deps
from bot.i18n import Catalog
from bot.services import people
from bot.services.export import MAX_DAYS as MAX_EXPORT_DAYS
from bot.services.schoolday import MAX_RANGE_DAYS
from bot.storage import people as store
from bot.storage.db import Database, MigrationsMissing, database_problem, require_migrations

EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="MealWatch (食安家长通) Telegram bot"
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot with long polling (the default)")
    sub.add_parser("migrate", help="apply database migrations and exit")
    sub.add_parser(
        "demo", help="try MealWatch without Telegram: simulator, bot and a local chat page"
    )
    classes = sub.add_parser("classes", help="manage classes and invite links")
    classes_sub = classes.add_subparsers(dest="action", required=True)
    imp = classes_sub.add_parser("import", help="import classes from a CSV (年级,班级[,学生数])")
    imp.add_argument("file", type=Path)
    classes_sub.add_parser("list", help="print each class with its invite link")
    menus = sub.add_parser("menus", help="import and push menus")
    menus_sub = menus.add_subparsers(dest="action", required=True)
    mimp = menus_sub.add_parser("import", help="import a menu spreadsheet (.csv or .xlsx)")
    mimp.add_argument("file", type=Path)
    push = menus_sub.add_parser(
        "push", help="queue a day's menu for every active parent (once per date)"
    )
    push.add_argument(
        "--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    push.add_argument("--force", action="store_true", help="push even if it is not a school day")
    cal = sub.add_parser(
        "calendar", help="the school calendar (校历): terms, closed days, holidays"
    )
    cal_sub = cal.add_subparsers(dest="action", required=True)
    cimp = cal_sub.add_parser(
        "import", help="import a 校历 CSV (类型,开始,结束,名称); nothing is imported on any problem"
    )
    cimp.add_argument("file", type=Path)
    show = cal_sub.add_parser("show", help="print the coming days: school day or not, and why")
    show.add_argument(
        "--from", dest="first", type=date.fromisoformat, default=None,
        help="YYYY-MM-DD (default: today)",
    )  # fmt: skip
    show.add_argument("--days", type=_day_count, default=60, help="how many days (1-366)")
    duty = sub.add_parser("duty", help="the 陪餐 duty roster and records")
    duty_sub = duty.add_subparsers(dest="action", required=True)
    dimp = duty_sub.add_parser(
        "import",
        help="import a duty roster CSV (日期,餐次,陪餐领导[,陪餐教师]); nothing on any problem",
    )
    dimp.add_argument("file", type=Path)
    dexp = duty_sub.add_parser("export", help="write the duty records of a date range as .xlsx")
    dexp.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
    dexp.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
    dexp.add_argument("file", type=Path)
    backup = sub.add_parser(
        "backup", help="write a consistent copy of the database (safe while the bot runs)"
    )
    backup.add_argument("file", type=Path)
    exp = sub.add_parser(
        "export",
        help="write cases (with their history), ratings and notices of a period to a .xlsx "
        "(holds children's health details: for administrators only)",
    )
    exp.add_argument(
        "--from", dest="first", type=date.fromisoformat, required=True, help="YYYY-MM-DD"
    )
    exp.add_argument("--to", dest="last", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    exp.add_argument("file", type=Path)
    return parser


def _day_count(value: str) -> int:
    count = int(value)
    if not 1 <= count <= MAX_RANGE_DAYS:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_RANGE_DAYS}")
    return count


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["demo"]:
        # The demo needs no token and keeps its own quiet logging: it prints only its address.
        from bot.demo import main as demo_main

        return demo_main(words[1:])
    args = _parser().parse_args(words)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        settings = load_settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        return EXIT_CONFIG
    try:
        require_migrations()
    except MigrationsMissing as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    problem = database_problem(settings.database_path)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CONFIG
    command = args.command or "run"
    if command == "run":
        return run(settings)
    if command == "migrate":
        return asyncio.run(_with_deps(settings, _migrate))
    if command == "classes" and args.action == "list":
        return asyncio.run(_with_deps(settings, _classes_list))
    if command == "menus" and args.action == "push":
        return asyncio.run(
            _with_deps(settings, partial(_menus_push, day=args.date, force=args.force))
        )
    if command == "backup":
        return asyncio.run(_with_deps(settings, partial(_backup, target=args.file)))
    if command == "export":
        return asyncio.run(
            _with_deps(
                settings, partial(_export, first=args.first, last=args.last, target=args.file)
            )
        )
    if command == "calendar" and args.action == "show":
        return asyncio.run(
            _with_deps(settings, partial(_calendar_show, first=args.first, count=args.days))
        )
    if command == "duty" and args.action == "export":
        return asyncio.run(
            _with_deps(
                settings, partial(_duty_export, first=args.first, last=args.last, path=args.file)
            )
        )
    if args.action == "import":
        data = _read(args.file)
        if data is None:
            return 1
        importers: dict[str, Callable[..., Awaitable[int]]] = {
            "classes": partial(_classes_import, path=args.file),
            "menus": partial(_menus_import, filename=args.file.name),
            "calendar": _calendar_import,
            "duty": _duty_import,
        }
        action = importers[command]
        return asyncio.run(_with_deps(settings, partial(action, data=data)))
    return 1


def run(settings: Settings) -> int:
    from bot.app import build_application

    app = build_application(settings)
    app.run_polling(allowed_updates=None, drop_pending_updates=False)
    # Non-zero when the bot stopped itself (its database went away): a process manager restarts it.
    return 1 if get_deps(app).stopped_because else 0


async def _with_deps(settings: Settings, action: Callable[[Deps], Awaitable[int]]) -> int:
    db = Database(settings.database_path)
    await db.connect()
    try:
        await db.migrate()
        return await action(Deps(settings, db, Catalog(default=settings.default_language), Clock()))
    finally:
        await db.close()


async def _migrate(deps: Deps) -> int:
    print(f"database {deps.db.path} is at schema version {await deps.db.schema_version()}")
    return 0


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror}", file=sys.stderr)
        return None


async def _classes_import(deps: Deps, path: Path, data: bytes) -> int:
    try:
        rows = people.parse_classes_csv(data)
    except people.ClassFileError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    added, updated = await people.import_classes(deps, rows)
    print(f"{added} classes added, {updated} updated")
    return 0


async def _classes_list(deps: Deps) -> int:
    from bot.wire import AiohttpRequest

    settings = deps.settings
    try:
        bot = Bot(
            settings.bot_token,
            base_url=settings.bot_api_base_url,
            request=AiohttpRequest(connection_pool_size=1),
            get_updates_request=AiohttpRequest(connection_pool_size=1),
        )
        async with bot:
            username = bot.username
    except TelegramError as exc:
        print(f"cannot reach the Bot API to learn the bot's username: {exc}", file=sys.stderr)
        return 1
    classes = await store.list_classes(deps.db)
    if not classes:
        print("no classes yet: import them with `python -m bot classes import FILE`")
    for cls in classes:
        print(f"{cls.name}\t{people.invite_link(username, cls)}")
    return 0


async def _menus_import(deps: Deps, filename: str, data: bytes) -> int:
    from bot.services import menus
    from bot.views.menus import import_notes, long_date

    lang = deps.settings.default_language
    catalog = deps.catalog
    result = await menus.parse_upload(deps, data, filename)
    if not result.ok:
        print(html_to_text(catalog.label(lang, "menu-import-problems", count=len(result.problems))))
        for problem in result.problems:
            text = catalog.label(
                lang, f"menu-import-problem-{problem.code}", row=problem.row, value=problem.value
            )
            print(f"  - {html_to_text(text)}")
        return 1
    preview = await menus.preview(deps, result.rows)
    sep = catalog.label(lang, "list-separator")
    print(
        html_to_text(
            catalog.label(
                lang,
                "menu-import-preview",
                days=sep.join(f"{long_date(catalog, lang, d)} {d}" for d in preview.days),
                count=len(preview.days),
                meals=preview.meals,
                dishes=preview.dishes,
            )
        )
    )
    if preview.replaces:
        dates = sep.join(d.isoformat() for d in preview.replaces)
        print(html_to_text(catalog.label(lang, "menu-import-replaces", dates=dates)))
    outcome = await menus.apply_import(deps, result.rows)
    done = catalog.label(lang, "menu-import-done", days=len(outcome.days), dishes=len(result.rows))
    for line in [done, *import_notes(deps, lang, outcome.past, outcome.today)]:
        print(html_to_text(line))
    return 0


async def _menus_push(deps: Deps, day: date | None, force: bool) -> int:
    from bot.services import menus

    when = day or menus.today(deps)
    result = await menus.queue_menu_push(deps, when, force=force)
    lang = deps.settings.default_language
    key = f"push-cli-{result.outcome.value}"
    print(deps.catalog.label(lang, key, date=when.isoformat(), count=result.recipients))
    return 0 if result.outcome in (menus.PushOutcome.QUEUED, menus.PushOutcome.ALREADY) else 1


async def _calendar_import(deps: Deps, data: bytes) -> int:
    from bot.services import calendar

    lang = deps.settings.default_language
    catalog = deps.catalog
    result = await calendar.import_file(deps, data)
    if not result.ok:
        print(catalog.label(lang, "calendar-import-problems", count=len(result.problems)))
        for found in result.problems:
            key = f"calendar-problem-{found.problem.value}"
            print(f"  - {catalog.label(lang, key, row=found.row, value=found.value)}")
        return 1
    opened = sum(o.is_open for o in result.overrides.values())
    print(
        catalog.label(
            lang,
            "calendar-import-done",
            terms=len(result.terms),
            closed=len(result.overrides) - opened,
            opened=opened,
            official=len(result.official),
        )
    )
    return 0


async def _calendar_show(deps: Deps, first: date | None, count: int) -> int:
    from bot.services import calendar, menus
    from bot.views.calendar import show_line

    lang = deps.settings.default_language
    catalog = deps.catalog
    start = first or menus.today(deps)
    days = await calendar.days(deps, start, count)
    print(catalog.label(lang, "calendar-show-title", first=str(start), last=str(days[-1].date)))
    for day in days:
        print(show_line(catalog, lang, day))
    if any(day.guessed for day in days):
        end = await calendar.last_known_day(deps)
        print("\n" + catalog.label(lang, "calendar-show-data-ends", date=str(end)))
    return 0


async def _duty_import(deps: Deps, data: bytes) -> int:
    from bot.services import duty

    lang = deps.settings.default_language
    catalog = deps.catalog
    result = await duty.parse_roster(deps, data)
    if not result.ok:
        print(catalog.label(lang, "duty-import-problems", count=len(result.problems)))
        for found in result.problems:
            key = f"duty-import-problem-{found.code.value}"
            print(f"  - {catalog.label(lang, key, row=found.row, value=found.value)}")
        return 1
    await duty.import_roster(deps, result.rows, None)
    print(catalog.label(lang, "duty-import-done", count=len(result.rows)))
    return 0


async def _duty_export(deps: Deps, first: date, last: date, path: Path) -> int:
    from bot.services import duty_export

    if last < first:
        print("--to must not be before --from", file=sys.stderr)
        return 1
    try:
        records, checks = await duty_export.export(deps, first, last, path)
    except OSError as exc:
        print(f"cannot write {path}: {exc.strerror}", file=sys.stderr)
        return 1
    lang = deps.settings.default_language
    print(
        deps.catalog.label(lang, "duty-export-done", records=records, checks=checks, file=str(path))
    )
    return 0


async def _backup(deps: Deps, target: Path) -> int:
    await deps.db.backup(target)
    print(f"backup written to {target}")
    return 0


async def _export(deps: Deps, first: date, last: date, target: Path) -> int:
    from bot.services.export import ExportSpan, check_span, request
    from bot.views.export import write_export

    span = check_span(first, last)
    if not isinstance(span, ExportSpan):
        lang = deps.settings.default_language
        key = f"export-{span.problem.value}"
        print(
            deps.catalog.label(lang, key, first=str(first), last=str(last), max=MAX_EXPORT_DAYS),
            file=sys.stderr,
        )
        return 1
    if target.suffix.lower() != ".xlsx":
        print(f"{target}: the export is an Excel workbook; name it *.xlsx", file=sys.stderr)
        return 1
    wanted = await request(deps, span, target, deps.settings.default_language)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        written = await asyncio.to_thread(write_export, wanted)
    except OSError as exc:
        print(f"cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for sheet, count in written.rows.items():
        print(f"{sheet}: {count} rows")
    print(
        f"export written to {target} ({written.size / 1024 / 1024:.1f} MB); it holds children's health details"
    )
    return 0


def html_to_text(text: str) -> str:
    """Catalog strings carry Telegram HTML; a terminal wants plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


if __name__ == "__main__":
    sys.exit(main())
