-- Foundation: classes with invite codes, people, children, roles and in-progress conversations.
-- Times are UTC ISO-8601 strings written by the application's clock.

CREATE TABLE classes (
    id          INTEGER PRIMARY KEY,
    grade       TEXT NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    head_count  INTEGER,
    invite_code TEXT NOT NULL UNIQUE,
    sort_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,            -- the Telegram user id
    first_name  TEXT NOT NULL DEFAULT '',
    username    TEXT,
    language    TEXT NOT NULL CHECK (language IN ('zh', 'en')),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'blocked')),
    menu_opt_in INTEGER NOT NULL DEFAULT 1 CHECK (menu_opt_in IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE children (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    class_id   INTEGER NOT NULL REFERENCES classes(id),
    name       TEXT NOT NULL DEFAULT '',
    allergens  TEXT NOT NULL DEFAULT '',        -- comma-separated allergen keys
    created_at TEXT NOT NULL
);
CREATE INDEX children_parent ON children(parent_id);
CREATE INDEX children_class ON children(class_id);

-- Not a foreign key to users: an administrator may grant a role before the person opens the bot.
CREATE TABLE roles (
    user_id    INTEGER NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'duty')),
    granted_by INTEGER,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- One in-progress multi-step flow per person, kept in the database so a restart loses nothing.
CREATE TABLE conversations (
    user_id    INTEGER PRIMARY KEY,
    flow       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    expires_at TEXT NOT NULL
);
