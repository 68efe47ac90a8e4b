"""Migrations apply in order, each atomically, and upgrade a database that holds data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.storage.db import MIGRATIONS_DIR, Database, split_statements


async def test_upgrade_from_the_first_migration_keeps_data(tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_foundation.sql", first)
    db = Database(tmp_path / "db.sqlite")
    await db.connect()
    try:
        assert await db.migrate(first) == ["0001_foundation.sql"]
        await db.execute(
            "INSERT INTO classes (grade, name, invite_code) VALUES ('初一', '初一(1)班', 'abc')"
        )
        await db.execute(
            "INSERT INTO users (id, language, created_at, updated_at) VALUES (7, 'zh', 't', 't')"
        )
        await db.execute(
            "INSERT INTO children (parent_id, class_id, name, created_at) VALUES (7, 1, '小明', 't')"
        )
        applied = await db.migrate()
        assert applied == sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql"))[1:]
        # The highest number, not the count: numbers are taken per branch and may leave gaps.
        assert await db.schema_version() == max(
            int(p.name[:4]) for p in MIGRATIONS_DIR.glob("*.sql")
        )
        assert await db.fetchval("SELECT name FROM children WHERE parent_id = 7") == "小明"
        assert await db.migrate() == []
    finally:
        await db.close()


async def test_a_failing_migration_leaves_nothing_half_applied(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (folder / "0002_bad.sql").write_text(
        "CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n"
    )
    db = Database(tmp_path / "db.sqlite")
    await db.connect()
    try:
        with pytest.raises(Exception, match="nowhere"):
            await db.migrate(folder)
        assert await db.schema_version() == 1
        assert await db.fetchval("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == 0
    finally:
        await db.close()


def test_split_statements_keeps_triggers_whole() -> None:
    script = (
        "-- a comment\nCREATE TABLE t (x INTEGER);\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\nEND;\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER")
