-- 陪餐 duty (issue 12): who is on duty for each school day and meal (the roster), the duty
-- leader's records (kitchen checks, 留样 per dish, the meal's ratings, what students said, adverse
-- reactions, photos), records in progress, and parents who turned the evening digest off.
-- Records are never edited: a correction is a new version (replaces_id) and the old one stays.
-- Nothing purges these tables: the inspection folder needs them for at least three years.
-- The evening digest is a broadcast of kind 'duty-digest' (broadcasts.kind has no CHECK since
-- 0010), sent once per date: services.duty looks for the date's digest before queueing it.

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
