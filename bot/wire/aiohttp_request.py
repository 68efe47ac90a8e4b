"""python-telegram-bot's ``BaseRequest`` on aiohttp, for the bot's requests and getUpdates.

Why not PTB's default HTTPXRequest: in the ingest profile (bench/RESULTS.md) the httpx stack
(httpx, httpcore, h11, anyio) took 31% of the bot's CPU, and httpcore's pool checks every open
connection on every request; a prototype on aiohttp took ingest from ~105-135 to 190 updates/s.
The design follows ptbcontrib's ``aiohttp_request`` (not on the package index). PTB's
``BaseRequest.post`` still maps status codes to exceptions (BadRequest, Forbidden, RetryAfter,
ChatMigrated, ...); ``do_request`` only turns transport failures into TimedOut/NetworkError.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url

# Private names, used as PTB's own request classes and Bot use them (the package is pinned <23):
# the timeouts' types, and the parameter class requests are built from.
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter
from yarl import URL

POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. Request was *not* sent "
    "to Telegram. Consider adjusting the connection pool size or the pool timeout."
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_request(payload: Mapping[str, object]) -> RequestData:
    """A request from values that are already the Bot API's JSON (no InputFile or Telegram
    object inside): what a Bot method would build, without converting every value again."""
    return RequestData([RequestParameter(k, v, None) for k, v in payload.items() if v is not None])


def _sum(*parts: float | None) -> float | None:
    """None (no limit) if any part has none."""
    total = 0.0
    for part in parts:
        if part is None:
            return None
        total += part
    return total


class AiohttpRequest(BaseRequest):
    """The defaults are HTTPXRequest's (256 connections, 5 s to connect, write and read, 1 s to
    wait for a free connection, 20 s to write an upload); PTB adds getUpdates' long-poll
    ``timeout`` to the read timeout itself, so one class serves both instances."""

    __slots__ = ("_media_write", "_pool_size", "_proxies", "_session", "_slots", "_timeouts")

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write = media_write_timeout
        # Built in initialize(): a ClientSession belongs to the running loop.
        self._session: aiohttp.ClientSession | None = None
        self._slots: asyncio.Semaphore | None = None
        # Proxies from the environment (HTTP(S)_PROXY, NO_PROXY), as httpx honoured them, looked
        # up once per origin: aiohttp's trust_env reads them again on every request (~0.15 ms).
        self._proxies: dict[str, tuple[URL | None, aiohttp.BasicAuth | None]] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
                timeout=aiohttp.ClientTimeout(),  # per request instead, see do_request
                json_serialize=_dumps,
            )
            self._slots = asyncio.Semaphore(self._pool_size)

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session, slots = self._session, self._slots
        if session is None or slots is None:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        uploads = request_data is not None and request_data.contains_files
        default_read, default_write, default_connect, default_pool = self._timeouts
        if uploads:
            default_write = self._media_write
        read = default_read if isinstance(read_timeout, DefaultValue) else read_timeout
        write = default_write if isinstance(write_timeout, DefaultValue) else write_timeout
        connect = default_connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = default_pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        # aiohttp times connecting and each socket read (from the end of the body on), not
        # writing: a request with a body is bounded by the sum of the three budgets, so a
        # stalled upload still ends; a download (no body) keeps going while bytes arrive.
        total = _sum(connect, write, read) if request_data is not None else None
        timeout = aiohttp.ClientTimeout(total=total, connect=connect, sock_read=read)

        form: aiohttp.FormData | None = None
        payload: dict[str, Any] | None = None
        if request_data is not None:
            if uploads:
                form = _multipart(request_data)
            else:
                # One JSON body with the values nested, instead of a form of JSON strings.
                payload = request_data.parameters

        # Our own gate in front of the connector's limit, so that waiting for a free
        # connection has its own timeout and error, as in HTTPXRequest.
        if slots.locked():
            try:
                async with asyncio.timeout(pool):
                    await slots.acquire()
            except TimeoutError as exc:
                raise TimedOut(POOL_TIMEOUT_MESSAGE) from exc
        else:
            await slots.acquire()
        proxy, proxy_auth = self._proxy(url)
        try:
            async with session.request(
                method,
                url,
                data=form,
                json=payload,
                timeout=timeout,
                proxy=proxy,
                proxy_auth=proxy_auth,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # connect, socket read or total; aiohttp's are subclasses
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
        finally:
            slots.release()

    def _proxy(self, url: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        slash = url.find("/", len("https://"))
        origin = url if slash < 0 else url[:slash]
        found = self._proxies.get(origin)
        if found is None:
            try:
                found = get_env_proxy_for_url(URL(origin))
            except LookupError:
                found = (None, None)
            self._proxies[origin] = found
        return found


def _multipart(request_data: RequestData) -> aiohttp.FormData:
    # Names as UTF-8 in the quoted string, as browsers and httpx send them: quoted, aiohttp would
    # percent-encode a filename and Telegram would show the escapes.
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
