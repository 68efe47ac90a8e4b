-- The Monday report (周报): which week has been decided, and, per recipient (the food-safety
-- group, each administrator), whether it went. A week is decided once (reported, or skipped when
-- nothing happened in it) and each recipient gets it once, whatever restarts happen in between.
CREATE TABLE weekly_reports (
    week_start TEXT PRIMARY KEY,                -- YYYY-MM-DD, the Monday of the reported week
    decided_at TEXT NOT NULL,
    skipped    INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1))
);

CREATE TABLE weekly_report_sends (
    week_start TEXT NOT NULL REFERENCES weekly_reports(week_start) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    text_sent  INTEGER NOT NULL DEFAULT 0 CHECK (text_sent IN (0, 1)),  -- the charts may remain
    outcome    TEXT CHECK (outcome IN ('sent', 'failed')),  -- NULL: still to send
    done_at    TEXT,
    PRIMARY KEY (week_start, chat_id)
) WITHOUT ROWID;

-- The report's figures are read by period: events by time, resolutions by case.
CREATE INDEX feedback_created ON feedback(created_at);
CREATE INDEX feedback_events_kind ON feedback_events(kind, at);
CREATE INDEX clusters_created ON clusters(created_at);
