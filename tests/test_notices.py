"""Administrators send notices to all / a grade / a class / an allergen; parents read them."""

from __future__ import annotations

from datetime import timedelta

from bot.simulator import SentMessage
from bot.storage import outbox as outbox_store
from bot.storage import people as store
from tests.conftest import ADMIN, Harness
from tests.helpers import join

# Parents: (user id, class, allergen buttons as the join flow shows them in Chinese).
P1A, P1B, P2, P3 = 2001, 2002, 2003, 2004
FINAL = 10.0  # the outbox reports every 2 s; the final report may take a few rounds


async def seed(h: Harness) -> None:
    await join(h, P1A, "初一(1)班", "甲", ["花生"])
    await join(h, P1B, "初一(2)班", "乙", [])
    await join(h, P2, "初二(1)班", "丙", ["花生", "芝麻"])
    await join(h, P3, "初三(1)班", "丁", [])


async def compose(h: Harness, body: str, *path: str) -> tuple[SentMessage, SentMessage]:
    """/notice, the text, then the picker buttons; returns (preview, confirmation)."""
    ask = await h.say(ADMIN, "/notice")
    assert "通知内容" in (ask.text or "")
    picker = await h.say(ADMIN, body)
    return await pick(h, picker, *path)


async def pick(h: Harness, picker: SentMessage, *path: str) -> tuple[SentMessage, SentMessage]:
    for i, button in enumerate(path):
        h.sim.press(ADMIN, picker, button)
        if i < len(path) - 1:
            picker = await h.sim.wait_for_edit(ADMIN, picker.message_id)
    preview = await h.sim.wait_for_message(ADMIN)
    confirm = await h.sim.wait_for_message(ADMIN)
    return preview, confirm


async def send(h: Harness, confirm: SentMessage) -> SentMessage:
    """Press Send; returns the final report (the one progress message, edited)."""
    h.sim.press(ADMIN, confirm, "发送给")
    report = await h.sim.wait_for_message(ADMIN)
    return await h.sim.wait_for_edit(
        ADMIN, report.message_id, timeout=FINAL, predicate=lambda m: "完毕" in (m.text or "")
    )


def notices_in(h: Harness, user: int) -> list[SentMessage]:
    return [m for m in h.sim.messages(user) if "📢" in (m.visible_text or "")]


async def wait_notice(h: Harness, user: int) -> SentMessage:
    return await h.sim.wait_for_message(user, lambda m: "📢" in (m.visible_text or ""))


async def test_a_class_notice_reaches_only_that_class(harness: Harness) -> None:
    h = harness
    await seed(h)
    preview, confirm = await compose(h, "明天午餐改为11:30开始", "按班级", "初一", "初一(2)班")
    assert "明天午餐改为11:30开始" in (preview.visible_text or "")
    assert "第一中学通知" in (preview.visible_text or "")
    assert "初一(2)班" in (confirm.text or "") and "1 位家长" in (confirm.text or "")
    final = await send(h, confirm)
    assert "送达：1" in (final.text or "")
    got = await wait_notice(h, P1B)
    # The parent's copy is the preview, to the character.
    assert got.visible_text == preview.visible_text
    assert got.text == preview.text
    for other in (P1A, P2, P3):
        assert notices_in(h, other) == []
    h.assert_no_bad_requests()


async def test_everyone_grade_and_allergen(harness: Harness) -> None:
    h = harness
    await seed(h)
    _, confirm = await compose(h, "全校通知", "全体家长")
    assert "4 位家长" in (confirm.text or "")
    await send(h, confirm)
    for parent in (P1A, P1B, P2, P3):
        assert "全校通知" in ((await wait_notice(h, parent)).visible_text or "")

    _, confirm = await compose(h, "初一年级通知", "按年级", "初一")
    assert "初一全体家长" in (confirm.text or "") and "2 位家长" in (confirm.text or "")
    await send(h, confirm)
    for parent in (P1A, P1B):
        assert "初一年级通知" in ((await wait_notice(h, parent)).visible_text or "")

    _, confirm = await compose(h, "本周菜单含花生", "按过敏原", "花生")
    assert "花生过敏" in (confirm.text or "") and "2 位家长" in (confirm.text or "")
    await send(h, confirm)
    for parent in (P1A, P2):
        assert "含花生" in ((await wait_notice(h, parent)).visible_text or "")

    def bodies(user: int) -> list[str]:
        return [m.visible_text or "" for m in notices_in(h, user)]

    assert [("初一年级" in b, "含花生" in b) for b in bodies(P1B)] == [
        (False, False),
        (True, False),
    ]
    assert [("初一年级" in b, "含花生" in b) for b in bodies(P2)] == [(False, False), (False, True)]
    assert len(bodies(P3)) == 1
    h.assert_no_bad_requests()


async def test_an_empty_audience_cannot_be_sent(harness: Harness) -> None:
    h = harness
    await seed(h)
    _, confirm = await compose(h, "甲壳类提醒", "按过敏原", "虾蟹类")
    assert "没有符合条件的家长" in (confirm.text or "")
    assert not any("发送给" in b["text"] for b in confirm.buttons)
    # Another audience from the same confirmation works.
    h.sim.press(ADMIN, confirm, "更换发送范围")
    picker = await h.sim.wait_for_edit(ADMIN, confirm.message_id)
    _, confirm = await pick(h, picker, "全体家长")
    assert "4 位家长" in (confirm.text or "")


async def test_preview_then_cancel_sends_nothing(harness: Harness) -> None:
    h = harness
    await seed(h)
    preview, confirm = await compose(h, "不会发出的通知", "全体家长")
    assert "不会发出的通知" in (preview.visible_text or "")
    h.sim.press(ADMIN, confirm, "取消")
    cancelled = await h.sim.wait_for_edit(ADMIN, confirm.message_id)
    assert "已取消" in (cancelled.text or "") and cancelled.buttons == []
    assert await store.get_conversation(h.deps.db, ADMIN) is None
    assert await outbox_store.sending_broadcasts(h.deps.db) == []
    assert await outbox_store.recent_notices_for(h.deps.db, P1A, 5) == []
    for parent in (P1A, P1B, P2, P3):
        assert notices_in(h, parent) == []


async def test_html_in_a_notice_arrives_literally(harness: Harness) -> None:
    h = harness
    await seed(h)
    body = "<b>x</b> & <script>"
    preview, confirm = await compose(h, body, "按班级", "初三", "初三(1)班")
    assert body in (preview.visible_text or "")
    await send(h, confirm)
    got = await wait_notice(h, P3)
    assert body in (got.visible_text or "")
    [notice] = await outbox_store.recent_notices_for(h.deps.db, P3, 5)
    assert notice.body == body
    h.assert_no_bad_requests()


async def test_a_long_notice_with_markup_characters_arrives_whole(harness: Harness) -> None:
    h = harness
    await seed(h)
    # 3,400 characters, many of them escaped into entities: far past Fluent's 2,500-character
    # argument limit, so the body must not go through a catalog placeholder.
    body = ("食堂通知 <&> " * 340)[:3400]
    _, confirm = await compose(h, body, "按班级", "初三", "初三(1)班")
    await send(h, confirm)
    got = await wait_notice(h, P3)
    assert body.strip() in (got.visible_text or "")
    h.assert_no_bad_requests()


async def test_one_progress_message_becomes_the_final_report(harness: Harness) -> None:
    h = harness
    await seed(h)
    # notify=False: the bot learns of the block only when a send fails (as after downtime).
    h.sim.block(P2, notify=False)
    _, confirm = await compose(h, "家长会通知", "全体家长")
    before = len(h.sim.messages(ADMIN))
    final = await send(h, confirm)
    text = final.text or ""
    assert "送达：3" in text and "已屏蔽机器人：1" in text and "失败：0" in text
    # Exactly one new message for the whole send: the progress message, edited into the report.
    assert h.sim.messages(ADMIN)[before:] == [final]
    assert confirm.buttons == []  # no second Send
    [notice] = await outbox_store.recent_notices_for(h.deps.db, P2, 5)
    statuses = await outbox_store.delivery_counts_by_chat(h.deps.db, notice.id)
    assert statuses == {P1A: "sent", P1B: "sent", P2: "blocked", P3: "sent"}
    user = await store.get_user(h.deps.db, P2)
    assert user is not None and user.status == "blocked"
    assert notice.created_by == ADMIN and notice.report_message_id == final.message_id
    h.assert_no_bad_requests()


async def test_a_photo_notice_arrives_as_a_photo_with_caption(harness: Harness) -> None:
    h = harness
    await seed(h)
    await h.say(ADMIN, "/notice")
    h.sim.send_photo(ADMIN, caption="今日留样照片")
    picker = await h.sim.wait_for_message(ADMIN)
    preview, confirm = await pick(h, picker, "按班级", "初一", "初一(1)班")
    assert preview.method == "sendPhoto"
    await send(h, confirm)
    got = await wait_notice(h, P1A)
    assert got.method == "sendPhoto" and got.photo
    assert "今日留样照片" in (got.visible_text or "")
    [notice] = await outbox_store.recent_notices_for(h.deps.db, P1A, 5)
    assert notice.photo_file_id == got.photo[-1]["file_id"]
    h.assert_no_bad_requests()


async def test_a_document_notice_arrives_as_a_document_with_caption(harness: Harness) -> None:
    h = harness
    await seed(h)
    await h.say(ADMIN, "/notice")
    h.sim.send_document(ADMIN, "食谱.pdf", b"%PDF-1.4 test", caption="下周食谱见附件")
    picker = await h.sim.wait_for_message(ADMIN)
    preview, confirm = await pick(h, picker, "按年级", "初二")
    assert preview.method == "sendDocument"
    await send(h, confirm)
    got = await wait_notice(h, P2)
    assert got.method == "sendDocument" and got.document is not None
    assert "下周食谱见附件" in (got.visible_text or "")
    listing = await h.say(P2, "/notices")
    assert "附文件" in (listing.visible_text or "")
    h.assert_no_bad_requests()


async def test_an_expired_flow_sends_nothing(harness: Harness) -> None:
    h = harness
    await seed(h)
    _, confirm = await compose(h, "过期的草稿", "全体家长")
    # Updates from one chat run in order, so this answer means the preview step is all saved.
    assert "按钮" in ((await h.say(ADMIN, "好的")).text or "")
    h.clock.advance(timedelta(minutes=31))
    query = h.sim.press(ADMIN, confirm, "发送给")
    assert (await h.sim.wait_for_callback_answer(query)).show_alert
    assert await outbox_store.recent_notices_for(h.deps.db, P1A, 5) == []


async def test_what_cannot_be_a_notice_is_explained(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/notice")
    h.sim.send_photo(ADMIN)  # no caption: no notice text
    assert "不能为空" in ((await h.sim.wait_for_message(ADMIN)).text or "")
    h.sim.send_photo(ADMIN, caption="长" * 901)
    assert "901" in ((await h.sim.wait_for_message(ADMIN)).text or "")
    assert "太长" in ((await h.say(ADMIN, "字" * 3501)).text or "")
    chat = h.sim.chat(ADMIN)
    voice = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}
    user = {"id": ADMIN, "is_bot": False, "first_name": "管理员"}
    h.sim.send_update(
        {"message": {"message_id": 9999, "from": user, "chat": chat, "date": 0, "voice": voice}}
    )
    assert "语音" in ((await h.sim.wait_for_message(ADMIN)).text or "")
    # Still composing: a good text goes on to the audience picker.
    picker = await h.say(ADMIN, "字" * 3500)
    assert "发给谁" in (picker.text or "")
    h.assert_no_bad_requests()


async def test_non_admin_is_refused(harness: Harness) -> None:
    h = harness
    await join(h, P1A, "初一(1)班", "甲", [])
    refused = await h.say(P1A, "/notice")
    assert "只有学校管理员" in (refused.text or "")
    assert await store.get_conversation(h.deps.db, P1A) is None


async def test_cancel_mid_flow(harness: Harness) -> None:
    h = harness
    await seed(h)
    await h.say(ADMIN, "/notice")
    picker = await h.say(ADMIN, "草稿")
    assert "已取消" in ((await h.say(ADMIN, "/cancel")).text or "")
    assert await store.get_conversation(h.deps.db, ADMIN) is None
    # The old picker is dead, and text is no longer taken as a notice.
    query = h.sim.press(ADMIN, picker, "全体家长")
    assert (await h.sim.wait_for_callback_answer(query)).show_alert
    assert "发给谁" not in ((await h.say(ADMIN, "再写一条")).text or "")
    assert "没有进行中" in ((await h.say(ADMIN, "/cancel")).text or "")
    # /cancel ends other flows too (here: adding a child).
    code = {c.name: c for c in await store.list_classes(h.deps.db)}["初二(2)班"].invite_code
    await h.say(P1A, f"/start {code}")
    assert "已取消" in ((await h.say(P1A, "/cancel")).text or "")
    assert await store.get_conversation(h.deps.db, P1A) is None
    assert await outbox_store.recent_notices_for(h.deps.db, P1A, 5) == []


async def test_parents_list_recent_notices_in_their_language(harness: Harness) -> None:
    h = harness
    h.sim.add_user(P3, "Anna", "en-GB")
    await join(h, P3, "初三(1)班", None, [])
    await join(h, P1A, "初一(1)班", "甲", [])
    assert "no school notices" in ((await h.say(P3, "/notices")).text or "")
    _, confirm = await compose(h, "运动会通知 <周五>", "全体家长")
    await send(h, confirm)
    got = await wait_notice(h, P3)
    assert "Notice from 第一中学" in (got.visible_text or "")
    assert "2026-11-30" in (got.visible_text or "")
    _, confirm = await compose(h, "第二条通知", "按年级", "初一")
    await send(h, confirm)
    listing = await h.say(P3, "/notices")
    text = listing.visible_text or ""
    assert "Recent school notices" in text and "运动会通知 <周五>" in text
    assert "2026-11-30" in text and "第二条通知" not in text
    zh = (await h.say(P1A, "/notices")).visible_text or ""
    assert "近期学校通知" in zh
    assert zh.index("第二条通知") < zh.index("运动会通知")  # newest first
    h.assert_no_bad_requests()
