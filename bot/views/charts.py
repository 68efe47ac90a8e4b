"""The weekly report's charts as PNG images, drawn in a short-lived worker process.

matplotlib costs the bot tens of megabytes once imported, and the memory goal (peak RSS
<= 150 MB at 100,000 parents) has no room for it: the charts are drawn in a process started for
one report (spawned, so it inherits nothing of the bot) that imports matplotlib there, with the
Agg backend, and ends with the report. This module imports no matplotlib at its top.

Chinese labels need a CJK font from the system (fonts-wqy-zenhei or fonts-noto-cjk). Without
one, matplotlib would draw boxes: the labels fall back to English (ASCII), and the message's
text carries the Chinese.
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

# Families looked for, in this order (Debian: fonts-noto-cjk, fonts-wqy-zenhei, fonts-wqy-microhei).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
WIDTH, HEIGHT, DPI = 8.0, 4.5, 100  # 800 × 450 pixels
MOST_CASES = 40  # bars in the time-to-acknowledge chart

T = TypeVar("T")


@dataclass(frozen=True)
class ChartLabels:
    weeks_title: str
    weeks_x: str
    weeks_y: str
    categories_title: str
    categories_x: str
    ack_title: str
    ack_x: str
    ack_y: str
    categories: tuple[str, ...]  # one per ChartInput.categories


@dataclass(frozen=True)
class ChartInput:
    weeks: tuple[tuple[str, float], ...]  # (week's Monday as MM-DD, average rating)
    categories: tuple[int, ...]  # reports per category, in ChartLabels.categories' order
    acknowledge: tuple[tuple[str, float], ...]  # (case as #N, minutes to acknowledge)
    labels: ChartLabels  # in the reader's language
    fallback: ChartLabels  # English, for a machine without a CJK font


@dataclass(frozen=True)
class Charts:
    images: tuple[bytes, ...]  # PNGs, in the order weeks, categories, acknowledge (those with data)
    cjk: bool  # drawn with a CJK font (False: English labels)


def ascii_text(text: str) -> str:
    """What a font without CJK can draw: nothing outside ASCII reaches matplotlib then."""
    return text.encode("ascii", "ignore").decode("ascii").strip()


def _ascii_labels(labels: ChartLabels) -> ChartLabels:
    texts = {key: ascii_text(value) for key, value in vars(labels).items() if isinstance(value, str)}
    return replace(labels, **texts, categories=tuple(ascii_text(c) for c in labels.categories))


def pyplot_with_font(fonts: Sequence[str]) -> tuple[Any, bool]:
    """matplotlib's pyplot on the Agg backend with the first installed CJK font of `fonts`, and
    whether there was one (in the worker: imports matplotlib here)."""
    import matplotlib

    matplotlib.use("Agg")
    # "Failed to find font weight normal, now using 500" for a CJK font with one weight: noise.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    from matplotlib import font_manager, pyplot

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((name for name in fonts if name in installed), None)
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return pyplot, family is not None


def png(pyplot: Any, figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    pyplot.close(figure)
    return buffer.getvalue()


def draw(data: ChartInput, fonts: Sequence[str] = CJK_FONTS) -> Charts:
    """The charts that have data (runs in the worker)."""
    from matplotlib.ticker import MaxNLocator

    pyplot, cjk = pyplot_with_font(fonts)
    labels = data.labels if cjk else _ascii_labels(data.fallback)
    images: list[bytes] = []

    def save(figure: Any) -> None:
        images.append(png(pyplot, figure))

    if data.weeks:
        figure, axes = pyplot.subplots(figsize=(WIDTH, HEIGHT))
        weeks = [w for w, _ in data.weeks]
        axes.plot(weeks, [a for _, a in data.weeks], marker="o", color="#2a7ab9")
        axes.set_ylim(1, 5)
        axes.set_title(labels.weeks_title)
        axes.set_xlabel(labels.weeks_x)
        axes.set_ylabel(labels.weeks_y)
        axes.grid(axis="y", alpha=0.3)
        axes.tick_params(axis="x", labelrotation=45)
        save(figure)
    if data.categories:
        figure, axes = pyplot.subplots(figsize=(WIDTH, HEIGHT))
        names = list(labels.categories)[::-1]
        axes.barh(names, list(data.categories)[::-1], color="#d9822b")
        axes.set_title(labels.categories_title)
        axes.set_xlabel(labels.categories_x)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        save(figure)
    if data.acknowledge:
        figure, axes = pyplot.subplots(figsize=(WIDTH, HEIGHT))
        shown = data.acknowledge[-MOST_CASES:]
        axes.bar([c for c, _ in shown], [m for _, m in shown], color="#5a9e52")
        axes.set_title(labels.ack_title)
        axes.set_xlabel(labels.ack_x)
        axes.set_ylabel(labels.ack_y)
        axes.tick_params(axis="x", labelrotation=90 if len(shown) > 12 else 0)
        save(figure)
    return Charts(tuple(images), cjk)


async def in_worker(
    drawing: Callable[[T, Sequence[str]], Charts], data: T, fonts: Sequence[str] = CJK_FONTS
) -> Charts:
    """drawing(data, fonts) in a process of its own, started for this call and gone after it."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        return await asyncio.wrap_future(pool.submit(drawing, data, tuple(fonts)))
    finally:
        # Joining the worker waits for it to exit: off the event loop.
        await asyncio.to_thread(pool.shutdown)


async def draw_in_worker(data: ChartInput, fonts: Sequence[str] = CJK_FONTS) -> Charts:
    return await in_worker(draw, data, fonts)
