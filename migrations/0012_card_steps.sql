-- A case's card goes out in steps: the card, the words too long for it, its photos (replies to
-- the card). card_steps_sent counts the steps after the card already in the group, so a timeout
-- or a restart goes on from the next step instead of losing the rest; NULL once all are sent
-- (and for every card sent before this column existed).
ALTER TABLE feedback ADD COLUMN card_steps_sent INTEGER;
-- The tick looks for cards cut short; there are seldom any.
CREATE INDEX feedback_card_unfinished ON feedback(id) WHERE card_steps_sent IS NOT NULL;
