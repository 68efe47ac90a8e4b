"""A local Telegram Bot API server for tests, benchmarks and demos.

An unmodified python-telegram-bot ``Application`` runs against it via
``ApplicationBuilder().base_url(sim.base_url).base_file_url(sim.file_url)``. The simulator
speaks the Bot API's wire format (form-urlencoded / multipart requests, ``{"ok": ...}``
responses with Telegram's HTTP status codes), validates output the way Telegram does, and
records what the bot did so tests can assert on it. Test code drives it from the same event
loop through the Python control API (``send_text``, ``press_button``, ``wait_for_message``...).

``BotAPISimulator`` is assembled from its parts, each a module of this package:

* ``world``: the state — the bot, people, chats, messages, files, the update queue;
* ``sending`` and ``methods``: the Bot API methods, those that create messages and the rest
  (``validate`` holds their checks on text and keyboards);
* ``http``: the server — routing, request parsing, flood limits, faults, error answers;
* ``people``: the control API acting as people (write, send files, tap, block, upgrade…);
* ``waiting``: reading what the bot did, and waiting for it.
"""

from __future__ import annotations

from .http import HttpServer
from .params import ApiError, Params
from .people import People
from .snapshot import Snapshot
from .waiting import Waiting
from .world import TINY_PNG

__all__ = ["TINY_PNG", "ApiError", "BotAPISimulator", "Params"]


class BotAPISimulator(HttpServer, People, Waiting, Snapshot):
    """Local Bot API server plus a control API acting as the people the bot talks to.

    Cursor semantics of :meth:`wait_for_message`: each chat has a read cursor (an index into
    the bot's messages to that chat, starting at 0). ``wait_for_message`` returns the first
    bot message at or after the cursor that satisfies ``predicate`` (waiting for it if needed)
    and moves the cursor just past it; non-matching messages in between are skipped for good.
    ``since=N`` starts the scan at index N instead (the cursor still only moves forward).
    ``cursor(chat_id)`` reads the cursor and ``skip(chat_id)`` moves it to the end.
    """
