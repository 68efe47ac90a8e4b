"""Menu import from a chat, /menu with navigation and warnings, /schoolday, /settings."""

from __future__ import annotations

from datetime import date

from bot.services import menus
from bot.storage import menus as menu_store
from bot.storage import people as store
from tests.conftest import ADMIN, Harness
from tests.helpers import add_parents, import_menu, sample_menu, sample_xlsx, send_file

PARENT = 1001
MONDAY = date(2026, 11, 30)


async def test_admin_imports_the_sample_csv_after_a_preview(harness: Harness) -> None:
    h = harness
    preview_text = await send_file(h, ADMIN, "menu-week.csv", sample_menu())
    assert "菜单导入预览" in preview_text and "48 道菜" in preview_text and "14 餐" in preview_text
    assert await menu_store.dates_with_menu(h.deps.db, [MONDAY]) == []
    preview = h.sim.messages(ADMIN)[-1]
    h.sim.press(ADMIN, preview, "确认导入")
    done = await h.sim.wait_for_edit(ADMIN, preview.message_id)
    assert "5 天" in (done.text or "")
    dishes = await menus.dishes_on(h.deps, MONDAY)
    assert len(dishes) == 11 and dishes[0].name == "小米南瓜粥"
    # A second import of the same week says what it replaces.
    again = await send_file(h, ADMIN, "menu-week.csv", sample_menu())
    assert "将替换" in again
    h.sim.press(ADMIN, h.sim.messages(ADMIN)[-1], "取消")
    await h.sim.wait_for_edit(ADMIN, h.sim.messages(ADMIN)[-1].message_id)
    assert len(await menus.dishes_on(h.deps, MONDAY)) == 11


async def test_xlsx_imports_the_same(harness: Harness) -> None:
    h = harness
    text = await send_file(h, ADMIN, "菜单.xlsx", sample_xlsx())
    assert "48 道菜" in text
    h.sim.press(ADMIN, h.sim.messages(ADMIN)[-1], "确认导入")
    await h.sim.wait_for_edit(ADMIN, h.sim.messages(ADMIN)[-1].message_id)
    friday = await menus.dishes_on(h.deps, date(2026, 12, 4))
    assert {d.meal for d in friday} == {"breakfast", "lunch"}


async def test_a_broken_file_lists_every_problem_and_stores_nothing(harness: Harness) -> None:
    h = harness
    broken = (
        "日期,餐次,菜品,类别,过敏原,备注\n"
        "2026-11-30,早餐,粥,主食,,\n"
        "2026-11-31,午餐,米饭,主食,,\n"
        "2026-12-01,夜宵,面条,主食,,\n"
        "2026-12-01,午餐,,主食,,\n"
        "2026-12-01,午餐,鱼,荤菜,猫毛,\n"
        "2026-11-30,早餐,粥,主食,,\n"
        "2026-11-10,午餐,旧菜,荤菜,,\n"  # 20 days back: past the archive window
    )
    text = await send_file(h, ADMIN, "broken.csv", broken.encode("gbk"))
    assert "6 处问题" in text and "超过 14 天" in text
    for row in (3, 4, 5, 6, 7, 8):
        assert f"第 {row} 行" in text, row
    assert "夜宵" in text and "猫毛" in text
    assert await menu_store.dates_with_menu(h.deps.db, [MONDAY, date(2026, 12, 1)]) == []
    garbage = await send_file(h, ADMIN, "menu.xlsx", b"\x00\x01 not a workbook")
    assert "❌" in garbage
    h.assert_no_bad_requests()


async def test_html_like_dish_names_arrive_literally(harness: Harness) -> None:
    h = harness
    await add_parents(h, PARENT, 1, allergens=("peanut",))
    data = "日期,餐次,菜品,类别,过敏原,备注\n2026-11-30,午餐,<b>鸡</b> & <i>鸭,荤菜,花生,<script>\n"
    await import_menu(h, data.encode(), today=date(2026, 11, 29))
    reply = await h.say(PARENT, "/menu 2026-11-30")
    assert "<b>鸡</b> & <i>鸭" in (reply.visible_text or "")
    assert "<script>" in (reply.visible_text or "")
    h.assert_no_bad_requests()


async def test_menu_shows_allergen_warnings_and_navigates(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    [parent] = await add_parents(h, PARENT, 1, allergens=("peanut", "egg"))
    h.clock.set(h.clock.now().replace(day=30, hour=2))  # Monday 10:00 in Shanghai
    today = await h.say(parent, "/menu")
    text = today.visible_text or ""
    assert "11月30日（周一）" in text and "早餐" in text and "西红柿炒鸡蛋" in text
    assert "⚠️ 孩子1001 过敏提醒：水煮鸡蛋 含蛋类" in text
    # First, above the dishes, and the dish marked in the list itself.
    assert text.index("过敏提醒") < text.index("早餐")
    assert "<b>⚠️ 孩子1001 过敏提醒" in (today.text or "") or "⚠️ <b>孩子1001 过敏提醒" in (
        today.text or ""
    )
    assert "⚠️ <b>水煮鸡蛋</b>" in (today.text or "")
    assert "花生" not in text.split("过敏提醒")[0] or "宫保鸡丁" not in text
    h.sim.press(parent, today, "后一天")
    tuesday = await h.sim.wait_for_edit(parent, today.message_id)
    assert "宫保鸡丁 含花生" in (tuesday.visible_text or "")
    h.sim.press(parent, tuesday, "本周菜单")
    week = await h.sim.wait_for_message(parent)
    assert "本周菜单" in (week.visible_text or "") and "12月4日（周五）" in (
        week.visible_text or ""
    )
    saturday = await h.say(parent, "/menu 2026-12-05")
    assert "不是上课日" in (saturday.visible_text or "")


async def test_english_parent_reads_the_menu_in_english(harness: Harness) -> None:
    h = harness
    await import_menu(h, sample_menu(), today=date(2026, 11, 29))
    [parent] = await add_parents(h, PARENT, 1, allergens=("fish",))
    await store.set_language(h.deps.db, parent, "en", h.clock.now())
    reply = await h.say(parent, "/menu 2026-11-30")
    text = reply.visible_text or ""
    assert "Mon 30 Nov" in text and "Lunch" in text and "contains: Fish, Eggs" in text
    assert "Allergy warning for 孩子1001: 紫菜蛋花汤 contains Fish" in text


async def test_schoolday_overrides_and_refusals(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, PARENT, 1)
    refused = await h.say(parent, "/schoolday 2026-12-03 closed 考试")
    assert "只有学校管理员" in (refused.text or "")
    closed = await h.say(ADMIN, "/schoolday 2026-12-03 closed 期中考试")
    assert "停课日" in (closed.visible_text or "") and "期中考试" in (closed.visible_text or "")
    assert not (await menus.school_day(h.deps, date(2026, 12, 3))).is_school_day
    opened = await h.say(ADMIN, "/schoolday 2026-12-05 open 补课")
    assert "上课日" in (opened.visible_text or "")
    assert (await menus.school_day(h.deps, date(2026, 12, 5))).is_school_day
    auto = await h.say(ADMIN, "/schoolday 2026-12-05 auto")
    assert "不上课" in (auto.visible_text or "")
    bad = await h.say(ADMIN, "/schoolday someday closed")
    assert "无法识别日期" in (bad.visible_text or "")
    listing = await h.say(ADMIN, "/schoolday")
    assert "未来两周" in (listing.visible_text or "")


async def test_settings_turn_the_daily_menu_off_and_on(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, PARENT, 1)
    view = await h.say(parent, "/settings")
    assert "已开启" in (view.text or "")
    h.sim.press(parent, view, "关闭每日菜单")
    off = await h.sim.wait_for_edit(parent, view.message_id)
    assert "已关闭" in (off.text or "")
    user = await store.get_user(h.deps.db, parent)
    assert user is not None and not user.menu_opt_in
    h.sim.press(parent, off, "开启每日菜单")
    await h.sim.wait_for_edit(parent, view.message_id)
    user = await store.get_user(h.deps.db, parent)
    assert user is not None and user.menu_opt_in


async def test_a_file_over_the_limit_is_called_too_big(harness: Harness) -> None:
    h = harness
    text = await send_file(h, ADMIN, "menu.csv", b"\xef\xbb\xbf" + b"x" * (5 * 1024 * 1024 + 1))
    assert "文件太大了（上限 5 MB）" in text
    h.assert_no_bad_requests()
