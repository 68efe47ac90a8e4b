"""What an administrator or a duty leader sees on /start: what they can do, and the common
tasks as buttons (each feature's handler answers its own home button: views.buttons.HOME)."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import Catalog
from bot.services.people import Person
from bot.views.buttons import HOME, HomeTask

Rows = list[list[tuple[str, str]]]

_ADMIN_TASKS = (
    (HomeTask.MENU_IMPORT, HomeTask.NOTICE),
    (HomeTask.SCHOOL_DAYS, HomeTask.CASES),
)


def is_staff(person: Person) -> bool:
    """Someone whose /start is not a parent's: an administrator or a duty leader."""
    return person.is_admin or "duty" in person.roles


def staff_welcome(
    catalog: Catalog, lang: str, person: Person, school: str, remind_before: timedelta
) -> tuple[str, Rows]:
    if not person.is_admin:
        minutes = str(int(remind_before.total_seconds() // 60))
        return catalog.t(lang, "home-duty", school=school, minutes=minutes), []
    rows = [
        [(catalog.label(lang, f"home-button-{task}"), HOME.build(task)) for task in row]
        for row in _ADMIN_TASKS
    ]
    return catalog.t(lang, "home-admin", school=school), rows
