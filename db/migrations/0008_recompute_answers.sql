-- Stored answers are derived data. Answers stored before assignments carried the quoted unit price, the
-- social value discount and travel lack those figures; dropping them makes the matching service solve
-- each lot again (as for any lot without a stored answer) with the figures the screens and mails show.
DELETE FROM "lot_answers";
