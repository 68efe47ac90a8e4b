-- A delivery too long for one message goes out as several (a day's menu with many dishes and
-- long notes): parts_sent counts the parts already sent, so a retry or a restart goes on from
-- the next part instead of sending the earlier ones again. The row is 'sent' once its last part
-- is, and message_id is that last part's (the one carrying the buttons).
ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
