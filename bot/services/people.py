"""Parents, children, classes and roles: the rules of joining and of who may do what."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import timedelta

from bot.deps import Deps
from bot.i18n import pick_language
from bot.services.inputs import parse_int, visible_text
from bot.services.menu_parser import ALLERGENS
from bot.storage import people as store

# Re-exported: handlers name these types without reaching into storage.
from bot.storage.people import ChildRecord as ChildRecord
from bot.storage.people import ClassRecord as ClassRecord
from bot.storage.people import Conversation as Conversation
from bot.storage.people import UserRecord as UserRecord

CHILD_NAME_MAX = 30
FLOW_TTL = timedelta(minutes=30)
ROLES = ("admin", "duty")


@dataclass(frozen=True)
class Person:
    user: UserRecord
    is_admin: bool
    roles: frozenset[str]

    @property
    def lang(self) -> str:
        return self.user.language


async def touch(
    deps: Deps, user_id: int, first_name: str, username: str | None, language_code: str | None
) -> Person:
    """The person behind an update, created on first contact (language from Telegram's)."""
    user = await store.get_user(deps.db, user_id)
    if user is None or user.first_name != first_name or user.username != username:
        language = pick_language(language_code, deps.settings.default_language)
        user = await store.ensure_user(
            deps.db, user_id, first_name, username, language, deps.clock.now()
        )
    roles = frozenset(await store.roles_of(deps.db, user_id))
    return Person(user, user_id in deps.settings.admin_ids or "admin" in roles, roles)


async def is_admin(deps: Deps, user_id: int) -> bool:
    return user_id in deps.settings.admin_ids or "admin" in await store.roles_of(deps.db, user_id)


async def roles(deps: Deps, user_id: int) -> frozenset[str]:
    return frozenset(await store.roles_of(deps.db, user_id))


async def admin_ids(deps: Deps) -> list[int]:
    """The administrators the bot can write to: only people it has met. Telegram refuses a
    message to someone who never opened the bot ("chat not found"); ADMIN_IDS may list such
    people until they send /start."""
    granted = await store.users_with_role(deps.db, "admin")
    candidates = sorted(set(deps.settings.admin_ids) | set(granted))
    return await store.known_ids(deps.db, candidates)


async def user(deps: Deps, user_id: int) -> UserRecord | None:
    return await store.get_user(deps.db, user_id)


async def language_for(deps: Deps, user_id: int) -> str:
    """The language to write to this person in: theirs, or the school's for someone unknown."""
    found = await store.get_user(deps.db, user_id)
    return found.language if found is not None else deps.settings.default_language


async def reactivate(deps: Deps, user_id: int) -> None:
    """A person who stopped the bot (or was marked blocked) and writes again gets messages again."""
    await store.set_status(deps.db, user_id, "active", deps.clock.now())


async def mark_blocked(deps: Deps, user_id: int) -> None:
    """The person blocked the bot: nothing more is sent until they write again."""
    await store.set_status(deps.db, user_id, "blocked", deps.clock.now())


async def stop(deps: Deps, user_id: int) -> None:
    """/stop: no more menus or notices, and any flow half-way is dropped."""
    await store.set_status(deps.db, user_id, "inactive", deps.clock.now())
    await store.clear_conversation(deps.db, user_id)


async def set_language(deps: Deps, user_id: int, language: str) -> None:
    await store.set_language(deps.db, user_id, language, deps.clock.now())


async def set_menu_opt_in(deps: Deps, user_id: int, opt_in: bool) -> None:
    await store.set_menu_opt_in(deps.db, user_id, opt_in, deps.clock.now())


async def forget(deps: Deps, user_id: int) -> None:
    """/deletedata: the person, their roles, children and flow (their reports are anonymised
    by the feedback storage's own rules)."""
    await store.delete_user(deps.db, user_id)


async def grant(deps: Deps, user_id: int, role: str, by: int) -> bool:
    """False when the person already had the role."""
    return await store.grant_role(deps.db, user_id, role, by, deps.clock.now())


async def revoke(deps: Deps, user_id: int, role: str | None) -> int:
    """How many roles were taken away (all of them when role is None)."""
    return await store.revoke_roles(deps.db, user_id, role)


# ---- classes and children ------------------------------------------------------------------------


async def class_by_code(deps: Deps, code: str) -> ClassRecord | None:
    return await store.class_by_code(deps.db, code[:64])


async def class_by_id(deps: Deps, class_id: int) -> ClassRecord | None:
    return await store.class_by_id(deps.db, class_id)


async def children_of(deps: Deps, user_id: int) -> list[ChildRecord]:
    return await store.children_of(deps.db, user_id)


async def remove_child(deps: Deps, child_id: int) -> None:
    await store.delete_child(deps.db, child_id)


class ClassFileError(ValueError):
    """A classes CSV that cannot be imported; the message names the row."""


_GRADE_HEADERS = {"年级", "grade"}
_CLASS_HEADERS = {"班级", "class", "class name"}
_COUNT_HEADERS = {"学生数", "人数", "students", "head count", "headcount"}


def parse_classes_csv(data: bytes) -> list[tuple[str, str, int | None]]:
    """(grade, class, head count) rows from a CSV with 年级,班级[,学生数] or grade,class[,students]."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]

    def column(names: set[str]) -> int | None:
        return next((i for i, h in enumerate(header) if h in names), None)

    grade_col, class_col, count_col = (
        column(_GRADE_HEADERS),
        column(_CLASS_HEADERS),
        column(_COUNT_HEADERS),
    )
    if grade_col is None or class_col is None:
        raise ClassFileError("the header row must have 年级,班级 (or grade,class) columns")
    rows: list[tuple[str, str, int | None]] = []
    seen: set[str] = set()
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        grade, name = cells[grade_col].strip(), cells[class_col].strip()
        if not grade or not name:
            raise ClassFileError(f"row {number}: grade and class must not be empty")
        if name in seen:
            raise ClassFileError(f"row {number}: class {name} appears twice")
        seen.add(name)
        count: int | None = None
        if count_col is not None and cells[count_col].strip():
            try:
                count = int(cells[count_col].strip())
            except ValueError as exc:
                raise ClassFileError(
                    f"row {number}: head count {cells[count_col]!r} is not a number"
                ) from exc
        rows.append((grade, name, count))
    if not rows:
        raise ClassFileError("the file has no classes")
    return rows


def new_invite_code() -> str:
    # 8 URL-safe characters: 48 random bits, short enough for a QR code, not guessable.
    return secrets.token_urlsafe(6)


async def import_classes(deps: Deps, rows: list[tuple[str, str, int | None]]) -> tuple[int, int]:
    return await store.upsert_classes(
        deps.db, [(grade, name, count, new_invite_code()) for grade, name, count in rows]
    )


def invite_link(bot_username: str, cls: ClassRecord) -> str:
    return f"https://t.me/{bot_username}?start={cls.invite_code}"


async def grades(deps: Deps) -> list[str]:
    seen: dict[str, None] = {}
    for cls in await store.list_classes(deps.db):
        seen.setdefault(cls.grade)
    return list(seen)


async def classes_in_grade(deps: Deps, grade_index: int) -> tuple[str, list[ClassRecord]] | None:
    names = await grades(deps)
    if not 0 <= grade_index < len(names):
        return None
    grade = names[grade_index]
    return grade, [c for c in await store.list_classes(deps.db) if c.grade == grade]


# ---- the child flow: name → allergens → saved --------------------------------------------------

CHILD_FLOW = "child"


async def begin_child(deps: Deps, user_id: int, class_id: int, child_id: int | None = None) -> None:
    data: dict[str, object] = {"class_id": class_id, "allergens": []}
    if child_id is not None:
        child = await store.get_child(deps.db, child_id)
        if child is not None:
            data.update(child_id=child_id, name=child.name, allergens=list(child.allergens))
    await store.save_conversation(
        deps.db, user_id, CHILD_FLOW, "name", data, deps.clock.now() + FLOW_TTL
    )


async def set_child_name(deps: Deps, conv: Conversation, name: str | None) -> Conversation:
    data = dict(conv.data)
    if name is not None:
        data["name"] = name
    expires = deps.clock.now() + FLOW_TTL
    await store.save_conversation(deps.db, conv.user_id, CHILD_FLOW, "allergens", data, expires)
    return Conversation(conv.user_id, CHILD_FLOW, "allergens", data, expires)


def clean_child_name(text: str) -> str | None:
    """The name as it will be stored ("" when nothing visible is left), or None when too long."""
    name = visible_text(" ".join(text.split()))
    return name if len(name) <= CHILD_NAME_MAX else None


async def toggle_allergen(deps: Deps, conv: Conversation, key: str) -> Conversation:
    chosen: list[str] = list(conv.data.get("allergens", []))
    if key in chosen:
        chosen.remove(key)
    elif key in ALLERGENS:
        chosen.append(key)
    data = {**conv.data, "allergens": [a for a in ALLERGENS if a in chosen]}
    await store.save_conversation(
        deps.db, conv.user_id, conv.flow, conv.step, data, conv.expires_at
    )
    return Conversation(conv.user_id, conv.flow, conv.step, data, conv.expires_at)


async def finish_child(deps: Deps, conv: Conversation, no_allergens: bool) -> ChildRecord | None:
    """Save the child (new or edited), end the flow; None when the class vanished meanwhile."""
    allergens = () if no_allergens else tuple(conv.data.get("allergens", []))
    name = str(conv.data.get("name", ""))
    child_id = conv.data.get("child_id")
    if isinstance(child_id, int) and await owned_child(deps, conv.user_id, child_id) is not None:
        await store.update_child(deps.db, child_id, name, allergens)
    else:
        cls = await store.class_by_id(deps.db, int(conv.data["class_id"]))
        if cls is None:
            await store.clear_conversation(deps.db, conv.user_id)
            return None
        child_id = await store.add_child(
            deps.db, conv.user_id, cls.id, name, allergens, deps.clock.now()
        )
    await store.clear_conversation(deps.db, conv.user_id)
    await store.set_status(deps.db, conv.user_id, "active", deps.clock.now())
    return await store.get_child(deps.db, child_id)


async def owned_child(deps: Deps, user_id: int, child_id: int) -> ChildRecord | None:
    child = await store.get_child(deps.db, child_id)
    return child if child is not None and child.parent_id == user_id else None


# ---- roles -----------------------------------------------------------------------------------


def parse_role_args(args: list[str], role_required: bool) -> tuple[int, str | None] | None:
    if not args or len(args) > 2 or (role_required and len(args) != 2):
        return None
    # People have positive ids; groups' are negative, and 0 is nobody.
    user_id = parse_int(args[0], low=1)
    if user_id is None:
        return None
    role = args[1].lower() if len(args) == 2 else None
    if role is not None and role not in ROLES:
        return None
    return user_id, role
