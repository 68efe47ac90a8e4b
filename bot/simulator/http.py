"""The simulator's HTTP server: routing, request parsing, flood limits and injected faults,
error answers, file downloads. It serves the Bot API methods and nothing else."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from .limits import RateLimiter, RateLimits
from .methods import BotMethods
from .models import JSONDict, SimError
from .params import ApiError, Params, Upload, bad, dumps

__all__ = ["HttpServer"]

# Methods that create messages: subject to flood limits and fault injection.
_SEND_METHODS = frozenset(
    {"sendmessage", "sendphoto", "senddocument", "sendmediagroup", "copymessage"}
)
_MAX_UPLOAD = 60 * 1024 * 1024


class HttpServer(BotMethods):
    """Serves the Bot API methods at ``/bot{token}/{method}`` and downloads at
    ``/file/bot{token}/{path}``, the way Telegram answers: status codes, ``retry_after``,
    ``migrate_to_chat_id``."""

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        # handler_cancellation: a long-poll whose client went away must not linger.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        host, port = runner.addresses[0][:2]
        self._runner = runner
        self._stopping = False
        self._base = f"http://{host}:{port}"

    async def stop(self) -> None:
        self._stopping = True
        self._wake_pollers()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``: the Bot API under ``/bot``, downloads under ``/file/bot``."""
        if not self._base:
            raise RuntimeError("simulator not started")
        return self._base

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends ``{token}/{method}``."""
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``: PTB appends ``{token}/{path}``."""
        return f"{self.url}/file/bot"

    # ------------------------------------------------------------------ configuration

    @property
    def rate_limits(self) -> RateLimits:
        return self._limiter.limits

    def set_rate_limits(self, limits: RateLimits) -> None:
        """Replace the flood limits (state starts fresh)."""
        self._limiter = RateLimiter(limits)

    def force_retry_after(self, seconds: int, count: int = 1) -> None:
        """The next ``count`` send requests get 429 with ``retry_after=seconds``."""
        self._forced_429 = [max(1, int(seconds)), count]

    def register_method(self, name: str, handler: Callable[[Params], Any]) -> None:
        """Serve an extra Bot API method; ``handler`` returns the result or raises ApiError."""
        self._extra[name.lower()] = handler

    # ------------------------------------------------------------------ HTTP: Bot API

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.requests[method] += 1
        key = method.lower()
        if request.match_info["token"] != self.token:
            return self._error(method, None, ApiError(401, "Unauthorized"))
        handler = self._handlers.get(key) or self._extra.get(key)
        if handler is None and key != "getupdates":
            return self._error(method, None, ApiError(404, "Not Found"))
        try:
            params = await self._read_params(request)
        except (ValueError, UnicodeDecodeError):
            return self._error(method, None, bad("can't parse request parameters"))
        chat_ref = self._chat_ref(params)
        late = False
        try:
            if key in _SEND_METHODS:
                refused, late = await self._pre_send(request, chat_ref)
                if refused is not None:
                    return refused
            if key == "getupdates":
                result = await self._get_updates(params)
            else:
                assert handler is not None
                result = handler(params)
                if key in _SEND_METHODS:
                    self.stats.sends += 1
                if late:
                    self.stats.faults_late += 1
                    # Sent; a client that gives up first never hears of it.
                    await asyncio.sleep(self.faults.slow_seconds)
        except ApiError as exc:
            return self._error(method, chat_ref, exc)
        except (KeyError, TypeError, ValueError) as exc:
            # Malformed input (e.g. a media item without "type"): Telegram answers 400 too.
            error = bad(f"invalid request parameters ({type(exc).__name__}: {exc})")
            return self._error(method, chat_ref, error)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result}, dumps=dumps)

    async def _pre_send(
        self, request: web.Request, chat_ref: int | str | None
    ) -> tuple[web.Response | None, bool]:
        """Forced 429s, injected faults and flood limits, checked before the send happens: the
        refusal, if any, and whether the answer to the send is to come late."""
        method = request.match_info["method"]
        if self._forced_429[1] > 0:
            self._forced_429[1] -= 1
            return self._refuse_429(method, chat_ref, self._forced_429[0]), False
        fault = self.faults.roll(method, chat_ref)
        if fault == "error_500":
            self.stats.faults_500 += 1
            return self._error(method, chat_ref, ApiError(500, "Internal Server Error")), False
        if fault == "drop":
            self.stats.faults_dropped += 1
            if request.transport is not None:
                # Closing the transport makes aiohttp skip the response quietly; the client
                # sees "server disconnected without sending a response".
                request.transport.close()
            return web.Response(status=500), False
        if fault == "slow":
            self.stats.faults_slow += 1
            # A client that gives up first closes the connection, which cancels this handler.
            await asyncio.sleep(self.faults.slow_seconds)
        if isinstance(chat_ref, int):
            chat = self._chats.get(chat_ref)
            is_group = chat.is_group if chat is not None else chat_ref < 0
            retry = self._limiter.check(chat_ref, is_group)
        else:
            retry = self._limiter.check(0, False)
        if retry is not None:
            return self._refuse_429(method, chat_ref, retry), False
        return None, fault == "late"

    def _refuse_429(self, method: str, chat_ref: int | str | None, retry: int) -> web.Response:
        self.stats.refused_429 += 1
        if isinstance(chat_ref, int):
            self.stats.refused_429_by_chat[chat_ref] += 1
        return self._error(
            method,
            chat_ref,
            ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}),
        )

    def _error(self, method: str, chat_ref: int | str | None, exc: ApiError) -> web.Response:
        self.errors.append(SimError(method, chat_ref, exc.code, exc.description))
        self.stats.errors += 1
        body: JSONDict = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.code, dumps=dumps)

    @staticmethod
    def _chat_ref(params: Params) -> int | str | None:
        raw = params.values.get("chat_id")
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            return raw

    @staticmethod
    async def _read_params(request: web.Request) -> Params:
        values: dict[str, str] = dict(request.query) if request.query_string else {}
        files: dict[str, Upload] = {}
        if request.body_exists:
            if request.content_type == "application/json":
                body = await request.json()
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                for k, v in body.items():
                    values[k] = v if isinstance(v, str) else json.dumps(v)
            else:
                form = await request.post()
                for k, v in form.items():
                    if isinstance(v, web.FileField):
                        files[k] = Upload(v.filename, v.file.read(), v.content_type)
                    elif isinstance(v, bytes | bytearray):
                        values[k] = bytes(v).decode("utf-8")
                    else:
                        values[k] = v
        return Params(values, files)

    async def _handle_download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        f = self._files_by_path.get(request.match_info["path"])
        if f is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=f.data, content_type=f.mime_type or "application/octet-stream")
