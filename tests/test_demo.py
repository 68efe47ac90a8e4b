"""`python -m bot demo`: the runner starts and stops cleanly, and the page works end to end in a
real headless Chromium (Debian's, never a downloaded one), with no request leaving the machine."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.demo import main

pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
URL_LINE = re.compile(r"(http://127\.0\.0\.1:\d+/)")
WAIT_MS = 15_000


@dataclass
class RunningDemo:
    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C, as a person would press it; returns (exit code, stdout and stderr since the
        address line)."""
        self.process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, stderr = self.process.communicate()
            pytest.fail(f"the demo did not stop within 20 s of Ctrl-C:\n{stderr}")
        return self.process.returncode, stdout + stderr


def start_demo(*args: str) -> RunningDemo:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.demo", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    lines: list[str] = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if not line:
                break  # the process ended
            lines.append(line)
            found = URL_LINE.search(line)
            if found:
                return RunningDemo(process, found.group(1), lines)
    process.kill()
    _, stderr = process.communicate()
    pytest.fail(f"the demo printed no address; stdout={lines!r}\nstderr:\n{stderr}")


@pytest.fixture
def demo() -> Iterator[RunningDemo]:
    running = start_demo()
    try:
        yield running
    finally:
        if running.process.poll() is None:
            code, rest = running.interrupt()
            print(rest)  # the demo's log, shown by pytest when a test fails
            assert code == 0, rest


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--data" in out and "--port" in out


def test_starts_prints_one_address_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    running = start_demo("--data", str(tmp_path / "kept"))
    assert running.output == [
        f"MealWatch demo: open {running.url} in your browser (Ctrl-C stops it)\n"
    ]
    with urllib.request.urlopen(running.url, timeout=5) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200 and "<script>" in page
    # Nothing on the page may come from elsewhere: no src= or href= to another host.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    code, rest = running.interrupt()
    assert code == 0, rest
    assert rest == "", "the demo prints one line, then nothing until it stops cleanly"
    assert (tmp_path / "kept" / "mealwatch.db").exists()


# ---- the page in a real browser -------------------------------------------------------------------


def _chromium() -> None:
    """Skip locally without Debian's chromium or playwright; CI must run this test."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install playwright; no browser download)")
    if missing:
        message = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _shot(page: Page, path: Path) -> Path:
    page.screenshot(path=path, full_page=True)
    return path


def _last_bot_message(column: Locator) -> Locator:
    return column.locator(".msg.bot").last


def _say(column: Locator, text: str) -> None:
    box = column.locator("textarea")
    box.fill(text)
    box.press("Enter")


def test_parent_joins_reports_a_foreign_object_and_sees_the_groups_reply(
    demo: RunningDemo, tmp_path: Path
) -> None:
    _chromium()
    from playwright.sync_api import Request, expect, sync_playwright

    outside: list[str] = []
    problems: list[str] = []

    def only_local(request: Request) -> None:
        if not request.url.startswith((demo.url, "data:", "blob:")):
            outside.append(request.url)

    shots: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            page.on("request", only_local)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type == "error" else None,
            )
            page.set_default_timeout(WAIT_MS)
            page.goto(demo.url)
            parent = page.locator("[data-col=parent]")
            group = page.locator("[data-col=group]")
            # What the page is and what to try, per role.
            expect(page.locator("#intro")).to_contain_text("本地演示")
            expect(parent.locator(".try")).to_contain_text("邀请链接")
            expect(page.locator("[data-col=admin] .try")).to_contain_text("示例菜单表")
            expect(group.locator(".try")).to_contain_text("结案")

            # A parent joins by the class invite link and names the child; the allergen
            # keyboard is edited in place.
            parent.locator("a.invite").click()
            expect(_last_bot_message(parent)).to_contain_text("初一(2)班")
            _say(parent, "小明")
            prompt = _last_bot_message(parent)
            prompt.locator(".kb button", has_text="花生").click()
            expect(prompt.locator(".kb button", has_text="✅ 花生")).to_be_visible()
            prompt.locator(".kb button", has_text="完成").click()
            expect(_last_bot_message(parent)).to_contain_text("小明")
            expect(_last_bot_message(parent).locator(".meta")).to_contain_text("已编辑")
            shots.append(_shot(page, tmp_path / "1-joined.png"))

            # The morning push, without waiting for the morning.
            page.locator("#push-menu").click()
            expect(_last_bot_message(parent)).to_contain_text("菜单")
            expect(_last_bot_message(parent).locator("b").first).to_be_visible()
            # The rating faces say what they mean in words too (no emoji font, screen readers).
            expect(
                _last_bot_message(parent).locator(".kb button[title*='很好吃']").first
            ).to_be_visible()
            # The administrator sends the sample menu spreadsheet and gets the import preview.
            admin = page.locator("[data-col=admin]")
            admin.locator(".chips button", has_text="示例菜单表").click()
            expect(admin.locator(".msg.mine .doc")).to_contain_text("menu-week.csv")
            expect(_last_bot_message(admin)).to_contain_text("菜单导入预览")
            shots.append(_shot(page, tmp_path / "2-menu.png"))

            _report_foreign_object(parent)
            shots.append(_shot(page, tmp_path / "3-reported.png"))

            # The case card reaches the group with the photo; a staff member acknowledges it
            # (the card is edited in place) and answers the parent by replying to it.
            expect(group.locator(".msg.bot img.photo")).to_be_visible()
            fresh = group.locator(".msg.bot", has=page.locator(".kb button", has_text="确认收到"))
            expect(fresh).to_contain_text("异物")
            # Pin the card by its id: acknowledging removes the button the locator above needs.
            card = group.locator(f".msg[data-mid='{fresh.get_attribute('data-mid')}']")
            card.locator(".kb button", has_text="确认收到").click()
            expect(card).to_contain_text("确认：刘建国")
            expect(card.locator(".meta")).to_contain_text("已编辑")
            card.locator(".reply-btn").click()
            _say(group, "已核实，今天已停用该批次米饭，明天起加强筛查。")
            expect(group.locator(".msg.mine .quote")).to_contain_text("反馈 #")
            answer = _last_bot_message(parent)
            expect(answer).to_contain_text("食品安全工作组回复了您的反馈")
            expect(answer).to_contain_text("已核实，今天已停用该批次米饭")
            shots.append(_shot(page, tmp_path / "4-answered.png"))

            # /cases: a case number is tapped for its whole history.
            _say(group, "/cases")
            _last_bot_message(group).locator(".case-ref").first.click()
            expect(group.locator(".msg.mine").last).to_contain_text("/case ")
            # 结案: the bot's ForceReply opens the reply to its prompt, for the one who pressed.
            card.locator(".kb button", has_text="结案").click()
            expect(group.locator(".replybar.on")).to_contain_text("处理说明")
            _say(group, "已更换这一批次的大米。")
            expect(card).to_contain_text("已结案")
            expect(group.locator(".replybar.on")).to_have_count(0)

            # A phone, 390 px wide: tabs, one chat at a time, nothing wider than the screen.
            page.set_viewport_size({"width": 390, "height": 844})
            expect(page.locator("nav.tabs button")).to_have_count(3)
            visible = "[...document.querySelectorAll('.col')].filter(c => c.offsetParent).length"
            assert page.evaluate(visible) == 1
            header = page.locator("header.top").bounding_box()
            assert header is not None and header["height"] <= 80, header
            page.locator("nav.tabs button", has_text="工作组").click()
            expect(group).to_be_visible()
            expect(parent).to_be_hidden()
            box = group.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 845, box
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            shots.append(_shot(page, tmp_path / "5-phone.png"))
            page.locator("nav.tabs button", has_text="家长").click()
            page.set_viewport_size({"width": 1500, "height": 900})

            # The controls and the language hint.
            page.locator("#advance").click()
            expect(page.locator("#clock")).to_contain_text("+30 min")
            parent.locator(".hint a", has_text="/language").click()
            _last_bot_message(parent).locator(".kb button", has_text="English").click()
            expect(_last_bot_message(parent)).to_contain_text("Language set to English")
            _say(parent, "/menu")
            expect(_last_bot_message(parent)).to_contain_text("Lunch")
            # What people type is shown as text, never interpreted as HTML.
            _say(parent, "<b>not bold</b><img src=x>")
            expect(parent.locator(".msg.mine").last).to_contain_text("<b>not bold</b><img src=x>")
            assert parent.locator(".msg.mine b, .msg.mine img:not(.photo)").count() == 0
        finally:
            browser.close()

    assert outside == [], f"the page asked for something outside the demo: {outside}"
    assert problems == [], problems
    for shot in shots:
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, shot


def _report_foreign_object(parent: Locator) -> None:
    """/feedback, answered with the buttons: today, lunch, the rice, foreign object (no
    rating asked); a description, the page's sample photo, named, submit."""
    from playwright.sync_api import expect

    _say(parent, "/feedback")
    latest = _last_bot_message(parent)  # re-resolved on every use
    expect(latest).to_contain_text("哪一天")
    for button, next_question in (
        ("今天", "哪一餐"),
        ("午餐", "哪道菜"),
        ("米饭", "哪一类"),
        ("异物", "描述"),
    ):
        latest.locator(".kb button", has_text=button).click()
        expect(latest).to_contain_text(next_question)
    _say(parent, "米饭里有一根头发")
    expect(latest).to_contain_text("已收到 0 张")
    parent.locator(".chips button", has_text="示例照片").click()
    expect(parent.locator(".msg.mine img.photo")).to_be_visible()
    expect(latest).to_contain_text("已收到 1 张")
    for button, next_question in (("完成", "名字"), ("署名提交", "请确认"), ("提交", "已转给")):
        latest.locator(".kb button", has_text=button).click()
        expect(latest).to_contain_text(next_question)
