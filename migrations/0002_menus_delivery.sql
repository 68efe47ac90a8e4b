-- Menus, school-day overrides, broadcasts (menus, notices, reminders) and the delivery outbox.

CREATE TABLE dishes (
    id        INTEGER PRIMARY KEY,
    date      TEXT NOT NULL,                    -- YYYY-MM-DD in the school's time zone
    meal      TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    category  TEXT NOT NULL DEFAULT '',
    allergens TEXT NOT NULL DEFAULT '',          -- comma-separated allergen keys
    notes     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dishes_date ON dishes(date, meal, position);

CREATE TABLE school_day_overrides (
    date       TEXT PRIMARY KEY,
    is_open    INTEGER NOT NULL CHECK (is_open IN (0, 1)),
    reason     TEXT NOT NULL DEFAULT '',
    set_by     INTEGER,
    set_at     TEXT NOT NULL
);

-- One thing sent to many chats: a day's menu, a notice, a reminder.
CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('menu', 'notice', 'reminder')),
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
-- The daily menu for a date is broadcast once, whatever restarts happen.
CREATE UNIQUE INDEX broadcasts_one_menu_per_date ON broadcasts(menu_date) WHERE kind = 'menu';
CREATE UNIQUE INDEX broadcasts_one_reminder_per_date ON broadcasts(menu_date) WHERE kind = 'reminder';

-- The outbox: one row per broadcast × chat, written in the broadcast's transaction.
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
CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_chat ON deliveries(chat_id, status, id);
