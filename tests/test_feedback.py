"""The parent's side of the feedback loop: one-tap ratings, the guided report, offers for
messages outside a flow, expiry, /myreports."""

from __future__ import annotations

from datetime import date, timedelta

from bot.services import feedback as service
from bot.services.report_steps import STEPS, ReportStep
from bot.simulator import SentMessage
from bot.storage import cases as case_store
from bot.storage import people as store
from bot.storage import ratings as rating_store
from bot.views.ratings import rating_callback
from tests.conftest import GROUP, Harness
from tests.helpers import edited, file_report, import_menu, join, sample_menu, text_of

PARENT = 1001
MONDAY = date(2026, 11, 30)  # "today" in the harness (04:00 in Shanghai)


async def menu_message(h: Harness, user: int) -> SentMessage:
    await import_menu(h, sample_menu())
    return await h.say(user, "/menu")


# ---- one-tap ratings ------------------------------------------------------------------------------


async def test_a_one_tap_rating_is_stored_marked_and_changeable(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(2)班", "小明", [])
    menu = await menu_message(h, PARENT)
    [child] = await store.children_of(h.deps.db, PARENT)
    query = h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 5))
    toast = await h.sim.wait_for_callback_answer(query)
    assert "已记录" in (toast.text or "") and not toast.show_alert
    menu = await edited(h, menu)
    assert any(b["text"] == "午餐 ✅😋" for b in menu.buttons)
    assert menu.edits[-1].method == "editMessageReplyMarkup"  # only the keyboard changed
    assert await rating_store.ratings_of(h.deps.db, PARENT, MONDAY, "lunch") == {child.id: 5}
    # The same face again: answered, nothing to edit (Telegram refuses an edit that changes nothing).
    query = h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 5))
    await h.sim.wait_for_callback_answer(query)
    assert len(menu.edits) == 1
    # Changing it keeps one rating per child and meal, and moves the mark.
    h.sim.skip(PARENT)
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 4))
    menu = await edited(h, menu)
    marked = [b["text"] for b in menu.buttons if "✅" in b["text"]]
    assert marked == ["✅🙂"]
    assert await rating_store.ratings_of(h.deps.db, PARENT, MONDAY, "lunch") == {child.id: 4}
    assert await h.deps.db.fetchval("SELECT count(*) FROM ratings") == 1
    # Another meal is a separate rating.
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "breakfast", 3))
    await edited(h, menu)
    counts = await rating_store.rating_counts(h.deps.db, MONDAY)
    assert counts == {("lunch", 4): 1, ("breakfast", 3): 1}
    assert h.sim.messages(GROUP) == []  # ordinary ratings are counted, not forwarded
    h.assert_no_bad_requests()


async def test_tapping_the_marked_face_again_answers_without_an_edit(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(2)班", "小明", [])
    menu = await menu_message(h, PARENT)
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 5))
    menu = await edited(h, menu)
    edits = h.sim.requests["editMessageReplyMarkup"]
    query = h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 5))  # shows ✅
    toast = await h.sim.wait_for_callback_answer(query)
    assert "已记录" in (toast.text or "")
    # One chat's updates run in order: once the next tap's edit is there, the first is done.
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "breakfast", 4))
    menu = await edited(h, menu)
    assert h.sim.requests["editMessageReplyMarkup"] == edits + 1
    marked = [b["text"] for b in menu.buttons if "✅" in b["text"]]
    assert marked == ["✅🙂", "午餐 ✅😋"]
    h.assert_no_bad_requests()


async def test_a_low_rating_offers_tell_us_more_prefilled(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(2)班", "小明", [])
    menu = await menu_message(h, PARENT)
    h.sim.skip(PARENT)
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 1))
    offer = await h.sim.wait_for_message(PARENT)
    assert "午餐" in text_of(offer) and "详细说说" in str(offer.buttons)
    # A second low tap on the same meal does not offer again.
    menu = await edited(h, menu)
    h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "lunch", 2))
    await edited(h, menu)
    h.sim.press(PARENT, offer, "详细说说")
    prompt = await edited(h, offer)
    # Date, meal and rating are filled: the report goes straight to the dish.
    assert "哪道菜" in text_of(prompt) and "午餐" in text_of(prompt)
    assert any("红烧" in b["text"] or "米饭" in b["text"] for b in prompt.buttons)
    conv = await store.get_conversation(h.deps.db, PARENT)
    assert conv is not None and conv.flow == service.REPORT_FLOW
    draft = service.draft_of(conv)
    assert (draft.day, draft.meal, draft.rating) == (MONDAY, "lunch", 1)
    h.assert_no_bad_requests()


async def test_one_tap_rates_every_child_and_refuses_future_meals(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(2)班", "老大", [])
    await join(h, PARENT, "初三(1)班", "老二", [])
    menu = await menu_message(h, PARENT)
    query = h.sim.press_button(PARENT, menu, rating_callback(MONDAY, "dinner", 5))
    toast = await h.sim.wait_for_callback_answer(query)
    assert "2 个孩子" in (toast.text or "")
    ratings = await rating_store.ratings_of(h.deps.db, PARENT, MONDAY, "dinner")
    assert sorted(ratings.values()) == [5, 5] and len(ratings) == 2
    tomorrow = MONDAY + timedelta(days=1)
    query = h.sim.press_button(PARENT, menu, rating_callback(tomorrow, "lunch", 5), check=False)
    refused = await h.sim.wait_for_callback_answer(query)
    assert refused.show_alert
    forged = h.sim.press_button(PARENT, menu, "rate:20261130:supper:9", check=False)
    assert (await h.sim.wait_for_callback_answer(forged)).show_alert
    assert await rating_store.ratings_of(h.deps.db, PARENT, tomorrow, "lunch") == {}
    # Buttons obey the rules of typed input: a meal on the menu, within the 14-day window.
    for data in ("rate:20000101:lunch:3", f"rate:{MONDAY:%Y%m%d}:lunch:²", "rate:99991231:lunch:3"):
        query = h.sim.press_button(PARENT, menu, data, check=False)
        assert (await h.sim.wait_for_callback_answer(query)).show_alert, data
    more = h.sim.press_button(PARENT, menu, "fbm:20000101:lunch:1", check=False)
    assert (await h.sim.wait_for_callback_answer(more)).show_alert
    assert await h.deps.db.fetchval("SELECT count(*) FROM ratings WHERE date < '2001'") == 0
    assert await store.get_conversation(h.deps.db, PARENT) is None


# ---- the guided report ----------------------------------------------------------------------------


async def test_guided_report_gets_a_case_number_and_shows_in_myreports(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    await import_menu(h, sample_menu())
    number = await file_report(h, PARENT, category="口味", text="米饭太硬了 <b>&", photos=1)
    case = await case_store.get_case(h.deps.db, number)
    assert case is not None
    assert (case.category, case.meal, case.date, case.class_name) == (
        "taste", "lunch", MONDAY, "初二(1)班",
    )  # fmt: skip
    assert case.text == "米饭太硬了 <b>&" and len(case.photos) == 1
    assert case.flagged is False and case.status == "recorded"
    assert h.sim.messages(GROUP) == []  # a taste remark is counted, not forwarded
    mine = await h.say(PARENT, "/myreports")
    assert f"#{number}" in text_of(mine) and "口味" in text_of(mine) and "已记录" in text_of(mine)
    data = await h.say(PARENT, "/mydata")
    assert "已提交的反馈：1 条" in text_of(data)
    h.assert_no_bad_requests()


async def test_praise_is_thanked_and_kept(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    number = await file_report(h, PARENT, category="表扬", text="今天的红烧肉很好吃！")
    done = h.sim.messages(PARENT)[-1]
    assert "谢谢您的表扬" in text_of(done)
    case = await case_store.get_case(h.deps.db, number)
    assert case is not None and case.category == "praise" and not case.flagged
    assert h.sim.messages(GROUP) == []


async def test_several_children_are_asked_which_one(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(2)班", "老大", [])
    await join(h, PARENT, "初三(1)班", "老二", [])
    prompt = await h.say(PARENT, "/feedback")
    assert "哪个孩子" in text_of(prompt)
    h.sim.press(PARENT, prompt, "老二")
    prompt = await edited(h, prompt)
    conv = await store.get_conversation(h.deps.db, PARENT)
    assert conv is not None and conv.step == "date"
    [_, second] = await store.children_of(h.deps.db, PARENT)
    assert service.draft_of(conv).child_id == second.id


async def test_typing_at_a_button_step_explains_and_cancel_works(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    prompt = await h.say(PARENT, "/feedback")
    hint = await h.say(PARENT, "昨天的午饭")
    assert "按钮" in text_of(hint)
    again = await h.sim.wait_for_message(PARENT)
    assert "哪一天" in text_of(again)
    # The button of the first prompt still belongs to this report.
    h.sim.press(PARENT, again, "取消")
    await edited(h, again)
    assert await store.get_conversation(h.deps.db, PARENT) is None
    # A button of the cancelled report changes nothing.
    stale = h.sim.press(PARENT, prompt, "今天")
    assert (await h.sim.wait_for_callback_answer(stale)).show_alert
    # /cancel ends a report at any step.
    await h.say(PARENT, "/feedback")
    cancelled = await h.say(PARENT, "/cancel")
    assert "已取消" in text_of(cancelled)
    assert await store.get_conversation(h.deps.db, PARENT) is None


async def test_an_abandoned_report_expires_with_a_message(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    prompt = await h.say(PARENT, "/feedback")
    h.sim.press(PARENT, prompt, "今天")
    prompt = await edited(h, prompt)
    h.clock.advance(timedelta(minutes=29))
    await h.tick()
    assert await store.get_conversation(h.deps.db, PARENT) is not None
    h.sim.skip(PARENT)
    h.clock.advance(timedelta(minutes=2))
    await h.tick()
    expired = await h.sim.wait_for_message(PARENT)
    assert "30 分钟" in text_of(expired) and "/feedback" in text_of(expired)
    assert await store.get_conversation(h.deps.db, PARENT) is None
    await h.tick()  # told once
    assert h.sim.messages(PARENT)[-1].message_id == expired.message_id
    stale = h.sim.press(PARENT, prompt, "午餐")
    assert (await h.sim.wait_for_callback_answer(stale)).show_alert


# ---- messages outside any flow --------------------------------------------------------------------


async def test_free_text_outside_a_flow_is_offered_as_a_report(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    offer = await h.say(PARENT, "今天的鱼里有很多刺 <i>")
    assert "作为用餐反馈" in text_of(offer) and "/help" in text_of(offer)
    assert offer.reply_to_message_id is not None
    data = offer.button("作为反馈提交")["callback_data"]
    h.sim.press(PARENT, offer, "作为反馈提交")
    prompt = await edited(h, offer)
    assert "哪一天" in text_of(prompt)
    conv = await store.get_conversation(h.deps.db, PARENT)
    assert conv is not None and service.draft_of(conv).text == "今天的鱼里有很多刺 <i>"
    # The offer is used up.
    again = h.sim.press_button(PARENT, offer, data, check=False)
    assert (await h.sim.wait_for_callback_answer(again)).show_alert
    h.assert_no_bad_requests()


async def test_photos_outside_a_flow_get_one_offer_per_album(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    h.sim.skip(PARENT)
    h.sim.send_photo(PARENT, caption="菜里有头发", media_group_id="g7")
    h.sim.send_photo(PARENT, media_group_id="g7")
    offer = await h.sim.wait_for_message(PARENT)
    h.sim.press(PARENT, offer, "作为反馈提交")
    await edited(h, offer)
    assert len(h.sim.messages(PARENT)) == offer.index + 1  # one offer for the album
    conv = await store.get_conversation(h.deps.db, PARENT)
    assert conv is not None
    draft = service.draft_of(conv)
    assert draft.text == "菜里有头发" and len(draft.photos) == 2


async def test_documents_are_left_to_other_handlers(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    h.sim.skip(PARENT)
    h.sim.send_document(PARENT, "notes.pdf", b"%PDF-1.4")
    reply = await h.sim.wait_for_message(PARENT)
    assert "作为用餐反馈" not in text_of(reply)


async def test_erasing_data_keeps_reports_anonymously(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    number = await file_report(h, PARENT, category="口味", text="太咸了")
    confirm = await h.say(PARENT, "/deletedata")
    h.sim.press(PARENT, confirm, "确定删除")
    await edited(h, confirm)
    case = await case_store.get_case(h.deps.db, number)
    assert case is not None and case.parent_id is None and case.text == "太咸了"
    assert case.class_name == "初二(1)班"


async def test_an_unanswered_offer_is_forgotten_after_a_day(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小明", [])
    offer = await h.say(PARENT, "菜有点凉")
    h.clock.advance(timedelta(days=1, minutes=1))
    await h.tick()
    assert await h.deps.db.fetchval("SELECT count(*) FROM feedback_offers") == 0
    query = h.sim.press(PARENT, offer, "作为反馈提交")
    assert (await h.sim.wait_for_callback_answer(query)).show_alert


def test_the_step_table_lists_every_report_step_in_order() -> None:
    """The guided report walks STEPS in order: a step left out would never be asked."""
    assert list(STEPS) == list(ReportStep)
