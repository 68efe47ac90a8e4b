"""A Bot API request as the simulator's methods see it, and the errors they answer with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from .models import JSONDict, SimChat

__all__ = ["ApiError", "Params", "Upload", "bad", "dumps", "migrated"]

# Telegram's own JSON style: UTF-8 text as it is, no spaces.
dumps = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


class ApiError(Exception):
    """Raised by method handlers; becomes ``{"ok": false, ...}`` with ``code`` as HTTP status."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad(description: str, parameters: JSONDict | None = None) -> ApiError:
    """A 400 answer: the request is one Telegram would reject."""
    return ApiError(400, f"Bad Request: {description}", parameters)


def migrated(chat: SimChat) -> ApiError:
    """What every call to an upgraded group gets: python-telegram-bot's ChatMigrated."""
    return bad(
        "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to}
    )


@dataclass(slots=True)
class Upload:
    """One multipart file part of a request."""

    filename: str | None
    data: bytes
    content_type: str | None


class Params:
    """Request parameters as the Bot API receives them: every value a string (PTB JSON-encodes
    all non-string values), plus uploaded multipart files."""

    __slots__ = ("files", "values")

    def __init__(self, values: dict[str, str], files: dict[str, Upload]) -> None:
        self.values = values
        self.files = files

    def get_str(self, name: str) -> str | None:
        return self.values.get(name)

    def get_int(self, name: str) -> int | None:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return int(raw)
        except ValueError:
            raise bad(f"invalid {name} specified") from None

    def get_float(self, name: str) -> float | None:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return float(raw)
        except ValueError:
            raise bad(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        return self.values.get(name, "").lower() in ("true", "1")

    def get_json(self, name: str) -> Any:
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise bad(f"can't parse {name} JSON object") from None
