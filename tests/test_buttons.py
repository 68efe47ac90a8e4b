"""Callback data: one codec per family, strict parsing, and every button the bot sends parses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.simulator import SentMessage
from bot.views.buttons import (
    CHILD,
    CODECS,
    ERASE,
    KIDS,
    LANGUAGE,
    MENU,
    MENU_OPT_IN,
    NOTICE,
    PICK,
    ChildAction,
    ChildPress,
    KidsAction,
    KidsPress,
    MenuPress,
    MenuView,
    NoticeAction,
    NoticePress,
    Pick,
    PickKind,
)
from bot.views.codec import DATA_MAX, Codec
from bot.views.duty_buttons import CODECS as DUTY_CODECS
from tests.conftest import ADMIN, MONDAY, Harness
from tests.helpers import import_menu, join, sample_menu, send_file

# Families whose codecs live with the feedback and case loop.
FEEDBACK_FAMILIES = {"rate", "fb", "fbo", "fbm", "fu", "case"}
FAMILIES: dict[str, Codec[Any]] = {codec.prefix: codec for codec in CODECS}


def test_round_trips() -> None:
    cases: list[tuple[Codec[Any], object]] = [
        (PICK, Pick(PickKind.GRADE, 3)),
        (PICK, Pick(PickKind.CLASS, 12)),
        (CHILD, ChildPress(ChildAction.ALLERGEN, "peanut")),
        (CHILD, ChildPress(ChildAction.DONE)),
        (KIDS, KidsPress(KidsAction.REMOVE_CONFIRMED, 7)),
        (KIDS, KidsPress(KidsAction.KEEP)),
        (LANGUAGE, "en"),
        (MENU, MenuPress(MenuView.WEEK, MONDAY)),
        (MENU, MenuPress(MenuView.FULL, MONDAY)),
        (MENU, MenuPress(MenuView.TODAY)),
        (MENU_OPT_IN, True),
        (NOTICE, NoticePress(NoticeAction.CLASS, "5")),
        (NOTICE, NoticePress(NoticeAction.ALLERGEN, "milk")),
        (NOTICE, NoticePress(NoticeAction.SEND)),
        (ERASE, True),
    ]
    for codec, value in cases:
        data = codec.build(value)
        assert FAMILIES[data.split(":")[0]].parse(data) == value, data


def test_the_wire_format_of_buttons_already_in_chats() -> None:
    """Old messages keep their buttons: these exact strings must keep parsing."""
    old: list[tuple[Codec[Any], str]] = [
        (KIDS, "kids:add"), (KIDS, "kids:keep:0"), (KIDS, "kids:edit:7"), (CHILD, "child:skip"),
        (MENU, "menu:t:0"), (MENU, "menu:d:20261130"), (MENU_OPT_IN, "set:menu:1"),
        (NOTICE, "notice:send"), (NOTICE, "notice:c:5"), (ERASE, "erase:no"), (PICK, "pick:g:0"),
    ]  # fmt: skip
    for codec, data in old:
        value = codec.parse(data)
        assert value is not None and codec.build(value) == data, data


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
    assert FAMILIES[data.split(":")[0]].parse(data) is None


digits = st.sampled_from(["0", "7", "12", "²", "①", "٣", "99999999999999999999", "-1", ""])
tails = st.lists(st.one_of(st.text(max_size=12), digits), max_size=3).map(":".join)


@given(st.sampled_from(sorted(FAMILIES)), tails)
def test_any_data_parses_to_a_button_that_builds_the_same_or_is_refused(
    prefix: str, tail: str
) -> None:
    codec = FAMILIES[prefix]
    parsed = codec.parse(f"{prefix}:{tail}")
    if parsed is not None:
        data = codec.build(parsed)
        assert len(data.encode()) <= DATA_MAX
        assert codec.parse(data) == parsed


def test_data_over_64_bytes_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        NOTICE.build(NoticePress(NoticeAction.ALLERGEN, "x" * 60))


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
    known = {codec.prefix: codec.parse for codec in (*CODECS, *DUTY_CODECS)}
    unknown = prefixes - set(known) - FEEDBACK_FAMILIES
    assert unknown == set()
    for data in sent:
        parse = known.get(data.split(":")[0])
        if parse is not None:
            assert parse(data) is not None, data
