"""ingest: 1,000 parents send 5,000 updates (ratings under their pushed menu and reports) as fast
as the simulator can queue them; how many does the bot process per second, each stored and
answered?

    python bench/ingest.py [--parents 1000]

Each parent: a rating for breakfast, lunch and dinner, a changed lunch rating (one-tap rating
buttons, rate:<YYYYMMDD>:<meal>:<score>), and a free-text report ("the soup was cold"), which the
bot stores and answers with "file this as a report?". Outgoing limits are lifted (1000 msg/s) so
the figure is the bot's own: under Telegram's 30 msg/s the keyboard edits that mark a tapped face
would queue behind that limit, while answerCallbackQuery (the toast) is not limited.
Target: >= 300 updates/s.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time

from common import (
    bench,
    is_pushed_menu,
    local_today,
    parent_ids,
    record,
    summary_ms,
    wait_for,
)

from bot.simulator import RateLimits, SentMessage
from bot.storage import bulk
from bot.storage.db import Database

TARGET = 300.0
PAID_RATE = 1000.0
REPORTS = ("今天的汤有点凉。", "米饭有点硬，孩子说没吃饱。", "The noodles were too salty today.")


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parents", type=int, default=1000)
    args = parser.parse_args()
    parents = parent_ids(args.parents)
    rng = random.Random(11)
    day = f"{local_today():%Y%m%d}"
    limits = RateLimits(global_per_second=PAID_RATE, per_chat_per_second=1.0, per_chat_burst=3)
    async with bench(limits) as run:
        run.configure(rate_global_per_second=PAID_RATE, rate_per_chat_per_second=1.0)
        await run.seed(parents)
        sim = run.sim
        print(run.queue_push())
        await run.start_bot()
        await wait_for(lambda: sim.pushed >= len(parents), 120, why="(the menus)")
        await wait_for(lambda: sim.pending_updates == 0, 30)
        await asyncio.sleep(2.0)  # the push's last rows are marked; the bot is idle
        menus: dict[int, SentMessage] = {m.chat_id: m for m in sim.sent if is_pushed_menu(m)}
        first_sent = len(sim.sent)
        edits0 = sim.requests["editMessageReplyMarkup"]
        cpu0, sim_cpu0 = run.cpu_seconds(), time.process_time()

        # Every update is queued at once, parent after parent for each action, so chats mix.
        queries: list[tuple[str, float]] = []
        texts: dict[int, float] = {}
        t0 = time.monotonic()
        for step in range(5):
            for chat in parents:
                if step < 4:
                    meal = ("breakfast", "lunch", "dinner", "lunch")[step]
                    score = rng.choice([3, 4, 5])
                    data = f"rate:{day}:{meal}:{score}"
                    qid = sim.press_button(chat, menus[chat], data, check=False)
                    queries.append((qid, time.monotonic()))
                else:
                    texts[chat] = time.monotonic()
                    sim.send_text(chat, rng.choice(REPORTS))
        fed = time.monotonic() - t0
        total = len(queries) + len(texts)

        def offers_answered() -> int:
            return sum(
                1
                for m in sim.sent[first_sent:]
                if any(str(b.get("callback_data", "")).startswith("fbo:") for b in m.buttons)
            )

        def all_answered() -> bool:
            return (
                all(q in sim.answered_at for q, _ in queries) and offers_answered() >= len(texts)
            ) or run.exited()

        await wait_for(all_answered, 300, every=0.05, why="(answers)")
        bot_cpu, sim_cpu = run.cpu_seconds() - cpu0, time.process_time() - sim_cpu0
        await wait_for(
            lambda: sim.requests["editMessageReplyMarkup"] - edits0 >= len(queries), 60, every=0.05
        )
        done_at = time.monotonic()
        await asyncio.sleep(1.0)
        await run.stop_bot()

        latencies = [sim.answered_at[q] - at for q, at in queries if q in sim.answered_at]
        offer_times: dict[int, float] = {}
        for m, at in zip(sim.sent[first_sent:], sim.sent_at[first_sent:], strict=True):
            if any(str(b.get("callback_data", "")).startswith("fbo:") for b in m.buttons):
                offer_times.setdefault(m.chat_id, at)
        latencies += [offer_times[c] - at for c, at in texts.items() if c in offer_times]
        last_answer = max(
            [sim.answered_at[q] for q, _ in queries if q in sim.answered_at]
            + list(offer_times.values())
        )
        db = Database(run.db_path)
        await db.connect()
        try:
            stored = await bulk.row_counts(db, ["ratings", "feedback_offers"])
        finally:
            await db.close()
    rate = total / (last_answer - t0)
    expected = {"ratings": 3 * len(parents), "feedback_offers": len(parents)}
    ok = rate >= TARGET and stored == expected and len(latencies) == total
    record(
        "ingest",
        f">= {TARGET:.0f} updates/s processed, each stored and answered",
        [
            ("updates", f"{total:,} from {len(parents):,} parents ({len(queries):,} rating taps, {len(texts):,} reports)"),
            ("simulator fed them in", f"{fed:.2f} s"),
            ("processed and answered", f"{rate:.0f} updates/s ({last_answer - t0:.1f} s to the last answer)"),
            ("all done, keyboard edits included", f"{total / (done_at - t0):.0f} updates/s ({done_at - t0:.1f} s); {sim.requests['editMessageReplyMarkup'] - edits0:,} edits"),
            ("stored", f"ratings {stored['ratings']:,} (expected {expected['ratings']:,}: one per child and meal), offers {stored['feedback_offers']:,} (expected {expected['feedback_offers']:,})"),
            ("answered", f"{len(latencies):,} of {total:,}"),
            ("time from queued to answered", summary_ms(latencies)),
            ("bot CPU per update", f"{1000 * bot_cpu / total:.2f} ms ({bot_cpu:.1f} s to the last answer)"),
            ("simulator CPU per update", f"{1000 * sim_cpu / total:.2f} ms"),
        ],
        "met" if ok else f"missed ({rate:.0f} updates/s, {100 * rate / TARGET:.0f}% of target)",
        f"the bot's CPU ({100 * bot_cpu / (last_answer - t0):.0f}% of a core to the last answer, "
        f"{1000 * bot_cpu / total:.1f} ms per update): python-telegram-bot parsing each update "
        "(the callback query carries the whole menu message and keyboard) and two requests per "
        "rating (answerCallbackQuery, editMessageReplyMarkup); "
        "the database is ~6% of it (profile in RESULTS.md)",
    )  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
