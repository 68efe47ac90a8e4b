"""A case's card when the Bot API times out: the card arrives once it can, a card whose first
send arrived after all leaves one card (its copy is taken away or joins the thread), and the
words and photos sent with a card go on from where a timeout stopped them."""

from __future__ import annotations

import pytest

from bot.simulator import Faults, SentMessage
from bot.storage import card_steps
from bot.storage import cases as case_store
from tests.conftest import GROUP, STAFF, Harness
from tests.helpers import card_of, cards, edited, file_report, join, text_of

pytestmark = pytest.mark.slow

PARENT, SECOND = 1001, 1002
# Past the bot's 5 s read timeout: the bot gives up while the message stays made.
LATE = 6.0


def copies_of(h: Harness, number: int) -> list[SentMessage]:
    return [m for m in cards(h) if f"#{number}" in text_of(m)]


async def late_card(h: Harness, parent: int, text: str) -> tuple[int, SentMessage, SentMessage]:
    """A report whose first card arrives though the bot timed out; the tick sends it again.
    Returns the case number, the card the case knows and the copy it does not."""
    h.sim.faults = Faults(late_rate=1.0, slow_seconds=LATE, only_chat=GROUP)
    number = await file_report(h, parent, text=text)
    told = h.sim.messages(parent)[-1]
    assert f"#{number}" in text_of(told) and "自动重试" in text_of(told)
    assert "已通知管理员" not in text_of(told)  # a slow network is not an outage
    case = await case_store.get_case(h.deps.db, number)
    assert case is not None and case.forwarded_at is None
    assert len(copies_of(h, number)) == 1  # it did arrive
    h.sim.faults = Faults()
    await h.tick()
    await h.sim.wait_until(lambda: len(copies_of(h, number)) == 2)
    case = await case_store.get_case(h.deps.db, number)
    assert case is not None and case.card_message_id is not None
    [card] = [m for m in copies_of(h, number) if m.message_id == case.card_message_id]
    [copy] = [m for m in copies_of(h, number) if m.message_id != card.message_id]
    return number, card, copy


async def test_a_card_that_arrived_after_a_timeout_leaves_one_card(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    await join(h, SECOND, "初二(2)班", "小红", [])
    first, card, copy = await late_card(h, PARENT, "孩子午饭后呕吐")
    assert copy.message_id < card.message_id

    # A press on the copy acts on the case; the copy goes, the card shows the press.
    h.sim.skip(PARENT)
    h.sim.press(STAFF[0], copy, "确认收到")
    told = await h.sim.wait_for_message(PARENT)
    assert f"#{first}" in text_of(told) and "确认" in text_of(told)
    card = await edited(h, card)
    assert "确认：员工801" in text_of(card)
    await h.sim.wait_until(lambda: len(copies_of(h, first)) == 1)
    assert copies_of(h, first)[0].message_id == card.message_id

    # A reply to a copy reaches the parent and the copy joins the thread, without buttons.
    second, card2, copy2 = await late_card(h, SECOND, "饭里有异味，孩子肚子疼")
    h.sim.skip(SECOND)
    h.sim.send_text(STAFF[1], "请问现在好些了吗？", chat_id=GROUP, reply_to=copy2.message_id)
    relayed = await h.sim.wait_for_message(SECOND)
    assert "请问现在好些了吗？" in text_of(relayed)
    copy2 = await edited(h, copy2)
    assert copy2.buttons == []
    assert [m.message_id for m in copies_of(h, second)] == [card2.message_id]
    card2 = await edited(h, card2)
    assert "已回复家长" in text_of(card2)
    # The parent's answer comes back under the case's card, as every reply does.
    h.sim.skip(GROUP)
    h.sim.send_text(SECOND, "好多了", reply_to=relayed.message_id)
    back = await h.sim.wait_for_message(GROUP)
    assert back.reply_to_message_id == card2.message_id
    h.assert_no_bad_requests()


async def test_photos_cut_short_by_a_timeout_follow_the_card_once(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    # The album never reaches the group (the send is dropped when the bot gives up).
    h.sim.faults = Faults(
        slow_rate=1.0, slow_seconds=LATE, only_chat=GROUP, only_methods=frozenset({"sendMediaGroup"})
    )
    number = await file_report(h, PARENT, text="饭里有一根铁丝", photos=2)
    told = h.sim.messages(PARENT)[-1]
    assert "已转给" in text_of(told)
    assert await card_steps.unfinished(h.deps.db) == [(number, 0)]
    assert not [m for m in h.sim.messages(GROUP) if m.photo]
    h.sim.faults = Faults()
    await h.tick()
    await h.sim.wait_until(lambda: len([m for m in h.sim.messages(GROUP) if m.photo]) == 2)
    card = await card_of(h, number)
    album = [m for m in h.sim.messages(GROUP) if m.photo]
    assert {m.reply_to_message_id for m in album} == {card.message_id}
    assert await card_steps.unfinished(h.deps.db) == []
    await h.tick()  # nothing more to send
    assert len([m for m in h.sim.messages(GROUP) if m.photo]) == 2
    assert len(copies_of(h, number)) == 1
    h.assert_no_bad_requests()
