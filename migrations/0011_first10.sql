-- Closing a case: whoever pressed 结案 in the group may send the note as their next message
-- there, without replying to the prompt, for a few minutes (one waiting note per person per chat).
CREATE TABLE pending_notes (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    case_id INTEGER NOT NULL,
    asked_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- The acknowledge buttons an escalation reminder carries, message by message (in the group and
-- in each administrator's chat): when a case is acknowledged or closed its button goes, as
-- the card's does. lang: the language the buttons were written in.
CREATE TABLE reminder_buttons (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    case_id INTEGER NOT NULL,
    lang TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id, case_id)
);
CREATE INDEX reminder_buttons_case ON reminder_buttons (case_id);
