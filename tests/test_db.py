"""The reader pool: a committed write is visible to the next read, even while a long read runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.storage.db import Database

# A read that keeps one reader busy for about a second (counting, in the reader's thread).
LONG_READ = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000)"
    " SELECT count(*) FROM c"
)


async def test_a_write_is_visible_to_the_next_read_during_a_long_read(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite", readers=2)
    await db.connect()
    try:
        await db.execute("CREATE TABLE notes (body TEXT NOT NULL)")
        await db.execute("INSERT INTO notes (body) VALUES ('before')")
        long = asyncio.create_task(db.fetchval(LONG_READ))
        await asyncio.sleep(0.05)  # its statement is running on one reader now
        await db.execute("INSERT INTO notes (body) VALUES ('after')")
        assert await db.fetchval("SELECT count(*) FROM notes") == 2
        # The next read used the other reader: it did not wait behind the long one.
        assert not long.done()
        assert await long == 5_000_000
        assert await db.fetchval("SELECT count(*) FROM notes") == 2
    finally:
        await db.close()


async def test_more_reads_than_readers_wait_for_an_idle_one(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite", readers=2)
    await db.connect()
    try:
        values = await asyncio.gather(*(db.fetchval("SELECT ?", (n,)) for n in range(20)))
        assert values == list(range(20))
    finally:
        await db.close()
