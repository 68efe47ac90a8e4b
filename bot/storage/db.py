"""The SQLite connections and the migration runner.

One writer connection guarded by an asyncio lock (SQLite allows one writer; the lock also keeps
coroutines from interleaving statements inside each other's transactions) and a small pool of
reader connections: WAL lets them read committed data while the writer works. A read takes an
idle reader for one statement (its own implicit transaction, ended when the statement is done)
and gives it back, so no read shares another's snapshot and a slow read holds up only its own
connection, not every read behind it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

# Inside the package (bot/migrations links to the top-level folder in a checkout, and is a real
# folder in an installed distribution), so `pip install .` carries the schema along.
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
BUSY_TIMEOUT_MS = 10_000
READERS = 3  # each is a thread; reads are short, so a few cover a slow one

Params = Sequence[Any] | dict[str, Any]


class MigrationsMissing(RuntimeError):
    """The schema files are not where the package expects them: an incomplete installation.
    Running on without them would serve every request from an empty schema."""


def require_migrations(directory: Path = MIGRATIONS_DIR) -> list[Path]:
    found = sorted(directory.glob("*.sql")) if directory.is_dir() else []
    if not found:
        raise MigrationsMissing(
            f"no database migrations in {directory}: the installation is incomplete, reinstall it"
        )
    return found


class Database:
    def __init__(self, path: Path, readers: int = READERS) -> None:
        self.path = path
        self.readers = readers
        self._writer: aiosqlite.Connection | None = None
        self._readers: list[aiosqlite.Connection] = []
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._write_lock = asyncio.Lock()
        self._identity: tuple[int, int] | None = None

    async def connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = await self._open()
        await _run(self._writer, "PRAGMA journal_mode=WAL")
        self._identity = _identity(self.path)
        self._readers = [await self._open() for _ in range(self.readers)]
        self._idle = asyncio.Queue()
        for conn in self._readers:
            self._idle.put_nowait(conn)

    async def _open(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        for pragma in (f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON", "synchronous=NORMAL"):
            await _run(conn, f"PRAGMA {pragma}")
        return conn

    def is_intact(self) -> bool:
        """Whether DATABASE_PATH is still the file opened. A deleted or replaced file keeps
        taking writes through the open handles, and all of them are lost at the next start."""
        return self._identity is not None and _identity(self.path) == self._identity

    async def close(self) -> None:
        for conn in (*self._readers, self._writer):
            if conn is not None:
                await conn.close()
        self._readers, self._writer = [], None

    @property
    def writer(self) -> aiosqlite.Connection:
        assert self._writer is not None, "Database.connect() was not called"
        return self._writer

    async def _reader(self) -> aiosqlite.Connection:
        assert self._readers, "Database.connect() was not called"
        return await self._idle.get()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        async with self._write_lock:
            conn = self.writer
            await _run(conn, "BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await _run(conn, "ROLLBACK")
                raise
            await _run(conn, "COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement in its own transaction; returns the new row's id (an INSERT's).
        Not a count: for UPDATE/DELETE the connection's last insert id would come back, so
        counting callers use their own cursor's rowcount."""
        async with self.transaction() as conn, conn.execute(sql, params) as cur:
            return cur.lastrowid or 0

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        # One trip to the connection's thread (execute, fetch, done) instead of three (execute,
        # fetch, close): each trip costs the event loop more than a small query does.
        conn = await self._reader()
        try:
            return list(await conn.execute_fetchall(sql, params))
        finally:
            self._idle.put_nowait(conn)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def migrate(self, directory: Path = MIGRATIONS_DIR) -> list[str]:
        """Apply pending migrations in order, each in its own transaction; returns their names."""
        require_migrations(directory)
        conn = self.writer
        await _run(
            conn,
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
        )
        async with conn.execute("SELECT version FROM schema_migrations") as cur:
            done = {row[0] for row in await cur.fetchall()}
        applied: list[str] = []
        for version, path in pending_migrations(directory, done):
            async with self.transaction() as tx:
                for statement in split_statements(path.read_text(encoding="utf-8")):
                    await _run(tx, statement)
                await _run(
                    tx,
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                    (version, path.name),
                )
            log.info("applied migration %s", path.name)
            applied.append(path.name)
        return applied

    async def schema_version(self) -> int:
        return int(await self.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))

    async def backup(self, target: Path) -> None:
        """A consistent copy via SQLite's online backup API, safe while the bot runs."""
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = await self._reader()
        try:
            dest = await aiosqlite.connect(target)
            try:
                await conn.backup(dest)
            finally:
                await dest.close()
        finally:
            self._idle.put_nowait(conn)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def database_problem(path: Path) -> str | None:
    """Why the bot cannot keep its data at DATABASE_PATH, in one line; None when it can."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"DATABASE_PATH {path}: cannot create its folder ({error.strerror or error})"
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        return f"DATABASE_PATH {path}: cannot open the database ({error})"
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # A real write, rolled back: a read-only file may still grant the lock itself.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE mealwatch_write_probe (x INTEGER)")
        conn.execute("ROLLBACK")
    except sqlite3.Error as error:
        return f"DATABASE_PATH {path}: cannot write the database ({error})"
    finally:
        conn.close()
    return None


async def _run(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> None:
    """Execute and finalise at once (one trip to the connection's thread): an open cursor would
    hold SQLite locks."""
    await conn.execute_fetchall(sql, params)


def pending_migrations(directory: Path, done: Iterable[int]) -> list[tuple[int, Path]]:
    seen = set(done)
    found: list[tuple[int, Path]] = []
    for path in require_migrations(directory):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise RuntimeError(f"migration file name must look like 0001_name.sql: {path.name}")
        version = int(match.group(1))
        if version not in seen:
            found.append((version, path))
    return found


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (executescript would commit implicitly)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")
    return statements


async def open_database(path: Path) -> Database:
    db = Database(path)
    await db.connect()
    await db.migrate()
    return db
