-- The feedback loop: one-tap ratings, reports (cases) with photos, outbreak clusters, the audit
-- trail, the messages that belong to a case (so replies can be relayed) and "file this?" offers.
-- Reports and ratings outlive the parent's data: /deletedata sets parent_id to NULL, which makes
-- the record anonymous but keeps the school's food-safety history complete.

CREATE TABLE ratings (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    child_id   INTEGER REFERENCES children(id) ON DELETE SET NULL,  -- NULL: no child registered
    class_id   INTEGER,                        -- snapshot, for statistics per class
    date       TEXT NOT NULL,                  -- YYYY-MM-DD in the school's time zone
    meal       TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ratings_one_per_child ON ratings(parent_id, child_id, date, meal);
CREATE INDEX ratings_date ON ratings(date, meal);

-- A burst of urgent reports about one meal; later members are announced in batches.
CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,
    date            TEXT NOT NULL,
    meal            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    last_member_at  TEXT NOT NULL,
    last_summary_at TEXT NOT NULL
);
CREATE INDEX clusters_meal ON clusters(date, meal);

-- One report; its id is the case number parents and staff see (#12).
CREATE TABLE feedback (
    id               INTEGER PRIMARY KEY,
    parent_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    child_id         INTEGER REFERENCES children(id) ON DELETE SET NULL,
    class_name       TEXT NOT NULL DEFAULT '',  -- snapshot: the card must not change later
    date             TEXT NOT NULL,
    meal             TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    dish             TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL,
    rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
    text             TEXT NOT NULL DEFAULT '',
    affected         INTEGER,                   -- children affected (illness, allergy)
    onset            TEXT NOT NULL DEFAULT '',  -- an onset key or the parent's own words
    anonymous        INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    flagged          INTEGER NOT NULL CHECK (flagged IN (0, 1)),
    urgent           INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    reasons          TEXT NOT NULL DEFAULT '',  -- flagging rule ids, comma-separated
    status           TEXT NOT NULL
                     CHECK (status IN ('recorded', 'open', 'acknowledged', 'answered', 'resolved')),
    created_at       TEXT NOT NULL,
    forwarded_at     TEXT,                      -- card sent, or batched into a cluster summary
    card_chat_id     INTEGER,
    card_message_id  INTEGER,
    cluster_id       INTEGER REFERENCES clusters(id),
    batched          INTEGER NOT NULL DEFAULT 0,  -- 1: waits for its cluster's next summary
    acknowledged_at  TEXT,
    acknowledged_by  TEXT,                      -- the staff member's name as Telegram showed it
    answered_at      TEXT,
    replies          INTEGER NOT NULL DEFAULT 0,
    last_reply_by    TEXT,
    resolved_at      TEXT,
    resolved_by      TEXT,
    resolution       TEXT,
    escalations      INTEGER NOT NULL DEFAULT 0,
    followup_sent_at TEXT
);
CREATE INDEX feedback_parent ON feedback(parent_id, id);
CREATE INDEX feedback_pending ON feedback(status, flagged);
CREATE INDEX feedback_meal ON feedback(date, meal, created_at);

CREATE TABLE feedback_photos (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    file_id     TEXT NOT NULL,
    PRIMARY KEY (feedback_id, position)
);

-- The audit trail: who did what, when.
CREATE TABLE feedback_events (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN (
                    'created', 'forwarded', 'batched', 'cluster', 'acknowledged', 'replied',
                    'parent-replied', 'resolved', 'escalated', 'follow-up-sent', 'follow-up')),
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_events_case ON feedback_events(feedback_id, id);

-- Bot messages that belong to a case, in the group or a private chat: a reply to one of them is
-- relayed (kind relay/card/history/escalation), completes a resolution (resolve) or answers the
-- follow-up question (follow-up).
CREATE TABLE feedback_messages (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;

-- Text or photos a parent sent outside any flow, kept until they tap "file as a report".
CREATE TABLE feedback_offers (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    photos         TEXT NOT NULL DEFAULT '[]',  -- JSON list of file ids
    media_group_id TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX feedback_offers_user ON feedback_offers(user_id, media_group_id);
