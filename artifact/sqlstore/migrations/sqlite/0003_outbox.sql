-- artifactkit schema, version 3 (SQLite): the outbox of notifications not
-- delivered yet (notify.Outbox). A sender records a change's entry before
-- it stores the change and deletes it once the notifications are
-- delivered; what is left is delivered later, oldest first (ids sort by
-- the instant they were made). body is the sender's record, opaque here.
CREATE TABLE notification_outbox (
	id      TEXT PRIMARY KEY,
	created INTEGER NOT NULL,
	body    BLOB NOT NULL,
	seq     INTEGER NOT NULL
);
