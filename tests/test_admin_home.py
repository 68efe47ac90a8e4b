"""The administrator's first minutes: the welcome, the command menus, /schoolday as typed."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from bot.notify.commands import ADMIN_COMMANDS
from bot.services import calendar
from tests.conftest import ADMIN, GROUP, MONDAY, STAFF, Harness
from tests.helpers import edited, file_report, join, send_file, text_of

DEC4 = date(2026, 12, 4)  # the Friday of the test clock's week


def menu_of(h: Harness, chat_id: int, lang: str = "") -> list[str]:
    found = h.sim.commands_for({"type": "chat", "chat_id": chat_id}, lang) or []
    return [c["command"] for c in found]


async def test_an_administrators_start_is_their_own_welcome(harness: Harness) -> None:
    h = harness
    welcome = await h.say(ADMIN, "/start")
    assert "管理员" in text_of(welcome) and "请选择" not in text_of(welcome)
    labels = [b["text"] for b in welcome.buttons]
    assert any("导入菜单" in x for x in labels) and any("发送通知" in x for x in labels)
    assert any("上课日" in x for x in labels) and any("未结个案" in x for x in labels)
    own = menu_of(h, ADMIN)
    assert own[: len(ADMIN_COMMANDS)] == list(ADMIN_COMMANDS) and "menu" in own
    h.sim.skip(ADMIN)
    h.sim.press(ADMIN, welcome, "发送通知")
    ask = await h.sim.wait_for_message(ADMIN)
    assert "通知" in text_of(ask)
    h.sim.press(ADMIN, welcome, "导入菜单")
    how = await h.sim.wait_for_message(ADMIN)
    assert ".xlsx" in text_of(how)
    h.sim.press(ADMIN, welcome, "未结个案")
    assert "个案" in text_of(await h.sim.wait_for_message(ADMIN))


async def test_a_duty_leaders_start_is_not_a_parents(harness: Harness) -> None:
    h = harness
    leader = 7001
    h.sim.add_user(leader, "陈校长", "zh")
    await h.say(leader, "/language")
    await h.say(ADMIN, f"/grant {leader} duty")
    welcome = await h.say(leader, "/start")
    assert "陪餐" in text_of(welcome) and "请选择" not in text_of(welcome)
    assert "/duty" in text_of(welcome) and "30 分钟" in text_of(welcome)
    assert menu_of(h, leader)[0] == "duty"


async def test_schoolday_as_a_chinese_administrator_types_it(harness: Harness) -> None:
    h = harness
    done = await h.say(ADMIN, "/schoolday 12月4日 停课 运动会")
    assert "运动会" in text_of(done) and "12月4日" in text_of(done)
    assert "2026-12-04" not in text_of(done)  # the date once, as people read it
    day = await calendar.day(h.deps, DEC4)
    assert not day.is_school_day and day.reason == "运动会"
    opened = await h.say(ADMIN, "/schoolday 12/4 上课")
    assert "上课" in text_of(opened)
    assert (await calendar.day(h.deps, DEC4)).is_school_day
    bad = await h.say(ADMIN, "/schoolday 运动会 停课")
    assert "无法识别日期“运动会”" in text_of(bad)


async def test_schoolday_offers_the_next_school_days_as_buttons(harness: Harness) -> None:
    h = harness
    listing = await h.say(ADMIN, "/schoolday")
    labels = [b["text"] for b in listing.buttons]
    assert labels[0].startswith("11月30日") and not any("周六" in x for x in labels)
    h.sim.press(ADMIN, listing, "12月4日")
    choices = await edited(h, listing)
    assert "12月4日" in text_of(choices)
    h.sim.press(ADMIN, choices, "停课")
    done = await edited(h, choices)
    assert "停课" in text_of(done) and done.buttons == []
    assert not (await calendar.day(h.deps, DEC4)).is_school_day
    asked = await h.say(ADMIN, "/schoolday 12月4日")
    h.sim.press(ADMIN, asked, "按校历")
    await edited(h, asked)
    assert (await calendar.day(h.deps, DEC4)).is_school_day


async def test_the_chat_menu_follows_the_language(harness: Harness) -> None:
    h = harness
    parent = 7002
    h.sim.add_user(parent, "Anna", "zh")
    pick = await h.say(parent, "/language")
    h.sim.press(parent, pick, "English")
    await edited(h, pick)
    await h.sim.wait_until(lambda: bool(menu_of(h, parent)))
    found = h.sim.commands_for({"type": "chat", "chat_id": parent}, "") or []
    assert {c["command"]: c["description"] for c in found}["menu"] == "Today's menu"
    assert "grant" not in [c["command"] for c in found]


async def published(h: Harness) -> list[tuple[dict[str, object], str, list[str]]]:
    return [
        (json.loads(scope), lang, [c["command"] for c in commands])
        for (scope, lang), commands in sorted(h.sim.commands.items())
    ]


SLOW_ANSWER = 60.0


@pytest.mark.slow
async def test_every_published_command_answers_in_every_scope_and_language(
    harness: Harness,
) -> None:
    """Nothing is advertised that does not answer: every menu the bot set, walked as the
    people it is for (new menus and commands are covered without touching this test)."""
    h = harness
    await h.say(ADMIN, "/start")
    parent, leader = 7003, 7004
    h.sim.add_user(parent, "Anna", "en")
    pick = await h.say(parent, "/language")
    h.sim.press(parent, pick, "English")
    await edited(h, pick)
    h.sim.add_user(leader, "陈校长", "zh")
    await h.say(leader, "/start")
    await h.say(ADMIN, f"/grant {leader} duty")
    menus = await published(h)
    scopes = {(str(scope["type"]), lang) for scope, lang, _ in menus}
    assert {("default", "zh"), ("default", "en"), ("chat", "")} <= scopes
    fresh = 7100
    for scope, lang, names in menus:
        assert names and "stats" not in names
        if scope["type"] == "default":
            fresh += 1
            h.sim.add_user(fresh, f"家长{fresh}", lang or "zh")
            user, chat = fresh, None
        else:
            chat_id = int(str(scope["chat_id"]))
            user, chat = (STAFF[0], GROUP) if chat_id == GROUP else (chat_id, None)
        for name in names:
            if name in ("stop", "deletedata"):
                continue  # answered below, last, so the person stays for the others
            # Some answers take a worker process first (/export, /report's charts): a busy
            # machine must not fail the walk.
            answer = await h.say(user, f"/{name}", chat_id=chat, timeout=SLOW_ANSWER)
            assert text_of(answer), (scope, lang, name)
            if chat is None:  # a command that began a flow leaves it for the next
                await h.say(user, "/cancel", timeout=SLOW_ANSWER)
        for name in ("deletedata", "stop"):
            if name in names:
                answer = await h.say(user, f"/{name}", chat_id=chat, timeout=SLOW_ANSWER)
                assert text_of(answer), (scope, name)
                await h.say(user, "/start", chat_id=chat, timeout=SLOW_ANSWER)


async def test_the_import_preview_lists_dishes_and_flags_a_saturday(harness: Harness) -> None:
    h = harness
    saturday = MONDAY + timedelta(days=5)
    await h.say(ADMIN, f"/schoolday {MONDAY + timedelta(days=3)} 停课 运动会")
    rows = "".join(
        f"{day},{meal},{dish},,{allergens},\n"
        for day, meal, dish, allergens in (
            (MONDAY, "早餐", "鲜肉包", "麸质"),
            (MONDAY, "午餐", "番茄炒蛋", "蛋类"),
            (MONDAY, "午餐", "米饭", ""),
            (MONDAY + timedelta(days=3), "午餐", "红烧肉", ""),
            (saturday, "午餐", "清蒸鱼", "鱼类"),
        )
    )
    preview = await send_file(
        h, ADMIN, "menu.csv", ("日期,餐次,菜品,类别,过敏原,备注\n" + rows).encode()
    )
    assert "午餐：番茄炒蛋［蛋类］、米饭" in preview
    assert "早餐：鲜肉包" in preview and "清蒸鱼" in preview
    assert "12月5日（周六） 不是上课日（周末）" in preview
    assert "12月3日（周四） 不是上课日（运动会）" in preview
    assert "蛋类 1 道" in preview and "鱼类 1 道" in preview
    question = h.sim.messages(ADMIN)[-1]
    assert "确认导入" in str(question.buttons)
    assert preview.index("周六") < preview.index("鲜肉包")  # warned before the dishes


async def test_open_cases_from_the_welcome_say_where_they_are_handled(harness: Harness) -> None:
    h = harness
    welcome = await h.say(ADMIN, "/start")
    await join(h, 7201, "初二(1)班", "小明", [])
    number = await file_report(h, 7201, category="异物", text="汤里有头发")
    h.sim.skip(ADMIN)
    h.sim.press(ADMIN, welcome, "未结个案")
    listing = text_of(await h.sim.wait_for_message(ADMIN, lambda m: f"#{number}" in text_of(m)))
    assert "未结个案（1 件）" in listing and "在群里发送 /case 编号" in listing
