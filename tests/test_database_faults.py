"""The database under the bot: unusable at start, read-only while running, removed while running."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.simulator import BotAPISimulator
from bot.views.ratings import rating_callback
from tests.conftest import MONDAY, Harness
from tests.helpers import bot_env, cli, import_menu, join, sample_menu, text_of


async def test_a_read_only_database_answers_please_try_again(harness: Harness) -> None:
    h = harness
    parent = 1001
    h.sim.add_user(parent, "王芳", "zh")
    await join(h, parent, "初二(1)班", "小明", [])
    await import_menu(h, sample_menu())
    menu = await h.say(parent, "/menu")
    await h.deps.db.writer.execute("PRAGMA query_only = 1")  # every write now fails, as read-only
    try:
        query = h.sim.press_button(parent, menu, rating_callback(MONDAY, "lunch", 4))
        toast = await h.sim.wait_for_callback_answer(query)
        assert toast.show_alert and "暂时无法保存" in (toast.text or "")
        reply = await h.say(parent, "/stop")
        assert "暂时无法保存" in text_of(reply)
    finally:
        await h.deps.db.writer.execute("PRAGMA query_only = 0")


def chattr(flag: str, path: Path) -> None:
    """Root ignores file modes, so an immutable file is how a test makes a database read-only."""
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        message = f"chattr {flag} is not available here: {done.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


async def test_an_unusable_database_path_stops_the_start_with_one_line(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = bot_env(sim, tmp_path) | {"DATABASE_PATH": str(blocker / "data" / "bot.db")}
    code, _, err = await cli(env, tmp_path)
    assert code == 2
    assert err.strip().splitlines() == [
        f"DATABASE_PATH {blocker / 'data' / 'bot.db'}: cannot create its folder (Not a directory)"
    ]
    env = bot_env(sim, tmp_path)
    code, _, _ = await cli(env, tmp_path, "migrate")
    assert code == 0
    database = Path(env["DATABASE_PATH"])
    chattr("+i", database)
    try:
        for args in ((), ("migrate",)):
            code, _, err = await cli(env, tmp_path, *args)
            assert code == 2, args
            [line] = err.strip().splitlines()
            assert line.startswith(f"DATABASE_PATH {database}: cannot write the database"), line
    finally:
        chattr("-i", database)


async def test_a_database_removed_while_running_stops_the_bot(
    sim: BotAPISimulator, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    env = bot_env(sim, tmp_path) | {
        "DATABASE_PATH": str(folder / "bot.db"),
        "TICK_SECONDS": "0.3",
        "ADMIN_IDS": "900",
    }
    sim.add_user(900, "管理员", "zh")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        sim.send_text(900, "/help")
        await sim.wait_for_message(900, timeout=30)
        shutil.rmtree(folder)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 1
    assert f"DATABASE_PATH {folder / 'bot.db'} was removed or replaced while running" in (
        err.decode()
    )
