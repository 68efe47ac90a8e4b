"""The Bot API simulator, exercised through real python-telegram-bot clients."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

import bot.simulator as simulator_package
from bot.simulator import (
    TINY_PNG,
    BotAPISimulator,
    EntityParseError,
    Faults,
    RateLimits,
    parse_html,
    utf16_len,
)

TOKEN = "123456:TEST-TOKEN"
PARENT = 111
GROUP = -100500


@pytest.fixture
async def sim() -> AsyncIterator[BotAPISimulator]:
    simulator = BotAPISimulator(token=TOKEN, bot_id=123456, bot_username="MealWatchTestBot")
    await simulator.start()
    simulator.add_user(PARENT, first_name="家长", open_chat=True)
    try:
        yield simulator
    finally:
        await simulator.stop()


@pytest.fixture
async def bot(sim: BotAPISimulator) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=sim.base_url, base_file_url=sim.file_url) as b:
        yield b


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.upper(), callback_data=d)] for d in data])


# --------------------------------------------------------------------------- HTML parser


@pytest.mark.parametrize(
    ("src", "visible"),
    [
        ("plain", "plain"),
        ("<b>bold</b> &amp; <i>it</i>", "bold & it"),
        ("&lt;tag&gt; &quot;q&quot; &#65;&#x42;", '<tag> "q" AB'),
        ('<a href="https://x.org/?a=1&amp;b=2">link</a>', "link"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>q</blockquote>", "q"),
        ("<B>upper</B>", "upper"),
    ],
)
def test_html_accepts(src: str, visible: str) -> None:
    assert parse_html(src)[0] == visible


@pytest.mark.parametrize(
    ("src", "fragment"),
    [
        ("<b>x", "Can't find end tag"),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("a < b", 'Unsupported start tag ""'),
        ("a > b", "Character '>'"),
        ("fish & chips", "Character '&'"),
        ("&nbsp;", "Character '&'"),
        ("x</b>", "Unexpected end tag"),
        ('<span class="x">s</span>', 'must have class "tg-spoiler"'),
        ("<b", "Unclosed start tag"),
    ],
)
def test_html_rejects(src: str, fragment: str) -> None:
    with pytest.raises(EntityParseError, match=fragment):
        parse_html(src)


def test_html_entities_use_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>粗体</b>")
    assert text == "😀 粗体"
    assert entities == [{"type": "bold", "offset": 3, "length": 2}]
    assert utf16_len("😀") == 2
    # tdlib itself lets a bare '&' / '>' through; strict=False matches it.
    assert parse_html("a & b > c", strict=False)[0] == "a & b > c"


# --------------------------------------------------------------------------- Bot API via PTB


async def test_get_me(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "MealWatchTestBot", True)
    assert me.can_join_groups is True


async def test_send_message_html(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    msg = await bot.send_message(PARENT, "<b>今日</b> 菜单 &amp; 评价", parse_mode="HTML")
    assert msg.text == "今日 菜单 & 评价"
    assert msg.text_html == "<b>今日</b> 菜单 &amp; 评价"  # entities round-trip
    assert msg.chat.type == "private" and msg.chat.first_name == "家长"
    assert msg.from_user is not None and msg.from_user.id == 123456
    sent = await sim.wait_for_message(PARENT)
    assert sent.text == "<b>今日</b> 菜单 &amp; 评价"
    assert sent.visible_text == "今日 菜单 & 评价"
    assert sent["parse_mode"] == "HTML" and sent["message_id"] == msg.message_id
    second = await bot.send_message(PARENT, "two", reply_to_message_id=msg.message_id)
    assert second.message_id == msg.message_id + 1
    assert second.reply_to_message is not None
    assert second.reply_to_message.message_id == msg.message_id
    assert (await sim.wait_for_message(PARENT)).reply_to_message_id == msg.message_id
    assert sim.errors == []


async def test_bad_html_and_lengths(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unsupported start tag"):
        await bot.send_message(PARENT, "score <3 points", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(PARENT, "x" * 4097)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(PARENT, "😀" * 2049)  # 2049 chars, 4098 UTF-16 units
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(PARENT, "<b> </b>", parse_mode="HTML")
    # length counts the visible text: 4000 escaped ampersands are 4000 characters
    await bot.send_message(PARENT, "&amp;" * 4000, parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(PARENT, TINY_PNG, caption="c" * 1025)
    assert [e.error_code for e in sim.errors] == [400] * 5
    assert len(sim.bad_requests) == 5 and sim.errors[0].chat_id == PARENT
    assert len(sim.sent) == 1


async def test_chat_access_errors(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(999, "hi")
    sim.add_user(222, first_name="未开聊")  # registered but never wrote to the bot
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(222, "hi")
    sim.block(PARENT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PARENT, "hi")
    sim.send_text(PARENT, "/start")  # writing again un-blocks, like "Restart bot"
    await bot.send_message(PARENT, "welcome back")

    sim.add_group(GROUP, "食安群", member_ids=[PARENT], admin_ids=[333])
    await bot.send_message(GROUP, "hello group")
    sim.kick_bot(GROUP)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(GROUP, "hi")
    sim.add_group(-42, "old group", type="group")
    sim.migrate_group(-42, -1004242)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-42, "hi")
    assert migrated.value.new_chat_id == -1004242
    await bot.send_message(-1004242, "in the supergroup")


async def test_group_members_and_chat(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    sim.add_group(GROUP, "食安群", member_ids=[PARENT], admin_ids=[333])
    assert (await bot.get_chat_member(GROUP, PARENT)).status == "member"
    assert (await bot.get_chat_member(GROUP, 333)).status == "administrator"
    sim.add_user(444)
    assert (await bot.get_chat_member(GROUP, 444)).status == "left"
    chat = await bot.get_chat(GROUP)
    assert (chat.type, chat.title) == ("supergroup", "食安群")
    assert (await bot.get_chat(PARENT)).first_name == "家长"
    await bot.send_chat_action(GROUP, "typing")
    assert await bot.leave_chat(GROUP)
    assert sim.left_chats == [GROUP]
    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_message(GROUP, "hi")


def seconds(exc: RetryAfter) -> float:
    value = exc.retry_after  # int today, timedelta with PTB_TIMEDELTA=1
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


# PTB 22.2+ warns about RetryAfter.retry_after becoming a timedelta, on construction already.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limit_retry_after(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    sim.set_rate_limits(RateLimits(per_chat_per_second=1.0, per_chat_burst=3))
    for i in range(3):
        await bot.send_message(PARENT, f"burst {i}")
    with pytest.raises(RetryAfter) as exc:
        await bot.send_message(PARENT, "one too many")
    assert seconds(exc.value) == 1
    assert sim.stats.refused_429 == 1 and sim.stats.refused_429_by_chat[PARENT] == 1
    assert sim.errors[-1].error_code == 429
    assert len(sim.sent) == 3
    sim.set_rate_limits(RateLimits())  # off again
    await bot.send_message(PARENT, "fine")
    assert RateLimits.telegram().global_per_second == 30.0


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_forced_retry_after_and_faults(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    sim.force_retry_after(7, count=1)
    with pytest.raises(RetryAfter) as exc:
        await bot.send_message(PARENT, "x")
    assert seconds(exc.value) == 7
    sim.faults = Faults(error_500_rate=1.0)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(PARENT, "x")
    sim.faults = Faults(drop_rate=1.0)
    with pytest.raises(NetworkError):
        await bot.send_message(PARENT, "x")
    assert sim.stats.faults_500 == 1 and sim.stats.faults_dropped == 1
    assert sim.sent == []  # faulted sends did not happen
    sim.faults = Faults()
    await bot.send_message(PARENT, "x")
    assert len(sim.sent) == 1


async def test_long_poll_get_updates(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    start = time.monotonic()
    assert await bot.get_updates(timeout=0) == ()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    assert not poll.done()  # held open
    sim.send_text(PARENT, "/start abc")
    updates = await poll
    assert time.monotonic() - start < 2
    assert len(updates) == 1 and updates[0].message is not None
    message = updates[0].message
    assert message.text == "/start abc" and message.chat.id == PARENT
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6
    # not confirmed yet: delivered again; confirmed by offset: gone
    assert (await bot.get_updates(timeout=0))[0].update_id == updates[0].update_id
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert sim.pending_updates == 0
    raw_id = sim.send_update({"edited_message": {"message_id": 1, "date": 0, "chat": {}}})
    assert sim.pending_updates == 1 and raw_id == updates[0].update_id + 1


async def test_photo_round_trip(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    msg = await bot.send_photo(PARENT, TINY_PNG, caption="<i>午餐</i>", parse_mode="HTML")
    assert msg.caption == "午餐" and msg.photo[-1].width == 2
    tg_file = await bot.get_file(msg.photo[-1].file_id)
    assert bytes(await tg_file.download_as_bytearray()) == TINY_PNG
    again = await bot.send_photo(PARENT, msg.photo[-1].file_id)  # reuse by file_id
    assert again.photo[-1].file_id == msg.photo[-1].file_id
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(PARENT, b"not an image")
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")
    # a photo the user sent can be fetched by the bot
    user_msg = sim.send_photo(PARENT, caption="证据")
    file_id = user_msg["photo"][-1]["file_id"]
    data = await (await bot.get_file(file_id)).download_as_bytearray()
    assert bytes(data) == TINY_PNG
    doc = await bot.send_document(PARENT, b"a,b\n1,2\n", filename="report.csv")
    assert doc.document is not None and doc.document.file_name == "report.csv"
    assert doc.document.mime_type == "text/csv"
    sent = await sim.wait_for_message(PARENT, lambda m: m.document is not None)
    assert sent.document is not None and sent.document["file_name"] == "report.csv"


async def test_send_media_group(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    messages = await bot.send_media_group(
        PARENT,
        [
            InputMediaPhoto(TINY_PNG, caption="<b>1</b>", parse_mode="HTML"),
            InputMediaPhoto(TINY_PNG),
        ],
    )
    assert len(messages) == 2
    assert messages[0].media_group_id == messages[1].media_group_id is not None
    assert messages[0].caption == "1"
    first = await sim.wait_for_message(PARENT)
    second = await sim.wait_for_message(PARENT)
    assert first.media_group_id == second.media_group_id and first.photo and second.photo
    assert sim.stats.sends == 1 and sim.stats.messages == 2


async def test_callback_query_answer(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    await bot.send_message(PARENT, "评价?", reply_markup=keyboard("good", "bad"))
    msg = await sim.wait_for_message(PARENT)
    assert [b["callback_data"] for b in msg.buttons] == ["good", "bad"]
    with pytest.raises(ValueError, match="no button"):
        sim.press_button(PARENT, msg, "missing")
    qid = sim.press(PARENT, msg, "GOOD")
    (update,) = await bot.get_updates(timeout=0)
    assert update.callback_query is not None and update.callback_query.data == "good"
    assert update.callback_query.id == qid
    assert update.callback_query.message is not None
    assert await bot.answer_callback_query(qid, text="谢谢")
    assert sim.callback_answers[0].text == "谢谢"
    assert (await sim.wait_for_callback_answer(qid)).show_alert is False
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(qid)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(PARENT, "x", reply_markup=keyboard("d" * 65))


async def test_edits(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    msg = await bot.send_message(PARENT, "v1", reply_markup=keyboard("a"))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("v1", PARENT, msg.message_id, reply_markup=keyboard("a"))
    waiter = asyncio.create_task(sim.wait_for_edit(PARENT, msg.message_id))
    await bot.edit_message_text("<b>v2</b>", PARENT, msg.message_id, parse_mode="HTML")
    edited = await waiter
    assert edited.text == "<b>v2</b>" and edited.visible_text == "v2"
    assert edited.reply_markup is None  # omitting reply_markup drops the keyboard
    assert edited.original is not None and edited.original.text == "v1"
    assert [e.text for e in edited.edits] == ["<b>v2</b>"]
    await bot.edit_message_reply_markup(PARENT, msg.message_id, reply_markup=keyboard("b"))
    assert (await sim.wait_for_edit(PARENT, msg.message_id)).buttons[0]["callback_data"] == "b"
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", PARENT, 9999)
    assert await bot.delete_message(PARENT, msg.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(PARENT, msg.message_id)
    assert sim.messages(PARENT) == [] and sim.sent[0].deleted


async def test_commands(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    await bot.set_my_commands([("start", "开始"), ("help", "帮助")], language_code="zh")
    await bot.set_my_commands([("admin", "管理")], scope=telegram.BotCommandScopeChat(GROUP))
    assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["start", "help"]
    assert await bot.get_my_commands() == ()
    assert sim.commands_for(language_code="zh") == [
        {"command": "start", "description": "开始"},
        {"command": "help", "description": "帮助"},
    ]
    assert sim.commands_for({"type": "chat", "chat_id": GROUP}) is not None
    await bot.delete_my_commands(language_code="zh")
    assert sim.commands_for(language_code="zh") is None
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad-Command", "x")])


async def test_wait_for_message_cursor_and_timeout(sim: BotAPISimulator, bot: telegram.Bot) -> None:
    for text in ("one", "two", "three"):
        await bot.send_message(PARENT, text)
    assert (await sim.wait_for_message(PARENT)).text == "one"
    assert (await sim.wait_for_message(PARENT, lambda m: m.text == "three")).text == "three"
    assert sim.cursor(PARENT) == 3  # "two" was skipped for good
    assert (await sim.wait_for_message(PARENT, since=1)).text == "two"
    with pytest.raises(AssertionError, match="no new bot message in chat 111") as exc:
        await sim.wait_for_message(PARENT, timeout=0.1)
    assert "'three'" in str(exc.value)  # the dump shows what was sent
    await sim.wait_until(lambda: len(sim.sent) == 3, timeout=0.1)


async def test_privacy_mode_in_groups(sim: BotAPISimulator) -> None:
    sim.add_group(GROUP, "食安群", member_ids=[PARENT])
    sim.send_text(PARENT, "just chatting", chat_id=GROUP)
    assert sim.pending_updates == 0  # privacy mode: plain group chatter is not delivered
    sim.send_text(PARENT, "/report@MealWatchTestBot", chat_id=GROUP)
    assert sim.pending_updates == 1
    sim.can_read_all_group_messages = True
    sim.send_photo(PARENT, chat_id=GROUP)
    assert sim.pending_updates == 2


async def test_people_and_changes_through_the_python_api(
    sim: BotAPISimulator, bot: telegram.Bot
) -> None:
    """What the removed HTTP control surface offered, through the one (Python) control API."""
    assert sim.send_text(555, "hi")["text"] == "hi"
    file_id = sim.send_photo(555)["photo"][0]["file_id"]
    assert sim.files[file_id].data == TINY_PNG
    assert await (await bot.get_file(file_id)).download_as_bytearray() == TINY_PNG
    first = await bot.send_message(555, "answer", reply_markup=keyboard("ok"))
    assert [m.text for m in sim.messages(555) if m.seq > 0] == ["answer"]
    seq = max(m.seq for m in sim.sent)
    await bot.edit_message_text("answer v2", 555, first.message_id)
    changed = [m for m in sim.messages(555) if m.seq > seq]
    assert [(m.text, bool(m.edits)) for m in changed] == [("answer v2", True)]
    await bot.edit_message_reply_markup(555, first.message_id, reply_markup=keyboard("ok"))
    queued = sim.pending_updates
    sim.press_button(555, sim.message(555, first.message_id), "ok")
    assert sim.pending_updates == queued + 1
    with pytest.raises(ValueError, match="user ids are positive"):
        sim.send_text(-5, "hi")


async def test_raw_bot_api_requests(sim: BotAPISimulator) -> None:
    sim.add_user(555, open_chat=True)
    async with aiohttp.ClientSession(sim.url) as http:
        async with http.post(f"/bot{TOKEN}/noSuchMethod") as r:
            assert r.status == 404
            assert await r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        # raw JSON bodies work too (not just PTB's form encoding)
        async with http.post(f"/bot{TOKEN}/sendMessage", json={"chat_id": 555, "text": "j"}) as r:
            assert (await r.json())["result"]["text"] == "j"
    assert sim.requests["getUpdates"] == 0 and sim.requests["sendMessage"] == 1
    assert sim.sent[-1].visible_text == "j"


# --------------------------------------------------------------------------- full Application


async def test_application_polling(sim: BotAPISimulator) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        args = " ".join(context.args or [])
        await update.effective_message.reply_text(f"<b>欢迎</b> {args}", parse_mode="HTML")

    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder().token(TOKEN).base_url(sim.base_url).base_file_url(sim.file_url).build()
    )
    app.add_handler(CommandHandler("start", start))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        sim.send_text(PARENT, "/start abc")
        reply = await sim.wait_for_message(PARENT)
        assert reply.visible_text == "欢迎 abc"
        sim.send_text(PARENT, "/start again")
        assert (await sim.wait_for_message(PARENT)).visible_text == "欢迎 again"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert sim.errors == []
    assert sim.pending_updates == 0  # the updater confirmed everything on stop


# --------------------------------------------------------------------------- shape


def test_simulator_modules_stay_small() -> None:
    """The simulator is split by responsibility (issue 10): no module grows back past ~700."""
    root = Path(simulator_package.__file__).parent
    sizes = {p.name: len(p.read_text("utf-8").splitlines()) for p in root.glob("*.py")}
    assert len(sizes) > 5 and max(sizes.values()) <= 700, sizes
