"""How the guided report reads: the draft's summary above each step, the step's question and
buttons as services.report_steps.STEPS gives them, and the preview before it is filed."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.deps import Deps
from bot.services.report_steps import STEPS, Draft, Prompt
from bot.views.callbacks import REPORT, ReportPress
from bot.views.cases import Facts, detail_lines, with_words
from bot.views.menus import long_date
from bot.views.ratings import FACES

PREVIEW_TEXT_MAX = 1000


class _Say:
    """services.report_steps.Say in one language."""

    def __init__(self, deps: Deps, lang: str) -> None:
        self._deps, self._lang = deps, lang

    def text(self, key: str, **args: str) -> str:
        return self._deps.catalog.t(self._lang, key, **args)

    def label(self, key: str, **args: str) -> str:
        return self._deps.catalog.label(self._lang, key, **args)

    def day(self, day: date) -> str:
        return long_date(self._deps.catalog, self._lang, day)

    def face(self, score: int) -> str:
        return dict(FACES)[score]

    def preview(self, draft: Draft) -> str:
        return _preview(self._deps, self._lang, draft)


def prompt_view(deps: Deps, lang: str, prompt: Prompt) -> tuple[str, InlineKeyboardMarkup]:
    c, draft, step = deps.catalog, prompt.draft, STEPS[prompt.step]
    say = _Say(deps, lang)
    head = c.t(lang, "fb-draft-title")
    summary = _summary(deps, lang, draft)
    if summary:
        head += "\n" + c.t(lang, "fb-draft-summary", summary=summary)
    rows = [
        [
            InlineKeyboardButton(
                label, callback_data=REPORT.build(ReportPress(draft.nonce, prompt.step, value))
            )
            for label, value in row
        ]
        for row in step.buttons(say, prompt)
    ]
    cancel = REPORT.build(ReportPress(draft.nonce, None, "0"))
    rows.append([InlineKeyboardButton(c.label(lang, "button-cancel"), callback_data=cancel)])
    return f"{head}\n\n{step.question(say, prompt)}", InlineKeyboardMarkup(rows)


def _summary(deps: Deps, lang: str, draft: Draft) -> str:
    c = deps.catalog
    parts: list[str] = []
    if draft.day is not None:
        parts.append(long_date(c, lang, draft.day))
    if draft.meal:
        parts.append(c.label(lang, f"meal-{draft.meal}"))
    if draft.dish:
        parts.append(draft.dish)
    if draft.category:
        parts.append(c.label(lang, f"fb-cat-{draft.category}"))
    return " · ".join(parts)


def _preview(deps: Deps, lang: str, draft: Draft) -> str:
    c = deps.catalog
    assert draft.day is not None and draft.meal is not None and draft.category is not None
    facts = Facts(
        draft.day,
        draft.meal,
        draft.dish,
        draft.category,
        draft.rating,
        draft.affected,
        draft.onset,
        len(draft.photos),
    )
    lines = [c.t(lang, "fb-preview-title"), *detail_lines(deps, lang, facts)]
    if draft.text:
        shown = draft.text
        if len(shown) > PREVIEW_TEXT_MAX:
            shown = shown[:PREVIEW_TEXT_MAX] + "…"
        lines.append(with_words(c.t(lang, "fb-line-text"), shown))
    key = "fb-line-anonymous" if draft.anonymous else "fb-line-named"
    lines += [c.t(lang, key), "", c.t(lang, "fb-preview-confirm")]
    return "\n".join(lines)
