"""The feedback and case buttons' callback data: every family builds and parses in one place
(bot.views.callbacks), and every button the bot sends parses back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.cases import FollowUpAnswer
from bot.services.ratings import RatingTap
from bot.services.report_steps import ReportStep
from bot.simulator import SentMessage
from bot.views import peican_buttons, survey_callbacks
from bot.views.callbacks import (
    CASE,
    FOLLOW_UP,
    MORE,
    OFFER,
    RATE,
    REPORT,
    CaseAction,
    CasePress,
    FollowUpPress,
    ReportPress,
)
from bot.views.codec import DATA_MAX, Codec
from tests.conftest import ADMIN, GROUP, MONDAY, STAFF, Harness
from tests.helpers import (
    card_of,
    edited,
    file_report,
    import_menu,
    join,
    sample_menu,
    text_of,
)

PARENT = 1001
TWINS = 1002  # a parent of two children: the report asks which child
CODECS: dict[str, Codec[Any]] = {c.prefix: c for c in (RATE, MORE, OFFER, REPORT, CASE, FOLLOW_UP)}
HUGE = "9" * 20  # overflows SQLite's INTEGER


@pytest.mark.parametrize(
    ("codec", "value"),
    [
        (RATE, RatingTap(MONDAY, "lunch", 5)),
        (MORE, RatingTap(date(2026, 1, 31), "dinner", 1)),
        (OFFER, 42),
        (REPORT, ReportPress("a1b2c3", ReportStep.CATEGORY, "foreign_object")),
        (REPORT, ReportPress("a1b2c3", None, "0")),
        (CASE, CasePress(CaseAction.RESOLVE, 7)),
        (FOLLOW_UP, FollowUpPress(7, FollowUpAnswer.DOCTOR)),
    ],
)
def test_what_a_codec_builds_it_parses_back(codec: Codec[Any], value: object) -> None:
    data = codec.build(value)
    assert data.startswith(codec.prefix + ":") and len(data.encode()) <= 64
    assert codec.parse(data) == value


@pytest.mark.parametrize(
    ("codec", "data"),
    [
        (RATE, "rate:20261130:lunch:²"),
        (RATE, "rate:20261130:lunch:9"),
        (RATE, "rate:2026113０:lunch:3"),
        (RATE, "rate:20261130:supper:3"),
        (RATE, "rate:20261130:lunch:3:4"),
        (RATE, "fbm:20261130:lunch:3"),
        (MORE, "fbm:20261399:lunch:1"),
        (OFFER, "fbo:²"),
        (OFFER, f"fbo:{HUGE}"),
        (OFFER, "fbo:-1"),
        (OFFER, "fbo:1:2"),
        (OFFER, "fbo"),
        (REPORT, "fb:a1b2c3:cat:illness"),
        (REPORT, "fb:a1b2c3:rating:"),
        (REPORT, "fb:<b>:rating:5"),
        (REPORT, "fb:x"),
        (CASE, "case:ack:²"),
        (CASE, f"case:ack:{HUGE}"),
        (CASE, "case:ack:0"),
        (CASE, "case:zap:1"),
        (CASE, "case:"),
        (CASE, "case:ack:1:2"),
        (FOLLOW_UP, "fu:²:unwell"),
        (FOLLOW_UP, f"fu:{HUGE}:unwell"),
        (FOLLOW_UP, "fu:1:ok"),
    ],
)
def test_anything_else_parses_to_none(codec: Codec[Any], data: str) -> None:
    assert codec.parse(data) is None


# Every family written as a Codec outside the duty's (tests/test_duty.py walks those).
ALL_CODECS = {
    c.prefix: c for c in (*CODECS.values(), *survey_callbacks.CODECS, *peican_buttons.CODECS)
}
digits = st.sampled_from(["0", "1", "07", " 7", "²", "①", "99999999999999999999", "-1", ""])
tails = st.lists(st.one_of(st.text(max_size=12), digits), max_size=5).map(":".join)


@given(st.sampled_from(sorted(ALL_CODECS)), tails)
def test_any_data_parses_to_a_value_that_builds_the_same_or_is_refused(
    prefix: str, tail: str
) -> None:
    codec = ALL_CODECS[prefix]
    parsed = codec.parse(f"{prefix}:{tail}")
    if parsed is not None:
        data = codec.build(parsed)
        assert len(data.encode()) <= DATA_MAX
        assert codec.parse(data) == parsed


def callback_data(message: SentMessage) -> list[str]:
    """Every callback_data the message ever carried: as sent, and after each edit."""
    markups = [message.reply_markup, *(edit.reply_markup for edit in message.edits)]
    if message.original is not None:
        markups.append(message.original.reply_markup)
    return [
        str(button["callback_data"])
        for markup in markups
        for row in (markup or {}).get("inline_keyboard") or []
        for button in row
        if "callback_data" in button
    ]


async def test_every_button_sent_in_a_case_walk_parses_back(harness: Harness) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    await join(h, PARENT, "初二(1)班", "小明", [])
    await import_menu(h, sample_menu())
    # Ratings under the menu, "tell us more" after a low one, cancelled at the dish.
    menu = await h.say(PARENT, "/menu")
    h.sim.press_button(PARENT, menu, RATE.build(RatingTap(MONDAY, "lunch", 1)))
    more = await h.sim.wait_for_message(PARENT)
    h.sim.press(PARENT, more, "详细说说")
    prompt = await edited(h, more)
    h.sim.press(PARENT, prompt, "取消")
    await edited(h, prompt)
    # An offer for words sent outside a flow, taken, then cancelled.
    offer = await h.say(PARENT, "汤太咸了")
    h.sim.press(PARENT, offer, "作为反馈提交")
    prompt = await edited(h, offer)
    h.sim.press(PARENT, prompt, "取消")
    await edited(h, prompt)
    # Two children: which child, then the earlier dates.
    await join(h, TWINS, "初一(1)班", "大宝", [])
    await join(h, TWINS, "初一(2)班", "二宝", [])
    prompt = await h.say(TWINS, "/feedback")
    h.sim.press(TWINS, prompt, "二宝")
    prompt = await edited(h, prompt)
    h.sim.press(TWINS, prompt, "更早")
    prompt = await edited(h, prompt)
    assert len(prompt.buttons) > 10
    # A complaint about the taste is rated (a report of harm is not): to the rating, cancelled.
    prompt = await h.say(PARENT, "/feedback")
    for choice in ("今天", "午餐"):
        h.sim.press(PARENT, prompt, choice)
        prompt = await edited(h, prompt)
    if "哪道菜" in text_of(prompt):
        h.sim.press(PARENT, prompt, "整餐 / 不确定")
        prompt = await edited(h, prompt)
    h.sim.press(PARENT, prompt, "口味")
    prompt = await edited(h, prompt)
    assert "打个分" in text_of(prompt)
    h.sim.press(PARENT, prompt, "取消")
    await edited(h, prompt)
    # A full report with photos: every step's buttons, then the card and its album.
    number = await file_report(h, PARENT, photos=2)
    card = await card_of(h, number)
    # Unacknowledged for 30 minutes: the escalation, in the group and to the administrator.
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    await h.sim.wait_for_message(ADMIN, lambda m: "仍未确认" in text_of(m))
    h.sim.press(STAFF[0], card, "确认收到")
    await h.sim.wait_for_message(PARENT, lambda m: "已由学校食品安全工作组确认" in text_of(m))
    # A day later, the follow-up question; the case opened with /case.
    h.clock.advance(timedelta(hours=24))
    await h.tick()
    question = await h.sim.wait_for_message(PARENT, lambda m: "现在身体怎么样" in text_of(m))
    h.sim.press(PARENT, question, "已经好了")
    await edited(h, question)
    h.sim.send_text(STAFF[0], f"/case {number}", chat_id=GROUP)
    await h.sim.wait_until(lambda: any("处理记录" in text_of(m) for m in h.sim.messages(GROUP)))

    sent = [
        data
        for chat in (PARENT, TWINS, GROUP, ADMIN)
        for message in h.sim.messages(chat)
        for data in callback_data(message)
        if data.split(":", 1)[0] in CODECS
    ]
    for data in sent:
        codec = CODECS[data.split(":", 1)[0]]
        parsed = codec.parse(data)
        assert parsed is not None, data
        assert codec.build(parsed) == data
    assert {data.split(":", 1)[0] for data in sent} == set(CODECS)
    steps = {press.step for d in sent if (press := REPORT.parse(d)) is not None}
    assert steps == {*ReportStep, None}  # every step's buttons, and cancel
    h.assert_no_bad_requests()
