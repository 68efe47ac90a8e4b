"""The demo restarted with the same --data: the same chats, message ids that go on, the same
clock, and a reply to an old message of a closed case that the bot refuses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.demo.runner import Demo
from bot.demo.seed import GROUP_ID, PARENT, PARENT_CLASS, STAFF
from bot.simulator import SentMessage
from tests.conftest import Harness
from tests.helpers import file_report, join, text_of

pytestmark = pytest.mark.slow


def bot_harness(demo: Demo, tmp_path: Path) -> Harness:
    """The tests' helpers, acting on the demo's simulator and bot."""
    h = Harness(demo.sim, tmp_path)
    h.app = demo.app
    return h


async def card(demo: Demo, number: int) -> SentMessage:
    await demo.sim.wait_until(
        lambda: any(f"#{number}" in text_of(m) and m.buttons for m in demo.sim.messages(GROUP_ID))
    )
    return next(m for m in demo.sim.messages(GROUP_ID) if f"#{number}" in text_of(m))


async def test_a_restart_keeps_the_chats_and_a_closed_case_stays_closed(tmp_path: Path) -> None:
    first = Demo(tmp_path, 0)
    await first.start()
    try:
        h = bot_harness(first, tmp_path)
        await join(h, PARENT.id, PARENT_CLASS, "小明", [])
        number = await file_report(h, PARENT.id, text="孩子午饭后肚子疼")
        await first.tick()
        found = await card(first, number)
        for _ in range(2):  # 结案, and again: closed without a note
            first.sim.press(STAFF[0].id, found, "结案")
            await first.sim.wait_for_message(GROUP_ID, lambda m: "结案" in text_of(m))
        await first.sim.wait_for_message(GROUP_ID, lambda m: "未写处理说明" in text_of(m))
        await first.advance(30)
        highest = max(m.message_id for m in first.sim.messages(GROUP_ID))
    finally:
        await first.stop()

    again = Demo(tmp_path, 0)
    await again.start()
    try:
        assert again.clock.offset == timedelta(minutes=30)
        assert again.web is not None
        _, shown = again.web.feed.since(0)
        texts = [str(view["text"] or "") for view in shown]
        assert any(f"#{number}" in t and "肚子疼" in t for t in texts), "the card is shown again"
        assert "孩子午饭后肚子疼" in texts, "and what the parent typed"
        told = len(again.sim.messages(PARENT.id))
        reply = again.sim.send_text(
            STAFF[1].id, "家长您好，孩子好些了吗？", chat_id=GROUP_ID, reply_to=found.message_id
        )
        assert reply["message_id"] > highest, "message ids go on after the kept ones"
        refused = await again.sim.wait_for_message(
            GROUP_ID, lambda m: f"#{number}" in text_of(m) and "已由" in text_of(m)
        )
        assert "结案" in text_of(refused)
        assert len(again.sim.messages(PARENT.id)) == told, "nothing reached the parent"
    finally:
        await again.stop()
