"""Cases in the food-safety group: cards (with the words too long for them and their album),
outbreak alerts and summaries, escalations, what the parent sent, and /case's full view.

Every message sent about a case is linked to it (services.cases.link), so a reply to any of them
is about the case.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.deps import Deps
from bot.notify.admins import tell_admins
from bot.notify.group import (
    Anchor,
    lines_to_group,
    photos_to_group,
    reply_to,
    send_lines,
    send_photos,
    text_to_group,
    to_group,
)
from bot.services import case_cards, cases, group_chat, reminders
from bot.services.cases import Case, Cluster, LinkKind, MessageLink
from bot.views import cases as view

log = logging.getLogger(__name__)

# The card is stored as soon as it is sent: (chat id, message id) → None
CardRecorder = Callable[[int, int], Awaitable[None]]


def card_of(case: Case | None) -> Anchor | None:
    if case is None or case.card_chat_id is None or case.card_message_id is None:
        return None
    return Anchor(case.card_chat_id, case.card_message_id)


# ---- forwarding -------------------------------------------------------------------------------------


async def forward_pending(deps: Deps, bot: Bot) -> None:
    """Send every flagged case not yet in the group (a card, or a place in its outbreak's next
    summary), then the summaries that are due. One at a time, so a case is never sent twice; a
    case whose card could not be sent stays pending for the next tick."""
    if group_chat.current(deps) is None:
        await _group_unreachable(deps, bot, "FOOD_SAFETY_CHAT_ID is not set")
        return
    async with deps.lock("feedback_forward"):
        for pending in await cases.unforwarded(deps):
            case = await cases.card_needed(deps, pending)
            if case is None:
                continue
            try:
                await _send_card(deps, bot, case, partial(cases.mark_forwarded, deps, case))
            except (Forbidden, BadRequest) as exc:
                # Removed from the group, or the group is gone: people must hear of it.
                log.warning("could not forward case %s to the group: %s", case.id, exc)
                await _group_unreachable(deps, bot, exc.message)
                return
            except TelegramError:
                log.warning("could not forward case %s to the group", case.id, exc_info=True)
                return
            deps.group_unreachable = False
            found = await cases.new_cluster(deps, case)
            if found is not None:
                await _announce_cluster(deps, bot, *found)
        await _finish_cards(deps, bot)
        await _flush_batches(deps, bot)


async def _group_unreachable(deps: Deps, bot: Bot, reason: str) -> None:
    """Tell the administrators once per outage: reports wait and go out when the bot is back."""
    if deps.group_unreachable:
        return
    deps.group_unreachable = True

    def render(lang: str) -> tuple[list[str], InlineKeyboardMarkup | None]:
        return [deps.catalog.t(lang, "fb-group-unreachable-admin", reason=reason[:200])], None

    await tell_admins(deps, bot, render)


async def _send_card(deps: Deps, bot: Bot, case: Case, record: CardRecorder) -> None:
    """The card, then the words too long for it and the photos, as replies to it."""
    card = await text_to_group(
        deps, bot, view.card_parts(deps, case)[0], view.card_markup(deps, case)
    )
    # Recorded before the rest: a failure below must not make the next tick send a second card.
    await record(card.chat_id, card.message_id)
    try:
        await _send_rest(deps, bot, case, Anchor(card.chat_id, card.message_id), done=0)
    except TelegramError as exc:
        log.warning("the rest of case %s's card waits for the next tick: %s", case.id, exc)


Step = Callable[[Anchor], Awaitable[list[MessageLink]]]


def _rest_steps(deps: Deps, bot: Bot, case: Case) -> list[Step]:
    async def words(part: str, anchor: Anchor) -> list[MessageLink]:
        sent = await text_to_group(deps, bot, part, anchor=anchor)
        return [MessageLink(sent.chat_id, sent.message_id, LinkKind.CARD)]

    steps: list[Step] = [partial(words, part) for part in view.card_parts(deps, case)[1:]]
    if case.photos:
        steps.append(partial(photos_to_group, deps, bot, case.photos, kind=LinkKind.CARD))
    return steps


async def _send_rest(deps: Deps, bot: Bot, case: Case, anchor: Anchor, done: int) -> None:
    """The steps after the card from step `done` on, each recorded as it lands, so a timeout or
    a restart resumes at the step that did not. A step Telegram refuses (400) is passed over:
    sending it again would be refused again."""
    for step in _rest_steps(deps, bot, case)[done:]:
        try:
            links = await step(anchor)
        except BadRequest as exc:
            log.warning("a part of case %s's card was refused: %s", case.id, exc)
            links = []
        await case_cards.step_done(deps, case.id, links)
    await case_cards.all_sent(deps, case.id)


async def _finish_cards(deps: Deps, bot: Bot) -> None:
    """The rest of every card cut short (a timeout, a restart), from where it stopped."""
    for case, done in await case_cards.unfinished(deps):
        anchor = card_of(case)
        if anchor is None:
            continue
        try:
            await _send_rest(deps, bot, case, anchor, done)
        except TelegramError as exc:
            log.warning("the rest of case %s's card is still waiting: %s", case.id, exc)
            return


async def refresh_card(deps: Deps, bot: Bot, case: Case) -> None:
    """Show the case's current status and who acted on its card. Telegram edits nothing in a
    chat the group moved away from: such a card is posted again, in the group's chat. The
    reminders that carried its acknowledge button lose it once nobody needs to press it."""
    await _refresh_reminders(deps, bot, case)
    if case.card_chat_id is None or case.card_message_id is None:
        return
    card_chat, card_message = case.card_chat_id, case.card_message_id
    target, current = card_chat, group_chat.current(deps)
    if current is not None and group_chat.is_former(deps, card_chat):
        target = current

    async def show(chat: int) -> None:
        if chat != card_chat:
            await _card_again(deps, bot, case.id)
            return
        await bot.edit_message_text(
            view.card_parts(deps, case)[0],
            chat_id=chat,
            message_id=card_message,
            reply_markup=view.card_markup(deps, case),
        )

    try:
        await to_group(deps, bot, target, show)
    except BadRequest as exc:
        # "not modified" (two presses crossing) or a card deleted by hand: the data is right.
        log.info("card of case %s not edited: %s", case.id, exc)


async def _card_again(deps: Deps, bot: Bot, case_id: int) -> None:
    """The case's card, with its words and photos, posted in the group's new chat; it becomes
    the card (buttons, replies, later edits). One at a time, so two refreshes post it once."""
    async with deps.lock("card_again"):
        case = await cases.get_case(deps, case_id)
        if case is None:
            return
        here = case.card_chat_id == group_chat.current(deps)  # another refresh posted it
        if not here:
            await _send_card(deps, bot, case, partial(cases.move_card, deps, case))
    if here:
        await refresh_card(deps, bot, case)


# ---- outbreaks ----------------------------------------------------------------------------------


async def _announce_cluster(
    deps: Deps, bot: Bot, cluster: Cluster, members: Sequence[Case]
) -> None:
    lines = view.cluster_lines(deps, view.group_lang(deps), cluster, members)
    try:
        await lines_to_group(deps, bot, lines, view.cluster_markup(deps, cluster, members))
    except TelegramError:
        log.warning("could not send the outbreak alert to the group", exc_info=True)
    await tell_admins(
        deps, bot, lambda lang: (view.cluster_lines(deps, lang, cluster, members), None)
    )


async def _flush_batches(deps: Deps, bot: Bot) -> None:
    for cluster, batched in await cases.batches_due(deps):
        try:
            await lines_to_group(deps, bot, view.summary_lines(deps, cluster, batched))
        except TelegramError:
            log.warning("could not send the summary of cluster %s", cluster.id, exc_info=True)
            return
        await cases.mark_announced(deps, cluster, batched)


# ---- escalation ---------------------------------------------------------------------------------


async def announce_escalations(deps: Deps, bot: Bot) -> None:
    """Re-announce unacknowledged cases in the group and to every administrator: one message
    per level and tick however many cases are late, so a burst cannot flood the group."""
    due = await cases.due_escalations(deps)
    for level, late in sorted(due.items()):
        minutes = level * deps.settings.escalate_after_minutes
        if group_chat.current(deps) is not None:
            lang = view.group_lang(deps)
            single = late[0] if len(late) == 1 else None
            try:
                sent = await lines_to_group(
                    deps,
                    bot,
                    view.escalation_lines(deps, lang, minutes, late),
                    view.ack_buttons(deps, lang, late),
                    card_of(single),
                )
                if single is not None:
                    links = [
                        MessageLink(m.chat_id, m.message_id, LinkKind.ESCALATION) for m in sent
                    ]
                    await cases.link(deps, single.id, links)
                await _record_buttons(deps, lang, sent[0], late)
            except TelegramError:
                log.warning("could not send an escalation to the group", exc_info=True)
        render = partial(view.escalation_for_admins, deps, minutes=minutes, late=late)
        for admin_lang, message in await tell_admins(deps, bot, render):
            await _record_buttons(deps, admin_lang, message, late)
        updated = await cases.escalate(deps, level, late)
        log.warning("escalated cases %s (level %s)", [c.id for c in late], level)
        for case in updated:
            await refresh_card(deps, bot, case)


async def _record_buttons(deps: Deps, lang: str, message: Message, late: Sequence[Case]) -> None:
    shown = late[: view.ESCALATION_BUTTONS]
    await reminders.record(deps, message.chat_id, message.message_id, lang, shown)


async def _refresh_reminders(deps: Deps, bot: Bot, case: Case) -> None:
    """Take a case that waits for nobody now off the reminders' buttons."""
    for reminder, waiting in await reminders.handled(deps, case):
        if group_chat.is_former(deps, reminder.chat_id):
            continue  # Telegram edits nothing in a chat the group moved away from
        markup = view.ack_buttons(deps, reminder.lang, waiting) if waiting else None
        try:
            await bot.edit_message_reply_markup(
                chat_id=reminder.chat_id, message_id=reminder.message_id, reply_markup=markup
            )
        except TelegramError as exc:
            # Deleted by hand, or in a chat the group moved from: the button answers anyway.
            log.info("reminder %s not edited: %s", reminder, exc)


# ---- in a case's thread -------------------------------------------------------------------------


async def relay_to_group(
    deps: Deps, bot: Bot, case: Case, key: str, text: str, photo: str | None
) -> bool:
    """Something the parent sent about a case, as a reply to its card (one thread per case)."""
    if group_chat.current(deps) is None:
        return False
    links: list[MessageLink] = []
    try:
        for part in view.relay_to_group_parts(deps, case, key, text):
            sent = await text_to_group(deps, bot, part, anchor=card_of(case))
            links.append(MessageLink(sent.chat_id, sent.message_id, LinkKind.RELAY))
        if photo is not None:
            links += await photos_to_group(deps, bot, [photo], card_of(case), LinkKind.RELAY)
    except TelegramError:
        log.warning("could not relay the parent's message on case %s", case.id, exc_info=True)
        return False
    finally:
        await cases.link(deps, case.id, links)
    return True


async def show_case(deps: Deps, bot: Bot, chat_id: int, case: Case) -> None:
    """/case N: the card (with its buttons, so a batched case can be handled from here), its
    words, and the full history. A case batched into an outbreak summary has no card yet: this
    one becomes it, with its photos."""
    parts = view.card_parts(deps, case)
    first = await bot.send_message(chat_id, parts[0], reply_markup=view.card_markup(deps, case))
    links = [MessageLink(chat_id, first.message_id, LinkKind.HISTORY)]
    for part in parts[1:]:
        words = await bot.send_message(chat_id, part, reply_parameters=reply_to(first.message_id))
        links.append(MessageLink(chat_id, words.message_id, LinkKind.HISTORY))
    if case.card_message_id is None:
        await cases.set_card(deps, case, chat_id, first.message_id)
        anchor = Anchor(chat_id, first.message_id)
        links += await send_photos(bot, chat_id, case.photos, anchor, LinkKind.HISTORY)
    events = await cases.history(deps, case.id)
    lines = view.history_lines(deps, case, events)
    sent = await send_lines(bot, chat_id, lines, reply=first.message_id)
    links += [MessageLink(chat_id, m.message_id, LinkKind.HISTORY) for m in sent]
    await cases.link(deps, case.id, links)
