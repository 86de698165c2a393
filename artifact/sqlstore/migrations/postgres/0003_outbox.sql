-- artifactkit schema, version 3 (PostgreSQL): the outbox of notifications
-- not delivered yet (notify.Outbox). A sender records a change's entry
-- before it stores the change and deletes it once the notifications are
-- delivered; what is left is delivered later, oldest first (ids sort by
-- the instant they were made). body is the sender's record, opaque here.
CREATE TABLE notification_outbox (
	id      TEXT PRIMARY KEY COLLATE "C",
	created BIGINT NOT NULL,
	body    BYTEA NOT NULL,
	seq     BIGINT NOT NULL
);
