"""Local Telegram Bot API simulator: run an unmodified PTB Application against it."""

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
