"""The bad-input corpus: what people type or send must never crash the bot, never make it send
something Telegram rejects, and never meet silence where a person expects an answer.

Each case sends one payload in one context and then a probe (/help, or /cases in the group).
Updates of one chat are handled in order, so once the probe is answered the payload was
handled; the case then checks the log, the Bot API errors and whether the bot answered.
Deliberate silences, documented here: edited messages (the bot acts on what was sent, not on
later edits), channel posts, and ordinary chatter in the food-safety group that is not a reply
to one of the bot's messages (group privacy: the bot sees only what concerns it).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Poll, PollOption

from bot.services import people
from bot.simulator import TINY_PNG, BotAPISimulator
from bot.storage import people as store
from bot.views.buttons import CODECS as BUTTON_CODECS
from bot.views.peican_buttons import CODECS as PEICAN_CODECS
from tests.conftest import ADMIN, GROUP, STAFF, Harness

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNKNOWN_GROUP = -100777
CHANNEL = -100888
_ids = itertools.count(400_000)


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Bed:
    h: Harness
    errors: ErrorLog
    class_code: str


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bed(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Bed]:
    sim = BotAPISimulator(token="123456:TEST-TOKEN", bot_id=123456, bot_username="MealWatchTestBot")
    await sim.start()
    sim.add_user(ADMIN, "管理员", "zh")
    for staff in STAFF:
        sim.add_user(staff, f"员工{staff}", "zh")
    sim.add_group(GROUP, "食品安全工作组", member_ids=[*STAFF, ADMIN])
    sim.add_group(UNKNOWN_GROUP, "闲聊群", member_ids=[STAFF[0]])
    sim.add_group(CHANNEL, "频道", member_ids=[], type="channel")
    # The corpus is not about rate limits: let the group take more than 20 answers a minute.
    h = Harness(sim, Path(tmp_path_factory.mktemp("corpus")), rate_group_per_minute=10_000)
    await h.start()
    await h.seed_classes()
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    code = (await store.list_classes(h.deps.db))[0].invite_code
    try:
        yield Bed(h, errors, code)
    finally:
        logging.getLogger().removeHandler(errors)
        await h.stop()
        await sim.stop()


@pytest.fixture(autouse=True)
def fresh_error_log(bed: Bed) -> None:
    """Each case judges only what it caused; run_case never clears what came before it."""
    bed.errors.records.clear()


# ---- contexts: who sends, and in what state --------------------------------------------------


async def ctx_stranger(bed: Bed) -> int:
    user = next(_ids)
    bed.h.sim.add_user(user, "陌生人", "fr")
    return user


async def ctx_parent(bed: Bed) -> int:
    user = next(_ids)
    bed.h.sim.add_user(user, "家长", "zh", open_chat=True)
    now = bed.h.clock.now()
    await store.ensure_user(bed.h.deps.db, user, "家长", None, "zh", now)
    cls = (await store.list_classes(bed.h.deps.db))[0]
    await store.add_child(bed.h.deps.db, user, cls.id, "小明", ("peanut",), now)
    return user


async def ctx_english_parent(bed: Bed) -> int:
    user = await ctx_parent(bed)
    await store.set_language(bed.h.deps.db, user, "en", bed.h.clock.now())
    return user


async def ctx_child_flow(bed: Bed) -> int:
    user = next(_ids)
    bed.h.sim.add_user(user, "家长", "zh")
    await bed.h.say(user, f"/start {bed.class_code}")
    return user


async def ctx_allergen_step(bed: Bed) -> int:
    user = await ctx_child_flow(bed)
    await bed.h.say(user, "小红")
    return user


async def ctx_feedback_flow(bed: Bed) -> int:
    user = await ctx_parent(bed)
    await bed.h.say(user, "/feedback")
    return user


async def ctx_admin(bed: Bed) -> int:
    return ADMIN


async def ctx_notice_flow(bed: Bed) -> int:
    await bed.h.say(ADMIN, "/cancel")
    await bed.h.say(ADMIN, "/notice")
    return ADMIN


PRIVATE_CONTEXTS: dict[str, Callable[[Bed], Any]] = {
    "stranger": ctx_stranger,
    "parent": ctx_parent,
    "english-parent": ctx_english_parent,
    "child-flow": ctx_child_flow,
    "allergen-step": ctx_allergen_step,
    "feedback-flow": ctx_feedback_flow,
    "admin": ctx_admin,
    "notice-flow": ctx_notice_flow,
}

# ---- payloads --------------------------------------------------------------------------------

LONG = "很长的反馈" * 1000
Send = Callable[[BotAPISimulator, int, int | None], Any]


def text(value: str) -> Send:
    return lambda sim, user, chat: sim.send_text(user, value, chat_id=chat)


def content(fields: dict[str, Any]) -> Send:
    return lambda sim, user, chat: sim.send_content(user, fields, chat_id=chat)


def photo(caption: str | None = None) -> Send:
    return lambda sim, user, chat: sim.send_photo(user, TINY_PNG, caption=caption, chat_id=chat)


def document(name: str, data: bytes) -> Send:
    return lambda sim, user, chat: sim.send_document(user, name, data, chat_id=chat)


def album(sim: BotAPISimulator, user: int, chat: int | None) -> None:
    for _ in range(3):
        sim.send_photo(user, TINY_PNG, chat_id=chat, media_group_id="album-1")


def edit_of(message: dict[str, Any]) -> dict[str, Any]:
    return {"edited_message": {**message, "text": "改过的话 <b>", "edit_date": message["date"] + 5}}


def forwarded(sim: BotAPISimulator, user: int, chat: int | None) -> None:
    sim.send_content(
        user,
        {
            "text": "转发：饭里有头发",
            "forward_origin": {
                "type": "hidden_user",
                "sender_user_name": "某人",
                "date": 1764400000,
            },
        },
        chat_id=chat,
    )


STICKER = {
    "sticker": {
        "file_id": "stk1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "😀",
    }
}
VOICE = {"voice": {"file_id": "v1", "file_unique_id": "uv1", "duration": 3}}
LOCATION = {"location": {"latitude": 31.23, "longitude": 121.47}}
CONTACT = {"contact": {"phone_number": "+8613800000000", "first_name": "张"}}
POLL = {
    "poll": Poll(
        id="p1", question="好吃吗", total_voter_count=0, is_closed=False, is_anonymous=True,
        type="regular", allows_multiple_answers=False, allows_revoting=False, members_only=False,
        options=[PollOption("是", 0, persistent_id="o1"), PollOption("否", 0, persistent_id="o2")],
    ).to_dict()
}  # fmt: skip
DICE = {"dice": {"emoji": "🎲", "value": 3}}
VIDEO_NOTE = {
    "video_note": {"file_id": "vn1", "file_unique_id": "uvn1", "length": 240, "duration": 2}
}

PAYLOADS: dict[str, Send] = {
    "empty-text": text(""),
    "whitespace": text("   \n\t "),
    "long-text": text(LONG),
    "html-injection": text("<b>x</b> & <script>alert(1)</script>"),
    "broken-html": text("</i><a href='javascript:alert(1)'>点我"),
    "markdown": text("*粗体* _斜体_ [链接](http://example.com) `code`"),
    "emoji": text("😋🍚🥢👍🏽👨‍👩‍👧"),
    "rtl-zero-width": text("مرحبا\u202e\u200b\u200d\u2066测试\ufeff"),
    "control-chars": text("a\x01b\x7fc"),
    "illness-words": text("孩子吃了午饭拉肚子"),
    "number": text("12345"),
    "unknown-command": text("/frobnicate now"),
    "start-garbage": text("/start " + "x" * 300),
    "start-sql": text("/start ' OR 1=1 --"),
    "menu-bad-date": text("/menu 2026-02-30"),
    "menu-garbage": text("/menu <b>"),
    "grant-no-args": text("/grant"),
    "grant-bad-args": text("/grant abc superuser extra"),
    "revoke-negative": text("/revoke -5 admin"),
    "schoolday-bad": text("/schoolday 2026-13-45 closed"),
    "notice-cmd": text("/notice"),
    "case-cmd-private": text("/case abc"),
    "cancel": text("/cancel"),
    "sticker": content(STICKER),
    "voice": content(VOICE),
    "location": content(LOCATION),
    "contact": content(CONTACT),
    "poll": content(POLL),
    "dice": content(DICE),
    "video-note": content(VIDEO_NOTE),
    "photo": photo(),
    "photo-caption-html": photo("<i>饭里有虫</i> & more"),
    "album": album,
    "pdf": document("report.pdf", b"%PDF-1.4 not really"),
    "csv-garbage": document("menu.csv", b"\xff\xfe\x00garbage\x00\x01"),
    "xlsx-garbage": document("menu.xlsx", b"PK\x03\x04 broken zip"),
    "forwarded": forwarded,
}
SILENT_PAYLOADS = ("edited",)  # set up by the test: the message first, then its edit

PRIVATE_CASES = [(c, p) for c in PRIVATE_CONTEXTS for p in PAYLOADS] + [
    (c, p) for c in ("parent", "feedback-flow", "admin") for p in SILENT_PAYLOADS
]


async def run_case(
    bed: Bed, chat: int, send: Callable[[], Any], probe_user: int, probe: str
) -> bool:
    """Send, then probe; returns whether the bot said anything in reply to the payload."""
    sim = bed.h.sim
    errors_before = len(sim.bad_requests)
    # What was logged before this call (a button pressed just before) counts too: not cleared.
    first_new = sim.skip(chat)
    answers_before = len(sim.callback_answers)
    send()
    sim.send_text(probe_user, probe, chat_id=None if chat == probe_user else chat)
    probe_answer = await sim.wait_for_message(
        chat, lambda m: _is_probe_answer(m.text or ""), timeout=5
    )
    replies = [m for m in sim.messages(chat) if first_new <= m.index < probe_answer.index]
    new_bad = sim.bad_requests[errors_before:]
    assert new_bad == [], f"the bot sent something Telegram rejects: {new_bad}"
    logged = [r.getMessage() for r in bed.errors.records]
    assert logged == [], f"errors logged: {logged}"
    return bool(replies) or len(sim.callback_answers) > answers_before


def _is_probe_answer(text: str) -> bool:
    # The probe is always /help: the parent, administrator or group help header.
    return text.startswith(
        ("<b>我可以帮您", "<b>I can help you", "<b>食品安全工作组命令", "<b>Food-safety group")
    )


@pytest.mark.parametrize(
    ("context", "payload"), PRIVATE_CASES, ids=[f"{c}:{p}" for c, p in PRIVATE_CASES]
)
async def test_private_messages(bed: Bed, context: str, payload: str) -> None:
    user = await PRIVATE_CONTEXTS[context](bed)
    sim = bed.h.sim
    if payload in SILENT_PAYLOADS:
        sent: list[dict[str, Any]] = []
        await run_case(
            bed, user, lambda: sent.append(sim.send_text(user, "原来的话")), user, "/help"
        )
        answered = await run_case(
            bed, user, lambda: sim.send_update(edit_of(sent[0])), user, "/help"
        )
        assert not answered, f"{context}: {payload} should meet the documented silence"
        return
    send = PAYLOADS[payload]
    answered = await run_case(bed, user, lambda: send(sim, user, None), user, "/help")
    assert answered, f"{context}: no answer to {payload}"


GROUP_PAYLOADS = [
    "html-injection", "long-text", "emoji", "sticker", "photo", "album", "unknown-command",
    "case-cmd-private", "grant-no-args", "notice-cmd", "menu-garbage", "poll", "location", "illness-words",
]  # fmt: skip
GROUP_COMMANDS = [
    "/case",
    "/case 0",
    "/case 999999",
    "/case -1",
    "/case 1 2 3",
    "/case <b>",
    "/cases extra",
]


@pytest.mark.parametrize("payload", GROUP_PAYLOADS)
async def test_chatter_in_the_food_safety_group(bed: Bed, payload: str) -> None:
    staff = STAFF[0]
    answered = await run_case(
        bed, GROUP, lambda: PAYLOADS[payload](bed.h.sim, staff, GROUP), staff, "/help"
    )
    # Chatter that is not a reply to the bot is the group's own conversation (module docstring);
    # of these only "/case abc" is a command the group has, and it gets its usage line.
    assert answered == (payload == "case-cmd-private"), payload


@pytest.mark.parametrize("command", GROUP_COMMANDS)
async def test_group_commands_with_wrong_arguments_are_answered(bed: Bed, command: str) -> None:
    staff = STAFF[1]
    answered = await run_case(
        bed, GROUP, lambda: bed.h.sim.send_text(staff, command, chat_id=GROUP), staff, "/help"
    )
    assert answered


@pytest.mark.parametrize(
    "payload", ["unknown-command", "grant-no-args", "case-cmd-private", "notice-cmd"]
)
async def test_commands_in_an_unknown_group_make_the_bot_leave(bed: Bed, payload: str) -> None:
    # Group privacy: of an unknown group's chatter the bot only sees commands (and being added).
    sim = bed.h.sim
    chat = next(_ids) * -1 - 1_000_000_000
    sim.add_group(chat, "别的群", member_ids=[STAFF[0]])
    bed.errors.records.clear()
    PAYLOADS[payload](sim, STAFF[0], chat)
    await sim.wait_until(lambda: chat in sim.left_chats, timeout=10)
    assert not sim.messages(chat)
    assert [r.getMessage() for r in bed.errors.records] == []


async def test_being_added_to_an_unknown_group_makes_the_bot_leave(bed: Bed) -> None:
    sim = bed.h.sim
    chat = next(_ids) * -1 - 1_000_000_000
    sim.add_group(chat, "别的群", member_ids=[STAFF[0]])
    sim.kick_bot(chat, notify=False)
    bed.errors.records.clear()
    sim.add_bot(chat)
    await sim.wait_until(lambda: chat in sim.left_chats, timeout=10)
    assert not sim.messages(chat)
    assert [r.getMessage() for r in bed.errors.records] == []


async def test_a_channel_post_is_ignored(bed: Bed) -> None:
    sim = bed.h.sim
    bed.errors.records.clear()
    sim.send_update(
        {
            "channel_post": {
                "message_id": 1,
                "date": 1764400000,
                "chat": {"id": CHANNEL, "type": "channel", "title": "频道"},
                "text": "/help",
            }
        }
    )
    await sim.wait_until(lambda: sim.pending_updates == 0, timeout=10)
    await run_case(bed, GROUP, lambda: None, STAFF[0], "/help")
    assert not sim.messages(CHANNEL)


FORGED = [
    "child:alg:../../etc", "child:done", "child:skip", "kids:delok:-1", "kids:edit:999999", "kids:del:abc",
    "pick:g:999", "pick:c:999999", "pick:x:1", "lang:fr", "erase:maybe", "menu:d:20261399", "menu:w:x",
    "menu:q:1", "mimp:yes", "set:menu:7", "rate:20261130:lunch:9", "rate:99999999:lunch:1",
    "rate:20261130:supper:3", "rate:x", "fb:deadbeef:cat:illness", "fb:x", "fbo:1:2", "fbm:1:2",
    "fu:999:ok", "case:ack:999999", "case:res:1", "case:zzz", "notice:send", "ntc:send:1", "x" * 64, "🙂",
    "pick:c:²", "pick:g:①", "kids:edit:²", "kids:del:99999999999999999999", "pick:c:99999999999999999999",
    "fbo:²", "fbo:99999999999999999999", "rate:20261130:lunch:²", "rate:20000101:lunch:3",
    "fbm:20000101:lunch:1", "fbm:20261130:lunch:²", "menu:d:99991231", "menu:d:00010101",
    "menu:w:99991231", "fu:²:ok", "fu:99999999999999999999:ok",
]  # fmt: skip


@pytest.mark.parametrize("data", FORGED)
async def test_forged_and_stale_buttons_change_nothing(bed: Bed, data: str) -> None:
    sim = bed.h.sim
    user = await ctx_parent(bed)
    menu = await bed.h.say(user, "/help")
    before_children = await store.children_of(bed.h.deps.db, user)
    errors_before = len(sim.bad_requests)
    bed.errors.records.clear()
    query = sim.press_button(user, menu, data, check=False)
    reply = await sim.wait_for_callback_answer(query, timeout=10)
    assert reply is not None
    await run_case(bed, user, lambda: None, user, "/help")
    assert await store.children_of(bed.h.deps.db, user) == before_children
    assert sim.bad_requests[errors_before:] == []
    assert await people.is_admin(bed.h.deps, user) is False


async def test_forged_case_buttons_in_the_group_from_a_non_member(bed: Bed) -> None:
    sim = bed.h.sim
    outsider = next(_ids)
    sim.add_user(outsider, "路人", "zh")
    probe = await run_case(bed, GROUP, lambda: None, STAFF[0], "/help")
    assert probe is not None
    message = sim.messages(GROUP)[-1]
    query = sim.press_button(outsider, message, "case:ack:1", check=False)
    answer = await sim.wait_for_callback_answer(query, timeout=10)
    assert answer is not None


async def test_a_parent_who_blocks_the_bot_mid_conversation(bed: Bed) -> None:
    sim = bed.h.sim
    user = await ctx_child_flow(bed)
    prompt = sim.messages(user)[-1]
    bed.errors.records.clear()
    sim.block(user, notify=False)
    query = sim.press(user, prompt, "跳过")
    await sim.wait_for_callback_answer(query, timeout=10)
    await sim.wait_until(lambda: any(e.error_code == 403 for e in sim.errors), timeout=10)
    await run_case(bed, GROUP, lambda: None, STAFF[0], "/help")
    assert [r.getMessage() for r in bed.errors.records] == []

    async def blocked() -> bool:
        record = await store.get_user(bed.h.deps.db, user)
        return record is not None and record.status == "blocked"

    # The 403 reaches the simulator's log before the bot has written down what it means.
    for _ in range(200):
        if await blocked():
            break
        await asyncio.sleep(0.05)
    assert await blocked()


# ---- random callback data of every family -------------------------------------------------------

FEEDBACK_AND_SURVEY = {"rate", "fb", "fbo", "fbm", "fu", "case", "sv", "svs", "seen", "nrem"}
FAMILIES = sorted(
    {*FEEDBACK_AND_SURVEY, *(codec.prefix for codec in (*BUTTON_CODECS, *PEICAN_CODECS))}
)
ODD_NUMBERS = ["²", "①", "٣", "４２", "99999999999999999999", "-1", "0", "", "1e3", "20261130"]
ODD_DATES = ["99991231", "00010101", "20261399", "2026113", "２０２６１１３０", "20000101"]
numbers = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
)
dates = st.one_of(st.sampled_from(ODD_DATES), numbers)
words = st.text(max_size=8)
# Real shapes with one odd field, so each family's number and date parsing is reached.
TEMPLATES = [
    "pick:g:{n}", "pick:c:{n}", "kids:edit:{n}", "kids:del:{n}", "kids:delok:{n}", "menu:d:{d}",
    "menu:w:{d}", "notice:cg:{n}", "notice:c:{n}", "notice:g:{n}", "rate:{d}:lunch:{n}",
    "fbm:{d}:lunch:{n}", "fbo:{n}", "fu:{n}:ok", "case:ack:{n}", "case:res:{n}",
    "fb:{w}:dish:{n}", "child:alg:{w}", "lang:{w}", "set:menu:{n}", "sv:{n}:go:0:0",
    "sv:1:a:{n}:3", "sv:1:s:10:{n}", "svs:item:{w}", "svs:days:{n}", "seen:{n}", "nrem:{n}",
]  # fmt: skip
shaped = st.builds(
    lambda template, n, d, w: template.format(n=n, d=d, w=w),
    st.sampled_from(TEMPLATES), numbers, dates, words,
)  # fmt: skip
anything = st.tuples(st.sampled_from(FAMILIES), st.lists(st.one_of(numbers, words), max_size=4))
random_data = st.one_of(shaped, anything.map(lambda t: ":".join([t[0], *t[1]]))).map(
    lambda data: data[:64]
)


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=random_data, in_group=st.booleans())
async def test_random_button_data_never_reaches_the_error_handler(
    bed: Bed, data: str, in_group: bool
) -> None:
    sim = bed.h.sim
    user, chat = (STAFF[0], GROUP) if in_group else (await ctx_parent(bed), None)
    probe = await run_case(bed, chat or user, lambda: None, user, "/help")
    del probe
    message = sim.messages(chat or user)[-1]
    bed.errors.records.clear()
    errors_before = len(sim.bad_requests)
    query = sim.press_button(user, message, data, check=False)
    assert await sim.wait_for_callback_answer(query, timeout=10) is not None
    await run_case(bed, chat or user, lambda: None, user, "/help")
    assert [r.getMessage() for r in bed.errors.records] == [], data
    assert sim.bad_requests[errors_before:] == [], data
