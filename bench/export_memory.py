"""export-memory: a term of a large school (1,000,000 ratings by 10,000 parents, 400 reports with
their history) exported to .xlsx, and the weekly report's chart worker; the peak resident memory
of each process.

    python bench/export_memory.py [--ratings 1000000]

The export runs as `python -m bot export` (the same code /export runs in its worker process);
the chart worker is views.charts.draw_in_worker on a full term (20 weeks, every category, 40
cases). Each is its own process, and its peak RSS is the kernel's high-water mark for it
(VmHWM, polled until it exits). Target: each under 150 MB (the bot's goal at 100,000 parents), the workbook opens
with openpyxl and holds every rating.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psutil
from common import ROOT, TIMEZONE, mb, record
from openpyxl import load_workbook

TARGET_RSS = 150 * 1024 * 1024
PARENTS = 10_000
FIRST_DAY = date(2026, 9, 1)
MEALS = ("breakfast", "lunch", "dinner")
CATEGORIES = ("taste", "portion", "temperature", "hygiene", "foreign_object", "illness", "allergy")


def stamp(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ"
    )


def school_days(count: int) -> list[date]:
    days: list[date] = []
    day = FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def seed(path: Path, ratings: int) -> tuple[date, date]:
    """Parents, a term of ratings (one per parent and meal until the count is reached), reports
    with acknowledgements and resolutions; returns the term's first and last school day."""
    env = {**os.environ, "BOT_TOKEN": "1:BENCH", "DATABASE_PATH": str(path)}
    subprocess.run([sys.executable, "-m", "bot", "migrate"], env=env, check=True, cwd=ROOT)
    meals_needed = -(-ratings // PARENTS)
    days = school_days(-(-meals_needed // len(MEALS)))
    conn = sqlite3.connect(path)
    now = stamp(FIRST_DAY, 0)
    with conn:
        conn.execute(
            "INSERT INTO classes (grade, name, invite_code) VALUES ('初一', '初一(1)班', 'BENCH1')"
        )
        conn.executemany(
            "INSERT INTO users (id, first_name, language, created_at, updated_at)"
            " VALUES (?, '家长', 'zh', ?, ?)",
            ((p, now, now) for p in range(1, PARENTS + 1)),
        )
        conn.executemany(
            "INSERT INTO children (parent_id, class_id, name, allergens, created_at)"
            " VALUES (?, 1, '孩子', 'peanut', ?)",
            ((p, now) for p in range(1, PARENTS + 1)),
        )
        slots = [(d, m) for d in days for m in MEALS][:meals_needed]
        rows = (
            (p, p, 1, d.isoformat(), m, 1 + (p + n) % 5, stamp(d, 5), stamp(d, 5))
            for n, (d, m) in enumerate(slots)
            for p in range(1, PARENTS + 1)
        )
        conn.executemany(
            "INSERT INTO ratings (parent_id, child_id, class_id, date, meal, score, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (r for n, r in enumerate(rows) if n < ratings),
        )
        for n in range(400):
            day = days[n % len(days)]
            cur = conn.execute(
                "INSERT INTO feedback (parent_id, child_id, class_name, date, meal, category, text,"
                " flagged, urgent, status, created_at, acknowledged_at, resolved_at)"
                " VALUES (?, ?, '初一(1)班', ?, 'lunch', ?, '孩子说饭菜有异味', 1, 0, 'resolved',"
                " ?, ?, ?)",
                (n + 1, n + 1, day.isoformat(), CATEGORIES[n % len(CATEGORIES)],
                 stamp(day, 4), stamp(day, 5), stamp(day, 7)),
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO feedback_events (feedback_id, at, kind, actor_name, detail)"
                " VALUES (?, ?, ?, '员工', '')",
                [(cur.lastrowid, stamp(day, h), k) for h, k in
                 ((4, "created"), (5, "acknowledged"), (7, "resolved"))],
            )  # fmt: skip
    conn.close()
    return days[0], days[-1]


def high_water(pid: int) -> int:
    """The process's peak RSS so far (VmHWM, bytes); 0 once it is gone. Unlike getrusage's
    ru_maxrss, which a child inherits from the process that forked it, VmHWM starts afresh at
    exec: it is the program's own peak."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def peak_of(command: list[str], env: dict[str, str]) -> tuple[int, float, str]:
    """(peak RSS in bytes of the process and any it starts, seconds, stdout)."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, text=True)
        peak = 0
        watched = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                pids = [process.pid, *(c.pid for c in watched.children(recursive=True))]
            except psutil.NoSuchProcess:
                pids = []
            peak = max([peak, *(high_water(pid) for pid in pids)])
            time.sleep(0.1)
        if process.returncode:
            raise SystemExit(f"{command} exited with {process.returncode}")
        out.seek(0)
        return peak, time.monotonic() - started, out.read()


# The chart worker as the bot starts it (draw_in_worker), from a process that has not imported
# matplotlib; peak_of watches the worker it spawns.
CHART_WORKER = """
import asyncio
from bot.views.charts import ChartInput, ChartLabels, draw_in_worker
labels = ChartLabels("本学期每周平均评分", "周", "平均分", "家长反映（按类别）", "条数",
                     "受理用时", "工单编号", "分钟", tuple(f"类别{n}" for n in range(10)))
data = ChartInput(tuple((f"W{n}", 3 + n % 3 * 0.5) for n in range(20)), tuple(range(1, 11)),
                  tuple((f"#{n}", float(n)) for n in range(40)), labels, labels)
charts = asyncio.run(draw_in_worker(data))
print(len(charts.images), sum(map(len, charts.images)), charts.cjk)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ratings", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mealwatch-export-bench-") as folder:
        db, target = Path(folder) / "bench.db", Path(folder) / "term.xlsx"
        started = time.monotonic()
        first, last = seed(db, args.ratings)
        seeded = time.monotonic() - started
        env = {
            **os.environ,
            "BOT_TOKEN": "1:BENCH",
            "DATABASE_PATH": str(db),
            "TIMEZONE": TIMEZONE,
        }
        export = [sys.executable, "-m", "bot", "export", "--from", str(first), "--to", str(last)]
        peak, seconds, out = peak_of([*export, str(target)], env)
        size = target.stat().st_size
        worker_peak, _, chart_out = peak_of([sys.executable, "-c", CHART_WORKER], env)
        images, png_bytes, cjk = chart_out.split()
        book = load_workbook(target, read_only=True)
        # Read back in full: the workbook opens, and every rating is in it (a write-only
        # workbook records no dimensions, so the rows are counted).
        rating_rows = sum(
            sum(1 for _ in sheet.iter_rows(min_row=2, values_only=True))
            for sheet in book.worksheets
            if sheet.title.startswith("评分")
        )
        sheet_names = book.sheetnames
        book.close()
    ok = (
        peak <= TARGET_RSS
        and worker_peak <= TARGET_RSS
        and rating_rows == args.ratings
        and sheet_names[0] == "说明"
    )
    rows = [
        ("ratings exported / in the database", f"{rating_rows:,} / {args.ratings:,}"),
        ("exporter peak RSS (python -m bot export)", mb(peak)),
        ("export time", f"{seconds:.0f} s ({args.ratings / seconds:,.0f} ratings/s)"),
        ("workbook size", mb(size)),
        ("sheets", ", ".join(sheet_names)),
        ("chart worker peak RSS (and the process that started it)", mb(worker_peak)),
        ("charts", f"{images} PNGs, {int(png_bytes) / 1024:.0f} KB in all, CJK font: {cjk}"),
        ("seeding (not measured)", f"{seeded:.0f} s"),
        ("exporter's output", out.strip().replace("\n", "; ")),
    ]
    record(
        "export-memory",
        "peak RSS <= 150 MB exporting 1,000,000 ratings, and for the chart worker; the workbook opens",
        rows,
        "met" if ok else "missed",
        "openpyxl's write-only mode keeps one row at a time (rows go to a temporary file, zipped "
        "at save) and each sheet's SQL cursor is iterated, never fetched whole; the chart worker "
        "is matplotlib's own import and one 800×450 figure at a time",
    )


if __name__ == "__main__":
    main()
