"""家长陪餐: administrators open days, parents apply, approvals never exceed the seats, parents
cancel up to the day before, are reminded on the day and fill in a record that reaches the
food-safety group (as a case when anything is 差), across restarts."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.services import peican, peican_record, people
from bot.simulator import BotAPISimulator, SentMessage
from bot.storage import cases as case_store
from bot.views import peican as peican_view
from tests.conftest import ADMIN, GROUP, MONDAY, Harness
from tests.helpers import add_parents, cards, edited, text_of

THURSDAY = MONDAY + timedelta(days=3)
SECOND_ADMIN = 901


def at(h: Harness, day: date, hour: int, minute: int = 0) -> None:
    h.clock.set(datetime.combine(day, time(hour, minute), tzinfo=h.settings.tz))


async def open_thursday_lunch(h: Harness, seats: int) -> SentMessage:
    reply = await h.say(ADMIN, f"/peican open {THURSDAY.isoformat()} 午餐 {seats}")
    assert "已开放家长陪餐" in text_of(reply), text_of(reply)
    return reply


async def apply(h: Harness, parent: int) -> SentMessage:
    """The parent applies for Thursday's lunch; returns the administrator's message about it."""
    h.sim.skip(ADMIN)
    view = await h.say(parent, "/peican")
    h.sim.press(parent, view, f"{THURSDAY.month}月{THURSDAY.day}日")
    done = await edited(h, view)
    assert "已提交" in text_of(done), text_of(done)
    return await h.sim.wait_for_message(ADMIN, lambda m: f"家长{parent}" in text_of(m))


async def approved(h: Harness, parent: int) -> None:
    to_admin = await apply(h, parent)
    h.sim.skip(parent)
    h.sim.press(ADMIN, to_admin, "通过")
    told = await h.sim.wait_for_message(parent)
    assert "已通过" in text_of(told)


async def test_administrators_open_list_and_close_days(harness: Harness) -> None:
    h = harness
    (parent,) = await add_parents(h, 4001, 1)
    reply = await h.say(ADMIN, f"/peican open {THURSDAY.month}月{THURSDAY.day}日 午餐 4")
    assert "4 个名额" in text_of(reply) and "午餐" in text_of(reply)
    for bad, answer in (
        (f"/peican open {THURSDAY.isoformat()} 夜宵 4", "没有这个餐次"),
        (f"/peican open {THURSDAY.isoformat()} 午餐 0", "1 到 50"),
        ("/peican open 2026-02-30 午餐 4", "没看懂这个日期"),
        (f"/peican open {(MONDAY - timedelta(days=1)).isoformat()} 午餐 4", "已经过去"),
        ("/peican open 午餐", "请这样写"),
    ):
        assert answer in text_of(await h.say(ADMIN, bad)), bad
    # Parents may not open days; they see the open day with its seats.
    refused = await h.say(parent, f"/peican open {THURSDAY.isoformat()} 午餐 4")
    assert "/peican" in text_of(refused) and "已开放" not in text_of(refused)
    view = await h.say(parent, "/peican")
    assert any("剩 4 个名额" in b["text"] for b in view.buttons)
    # Someone with no child at the school cannot take a seat.
    h.sim.add_user(4999, "路人", "zh")
    stranger_view = await h.say(4999, "/peican")
    query = h.sim.press(4999, stranger_view, "剩 4 个名额")
    assert "需要先登记孩子" in str((await h.sim.wait_for_callback_answer(query)).text)
    listed = await h.say(ADMIN, "/peican list")
    assert "4 个名额" in text_of(listed) and "#1" in text_of(listed)
    closed = await h.say(ADMIN, "/peican close 1")
    assert "已停止" in text_of(closed)
    view = await h.say(parent, "/peican")
    assert "没有开放报名" in text_of(view)
    # A press of the day's button from before it closed is answered, not applied.
    query = h.sim.press_button(parent, view, "pcday:1", check=False)
    assert "不能报名" in str((await h.sim.wait_for_callback_answer(query)).text)
    assert await peican.my_applications(h.deps, parent) == []


async def test_apply_approve_and_the_parent_is_told(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    (parent,) = await add_parents(h, 4101, 1)
    await open_thursday_lunch(h, 2)
    to_admin = await apply(h, parent)
    assert "家长陪餐报名" in text_of(to_admin) and "已通过 0" in text_of(to_admin)
    h.sim.skip(parent)
    h.sim.press(ADMIN, to_admin, "通过")
    decided = await edited(h, to_admin)
    assert "已通过" in text_of(decided) and decided.buttons == []
    told = await h.sim.wait_for_message(parent)
    assert "已通过" in text_of(told) and "午餐" in text_of(told)
    # A second tap (another administrator's copy, or a stale one) is answered, nothing changes.
    query = h.sim.press_button(ADMIN, to_admin, "pcdec:no:1", check=False)
    assert "已经处理过了" in str((await h.sim.wait_for_callback_answer(query)).text)
    (application,) = await peican.my_applications(h.deps, parent)
    assert application.status is peican.ApplicationStatus.APPROVED
    h.assert_no_bad_requests()


async def test_a_declined_parent_is_told_in_english(harness: Harness) -> None:
    h = harness
    (parent,) = await add_parents(h, 4151, 1)
    await people.set_language(h.deps, parent, "en")
    await open_thursday_lunch(h, 2)
    h.sim.skip(ADMIN)
    view = await h.say(parent, "/peican")
    h.sim.press(parent, view, "seat")
    assert "You applied" in text_of(await edited(h, view))
    to_admin = await h.sim.wait_for_message(ADMIN, lambda m: "家长4151" in text_of(m))
    h.sim.skip(parent)
    h.sim.press(ADMIN, to_admin, "不通过")
    told = await h.sim.wait_for_message(parent)
    assert "could not be arranged" in text_of(told)


async def test_two_approvals_racing_for_the_last_seat_one_wins(harness: Harness) -> None:
    h = harness
    h.sim.add_user(SECOND_ADMIN, "副校长", "zh")
    await h.say(SECOND_ADMIN, "/start")
    await people.grant(h.deps, SECOND_ADMIN, "admin", ADMIN)
    await h.say(ADMIN, "/start")
    first, second = await add_parents(h, 4201, 2)
    await open_thursday_lunch(h, 1)
    to_admin_a = await apply(h, first)
    h.sim.skip(SECOND_ADMIN)
    await apply(h, second)
    to_second_b = await h.sim.wait_for_message(
        SECOND_ADMIN, lambda m: f"家长{second}" in text_of(m)
    )
    # Two administrators tap "approve" on two applications for the last seat at once.
    query_a = h.sim.press(ADMIN, to_admin_a, "通过")
    query_b = h.sim.press(SECOND_ADMIN, to_second_b, "通过")
    answers = [
        await h.sim.wait_for_callback_answer(query_a),
        await h.sim.wait_for_callback_answer(query_b),
    ]
    refused = [a for a in answers if a.show_alert]
    assert len(refused) == 1 and "名额已满" in str(refused[0].text)
    approved_ids = await h.deps.db.fetchall(
        "SELECT parent_id FROM peican_applications WHERE status = 'approved'"
    )
    assert len(approved_ids) == 1
    # The same race straight at the rule: a seat is added, and two more parents race for it.
    await h.say(ADMIN, f"/peican open {THURSDAY.isoformat()} 午餐 2")
    third, fourth = await add_parents(h, 4301, 2)
    await apply(h, third)
    await apply(h, fourth)
    pending = await h.deps.db.fetchall(
        "SELECT id FROM peican_applications WHERE status = 'pending' ORDER BY id"
    )
    results = await asyncio.gather(
        *(peican.decide(h.deps, row["id"], True, ADMIN, "管理员") for row in pending)
    )
    # The loser of the first race is still waiting too: three applications, one seat.
    assert len(pending) == 3
    decisions = sorted(r.decision for r in results)
    assert decisions == sorted(
        [peican.Decision.APPROVED, peican.Decision.FULL, peican.Decision.FULL]
    )
    day = await peican.day_at(h.deps, THURSDAY, "lunch")
    assert day is not None and day.approved == day.seats == 2
    fewer = await h.say(ADMIN, f"/peican open {THURSDAY.isoformat()} 午餐 1")
    assert "不能少于" in text_of(fewer)
    h.assert_no_bad_requests()


async def test_a_parent_cancels_until_the_day_before_but_not_on_the_day(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    first, second = await add_parents(h, 4401, 2)
    await open_thursday_lunch(h, 2)
    await approved(h, first)
    await approved(h, second)
    # Wednesday evening: the first parent cancels; the administrators hear a seat is free.
    at(h, THURSDAY - timedelta(days=1), 20)
    view = await h.say(first, "/peican")
    h.sim.skip(ADMIN)
    h.sim.press(first, view, "取消")
    assert "已取消" in text_of(await edited(h, view))
    freed = await h.sim.wait_for_message(ADMIN, lambda m: "家长陪餐" in text_of(m))
    assert "空出 1 个名额" in text_of(freed)
    # The second parent's view from Wednesday, pressed on Thursday: refused.
    view = await h.say(second, "/peican")
    at(h, THURSDAY, 7)
    query = h.sim.press(second, view, "取消")
    answer = await h.sim.wait_for_callback_answer(query)
    assert answer.show_alert and "当天不能" in str(answer.text)
    (still,) = await peican.my_applications(h.deps, second)
    assert still.status is peican.ApplicationStatus.APPROVED
    # On the day, /peican offers no cancel button any more.
    view = await h.say(second, "/peican")
    assert not any("取消" in b["text"] for b in view.buttons)


async def test_a_phone_number_for_the_gate_when_the_school_wants_one(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    h = Harness(sim, tmp_path, peican_phone_required=True)
    await h.start()
    try:
        await h.seed_classes()
        await h.say(ADMIN, "/start")
        first, second = await add_parents(h, 4501, 2)
        await open_thursday_lunch(h, 3)
        view = await h.say(first, "/peican")
        h.sim.skip(first)
        h.sim.press(first, view, "剩 3 个名额")
        asked = await h.sim.wait_for_message(first)
        assert "手机号" in text_of(asked)
        assert "号码看起来不对" in text_of(await h.say(first, "12345"))
        # Someone else's contact is not the parent's number.
        h.sim.skip(first)
        h.sim.send_content(
            first, {"contact": {"phone_number": "13900001111", "first_name": "X", "user_id": 1}}
        )
        assert "号码看起来不对" in text_of(await h.sim.wait_for_message(first))
        h.sim.skip(ADMIN)
        applied = await h.say(first, "138 1234 5678")
        assert "已提交" in text_of(applied)
        to_admin = await h.sim.wait_for_message(ADMIN, lambda m: "家长陪餐报名" in text_of(m))
        assert "13812345678" in text_of(to_admin)
        # The second parent shares their own contact with Telegram's button.
        view = await h.say(second, "/peican")
        h.sim.press(second, view, "剩 3 个名额")
        await h.sim.wait_for_message(second)
        h.sim.skip(ADMIN)
        h.sim.send_content(
            second,
            {
                "contact": {
                    "phone_number": "+86 139 0000 2222",
                    "first_name": "家长",
                    "user_id": second,
                }
            },
        )
        assert "已提交" in text_of(await h.sim.wait_for_message(second))
        assert "13900002222" in text_of(
            await h.sim.wait_for_message(ADMIN, lambda m: "家长陪餐报名" in text_of(m))
        )
        # The number goes with the parent's data; the application stays, anonymous.
        await people.forget(h.deps, first)
        phones = await h.deps.db.fetchall("SELECT phone FROM peican_applications ORDER BY id")
        assert [row["phone"] for row in phones] == ["", "13900002222"]
    finally:
        await h.stop()


def test_phone_numbers_and_dates_parse_strictly() -> None:
    assert peican.parse_phone("13812345678") == "13812345678"
    assert peican.parse_phone("+86 138-1234-5678") == "13812345678"
    assert peican.parse_phone("１３８１２３４５６７８") == "13812345678"
    for bad in ("12812345678", "1381234567", "138123456789", "", "电话13812345678"):
        assert peican.parse_phone(bad) is None, bad
    today = date(2026, 11, 30)
    assert peican.parse_day("12月10日", today) == date(2026, 12, 10)
    assert peican.parse_day("1月5号", today) == date(2027, 1, 5)
    assert peican.parse_day("2026年12月10日", today) == date(2026, 12, 10)
    assert peican.parse_day("11-30", today) == today
    assert peican.parse_day("13月1日", today) is None
    assert peican.parse_day("明天", today) is None


async def record_until_confirm(
    h: Harness, parent: int, prompt: SentMessage, grades: tuple[str, ...]
) -> SentMessage:
    for grade in grades:
        h.sim.press(parent, prompt, grade)
        prompt = await edited(h, prompt)
    return prompt


async def test_the_day_reminder_and_a_record_with_poor_becomes_a_case_across_a_restart(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    (parent,) = await add_parents(h, 4601, 1)
    await open_thursday_lunch(h, 2)
    await approved(h, parent)
    # Thursday morning, two hours before lunch: reminded once.
    at(h, THURSDAY, 9, 59)
    await h.tick()
    at(h, THURSDAY, 10, 0)
    h.sim.skip(parent)
    await h.tick()
    reminder = await h.sim.wait_for_message(parent)
    assert "今天" in text_of(reminder) and "家长陪餐日" in text_of(reminder)
    await h.tick()
    # After lunch: the record is asked for, with a button.
    at(h, THURSDAY, 13, 5)
    await h.tick()
    request = await h.sim.wait_for_message(parent)
    assert "陪餐记录" in text_of(request)
    assert sum("陪餐日" in text_of(m) for m in h.sim.messages(parent)) == 1
    h.sim.press(parent, request, "填写陪餐记录")
    prompt = await edited(h, request)
    assert "食堂卫生状况" in text_of(prompt)
    h.sim.press(parent, prompt, "优")
    prompt = await edited(h, prompt)
    # The bot restarts in the middle: the next tap carries on where the parent was.
    await h.restart()
    prompt = await record_until_confirm(h, parent, prompt, ("良", "中", "差"))
    assert "其他情况说明" in text_of(prompt)
    prompt = await h.say(parent, "<b>汤</b>太咸，有的孩子没吃完")
    assert "照片" in text_of(prompt)
    h.sim.skip(parent)
    h.sim.send_photo(parent)
    prompt = await h.sim.wait_for_message(parent)
    assert "已收到 1 张" in text_of(prompt)
    h.sim.press(parent, prompt, "完成")
    prompt = await edited(h, prompt)
    assert "食品安全工作组" in text_of(prompt)
    h.sim.skip(parent)
    h.sim.press(parent, prompt, "提交")
    done = await h.sim.wait_for_message(parent, lambda m: "#" in text_of(m))
    assert "已转给学校食品安全工作组" in text_of(done)
    (listed,) = [c for c in await case_store.open_cases(h.deps.db) if c.category == "peican"]
    case = await case_store.get_case(h.deps.db, listed.id)
    assert case is not None
    card = next(m for m in cards(h) if f"#{case.id}" in text_of(m))
    assert "家长陪餐记录" in text_of(card) and "饭菜质量：差" in text_of(card)
    # What the parent typed is shown as typed, never as markup.
    assert "<b>汤</b>太咸" in text_of(card)
    assert case.photos and case.parent_id == parent
    await h.sim.wait_until(lambda: any(m.photo for m in h.sim.messages(GROUP)))
    # The evening digest's summary of the day shows the record and its case's status.
    (record,) = await peican_record.day_summary(h.deps, THURSDAY)
    assert record.case_id == case.id and record.grades[3] == "poor"
    lines = peican_view.digest_lines(h.deps, "zh", [record])
    assert any("饭菜质量差" in line for line in lines)
    assert any(f"#{case.id}" in line and "已转给食品安全工作组" in line for line in lines)
    # The day's audit trail, for the inspection folder.
    shown = await h.say(ADMIN, "/peican show 1")
    trail = text_of(shown)
    for expected in ("报名", "通过（管理员）", "当天提醒已发送", "提交陪餐记录", "饭菜质量：差"):
        assert expected in trail, expected
    assert f"个案 #{case.id}" in trail and "照片：1 张" in trail
    # Tapping "submit" again, or the record button, changes nothing.
    again = await h.say(parent, "/peican")
    assert not any("填写陪餐记录" in b["text"] for b in again.buttons)
    h.assert_no_bad_requests()


async def test_a_record_without_poor_reaches_the_group_as_a_card_only(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    (parent,) = await add_parents(h, 4701, 1)
    await open_thursday_lunch(h, 2)
    await approved(h, parent)
    # Too early: before lunch starts the record cannot be begun.
    at(h, THURSDAY, 11)
    view = await h.say(parent, "/peican")
    query = h.sim.press(parent, view, "填写陪餐记录")
    answer = await h.sim.wait_for_callback_answer(query)
    assert answer.show_alert and "用餐开始后" in str(answer.text)
    # The next morning /peican still offers the record.
    at(h, THURSDAY + timedelta(days=1), 9)
    view = await h.say(parent, "/peican")
    h.sim.press(parent, view, "填写陪餐记录")
    prompt = await edited(h, view)
    # Words typed while a grade is asked for: a polite nudge, and the question again.
    nudge = await h.say(parent, "挺好的")
    assert "请点上面的按钮" in text_of(nudge)
    again = await h.sim.wait_for_message(parent)
    assert "食堂卫生状况" in text_of(again)
    prompt = await record_until_confirm(h, parent, prompt, ("优", "优", "良", "优"))
    h.sim.press(parent, prompt, "跳过")
    prompt = await edited(h, prompt)
    h.sim.press(parent, prompt, "完成")
    prompt = await edited(h, prompt)
    assert "食品安全工作组处理" not in text_of(prompt)
    h.sim.skip(parent)
    h.sim.press(parent, prompt, "提交")
    done = await h.sim.wait_for_message(parent)
    assert "陪餐记录已提交" in text_of(done) and "#" not in text_of(done)
    card = await h.sim.wait_for_message(GROUP, lambda m: "家长陪餐记录" in text_of(m))
    assert "家长4701" in text_of(card) and "食堂员工的工作：良" in text_of(card)
    assert card.buttons == []
    assert await h.deps.db.fetchval("SELECT count(*) FROM feedback") == 0
    # The tick sends nothing twice.
    await h.tick()
    assert sum("家长陪餐记录" in text_of(m) for m in h.sim.messages(GROUP)) == 1
    # Three years on, after every scheduled job has run, the record is still there; when the
    # parent erases their data it stays, anonymous, and the phone number goes.
    h.clock.advance(timedelta(days=3 * 366))
    await h.tick()
    await people.forget(h.deps, parent)
    (record,) = await peican_record.day_summary(h.deps, THURSDAY)
    assert record.parent_id is None and record.grades == (
        "excellent",
        "excellent",
        "good",
        "excellent",
    )
    for table, condition in (
        ("peican_applications", "parent_id = ? OR phone != ''"),
        ("peican_records", "parent_id = ?"),
        ("peican_events", "actor_id = ?"),
    ):
        named = await h.deps.db.fetchval(
            f"SELECT count(*) FROM {table} WHERE {condition}", (parent,)
        )
        assert named == 0, table
    h.assert_no_bad_requests()


@given(
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.sampled_from(["", "+86", "86", "0086", "+86 "]),
    st.lists(st.sampled_from([" ", "-", ""]), min_size=2, max_size=2),
)
def test_any_mainland_mobile_number_parses_to_its_eleven_digits(
    second: str, rest: str, prefix: str, seps: list[str]
) -> None:
    number = f"1{second}{rest}"
    written = f"{prefix}{number[:3]}{seps[0]}{number[3:7]}{seps[1]}{number[7:]}"
    assert peican.parse_phone(written) == number


@given(st.text(max_size=20))
def test_whatever_parses_as_a_phone_is_a_mobile_number(text: str) -> None:
    found = peican.parse_phone(text)
    assert found is None or (len(found) == 11 and found[0] == "1" and found[1] in "3456789")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)), st.integers(0, 364))
def test_a_month_and_day_mean_the_next_such_day(today: date, ahead: int) -> None:
    """Within the coming year (a day 365 days on shares today's month and day: that is today)."""
    day = today + timedelta(days=ahead)
    assert peican.parse_day(f"{day.month}月{day.day}日", today) == day
    assert peican.parse_day(day.isoformat(), today) == day
