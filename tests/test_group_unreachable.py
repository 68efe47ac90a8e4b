"""A report that must reach the group while the bot cannot: the parent hears the truth, the
administrators hear it once, and the card goes out when the bot is back."""

from __future__ import annotations

from tests.conftest import ADMIN, GROUP, Harness
from tests.helpers import card_of, cards, file_report, join, text_of

PARENT, SECOND = 1001, 1002


async def test_a_removed_bot_says_so_tells_admins_once_and_delivers_later(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    h.sim.skip(ADMIN)
    h.sim.kick_bot(GROUP, notify=False)
    await join(h, PARENT, "初二(1)班", "小明", [])
    first = await file_report(h, PARENT, category="疑似身体不适", text="孩子午饭后呕吐")
    told = h.sim.messages(PARENT)[-1]
    assert f"#{first}" in text_of(told) and "暂时联系不上" in text_of(told)
    assert "已转给" not in text_of(told)
    await join(h, SECOND, "初二(1)班", "小红", [])
    await file_report(h, SECOND, category="异物", text="饭里有头发")
    await h.tick()
    alerts = [m for m in h.sim.messages(ADMIN) if "联系不上食品安全工作组" in text_of(m)]
    assert len(alerts) == 1 and "kicked" in text_of(alerts[0])
    assert cards(h) == []
    h.sim.add_bot(GROUP, notify=False)
    await h.tick()
    card = await card_of(h, first)
    assert "呕吐" in text_of(card)
    # Back in the group: a later outage is told again.
    assert h.deps.group_unreachable is False
