-- artifactkit schema, version 1 (PostgreSQL).
-- Times are BIGINT nanoseconds since the Unix epoch, UTC; the zero time
-- (an open end) is -9223372036854775808. Dates are YYYYMMDD integers;
-- spans and leads (report_families) are counts of days.
-- Lists no question filters on are JSONB arrays, NULL for none.

-- org: organizations and every account's membership history.
CREATE TABLE organizations (
	id                  TEXT PRIMARY KEY,
	arn                 TEXT NOT NULL,
	management_account  TEXT NOT NULL,
	feature_set         TEXT NOT NULL,
	trusted_access      JSONB,
	service_linked_role BOOLEAN NOT NULL,
	created             BIGINT NOT NULL,
	seq                 BIGINT NOT NULL
);

-- id orders changes as appended; (account, seq) is an account's history.
CREATE TABLE membership_changes (
	id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account TEXT NOT NULL,
	seq     BIGINT NOT NULL,
	kind    TEXT NOT NULL,
	org     TEXT NOT NULL,
	at      BIGINT NOT NULL,
	UNIQUE (account, seq)
);
-- Where an account stood at an instant.
CREATE INDEX membership_changes_at ON membership_changes (account, at, seq);
-- An organization's changes in order; its members at an instant.
CREATE INDEX membership_changes_org ON membership_changes (org, id);
CREATE INDEX membership_changes_org_account ON membership_changes (org, account, seq);

-- agreement: the catalog, customer agreements, NDAs, tokens, offline BAAs.
CREATE TABLE agreements (
	id          TEXT PRIMARY KEY,
	arn         TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL,
	kind        TEXT NOT NULL,
	type        TEXT NOT NULL,
	subjects    JSONB,
	created     BIGINT NOT NULL,
	seq         BIGINT NOT NULL
);
CREATE INDEX agreements_kind ON agreements (kind, id);

-- One row: changes whenever the catalog does.
CREATE TABLE catalog_generation (
	id  BIGINT PRIMARY KEY CHECK (id = 1),
	gen BIGINT NOT NULL
);
INSERT INTO catalog_generation (id, gen) VALUES (1, 0);

CREATE TABLE agreement_revisions (
	agreement        TEXT NOT NULL REFERENCES agreements (id),
	pos              BIGINT NOT NULL,
	id               TEXT NOT NULL,
	published        BIGINT NOT NULL,
	document_sha256  BYTEA NOT NULL,
	nda_sha256       BYTEA NOT NULL,
	acceptance_terms JSONB,
	terminate_terms  JSONB,
	PRIMARY KEY (agreement, pos)
);

-- A key (agreement, scope, holder) files the customer agreements that
-- succeed one another; key_seq is the position in that succession.
CREATE TABLE customer_agreements (
	id               TEXT PRIMARY KEY,
	agreement        TEXT NOT NULL,
	scope            TEXT NOT NULL,
	holder           TEXT NOT NULL,
	key_seq          BIGINT NOT NULL,
	arn              TEXT NOT NULL,
	name             TEXT NOT NULL,
	description      TEXT NOT NULL,
	agreement_arn    TEXT NOT NULL,
	revision         TEXT NOT NULL,
	kind             TEXT NOT NULL,
	type             TEXT NOT NULL,
	account          TEXT NOT NULL,
	organization     TEXT NOT NULL,
	organization_arn TEXT NOT NULL,
	state            TEXT NOT NULL,
	effective_start  BIGINT NOT NULL,
	effective_end    BIGINT NOT NULL,
	acceptance_terms JSONB,
	terminate_terms  JSONB,
	seq              BIGINT NOT NULL,
	UNIQUE (agreement, scope, holder, key_seq)
);
-- At most one ACTIVE customer agreement per key.
CREATE UNIQUE INDEX customer_agreements_one_active ON customer_agreements (agreement, scope, holder) WHERE state = 'ACTIVE';
-- The customer agreement of a key at an instant.
CREATE INDEX customer_agreements_at ON customer_agreements (agreement, scope, holder, effective_start, key_seq);
-- The active customer agreements of an account, of an organization.
CREATE INDEX customer_agreements_active_account ON customer_agreements (account, effective_start, id) WHERE state = 'ACTIVE' AND scope = 'ACCOUNT';
CREATE INDEX customer_agreements_active_org ON customer_agreements (organization, effective_start, id) WHERE state = 'ACTIVE' AND scope = 'ORGANIZATION';

CREATE TABLE nda_acceptances (
	account   TEXT NOT NULL,
	agreement TEXT NOT NULL,
	revision  TEXT NOT NULL,
	accepted  BIGINT NOT NULL,
	PRIMARY KEY (account, agreement, revision)
);

CREATE TABLE outside_ndas (
	account   TEXT NOT NULL,
	reference TEXT NOT NULL,
	signed    BIGINT NOT NULL,
	covers    JSONB,
	PRIMARY KEY (account, reference)
);

CREATE TABLE agreement_tokens (
	value              TEXT PRIMARY KEY,
	kind               TEXT NOT NULL,
	account            TEXT NOT NULL,
	agreement          TEXT NOT NULL,
	revision           TEXT NOT NULL,
	customer_agreement TEXT NOT NULL,
	issued             BIGINT NOT NULL,
	expires            BIGINT NOT NULL
);
CREATE INDEX agreement_tokens_expires ON agreement_tokens (expires);

-- An account's offline-BAA designations; pos is the position in its
-- history, seq the record's version.
CREATE TABLE designations (
	account  TEXT NOT NULL,
	pos      BIGINT NOT NULL,
	start    BIGINT NOT NULL,
	end_at   BIGINT NOT NULL,
	seq      BIGINT NOT NULL,
	PRIMARY KEY (account, pos)
);
CREATE INDEX designations_at ON designations (account, start, pos);

-- report: versions, term tokens, acceptances, access requests.
CREATE TABLE reports (
	id               TEXT NOT NULL,
	version          BIGINT NOT NULL,
	arn              TEXT NOT NULL,
	name             TEXT NOT NULL,
	description      TEXT NOT NULL,
	category         TEXT NOT NULL,
	series           TEXT NOT NULL,
	family           TEXT NOT NULL,
	type             TEXT NOT NULL,
	company_name     TEXT NOT NULL,
	product_name     TEXT NOT NULL,
	period_start     BIGINT,
	period_end       BIGINT,
	state            TEXT NOT NULL,
	upload_state     TEXT NOT NULL,
	status_message   TEXT NOT NULL,
	acceptance_type  TEXT NOT NULL,
	term_arn         TEXT NOT NULL,
	needs_approval   BOOLEAN NOT NULL,
	trust_categories JSONB,
	scope_services   JSONB,
	scope_regions    JSONB,
	document_sha256  BYTEA NOT NULL,
	document_size    BIGINT NOT NULL,
	published_at     BIGINT NOT NULL,
	created_at       BIGINT NOT NULL,
	last_modified_at BIGINT NOT NULL,
	deleted_at       BIGINT NOT NULL,
	seq              BIGINT NOT NULL,
	PRIMARY KEY (id, version)
);
-- The versions that can ever cover an audit window, by family and period
-- end: the best report for a window is the first eligible one walking
-- back from the window's end plus the family's longest period.
CREATE INDEX reports_coverage ON reports (family, period_end DESC, version DESC, id, period_start, published_at)
	WHERE type = 'TYPE2' AND state = 'PUBLISHED' AND deleted_at = -9223372036854775808 AND upload_state = 'COMPLETE';

-- The longest period of each family, in days, and the most days a version
-- was published before its period ended (negative when every version came
-- after): they bound the coverage walk from above, by the window's end and
-- by the instant asked about.
CREATE TABLE report_families (
	family   TEXT PRIMARY KEY,
	max_span BIGINT NOT NULL,
	max_lead BIGINT NOT NULL
);

-- One row: changes whenever a version is stored.
CREATE TABLE report_generation (
	id  BIGINT PRIMARY KEY CHECK (id = 1),
	gen BIGINT NOT NULL
);
INSERT INTO report_generation (id, gen) VALUES (1, 0);

CREATE TABLE term_tokens (
	value      TEXT PRIMARY KEY,
	account    TEXT NOT NULL,
	report_id  TEXT NOT NULL,
	version    BIGINT NOT NULL,
	term_arn   TEXT NOT NULL,
	issued_at  BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX term_tokens_expires ON term_tokens (expires_at);

CREATE TABLE term_acceptances (
	id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account   TEXT NOT NULL,
	report_id TEXT NOT NULL,
	version   BIGINT NOT NULL,
	term_arn  TEXT NOT NULL,
	token     TEXT NOT NULL UNIQUE,
	at        BIGINT NOT NULL
);
CREATE INDEX term_acceptances_account ON term_acceptances (account, id);

CREATE TABLE report_access (
	account      TEXT NOT NULL,
	report_id    TEXT NOT NULL,
	state        TEXT NOT NULL,
	requested_at BIGINT NOT NULL,
	decided_at   BIGINT NOT NULL,
	seq          BIGINT NOT NULL,
	PRIMARY KEY (account, report_id)
);

-- artifact/audit: the hash-chained trail. params is the call's parameters,
-- length-prefixed (name, value) pairs in order, kept byte for byte.
CREATE TABLE audit_records (
	seq           BIGINT PRIMARY KEY,
	event_name    TEXT NOT NULL,
	principal     TEXT NOT NULL,
	account       TEXT NOT NULL,
	resource      TEXT NOT NULL,
	action        TEXT NOT NULL,
	decision      TEXT NOT NULL,
	error_code    TEXT NOT NULL,
	error_message TEXT NOT NULL,
	params        BYTEA NOT NULL,
	time          BIGINT NOT NULL,
	prev          BYTEA NOT NULL,
	hash          BYTEA NOT NULL,
	exact         BYTEA
);

-- artifact/notify: account settings and notification configurations.
CREATE TABLE account_settings (
	account     TEXT PRIMARY KEY,
	status      TEXT NOT NULL,
	agreements  BOOLEAN NOT NULL,
	reports_all BOOLEAN NOT NULL,
	categories  JSONB,
	series      JSONB,
	seq         BIGINT NOT NULL
);
CREATE INDEX account_settings_subscribed ON account_settings (account) WHERE status = 'SUBSCRIBED';
