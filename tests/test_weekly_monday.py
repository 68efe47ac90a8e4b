"""The Monday report through the wire: once to the group and each administrator, text and an
album of charts whose PNGs decode, whatever restarts and ticks come after."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import warnings
from datetime import timedelta

import pytest
from matplotlib import font_manager
from matplotlib import image as mpimg

from bot.simulator import Faults, SentMessage
from bot.views.charts import CJK_FONTS, ChartInput, ChartLabels, draw
from tests.conftest import ADMIN, GROUP, Harness
from tests.helpers import text_of
from tests.week_fixture import NEXT_MONDAY, at, build_week

PNG = b"\x89PNG\r\n\x1a\n"


def albums(h: Harness, chat: int) -> list[SentMessage]:
    return [m for m in h.sim.messages(chat) if m.method == "sendMediaGroup"]


def reports(h: Harness, chat: int) -> list[SentMessage]:
    return [m for m in h.sim.messages(chat) if "食安周报" in text_of(m)]


def png_of(h: Harness, message: SentMessage) -> bytes:
    assert message.photo
    return h.sim.files[message.photo[-1]["file_id"]].data


def assert_sane_png(data: bytes) -> None:
    assert data[:8] == PNG
    assert 5_000 < len(data) < 500_000
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (450, 800)


@pytest.mark.slow
async def test_the_monday_report_arrives_once_with_its_album(harness: Harness) -> None:
    h = harness
    await build_week(h)
    await h.say(ADMIN, "/start")
    h.clock.set(at(NEXT_MONDAY, 7, 59))
    await h.tick()
    assert reports(h, GROUP) == [] and reports(h, ADMIN) == []

    h.clock.set(at(NEXT_MONDAY, 8, 0))
    await h.tick()
    for chat in (GROUP, ADMIN):
        [report] = reports(h, chat)
        assert "2026-11-30 至 2026-12-06" in text_of(report)
        assert "平均 3.50 分" in text_of(report)
        album = albums(h, chat)
        assert len(album) == 3 and len({m.media_group_id for m in album}) == 1
        assert "确认收到用时" in text_of(album[0])
        for photo in album:
            assert_sane_png(png_of(h, photo))

    # Later ticks, the same day and days after, and a restart send nothing again.
    h.clock.advance(timedelta(hours=1))
    await h.tick()
    await h.restart()
    h.clock.advance(timedelta(days=2))
    await h.tick()
    for chat in (GROUP, ADMIN):
        assert len(reports(h, chat)) == 1 and len(albums(h, chat)) == 3
    h.assert_no_bad_requests()


async def test_a_week_without_anything_is_skipped(harness: Harness) -> None:
    h = harness
    h.clock.set(at(NEXT_MONDAY, 9, 0))
    await h.tick()
    assert reports(h, GROUP) == []
    assert await h.deps.db.fetchval("SELECT skipped FROM weekly_reports") == 1


def _input() -> ChartInput:
    labels = ChartLabels(
        weeks_title="本学期每周平均评分", weeks_x="周", weeks_y="平均分",
        categories_title="家长反馈（按类别）", categories_x="条数",
        ack_title="确认收到用时", ack_x="个案编号", ack_y="分钟",
        categories=("异物", "口味"),
    )  # fmt: skip
    fallback = ChartLabels(
        weeks_title="Average rating per week", weeks_x="Week", weeks_y="Average",
        categories_title="Reports by category", categories_x="Reports",
        ack_title="Time to acknowledge", ack_x="Case", ack_y="Minutes",
        categories=("Foreign object", "Taste"),
    )  # fmt: skip
    return ChartInput(
        weeks=(("11-23", 3.0), ("11-30", 3.5)),
        categories=(2, 1),
        acknowledge=(("#1", 10.0), ("#2", 40.0)),
        labels=labels,
        fallback=fallback,
    )


def test_without_a_cjk_font_the_labels_are_ascii_and_no_glyph_is_missing() -> None:
    """Forced: no family of the list is installed. matplotlib warns for every glyph its font
    lacks (a box in the image); as errors, any such warning fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts = draw(_input(), fonts=("No Such CJK Font",))
    assert charts.cjk is False
    assert len(charts.images) == 3
    for image in charts.images:
        assert_sane_png(image)


def test_with_a_cjk_font_the_labels_are_chinese() -> None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed & set(CJK_FONTS):
        pytest.skip("no CJK font on this machine (apt-get install fonts-wqy-zenhei)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts = draw(_input())
    assert charts.cjk is True and len(charts.images) == 3


def test_the_bot_itself_never_imports_matplotlib() -> None:
    """The charts' memory stays in their worker: building the whole Application loads no
    matplotlib (the memory goal has no room for it)."""
    probe = (
        "import sys\n"
        "from bot.app import build_application\n"
        "from bot.config import Settings\n"
        "build_application(Settings(_env_file=None, bot_token='1:T', database_path=sys.argv[1]))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        found = subprocess.run(
            [sys.executable, "-c", probe, f"{folder}/db"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
    assert found.stdout.strip() == "[]"


@pytest.mark.slow
async def test_charts_refused_once_go_on_the_next_tick_without_the_text_again(
    harness: Harness,
) -> None:
    h = harness
    await build_week(h)
    h.sim.faults = Faults(
        error_500_rate=1.0, only_chat=GROUP, only_methods=frozenset({"sendMediaGroup"})
    )
    h.clock.set(at(NEXT_MONDAY, 8, 0))
    await h.tick()
    assert len(reports(h, GROUP)) == 1 and albums(h, GROUP) == []
    h.sim.faults = Faults()
    h.clock.advance(timedelta(minutes=1))
    await h.tick()
    assert len(reports(h, GROUP)) == 1 and len(albums(h, GROUP)) == 3
