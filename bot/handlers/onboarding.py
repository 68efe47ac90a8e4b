"""/start with an invite code, the class picker, children, language, stop, data, roles, help."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers import flows
from bot.handlers.common import (
    App,
    Ctx,
    allergen_names,
    answer,
    child_label,
    deps_of,
    edit_or_send,
    label,
    person_of,
    query_of,
    stale,
    t,
    with_person,
)
from bot.i18n import Html
from bot.notify.commands import publish_commands_for
from bot.services import feedback, people, survey
from bot.services.menu_parser import ALLERGENS
from bot.services.people import ChildRecord, Conversation, Person
from bot.views.buttons import (
    CHILD,
    ERASE,
    KIDS,
    LANGUAGE,
    PICK,
    ChildAction,
    ChildPress,
    KidsAction,
    KidsPress,
    Pick,
    PickKind,
)
from bot.views.home import is_staff, staff_welcome
from bot.views.keyboards import keyboard

log = logging.getLogger(__name__)
SKIP_NAME = CHILD.build(ChildPress(ChildAction.SKIP))
PRIVATE = filters.ChatType.PRIVATE


# ---- /start and the class picker ----------------------------------------------------------------


@with_person
async def start(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    if is_staff(who):
        await publish_commands_for(context.bot, deps, who.user.id, lang)
    if who.user.status != "active":
        await people.reactivate(deps, who.user.id)
        if not context.args:
            await answer(update, context, t(context, lang, "welcome-back"))
    code = context.args[0] if context.args else None
    if code:
        cls = await people.class_by_code(deps, code)
        if cls is not None:
            await _ask_child_name(update, context, who, cls.id, cls.name)
            return
        await _grade_picker(update, context, lang, "unknown-code")
        return
    if is_staff(who):
        text, rows = staff_welcome(
            deps.catalog, lang, who, deps.school(lang), deps.settings.duty_reminder_before
        )
        await answer(update, context, text, keyboard(rows) if rows else None)
        return
    children = await people.children_of(deps, who.user.id)
    if children:
        if who.user.status == "active":
            await answer(
                update,
                context,
                t(
                    context,
                    lang,
                    "already-registered",
                    children=Html(_escaped_lines(context, lang, children)),
                ),
            )
        return
    await _grade_picker(update, context, lang, "no-code", school=deps.school(lang))


async def _grade_picker(update: Update, context: Ctx, lang: str, key: str, **args: str) -> None:
    grades = await people.grades(deps_of(context))
    if not grades:
        await answer(update, context, t(context, lang, "no-classes"))
        return
    rows = [[(g, PICK.build(Pick(PickKind.GRADE, i)))] for i, g in enumerate(grades)]
    await answer(update, context, t(context, lang, key, **args), keyboard(rows))


async def pick(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    lang = who.lang
    pressed = PICK.parse(data)
    deps = deps_of(context)
    if pressed is not None and pressed.kind is PickKind.GRADE:
        found = await people.classes_in_grade(deps, pressed.number)
        if found is not None:
            grade, classes = found
            await query.answer()
            rows = [[(c.name, PICK.build(Pick(PickKind.CLASS, c.id)))] for c in classes]
            await edit_or_send(
                query, context, t(context, lang, "pick-class", grade=grade), keyboard(rows)
            )
            return
    if pressed is not None and pressed.kind is PickKind.CLASS:
        cls = await people.class_by_id(deps, pressed.number)
        if cls is not None:
            await query.answer()
            await _ask_child_name(update, context, who, cls.id, cls.name)
            return
    await stale(query, context, lang)


async def _ask_child_name(
    update: Update, context: Ctx, who: Person, class_id: int, class_name: str
) -> None:
    deps = deps_of(context)
    await people.begin_child(deps, who.user.id, class_id)
    text = t(
        context, who.lang, "welcome-class", school=deps.school(who.lang), **{"class": class_name}
    )
    markup = keyboard([[(label(context, who.lang, "button-skip"), SKIP_NAME)]])
    await answer(update, context, text, markup)


# ---- the child flow -------------------------------------------------------------------------------


async def child_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    message = update.effective_message
    assert message is not None
    if conv.step != "name":
        await _show_allergens(update, context, who, conv, fresh=True)
        return
    if not message.text:
        await answer(update, context, t(context, who.lang, "child-name-empty"))
        return
    name = people.clean_child_name(message.text)
    if name is None:
        await answer(
            update, context, t(context, who.lang, "child-name-too-long", max=people.CHILD_NAME_MAX)
        )
        return
    if not name:
        await answer(update, context, t(context, who.lang, "child-name-empty"))
        return
    conv = await people.set_child_name(deps_of(context), conv, name)
    await _show_allergens(update, context, who, conv, fresh=True)


async def child_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    conv = await flows.current_flow(context, who, people.CHILD_FLOW)
    if conv is None:
        await stale(query, context, who.lang)
        return
    pressed = CHILD.parse(data)
    action = pressed.action if pressed is not None else None
    if action is ChildAction.SKIP and conv.step == "name":
        await query.answer()
        conv = await people.set_child_name(deps, conv, None)
        await _show_allergens(update, context, who, conv, fresh=True)
        return
    if conv.step != "allergens":
        await stale(query, context, who.lang)
        return
    if pressed is not None and action is ChildAction.ALLERGEN:
        conv = await people.toggle_allergen(deps, conv, pressed.allergen)
        await query.answer()
        await _show_allergens(update, context, who, conv, fresh=False)
        return
    if action in (ChildAction.NONE, ChildAction.DONE):
        await query.answer()
        child = await people.finish_child(deps, conv, no_allergens=action is ChildAction.NONE)
        if child is None:
            await edit_or_send(query, context, t(context, who.lang, "stale-button"))
            return
        await edit_or_send(query, context, _saved_text(context, who.lang, child))
        await survey.invite_newcomer(deps, who.user.id)
        return
    await stale(query, context, who.lang)


async def _show_allergens(
    update: Update, context: Ctx, who: Person, conv: Conversation, fresh: bool
) -> None:
    lang = who.lang
    chosen = set(conv.data.get("allergens", []))
    rows: list[list[tuple[str, str]]] = []
    for i in range(0, len(ALLERGENS), 2):
        rows.append(
            [
                (
                    ("✅ " if a in chosen else "") + label(context, lang, f"allergen-{a}"),
                    CHILD.build(ChildPress(ChildAction.ALLERGEN, a)),
                )
                for a in ALLERGENS[i : i + 2]
            ]
        )
    rows.append(
        [
            (
                label(context, lang, "button-allergen-none"),
                CHILD.build(ChildPress(ChildAction.NONE)),
            ),
            (label(context, lang, "button-done"), CHILD.build(ChildPress(ChildAction.DONE))),
        ]
    )
    text = t(
        context,
        lang,
        "ask-allergens",
        child=child_label(context, lang, str(conv.data.get("name", ""))),
    )
    if not fresh and update.callback_query is not None:
        await edit_or_send(update.callback_query, context, text, keyboard(rows))
    else:
        await answer(update, context, text, keyboard(rows))


def _saved_text(context: Ctx, lang: str, child: ChildRecord) -> str:
    return t(
        context,
        lang,
        "child-saved",
        child=child_label(context, lang, child.name),
        allergens=allergen_names(context, lang, child.allergens),
        **{"class": child.class_name},
    )


# ---- /children -------------------------------------------------------------------------------------


@with_person
async def children_command(update: Update, context: Ctx, who: Person) -> None:
    await _children_overview(update, context, who, edit=False)


async def _children_overview(update: Update, context: Ctx, who: Person, edit: bool) -> None:
    lang = who.lang
    children = await people.children_of(deps_of(context), who.user.id)
    rows: list[list[tuple[str, str]]] = []
    for c in children:
        name = child_label(context, lang, c.name)
        rows.append(
            [
                (
                    label(context, lang, "button-edit-child", child=name),
                    KIDS.build(KidsPress(KidsAction.EDIT, c.id)),
                ),
                (
                    label(context, lang, "button-remove-child", child=name),
                    KIDS.build(KidsPress(KidsAction.REMOVE, c.id)),
                ),
            ]
        )
    rows.append([(label(context, lang, "button-add-child"), KIDS.build(KidsPress(KidsAction.ADD)))])
    if children:
        text = t(
            context, lang, "children-list", children=Html(_escaped_lines(context, lang, children))
        )
    else:
        text = t(context, lang, "children-empty")
    if edit and update.callback_query is not None:
        await edit_or_send(update.callback_query, context, text, keyboard(rows))
    else:
        await answer(update, context, text, keyboard(rows))


def _escaped_lines(context: Ctx, lang: str, children: list[ChildRecord]) -> str:
    return "\n".join(
        t(
            context,
            lang,
            "child-line",
            child=child_label(context, lang, c.name),
            allergens=allergen_names(context, lang, c.allergens),
            **{"class": c.class_name},
        )
        for c in children
    )


async def children_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    pressed = KIDS.parse(data)
    action = pressed.action if pressed is not None else None
    if action is KidsAction.ADD:
        await query.answer()
        await _grade_picker(update, context, lang, "pick-grade")
        return
    if action is KidsAction.KEEP:
        await query.answer()
        await _children_overview(update, context, who, edit=True)
        return
    child = (
        None if pressed is None else await people.owned_child(deps, who.user.id, pressed.child_id)
    )
    if child is None:
        await stale(query, context, lang)
        return
    name = child_label(context, lang, child.name)
    await query.answer()
    if action is KidsAction.EDIT:
        await people.begin_child(deps, who.user.id, child.class_id, child.id)
        markup = keyboard([[(label(context, lang, "button-skip"), SKIP_NAME)]])
        await answer(update, context, t(context, lang, "edit-child-name", child=name), markup)
    elif action is KidsAction.REMOVE:
        markup = keyboard(
            [
                [
                    (
                        label(context, lang, "button-yes-remove"),
                        KIDS.build(KidsPress(KidsAction.REMOVE_CONFIRMED, child.id)),
                    ),
                    (label(context, lang, "button-keep"), KIDS.build(KidsPress(KidsAction.KEEP))),
                ]
            ]
        )
        await edit_or_send(
            query, context, t(context, lang, "confirm-remove-child", child=name), markup
        )
    elif action is KidsAction.REMOVE_CONFIRMED:
        await people.remove_child(deps, child.id)
        await edit_or_send(query, context, t(context, lang, "child-removed", child=name))


# ---- language, stop, help, data -----------------------------------------------------------------


@with_person
async def language_command(update: Update, context: Ctx, who: Person) -> None:
    await answer(
        update,
        context,
        t(context, who.lang, "language-pick"),
        keyboard([[("中文", LANGUAGE.build("zh")), ("English", LANGUAGE.build("en"))]]),
    )


async def language_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    lang = LANGUAGE.parse(data)
    if lang is None:
        await stale(query, context, who.lang)
        return
    deps = deps_of(context)
    await people.set_language(deps, who.user.id, lang)
    await query.answer()
    await edit_or_send(query, context, t(context, lang, "language-set"))
    await publish_commands_for(context.bot, deps, who.user.id, lang)


@with_person
async def stop(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    await people.stop(deps, who.user.id)
    await answer(update, context, t(context, who.lang, "stopped"))


@with_person
async def help_command(update: Update, context: Ctx, who: Person) -> None:
    text = t(context, who.lang, "help-parent")
    if who.is_admin:
        text += "\n\n" + t(context, who.lang, "help-admin")
    await answer(update, context, text)


@with_person
async def mydata(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    user = who.user
    children = await people.children_of(deps, user.id)
    roles = sorted(who.roles | ({"admin"} if who.is_admin else set()))
    sep = label(context, lang, "list-separator")
    text = t(
        context,
        lang,
        "mydata",
        id=str(user.id),
        name=user.first_name,
        language="中文" if user.language == "zh" else "English",
        status=label(context, lang, f"status-{user.status}"),
        menu=label(context, lang, "mydata-on" if user.menu_opt_in else "mydata-off"),
        # A parent has no role: no "角色：无" line for them.
        roles=Html(
            "\n"
            + t(
                context,
                lang,
                "mydata-roles",
                roles=sep.join(label(context, lang, f"role-{r}") for r in roles),
            )
        )
        if roles
        else "",
        joined=user.created_at.astimezone(deps.settings.tz).strftime("%Y-%m-%d %H:%M"),
        children=Html(_escaped_lines(context, lang, children))
        if children
        else label(context, lang, "allergens-none"),
        reports=str(await feedback.report_count(deps, user.id)),
    )
    await answer(update, context, text)


@with_person
async def deletedata(update: Update, context: Ctx, who: Person) -> None:
    lang = who.lang
    markup = keyboard(
        [
            [
                (label(context, lang, "button-delete-yes"), ERASE.build(True)),
                (label(context, lang, "button-delete-no"), ERASE.build(False)),
            ]
        ]
    )
    await answer(update, context, t(context, lang, "deletedata-confirm"), markup)


async def deletedata_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    erase = ERASE.parse(data)
    if erase is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    if erase:
        await people.forget(deps_of(context), who.user.id)
        await edit_or_send(query, context, t(context, who.lang, "deletedata-done"))
    else:
        await edit_or_send(query, context, t(context, who.lang, "deletedata-kept"))


def register(app: App, routes: flows.Routes) -> None:
    routes.flow(people.CHILD_FLOW, child_message)
    for name, callback in (
        ("start", start),
        ("children", children_command),
        ("language", language_command),
        ("stop", stop),
        ("mydata", mydata),
        ("deletedata", deletedata),
    ):
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    app.add_handler(CommandHandler("help", help_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(pick, pattern=r"^pick:"))
    app.add_handler(CallbackQueryHandler(child_button, pattern=r"^child:"))
    app.add_handler(CallbackQueryHandler(children_button, pattern=r"^kids:"))
    app.add_handler(CallbackQueryHandler(language_button, pattern=r"^lang:"))
    app.add_handler(CallbackQueryHandler(deletedata_button, pattern=r"^erase:"))
