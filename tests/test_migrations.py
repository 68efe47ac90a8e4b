"""Migrations apply in order, each atomically, and upgrade a database that holds data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage.db import MIGRATIONS_DIR, Database, MigrationsMissing, split_statements

ROOT = Path(__file__).resolve().parents[1]


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


async def test_an_empty_migrations_folder_stops_instead_of_running_on_no_schema(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "db.sqlite")
    await db.connect()
    try:
        with pytest.raises(MigrationsMissing, match="no database migrations"):
            await db.migrate(tmp_path)
        with pytest.raises(MigrationsMissing):
            await db.migrate(tmp_path / "absent")
    finally:
        await db.close()


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=180
    )


def test_a_built_and_installed_distribution_migrates_and_says_when_it_cannot(
    tmp_path: Path,
) -> None:
    """`pip install .` (not editable) must carry the migrations inside the package."""
    source = tmp_path / "src"
    for name in ("bot", "migrations"):
        shutil.copytree(
            ROOT / name, source / name, symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )  # fmt: skip
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    offline = {"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(source)],
        tmp_path, offline,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    installed = _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site),
         *map(str, wheels.glob("*.whl"))],
        tmp_path, offline,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    assert not (site / "bot" / "migrations").is_symlink()
    env = {
        "PYTHONPATH": str(site),
        "BOT_TOKEN": "1:T",
        "DATABASE_PATH": str(tmp_path / "installed.db"),
    }
    migrated = _run([sys.executable, "-m", "bot", "migrate"], tmp_path, env)
    expected = max(int(p.name[:4]) for p in MIGRATIONS_DIR.glob("*.sql"))
    assert migrated.returncode == 0, migrated.stderr
    assert f"schema version {expected}" in migrated.stdout
    shutil.rmtree(site / "bot" / "migrations")
    broken = _run([sys.executable, "-m", "bot", "migrate"], tmp_path, env)
    assert broken.returncode == 2
    assert broken.stderr.strip().splitlines() == [
        f"no database migrations in {site / 'bot' / 'migrations'}: "
        "the installation is incomplete, reinstall it"
    ]
