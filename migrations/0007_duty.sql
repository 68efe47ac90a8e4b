-- 陪餐 duty (issue 12): who is on duty for each school day and meal (the roster), the duty
-- leader's records (kitchen checks, 留样 per dish, the meal's ratings, what students said, adverse
-- reactions, photos), records in progress, and parents who turned the evening digest off.
-- Records are never edited: a correction is a new version (replaces_id) and the old one stays.
-- Nothing purges these tables: the inspection folder needs them for at least three years.

CREATE TABLE duty_roster (
    date                TEXT NOT NULL,              -- YYYY-MM-DD in the school's time zone
    meal                TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    leader_id           INTEGER NOT NULL,           -- a person with the duty role
    teacher             TEXT NOT NULL DEFAULT '',   -- 陪餐教师, as the school wrote it
    set_by              INTEGER,
    set_at              TEXT NOT NULL,
    reminded_at         TEXT,                       -- the reminder before the meal went out
    missing_reported_at TEXT,                       -- administrators were told it is missing
    PRIMARY KEY (date, meal)
);
CREATE INDEX duty_roster_leader ON duty_roster(leader_id, date);

CREATE TABLE duty_records (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL,
    meal           TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    version        INTEGER NOT NULL,
    replaces_id    INTEGER REFERENCES duty_records(id),
    author_id      INTEGER NOT NULL,
    author_name    TEXT NOT NULL DEFAULT '',
    started_at     TEXT NOT NULL,
    finished_at    TEXT NOT NULL,
    food           TEXT NOT NULL CHECK (food IN ('excellent', 'good', 'fair', 'poor')),
    hygiene        TEXT NOT NULL CHECK (hygiene IN ('excellent', 'good', 'fair', 'poor')),
    dining_order   TEXT NOT NULL CHECK (dining_order IN ('excellent', 'good', 'fair', 'poor')),
    service        TEXT NOT NULL CHECK (service IN ('excellent', 'good', 'fair', 'poor')),
    students_said  TEXT NOT NULL DEFAULT '',
    adverse        INTEGER NOT NULL CHECK (adverse IN (0, 1)),
    adverse_detail TEXT NOT NULL DEFAULT '',
    shared_photo   TEXT,                            -- a file id parents may see
    case_id        INTEGER REFERENCES feedback(id),
    UNIQUE (date, meal, version)
);
CREATE INDEX duty_records_day ON duty_records(date, meal, version);

-- The kitchen checks as the catalog listed them when the record was made (label kept).
CREATE TABLE duty_checks (
    record_id INTEGER NOT NULL REFERENCES duty_records(id),
    position  INTEGER NOT NULL,
    key       TEXT NOT NULL,
    label     TEXT NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1)),
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_id, position)
);

-- 留样 confirmed per dish of the day's menu.
CREATE TABLE duty_samples (
    record_id INTEGER NOT NULL REFERENCES duty_records(id),
    dish      TEXT NOT NULL,
    confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    PRIMARY KEY (record_id, dish)
);

CREATE TABLE duty_photos (
    record_id INTEGER NOT NULL REFERENCES duty_records(id),
    position  INTEGER NOT NULL,
    check_key TEXT NOT NULL DEFAULT '',
    file_id   TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);

-- A record being filled in: kept until it is submitted or cancelled, however long the meal takes.
CREATE TABLE duty_drafts (
    user_id    INTEGER PRIMARY KEY,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE duty_digest_off (
    user_id INTEGER PRIMARY KEY
);

-- broadcasts.kind gains 'duty-digest' (the evening digest): SQLite cannot alter a CHECK, so the
-- table is rebuilt as 0004 did, deliveries set aside and put back with the same ids. The list
-- also holds the survey's kinds (issue 13, migration 0010), so a database that has them upgrades.
CREATE TABLE broadcasts_new (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('menu', 'notice', 'reminder', 'calendar',
                                               'survey', 'survey-reminder', 'notice-reminder',
                                               'duty-digest')),
    menu_date     TEXT,
    body          TEXT NOT NULL DEFAULT '',
    photo_file_id TEXT,
    document_file_id TEXT,
    audience      TEXT NOT NULL DEFAULT '{}',
    created_by    INTEGER,
    created_at    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'done')),
    report_chat_id    INTEGER,
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
CREATE INDEX broadcasts_calendar ON broadcasts(created_at) WHERE kind = 'calendar';
-- The evening digest goes out once per date, whatever restarts happen.
CREATE UNIQUE INDEX broadcasts_one_digest_per_date ON broadcasts(menu_date)
    WHERE kind = 'duty-digest';

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
    parts_sent      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (broadcast_id, chat_id)
);
INSERT INTO deliveries (id, broadcast_id, chat_id, status, attempts, next_attempt_at, message_id,
                        error, updated_at, parts_sent)
SELECT id, broadcast_id, chat_id, status, attempts, next_attempt_at, message_id,
       error, updated_at, parts_sent FROM deliveries_kept;
DROP TABLE deliveries_kept;
CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_chat ON deliveries(chat_id, status, id);
