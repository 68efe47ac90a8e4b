"""push-10k: the daily menu to 10,000 parents, the simulator enforcing Telegram's limits
(30 msg/s overall, 1 msg/s per chat with a burst of 3, 20/min per group).

    python bench/push_10k.py [--parents 10000]

Targets: >= 95% of the configured rate (>= 28.5 msg/s at 30/s), <= 0.5% of send requests
answered 429, nothing lost. Takes about 6 minutes: 10,000 / 30 s.
"""

from __future__ import annotations

import argparse
import asyncio

from common import bench, measured_push, parent_ids, push_bound, push_rows, record

from bot.simulator import RateLimits

RATE = 30.0


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parents", type=int, default=10_000)
    args = parser.parse_args()
    parents = parent_ids(args.parents)
    async with bench(RateLimits.telegram()) as run:
        run.configure(rate_global_per_second=RATE, rate_per_chat_per_second=1.0)
        await run.seed(parents)
        f = await measured_push(run, parents, within=args.parents / RATE * 1.5 + 60)
        retries_logged = run.log_count("429 for sendMessage")
    rate_ok = f.rate >= 0.95 * RATE
    share_ok = f.share_429 <= 0.005
    lost_ok = f.lost == 0 and f.duplicates == 0 and f.statuses.get("sent") == len(parents)
    missed = [
        what
        for what, ok in (
            (f"rate {f.rate:.2f} msg/s = {100 * f.rate / RATE:.1f}% of {RATE:.0f}", rate_ok),
            (f"{100 * f.share_429:.2f}% 429s", share_ok),
            (f"{f.lost} lost, {f.duplicates} duplicates", lost_ok),
        )
        if not ok
    ]
    record(
        "push-10k",
        f">= {0.95 * RATE:.1f} msg/s (95% of {RATE:.0f}/s), <= 0.5% answered 429, 0 lost",
        [
            *push_rows(f),
            ("share of the configured rate", f"{100 * f.rate / RATE:.1f}%"),
            ("429s the bot logged (each waited out, then retried)", str(retries_logged)),
        ],
        "met" if not missed else "missed: " + "; ".join(missed),
        push_bound(f, RATE),
    )


if __name__ == "__main__":
    asyncio.run(main())
