-- The termly satisfaction survey (满意度测评), notices parents confirm, and "你说我改" notices
-- (issue 13).

-- Three more broadcast kinds: the survey itself, its reminder, and the reminder of a notice to
-- parents who have not confirmed it. broadcasts.kind was a CHECK constraint, which SQLite cannot
-- alter: the table is rebuilt as in 0004 (deliveries set aside and put back with their ids,
-- parts_sent included), this time without the CHECK. The code's BroadcastKind is the list of
-- kinds (the Outbox refuses to start without handlers for each), so a new kind needs no rebuild.
CREATE TABLE broadcasts_new (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
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
CREATE INDEX broadcasts_calendar ON broadcasts(created_at) WHERE kind = 'calendar';

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

-- ---- notices parents confirm, and "你说我改" -----------------------------------------------------

-- A notice with a row here is more than its body: `confirm` asks parents to tap 已阅, `asked`
-- (for a "你说我改" notice) is what parents asked for, shown above the body (what changed).
-- reminder_id is the one reminder sent to those who had not confirmed; set once, in the
-- transaction that writes that reminder.
CREATE TABLE notice_options (
    broadcast_id INTEGER PRIMARY KEY REFERENCES broadcasts(id) ON DELETE CASCADE,
    confirm      INTEGER NOT NULL DEFAULT 0 CHECK (confirm IN (0, 1)),
    asked        TEXT NOT NULL DEFAULT '',
    reminder_id  INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL
);

-- Who confirmed which notice (a second tap changes nothing).
CREATE TABLE notice_confirmations (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (broadcast_id, chat_id)
) WITHOUT ROWID;

-- ---- the satisfaction survey ------------------------------------------------------------------

-- The standard questionnaire (the catalog texts are survey-item-<key>): eight items on 1–5
-- (非常不满意 … 非常满意) and "would you recommend" on 0–10. The free-text suggestion is not an
-- item: every survey asks for it.
CREATE TABLE survey_items (
    key      TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    low      INTEGER NOT NULL,
    high     INTEGER NOT NULL,
    CHECK (low < high)
);
INSERT INTO survey_items (key, position, low, high) VALUES
    ('quality', 1, 1, 5),
    ('taste', 2, 1, 5),
    ('nutrition', 3, 1, 5),
    ('price', 4, 1, 5),
    ('canteen_hygiene', 5, 1, 5),
    ('tableware_hygiene', 6, 1, 5),
    ('service', 7, 1, 5),
    ('order', 8, 1, 5),
    ('recommend', 9, 0, 10);

-- One survey a term; at most one open at a time. closes_at: when it closes (the tick closes it
-- and posts the results to the group, then sets results_posted_at); reminded_at: the one
-- reminder to parents who had not finished, two days before.
CREATE TABLE surveys (
    id                INTEGER PRIMARY KEY,
    term              TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at         TEXT NOT NULL,
    closes_at         TEXT NOT NULL,
    closed_at         TEXT,
    created_by        INTEGER,
    recipients        INTEGER NOT NULL DEFAULT 0,
    broadcast_id      INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
    reminder_id       INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
    reminded_at       TEXT,
    results_posted_at TEXT
);
CREATE UNIQUE INDEX surveys_one_open ON surveys(status) WHERE status = 'open';

-- The items one survey asks, in order (an administrator may drop some).
CREATE TABLE survey_questions (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    item      TEXT NOT NULL REFERENCES survey_items(key),
    position  INTEGER NOT NULL,
    PRIMARY KEY (survey_id, item)
);

-- A parent's answers while filling in: linked to the parent, and deleted in the transaction
-- that submits them. message_id is the one message the questions are edited into.
CREATE TABLE survey_progress (
    survey_id  INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    answers    TEXT NOT NULL DEFAULT '{}',   -- JSON: item → score
    suggestion TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (survey_id, user_id)
);

-- Who has submitted: one answer per parent. No time and no rowid (WITHOUT ROWID keeps no
-- insertion order), so nothing here lines up with a response.
CREATE TABLE survey_submitted (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    PRIMARY KEY (survey_id, user_id)
) WITHOUT ROWID;

-- The answers, anonymous: no parent id, no time, and a random id (not the order of submission).
CREATE TABLE survey_responses (
    id         INTEGER PRIMARY KEY,
    survey_id  INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    suggestion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    item        TEXT NOT NULL REFERENCES survey_items(key),
    score       INTEGER NOT NULL,
    PRIMARY KEY (response_id, item)
) WITHOUT ROWID;
