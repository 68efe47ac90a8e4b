"""What the survey looks like: the administrator's set-up, a parent's one message (each question
in turn), and the results as text (with bars drawn in characters, so they read in any chat)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from telegram import InlineKeyboardMarkup

from bot.deps import Deps
from bot.i18n import Catalog, Html, escape
from bot.services.survey import (
    DURATIONS,
    SUGGESTION_MAX,
    Action,
    Screen,
    Step,
    Survey,
    SurveyItem,
    local_day,
)
from bot.services.survey_results import ItemResult, SurveyResults
from bot.views.keyboards import keyboard
from bot.views.survey_callbacks import SETUP, SURVEY, SetupAction, SetupPress, SurveyPress

Rows = list[list[tuple[str, str]]]
BAR_WIDTH = 12


def item_name(catalog: Catalog, lang: str, key: str) -> str:
    return catalog.label(lang, f"survey-item-{key}")


def percent(share: Fraction | None) -> str:
    return "—" if share is None else f"{round(float(share) * 100)}%"


def mean_text(mean: Fraction | None) -> str:
    return "—" if mean is None else f"{float(mean):.2f}"


# ---- the administrator's set-up -------------------------------------------------------------------


def setup_view(
    catalog: Catalog,
    lang: str,
    items: Sequence[SurveyItem],
    dropped: Sequence[str],
    days: int,
    closing_day: date,
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        f"{'✅' if i.key not in dropped else '➖'} {escape(item_name(catalog, lang, i.key))}"
        for i in items
    ]
    text = catalog.t(
        lang,
        "survey-setup",
        items=Html("\n".join(lines)),
        date=closing_day.isoformat(),
    )
    toggles = [
        (
            f"{'✅' if i.key not in dropped else '➖'} {item_name(catalog, lang, i.key)}",
            SETUP.build(SetupPress(SetupAction.ITEM, i.key)),
        )
        for i in items
    ]
    rows: Rows = [toggles[n : n + 2] for n in range(0, len(toggles), 2)]
    rows.append(
        [
            (
                ("• " if d == days else "") + catalog.label(lang, "survey-button-days", days=d),
                SETUP.build(SetupPress(SetupAction.DAYS, str(d))),
            )
            for d in DURATIONS
        ]
    )
    rows.append(
        [
            (
                catalog.label(lang, "survey-button-start"),
                SETUP.build(SetupPress(SetupAction.START)),
            ),
            (catalog.label(lang, "button-cancel"), SETUP.build(SetupPress(SetupAction.CANCEL))),
        ]
    )
    return text, keyboard(rows)


# ---- a parent's message --------------------------------------------------------------------------


def invitation(
    catalog: Catalog, lang: str, school: str, survey: Survey, count: int, closing_day: date
) -> tuple[str, InlineKeyboardMarkup]:
    text = catalog.t(
        lang, "survey-invitation", school=school, count=count, date=closing_day.isoformat()
    )
    button = (
        catalog.label(lang, "survey-button-go"),
        SURVEY.build(SurveyPress(survey.id, Action.GO)),
    )
    return text, keyboard([[button]])


def reminder(
    catalog: Catalog, lang: str, survey: Survey, closing_day: date
) -> tuple[str, InlineKeyboardMarkup]:
    text = catalog.t(lang, "survey-reminder", date=closing_day.isoformat())
    button = (
        catalog.label(lang, "survey-button-continue"),
        SURVEY.build(SurveyPress(survey.id, Action.GO)),
    )
    return text, keyboard([[button]])


def _press(screen: Screen, action: Action, value: int = 0) -> str:
    return SURVEY.build(SurveyPress(screen.survey.id, action, screen.position, value))


def screen_view(catalog: Catalog, lang: str, screen: Screen) -> tuple[str, InlineKeyboardMarkup]:
    total = len(screen.questions)
    back = (catalog.label(lang, "survey-button-back"), _press(screen, Action.BACK))
    if screen.step is Step.QUESTION:
        item = screen.question
        rows: Rows
        if item.high - item.low == 4:
            rows = [
                [
                    (
                        catalog.label(lang, f"survey-scale-{s - item.low + 1}", score=s),
                        _press(screen, Action.ANSWER, s),
                    )
                ]
                for s in range(item.high, item.low - 1, -1)
            ]
            hint = catalog.t(lang, "survey-hint-scale")
        else:
            scores = [
                (str(s), _press(screen, Action.ANSWER, s)) for s in range(item.low, item.high + 1)
            ]
            rows = [scores[: len(scores) // 2], scores[len(scores) // 2 :]]
            hint = catalog.t(lang, "survey-hint-recommend", low=item.low, high=item.high)
        if screen.position > 0:
            rows.append([back])
        text = catalog.t(
            lang,
            "survey-question",
            number=screen.position + 1,
            total=total,
            question=catalog.label(lang, f"survey-question-{item.key}"),
            hint=Html(hint),
        )
        return text, keyboard(rows)
    if screen.step is Step.SUGGESTION:
        skip = (catalog.label(lang, "survey-button-skip"), _press(screen, Action.SKIP))
        text = catalog.t(lang, "survey-ask-suggestion", max=SUGGESTION_MAX)
        return text, keyboard([[skip], [back]])
    answers = "\n".join(
        catalog.t(
            lang,
            "survey-answer-line",
            item=item_name(catalog, lang, i.key),
            score=screen.answers.get(i.key, 0),
        )
        for i in screen.questions
    )
    suggestion = (
        catalog.t(lang, "survey-your-suggestion", text=screen.suggestion)
        if screen.suggestion
        else catalog.t(lang, "survey-no-suggestion")
    )
    text = catalog.t(lang, "survey-confirm", answers=Html(answers), suggestion=Html(suggestion))
    submit = (catalog.label(lang, "survey-button-submit"), _press(screen, Action.SUBMIT))
    return text, keyboard([[submit], [back]])


# ---- results ---------------------------------------------------------------------------------------


def _bars(item: ItemResult) -> list[str]:
    """The distribution drawn in characters (the chart that reads in any chat), best first."""
    most = max(item.counts.values(), default=0) or 1
    width = len(str(item.high))
    return [
        f"<code>{s:>{width}} {'█' * round(n * BAR_WIDTH / most):<{BAR_WIDTH}} {n}</code>"
        for s, n in sorted(item.counts.items(), reverse=True)
    ]


def _comparison(catalog: Catalog, lang: str, item: ItemResult, before: ItemResult | None) -> str:
    if before is None or before.mean is None or item.mean is None:
        return ""
    change = item.mean - before.mean
    arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
    return catalog.t(
        lang,
        "survey-result-before",
        arrow=arrow,
        mean=mean_text(before.mean),
        satisfied=percent(before.satisfied),
    )


def results_lines(deps: Deps, lang: str, results: SurveyResults) -> list[str]:
    """The results as lines (views.text.pack joins them into messages), for /survey and the
    group alike; the survey's days are the school's."""
    catalog, survey = deps.catalog, results.survey
    opened, closing = local_day(deps, survey.opened_at), local_day(deps, survey.closes_at)
    lines = [
        catalog.t(
            lang,
            "survey-results-title",
            term=f" · {survey.term}" if survey.term else "",
            first=opened.isoformat(),
            last=closing.isoformat(),
            state=catalog.label(
                lang, "survey-state-open" if survey.is_open else "survey-state-closed"
            ),
        ),
        catalog.t(
            lang,
            "survey-results-rate",
            responses=results.responses,
            recipients=results.recipients,
            rate=percent(results.rate),
        ),
    ]
    if results.previous is None:
        lines.append(catalog.t(lang, "survey-results-first"))
    else:
        lines.append(
            catalog.t(
                lang,
                "survey-results-previous",
                term=f" · {results.previous.survey.term}" if results.previous.survey.term else "",
                responses=results.previous.responses,
                rate=percent(results.previous.rate),
            )
        )
    for item in results.items:
        before = results.previous.item(item.key) if results.previous is not None else None
        key = "survey-result-recommend" if item.high == 10 else "survey-result-item"
        lines.append("")
        lines.append(
            catalog.t(
                lang,
                key,
                item=item_name(catalog, lang, item.key),
                mean=mean_text(item.mean),
                satisfied=percent(item.satisfied),
                count=item.answered,
            )
            + _comparison(catalog, lang, item, before)
        )
        lines.extend(_bars(item))
    lines.append("")
    lines.append(catalog.t(lang, "survey-results-suggestions", count=len(results.suggestions)))
    return lines


def suggestion_lines(catalog: Catalog, lang: str, suggestions: Sequence[str]) -> list[str]:
    """The written suggestions as one list (for the group: never as cases)."""
    title = catalog.t(lang, "survey-suggestions-title", count=len(suggestions))
    return [title] + [
        catalog.t(lang, "survey-suggestion-line", number=n, text=text)
        for n, text in enumerate(suggestions, 1)
    ]
