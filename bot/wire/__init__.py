"""The one path to the Bot API: python-telegram-bot's requests on aiohttp."""

from bot.wire.aiohttp_request import AiohttpRequest, json_request

__all__ = ["AiohttpRequest", "json_request"]
