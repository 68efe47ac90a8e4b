"""The termly satisfaction survey through the simulator: it reaches every active parent, each
answers once in one message, answers are anonymous once submitted, the reminder goes once, the
results are exact and reach the group with the suggestions as one list."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import Catalog
from bot.services import people, survey, survey_results
from bot.services.survey import Action, Outcome
from bot.services.survey_results import ItemResult, SurveyResults
from bot.simulator import SentMessage
from bot.storage.outbox import BroadcastKind
from bot.storage.survey import Survey
from bot.views import survey_chart
from bot.views.survey_callbacks import CODECS, SETUP, SURVEY, SetupAction, SetupPress, SurveyPress
from tests.conftest import ADMIN, GROUP, MONDAY, START, Harness
from tests.helpers import add_parents, edited, join, text_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
ITEMS = 9  # eight items on 1–5 and "would you recommend" on 0–10


def data_of(message: SentMessage) -> list[str]:
    return [str(b.get("callback_data")) for b in message.buttons]


async def start_survey(h: Harness, drop: tuple[str, ...] = (), days: str = "7 天") -> SentMessage:
    """/survey, drop items by name, pick the duration, start; returns the started message."""
    setup = await h.say(ADMIN, "/survey")
    assert "满意度测评" in text_of(setup)
    for name in drop:
        h.sim.press(ADMIN, setup, name)
        setup = await edited(h, setup)
    if days != "7 天":  # the default
        h.sim.press(ADMIN, setup, days)
        setup = await edited(h, setup)
    h.sim.press(ADMIN, setup, "开始测评")
    return await edited(h, setup)


async def invitation(h: Harness, parent: int) -> SentMessage:
    """The survey's message to the parent (waited for if it has not come yet)."""

    def found() -> list[SentMessage]:
        return [m for m in h.sim.messages(parent) if "家长满意度测评" in text_of(m)]

    await h.sim.wait_until(lambda: bool(found()))
    return found()[-1]


def answer_button(message: SentMessage, score: int) -> str:
    for data in data_of(message):
        parts = data.split(":")
        if parts[0] == "sv" and parts[2] == Action.ANSWER and parts[4] == str(score):
            return data
    raise AssertionError(f"no answer {score} on {message.buttons}")


async def answer(h: Harness, parent: int, message: SentMessage, score: int) -> SentMessage:
    h.sim.press_button(parent, message, answer_button(message, score))
    return await edited(h, message)


async def fill_in(
    h: Harness, parent: int, scores: list[int], suggestion: str | None
) -> SentMessage:
    """Open the invitation, answer every question, write or skip the suggestion, submit."""
    message = await invitation(h, parent)
    h.sim.press(parent, message, "开始填写")
    message = await edited(h, message)
    for score in scores:
        message = await answer(h, parent, message, score)
    assert "最后一题" in text_of(message)
    if suggestion is None:
        h.sim.press(parent, message, "跳过")
    else:
        noted = await h.say(parent, suggestion)
        assert "建议已记下" in text_of(noted)
    message = await edited(h, message)
    assert "请确认您的回答" in text_of(message)
    h.sim.press(parent, message, "匿名提交")
    message = await edited(h, message)
    assert "感谢您参与测评" in text_of(message)
    return message


async def open_survey_id(h: Harness) -> int:
    found = await survey.open_survey(h.deps)
    assert found is not None
    return found.id


# ---- reaching parents, answering once, anonymity, exact results -----------------------------------


@pytest.mark.slow
async def test_a_survey_reaches_every_active_parent_and_results_match_the_answers(
    harness: Harness,
) -> None:
    h = harness
    parents = await add_parents(h, 3001, 4)
    stopped = (await add_parents(h, 3100, 1, class_name="初二(1)班"))[0]
    await people.stop(h.deps, stopped)
    started = await start_survey(h, drop=("价格",))
    assert "4 位家长" in text_of(started)
    await h.outbox_idle()
    for parent in parents:
        got = await invitation(h, parent)
        assert "共 8 道选择题" in text_of(got)  # 价格 dropped
    assert not any("满意度测评" in text_of(m) for m in h.sim.messages(stopped))

    # Seven 1–5 items, then 0–10.
    answers = {
        3001: ([5, 5, 4, 4, 5, 5, 4, 10], "<b>多放青菜</b> & 少油"),
        3002: ([3, 4, 4, 2, 5, 5, 4, 7], None),
        3003: ([1, 2, 3, 3, 4, 4, 5, 0], "周五的面条太咸"),
    }
    for parent, (scores, suggestion) in answers.items():
        await fill_in(h, parent, scores, suggestion)

    found = await survey_results.latest(h.deps)
    assert found is not None
    assert (found.responses, found.recipients, found.rate) == (3, 4, Fraction(3, 4))
    assert [i.key for i in found.items] == [
        "quality", "taste", "nutrition", "canteen_hygiene", "tableware_hygiene", "service",
        "order", "recommend",
    ]  # fmt: skip
    for n, item in enumerate(found.items):
        given_scores = [scores[n] for scores, _ in answers.values()]
        assert item.mean == Fraction(sum(given_scores), 3)
        assert item.counts == {s: given_scores.count(s) for s in range(item.low, item.high + 1)}, (
            item.key
        )
        mark = 9 if item.key == "recommend" else 4
        assert item.satisfied == Fraction(sum(s >= mark for s in given_scores), 3)
    assert sorted(found.suggestions) == sorted(["<b>多放青菜</b> & 少油", "周五的面条太咸"])

    shown = await h.say(ADMIN, "/survey results")
    text = text_of(shown)
    assert "参与：3/4 位家长（75%）" in text
    assert "饭菜质量</b>" not in text and "饭菜质量：平均 3.00 分 · 满意（4–5 分）33%" in text
    assert "推荐意愿（0–10 分）：平均 5.67 分 · 推荐（9–10 分）33%" in text
    assert "价格" not in text
    assert "这是第一次测评" in text
    listing = await h.sim.wait_for_message(ADMIN, lambda m: "多放青菜" in text_of(m), timeout=30)
    assert "<b>多放青菜</b> & 少油" in text_of(listing)  # escaped: shown as typed
    [chart] = [m for m in h.sim.messages(ADMIN) if m.photo]
    assert "对比" not in (chart.caption or "")  # the first survey: nothing to compare
    h.assert_no_bad_requests()


async def test_answers_are_anonymous_once_submitted(harness: Harness) -> None:
    h = harness
    [parent, other] = await add_parents(h, 3201, 2)
    await start_survey(h)
    await h.outbox_idle()
    await fill_in(h, parent, [4] * 8 + [9], "谢谢")
    db = h.deps.db
    survey_id = await open_survey_id(h)
    # Half-way, the other parent's answers are linked to them; submitted ones are not.
    message = await invitation(h, other)
    h.sim.press(other, message, "开始填写")
    message = await answer(h, other, await edited(h, message), 2)
    assert await db.fetchval("SELECT user_id FROM survey_progress") == other
    for table in ("survey_responses", "survey_answers"):
        columns = {r[1] for r in await db.fetchall(f"PRAGMA table_info({table})")}
        assert not columns & {"user_id", "parent_id", "chat_id", "created_at", "submitted_at"}
    submitted = {r[1] for r in await db.fetchall("PRAGMA table_info(survey_submitted)")}
    assert submitted == {"survey_id", "user_id"}  # who, but not when, nor which answers
    rows = await db.fetchall("SELECT survey_id, user_id FROM survey_submitted")
    assert [tuple(r) for r in rows] == [(survey_id, parent)]
    response = await db.fetchone("SELECT * FROM survey_responses")
    assert response is not None and parent not in tuple(response)
    assert await db.fetchval("SELECT count(*) FROM survey_answers") == ITEMS
    # No trace of the submitted parent's answers next to their id anywhere.
    assert (
        await db.fetchval("SELECT count(*) FROM survey_progress WHERE user_id = ?", (parent,)) == 0
    )
    conversations = await db.fetchval(
        "SELECT count(*) FROM conversations WHERE user_id = ?", (parent,)
    )
    assert conversations == 0


async def test_a_parent_answers_only_once_also_with_double_taps(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 3301, 1)
    await start_survey(h)
    await h.outbox_idle()
    message = await invitation(h, parent)
    h.sim.press(parent, message, "开始填写")
    message = await edited(h, message)
    first = answer_button(message, 5)
    # A double tap: the second press comes from the keyboard the first one replaced.
    h.sim.press_button(parent, message, first)
    q2 = h.sim.press_button(parent, message, first, check=False)
    await h.sim.wait_for_callback_answer(q2)
    message = await edited(h, message)  # one edit: the second tap changed nothing
    assert "（2/9）" in text_of(message)
    for score in [4] * 7 + [8]:
        message = await answer(h, parent, message, score)
    h.sim.press(parent, message, "跳过")
    message = await edited(h, message)
    submit = next(d for d in data_of(message) if d.split(":")[2] == Action.SUBMIT)
    h.sim.press_button(parent, message, submit)
    again = h.sim.press_button(parent, message, submit, check=False)
    await h.sim.wait_for_callback_answer(again)
    assert "感谢" in text_of(h.sim.message(parent, message.message_id))
    db = h.deps.db
    assert await db.fetchval("SELECT count(*) FROM survey_responses") == 1
    assert await db.fetchval("SELECT score FROM survey_answers WHERE item = 'quality'") == 5
    # The invitation's start button again: already answered.
    invite = await h.say(parent, "/help")
    del invite
    start = SURVEY.build(SurveyPress(await open_survey_id(h), Action.GO))
    h.sim.press_button(parent, message, start, check=False)
    shown = await edited(h, message)
    assert "已经提交过" in text_of(shown)


async def test_racing_submissions_store_one_response(harness: Harness) -> None:
    """Two submits of one parent at once (two processes' worth of taps): one response."""
    h = harness
    [parent] = await add_parents(h, 3401, 1)
    await start_survey(h)
    await h.outbox_idle()
    message = await invitation(h, parent)
    h.sim.press(parent, message, "开始填写")
    message = await edited(h, message)
    for score in [3] * 8 + [6]:
        message = await answer(h, parent, message, score)
    h.sim.press(parent, message, "跳过")
    message = await edited(h, message)
    survey_id = await open_survey_id(h)
    outcomes = await asyncio.gather(
        *(
            survey.press(h.deps, survey_id, parent, message.message_id, Action.SUBMIT, ITEMS + 1, 0)
            for _ in range(2)
        )
    )
    assert sorted(o.outcome for o in outcomes) == sorted([Outcome.THANKS, Outcome.ALREADY])
    assert await h.deps.db.fetchval("SELECT count(*) FROM survey_responses") == 1
    assert await h.deps.db.fetchval("SELECT count(*) FROM survey_submitted") == 1


# ---- the reminder, the close, restarts --------------------------------------------------------------


def local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(
        MONDAY + timedelta(days=day_offset), datetime.min.time(), tzinfo=SHANGHAI
    ).replace(hour=hour, minute=minute)


async def reminders_in(h: Harness) -> int:
    return int(
        await h.deps.db.fetchval(
            "SELECT count(*) FROM broadcasts WHERE kind = ?", (BroadcastKind.SURVEY_REMINDER,)
        )
    )


@pytest.mark.slow
async def test_the_reminder_goes_once_two_days_before_the_close_to_the_unfinished(
    harness: Harness,
) -> None:
    h = harness
    done, halfway, untouched = await add_parents(h, 3501, 3)
    started = await start_survey(h)  # 7 days: closes Monday week at 20:00
    assert (MONDAY + timedelta(days=7)).isoformat() in text_of(started)
    await h.outbox_idle()
    await fill_in(h, done, [5] * 8 + [10], None)
    message = await invitation(h, halfway)
    h.sim.press(halfway, message, "开始填写")
    message = await answer(h, halfway, await edited(h, message), 3)
    await invitation(h, untouched)

    h.clock.set(local(5, 19, 59))  # two days before the close, less a minute
    await h.tick()
    assert await reminders_in(h) == 0
    h.clock.set(local(5, 20, 0))
    await h.tick()
    await h.outbox_idle()
    assert await reminders_in(h) == 1
    for parent in (halfway, untouched):
        reminder = await h.sim.wait_for_message(parent, lambda m: "⏰" in text_of(m))
        assert (MONDAY + timedelta(days=7)).isoformat() in text_of(reminder)
    assert not any("⏰" in text_of(m) for m in h.sim.messages(done))
    # Once, whatever ticks and restarts follow.
    await h.tick()
    await h.restart()
    h.clock.advance(timedelta(hours=3))
    await h.tick()
    await h.outbox_idle()
    assert await reminders_in(h) == 1
    assert sum("⏰" in text_of(m) for m in h.sim.messages(halfway)) == 1

    # The reminder's button goes on from where the parent left off, in the reminder.
    reminder = next(m for m in h.sim.messages(halfway) if "⏰" in text_of(m))
    h.sim.press(halfway, reminder, "继续填写")
    shown = await edited(h, reminder)
    assert "（2/9）" in text_of(shown)
    # The first message's buttons are now stale: they change nothing.
    query = h.sim.press_button(halfway, message, answer_button(message, 4))
    assert (await h.sim.wait_for_callback_answer(query)).text is not None
    assert "（2/9）" in text_of(h.sim.message(halfway, message.message_id))
    h.assert_no_bad_requests()


async def test_a_restart_mid_survey_loses_nothing(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 3601, 1)
    await start_survey(h)
    await h.outbox_idle()
    message = await invitation(h, parent)
    h.sim.press(parent, message, "开始填写")
    message = await edited(h, message)
    for score in (2, 3):
        message = await answer(h, parent, message, score)
    await h.restart()
    assert "（3/9）" in text_of(message)
    for score in [4] * 6 + [8]:
        message = await answer(h, parent, message, score)
    await h.say(parent, "菜量可以再多一点")
    message = await edited(h, message)
    h.sim.press(parent, message, "匿名提交")
    assert "感谢" in text_of(await edited(h, message))
    found = await survey_results.latest(h.deps)
    assert found is not None and found.responses == 1
    first = found.item("quality")
    assert first is not None and first.counts[2] == 1
    assert found.suggestions == ["菜量可以再多一点"]


@pytest.mark.slow
async def test_the_close_posts_results_and_suggestions_to_the_group_once(
    harness: Harness,
) -> None:
    h = harness
    parents = await add_parents(h, 3701, 2)
    await start_survey(h, days="14 天")
    await h.outbox_idle()
    await fill_in(h, parents[0], [5] * 8 + [9], "希望增加水果 <很重要>")
    await fill_in(h, parents[1], [3] * 8 + [6], None)
    [late] = await add_parents(h, 3790, 1)  # joined after the start: not asked
    message = h.sim.messages(parents[0])[0]  # the survey's message, now saying thank you
    h.sim.skip(GROUP)
    h.clock.set(local(14, 20, 0))
    await h.tick()
    results = await h.sim.wait_for_message(GROUP, lambda m: "测评结果" in text_of(m))
    assert "已结束" in text_of(results) and "参与：2/2 位家长（100%）" in text_of(results)
    listing = await h.sim.wait_for_message(GROUP, lambda m: "家长建议" in text_of(m))
    assert "1. 希望增加水果 <很重要>" in text_of(listing)
    [chart] = [m for m in h.sim.messages(GROUP) if m.photo]
    assert "各项满意率" in (chart.caption or "")
    assert chart.photo is not None
    assert_png(h.sim.files[chart.photo[-1]["file_id"]].data)
    # Never as cases: no case card in the group.
    assert not any("case:" in str(m.buttons) for m in h.sim.messages(GROUP))
    before = len(h.sim.messages(GROUP))
    await h.tick()
    await h.restart()
    await h.tick()
    assert len(h.sim.messages(GROUP)) == before
    # Closed: the survey's buttons say so, answers left half-way are gone, a new one may start.
    h.sim.press_button(parents[0], message, SURVEY.build(SurveyPress(1, Action.GO)), check=False)
    assert "已经结束" in text_of(await edited(h, message))
    assert await h.deps.db.fetchval("SELECT count(*) FROM survey_progress") == 0
    assert not any("满意度测评" in text_of(m) for m in h.sim.messages(late))
    assert await survey.open_survey(h.deps) is None
    started = await start_survey(h)
    assert "测评已开始" in text_of(started)
    h.assert_no_bad_requests()


@pytest.mark.slow
async def test_results_compare_with_the_previous_survey(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 3801, 1)
    await start_survey(h)
    await h.outbox_idle()
    await fill_in(h, parent, [2] * 8 + [5], None)
    h.clock.set(local(8, 9, 0))
    await h.tick()
    h.sim.skip(parent)
    await start_survey(h)
    await h.outbox_idle()
    await fill_in(h, parent, [4] * 8 + [9], None)
    found = await survey_results.latest(h.deps)
    assert found is not None and found.previous is not None
    now, before = found.item("taste"), found.previous.item("taste")
    assert now is not None and before is not None
    assert (now.mean, before.mean) == (Fraction(4), Fraction(2))
    # What the weekly report and the export read: every survey opened in a period.
    term = await survey_results.results_between(h.deps, START, START + timedelta(days=30))
    assert [(r.survey.status, r.responses) for r in term] == [("closed", 1), ("open", 1)]
    h.sim.skip(ADMIN)
    text = text_of(await h.say(ADMIN, "/survey results"))
    await h.sim.wait_until(lambda: any(m.photo for m in h.sim.messages(ADMIN)), timeout=30)
    [chart] = [m for m in h.sim.messages(ADMIN) if m.photo]
    assert chart.photo is not None
    assert_png(h.sim.files[chart.photo[-1]["file_id"]].data)
    assert "（上次 2.00 分 · 0% ↑）" in text
    assert "括号里是上次测评的结果（1 位家长参与，参与率 100%）" in text


async def test_one_survey_at_a_time_and_the_setup_keeps_an_item(harness: Harness) -> None:
    h = harness
    await add_parents(h, 3901, 1)
    setup = await h.say(ADMIN, "/survey")
    names = [b["text"] for b in setup.buttons if str(b["callback_data"]).startswith("svs:item")]
    assert len(names) == ITEMS
    for name in names[:-1]:
        h.sim.press(ADMIN, setup, name)
        setup = await edited(h, setup)
    query = h.sim.press(ADMIN, setup, names[-1])
    assert "至少要保留" in ((await h.sim.wait_for_callback_answer(query)).text or "")
    assert "按钮" in text_of(await h.say(ADMIN, "随便写点"))
    h.sim.press(ADMIN, setup, "开始测评")
    assert "测评已开始" in text_of(await edited(h, setup))
    assert await h.deps.db.fetchval("SELECT count(*) FROM survey_questions") == 1
    again = await h.say(ADMIN, "/survey")
    assert "正在进行" in text_of(again) and again.buttons == []


async def test_parents_cannot_start_a_survey_and_nobody_means_no_survey(harness: Harness) -> None:
    h = harness
    assert "还没有进行过" in text_of(await h.say(ADMIN, "/survey results"))
    setup = await h.say(ADMIN, "/survey")
    h.sim.press(ADMIN, setup, "开始测评")
    assert "还没有家长加入" in text_of(await edited(h, setup))
    [parent] = await add_parents(h, 3951, 1)
    assert "只有学校管理员" in text_of(await h.say(parent, "/survey"))
    assert await survey.open_survey(h.deps) is None


async def test_english_parents_get_the_survey_in_english(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 3961, 1)
    await people.set_language(h.deps, parent, "en")
    await start_survey(h)
    await h.outbox_idle()
    got = await h.sim.wait_for_message(parent, lambda m: "satisfaction survey" in text_of(m))
    h.sim.press(parent, got, "Start")
    shown = await edited(h, got)
    assert "quality of the canteen's food" in text_of(shown)
    assert "5 · Very satisfied" in str(shown.buttons)


async def test_every_survey_button_the_bot_sends_parses_back(harness: Harness) -> None:
    h = harness
    [parent] = await add_parents(h, 3971, 1)
    await start_survey(h)
    await h.outbox_idle()
    await fill_in(h, parent, [1] * 8 + [0], None)
    sent: list[str] = []
    for chat in (parent, ADMIN):
        for message in h.sim.messages(chat):
            sent.extend(data_of(message))
            versions = [message.original, *message.edits]
            sent.extend(str(b.get("callback_data")) for e in versions for b in _buttons(e))
    codecs = {c.prefix: c for c in CODECS}
    mine = [d for d in sent if d.split(":")[0] in codecs]
    assert {d.split(":")[0] for d in mine} == {"sv", "svs"}
    for data in mine:
        assert codecs[data.split(":")[0]].parse(data) is not None, data


def _buttons(edit: Any) -> list[dict[str, Any]]:
    markup = getattr(edit, "reply_markup", None) or {}
    return [b for row in markup.get("inline_keyboard") or [] for b in row]


# ---- codecs --------------------------------------------------------------------------------------


def test_survey_codecs_round_trip_and_refuse_forgeries() -> None:
    for value in (
        SurveyPress(7, Action.ANSWER, 3, 5),
        SurveyPress(1, Action.GO),
        SurveyPress(12, Action.SUBMIT, 10, 0),
    ):
        assert SURVEY.parse(SURVEY.build(value)) == value
    for press in (SetupPress(SetupAction.ITEM, "canteen_hygiene"), SetupPress(SetupAction.START)):
        assert SETUP.parse(SETUP.build(press)) == press
    for forged in (
        "sv:0:a:1:1", "sv:1:zz:1:1", "sv:1:a:99:1", "sv:1:a:1:11", "sv:1:a:1:²", "sv:1:a:1",
        "svs:days:5", "svs:item:../x", "svs:start:1", "svs:nope:0", "seen:0", "seen:-1",
        "nrem:99999999999999999999", "seen:1:2",
    ):  # fmt: skip
        codec = next(c for c in CODECS if c.prefix == forged.split(":")[0])
        assert codec.parse(forged) is None, forged


@given(st.sampled_from(CODECS), st.lists(st.text(max_size=8), max_size=5))
def test_any_data_parses_to_what_builds_the_same_or_is_refused(
    codec: Any, parts: list[str]
) -> None:
    parsed = codec.parse(":".join([codec.prefix, *parts]))
    if parsed is not None:
        assert codec.parse(codec.build(parsed)) == parsed


async def test_deletedata_forgets_survey_answers_half_way_and_who_answered(
    harness: Harness,
) -> None:
    h = harness
    done, halfway = await add_parents(h, 3981, 2)
    await start_survey(h)
    await h.outbox_idle()
    await fill_in(h, done, [4] * 8 + [9], None)
    message = await invitation(h, halfway)
    h.sim.press(halfway, message, "开始填写")
    await answer(h, halfway, await edited(h, message), 3)
    for parent in (done, halfway):
        confirm = await h.say(parent, "/deletedata")
        h.sim.press(parent, confirm, "确定删除")
        await edited(h, confirm)
    db = h.deps.db
    for table in ("survey_progress", "survey_submitted"):
        assert await db.fetchval(f"SELECT count(*) FROM {table}") == 0, table
    # The anonymous answer stays in the results.
    assert await db.fetchval("SELECT count(*) FROM survey_responses") == 1


def assert_png(data: bytes) -> None:
    """A chart that decodes, of the size the charts are drawn at."""
    import matplotlib.image as mpimg

    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (450, 800)


def test_the_chart_without_a_cjk_font_speaks_english_only() -> None:
    """No box characters: without a CJK font every label is ASCII (the text carries Chinese)."""
    def survey_row(number: int) -> Survey:
        return Survey(number, "", "closed", START, START, START, 2, None, None, None)

    before = SurveyResults(
        survey_row(1), 2, 2,
        [ItemResult("taste", 1, 5, {1: 2, 2: 0, 3: 0, 4: 0, 5: 0})], [],
    )  # fmt: skip
    results = SurveyResults(
        survey_row(2), 2, 2,
        [
            ItemResult("taste", 1, 5, {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}),
            ItemResult("recommend", 0, 10, {**dict.fromkeys(range(11), 0), 9: 1, 3: 1}),
        ],
        [], before,
    )  # fmt: skip
    data = survey_chart.chart_input(Catalog(), "zh", results)
    assert data is not None and data.before is not None
    assert data.now == (100.0, 50.0) and data.before == (0.0, None)
    charts = survey_chart.draw(data, fonts=("No Such Font",))
    assert not charts.cjk and len(charts.images) == 1
    with_cjk = survey_chart.draw(data)
    assert with_cjk.cjk


async def test_a_parent_who_joins_while_the_survey_is_open_gets_it_once(harness: Harness) -> None:
    h = harness
    [early] = await add_parents(h, 3951, 1)
    await start_survey(h)
    await h.outbox_idle()
    newcomer = 3960
    await join(h, newcomer, "初二(1)班", "小明", [])
    await h.outbox_idle()
    await fill_in(h, newcomer, [4] * 8 + [9], None)
    # A second child is not a second invitation; the response rate counts the newcomer.
    await join(h, newcomer, "初二(2)班", "小红", [])
    await h.outbox_idle()
    assert await survey_deliveries(h, newcomer) == 1
    assert not [m for m in h.sim.messages(newcomer) if "家长满意度测评" in text_of(m)]  # answered
    found = await survey_results.latest(h.deps)
    assert found is not None and (found.responses, found.recipients) == (1, 2)
    assert await survey_deliveries(h, early) == 1


async def survey_deliveries(h: Harness, parent: int) -> int:
    return int(
        await h.deps.db.fetchval(
            "SELECT count(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id"
            " WHERE b.kind = ? AND d.chat_id = ? AND d.status = 'sent'",
            (BroadcastKind.SURVEY, parent),
        )
    )
