"""A week uploaded mid-week: past days are archived (never pushed), today follows the push window."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot import samples
from bot.services import menus
from bot.storage import people as store
from bot.storage import ratings as rating_store
from bot.views.ratings import rating_callback
from tests.conftest import ADMIN, MONDAY, Harness
from tests.helpers import add_parents, send_file

WEDNESDAY = MONDAY + timedelta(days=2)


def at(h: Harness, day_time: time) -> None:
    """Move the test clock to that time on Wednesday, in the school's time zone."""
    h.clock.set(datetime.combine(WEDNESDAY, day_time, h.settings.tz))


async def import_week(h: Harness) -> tuple[str, str]:
    """(the preview, the summary after confirming) for the Monday-to-Friday sample."""
    preview = await send_file(h, ADMIN, "menu-week.csv", samples.week_on(MONDAY))
    message = h.sim.messages(ADMIN)[-1]
    h.sim.press(ADMIN, message, "确认导入")
    done = await h.sim.wait_for_edit(ADMIN, message.message_id)
    return preview, done.visible_text or ""


async def test_a_week_uploaded_on_wednesday_archives_monday_and_tuesday(harness: Harness) -> None:
    h = harness
    at(h, time(10, 0))
    parents = await add_parents(h, 3001, 2)
    preview, summary = await import_week(h)
    assert "周一至周二已过去：只存档，不推送。" in preview
    assert "❌" not in preview
    assert "5 天" in summary and "周一至周二已过去：只存档，不推送。" in summary
    # 06:30 + 3 h of grace is long past at 10:00: today's menu is not pushed, and it says so.
    assert "今天的推送时间（06:30）已过去太久" in summary
    assert len(await menus.dishes_on(h.deps, MONDAY)) == 11
    await h.tick()
    await h.outbox_idle()
    for parent in parents:
        assert h.sim.messages(parent) == []
    # The archived Monday can still be rated.
    menu = await h.say(parents[0], f"/menu {MONDAY.isoformat()}")
    assert "小米南瓜粥" in (menu.visible_text or "")
    query = h.sim.press_button(parents[0], menu, rating_callback(MONDAY, "lunch", 4))
    await h.sim.wait_for_callback_answer(query)
    ratings = await rating_store.ratings_of(h.deps.db, parents[0], MONDAY, "lunch")
    assert list(ratings.values()) == [4]
    h.assert_no_bad_requests()


async def test_todays_menu_imported_inside_the_grace_goes_out_at_once(harness: Harness) -> None:
    h = harness
    at(h, time(8, 0))  # after 06:30, inside the 3 h grace
    parents = await add_parents(h, 3101, 3)
    _, summary = await import_week(h)
    assert "今天的菜单已立即推送给家长" in summary
    assert "周一至周二已过去" in summary
    await h.outbox_idle()
    for parent in parents:
        [pushed] = h.sim.messages(parent)
        assert "12月2日（周三）" in (pushed.visible_text or "")
    # The scheduler's own pass finds the date done: nobody gets it twice.
    await h.tick()
    await h.outbox_idle()
    assert all(len(h.sim.messages(p)) == 1 for p in parents)
    # The same file again says the push already went out.
    _, again = await import_week(h)
    assert "今天的菜单早上已经推送过" in again


async def test_a_week_imported_before_the_push_time_adds_no_note(harness: Harness) -> None:
    h = harness
    at(h, time(5, 0))
    _, summary = await import_week(h)
    assert "今天" not in summary  # it goes out at 06:30 as every morning
    assert "周一至周二已过去" in summary


async def test_english_summary_names_the_past_days(harness: Harness) -> None:
    h = harness
    at(h, time(11, 0))
    await h.say(ADMIN, "/start")  # the administrator is known to the bot before switching
    await store.set_language(h.deps.db, ADMIN, "en", h.clock.now())
    preview = await send_file(h, ADMIN, "menu-week.csv", samples.week_on(MONDAY))
    assert "Mon to Tue already past: kept for the record, not pushed." in preview
