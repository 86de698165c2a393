-- artifactkit schema, version 2 (PostgreSQL): compliance inquiries
-- (artifact/inquiry). Nested values no question filters on (tags,
-- citations, response versions, reason codes) are JSON text.

CREATE TABLE inquiries (
	id             TEXT PRIMARY KEY,
	account        TEXT NOT NULL,
	arn            TEXT NOT NULL,
	name           TEXT NOT NULL,
	status         TEXT NOT NULL,
	status_message TEXT NOT NULL,
	input_source   TEXT NOT NULL,
	support_mode   TEXT NOT NULL,
	created_at     BIGINT NOT NULL,
	updated_at     BIGINT NOT NULL,
	tags           TEXT,
	file_sections  TEXT,
	file_format    TEXT NOT NULL,
	file_size      BIGINT NOT NULL,
	file_sha256    BYTEA NOT NULL,
	query_count    BIGINT NOT NULL,
	reason         TEXT NOT NULL,
	fault          TEXT NOT NULL,
	client_token   TEXT NOT NULL,
	request_digest BYTEA NOT NULL,
	due            BIGINT NOT NULL,
	list_key       TEXT NOT NULL,
	seq            BIGINT NOT NULL
);
-- An account's client tokens are its own, once each.
CREATE UNIQUE INDEX inquiries_client_token ON inquiries (account, client_token) WHERE client_token <> '';
-- An account's inquiries in listing order.
CREATE INDEX inquiries_list ON inquiries (account, list_key);
-- The inquiries due, earliest first.
CREATE INDEX inquiries_due ON inquiries (due, id) WHERE due <> -9223372036854775808;

CREATE TABLE inquiry_queries (
	inquiry           TEXT NOT NULL REFERENCES inquiries (id),
	identifier        BIGINT NOT NULL,
	query             TEXT NOT NULL,
	response          TEXT NOT NULL,
	review_type       TEXT NOT NULL,
	citations         TEXT,
	status            TEXT NOT NULL,
	status_message    TEXT NOT NULL,
	created_at        BIGINT NOT NULL,
	response_versions TEXT,
	section           TEXT NOT NULL,
	sheet_row         BIGINT NOT NULL,
	reason            TEXT NOT NULL,
	PRIMARY KEY (inquiry, identifier)
);

-- The feedback on each query, one per principal.
CREATE TABLE inquiry_feedback (
	inquiry           TEXT NOT NULL REFERENCES inquiries (id),
	query_identifier  BIGINT NOT NULL,
	principal         TEXT NOT NULL,
	account           TEXT NOT NULL,
	client_token      TEXT NOT NULL,
	rating            TEXT NOT NULL,
	reason_codes      TEXT,
	comment           TEXT NOT NULL,
	response_revision BIGINT NOT NULL,
	request_digest    BYTEA NOT NULL,
	submitted_at      BIGINT NOT NULL,
	PRIMARY KEY (inquiry, query_identifier, principal)
);

-- Feedback as it was put with a client token, kept when a later one
-- replaces it.
CREATE TABLE inquiry_feedback_tokens (
	account           TEXT NOT NULL,
	client_token      TEXT NOT NULL,
	inquiry           TEXT NOT NULL,
	query_identifier  BIGINT NOT NULL,
	principal         TEXT NOT NULL,
	rating            TEXT NOT NULL,
	reason_codes      TEXT,
	comment           TEXT NOT NULL,
	response_revision BIGINT NOT NULL,
	request_digest    BYTEA NOT NULL,
	submitted_at      BIGINT NOT NULL,
	PRIMARY KEY (account, client_token)
);
