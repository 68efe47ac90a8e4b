"""The food-safety group's side: cards with albums, replies both ways, acknowledge / resolve,
who may act, escalation, outbreak clusters, follow-up, /case and /cases, foreign groups."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.simulator import RateLimits, SentMessage
from bot.storage import cases as case_store
from tests.conftest import ADMIN, GROUP, STAFF, Harness
from tests.helpers import add_parents, card_of, cards, edited, file_report, join, text_of

PARENT = 1001
STRANGER = 777


async def reported(
    h: Harness, photos: int = 0, text: str = "孩子午饭后呕吐，肚子疼"
) -> SentMessage:
    """A parent who joined files a suspected-illness report; returns its card."""
    await join(h, PARENT, "初二(1)班", "小明", [])
    h.sim.add_user(PARENT, "王芳", "zh")
    number = await file_report(h, PARENT, text=text, photos=photos)
    return await card_of(h, number)


async def test_an_illness_report_arrives_as_a_card_with_its_album(harness: Harness) -> None:
    h = harness
    card = await reported(h, photos=2)
    text = text_of(card)
    for expected in ("紧急", "#1", "初二(1)班", "午餐", "疑似身体不适", "孩子午饭后呕吐", "王芳"):
        assert expected in text, expected
    assert "出现症状的孩子：2 人" in text and "1–6 小时" in text and "照片：2 张" in text
    assert [b["text"] for b in card.buttons] == ["👀 确认收到", "✅ 结案", "🧪 留样已封存"]
    album = [m for m in h.sim.messages(GROUP) if m.media_group_id is not None]
    assert len(album) == 2 and {m.reply_to_message_id for m in album} == {card.message_id}
    assert len({m.media_group_id for m in album}) == 1
    confirmation = h.sim.messages(PARENT)[-1]
    assert "#1" in text_of(confirmation) and "食品安全工作组" in text_of(confirmation)
    h.assert_no_bad_requests()


async def test_an_anonymous_report_hides_the_name(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    h.sim.add_user(PARENT, "王芳", "zh")
    number = await file_report(h, PARENT, category="异物", text="汤里有一根头发", anonymous=True)
    card = await card_of(h, number)
    assert "王芳" not in text_of(card) and "匿名" in text_of(card) and "头发" in text_of(card)


async def test_replies_go_both_ways_in_one_thread(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.skip(PARENT)
    h.sim.send_text(
        STAFF[0], "请问孩子现在还有呕吐吗？<我们在核查>", chat_id=GROUP, reply_to=card.message_id
    )
    relayed = await h.sim.wait_for_message(PARENT)
    assert "食品安全工作组回复了您的反馈 #1：" in text_of(relayed) and "<我们在核查>" in text_of(
        relayed
    )
    assert "员工" not in text_of(relayed)  # signed as the group, not the person
    card = await edited(h, card)
    assert "已答复" in text_of(card) and "员工801" in text_of(card)
    # The parent's reply comes back as a reply to the card.
    h.sim.skip(GROUP)
    h.sim.send_text(PARENT, "已经不吐了，谢谢 & 辛苦", reply_to=relayed.message_id)
    back = await h.sim.wait_for_message(GROUP)
    assert back.reply_to_message_id == card.message_id
    assert "家长回复 #1" in text_of(back) and "已经不吐了，谢谢 & 辛苦" in text_of(back)
    sent = await h.sim.wait_for_message(PARENT)
    assert "已转给" in text_of(sent)
    # Staff can answer that too: the thread continues.
    h.sim.skip(PARENT)
    h.sim.send_text(STAFF[1], "好的，祝早日康复", chat_id=GROUP, reply_to=back.message_id)
    again = await h.sim.wait_for_message(PARENT)
    assert "祝早日康复" in text_of(again)
    card = await edited(h, card)
    assert "已回复家长 2 次" in text_of(card) and "员工802" in text_of(card)
    kinds = [str(e.kind) for e in await case_store.events_of(h.deps.db, 1)]
    assert kinds.count("replied") == 2 and "parent-replied" in kinds
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.status == "answered" and case.acknowledged_at is not None
    h.assert_no_bad_requests()


async def test_acknowledge_and_resolve_notify_the_parent(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.skip(PARENT)
    h.sim.press(STAFF[0], card, "确认收到")
    told = await h.sim.wait_for_message(PARENT)
    assert "#1" in text_of(told) and "确认" in text_of(told)
    card = await edited(h, card)
    assert "确认：员工801" in text_of(card)
    assert [b["text"] for b in card.buttons] == ["✅ 结案", "🧪 留样已封存"]
    h.sim.skip(GROUP)
    h.sim.press(STAFF[1], card, "结案")
    prompt = await h.sim.wait_for_message(GROUP)
    assert "处理说明" in text_of(prompt) and "员工802" in text_of(prompt)
    assert (prompt.reply_markup or {}).get("force_reply") is True
    h.sim.send_text(
        STAFF[1], "已约谈供应商，更换了当日食材 <已留样>", chat_id=GROUP, reply_to=prompt.message_id
    )
    resolved = await h.sim.wait_for_message(PARENT)
    assert "已处理完毕" in text_of(resolved) and "已约谈供应商，更换了当日食材 <已留样>" in text_of(
        resolved
    )
    card = await edited(h, card)
    assert "已结案" in text_of(card) and "结案：员工802" in text_of(card) and card.buttons == []
    mine = await h.say(PARENT, "/myreports")
    assert "已结案" in text_of(mine) and "更换了当日食材" in text_of(mine)
    h.assert_no_bad_requests()


async def test_non_members_and_forged_or_stale_presses_change_nothing(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.add_user(STRANGER, "路人", "zh")
    query = h.sim.press(STRANGER, card, "确认收到")
    refused = await h.sim.wait_for_callback_answer(query)
    assert refused.show_alert and "成员" in (refused.text or "")
    # A parent forging the button in a private chat is not a member either.
    private = h.sim.messages(PARENT)[-1]
    query = h.sim.press_button(PARENT, private, "case:ack:1", check=False)
    assert (await h.sim.wait_for_callback_answer(query)).show_alert
    for forged in ("case:ack:999", "case:zap:1", "case:ack:x", "case:"):
        query = h.sim.press_button(STAFF[0], card, forged, check=False)
        assert (await h.sim.wait_for_callback_answer(query)).show_alert, forged
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.status == "open"
    h.sim.press(STAFF[0], card, "确认收到")
    card = await edited(h, card)
    # The Acknowledge button is gone; pressing it anyway (a stale keyboard) changes nothing.
    query = h.sim.press_button(STAFF[1], card, "case:ack:1", check=False)
    stale = await h.sim.wait_for_callback_answer(query)
    assert stale.show_alert and "员工801" in (stale.text or "")
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.acknowledged_by == "员工801"
    kinds = [str(e.kind) for e in await case_store.events_of(h.deps.db, 1)]
    assert kinds.count("acknowledged") == 1


async def test_an_unacknowledged_case_escalates_twice_across_a_restart(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    await reported(h)
    before = len(h.sim.messages(GROUP))
    h.clock.advance(timedelta(minutes=29))
    await h.tick()
    assert len(h.sim.messages(GROUP)) == before
    h.sim.skip(ADMIN)
    h.clock.advance(timedelta(minutes=2))
    await h.tick()
    first = await h.sim.wait_for_message(GROUP, lambda m: "仍未确认" in text_of(m))
    assert "30 分钟" in text_of(first) and "#1" in text_of(first)
    assert first.reply_to_message_id == cards(h)[0].message_id
    to_admin = await h.sim.wait_for_message(ADMIN)
    assert "30 分钟" in text_of(to_admin) and "#1" in text_of(to_admin)
    await h.tick()  # nothing new until twice the time
    assert sum("仍未确认" in text_of(m) for m in h.sim.messages(GROUP)) == 1
    await h.restart()
    h.clock.advance(timedelta(minutes=30))
    await h.tick()
    second = await h.sim.wait_for_message(GROUP, lambda m: "仍未确认" in text_of(m))
    assert "60 分钟" in text_of(second)
    await h.sim.wait_for_message(ADMIN, lambda m: "60 分钟" in text_of(m))
    h.clock.advance(timedelta(hours=3))
    await h.tick()
    reminders = [m for m in h.sim.messages(GROUP) if "仍未确认" in text_of(m)]
    assert len(reminders) == 2
    escalated = [e for e in await case_store.events_of(h.deps.db, 1) if e.kind == "escalated"]
    assert [e.detail for e in escalated] == ["1", "2"]
    # The escalation's button acknowledges, from the administrator's private chat too.
    h.sim.press(ADMIN, to_admin, "确认 #1")
    await h.sim.wait_for_message(PARENT, lambda m: "已由学校食品安全工作组确认" in text_of(m))
    h.assert_no_bad_requests()


async def test_an_acknowledged_case_does_not_escalate(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.press(STAFF[0], card, "确认收到")
    await edited(h, card)
    h.clock.advance(timedelta(hours=2))
    await h.tick()
    assert not any("仍未确认" in text_of(m) for m in h.sim.messages(GROUP))


async def test_three_illness_reports_about_one_lunch_raise_one_outbreak_alert(
    harness: Harness,
) -> None:
    h = harness
    h.sim.set_rate_limits(RateLimits(group_per_minute=20))
    await h.say(ADMIN, "/start")
    parents = await add_parents(h, 2001, 14, class_name="初一(3)班")
    for parent in parents[:3]:
        await file_report(h, parent, text="吃完午饭肚子疼，拉肚子")
    alert = await h.sim.wait_for_message(GROUP, lambda m: "可能的集体事件" in text_of(m))
    assert all(f"#{n}" in text_of(alert) for n in (1, 2, 3))
    await h.sim.wait_for_message(ADMIN, lambda m: "可能的集体事件" in text_of(m))
    # Further reports about that lunch are batched, not carded one by one.
    for parent in parents[3:]:
        await file_report(h, parent, category="异物", text="饭里有虫")
    assert len(cards(h)) == 3
    h.clock.advance(timedelta(seconds=61))
    await h.tick()
    summary = await h.sim.wait_for_message(GROUP, lambda m: "新增 11 份" in text_of(m))
    assert all(f"#{n}" in text_of(summary) for n in range(4, 15))
    await h.tick()  # announced once
    assert sum("新增" in text_of(m) for m in h.sim.messages(GROUP)) == 1
    alerts = [m for m in h.sim.messages(GROUP) if "可能的集体事件" in text_of(m)]
    assert len(alerts) == 1
    # A batched case is handled from /case, which gives it a card with buttons.
    h.sim.send_text(STAFF[0], "/case 9", chat_id=GROUP)
    opened = await h.sim.wait_for_message(GROUP, lambda m: "#9" in text_of(m) and bool(m.buttons))
    h.sim.press(STAFF[0], opened, "确认收到")
    await edited(h, opened)
    case = await case_store.get_case(h.deps.db, 9)
    assert case is not None and case.status == "acknowledged" and case.card_message_id is not None
    # Escalation of the 13 cases still unacknowledged: one message, not one per case.
    h.clock.advance(timedelta(minutes=30))
    await h.tick()
    late = await h.sim.wait_for_message(GROUP, lambda m: "仍未确认" in text_of(m))
    assert "13 件个案" in text_of(late) and "#14" in text_of(late) and "#9 " not in text_of(late)
    # Never more than 20 messages to the group in any minute.
    dates = sorted(m.message["date"] for m in h.sim.messages(GROUP))
    assert all(sum(1 for d in dates if start <= d < start + 60) <= 20 for start in dates)
    assert h.sim.stats.refused_429 == 0
    h.assert_no_bad_requests()


async def test_follow_up_after_a_day_joins_the_case(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.press(STAFF[0], card, "确认收到")
    card = await edited(h, card)
    h.clock.advance(timedelta(hours=23))
    await h.tick()
    assert not any("现在身体怎么样" in text_of(m) for m in h.sim.messages(PARENT))
    h.sim.skip(PARENT)
    h.clock.advance(timedelta(hours=1, minutes=1))
    await h.tick()
    question = await h.sim.wait_for_message(PARENT, lambda m: "现在身体怎么样" in text_of(m))
    assert [b["text"] for b in question.buttons] == ["已经好了", "还不舒服", "已去就医"]
    h.sim.skip(GROUP)
    h.sim.press(PARENT, question, "还不舒服")
    to_group = await h.sim.wait_for_message(GROUP)
    assert "24 小时回访" in text_of(to_group) and "还不舒服" in text_of(to_group)
    assert to_group.reply_to_message_id == card.message_id
    question = await edited(h, question)
    assert question.buttons == [] and "还不舒服" in text_of(question)
    # Free text as a reply to the question joins the case too.
    h.sim.send_text(PARENT, "下午去了医院，医生说是肠胃炎", reply_to=question.message_id)
    words = await h.sim.wait_for_message(GROUP)
    assert "肠胃炎" in text_of(words)
    await h.tick()  # asked once
    asked = [
        m for m in h.sim.messages(PARENT) if m.original and "身体怎么样" in (m.original.text or "")
    ]
    assert len(asked) == 1
    details = [e.detail for e in await case_store.events_of(h.deps.db, 1) if e.kind == "follow-up"]
    assert details == ["unwell", "下午去了医院，医生说是肠胃炎"]
    h.assert_no_bad_requests()


async def test_case_and_cases_commands(harness: Harness) -> None:
    h = harness
    card = await reported(h)
    h.sim.press(STAFF[0], card, "确认收到")
    await edited(h, card)
    h.sim.send_text(STAFF[0], "孩子好些了吗", chat_id=GROUP, reply_to=card.message_id)
    await h.sim.wait_for_message(PARENT, lambda m: "孩子好些了吗" in text_of(m))
    listing = await h.say(STAFF[1], "/cases", chat_id=GROUP)
    assert "未结个案（1 件）" in text_of(listing) and "#1" in text_of(listing)
    h.sim.skip(GROUP)
    h.sim.send_text(STAFF[1], "/case 1", chat_id=GROUP)
    await h.sim.wait_until(lambda: any("处理记录" in text_of(m) for m in h.sim.messages(GROUP)))
    history = next(m for m in h.sim.messages(GROUP) if "处理记录" in text_of(m))
    for step in (
        "家长提交",
        "转到工作组",
        "确认收到（员工801）",
        "回复家长（员工801）：孩子好些了吗",
    ):
        assert step in text_of(history), step
    missing = await h.say(STAFF[1], "/case 99", chat_id=GROUP)
    assert "#99" in text_of(missing)
    usage = await h.say(STAFF[1], "/case", chat_id=GROUP)
    assert "用法" in text_of(usage)
    h.assert_no_bad_requests()


async def test_the_bot_leaves_groups_it_does_not_belong_in(harness: Harness) -> None:
    h = harness
    h.sim.add_group(-200, "闲聊群", member_ids=[STRANGER])
    h.sim.send_text(STRANGER, "/help", chat_id=-200)
    await h.sim.wait_until(lambda: -200 in h.sim.left_chats)
    # Being added to another group: it leaves at once.
    h.sim.add_group(-300, "另一个群", member_ids=[STRANGER])
    h.sim.kick_bot(-300, notify=False)
    h.sim.add_bot(-300)
    await h.sim.wait_until(lambda: -300 in h.sim.left_chats)
    assert h.sim.messages(-200) == [] and h.sim.messages(-300) == []
    assert GROUP not in h.sim.left_chats
    help_text = await h.say(STAFF[0], "/help", chat_id=GROUP)
    assert "/cases" in text_of(help_text)


async def test_a_long_report_with_markup_and_emoji_is_forwarded_intact(harness: Harness) -> None:
    h = harness
    words = ("<b>鱼汤</b> & 鸡块 😋🤢👨‍👩‍👧 a<b & c>d\n" * 200)[:4000]
    assert len(words) == 4000
    card = await reported(h, text=words)
    below = re.search(r"见下面 (\d+) 条", text_of(card))
    assert below is not None and int(below.group(1)) >= 2
    total = int(below.group(1))
    await h.sim.wait_until(
        lambda: sum("家长原话（" in text_of(m) for m in h.sim.messages(GROUP)) >= total
    )
    parts = [m for m in h.sim.messages(GROUP) if "家长原话（" in text_of(m)]
    assert len(parts) == total and all(m.reply_to_message_id == card.message_id for m in parts)
    assert all(f"（{n}/{total}）" in text_of(m) for n, m in enumerate(parts, start=1))
    # Cut at line breaks: each cut takes the place of one.
    rebuilt = "\n".join(text_of(m).split("\n", 1)[1] for m in parts)
    assert rebuilt == words.rstrip("\n")
    case = await case_store.get_case(h.deps.db, 1)
    assert case is not None and case.text == words.strip()
    h.assert_no_bad_requests()


async def test_a_case_survives_a_restart_and_is_forwarded_when_the_group_returns(
    harness: Harness,
) -> None:
    h = harness
    h.sim.kick_bot(GROUP, notify=False)
    await join(h, PARENT, "初二(1)班", "小明", [])
    number = await file_report(h, PARENT, category="卫生", text="餐盘上有油污")
    assert cards(h) == []
    await h.restart()
    h.sim.add_bot(GROUP, notify=False)
    await h.tick()
    card = await card_of(h, number)
    assert "卫生" in text_of(card)
