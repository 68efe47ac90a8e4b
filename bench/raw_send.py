"""raw-send: the daily push with the rate cap lifted (paid broadcasts allow up to 1000 msg/s), so
what limits it is the bot's own cost per message, database bookkeeping included.

    python bench/raw_send.py [--parents 10000]

Target: >= 500 msg/s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio

from common import bench, measured_push, parent_ids, push_bound, push_rows, record

from bot.simulator import RateLimits

TARGET = 500.0
PAID_RATE = 1000.0


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parents", type=int, default=10_000)
    args = parser.parse_args()
    parents = parent_ids(args.parents)
    limits = RateLimits(global_per_second=PAID_RATE, per_chat_per_second=1.0, per_chat_burst=3)
    async with bench(limits) as run:
        run.configure(rate_global_per_second=PAID_RATE, rate_per_chat_per_second=1.0)
        await run.seed(parents)
        f = await measured_push(run, parents, within=max(120.0, args.parents / 50))
    ok = f.rate >= TARGET and f.lost == 0 and f.duplicates == 0
    cpu_share = f.bot_cpu / f.seconds if f.seconds else 0.0
    record(
        "raw-send",
        f">= {TARGET:.0f} msg/s with the cap lifted (simulator and bot at {PAID_RATE:.0f}/s)",
        [*push_rows(f), ("bot CPU busy during the push", f"{100 * cpu_share:.0f}% of one core")],
        "met" if ok else f"missed ({f.rate:.0f} msg/s, {100 * f.rate / TARGET:.0f}% of target)",
        push_bound(f, PAID_RATE),
    )


if __name__ == "__main__":
    asyncio.run(main())
