"""The demo's school: who is in it, and the sample data it starts with.

Everything is written through the same services and storage functions the bot uses (the classes
import, the menu parser and import), so the demo shows the product's real behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot import samples
from bot.deps import Deps
from bot.services import menus, people
from bot.services.menu_parser import parse_menu_file
from bot.storage import people as store

BOT_ID = 100_000
BOT_TOKEN = f"{BOT_ID}:MEALWATCH-DEMO-TOKEN"
BOT_USERNAME = "MealWatchDemoBot"
BOT_NAME = "食安家长通 MealWatch"
SCHOOL = "第一中学 (No. 1 Middle School)"


@dataclass(frozen=True)
class DemoUser:
    id: int
    name: str
    language: str = "zh"


# The parent shown on the page: not yet joined, so the demo starts at the invite link.
PARENT = DemoUser(1001, "王芳")
PARENT_CLASS = "初一(2)班"
ADMIN = DemoUser(900, "陈主任")
STAFF = (DemoUser(801, "刘建国"), DemoUser(802, "孙丽"))
GROUP_ID = -1_009_000_000_001
GROUP_TITLE = "食品安全工作组"


@dataclass(frozen=True)
class SeededParent:
    person: DemoUser
    class_name: str
    child: str
    allergens: tuple[str, ...]


# Parents who joined before the demo starts, so a push or notice reaches more than one chat.
SEEDED_PARENTS = (
    SeededParent(DemoUser(2001, "李娜"), "初一(1)班", "张伟", ("peanut",)),
    SeededParent(DemoUser(2002, "Emily Chen", "en"), "初二(1)班", "Leo", ("milk", "egg")),
    SeededParent(DemoUser(2003, "赵强"), "初三(2)班", "赵小雨", ()),
)
MENU_DAYS = 7


def menu_week(today: date) -> bytes:
    """The sample week laid from today over MENU_DAYS days, so "push today's menu" has a menu
    whatever the weekday."""
    return samples.week_on(today, MENU_DAYS)


async def seed(deps: Deps) -> None:
    """Fill an empty database; a kept --data folder only gets a fresh menu week when today
    has no menu."""
    if not await store.list_classes(deps.db):
        await people.import_classes(deps, people.parse_classes_csv(samples.read("classes.csv")))
    classes = {c.name: c for c in await store.list_classes(deps.db)}
    now = deps.clock.now()
    for parent in SEEDED_PARENTS:
        who = parent.person
        if await store.get_user(deps.db, who.id) is None:
            await store.ensure_user(deps.db, who.id, who.name, None, who.language, now)
            await store.add_child(
                deps.db, who.id, classes[parent.class_name].id, parent.child, parent.allergens, now
            )
    today = menus.today(deps)
    if not await menus.dishes_on(deps, today):
        result = parse_menu_file(menu_week(today), "menu-week.csv", today)
        if not result.ok:  # the shipped file is ours: a problem here is a bug
            raise RuntimeError(f"sample menu rejected: {result.problems}")
        await menus.apply_import(deps, result.rows)


async def invite_link(deps: Deps) -> tuple[str, str]:
    """(the demo parent's class invite link, its /start code)."""
    cls = next(c for c in await store.list_classes(deps.db) if c.name == PARENT_CLASS)
    return people.invite_link(deps.bot_username, cls), cls.invite_code
