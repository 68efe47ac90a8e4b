"""Local Telegram Bot API simulator: run an unmodified PTB Application against it.

Typical test::

    async with BotAPISimulator() as sim:
        app = (ApplicationBuilder().token(sim.token)
               .base_url(sim.base_url).base_file_url(sim.file_url).build())
        ...  # initialize / start / updater.start_polling(poll_interval=0.0, timeout=1)
        sim.send_text(111, "/start abc")             # a person writes to the bot
        msg = await sim.wait_for_message(111)        # the bot's next message to chat 111
        sim.press(111, msg, "确认")                   # tap an inline button by its text
        msg = await sim.wait_for_edit(111, msg.message_id)
        assert sim.bad_requests == []                # Telegram would have accepted everything
"""

from .limits import Faults, RateLimits
from .models import CallbackAnswer, Edit, SentMessage, SimError, SimStats
from .server import TINY_PNG, ApiError, BotAPISimulator, Params
from .tg_html import EntityParseError, parse_html, utf16_len

__all__ = [
    "TINY_PNG",
    "ApiError",
    "BotAPISimulator",
    "CallbackAnswer",
    "Edit",
    "EntityParseError",
    "Faults",
    "Params",
    "RateLimits",
    "SentMessage",
    "SimError",
    "SimStats",
    "parse_html",
    "utf16_len",
]
