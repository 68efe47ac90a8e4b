"""陪餐 duty (issue 12): the roster, the reminder, the guided record and its case, corrections,
missing records, the evening digest, restarts mid-flow and the export."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.services import duty, meals
from bot.services.duty_record import Action, Press
from bot.simulator import BotAPISimulator, SentMessage
from bot.storage import cases as case_store
from bot.storage import people as people_store
from bot.views.codec import Codec
from bot.views.duty_buttons import CODECS, DIGEST, RECORD, ROSTER, START, RosterPick, StartPress
from tests.conftest import ADMIN, GROUP, MONDAY, STAFF, Harness
from tests.helpers import add_parents, bot_env, cli, import_menu, sample_menu, text_of

LEADER = 700
FAMILIES: dict[str, Codec[Any]] = {codec.prefix: codec for codec in CODECS}
CHECKS = 8  # the catalog's default checklist
SAMPLES = 6  # the 留样 check's position (0-based)


async def make_leader(h: Harness, user_id: int = LEADER, name: str = "王校长") -> None:
    h.sim.add_user(user_id, name, "zh", open_chat=True)
    now = h.clock.now()
    await people_store.ensure_user(h.deps.db, user_id, name, None, "zh", now)
    await people_store.grant_role(h.deps.db, user_id, "duty", ADMIN, now)


def at(h: Harness, hour: int, minute: int = 0, days: int = 0) -> datetime:
    local = datetime.combine(MONDAY + timedelta(days=days), time(hour, minute), h.settings.tz)
    return local.astimezone(UTC)


def roster_csv(*rows: str) -> bytes:
    return ("日期,餐次,陪餐领导,陪餐教师\n" + "\n".join(rows) + "\n").encode()


async def put_on_duty(h: Harness, days: int = 0, meal: str = "午餐") -> None:
    day = MONDAY + timedelta(days=days)
    result = await duty.parse_roster(h.deps, roster_csv(f"{day},{meal},王校长,李老师"))
    assert result.ok, result.problems
    await duty.import_roster(h.deps, result.rows, ADMIN)


def has_record_buttons(message: SentMessage) -> bool:
    return any(str(b.get("callback_data", "")).startswith("dr:") for b in message.buttons)


async def prompt_of(h: Harness, user: int) -> SentMessage:
    """The next message (after the chat's cursor) carrying the record's buttons."""
    return await h.sim.wait_for_message(user, has_record_buttons)


async def press_and_wait(h: Harness, user: int, message: SentMessage, text: str) -> SentMessage:
    before = len(message.edits)
    h.sim.press(user, message, text)
    await h.sim.wait_until(lambda: len(message.edits) > before)
    return message


async def begin_record(h: Harness, user: int = LEADER, meal: str = "午餐") -> SentMessage:
    await h.say(user, "/duty")
    start = await h.sim.wait_for_message(user, lambda m: "填写" in str(m.buttons))
    h.sim.skip(user)
    h.sim.press(user, start, f"填写{meal}陪餐记录")
    return await prompt_of(h, user)


async def fill_record(
    h: Harness,
    prompt: SentMessage,
    *,
    bad: dict[int, str] | None = None,
    photos: dict[int, int] | None = None,
    grades: tuple[str, str, str, str] = ("优", "优", "优", "优"),
    said: str | None = "学生说米饭有点硬",
    adverse: str | None = None,
    share: str = "不分享照片",
    user: int = LEADER,
    submit: bool = True,
    start: int = 0,
) -> str:
    """Walk the record with buttons; bad: check → its note; photos: check → how many."""
    bad, photos = bad or {}, photos or {}
    for index in range(start, CHECKS):
        assert f"检查 {index + 1}/{CHECKS}" in text_of(prompt), text_of(prompt)
        for _ in range(photos.get(index, 0)):
            h.sim.skip(user)
            h.sim.send_photo(user)
            prompt = await prompt_of(h, user)
            assert "照片已记入" in text_of(prompt)
        if index in bad:
            h.sim.skip(user)
            h.sim.send_text(user, bad[index])
            prompt = await prompt_of(h, user)
            assert "备注已记入" in text_of(prompt)
        if index == SAMPLES and "☐" in str(prompt.buttons):
            first = next(b["text"] for b in prompt.buttons if str(b["text"]).startswith("☐"))
            await press_and_wait(h, user, prompt, first)
            assert "☑" in str(prompt.buttons)
        await press_and_wait(h, user, prompt, "❌ 不合格" if index in bad else "✅ 合格")
    for grade in grades:
        assert "请评价" in text_of(prompt)
        await press_and_wait(h, user, prompt, grade)
    assert "学生们" in text_of(prompt)
    if said is None:
        await press_and_wait(h, user, prompt, "跳过")
    else:
        h.sim.skip(user)
        h.sim.send_text(user, said)
        prompt = await prompt_of(h, user)
    assert "不良反应" in text_of(prompt)
    if adverse is None:
        await press_and_wait(h, user, prompt, "没有")
    else:
        await press_and_wait(h, user, prompt, "有")
        h.sim.skip(user)
        h.sim.send_text(user, adverse)
        prompt = await prompt_of(h, user)
    if any(n for check, n in photos.items() if check != 0):  # staff health photos never shared
        assert "家长" in text_of(prompt)
        await press_and_wait(h, user, prompt, share)
    assert "请确认" in text_of(prompt)
    if not submit:
        return text_of(prompt)
    h.sim.skip(user)
    h.sim.press(user, prompt, "✅ 提交")
    done = await h.sim.wait_for_message(user, lambda m: "已提交" in text_of(m))
    return text_of(done)


def assert_buttons_parse_back(h: Harness, *chats: int) -> None:
    """Every duty button the bot sent in these chats parses back (as test_buttons does)."""
    for chat in chats:
        for message in h.sim.messages(chat):
            for button in message.buttons:
                data = str(button.get("callback_data", ""))
                codec = FAMILIES.get(data.split(":")[0])
                assert codec is None or codec.parse(data) is not None, data


def duty_cards(h: Harness) -> list[SentMessage]:
    return [m for m in h.sim.messages(GROUP) if "陪餐检查发现问题" in text_of(m)]


# ---- the roster -------------------------------------------------------------------------------------


async def test_a_roster_with_a_bad_row_imports_nothing_and_says_which_row(
    harness: Harness,
) -> None:
    h = harness
    await make_leader(h)
    bad = roster_csv(f"{MONDAY},午餐,王校长,", f"{MONDAY},夜宵,王校长,", f"{MONDAY},晚餐,赵主任,")
    result = await duty.parse_roster(h.deps, bad)
    assert not result.ok
    assert [(p.row, p.code.value) for p in result.problems] == [(3, "meal"), (4, "leader")]
    assert await duty.roster_week(h.deps, MONDAY) == []
    good = roster_csv(
        f"{MONDAY},午餐,王校长,李老师", f"{MONDAY + timedelta(days=1)},午餐,{LEADER},"
    )
    result = await duty.parse_roster(h.deps, good)
    assert result.ok
    await duty.import_roster(h.deps, result.rows, ADMIN)
    parent = (await add_parents(h, 5000, 1))[0]
    reply = await h.say(parent, "/duty")
    assert "本周陪餐安排" in text_of(reply)
    assert "午餐：王校长（陪餐教师：李老师）" in text_of(reply)
    assert "近 7 天还没有陪餐记录" in text_of(reply)


@pytest.mark.slow
async def test_roster_import_on_the_command_line_reports_rows_and_imports_nothing(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_csv(f"{MONDAY},午餐,12345,", "2026-13-01,午餐,12345,"))
    code, out, _ = await cli(env, tmp_path, "duty", "import", str(path))
    assert code == 1
    assert "第 2 行" in out and "第 3 行" in out and "没有导入任何内容" in out
    code, out, _ = await cli(env, tmp_path, "duty", "export", "--from", str(MONDAY),
                             "--to", str(MONDAY), str(tmp_path / "empty.xlsx"))  # fmt: skip
    assert code == 0
    book = load_workbook(tmp_path / "empty.xlsx")
    assert [sheet.max_row for sheet in book.worksheets] == [1, 1]


async def test_an_administrator_sets_the_roster_with_buttons(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    picker = await h.say(ADMIN, "/duty set")
    h.sim.press(ADMIN, picker, "王校长")
    await h.sim.wait_for_edit(ADMIN, picker.message_id)
    for day in ("11/30", "12/4"):
        await press_and_wait(h, ADMIN, picker, day)
    assert "陪哪一餐" in text_of(picker)
    await press_and_wait(h, ADMIN, picker, "午餐")
    assert "5 个上课日" in text_of(picker)
    assert_buttons_parse_back(h, ADMIN)
    roster = await duty.roster_week(h.deps, MONDAY)
    assert [(e.date.weekday(), e.meal, e.leader_id) for e in roster] == [
        (n, "lunch", LEADER) for n in range(5)
    ]


# ---- the reminder and the missing record ----------------------------------------------------------


async def test_the_leader_is_reminded_30_minutes_before_lunch_once(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    await put_on_duty(h)
    h.clock.set(at(h, 11, 29))
    await h.tick()
    assert not any("由您陪餐" in text_of(m) for m in h.sim.messages(LEADER))
    h.clock.set(at(h, 11, 30))
    h.sim.skip(LEADER)
    await h.tick()
    reminder = await h.sim.wait_for_message(LEADER)
    assert "今天午餐（12:00）由您陪餐" in text_of(reminder)
    assert "填写午餐陪餐记录" in str(reminder.buttons)
    await h.restart()
    h.clock.set(at(h, 11, 45))
    await h.tick()
    assert sum("由您陪餐" in text_of(m) for m in h.sim.messages(LEADER)) == 1


async def test_a_missing_record_is_reported_once_after_the_grace(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    await put_on_duty(h)
    h.clock.set(at(h, 14, 0))
    week = await h.say(ADMIN, "/duty week")  # the administrator has met the bot
    assert "午餐 · 王校长：⏳ 待记录" in text_of(week)
    # Lunch starts 12:00 and counts as over at 13:00; DUTY_GRACE is 2 h.
    h.clock.set(at(h, 14, 59))
    await h.tick()
    assert not any("还没有填写" in text_of(m) for m in h.sim.messages(ADMIN))
    h.clock.set(at(h, 15, 0))
    await h.tick()
    await h.sim.wait_until(lambda: any("还没有填写" in text_of(m) for m in h.sim.messages(ADMIN)))
    await h.restart()
    h.clock.set(at(h, 16, 0))
    await h.tick()
    alerts = [m for m in h.sim.messages(ADMIN) if "还没有填写" in text_of(m)]
    assert len(alerts) == 1 and "王校长" in text_of(alerts[0])
    h.sim.skip(ADMIN)
    h.sim.send_text(ADMIN, "/duty week")
    week = await h.sim.wait_for_message(ADMIN, lambda m: "本周陪餐记录情况" in text_of(m))
    assert "午餐 · 王校长：🔴 未记录" in text_of(week)


# ---- the record ------------------------------------------------------------------------------------


@pytest.mark.slow
async def test_two_failed_checks_with_photos_reach_the_group_as_one_case(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    await import_menu(h, sample_menu(), today=MONDAY - timedelta(days=1))
    await put_on_duty(h)
    h.clock.set(at(h, 11, 30))
    prompt = await begin_record(h)
    done = await fill_record(
        h, prompt,
        bad={3: "蔬菜没有浸泡<b>", 5: "消毒柜未通电"},
        photos={3: 2, 5: 1},
        share="照片 1",
    )  # fmt: skip
    assert "个案 #" in done
    cards = duty_cards(h)
    assert len(cards) == 1
    card = cards[0]
    assert "清洗" in text_of(card) and "餐具消毒" in text_of(card)
    assert "蔬菜没有浸泡<b>" in text_of(card)  # escaped, shown as typed
    assert "王校长" in text_of(card)
    case_id = int(done.split("个案 #")[1].rstrip("）)。"))
    case = await case_store.get_case(h.deps.db, case_id)
    assert case is not None and len(case.photos) == 3 and not case.urgent
    await h.sim.wait_until(lambda: sum(
        m.photo is not None and m.reply_to_message_id == card.message_id
        for m in h.sim.messages(GROUP)) == 3)  # fmt: skip
    records = await duty.recent_records(h.deps)
    assert len(records) == 1
    record = records[0]
    assert record.case_id == case_id
    assert [c.ok for c in record.checks].count(False) == 2
    assert record.samples and record.samples[0][1] is True
    assert record.shared_photo is not None
    # The group works the case with the leader, who hears of it as their record's case.
    h.sim.skip(LEADER)
    h.sim.press(STAFF[0], card, "确认收到")
    acknowledged = await h.sim.wait_for_message(LEADER)
    assert f"陪餐记录转出的个案 #{case_id}" in text_of(acknowledged)
    h.sim.send_text(STAFF[0], "消毒柜已修好", chat_id=GROUP, reply_to=card.message_id)
    relayed = await h.sim.wait_for_message(LEADER, lambda m: "消毒柜已修好" in text_of(m))
    assert "您的陪餐记录" in text_of(relayed) and "您的反馈" not in text_of(relayed)


@pytest.mark.slow
async def test_duty_week_tells_recorded_late_and_unassigned_apart(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    await put_on_duty(h)
    await put_on_duty(h, meal="早餐")
    h.clock.set(at(h, 8, 0))
    await fill_record(h, await begin_record(h, meal="早餐"))
    h.clock.set(at(h, 16, 0))  # lunch's deadline was 15:00
    await fill_record(h, await begin_record(h))
    week = await h.say(ADMIN, "/duty week")
    assert "11月30日（周一） 早餐 · 王校长：✅ 已记录" in text_of(week)
    assert "11月30日（周一） 午餐 · 王校长：🟡 补记（超时）" in text_of(week)
    assert "11月30日（周一） 晚餐 · —：⚪ 未安排" in text_of(week)


@pytest.mark.slow
async def test_a_record_with_only_pass_and_excellent_opens_no_case(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    prompt = await begin_record(h)
    done = await fill_record(h, prompt, said=None)
    assert "谢谢" in done and "个案" not in done
    await h.tick()
    assert duty_cards(h) == []
    assert await h.deps.db.fetchval("SELECT count(*) FROM feedback") == 0


@pytest.mark.slow
async def test_an_adverse_reaction_is_an_urgent_case(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    prompt = await begin_record(h)
    done = await fill_record(h, prompt, grades=("优", "良", "中", "差"), adverse="两名学生腹痛")
    assert "个案 #" in done
    [card] = duty_cards(h)
    assert "紧急" in text_of(card) or "🚨" in text_of(card)
    assert "两名学生腹痛" in text_of(card) and "服务" in text_of(card)


@pytest.mark.slow
async def test_a_correction_keeps_both_versions(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    prompt = await begin_record(h)
    await fill_record(h, prompt, said="第一版")
    [first] = await duty.recent_records(h.deps)
    view = await h.say(LEADER, f"/duty {first.id}")
    assert f"陪餐记录 #{first.id}" in text_of(view) and "第一版" in text_of(view)
    h.sim.skip(LEADER)
    h.sim.press(LEADER, view, "更正")
    prompt = await prompt_of(h, LEADER)
    assert "原来的回答已标为“当前”" in text_of(prompt) and "当前：✅ 合格" in text_of(prompt)
    await fill_record(h, prompt, said="第二版", bad={0: "一人发热未离岗"})
    versions = await duty.history(h.deps, first)
    assert [(v.version, v.students_said, v.replaces_id) for v in versions] == [
        (1, "第一版", None),
        (2, "第二版", first.id),
    ]
    latest = await h.say(LEADER, f"/duty {versions[1].id}")
    assert "历史版本" in text_of(latest)
    assert f"#{first.id} 第 1 版" in text_of(latest) and f"#{versions[1].id} 第 2 版" in text_of(
        latest
    )
    old = await h.say(LEADER, f"/duty {first.id}")
    assert "第一版" in text_of(old)  # never edited
    assert len(duty_cards(h)) == 1  # the correction found a failure: its case


@pytest.mark.slow
async def test_a_restart_mid_record_loses_nothing(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    prompt = await begin_record(h)
    await press_and_wait(h, LEADER, prompt, "✅ 合格")
    h.sim.skip(LEADER)
    h.sim.send_text(LEADER, "工作服整洁")
    prompt = await prompt_of(h, LEADER)
    # A mis-tap is undone with the back button (then answered again).
    stale = next(str(b["callback_data"]) for b in prompt.buttons if b["text"] == "✅ 合格")
    await press_and_wait(h, LEADER, prompt, "❌ 不合格")
    # The button of the step already answered changes nothing.
    query = h.sim.press_button(LEADER, prompt, stale, check=False)
    answered = await h.sim.wait_for_callback_answer(query)
    assert answered.show_alert and "失效" in (answered.text or "")
    assert "检查 3/8" in text_of(prompt)
    await press_and_wait(h, LEADER, prompt, "上一步")
    assert "检查 2/8" in text_of(prompt) and "备注 1 条" in text_of(prompt)
    await h.restart()
    # The buttons of the message sent before the restart still work.
    await press_and_wait(h, LEADER, prompt, "✅ 合格")
    assert "检查 3/8" in text_of(prompt)
    await h.say(LEADER, "/duty")
    resumed = await prompt_of(h, LEADER)
    assert "未完成" in text_of(resumed) and "检查 3/8" in text_of(resumed)
    h.clock.advance(timedelta(hours=2))  # a long meal does not expire the record
    done = await fill_record(h, resumed, start=2)
    assert "已提交" in done
    [record] = await duty.recent_records(h.deps)
    assert record.checks[1].note == "工作服整洁"
    assert_buttons_parse_back(h, LEADER)


# ---- what parents see ------------------------------------------------------------------------------


@pytest.mark.slow
async def test_the_evening_digest_reaches_exactly_the_parents_who_have_it_on(
    harness: Harness,
) -> None:
    h = harness
    await make_leader(h)
    await put_on_duty(h)
    zh, en, menu_off, digest_off = await add_parents(h, 5000, 4)
    now = h.clock.now()
    await people_store.set_language(h.deps.db, en, "en", now)
    await people_store.set_menu_opt_in(h.deps.db, menu_off, False, now)
    settings = await h.say(digest_off, "/settings")
    assert "晚间陪餐简报：已开启" in text_of(settings)
    await press_and_wait(h, digest_off, settings, "关闭陪餐简报")
    assert "晚间陪餐简报：已关闭" in text_of(settings)
    h.clock.set(at(h, 11, 30))
    prompt = await begin_record(h)
    await fill_record(h, prompt, bad={0: "厨师张某发烧", 3: "菜叶有泥"}, photos={0: 1, 3: 1},
                      share="照片 2")  # fmt: skip
    [record] = await duty.recent_records(h.deps)
    assert record.shared_photo == record.photos[1].file_id  # the kitchen's, not the staff's
    [card] = duty_cards(h)
    h.sim.press(801, card, "确认收到")
    await h.sim.wait_until(lambda: "已确认" in text_of(card))
    h.clock.set(at(h, 18, 59))
    await h.tick()
    assert (
        await h.deps.db.fetchval("SELECT count(*) FROM broadcasts WHERE kind = 'duty-digest'") == 0
    )
    h.clock.set(at(h, 19, 0))
    await h.tick()
    await h.tick()
    async with h.clock_running():  # the photo follows the text a second later
        await h.outbox_idle()
    got = {
        user for user in (zh, en, menu_off, digest_off)
        if any("今日陪餐简报" in text_of(m) or "Today's meal duty" in text_of(m) for m in h.sim.messages(user))
    }  # fmt: skip
    assert got == {zh, en}
    [zh_text] = [text_of(m) for m in h.sim.messages(zh) if "今日陪餐简报" in text_of(m)]
    assert "王校长和孩子们一起就餐" in zh_text
    assert "晨检（从业人员健康）不合格" in zh_text
    assert "发烧" not in zh_text  # nothing about staff health beyond pass/fail
    assert "清洗不合格：菜叶有泥" in zh_text
    assert "已确认，处理中" in zh_text
    assert any(m.photo is not None for m in h.sim.messages(zh))
    [en_text] = [text_of(m) for m in h.sim.messages(en) if "Today's meal duty" in text_of(m)]
    assert "Food quality Excellent" in en_text and "case #" in en_text
    assert (
        "Washing failed: 菜叶有泥" in en_text and "Morning health check (staff) failed" in en_text
    )


@pytest.mark.slow
async def test_no_digest_on_a_day_without_school_or_without_a_record(harness: Harness) -> None:
    h = harness
    await make_leader(h)
    await add_parents(h, 5000, 2)
    h.clock.set(at(h, 19, 30))  # Monday: a school day, but nobody recorded
    await h.tick()
    h.clock.set(at(h, 11, 30, days=5))  # Saturday
    await fill_record(h, await begin_record(h))
    h.clock.set(at(h, 19, 30, days=5))
    await h.tick()
    count = "SELECT count(*) FROM broadcasts WHERE kind = 'duty-digest'"
    assert await h.deps.db.fetchval(count) == 0


@pytest.mark.slow
async def test_parents_see_the_roster_and_last_records_and_monday_menu_has_the_roster(
    harness: Harness,
) -> None:
    h = harness
    await make_leader(h)
    await put_on_duty(h)
    prompt = await begin_record(h)
    await fill_record(h, prompt)
    parent = (await add_parents(h, 5000, 1))[0]
    [allergic] = await add_parents(h, 5100, 1, allergens=("egg",))
    reply = await h.say(parent, "/duty")
    assert "午餐：王校长" in text_of(reply)
    assert "王校长陪餐，检查不合格 0 项" in text_of(reply)
    assert not any("填写" in str(m.buttons) for m in h.sim.messages(parent))
    next_monday = MONDAY + timedelta(days=7)
    await put_on_duty(h, days=7)
    week = sample_menu().decode().replace(str(MONDAY), str(next_monday)).encode()
    await import_menu(h, week, today=MONDAY)
    h.clock.set(at(h, 6, 30, days=7))
    await h.tick()
    async with h.clock_running():
        await h.outbox_idle()
    for user in (parent, allergic):  # a child's allergen makes the text her own: roster too
        pushed = [m for m in h.sim.messages(user) if "rate:" in str(m.buttons)]
        assert pushed and "本周陪餐安排" in text_of(pushed[-1])
        assert "12月7日（周一） 午餐：王校长" in text_of(pushed[-1])


@pytest.mark.slow
async def test_the_export_opens_in_openpyxl_with_the_expected_rows(
    harness: Harness, tmp_path: Path
) -> None:
    from bot.services import duty_export

    h = harness
    await make_leader(h)
    prompt = await begin_record(h)
    await fill_record(h, prompt, bad={2: "缺少索证"})
    [first] = await duty.recent_records(h.deps)
    view = await h.say(LEADER, f"/duty {first.id}")
    h.sim.skip(LEADER)
    h.sim.press(LEADER, view, "更正")
    await fill_record(h, await prompt_of(h, LEADER))
    path = tmp_path / "out" / "duty.xlsx"
    assert await duty_export.export(h.deps, MONDAY, MONDAY + timedelta(days=6), path) == (2, 16)
    book = load_workbook(path)
    records, checks = book.worksheets
    assert records.title == "陪餐记录" and checks.title == "检查项目"
    rows = list(records.iter_rows(values_only=True))
    assert rows[0][:6] == ("记录编号", "日期", "餐次", "版本", "更正自", "陪餐人")
    assert [(r[3], r[5], r[8]) for r in rows[1:]] == [(1, "王校长", "优"), (2, "王校长", "优")]
    assert rows[2][4] == first.id
    check_rows = list(checks.iter_rows(values_only=True))
    assert len(check_rows) == 1 + 16
    assert check_rows[3][5:8] == ("食材验收与索证索票", "不合格", "缺少索证")


# ---- the roster parser ------------------------------------------------------------------------------

PEOPLE = [duty.DutyPerson(LEADER, "王校长"), duty.DutyPerson(701, "李主任")]
SERVED = ("breakfast", "lunch", "dinner")
cells = st.one_of(
    st.text(max_size=12), st.sampled_from(["午餐", "早餐", "王校长", "701", "2026-12-01", ""])
)


@given(st.lists(st.lists(cells, max_size=5), max_size=8))
def test_any_roster_file_gives_rows_or_numbered_problems_never_an_error(
    rows: list[list[str]],
) -> None:
    lines = ["日期,餐次,陪餐领导,陪餐教师"] + [
        ",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows
    ]
    result = duty.parse_roster_rows("\n".join(lines).encode(), PEOPLE, SERVED)
    assert all(1 <= p.row <= len(lines) + 1 for p in result.problems)
    if result.ok:
        assert {r.leader_id for r in result.rows} <= {LEADER, 701}


@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from(SERVED),
            st.sampled_from(["王校长", "李主任", str(LEADER)]),
        ),
        min_size=1,
        max_size=10,
        unique_by=lambda r: r[:2],
    )
)
def test_a_good_roster_parses_back_to_its_rows(rows: list[tuple[int, str, str]]) -> None:
    meal_names = {"breakfast": "早餐", "lunch": "午餐", "dinner": "晚餐"}
    lines = ["日期,餐次,陪餐领导"] + [
        f"{MONDAY + timedelta(days=d)},{meal_names[m]},{who}" for d, m, who in rows
    ]
    result = duty.parse_roster_rows("\n".join(lines).encode(), PEOPLE, SERVED)
    assert result.ok, result.problems
    ids = {"王校长": LEADER, "李主任": 701, str(LEADER): LEADER}
    assert [(r.date, r.meal, r.leader_id) for r in result.rows] == [
        (MONDAY + timedelta(days=d), m, ids[who]) for d, m, who in rows
    ]


# ---- buttons ---------------------------------------------------------------------------------------


def test_duty_buttons_round_trip_and_forged_ones_do_not_parse() -> None:
    cases: list[tuple[Codec[Any], object]] = [
        (RECORD, Press("ab12", Action.RATE, 3, 2)),
        (START, StartPress(MONDAY, "lunch")),
        (START, StartPress(MONDAY, "dinner", 12)),
        (ROSTER, RosterPick(LEADER)),
        (ROSTER, RosterPick(LEADER, MONDAY)),
        (ROSTER, RosterPick(LEADER, MONDAY, MONDAY + timedelta(days=4), "all")),
        (DIGEST, False),
    ]
    for codec, value in cases:
        data = codec.build(value)
        assert FAMILIES[data.split(":")[0]].parse(data) == value, data
    for forged in (
        "dr:xyz:ok:0:0", "dr:ab:zap:0:0", "dr:ab:ok:²:0", "dr:ab:ok:1", "dstart:20261399:lunch:0",
        "dstart:20261130:supper:0", "dset:0:0:0:x", "dset:7:0:20261130:x",
        "dset:7:20261201:20261130:x", "dset:7:20261130:0:lunch", "dgst:2", "dgst",
    ):  # fmt: skip
        assert FAMILIES[forged.split(":")[0]].parse(forged) is None, forged


@given(st.sampled_from(sorted(FAMILIES)), st.lists(st.text(max_size=10), max_size=5).map(":".join))
def test_any_duty_data_parses_to_a_button_that_builds_the_same_or_is_refused(
    prefix: str, tail: str
) -> None:
    codec = FAMILIES[prefix]
    parsed = codec.parse(f"{prefix}:{tail}")
    if parsed is not None:
        assert codec.parse(codec.build(parsed)) == parsed


def test_a_meal_ends_an_hour_after_it_starts(harness: Harness) -> None:
    h = harness
    start = meals.starts_at(h.settings, MONDAY, "lunch")
    assert duty.meal_end(h.deps, MONDAY, "lunch") - start == timedelta(hours=1)


@pytest.mark.slow
async def test_a_day_with_only_a_parent_meal_record_still_gets_the_digest_with_its_section(
    harness: Harness,
) -> None:
    from bot.storage import peican as peican_store
    from bot.storage import peican_records

    h = harness
    [parent] = await add_parents(h, 5000, 1)
    now = h.clock.now()
    day_id = await peican_store.open_day(h.deps.db, MONDAY, "lunch", 2, ADMIN, now)
    assert day_id is not None
    application = await peican_store.apply(h.deps.db, day_id, parent, "", now)
    assert application is not None
    assert await peican_store.approve(h.deps.db, application, ADMIN, "管理员", now)
    new = peican_records.NewRecord(
        application, parent, MONDAY, "lunch", ("good", "good", "excellent", "good"), "很干净", ()
    )
    assert await peican_records.create_record(h.deps.db, new, None, now) is not None
    h.clock.set(at(h, 19, 0))
    await h.tick()
    async with h.clock_running():
        await h.outbox_idle()
    [digest] = [m for m in h.sim.messages(parent) if "今日陪餐简报" in text_of(m)]
    assert "今天的家长陪餐" in text_of(digest) and "很干净" in text_of(digest)


async def test_deletedata_forgets_the_digest_switch_and_a_half_filled_record(
    harness: Harness,
) -> None:
    h = harness
    [parent] = await add_parents(h, 5000, 1)
    settings = await h.say(parent, "/settings")
    await press_and_wait(h, parent, settings, "关闭陪餐简报")
    await make_leader(h)
    await begin_record(h)
    for user in (parent, LEADER):
        confirm = await h.say(user, "/deletedata")
        await press_and_wait(h, user, confirm, "确定删除")
    for table in ("duty_digest_off", "duty_drafts"):
        assert await h.deps.db.fetchval(f"SELECT count(*) FROM {table}") == 0, table
