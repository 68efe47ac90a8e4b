"""The food-safety group, wherever it moves: Telegram upgrades a basic group to a supergroup
with a new chat id, and the bot follows it (the service messages, or ChatMigrated on a send),
resends what was caught in between exactly once, and tells the group once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import telegram
from telegram import BotCommandScopeChat
from telegram.error import ChatMigrated

from bot.services.group_chat import follow_moves
from bot.simulator import BotAPISimulator, SentMessage
from bot.storage import cases as case_store
from bot.storage import group_chat as store
from tests.conftest import ADMIN, STAFF, Harness
from tests.helpers import add_parents, edited, file_report, join, text_of

OLD = -500  # a basic group, as a school first creates it
NEW = -100600  # the supergroup Telegram makes of it
PARENT = 1001
STRANGER = 777
MOVED = "升级为超级群组"
MIGRATED_ERROR = "Bad Request: group chat was upgraded to a supergroup chat"


@pytest.fixture
async def moving(sim: BotAPISimulator, tmp_path: Path) -> AsyncIterator[Harness]:
    """The harness, with the food-safety group a basic group (only those are upgraded)."""
    sim.add_group(OLD, "食品安全工作组", member_ids=[*STAFF, ADMIN], type="group")
    h = Harness(sim, tmp_path, food_safety_chat_id=OLD)
    await h.start()
    await h.seed_classes()
    try:
        yield h
    finally:
        await h.stop()


def cards(h: Harness, chat_id: int) -> list[SentMessage]:
    """Case cards (the only messages with a resolve button) in the chat."""
    return [m for m in h.sim.messages(chat_id) if any("case:res:" in str(b) for b in m.buttons)]


def told(h: Harness) -> list[SentMessage]:
    return [m for m in h.sim.messages(NEW) if MOVED in text_of(m)]


async def card_in(h: Harness, chat_id: int, number: int) -> SentMessage:
    """The case's card in the chat, once the bot has recorded it there."""
    await h.sim.wait_until(lambda: any(f"#{number}" in text_of(m) for m in cards(h, chat_id)))

    async def recorded() -> bool:
        case = await case_store.get_case(h.deps.db, number)
        return case is not None and case.card_chat_id == chat_id

    for _ in range(250):
        if await recorded():
            break
        await asyncio.sleep(0.02)
    assert await recorded()
    return next(m for m in cards(h, chat_id) if f"#{number}" in text_of(m))


async def report(h: Harness, parent: int = PARENT, photos: int = 0) -> int:
    await join(h, parent, "初二(1)班", "小明", [])
    return await file_report(h, parent, photos=photos)


async def test_the_migration_message_moves_the_bot_and_staff_work_in_the_new_chat(
    moving: Harness,
) -> None:
    h = moving
    h.sim.migrate_group(OLD, NEW)
    notice = await h.sim.wait_for_message(NEW, lambda m: MOVED in text_of(m))
    assert "/cases" in text_of(notice)
    assert h.deps.group_chat_id == NEW
    assert await store.moves(h.deps.db) == {OLD: NEW}
    scope = {"type": "chat", "chat_id": NEW}
    await h.sim.wait_until(lambda: h.sim.commands_for(scope, "zh") is not None)
    menu = h.sim.commands_for(scope, "zh") or []
    assert [c["command"] for c in menu] == ["cases", "case", "help"]
    # A new report's card arrives in the new chat; its buttons and replies work there.
    number = await report(h)
    card = await card_in(h, NEW, number)
    h.sim.skip(PARENT)
    h.sim.press(STAFF[0], card, "确认收到")
    await h.sim.wait_for_message(PARENT, lambda m: "已由学校食品安全工作组确认" in text_of(m))
    card = await edited(h, card)
    assert "确认：员工801" in text_of(card)
    h.sim.send_text(STAFF[1], "孩子现在好些了吗？", chat_id=NEW, reply_to=card.message_id)
    relayed = await h.sim.wait_for_message(PARENT, lambda m: "好些了吗" in text_of(m))
    card = await edited(h, card)  # the reply is recorded
    assert "已回复家长 1 次" in text_of(card)
    h.sim.skip(NEW)
    h.sim.send_text(PARENT, "好多了，谢谢", reply_to=relayed.message_id)
    back = await h.sim.wait_for_message(NEW)
    assert "好多了" in text_of(back) and back.reply_to_message_id == card.message_id
    listed = await h.say(STAFF[0], "/cases", chat_id=NEW)
    assert f"#{number}" in text_of(listed)
    opened = await h.say(STAFF[0], f"/case {number}", chat_id=NEW)
    assert f"#{number}" in text_of(opened)
    # Told once; the old chat got nothing after the move, and no call ever went to it.
    assert len(told(h)) == 1
    assert h.sim.messages(OLD) == []
    assert NEW not in h.sim.left_chats and OLD not in h.sim.left_chats
    h.assert_no_bad_requests()


async def test_a_card_sent_during_the_migration_arrives_once(moving: Harness) -> None:
    h = moving
    # Telegram has upgraded the group, but the service messages have not reached the bot yet:
    # the card's send to the old id fails with ChatMigrated.
    h.sim.migrate_group(OLD, NEW, notify=False)
    number = await report(h, photos=2)
    card = await card_in(h, NEW, number)
    await h.sim.wait_until(
        lambda: sum(m.media_group_id is not None for m in h.sim.messages(NEW)) == 2
    )
    album = [m for m in h.sim.messages(NEW) if m.media_group_id is not None]
    assert {m.reply_to_message_id for m in album} == {card.message_id}
    assert [e.description for e in h.sim.bad_requests] == [MIGRATED_ERROR]
    assert len(told(h)) == 1
    assert told(h)[0].index < card.index  # the group learns why before the card
    # The service messages come late: nothing is sent twice, and the bot leaves no chat.
    h.sim.announce_migration(OLD)
    listed = await h.say(STAFF[0], "/cases", chat_id=NEW)
    assert f"#{number}" in text_of(listed)
    assert len(cards(h, NEW)) == 1 and len(told(h)) == 1
    assert h.sim.messages(OLD) == [] and h.sim.left_chats == []
    # The re-sent card is the case's card: replies to it reach the parent.
    h.sim.skip(PARENT)
    h.sim.send_text(STAFF[0], "请问孩子现在怎么样？", chat_id=NEW, reply_to=card.message_id)
    relayed = await h.sim.wait_for_message(PARENT)
    assert "现在怎么样" in text_of(relayed)
    assert len(h.sim.bad_requests) == 1


async def test_escalations_and_outbreak_alerts_follow_the_group_across_restarts(
    moving: Harness,
) -> None:
    h = moving
    await h.say(ADMIN, "/start")
    # The upgrade happens while the bot is down; the first call to the old id finds it.
    await h.stop()
    h.sim.migrate_group(OLD, NEW)
    await h.start()
    await h.sim.wait_until(lambda: len(told(h)) == 1)
    scope = {"type": "chat", "chat_id": NEW}
    await h.sim.wait_until(lambda: h.sim.commands_for(scope, "en") is not None)
    await h.restart()  # the setting still says OLD; the database says NEW
    assert h.settings.food_safety_chat_id == OLD and h.deps.group_chat_id == NEW
    assert h.deps.former_group_ids == frozenset({OLD})
    parents = await add_parents(h, 2001, 3, class_name="初一(3)班")
    for parent in parents:
        await file_report(h, parent, text="吃完午饭肚子疼，拉肚子")
    alert = await h.sim.wait_for_message(NEW, lambda m: "可能的集体事件" in text_of(m))
    assert all(f"#{n}" in text_of(alert) for n in (1, 2, 3))
    assert len(cards(h, NEW)) == 3
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    late = await h.sim.wait_for_message(NEW, lambda m: "仍未确认" in text_of(m))
    assert "3 件个案" in text_of(late)
    h.sim.press(STAFF[0], late, "确认 #2")
    await h.sim.wait_for_message(parents[1], lambda m: "已由学校食品安全工作组确认" in text_of(m))
    assert h.sim.messages(OLD) == [] and len(told(h)) == 1
    # Only start-up's menu went to the old id before the bot knew.
    assert [e.method for e in h.sim.bad_requests] == ["setMyCommands"]


async def test_a_card_from_before_the_move_is_posted_again_in_the_new_chat(
    moving: Harness,
) -> None:
    h = moving
    await h.say(ADMIN, "/start")
    number = await report(h)
    old_card = await card_in(h, OLD, number)
    h.sim.migrate_group(OLD, NEW)
    await h.sim.wait_until(lambda: len(told(h)) == 1)
    # It escalates: the reminder goes to the new chat, and the card, which Telegram can no
    # longer edit in the old chat, is posted there again with its buttons.
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    late = await h.sim.wait_for_message(NEW, lambda m: "仍未确认" in text_of(m))
    assert f"#{number}" in text_of(late) and late.reply_to_message_id is None
    card = await card_in(h, NEW, number)
    assert "已超时提醒 1 次" in text_of(card) and old_card.edits == []
    h.sim.press(STAFF[1], card, "确认收到")
    card = await edited(h, card)
    assert "确认：员工802" in text_of(card)
    h.sim.send_text(STAFF[1], "已在核查", chat_id=NEW, reply_to=card.message_id)
    await h.sim.wait_for_message(PARENT, lambda m: "已在核查" in text_of(m))
    assert len(cards(h, NEW)) == 1
    h.assert_no_bad_requests()


async def test_a_press_in_private_finds_the_move_and_brings_the_card_along(
    moving: Harness,
) -> None:
    h = moving
    await h.say(ADMIN, "/start")
    number = await report(h)
    old_card = await card_in(h, OLD, number)
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    to_admin = await h.sim.wait_for_message(ADMIN, lambda m: "仍未确认" in text_of(m))
    await h.sim.wait_for_edit(OLD, old_card.message_id)
    h.sim.migrate_group(OLD, NEW, notify=False)
    # The administrator acknowledges from the private escalation: asking whether they are in
    # the group is the first call to the old id.
    h.sim.press(ADMIN, to_admin, f"确认 #{number}")
    await h.sim.wait_for_message(PARENT, lambda m: "已由学校食品安全工作组确认" in text_of(m))
    card = await card_in(h, NEW, number)
    assert "确认：管理员" in text_of(card)
    assert [b["text"] for b in card.buttons] == ["✅ 结案", "🧪 留样已封存"]
    assert len(told(h)) == 1 and len(old_card.edits) == 1
    assert [e.method for e in h.sim.bad_requests] == ["getChatMember"]


async def test_the_bot_stays_in_the_new_supergroup_and_still_leaves_strangers(
    moving: Harness,
) -> None:
    h = moving
    # Staff write in the new chat before the bot saw any service message: it checks its group
    # before taking the new chat for a stranger's.
    h.sim.migrate_group(OLD, NEW, notify=False)
    helped = await h.say(STAFF[0], "/help", chat_id=NEW)
    assert "/cases" in text_of(helped)
    assert len(told(h)) == 1
    h.sim.announce_migration(OLD)  # the old chat's message too: the bot stays put
    h.sim.add_group(-200, "闲聊群", member_ids=[STRANGER])
    h.sim.send_text(STRANGER, "/help", chat_id=-200)
    await h.sim.wait_until(lambda: -200 in h.sim.left_chats)
    assert h.sim.left_chats == [-200]
    assert h.sim.messages(-200) == [] and len(told(h)) == 1
    assert "/cases" in text_of(await h.say(STAFF[1], "/help", chat_id=NEW))


def test_the_current_chat_follows_every_move() -> None:
    assert follow_moves(None, {}) == (None, frozenset())
    assert follow_moves(-5, {}) == (-5, frozenset())
    assert follow_moves(-5, {-5: -1005, -7: -1007}) == (-1005, frozenset({-5}))
    # A setting pointing at the new chat already, or at another group, is taken as it is.
    assert follow_moves(-1005, {-5: -1005}) == (-1005, frozenset())
    assert follow_moves(-5, {-5: -6, -6: -5}) == (-5, frozenset({-5, -6}))  # never loops


# ---- the simulator ---------------------------------------------------------------------------


async def test_the_simulator_upgrades_a_group_like_telegram(sim: BotAPISimulator) -> None:
    sim.add_group(OLD, "工作组", member_ids=[STAFF[0]], admin_ids=[STAFF[1]], type="group")
    async with telegram.Bot(sim.token, base_url=sim.base_url) as bot:
        card = await bot.send_message(OLD, "card")
        new = sim.migrate_group(OLD, NEW, notify=False)
        assert new == {"id": NEW, "type": "supergroup", "title": "工作组"}
        assert (await bot.get_chat_member(NEW, STAFF[0])).status == "member"
        assert (await bot.get_chat_member(NEW, STAFF[1])).status == "administrator"
        calls = [
            bot.send_message(OLD, "hi"),
            bot.edit_message_text("edited", chat_id=OLD, message_id=card.message_id),
            bot.get_chat_member(OLD, STAFF[0]),
            bot.get_chat(OLD),
            bot.set_my_commands([("cases", "open cases")], scope=BotCommandScopeChat(OLD)),
        ]
        for call in calls:
            with pytest.raises(ChatMigrated) as migrated:
                await call
            assert migrated.value.new_chat_id == NEW
        assert {e.description for e in sim.errors} == {MIGRATED_ERROR}
        assert await bot.get_updates() == ()  # notify=False: no service messages yet
        sim.announce_migration(OLD)
        first, second = await bot.get_updates()
        assert first.message is not None and second.message is not None
        assert (first.message.chat.id, first.message.migrate_to_chat_id) == (OLD, NEW)
        assert (second.message.chat.id, second.message.migrate_from_chat_id) == (NEW, OLD)
        await bot.send_message(NEW, "in the supergroup")
    with pytest.raises(ValueError, match="basic group"):
        sim.migrate_group(NEW, -100700)  # a supergroup is never upgraded again
