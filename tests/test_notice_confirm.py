"""Notices parents confirm (已阅): the sender's report counts confirmations live, /notices lists
the rates for administrators, and the one-tap reminder goes once and only to the unconfirmed.
Also "你说我改" notices, which cite what parents asked for."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.services import notice_confirms, people
from bot.simulator import SentMessage
from bot.storage.outbox import BroadcastKind
from bot.views.survey_callbacks import NOTICE_REMIND, SEEN
from tests.conftest import ADMIN, START, Harness
from tests.helpers import add_parents, edited, text_of

FINAL = 10.0


def notices_in(h: Harness, user: int) -> list[SentMessage]:
    return [m for m in h.sim.messages(user) if "📢" in text_of(m) or "💬" in text_of(m)]


async def compose_confirm_notice(h: Harness, body: str, confirm: bool = True) -> SentMessage:
    """/notice to everyone, asking parents to confirm; returns the sender's final report."""
    await h.say(ADMIN, "/notice")
    picker = await h.say(ADMIN, body)
    h.sim.press(ADMIN, picker, "全体家长")
    await h.sim.wait_for_message(ADMIN)  # the preview
    confirmation = await h.sim.wait_for_message(ADMIN)
    assert "不需要家长确认已阅" in text_of(confirmation)
    if confirm:
        h.sim.press(ADMIN, confirmation, "请家长确认已阅")
        confirmation = await edited(h, confirmation)
        assert "已阅" in text_of(confirmation)
    h.sim.press(ADMIN, confirmation, "发送给")
    report = await h.sim.wait_for_message(ADMIN)
    return await h.sim.wait_for_edit(
        ADMIN, report.message_id, timeout=FINAL, predicate=lambda m: "完毕" in text_of(m)
    )


async def got_notice(h: Harness, parent: int) -> SentMessage:
    await h.sim.wait_until(lambda: bool(notices_in(h, parent)))
    return notices_in(h, parent)[-1]


@pytest.mark.slow
async def test_a_confirm_notice_report_counts_confirmations(harness: Harness) -> None:
    h = harness
    parents = await add_parents(h, 4001, 3)
    report = await compose_confirm_notice(h, "周五家长开放日，请准时到校")
    assert "送达：3" in text_of(report) and "已阅 0 位 · 未阅 3 位" in text_of(report)
    got = await got_notice(h, parents[0])
    assert [b["text"] for b in got.buttons] == ["✅ 已阅"]
    query = h.sim.press(parents[0], got, "已阅")
    assert "谢谢" in ((await h.sim.wait_for_callback_answer(query)).text or "")
    assert [b["text"] for b in (await edited(h, got)).buttons] == ["✅ 已确认"]
    report = await h.sim.wait_for_edit(
        ADMIN, report.message_id, timeout=FINAL, predicate=lambda m: "已阅 1 位 · 未阅 2 位" in text_of(m)
    )
    # A second tap changes nothing.
    again = h.sim.press(parents[0], got, "已确认")
    assert "确认过" in ((await h.sim.wait_for_callback_answer(again)).text or "")
    second = await got_notice(h, parents[1])
    h.sim.press(parents[1], second, "已阅")
    await h.sim.wait_for_edit(
        ADMIN, report.message_id, timeout=FINAL, predicate=lambda m: "已阅 2 位 · 未阅 1 位" in text_of(m)
    )
    [figures] = await notice_confirms.recent(h.deps)
    assert (figures.sent, figures.confirmed, figures.waiting) == (3, 2, 1)
    # The figures the weekly report and the export read.
    rates = await notice_confirms.confirmation_rates(
        h.deps, START - timedelta(days=1), START + timedelta(days=7)
    )
    assert [(r.sent, r.confirmed) for r in rates] == [(3, 2)]
    # A forged press for a notice that never reached this parent is a stale button.
    [stranger] = await add_parents(h, 4090, 1)
    probe = await h.say(stranger, "/help")
    forged = h.sim.press_button(stranger, probe, SEEN.build(figures.broadcast_id), check=False)
    assert (await h.sim.wait_for_callback_answer(forged)).show_alert
    after = await notice_confirms.figures(h.deps, figures.broadcast_id)
    assert after is not None and after.confirmed == 2
    h.assert_no_bad_requests()


@pytest.mark.slow
async def test_the_one_tap_reminder_goes_once_and_only_to_the_unconfirmed(
    harness: Harness,
) -> None:
    h = harness
    confirmed, waiting, stopped = await add_parents(h, 4101, 3)
    await compose_confirm_notice(h, "下周一起午餐改为11:40")
    got = await got_notice(h, confirmed)
    h.sim.press(confirmed, got, "已阅")
    await edited(h, got)
    await people.stop(h.deps, stopped)  # left since: no reminder for them
    h.sim.skip(ADMIN)
    h.sim.send_text(ADMIN, "/notices")
    await h.sim.wait_for_message(ADMIN, lambda m: "需要确认的通知" in text_of(m))
    item = await h.sim.wait_for_message(ADMIN, lambda m: "已阅 1/3（33%）" in text_of(m))
    assert "下周一起午餐改为11:40" in text_of(item)
    h.sim.press(ADMIN, item, "提醒未阅的 2 位家长")
    assert (await edited(h, item)).buttons == []
    await h.outbox_idle()
    reminder = await h.sim.wait_for_message(waiting, lambda m: "⏰" in text_of(m))
    assert "下周一起午餐改为11:40" in text_of(reminder)
    assert [b["text"] for b in reminder.buttons] == ["✅ 已阅"]
    for parent in (confirmed, stopped):
        assert not any("⏰" in text_of(m) for m in h.sim.messages(parent))
    # Once: the same button again (an old keyboard) sends nothing more.
    [figures] = await notice_confirms.recent(h.deps)
    notice_id = figures.broadcast_id
    again = h.sim.press_button(ADMIN, item, NOTICE_REMIND.build(notice_id), check=False)
    assert "只提醒一次" in ((await h.sim.wait_for_callback_answer(again)).text or "")
    assert (
        await h.deps.db.fetchval(
            "SELECT count(*) FROM broadcasts WHERE kind = ?", (BroadcastKind.NOTICE_REMINDER,)
        )
        == 1
    )
    await h.outbox_idle()
    assert sum("⏰" in text_of(m) for m in h.sim.messages(waiting)) == 1
    # Confirming from the reminder counts for the notice.
    h.sim.press(waiting, reminder, "已阅")
    await edited(h, reminder)
    after = await notice_confirms.figures(h.deps, notice_id)
    assert after is not None and after.confirmed == 2
    h.sim.send_text(ADMIN, "/notices")
    item = await h.sim.wait_for_message(ADMIN, lambda m: "已阅 2/3" in text_of(m))
    assert "已提醒过" in text_of(item) and item.buttons == []
    h.assert_no_bad_requests()


async def test_a_notice_without_confirmation_has_no_button(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 4201, 1)
    report = await compose_confirm_notice(h, "普通通知", confirm=False)
    assert "已阅" not in text_of(report)
    got = await got_notice(h, parent)
    assert got.buttons == []
    listing = await h.say(ADMIN, "/notices")
    assert "没有需要家长确认" in text_of(listing)


async def test_parents_cannot_send_the_reminder(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 4301, 1)
    await compose_confirm_notice(h, "需要确认的通知")
    [figures] = await notice_confirms.recent(h.deps)
    probe = await h.say(parent, "/help")
    query = h.sim.press_button(
        parent, probe, NOTICE_REMIND.build(figures.broadcast_id), check=False
    )
    assert (await h.sim.wait_for_callback_answer(query)).show_alert
    assert (
        await h.deps.db.fetchval(
            "SELECT count(*) FROM broadcasts WHERE kind = ?", (BroadcastKind.NOTICE_REMINDER,)
        )
        == 0
    )


async def test_you_asked_we_changed_cites_what_parents_asked_for(harness: Harness) -> None:
    h = harness
    parents = await add_parents(h, 4401, 2)
    await people.set_language(h.deps, parents[1], "en")
    ask = await h.say(ADMIN, "/changed")
    assert "你说我改" in text_of(ask)
    prompt = await h.say(ADMIN, "测评中 40% 的家长认为<菜太咸>")
    assert "改进" in text_of(prompt)
    picker = await h.say(ADMIN, "从下周起每道菜减盐 20%，并增加一道清淡菜 & 汤")
    h.sim.press(ADMIN, picker, "全体家长")
    preview = await h.sim.wait_for_message(ADMIN)
    assert "测评中 40% 的家长认为<菜太咸>" in text_of(preview)
    confirmation = await h.sim.wait_for_message(ADMIN)
    h.sim.press(ADMIN, confirmation, "发送给")
    report = await h.sim.wait_for_message(ADMIN)
    await h.sim.wait_for_edit(
        ADMIN, report.message_id, timeout=FINAL, predicate=lambda m: "完毕" in text_of(m)
    )
    zh = text_of(await got_notice(h, parents[0]))
    assert "你说我改" in zh and "家长的意见" in zh and "我们的改进" in zh
    assert zh.index("<菜太咸>") < zh.index("减盐 20%") and "清淡菜 & 汤" in zh
    en = text_of(await got_notice(h, parents[1]))
    assert "You asked, we changed" in en and "What parents asked for" in en
    assert "<菜太咸>" in en
    h.assert_no_bad_requests()


async def test_you_asked_we_changed_refuses_an_empty_or_long_citation(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/changed")
    assert "最多 500 字" in text_of(await h.say(ADMIN, "长" * 501))
    h.sim.send_photo(ADMIN)
    assert "请用文字" in text_of(await h.sim.wait_for_message(ADMIN))
    assert "改进" in text_of(await h.say(ADMIN, "家长希望早餐多些品种"))
    assert "已取消" in text_of(await h.say(ADMIN, "/cancel"))


async def test_english_parents_get_got_it_and_deletedata_forgets_the_confirmation(
    harness: Harness,
) -> None:
    h = harness
    [parent] = await add_parents(h, 4501, 1)
    await people.set_language(h.deps, parent, "en")
    await compose_confirm_notice(h, "Sports day on Friday")
    got = await got_notice(h, parent)
    assert "Notice from" in text_of(got)
    h.sim.press(parent, got, "Got it")
    assert [b["text"] for b in (await edited(h, got)).buttons] == ["✅ Confirmed"]
    assert await h.deps.db.fetchval("SELECT count(*) FROM notice_confirmations") == 1
    confirm = await h.say(parent, "/deletedata")
    h.sim.press(parent, confirm, "Yes, erase")
    await edited(h, confirm)
    assert await h.deps.db.fetchval("SELECT count(*) FROM notice_confirmations") == 0
