"""Issue 11, message length: a menu, a preview, a problem list or a list built from data never
makes a message Telegram refuses ("message is too long"); a long day reaches every parent.

Inputs from the issue: a day of 30 dishes with 120-character notes, an import with 40 rows of
over-long notes, a file of 220 school days."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock, to_db
from bot.config import Settings
from bot.deps import Deps
from bot.i18n import LANGUAGES, Catalog
from bot.services.menu_parser import (
    ALLERGENS,
    MAX_CATEGORY_CHARS,
    MAX_DISH_CHARS,
    MAX_DISHES_PER_DAY,
    MAX_NOTES_CHARS,
)
from bot.services.people import CHILD_NAME_MAX
from bot.simulator import BotAPISimulator, Faults, RateLimits, SentMessage
from bot.storage import outbox as outbox_store
from bot.storage import people as store
from bot.storage.db import Database
from bot.storage.menus import Dish
from bot.storage.outbox import BroadcastKind
from bot.storage.people import ChildRecord
from bot.views.menus import date_runs, day_text, day_view_text, week_text
from bot.views.text import MESSAGE_LIMIT, split_html, utf16_len
from tests.conftest import ADMIN, MONDAY, Harness
from tests.helpers import add_parents, import_menu, send_file, text_of

# 06:30 in Shanghai on Monday 2026-11-30.
PUSH_TIME = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
MEALS = ("早餐", "午餐", "晚餐")


def note(n: int, chars: int = 120) -> str:
    """A distinct note of exactly ``chars`` characters, with markup-like text in it."""
    text = f"第{n}道菜<b>&说明：" + "本菜品选用当日新鲜食材，少油少盐，" * 20
    return text[: chars - 1] + "。"


def dish(n: int) -> str:
    return f"菜品{n:02d}号"


def long_day(day: date, dishes: int = 30, chars: int = 120) -> str:
    """The CSV rows of one day: ``dishes`` dishes over three meals, each with a long note."""
    return "".join(
        f"{day},{MEALS[n * 3 // dishes]},{dish(n)},荤菜,{'花生' if n % 7 == 0 else ''},"
        f"{note(n, chars)}\n"
        for n in range(dishes)
    )


def menu_csv(*days: str) -> bytes:
    return ("日期,餐次,菜品,类别,过敏原,备注\n" + "".join(days)).encode()


def faces(message: SentMessage) -> bool:
    return "😋" in str(message.buttons)


def assert_fits(messages: list[SentMessage]) -> None:
    for message in messages:
        assert utf16_len(text_of(message)) <= 4096


async def messages_after(
    h: Harness, chat: int, count: int, timeout: float = 10
) -> list[SentMessage]:
    before = len(h.sim.messages(chat))
    await h.sim.wait_until(lambda: len(h.sim.messages(chat)) >= before + count, timeout=timeout)
    return h.sim.messages(chat)[before:]


# ---- 1. a long day: /menu and the daily push -----------------------------------------------------


async def test_a_long_day_in_menu_is_one_shortened_message_and_the_whole_day_is_one_tap_away(
    harness: Harness,
) -> None:
    h = harness
    await import_menu(h, menu_csv(long_day(MONDAY)), today=MONDAY - timedelta(days=1))
    [parent] = await add_parents(h, 1001, 1, allergens=("peanut",))
    view = await h.say(parent, "/menu 2026-11-30")
    text = text_of(view)
    assert "精简版" in text and "完整菜单" in str(view.buttons) and faces(view)
    assert all(dish(n) in text for n in range(30)), "every dish is named"
    assert note(1) not in text and "…" in text, "notes are shortened"
    assert "⚠️ 孩子1001 过敏提醒：菜品00号 含花生" in text
    # ◀ ▶ edit the one message in place, to a day without a menu and back.
    h.sim.press(parent, view, "后一天")
    tuesday = await h.sim.wait_for_edit(parent, view.message_id)
    assert "还没有菜单" in text_of(tuesday)
    h.sim.press(parent, tuesday, "前一天")
    again = await h.sim.wait_for_edit(parent, view.message_id)
    assert text_of(again) == text
    # The whole day, as the push sends it: several messages, the rating keyboard on the last.
    h.sim.skip(parent)
    h.sim.press(parent, again, "完整菜单")
    await h.sim.wait_until(lambda: any(faces(m) for m in h.sim.messages(parent)[1:]))
    parts = h.sim.messages(parent)[1:]
    assert len(parts) >= 2 and faces(parts[-1]) and not any(faces(m) for m in parts[:-1])
    whole = "\n".join(text_of(m) for m in parts)
    assert all(note(n) in whole for n in range(30)), "every note in full, escaped as typed"
    assert "过敏提醒" in text_of(parts[0])
    assert_fits(parts)
    # The faces under the last part rate the day like those under a one-message menu.
    h.sim.press(parent, parts[-1], "午餐 😋")
    rated = await h.sim.wait_for_edit(parent, parts[-1].message_id)
    assert "✅" in str(rated.buttons) and text_of(rated) == text_of(parts[-1])
    h.assert_no_bad_requests()


async def test_the_push_sends_a_long_day_in_parts_to_every_parent(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    """Under Telegram's limits and with a third of the sends failing (500: nothing delivered),
    every parent gets every part once, in order, and the rating keyboard on the last; the
    delivery row records the last part's message."""
    h = Harness(sim, tmp_path, delivery_max_attempts=50)
    await h.start()
    try:
        await h.seed_classes()
        await import_menu(h, menu_csv(long_day(MONDAY)), today=MONDAY - timedelta(days=1))
        parents = await add_parents(h, 2000, 4)
        [allergic] = await add_parents(h, 3000, 1, allergens=("peanut",))
        [english] = await add_parents(h, 4000, 1)
        await store.set_language(h.deps.db, english, "en", h.clock.now())
        everyone = [*parents, allergic, english]
        sim.set_rate_limits(RateLimits.telegram())
        sim.faults = Faults(error_500_rate=0.3, seed=11)
        h.clock.set(PUSH_TIME)
        await h.tick()
        async with h.clock_running():
            await sim.wait_until(
                lambda: all(any(faces(m) for m in sim.messages(p)) for p in everyone), timeout=40
            )
            await h.outbox_idle(timeout=20)
        assert sim.stats.faults_500 > 0 and sim.stats.refused_429 == 0
        rows = await h.deps.db.fetchall(
            "SELECT chat_id, status, message_id, parts_sent, error FROM deliveries"
        )
        assert Counter(r["status"] for r in rows) == Counter({"sent": len(everyone)})
        for row in rows:
            received = sim.messages(row["chat_id"])
            assert len(received) == row["parts_sent"] + 1 >= 2, "each part once"
            assert faces(received[-1]) and not any(faces(m) for m in received[:-1])
            assert row["message_id"] == received[-1].message_id
            whole = "\n".join(text_of(m) for m in received)
            assert all(note(n) in whole for n in range(30))
            assert_fits(received)
        allergic_text = "\n".join(text_of(m) for m in sim.messages(allergic))
        assert (
            "过敏提醒" in text_of(sim.messages(allergic)[0]) and "菜品28号 含花生" in allergic_text
        )
        assert "过敏提醒" not in "\n".join(text_of(m) for m in sim.messages(parents[0]))
        assert "menu for Mon 30 Nov" in text_of(sim.messages(english)[0])
        h.assert_no_bad_requests()
    finally:
        await h.stop()


async def test_a_restart_between_parts_sends_only_the_parts_still_missing(
    harness: Harness,
) -> None:
    h = harness
    await import_menu(h, menu_csv(long_day(MONDAY)), today=MONDAY - timedelta(days=1))
    [parent] = await add_parents(h, 2000, 1)
    # Every send fails (nothing delivered) while the row is made to look as if its first part
    # had gone out before a restart.
    h.sim.faults = Faults(error_500_rate=1.0)
    h.clock.set(PUSH_TIME)
    await h.tick()
    await h.sim.wait_until(lambda: h.sim.stats.faults_500 >= 1)
    await h.restart()
    await h.deps.db.execute(
        "UPDATE deliveries SET parts_sent = 1, attempts = 0, next_attempt_at = ?",
        (to_db(h.clock.now()),),
    )
    h.sim.faults = Faults()
    async with h.clock_running():
        await h.sim.wait_until(lambda: any(faces(m) for m in h.sim.messages(parent)), timeout=20)
        await h.outbox_idle()
    received = h.sim.messages(parent)
    first_dish = dish(0)
    assert first_dish not in "\n".join(text_of(m) for m in received), "part one was not repeated"
    assert dish(29) in text_of(received[-1]) and faces(received[-1])
    h.assert_no_bad_requests()


# ---- 2. the import: problem list and preview -----------------------------------------------------


async def test_forty_rows_of_over_long_notes_are_listed_in_several_messages(
    harness: Harness,
) -> None:
    h = harness
    rows = "".join(
        f"2026-12-01,{MEALS[n % 3]},{dish(n)},荤菜,,{note(n, MAX_NOTES_CHARS + 30)}\n"
        for n in range(40)
    )
    h.sim.skip(ADMIN)
    h.sim.send_document(ADMIN, "menu.csv", menu_csv(rows))
    await h.sim.wait_until(
        lambda: any("还有 10 处问题" in text_of(m) for m in h.sim.messages(ADMIN)), timeout=10
    )
    replies = h.sim.messages(ADMIN)
    assert len(replies) >= 2 and "40 处问题" in text_of(replies[0])
    shown = "\n".join(text_of(m) for m in replies)
    assert shown.count("太长了") == 30 and "第 31 行" in shown and "第 32 行" not in shown
    assert "出了点问题" not in shown
    assert_fits(replies)
    h.assert_no_bad_requests()


def school_days(first: date, count: int) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


async def test_a_preview_of_220_school_days_names_a_few_runs_and_counts_the_rest(
    harness: Harness,
) -> None:
    h = harness
    days = school_days(MONDAY, 220)
    data = menu_csv(*(f"{d},午餐,米饭,主食,,\n{d},午餐,青菜,素菜,,\n" for d in days))
    preview = await send_file(h, ADMIN, "year.csv", data)
    assert "共 220 天" in preview and "440 道菜" in preview
    assert "11月30日（周一）至12月4日（周五）" in preview
    assert "……还有 180 天" in preview  # 8 school weeks named, the other 180 days counted
    [message] = [m for m in h.sim.messages(ADMIN) if "预览" in text_of(m)]
    assert "确认导入" in str(message.buttons)
    h.sim.press(ADMIN, message, "确认导入")
    done = await h.sim.wait_for_edit(ADMIN, message.message_id)
    assert "220 天" in text_of(done)
    # Again: what it replaces is capped the same way.
    again = await send_file(h, ADMIN, "year.csv", data)
    assert again.count("……还有 180 天") == 2 and "将替换" in again
    # In English too.
    await store.set_language(h.deps.db, ADMIN, "en", h.clock.now())
    english = await send_file(h, ADMIN, "year.csv", data)
    assert "Dates (220 days)" in english and "…and 180 more days" in english
    h.assert_no_bad_requests()


async def test_a_day_over_the_dish_limit_is_a_problem_with_its_row(harness: Harness) -> None:
    h = harness
    rows = long_day(date(2026, 12, 1), dishes=MAX_DISHES_PER_DAY + 5, chars=10)
    text = await send_file(h, ADMIN, "menu.csv", menu_csv(rows))
    assert f"第 {MAX_DISHES_PER_DAY + 2} 行" in text and "每天最多 60 道" in text
    assert "1 处问题" in text
    h.assert_no_bad_requests()


# ---- 3. the week and the notices list ------------------------------------------------------------


async def test_a_week_of_long_days_arrives_in_several_messages_with_short_notes(
    harness: Harness,
) -> None:
    h = harness
    week = [long_day(MONDAY + timedelta(days=n)) for n in range(4)]
    week.append(long_day(MONDAY + timedelta(days=4), dishes=MAX_DISHES_PER_DAY))
    await import_menu(h, menu_csv(*week), today=MONDAY - timedelta(days=1))
    [parent] = await add_parents(h, 1001, 1, allergens=("peanut",))
    h.sim.skip(parent)
    h.sim.send_text(parent, "/menu week")
    more = "……还有 8 道菜，发送 /menu 2026-12-04 查看"
    await h.sim.wait_until(
        lambda: "\n".join(text_of(m) for m in h.sim.messages(parent)).count(more) == 3,
        timeout=10,
    )
    received = h.sim.messages(parent)
    whole = "\n".join(text_of(m) for m in received)
    assert len(received) >= 2 and "本周菜单" in text_of(received[0])
    assert note(1) not in whole and note(1)[:10] in whole, "notes shortened"
    # Friday's 60 dishes: 12 a meal shown, the rest counted with the way to see them.
    assert all(dish(n) in whole for n in range(30))
    assert_fits(received)
    h.assert_no_bad_requests()


async def test_the_notices_list_never_makes_a_message_too_long(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 1001, 1)
    for n in range(5):
        await outbox_store.create_broadcast(
            h.deps.db, BroadcastKind.NOTICE, [parent], h.clock.now(), body=f"#{n}" + "&<" * 1700
        )
    assert h.deps.outbox is not None
    h.deps.outbox.wake()
    await h.outbox_idle()
    before = len(h.sim.messages(parent))
    h.sim.send_text(parent, "/notices")

    def listed() -> str:
        return "\n".join(text_of(m) for m in h.sim.messages(parent)[before:])

    await h.sim.wait_until(lambda: all(f"#{n}&<" in listed() for n in range(5)), timeout=10)
    assert "近期学校通知" in listed() and "…" in listed()
    h.assert_no_bad_requests()


# ---- the views, for any day the import accepts -----------------------------------------------------


def view_deps() -> Deps:
    settings = Settings(_env_file=None, bot_token="1:T", school_name="第一中学")
    return Deps(settings, cast(Database, None), Catalog(), ManualClock(PUSH_TIME))


# What a canteen types, and what a hostile file may: "&" is five units in the HTML source.
CELL = st.text(st.sampled_from("红烧肉炒青菜汤 abcXYZ&<>😋🍚（）；"), max_size=MAX_NOTES_CHARS)


@st.composite
def days_dishes(draw: st.DrawFn) -> list[Dish]:
    count = draw(st.integers(1, MAX_DISHES_PER_DAY))
    return [
        Dish(
            date=MONDAY,
            meal=draw(st.sampled_from(("breakfast", "lunch", "dinner"))),
            position=n,
            name=draw(CELL.filter(bool).map(lambda t: t[:MAX_DISH_CHARS])),
            category=draw(CELL.map(lambda t: t[:MAX_CATEGORY_CHARS])),
            allergens=tuple(draw(st.sets(st.sampled_from(ALLERGENS)))),
            notes=draw(CELL),
        )
        for n in range(count)
    ]


CHILDREN = st.lists(
    st.builds(
        ChildRecord,
        id=st.just(1),
        parent_id=st.just(1),
        class_id=st.just(1),
        class_name=st.just("初一(1)班"),
        grade=st.just("初一"),
        name=CELL.map(lambda t: t[:CHILD_NAME_MAX]),
        allergens=st.sets(st.sampled_from(ALLERGENS)).map(tuple),
    ),
    max_size=3,
)


@settings(max_examples=40, deadline=None)
@given(days_dishes(), CHILDREN, st.sampled_from(LANGUAGES))
def test_the_day_view_always_fits_one_message_and_says_when_it_is_shortened(
    dishes: list[Dish], children: list[ChildRecord], lang: str
) -> None:
    deps = view_deps()
    text, shortened = day_view_text(deps, lang, MONDAY, dishes, children)
    assert utf16_len(text) <= MESSAGE_LIMIT
    full = day_text(deps, lang, MONDAY, dishes, children)
    assert shortened == (full != text)
    if shortened:
        assert text.endswith(deps.catalog.t(lang, "menu-shortened"))
    parts = split_html(full)
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
    for message in week_text(deps, lang, MONDAY, dishes, children):
        assert utf16_len(message) <= MESSAGE_LIMIT


@given(st.sets(st.dates(date(2026, 1, 1), date(2027, 12, 31)), min_size=1, max_size=400))
def test_a_date_list_names_at_most_so_many_runs_and_counts_the_other_days(days: set[date]) -> None:
    catalog = Catalog()
    text = date_runs(catalog, "en", sorted(days), 8)
    runs = sum(1 for d in days if d - timedelta(days=1) not in days)
    assert text.count(", ") <= 7
    if runs > 8:
        assert "more day" in text
    else:
        assert "more day" not in text


async def test_a_long_list_of_terms_arrives_in_several_messages(harness: Harness) -> None:
    h = harness
    for year in range(2027, 2072):  # 90 terms of 28-character names
        await h.say(ADMIN, f"/term {year}-02-20 {year}-06-30 {'春季学期' * 6}{year}")
        await h.say(ADMIN, f"/term {year}-09-01 {year + 1}-01-20 {'秋季学期' * 6}{year}")
    h.sim.skip(ADMIN)
    h.sim.send_text(ADMIN, "/term")
    await h.sim.wait_until(
        lambda: any("/term delete" in text_of(m) for m in h.sim.messages(ADMIN)[-3:]), timeout=10
    )
    listed = "\n".join(text_of(m) for m in h.sim.messages(ADMIN)[-3:])
    assert "春季学期2027" in listed and "秋季学期2071" in listed
    h.assert_no_bad_requests()
