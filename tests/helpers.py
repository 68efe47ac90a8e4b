"""Shared test set-up: parents in bulk, menus, spreadsheets."""

from __future__ import annotations

import asyncio
import io
import os
import re
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from bot import samples
from bot.services import menus
from bot.services.menu_parser import parse_menu_file
from bot.simulator import BotAPISimulator, SentMessage
from bot.storage import cases as case_store
from bot.storage import people as store
from tests.conftest import GROUP, MONDAY, Harness


def sample_menu() -> bytes:
    """The sample week laid onto the test clock's week."""
    return samples.week_on(MONDAY)


def sample_xlsx(path: Path | None = None) -> bytes:
    """The sample week as an .xlsx with real date cells, as Excel saves it."""
    lines = sample_menu().decode("utf-8").splitlines()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for number, line in enumerate(lines):
        cells: list[object] = list(line.split(","))
        if number:
            cells[0] = date.fromisoformat(str(cells[0]))
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def import_menu(
    h: Harness, data: bytes, filename: str = "menu.csv", today: date | None = None
) -> None:
    result = parse_menu_file(data, filename, today or menus.today(h.deps))
    assert result.ok, result.problems
    await menus.apply_import(h.deps, result.rows)


async def add_parents(
    h: Harness,
    first_id: int,
    count: int,
    class_name: str = "初一(1)班",
    allergens: tuple[str, ...] = (),
) -> list[int]:
    """Parents who joined earlier (and opened their chat), written straight to storage."""
    classes = {c.name: c for c in await store.list_classes(h.deps.db)}
    ids = list(range(first_id, first_id + count))
    now = h.clock.now()
    for user_id in ids:
        h.sim.add_user(user_id, f"家长{user_id}", "zh", open_chat=True)
        await store.ensure_user(h.deps.db, user_id, f"家长{user_id}", None, "zh", now)
        await store.add_child(
            h.deps.db, user_id, classes[class_name].id, f"孩子{user_id}", allergens, now
        )
    return ids


async def invite_code(h: Harness, class_name: str) -> str:
    classes = {c.name: c for c in await store.list_classes(h.deps.db)}
    return classes[class_name].invite_code


async def join(
    h: Harness, user: int, class_name: str, name: str | None, allergens: list[str]
) -> None:
    code = await invite_code(h, class_name)
    welcome = await h.say(user, f"/start {code}")
    if name is None:
        h.sim.press(user, welcome, "跳过" if "欢迎" in (welcome.text or "") else "Skip")
        prompt = await h.sim.wait_for_message(user)
    else:
        prompt = await h.say(user, name)
    for allergen in allergens:
        h.sim.press(user, prompt, allergen)
        prompt = await h.sim.wait_for_edit(user, prompt.message_id)
    h.sim.press(user, prompt, "完成" if "完成" in str(prompt.buttons) else "Done")
    await h.sim.wait_for_edit(user, prompt.message_id, predicate=lambda m: "✅" in (m.text or ""))


def text_of(message: SentMessage) -> str:
    return message.visible_text or ""


async def edited(h: Harness, message: SentMessage) -> SentMessage:
    return await h.sim.wait_for_edit(message.chat_id, message.message_id)


async def file_report(
    h: Harness,
    user: int,
    *,
    category: str = "疑似身体不适",
    text: str = "孩子午饭后呕吐，肚子疼",
    photos: int = 0,
    anonymous: bool = False,
    meal: str = "午餐",
    day: tuple[str, ...] = ("今天",),
) -> int:
    """Walk the guided report with buttons (one child; the day's buttons, today unless told)
    and return the case number."""
    prompt = await h.say(user, "/feedback")
    assert "哪一天" in text_of(prompt)
    for choice in (*day, meal):
        h.sim.press(user, prompt, choice)
        prompt = await edited(h, prompt)
    if "哪道菜" in text_of(prompt):
        h.sim.press(user, prompt, "整餐 / 不确定")
        prompt = await edited(h, prompt)
    assert "哪一类" in text_of(prompt)
    h.sim.press(user, prompt, category)
    prompt = await edited(h, prompt)
    if "打个分" in text_of(prompt):  # not asked after illness, allergy or a foreign object
        h.sim.press(user, prompt, "跳过")
        prompt = await edited(h, prompt)
    if category in ("疑似身体不适", "过敏反应"):
        h.sim.press(user, prompt, "2")
        prompt = await edited(h, prompt)
        h.sim.press(user, prompt, "用餐后 1–6 小时")
        prompt = await edited(h, prompt)
    assert "描述" in text_of(prompt)
    prompt = await h.say(user, text)
    assert "照片" in text_of(prompt)
    if photos:
        h.sim.skip(user)
        for _ in range(photos):
            h.sim.send_photo(user, media_group_id="album-1" if photos > 1 else None)
        wanted = f"已收到 {photos} 张"
        await h.sim.wait_until(lambda: any(wanted in text_of(m) for m in h.sim.messages(user)))
        prompt = next(m for m in reversed(h.sim.messages(user)) if wanted in text_of(m))
        if prompt.edits:  # the album's second photo edited the acknowledgement: seen
            await edited(h, prompt)
    h.sim.press(user, prompt, "完成")
    prompt = await edited(h, prompt)
    h.sim.press(user, prompt, "匿名提交" if anonymous else "署名提交")
    prompt = await edited(h, prompt)
    assert "请确认" in text_of(prompt)
    h.sim.skip(user)
    h.sim.press(user, prompt, "✅ 提交")
    # Up to the bot's read timeout and more: a card whose send hangs is waited for first.
    done = await h.sim.wait_for_message(user, lambda m: "#" in text_of(m), timeout=15)
    found = re.search(r"#(\d+)", text_of(done))
    assert found is not None
    return int(found.group(1))


async def send_file(h: Harness, user: int, filename: str, data: bytes) -> str:
    h.sim.skip(user)
    h.sim.send_document(user, filename, data)
    reply = await h.sim.wait_for_message(user, timeout=10)
    return reply.visible_text or ""


def cards(h: Harness) -> list[SentMessage]:
    """Case cards in the group: messages with a case's buttons, but not the outbreak alert (its
    only button seals the meal's 留样)."""
    return [
        m
        for m in h.sim.messages(GROUP)
        if any("case:" in str(b) for b in m.buttons) and "可能的集体事件" not in text_of(m)
    ]


async def card_of(h: Harness, number: int) -> SentMessage:
    """The case's card, once the bot has recorded it (and the messages sent with it)."""
    await h.sim.wait_until(lambda: any(f"#{number}" in text_of(m) for m in cards(h)))
    for _ in range(250):
        case = await case_store.get_case(h.deps.db, number)
        links = await h.deps.db.fetchval(
            "SELECT count(*) FROM feedback_messages WHERE feedback_id = ?", (number,)
        )
        if case is not None and case.card_message_id is not None and links > len(case.photos):
            break
        await asyncio.sleep(0.02)
    return next(m for m in cards(h) if f"#{number}" in text_of(m))


async def cli(env: dict[str, str], cwd: Path, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        cwd=cwd, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def bot_env(sim: BotAPISimulator, tmp_path: Path) -> dict[str, str]:
    return {
        "BOT_TOKEN": sim.token,
        "BOT_API_BASE_URL": sim.base_url,
        "BOT_API_FILE_URL": sim.file_url,
        "DATABASE_PATH": str(tmp_path / "cli.db"),
        "TIMEZONE": "Asia/Shanghai",
    }
