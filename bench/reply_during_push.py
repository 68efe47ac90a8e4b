"""reply-during-push: parents send /menu and tap ratings while the 10,000-parent push runs under
Telegram's limits; how long does a parent wait for the bot's answer?

    python bench/reply_during_push.py [--parents 10000] [--every 0.25]

Latency is from the update reaching the simulator (queued for getUpdates) to the bot's answer
reaching it: the /menu reply message, or answerCallbackQuery for a rating tap (the toast the
parent sees; the keyboard edit that marks the chosen face follows it).
Target: p95 <= 250 ms. Takes about 6 minutes (the push itself).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from dataclasses import dataclass

from common import (
    bench,
    is_pushed_menu,
    local_today,
    measured_push,
    parent_ids,
    percentile,
    push_rows,
    record,
    summary_ms,
)

from bot.simulator import RateLimits, SentMessage

RATE = 30.0
TARGET_P95 = 0.250


@dataclass
class Asked:
    kind: str  # menu | rate
    chat_id: int
    at: float
    query_id: str = ""


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parents", type=int, default=10_000)
    parser.add_argument("--every", type=float, default=0.25, help="seconds between two actions")
    args = parser.parse_args()
    parents = parent_ids(args.parents)
    rng = random.Random(7)
    asked: list[Asked] = []
    day = f"{local_today():%Y%m%d}"

    async with bench(RateLimits.telegram()) as run:
        run.configure(rate_global_per_second=RATE, rate_per_chat_per_second=1.0)
        await run.seed(parents)
        sim = run.sim
        menus: dict[int, SentMessage] = {}  # a parent's pushed menu, once it arrived
        seen = 0

        async def parents_act() -> None:
            nonlocal seen
            await asyncio.sleep(2.0)  # the push gets going first
            while True:
                for m in sim.sent[seen:]:
                    if is_pushed_menu(m):
                        menus[m.chat_id] = m
                seen = len(sim.sent)
                if len(asked) % 2 == 0 or not menus:
                    chat = rng.choice(parents)
                    asked.append(Asked("menu", chat, time.monotonic()))
                    sim.send_text(chat, "/menu")
                else:
                    chat = rng.choice(list(menus))
                    meal = rng.choice(["breakfast", "lunch", "dinner"])
                    data = f"rate:{day}:{meal}:{rng.choice([3, 4, 5])}"
                    at = time.monotonic()
                    qid = sim.press_button(chat, menus[chat], data, check=False)
                    asked.append(Asked("rate", chat, at, qid))
                await asyncio.sleep(args.every)

        f = await measured_push(
            run, parents, within=args.parents / RATE * 1.5 + 60, during=parents_act
        )
        latencies: dict[str, list[float]] = {"menu": [], "rate": []}
        replies: dict[int, list[float]] = {}  # chat → when /menu answers (navigation) arrived
        for m, at in zip(sim.sent, sim.sent_at, strict=True):
            if any(str(b.get("callback_data", "")).startswith("menu:") for b in m.buttons):
                replies.setdefault(m.chat_id, []).append(at)
        unanswered = 0
        for a in asked:
            if a.kind == "rate":
                answered = sim.answered_at.get(a.query_id)
                if answered is None:
                    unanswered += 1
                else:
                    latencies["rate"].append(answered - a.at)
                continue
            later = [t for t in replies.get(a.chat_id, []) if t >= a.at]
            reply = later[0] if later else None
            if reply is None:
                unanswered += 1
            else:
                latencies["menu"].append(reply - a.at)
    edits = sim.requests["editMessageReplyMarkup"]
    everything = latencies["menu"] + latencies["rate"]
    p95 = percentile(everything, 95)
    ok = p95 <= TARGET_P95 and unanswered == 0
    record(
        "reply-during-push",
        f"p95 <= {1000 * TARGET_P95:.0f} ms from the update reaching the simulator to the answer, "
        f"while the push runs at {RATE:.0f}/s",
        [
            ("actions during the push", f"{len(asked)} (one every {args.every:g} s), {unanswered} unanswered"),
            ("all answers", summary_ms(everything)),
            ("/menu → the menu message", summary_ms(latencies["menu"])),
            ("rating tap → answerCallbackQuery", summary_ms(latencies["rate"])),
            *push_rows(f),
        ],
        "met" if ok else f"missed (p95 {1000 * p95:.0f} ms, {unanswered} unanswered)",
        "answers take the next global slot ahead of bulk (at most one slot, "
        f"{1000 / RATE:.0f} ms at {RATE:.0f}/s), plus the handler's reads and one request; "
        "the push gives up the slots the answers and keyboard edits take (sends + edits "
        f"{(f.send_requests + edits) / f.seconds:.1f}/s in all)",
    )  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
