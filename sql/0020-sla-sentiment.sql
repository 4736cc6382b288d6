-- T1: SLA policies and the sentiment of a contact's latest message.
-- A ticket's policy is its contract's, else its customer's, else the
-- workspace default, else none; due times are computed when a ticket is
-- read (lib/sla.c), never stored.

-- Targets in minutes per priority (NULL: no target for that priority).
-- Business hours are all four of days, start, end and zone, or none of
-- them (the clock runs 24x7).  is_default marks the workspace default:
-- default_key makes it one policy at most.
CREATE TABLE sla_policies (
	id			BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name			VARCHAR(100) NOT NULL,
	first_response_low	INT UNSIGNED NULL,
	first_response_medium	INT UNSIGNED NULL,
	first_response_high	INT UNSIGNED NULL,
	first_response_critical	INT UNSIGNED NULL,
	resolution_low		INT UNSIGNED NULL,
	resolution_medium	INT UNSIGNED NULL,
	resolution_high		INT UNSIGNED NULL,
	resolution_critical	INT UNSIGNED NULL,
	business_days		SET('mon', 'tue', 'wed', 'thu', 'fri', 'sat',
				    'sun') NULL,
	business_start		SMALLINT UNSIGNED NULL,	-- minutes after midnight
	business_end		SMALLINT UNSIGNED NULL,
	time_zone		VARCHAR(64) CHARACTER SET ascii NULL,
	is_default		TINYINT(1) NOT NULL DEFAULT 0,
	default_key		TINYINT(1) AS (IF(is_default = 1, 1, NULL))
				    PERSISTENT,
	version			INT UNSIGNED NOT NULL DEFAULT 1,
	created_at		DATETIME(6) NOT NULL,
	updated_at		DATETIME(6) NOT NULL,
	UNIQUE KEY sla_policies_name (name),
	UNIQUE KEY sla_policies_default (default_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Per customer: a table of its own rather than a customer field, so the
-- customer record, its field tables, CSV and bulk import stay as they are.
CREATE TABLE customer_sla (
	customer_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	sla_policy_id	BIGINT UNSIGNED NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY customer_sla_by_policy (sla_policy_id),
	CONSTRAINT customer_sla_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE,
	CONSTRAINT customer_sla_policy_fk FOREIGN KEY (sla_policy_id)
	    REFERENCES sla_policies (id) ON DELETE RESTRICT
) ENGINE=InnoDB;

-- A policy in use (by a contract or a customer) cannot be deleted.
ALTER TABLE contracts
	ADD COLUMN sla_policy_id BIGINT UNSIGNED NULL AFTER sla_resolution_minutes,
	ADD CONSTRAINT contracts_sla_policy_fk FOREIGN KEY (sla_policy_id)
	    REFERENCES sla_policies (id) ON DELETE RESTRICT;

-- first_responded_at: a technician's first public reply.  sentiment: of
-- the contact's latest message (lib/sentiment.c), with its score.
ALTER TABLE tickets
	ADD COLUMN first_responded_at DATETIME(6) NULL AFTER resolved_at,
	ADD COLUMN sentiment ENUM('positive', 'neutral', 'negative') NULL,
	ADD COLUMN sentiment_score SMALLINT NULL,
	ADD KEY tickets_by_sentiment (sentiment, open_queue, spam, id);
