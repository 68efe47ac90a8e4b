"""Locale catalogs (Project Fluent .ftl files under bot/locales/<lang>/).

Every argument is HTML-escaped on its way into a message unless it is wrapped in `Html`, so a
catalog string can carry markup while nothing a user typed can.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = ("zh", "en")


class Html(str):
    """Text that is already safe HTML (built from catalog strings and escaped values)."""

    __slots__ = ()


# Bidi controls a person can type: U+202E alone reverses the rest of the line it lands in, in
# every chat that shows it (a dish name in parents' menus, a name on a case card).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def escape(text: str) -> str:
    """For anything a person typed on its way into HTML: escaped, and without bidi controls."""
    return html.escape(strip_bidi(text), quote=False)


def pick_language(language_code: str | None, default: str) -> str:
    """zh* → zh, en* → en, anything else → the school's default."""
    code = (language_code or "").lower()
    for lang in LANGUAGES:
        if code == lang or code.startswith(lang + "-") or code.startswith(lang + "_"):
            return lang
    return default


class Catalog:
    def __init__(self, directory: Path = LOCALES_DIR, default: str = "zh") -> None:
        self.default = default
        self._bundles: dict[str, FluentBundle] = {}
        self._sources: dict[str, list[Path]] = {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            files = sorted((directory / lang).glob("*.ftl"))
            for path in files:
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._bundles[lang] = bundle
            self._sources[lang] = files

    def sources(self, lang: str) -> list[Path]:
        return self._sources[lang]

    def has(self, lang: str, key: str) -> bool:
        return self._bundles[lang].has_message(key)

    def t(self, lang: str, key: str, **args: Any) -> str:
        """A message for HTML parse mode: string arguments are escaped."""
        return self._format(lang, key, {name: _safe_arg(value) for name, value in args.items()})

    def label(self, lang: str, key: str, **args: Any) -> str:
        """Plain text (button labels, alerts): nothing is parsed as HTML there, so no escaping."""
        return self._format(lang, key, args)

    def _format(self, lang: str, key: str, args: dict[str, Any]) -> str:
        bundle = self._bundles.get(lang) or self._bundles[self.default]
        if not bundle.has_message(key):
            log.error("missing catalog key %s for %s", key, lang)
            bundle = self._bundles[self.default]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        text, errors = bundle.format_pattern(message.value, args)
        for error in errors:
            log.error("catalog %s/%s: %s", lang, key, error)
        return str(text)


def _safe_arg(value: Any) -> Any:
    if isinstance(value, Html):
        return str(value)
    if isinstance(value, str):
        return escape(value)
    return value
