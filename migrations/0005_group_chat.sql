-- The food-safety group's chat id changes when Telegram upgrades the group to a supergroup.
-- Every move is kept: the group's current id is FOOD_SAFETY_CHAT_ID followed through its moves,
-- so a restart finds the group where it went, and updates still trailing from an old id are
-- recognised as the group's own.
CREATE TABLE group_chat_moves (
    old_chat_id INTEGER PRIMARY KEY,
    new_chat_id INTEGER NOT NULL,
    moved_at    TEXT NOT NULL
);
