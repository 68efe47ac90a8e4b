"""Closing a case as people do it in a group chat, reminders that follow the case, and a
closed case that no reply reopens."""

from __future__ import annotations

from datetime import timedelta

from bot.simulator import SentMessage
from bot.storage import cases as case_store
from tests.conftest import ADMIN, GROUP, STAFF, Harness
from tests.helpers import card_of, edited, file_report, join, text_of

PARENT = 1001


async def reported(h: Harness) -> SentMessage:
    h.sim.add_bot(GROUP, admin=True, notify=False)  # it reads the group's plain messages
    await join(h, PARENT, "初二(1)班", "小明", [])
    return await card_of(h, await file_report(h, PARENT))


async def asked_to_close(h: Harness, card: SentMessage, who: int) -> SentMessage:
    h.sim.skip(GROUP)
    h.sim.press(who, card, "结案")
    return await h.sim.wait_for_message(GROUP, lambda m: "处理说明" in text_of(m))


async def test_the_next_plain_message_of_who_pressed_resolve_is_the_note(
    harness: Harness,
) -> None:
    h = harness
    card = await reported(h)
    await asked_to_close(h, card, STAFF[1])
    h.sim.send_text(STAFF[0], "我去食堂看看", chat_id=GROUP)  # a colleague's chatter is not it
    h.sim.skip(PARENT)
    h.sim.send_text(STAFF[1], "已约谈供应商，更换了当日食材", chat_id=GROUP)
    told = await h.sim.wait_for_message(PARENT)
    assert "已处理完毕" in text_of(told) and "更换了当日食材" in text_of(told)
    card = await edited(h, card)
    assert "结案：员工802" in text_of(card) and card.buttons == []
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.resolution == "已约谈供应商，更换了当日食材"
    h.sim.send_text(STAFF[1], "好的，辛苦了", chat_id=GROUP)  # the wait is over
    await h.say(STAFF[1], "/case 1", chat_id=GROUP)  # handled after it: the chat's order
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.resolution == "已约谈供应商，更换了当日食材"


async def test_a_note_after_the_window_is_just_a_message(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    await asked_to_close(h, card, STAFF[1])
    h.clock.advance(timedelta(minutes=6))
    h.sim.send_text(STAFF[1], "晚点再说", chat_id=GROUP)
    h.sim.send_text(STAFF[0], "/cases", chat_id=GROUP)
    await h.sim.wait_for_message(GROUP, lambda m: "#1" in text_of(m) and "未结" in text_of(m))
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.status != "resolved"


async def test_pressing_resolve_again_closes_without_a_note(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    await asked_to_close(h, card, STAFF[0])
    h.sim.skip(PARENT)
    h.sim.press(STAFF[0], card, "结案")
    told = await h.sim.wait_for_message(PARENT)
    assert "已处理完毕" in text_of(told) and "处理说明" not in text_of(told)
    said = await h.sim.wait_for_message(GROUP, lambda m: "未写处理说明" in text_of(m))
    assert "#1" in text_of(said)
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.status == "resolved" and not case.resolution


async def test_a_reply_to_an_old_message_of_a_closed_case_is_not_relayed(
    harness: Harness,
) -> None:
    h = harness
    card = await reported(h)
    prompt = await asked_to_close(h, card, STAFF[0])
    h.sim.send_text(STAFF[0], "已处理", chat_id=GROUP, reply_to=prompt.message_id)
    await h.sim.wait_for_message(PARENT, lambda m: "已处理完毕" in text_of(m))
    before = len(h.sim.messages(PARENT))
    answer = await h.say(
        STAFF[1], "家长您好，还有问题吗？", chat_id=GROUP, reply_to=card.message_id
    )
    assert "#1" in text_of(answer) and "结案" in text_of(answer)
    assert len(h.sim.messages(PARENT)) == before


async def test_reminders_lose_their_buttons_when_the_case_is_acknowledged(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    card = await reported(h)
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    in_group = await h.sim.wait_for_message(GROUP, lambda m: "仍未确认" in text_of(m))
    to_admin = await h.sim.wait_for_message(ADMIN, lambda m: "仍未确认" in text_of(m))
    assert in_group.buttons and to_admin.buttons
    h.sim.press(STAFF[0], card, "确认收到")
    await edited(h, card)
    assert (await edited(h, in_group)).buttons == []
    assert (await edited(h, to_admin)).buttons == []
