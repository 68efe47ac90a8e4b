"""The sample files the project ships, and the one way to lay the sample menu week onto dates.

Tests, benchmarks and the demo all need a menu "for this week" whatever day they run on, so the
shipped week (Monday to Friday, fixed dates) is moved onto dates the caller chooses from its own
clock. The shipped file stays as a canteen manager would save it.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from importlib import resources

__all__ = ["monday_of", "read", "week_on"]


def read(name: str) -> bytes:
    """A shipped sample file (classes.csv, menu-week.csv, …) as bytes."""
    return resources.files(__name__).joinpath(name).read_bytes()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_on(first: date, days: int = 5) -> bytes:
    """The sample menu laid onto ``days`` consecutive dates from ``first``.

    The sample's own school days are cycled in order, so five days from a Monday give exactly the
    shipped week, and longer spans (weekends included) repeat it.
    """
    if days < 1:
        raise ValueError(f"days must be >= 1, got {days}")
    text = read("menu-week.csv").decode("utf-8-sig")
    header, *rows = [row for row in csv.reader(io.StringIO(text)) if row]
    source_days = sorted({row[0] for row in rows})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for offset in range(days):
        source = source_days[offset % len(source_days)]
        target = (first + timedelta(days=offset)).isoformat()
        writer.writerows([target, *row[1:]] for row in rows if row[0] == source)
    return out.getvalue().encode("utf-8")
