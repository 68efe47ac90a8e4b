"""How the guided report reads: the draft's summary above each step, the step's question and
buttons, and the preview before it is filed."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.deps import Deps
from bot.services.cases import ONSETS
from bot.services.feedback import MAX_PHOTOS, PICK, SEND, Draft, Prompt, ReportStep, date_choices
from bot.services.flagging import CATEGORIES
from bot.services.menu_parser import MEALS
from bot.views.callbacks import REPORT, ReportPress
from bot.views.cases import Facts, detail_lines, with_words
from bot.views.menus import long_date
from bot.views.ratings import FACES

PREVIEW_TEXT_MAX = 1000
DISH_LABEL_MAX = 40


Rows = list[list[tuple[str, str]]]


def _buttons(deps: Deps, lang: str, prompt: Prompt) -> Rows:
    """The step's buttons as (label, value)."""
    c, step = deps.catalog, prompt.step
    rows: Rows = []
    if step is ReportStep.CHILD:
        unnamed = c.label(lang, "child-unnamed")
        rows = [[(f"{ch.name or unnamed} ({ch.class_name})", str(ch.id))] for ch in prompt.children]
        rows.append([(c.label(lang, "fb-button-child-none"), "none")])
    elif step is ReportStep.DATE and prompt.picking:
        days = date_choices(prompt.today)
        for i in range(0, len(days), 2):
            rows.append([(long_date(c, lang, d), f"{d:%Y%m%d}") for d in days[i : i + 2]])
    elif step is ReportStep.DATE:
        yesterday = date.fromordinal(prompt.today.toordinal() - 1)
        rows = [
            [(c.label(lang, "fb-button-today", date=long_date(c, lang, prompt.today)), "today")],
            [(c.label(lang, "fb-button-yesterday", date=long_date(c, lang, yesterday)), "yesterday")],
            [(c.label(lang, "fb-button-pick-date"), PICK)],
        ]  # fmt: skip
    elif step is ReportStep.MEAL:
        rows = [[(c.label(lang, f"meal-{m}"), m) for m in MEALS]]
    elif step is ReportStep.DISH:
        rows = [[(_short(name), str(i))] for i, name in enumerate(prompt.dishes)]
        rows.append([(c.label(lang, "fb-button-no-dish"), "none")])
    elif step is ReportStep.CATEGORY:
        for i in range(0, len(CATEGORIES), 2):
            rows.append([(c.label(lang, f"fb-cat-{k}"), k) for k in CATEGORIES[i : i + 2]])
    elif step is ReportStep.RATING:
        rows = [[(face, str(score)) for score, face in FACES]]
        rows.append([(c.label(lang, "fb-button-skip"), "skip")])
    elif step is ReportStep.AFFECTED:
        rows = [[(str(n), str(n)) for n in range(1, 6)]]
        rows.append([(c.label(lang, "fb-unsure"), "unsure")])
    elif step is ReportStep.ONSET:
        rows = [[(c.label(lang, f"fb-onset-{o}"), o)] for o in ONSETS]
    elif step is ReportStep.TEXT:
        rows = [[(c.label(lang, "fb-button-skip"), "skip")]]
    elif step is ReportStep.PHOTOS:
        rows = [[(c.label(lang, "fb-button-done"), "done")]]
    elif step is ReportStep.ANONYMOUS:
        rows = [
            [(c.label(lang, "fb-button-named"), "no")],
            [(c.label(lang, "fb-button-anonymous"), "yes")],
        ]
    elif step is ReportStep.PREVIEW:
        rows = [[(c.label(lang, "fb-button-send"), SEND)]]
    return rows


def _short(name: str) -> str:
    return name if len(name) <= DISH_LABEL_MAX else name[: DISH_LABEL_MAX - 1] + "…"


def _question(deps: Deps, lang: str, prompt: Prompt) -> str:
    c = deps.catalog
    if prompt.step is ReportStep.PREVIEW:
        return _preview(deps, lang, prompt.draft)
    if prompt.step is ReportStep.PHOTOS:
        return c.t(lang, "fb-ask-photos", max=str(MAX_PHOTOS), count=str(len(prompt.draft.photos)))
    if prompt.step is ReportStep.DATE and prompt.picking:
        return c.t(lang, "fb-ask-date-pick")
    return c.t(lang, f"fb-ask-{prompt.step}")


def prompt_view(deps: Deps, lang: str, prompt: Prompt) -> tuple[str, InlineKeyboardMarkup]:
    c, draft = deps.catalog, prompt.draft
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
        for row in _buttons(deps, lang, prompt)
    ]
    cancel = REPORT.build(ReportPress(draft.nonce, None, "0"))
    rows.append([InlineKeyboardButton(c.label(lang, "button-cancel"), callback_data=cancel)])
    return f"{head}\n\n{_question(deps, lang, prompt)}", InlineKeyboardMarkup(rows)


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
