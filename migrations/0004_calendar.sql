-- The school calendar (校历): terms, the school's imported official holiday list, and a broadcast
-- kind for the weekly "holiday data runs out" warning to administrators.

-- Outside every term no day is a school day (once any term exists).
CREATE TABLE terms (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    first_day TEXT NOT NULL,                    -- YYYY-MM-DD, inclusive
    last_day  TEXT NOT NULL CHECK (last_day >= first_day),
    set_by    INTEGER,                          -- NULL: the command line
    set_at    TEXT NOT NULL
);

-- The State Council's list as the school supplies it, for years the chinesecalendar package lacks
-- (or to correct it): a year with any entry counts as known in full.
CREATE TABLE official_days (
    date        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'workday')),
    name        TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL
);

-- broadcasts.kind is a CHECK constraint, and SQLite cannot alter one: rebuild the table. With
-- foreign keys on (a migration runs inside a transaction, where the pragma cannot be turned off)
-- dropping broadcasts would cascade into deliveries, so deliveries are set aside first and put
-- back, with the same ids, after the new broadcasts table has taken the name.
CREATE TABLE broadcasts_new (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('menu', 'notice', 'reminder', 'calendar')),
    menu_date     TEXT,                         -- for kind = 'menu' (and the reminder's date)
    body          TEXT NOT NULL DEFAULT '',
    photo_file_id TEXT,
    document_file_id TEXT,
    audience      TEXT NOT NULL DEFAULT '{}',   -- JSON: who it was meant for
    created_by    INTEGER,
    created_at    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'done')),
    report_chat_id    INTEGER,                  -- where progress is shown (the sender's chat)
    report_message_id INTEGER
);
INSERT INTO broadcasts_new (id, kind, menu_date, body, photo_file_id, document_file_id, audience,
                            created_by, created_at, status, report_chat_id, report_message_id)
SELECT id, kind, menu_date, body, photo_file_id, document_file_id, audience,
       created_by, created_at, status, report_chat_id, report_message_id FROM broadcasts;

CREATE TABLE deliveries_kept AS SELECT * FROM deliveries;
DROP TABLE deliveries;
DROP TABLE broadcasts;
ALTER TABLE broadcasts_new RENAME TO broadcasts;

CREATE UNIQUE INDEX broadcasts_one_menu_per_date ON broadcasts(menu_date) WHERE kind = 'menu';
CREATE UNIQUE INDEX broadcasts_one_reminder_per_date ON broadcasts(menu_date) WHERE kind = 'reminder';

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    broadcast_id    INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sent', 'blocked', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    message_id      INTEGER,
    error           TEXT,
    updated_at      TEXT NOT NULL,
    UNIQUE (broadcast_id, chat_id)
);
INSERT INTO deliveries (id, broadcast_id, chat_id, status, attempts, next_attempt_at, message_id,
                        error, updated_at)
SELECT id, broadcast_id, chat_id, status, attempts, next_attempt_at, message_id,
       error, updated_at FROM deliveries_kept;
DROP TABLE deliveries_kept;
CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_chat ON deliveries(chat_id, status, id);

-- The warning's weekly rhythm is read from its broadcasts.
CREATE INDEX broadcasts_calendar ON broadcasts(created_at) WHERE kind = 'calendar';
