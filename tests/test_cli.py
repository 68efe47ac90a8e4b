"""The command line: classes, menus, push and backup, as an administrator would run them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import samples
from bot.services import schoolday
from bot.simulator import BotAPISimulator
from bot.storage import people as store
from tests.conftest import SAMPLES, Harness
from tests.helpers import bot_env, cli

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def test_classes_import_and_list_print_stable_invite_links(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    code, out, _ = await cli(env, tmp_path, "classes", "import", str(SAMPLES / "classes.csv"))
    assert code == 0 and "7 classes added" in out
    code, first, _ = await cli(env, tmp_path, "classes", "list")
    assert code == 0
    lines = first.strip().splitlines()
    assert len(lines) == 7
    name, link = lines[0].split("\t")
    assert name == "初一(1)班" and link.startswith("https://t.me/MealWatchTestBot?start=")
    assert 6 <= len(link.rsplit("=", 1)[1]) <= 16
    code, out, _ = await cli(env, tmp_path, "classes", "import", str(SAMPLES / "classes.csv"))
    assert "0 classes added, 7 updated" in out
    _, second, _ = await cli(env, tmp_path, "classes", "list")
    assert second == first
    english = tmp_path / "en.csv"
    english.write_text("grade,class,students\nGrade 7,7A,30\n", encoding="utf-8")
    code, out, _ = await cli(env, tmp_path, "classes", "import", str(english))
    assert code == 0 and "1 classes added" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("名字,人数\n张三,3\n", encoding="utf-8")
    code, _, err = await cli(env, tmp_path, "classes", "import", str(broken))
    assert code == 1 and "年级,班级" in err
    code, _, err = await cli(env, tmp_path, "classes", "import", str(tmp_path / "missing.csv"))
    assert code == 1 and "cannot read" in err


async def test_menus_import_and_push_report_like_the_chat(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    # The command line runs on the machine's clock: lay the sample on next week, always ahead.
    monday = samples.monday_of(datetime.now(SHANGHAI).date()) + timedelta(days=7)
    week = [monday + timedelta(days=n) for n in range(7)]
    menu = tmp_path / "menu-week.csv"
    menu.write_bytes(samples.week_on(monday))
    code, out, _ = await cli(env, tmp_path, "menus", "import", str(menu))
    assert code == 0 and "48 道菜" in out and "<b>" not in out
    bad = tmp_path / "bad.csv"
    bad.write_text("日期,餐次,菜品\n2030-01-07,夜宵,面\n2030-01-07,午餐,\n", encoding="utf-8")
    code, out, _ = await cli(env, tmp_path, "menus", "import", str(bad))
    assert code == 1 and "第 2 行" in out and "第 3 行" in out
    # Holidays and make-up days move school days about: ask the calendar which is which.
    closed = next(d for d in week if not schoolday.is_school_day(d, schoolday.Calendar()))
    code, out, _ = await cli(env, tmp_path, "menus", "push", "--date", closed.isoformat())
    assert code == 1 and "不是上课日" in out
    code, out, _ = await cli(
        env, tmp_path, "menus", "push", "--date", monday.isoformat(), "--force"
    )
    assert code == 0


async def test_a_backup_taken_while_the_bot_runs_restores(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    live = Harness(sim, tmp_path / "live")
    await live.start()
    try:
        await live.seed_classes()
        sim.add_user(1001, "王芳", "zh")
        cls = (await store.list_classes(live.deps.db))[0]
        await live.say(1001, f"/start {cls.invite_code}")
        await live.say(1001, "小明")
        env = bot_env(sim, tmp_path) | {"DATABASE_PATH": str(live.settings.database_path)}
        code, out, _ = await cli(env, tmp_path, "backup", str(tmp_path / "backup" / "copy.db"))
        assert code == 0 and "backup written" in out
    finally:
        await live.stop()
    restored = Harness(sim, tmp_path / "restored", database_path=tmp_path / "backup" / "copy.db")
    await restored.start()
    try:
        assert (await store.list_classes(restored.deps.db))[0].name == cls.name
        assert await store.get_user(restored.deps.db, 1001) is not None
        listing = await restored.say(1001, "/help")
        assert "/menu" in (listing.text or "")
    finally:
        await restored.stop()


async def test_calendar_import_is_all_or_nothing_and_show_explains_each_day(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "类型,开始,结束,名称\n学期,2026-09-01,2027-01-22,秋季学期\n寒假,2027-01-23,,\n"
        "停课,2027-13-01,,考试\n",
        encoding="utf-8",
    )
    code, out, _ = await cli(env, tmp_path, "calendar", "import", str(bad))
    assert code == 1 and "2 处问题" in out and "没有导入任何内容" in out
    assert "第 3 行" in out and "寒假" in out and "第 4 行" in out and "2027-13-01" in out
    show = ("calendar", "show", "--from", "2026-09-28", "--days", "14")
    code, out, _ = await cli(env, tmp_path, *show)
    assert code == 0 and "学期" not in out  # the good first row was not imported either
    code, out, _ = await cli(env, tmp_path, "calendar", "import", str(SAMPLES / "calendar.csv"))
    assert code == 0 and "2 个学期，5 个停课日，1 个上课日，9 个官方假日或调休日" in out
    code, out, _ = await cli(env, tmp_path, *show)
    lines = {line.split()[0]: line for line in out.splitlines()[1:] if line}
    assert len(lines) == 14
    assert lines["2026-09-28"].split() == ["2026-09-28", "周一", "上课", "2026秋季学期"]
    assert "不上课" in lines["2026-10-01"] and "国庆节" in lines["2026-10-01"]
    assert "上课" in lines["2026-10-10"] and "调休" in lines["2026-10-10"]
    assert "周末" in lines["2026-10-11"]
    code, out, _ = await cli(
        env, tmp_path, "calendar", "show", "--from", "2027-01-18", "--days", "8"
    )
    lines = {line.split()[0]: line for line in out.splitlines()[1:] if line.startswith("2027")}
    assert "期末考试" in lines["2027-01-20"] and "不上课" in lines["2027-01-20"]
    assert "假期" in lines["2027-01-23"]
    guessed = schoolday.package_last_day() < date(2027, 1, 18)
    assert ("推测" in lines["2027-01-18"]) is guessed
    assert ("官方节假日数据只到" in out) is guessed
    code, _, err = await cli(env, tmp_path, "calendar", "show", "--days", "0")
    assert code == 2 and "between 1 and 366" in err


async def test_menus_push_without_force_follows_the_terms(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    await cli(env, tmp_path, "calendar", "import", str(SAMPLES / "calendar.csv"))
    # A Wednesday in the winter vacation, and one in term (no menu there: it says so instead).
    code, out, _ = await cli(env, tmp_path, "menus", "push", "--date", "2027-02-03")
    assert code == 1 and "不是上课日" in out
    code, out, _ = await cli(env, tmp_path, "menus", "push", "--date", "2026-12-02")
    assert code == 1 and "没有菜单" in out
