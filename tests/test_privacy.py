"""/deletedata leaves nothing in any table that leads back to the person; what one person types
cannot hide itself or turn around the text others read."""

from __future__ import annotations

import asyncio

from bot.services import menus
from tests.conftest import GROUP, MONDAY, STAFF, Harness
from tests.helpers import (
    card_of,
    edited,
    file_report,
    import_menu,
    invite_code,
    join,
    sample_menu,
    text_of,
)

PARENT = 777_001  # distinctive: no row id of any table comes near it


async def columns(h: Harness) -> list[tuple[str, str]]:
    tables = await h.deps.db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    found: list[tuple[str, str]] = []
    for table in tables:
        for column in await h.deps.db.fetchall(f"PRAGMA table_info({table['name']})"):
            found.append((table["name"], column["name"]))
    return found


async def rows_naming(h: Harness, value: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table, column in await columns(h):
        count = await h.deps.db.fetchval(
            f'SELECT count(*) FROM "{table}" WHERE "{column}" = ?', (value,)
        )
        if count:
            counts[f"{table}.{column}"] = count
    return counts


async def linked(h: Harness, chat_id: int, message_id: int) -> None:
    """The bot records a relayed message's link to its case just after sending it."""
    for _ in range(250):
        if await h.deps.db.fetchval(
            "SELECT count(*) FROM feedback_messages WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        ):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the relayed message was never linked to its case")


async def test_deletedata_leaves_no_row_with_her_id(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "王芳", "zh")
    await join(h, PARENT, "初二(1)班", "小明", [])
    await import_menu(h, sample_menu())
    await menus.queue_menu_push(h.deps, MONDAY)
    await h.outbox_idle()
    number = await file_report(h, PARENT)
    card = await card_of(h, number)
    h.sim.skip(PARENT)
    h.sim.send_text(STAFF[0], "孩子现在好些了吗？", chat_id=GROUP, reply_to=card.message_id)
    relayed = await h.sim.wait_for_message(PARENT)
    await linked(h, PARENT, relayed.message_id)
    h.sim.skip(GROUP)
    h.sim.send_text(PARENT, "好多了", reply_to=relayed.message_id)
    await h.sim.wait_for_message(GROUP)
    await h.sim.wait_for_message(PARENT, lambda m: "已转给" in text_of(m))
    await h.say(PARENT, "汤有点咸")  # kept as an offer until she files it
    before = await rows_naming(h, PARENT)
    for expected in ("users.id", "feedback.parent_id", "feedback_offers.user_id",
                     "feedback_messages.chat_id", "feedback_events.actor_id", "deliveries.chat_id"):  # fmt: skip
        assert expected in before, (expected, before)

    confirm = await h.say(PARENT, "/deletedata")
    h.sim.press(PARENT, confirm, "确定删除")
    await edited(h, confirm)
    assert await rows_naming(h, PARENT) == {}
    case = await h.deps.db.fetchone("SELECT parent_id, text FROM feedback WHERE id = ?", (number,))
    assert case is not None and case["parent_id"] is None and case["text"]

    # She joins again: a reply to a message of the old case stays with her.
    await join(h, PARENT, "初二(1)班", "小明", [])
    h.sim.skip(GROUP)
    answer = await h.say(PARENT, "还想说一句", reply_to=relayed.message_id)
    assert "已转给" not in text_of(answer)
    assert h.sim.messages(GROUP)[h.sim.cursor(GROUP) :] == []
    h.assert_no_bad_requests()


async def test_names_that_show_nothing_or_turn_text_around_are_neutralised(
    harness: Harness,
) -> None:
    h = harness
    h.sim.add_user(PARENT, "\u202e芳王", "zh")
    code = await invite_code(h, "初二(1)班")
    await h.say(PARENT, f"/start {code}")
    for invisible in ("\u200d", "\u2060\u3164", "\u202e"):
        refused = await h.say(PARENT, invisible)
        assert "名字" in text_of(refused) and "\u202e" not in (refused.text or ""), invisible
    await h.say(PARENT, "小明")
    number = await file_report(h, PARENT, text="饭里有\u202e虫子")
    card = await card_of(h, number)
    assert "\u202e" not in (card.text or "") and "芳王" in text_of(card)
    assert "饭里有虫子" in text_of(card)
