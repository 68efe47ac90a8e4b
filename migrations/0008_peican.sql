-- 家长陪餐 (parents eat with the students) and 留样 (retained samples) as evidence.
-- Parent days, applications, records and their photos are the school's inspection record and are
-- kept (at least three years: nothing purges them). /deletedata sets parent_id to NULL and
-- erases the phone number, as reports are kept anonymous.

CREATE TABLE peican_days (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL,                 -- YYYY-MM-DD in the school's time zone
    meal       TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    seats      INTEGER NOT NULL CHECK (seats >= 1),
    status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_by  INTEGER,
    created_at TEXT NOT NULL,
    closed_at  TEXT
);
CREATE UNIQUE INDEX peican_days_meal ON peican_days(date, meal);

CREATE TABLE peican_applications (
    id              INTEGER PRIMARY KEY,
    day_id          INTEGER NOT NULL REFERENCES peican_days(id),
    parent_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    phone           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL
                    CHECK (status IN ('pending', 'approved', 'declined', 'cancelled')),
    created_at      TEXT NOT NULL,
    decided_at      TEXT,
    decided_by      TEXT NOT NULL DEFAULT '',  -- the administrator's name as Telegram showed it
    reminded_at     TEXT,                      -- the morning reminder was sent
    record_asked_at TEXT                       -- the "fill in your record" message was sent
);
-- A parent has at most one live application per day; the seats rule is in the approving UPDATE.
CREATE UNIQUE INDEX peican_applications_live ON peican_applications(day_id, parent_id)
    WHERE status IN ('pending', 'approved');
CREATE INDEX peican_applications_day ON peican_applications(day_id, status);

CREATE TABLE peican_records (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES peican_applications(id),
    parent_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    date           TEXT NOT NULL,
    meal           TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    hygiene        TEXT NOT NULL CHECK (hygiene IN ('excellent', 'good', 'fair', 'poor')),
    dining_order   TEXT NOT NULL CHECK (dining_order IN ('excellent', 'good', 'fair', 'poor')),
    staff          TEXT NOT NULL CHECK (staff IN ('excellent', 'good', 'fair', 'poor')),
    quality        TEXT NOT NULL CHECK (quality IN ('excellent', 'good', 'fair', 'poor')),
    note           TEXT NOT NULL DEFAULT '',
    case_id        INTEGER REFERENCES feedback(id),  -- a record with 差 is a case
    created_at     TEXT NOT NULL,
    sent_at        TEXT                              -- its card reached the group
);
CREATE INDEX peican_records_date ON peican_records(date, meal);

CREATE TABLE peican_photos (
    record_id INTEGER NOT NULL REFERENCES peican_records(id),
    position  INTEGER NOT NULL,
    file_id   TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);

-- The audit trail of an application: applied, approved, declined, cancelled, reminded, recorded.
CREATE TABLE peican_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES peican_applications(id),
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,
    actor_id       INTEGER,
    actor_name     TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX peican_events_application ON peican_events(application_id, id);

CREATE TRIGGER peican_forget_parent BEFORE DELETE ON users
BEGIN
    UPDATE peican_applications SET phone = '' WHERE parent_id = OLD.id;
    UPDATE peican_events SET actor_id = NULL, actor_name = '' WHERE actor_id = OLD.id;
    UPDATE peican_days SET opened_by = NULL WHERE opened_by = OLD.id;
END;

-- A meal's retained samples, kept and sealed beyond 48 hours because a case needs them.
CREATE TABLE sample_seals (
    date       TEXT NOT NULL,
    meal       TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (date, meal)
);

CREATE TRIGGER sample_seals_forget BEFORE DELETE ON users
BEGIN
    UPDATE sample_seals SET actor_id = NULL, actor_name = '' WHERE actor_id = OLD.id;
END;

-- The audit trail learns the seal: SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE feedback_events_new (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN (
                    'created', 'forwarded', 'batched', 'cluster', 'acknowledged', 'replied',
                    'parent-replied', 'resolved', 'escalated', 'follow-up-sent', 'follow-up',
                    'samples-sealed')),
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
INSERT INTO feedback_events_new (id, feedback_id, at, kind, actor_id, actor_name, detail)
    SELECT id, feedback_id, at, kind, actor_id, actor_name, detail FROM feedback_events;
DROP TABLE feedback_events;
ALTER TABLE feedback_events_new RENAME TO feedback_events;
CREATE INDEX feedback_events_case ON feedback_events(feedback_id, id);
