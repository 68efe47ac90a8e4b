"""The survey results' chart: each item's share of satisfied parents, beside the previous
survey's. Drawn like the weekly report's charts (views.charts: a worker process, a CJK font or
English labels)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import Catalog
from bot.services.survey_results import SurveyResults
from bot.views.charts import CJK_FONTS, HEIGHT, WIDTH, Charts, ascii_text, png, pyplot_with_font


@dataclass(frozen=True)
class Labels:
    title: str
    x: str
    now: str
    before: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class SurveyChartInput:
    now: tuple[float, ...]  # percent satisfied, per item
    before: tuple[float | None, ...] | None  # the previous survey's, per item; None: no previous
    labels: Labels  # in the reader's language
    fallback: Labels  # English, for a machine without a CJK font


def _labels(catalog: Catalog, lang: str, keys: Sequence[str]) -> Labels:
    return Labels(
        title=catalog.label(lang, "survey-chart-title"),
        x=catalog.label(lang, "survey-chart-x"),
        now=catalog.label(lang, "survey-chart-now"),
        before=catalog.label(lang, "survey-chart-before"),
        items=tuple(catalog.label(lang, f"survey-item-{key}") for key in keys),
    )


def chart_input(catalog: Catalog, lang: str, results: SurveyResults) -> SurveyChartInput | None:
    """None when no item has an answer yet."""
    shown = [item for item in results.items if item.satisfied is not None]
    if not shown:
        return None
    keys = [item.key for item in shown]
    before: tuple[float | None, ...] | None = None
    if results.previous is not None:
        earlier = [results.previous.item(key) for key in keys]
        before = tuple(
            None if e is None or e.satisfied is None else float(e.satisfied * 100) for e in earlier
        )
    return SurveyChartInput(
        now=tuple(float(item.satisfied * 100) for item in shown if item.satisfied is not None),
        before=before,
        labels=_labels(catalog, lang, keys),
        fallback=_labels(catalog, "en", keys),
    )


def draw(data: SurveyChartInput, fonts: Sequence[str] = CJK_FONTS) -> Charts:
    """One horizontal bar chart (runs in the worker)."""
    pyplot, cjk = pyplot_with_font(fonts)
    labels = data.labels
    if not cjk:
        fallback = data.fallback
        labels = Labels(
            ascii_text(fallback.title),
            ascii_text(fallback.x),
            ascii_text(fallback.now),
            ascii_text(fallback.before),
            tuple(ascii_text(item) for item in fallback.items),
        )
    figure, axes = pyplot.subplots(figsize=(WIDTH, HEIGHT))
    rows = list(range(len(data.now)))[::-1]  # the first item on top
    height = 0.4 if data.before is not None else 0.6
    axes.barh(rows, data.now, height=height, color="#2a7ab9", label=labels.now)
    if data.before is not None:
        before = [0.0 if share is None else share for share in data.before]
        axes.barh(
            [r - height for r in rows], before, height=height, color="#b0b0b0", label=labels.before
        )
        axes.legend(loc="lower right")
    axes.set_yticks([r - (height / 2 if data.before is not None else 0) for r in rows])
    axes.set_yticklabels(labels.items)
    axes.set_xlim(0, 100)
    axes.set_xlabel(labels.x)
    axes.set_title(labels.title)
    axes.grid(axis="x", alpha=0.3)
    return Charts((png(pyplot, figure),), cjk)
