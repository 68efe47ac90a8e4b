"""The one error handler: the person hears in their language, administrators at most once a minute."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import Ctx
from tests.conftest import ADMIN, Harness

PARENT = 1001


async def broken_handler(update: Update, context: Ctx) -> None:
    raise RuntimeError("the canteen database exploded")


async def test_a_failing_handler_is_reported_once_a_minute(harness: Harness) -> None:
    h = harness
    assert h.app is not None
    # A handler that fails, added to the real Application the way any handler is.
    h.app.add_handler(CommandHandler("boom", broken_handler), group=-5)
    await h.say(ADMIN, "/start")
    h.sim.add_user(PARENT, "Anna", "en")
    h.sim.skip(ADMIN)
    h.sim.send_text(PARENT, "/boom")
    await h.sim.wait_for_message(PARENT, lambda m: "Sorry, something went wrong" in (m.text or ""))
    alert = await h.sim.wait_for_message(ADMIN, lambda m: "⚠️" in (m.text or ""))
    assert "RuntimeError" in (alert.text or "") and str(PARENT) in (alert.text or "")
    h.sim.send_text(PARENT, "/boom")
    await h.sim.wait_for_message(PARENT, lambda m: "Sorry" in (m.text or ""))
    h.clock.advance(timedelta(seconds=61))
    h.sim.send_text(PARENT, "/boom")
    await h.sim.wait_until(lambda: sum("⚠️" in (m.text or "") for m in h.sim.messages(ADMIN)) == 2)
    await h.say(PARENT, "/help")
    assert sum("⚠️" in (m.text or "") for m in h.sim.messages(ADMIN)) == 2
    h.assert_no_bad_requests()
