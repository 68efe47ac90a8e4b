"""Callback data: one codec per family, strict parsing, and every button the bot sends parses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.simulator import SentMessage
from bot.views.buttons import (
    ERASE,
    PARSERS,
    ChildAction,
    ChildButton,
    KidsAction,
    KidsButton,
    LanguageButton,
    MenuButton,
    MenuOptIn,
    MenuView,
    NoticeAction,
    NoticeButton,
    Pick,
    PickKind,
    YesNo,
    parse_erase,
)
from bot.views.codec import DATA_MAX
from bot.views.duty_buttons import CODECS as DUTY_CODECS
from tests.conftest import ADMIN, MONDAY, Harness
from tests.helpers import import_menu, join, sample_menu, send_file

# Families whose codecs live with the feedback and case loop.
FEEDBACK_FAMILIES = {"rate", "fb", "fbo", "fbm", "fu", "case"}


def test_round_trips() -> None:
    for button in (
        Pick(PickKind.GRADE, 3),
        Pick(PickKind.CLASS, 12),
        ChildButton(ChildAction.ALLERGEN, "peanut"),
        ChildButton(ChildAction.DONE),
        KidsButton(KidsAction.REMOVE_CONFIRMED, 7),
        KidsButton(KidsAction.KEEP),
        LanguageButton("en"),
        MenuButton(MenuView.WEEK, MONDAY),
        MenuButton(MenuView.FULL, MONDAY),
        MenuButton(MenuView.TODAY),
        MenuOptIn(True),
        NoticeButton(NoticeAction.CLASS, "5"),
        NoticeButton(NoticeAction.ALLERGEN, "milk"),
        NoticeButton(NoticeAction.SEND),
    ):
        data = button.data()
        assert PARSERS[data.split(":")[0]](data) == button, data
    assert parse_erase(YesNo(ERASE, True).data()) == YesNo(ERASE, True)


@pytest.mark.parametrize(
    "data",
    [
        "pick:c:²", "pick:g:①", "pick:c:99999999999999999999", "pick:x:1", "pick:c", "pick",
        "child:alg:../../etc", "child:alg", "child:done:1", "kids:edit:²", "kids:del:-1",
        "kids:delok:99999999999999999999", "kids:keep:1", "lang:fr", "erase:maybe",
        "mimp:yes:1", "menu:d:99991231", "menu:d:00010101", "menu:w:99991231", "menu:q:1",
        "menu:d:20261399", "menu:f:99991231", "menu:f:0", "set:menu:7", "notice:cg:²",
        "notice:c:99999999999999999999",
        "notice:a:cats", "notice:send:1", "notice:zzz",
    ],
)  # fmt: skip
def test_forged_data_does_not_parse(data: str) -> None:
    assert PARSERS[data.split(":")[0]](data) is None


digits = st.sampled_from(["0", "7", "12", "²", "①", "٣", "99999999999999999999", "-1", ""])
tails = st.lists(st.one_of(st.text(max_size=12), digits), max_size=3).map(":".join)


@given(st.sampled_from(sorted(PARSERS)), tails)
def test_any_data_parses_to_a_button_that_builds_the_same_or_is_refused(
    prefix: str, tail: str
) -> None:
    parsed = PARSERS[prefix](f"{prefix}:{tail}")
    if parsed is not None:
        data = parsed.data()
        assert len(data.encode()) <= DATA_MAX
        assert PARSERS[prefix](data) == parsed


def test_data_over_64_bytes_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        NoticeButton(NoticeAction.ALLERGEN, "x" * 60).data()


def buttons_in(messages: list[SentMessage]) -> list[str]:
    found = []
    for message in messages:
        for button in message.buttons:
            data = button.get("callback_data")
            if isinstance(data, str):
                found.append(data)
    return found


async def test_every_button_the_bot_sends_parses_back(harness: Harness) -> None:
    h = harness
    parent = 1001
    h.sim.add_user(parent, "王芳", "zh")
    await join(h, parent, "初二(1)班", "小明", ["花生", "乳制品"])
    overview = await h.say(parent, "/children")  # a second child: the grade and class pickers
    h.sim.press(parent, overview, "添加")
    grades = await h.sim.wait_for_message(parent)
    h.sim.press(parent, grades, "初一")
    await h.sim.wait_for_edit(parent, grades.message_id)
    await import_menu(h, sample_menu(), today=MONDAY - timedelta(days=1))
    for text in ("/children", "/language", "/settings", "/deletedata", "/menu"):
        await h.say(parent, text)
    children = next(m for m in reversed(h.sim.messages(parent)) if "kids:" in str(m.buttons))
    h.sim.press(parent, children, "删除")
    await h.sim.wait_for_edit(parent, children.message_id)
    menu = h.sim.messages(parent)[-1]
    h.sim.press(parent, menu, "后一天")
    await h.sim.wait_for_edit(parent, menu.message_id)
    await send_file(h, ADMIN, "menu-week.csv", sample_menu())
    notice = await h.say(ADMIN, "/notice")
    await h.say(ADMIN, "明天停水，午餐改为盒饭。")
    pickers = h.sim.messages(ADMIN)[-1]
    for choice in ("按班级", "初二"):
        h.sim.press(ADMIN, pickers, choice)
        pickers = await h.sim.wait_for_edit(ADMIN, pickers.message_id)
    del notice
    sent = buttons_in(h.sim.messages(parent)) + buttons_in(h.sim.messages(ADMIN))
    prefixes = {data.split(":")[0] for data in sent}
    assert {"pick", "child", "kids", "lang", "erase", "menu", "set", "mimp", "notice"} <= prefixes
    known = {**PARSERS, **{codec.prefix: codec.parse for codec in DUTY_CODECS}}
    unknown = prefixes - set(known) - FEEDBACK_FAMILIES
    assert unknown == set()
    for data in sent:
        parse = known.get(data.split(":")[0])
        if parse is not None:
            assert parse(data) is not None, data
