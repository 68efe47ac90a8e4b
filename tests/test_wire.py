"""The aiohttp request class under a real python-telegram-bot Bot: calls, uploads, timeouts and
every error mapping PTB defines, against the simulator (or, for the statuses it never answers
with, a tiny local server)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.delivery.limiter import retry_seconds
from bot.simulator import TINY_PNG, BotAPISimulator, Faults
from bot.wire import AiohttpRequest
from tests.conftest import Harness

PARENT = 4242


def make_bot(base_url: str, token: str, **request: Any) -> Bot:
    return Bot(
        token,
        base_url=base_url,
        base_file_url=base_url.removesuffix("/bot") + "/file/bot",
        request=AiohttpRequest(**request),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
    )


@pytest.fixture
async def bot(sim: BotAPISimulator) -> AsyncIterator[Bot]:
    sim.add_user(PARENT, "家长", "zh", open_chat=True)
    async with make_bot(sim.base_url, sim.token) as b:
        yield b


# ---- calls and uploads ----------------------------------------------------------------------------


async def test_a_plain_call_sends_json_the_simulator_accepts(
    sim: BotAPISimulator, bot: Bot
) -> None:
    assert bot.username == sim.bot_username  # getMe at initialize
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("午餐 😋", callback_data="rate:x")]])
    message = await bot.send_message(
        PARENT, "<b>今日</b>菜单", parse_mode="HTML", reply_markup=markup
    )
    [sent] = sim.messages(PARENT)
    assert message.message_id == sent.message_id and message.text == "今日菜单"
    assert (sent.text, sent.parse_mode) == ("<b>今日</b>菜单", "HTML")
    assert sent.buttons == [{"text": "午餐 😋", "callback_data": "rate:x"}]
    assert sim.bad_requests == []


async def test_long_polls_outlast_the_read_timeout(sim: BotAPISimulator) -> None:
    """PTB adds getUpdates' timeout to the read timeout: a 1 s long poll on a 0.3 s read timeout
    waits the whole second and returns empty, without TimedOut."""
    sim.add_user(PARENT, "家长", "zh", open_chat=True)
    bot = Bot(
        sim.token,
        base_url=sim.base_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=0.3),
    )
    async with bot:
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await bot.get_updates(timeout=1) == ()
        assert loop.time() - started >= 0.9
        sim.send_text(PARENT, "你好")
        [update] = await bot.get_updates(timeout=1)
        assert update.message is not None and update.message.text == "你好"


async def test_uploads_arrive_intact_and_download_back(sim: BotAPISimulator, bot: Bot) -> None:
    document = "日期,餐次,菜品\n2026-11-30,午餐,红烧鸡块\n".encode() + bytes(range(256))
    photo = await bot.send_photo(PARENT, TINY_PNG, caption="<i>午餐</i>", parse_mode="HTML")
    sent = await bot.send_document(PARENT, document, filename="第一周 菜单.csv", caption="菜单")
    assert sent.document is not None and sent.document.file_name == "第一周 菜单.csv"
    assert sim.files[sent.document.file_id].data == document
    assert sim.files[photo.photo[-1].file_id].data == TINY_PNG
    assert sim.messages(PARENT)[0].visible_text == "午餐"
    # And back through a GET (Bot.get_file → download).
    downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == document
    assert sim.bad_requests == []


# ---- timeouts and transport failures -----------------------------------------------------------


async def test_a_request_that_is_not_answered_in_time_raises_timed_out(
    sim: BotAPISimulator, bot: Bot
) -> None:
    sim.faults = Faults(slow_rate=1.0, slow_seconds=5.0)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(TimedOut):
        await bot.send_message(PARENT, "slow", read_timeout=0.3)
    assert loop.time() - started < 2.0
    assert sim.stats.faults_slow == 1
    await asyncio.sleep(0.1)
    assert sim.sent == []  # the client gave up, so the send never happened
    sim.faults = Faults()
    await bot.send_message(PARENT, "fine")  # the pool is usable again
    assert len(sim.sent) == 1


async def test_a_full_pool_raises_timed_out_without_sending(sim: BotAPISimulator) -> None:
    sim.add_user(PARENT, "家长", "zh", open_chat=True)
    async with make_bot(sim.base_url, sim.token, connection_pool_size=1) as bot:
        sim.faults = Faults(slow_rate=1.0, slow_seconds=1.0)
        holding = asyncio.create_task(bot.send_message(PARENT, "holds the one connection"))
        await asyncio.sleep(0.2)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await bot.send_message(PARENT, "waits for it", pool_timeout=0.2)
        sim.faults = Faults()
        await holding  # answered after its second: the gate let nothing else through
        assert [m.text for m in sim.sent] == ["holds the one connection"]


async def test_a_refused_connection_raises_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError) as caught:
        async with make_bot(f"http://127.0.0.1:{port}/bot", "123456:TEST-TOKEN"):
            pass
    assert not isinstance(caught.value, TimedOut)
    assert "ClientConnectorError" in caught.value.message


async def test_a_dropped_connection_and_server_errors_raise_network_error(
    sim: BotAPISimulator, bot: Bot
) -> None:
    sim.faults = Faults(drop_rate=1.0)
    with pytest.raises(NetworkError, match="ServerDisconnected"):
        await bot.send_message(PARENT, "dropped")
    sim.faults = Faults(error_500_rate=1.0)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(PARENT, "500")
    assert sim.stats.faults_dropped == 1 and sim.stats.faults_500 == 1


# ---- PTB's error mapping, from the simulator's answers ----------------------------------------


@pytest.mark.sends_bad_requests
async def test_telegram_errors_map_to_ptb_exceptions(sim: BotAPISimulator, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777_777, "nobody")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(PARENT, "<b>unclosed", parse_mode="HTML")
    sim.force_retry_after(3)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(PARENT, "too fast")
    assert retry_seconds(retry.value) == 3
    basic = -4242
    sim.add_group(basic, "基本群", member_ids=[PARENT], type="group")
    sim.migrate_group(basic, -1009_000_001, notify=False)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(basic, "to the old group id")
    assert migrated.value.new_chat_id == -1009_000_001
    sim.block(PARENT, notify=False)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(PARENT, "blocked")
    # 404: an unknown method (PTB names it) or, on a plain post, an invalid token.
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendNothing")
    with pytest.raises(InvalidToken, match="Not Found"):
        await bot.request.post(f"{sim.base_url}{sim.token}/sendNothing")


async def test_an_unknown_token_raises_invalid_token(sim: BotAPISimulator, bot: Bot) -> None:
    with pytest.raises(InvalidToken, match="Unauthorized"):  # 401
        await bot.request.post(f"{sim.base_url}123456:WRONG-TOKEN/getMe")
    with pytest.raises(InvalidToken, match="rejected by the server"):  # Bot.initialize's words
        async with make_bot(sim.base_url, "123456:WRONG-TOKEN"):
            pass


# ---- statuses the simulator never answers with ------------------------------------------------


Answer = Callable[[web.Request], Awaitable[web.Response]]


@pytest.fixture
async def tiny() -> AsyncIterator[tuple[str, dict[str, Answer]]]:
    """A local Bot API that answers getMe and whatever the test puts into the dict."""

    async def get_me(request: web.Request) -> web.Response:
        user = {"id": 1, "is_bot": True, "first_name": "Tiny", "username": "TinyBot"}
        return web.json_response({"ok": True, "result": user})

    answers: dict[str, Answer] = {"getMe": get_me}

    async def route(request: web.Request) -> web.Response:
        return await answers[request.match_info["method"]](request)

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", route)
    runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}/bot", answers
    finally:
        await runner.cleanup()


async def test_conflict_and_bad_gateway(tiny: tuple[str, dict[str, Answer]]) -> None:
    base_url, answers = tiny

    async def conflict(request: web.Request) -> web.Response:
        body = {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: terminated by other getUpdates request",
        }
        return web.json_response(body, status=409)

    async def bad_gateway(request: web.Request) -> web.Response:
        return web.Response(status=502, text="<html>502 Bad Gateway</html>")

    answers["getUpdates"], answers["sendMessage"] = conflict, bad_gateway
    async with make_bot(base_url, "1:TINY") as bot:
        with pytest.raises(Conflict, match="other getUpdates"):
            await bot.get_updates()
        with pytest.raises(NetworkError, match=r"Bad Gateway \(502\)") as caught:
            await bot.send_message(1, "hi")
        assert type(caught.value) is NetworkError


async def test_the_application_uses_it_for_requests_and_get_updates(harness: Harness) -> None:
    assert harness.app is not None
    bot = harness.app.bot
    # Bot keeps (getUpdates, everything else); only the second has a public accessor.
    get_updates, other = bot._request
    assert other is bot.request
    assert isinstance(get_updates, AiohttpRequest) and isinstance(other, AiohttpRequest)
    assert get_updates is not other
    reply = await harness.say(PARENT, "/start")  # polled and answered through both
    assert reply.text


async def test_a_stalled_upload_ends_within_its_budgets(
    tiny: tuple[str, dict[str, Answer]],
) -> None:
    """aiohttp has no write timeout: a server that stops reading the body is cut off after
    connect + write + read."""
    base_url, answers = tiny

    async def never_reads(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.json_response({"ok": True, "result": True})

    answers["sendDocument"] = never_reads
    async with make_bot(base_url, "1:TINY", connect_timeout=0.5, read_timeout=0.5) as bot:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(TimedOut):
            await bot.send_document(1, b"x" * 32_000_000, filename="big.bin", write_timeout=0.5)
        assert loop.time() - started < 5


async def test_a_proxy_from_the_environment_is_used(
    tiny: tuple[str, dict[str, Answer]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP(S)_PROXY as PTB's httpx client honoured it: here the tiny server is the proxy."""
    base_url, _ = tiny
    monkeypatch.setenv("HTTP_PROXY", base_url.removesuffix("/bot"))
    async with make_bot("http://api.telegram.invalid/bot", "1:TINY") as bot:
        assert bot.username == "TinyBot"
