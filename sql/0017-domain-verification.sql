-- M3: verifying a customer's mail domain by a challenge mail to a role
-- address of the domain.  A domain row is a record (version, If-Match);
-- verified_via says which proof verified it.
ALTER TABLE customer_domains
	ADD COLUMN version BIGINT UNSIGNED NOT NULL DEFAULT 1,
	ADD COLUMN updated_at DATETIME(6) NULL,
	ADD COLUMN verified_via ENUM('link', 'code') NULL;

-- One challenge mail.  The token (link) and the code are stored as
-- SHA-256 only.  A row outlives its domain (domain_id set NULL): the
-- rate limits count by the domain's name and the customer, so deleting
-- and adding a domain again sends no more mail.  status: pending until
-- used, superseded by a newer challenge, or exhausted by wrong codes.
CREATE TABLE domain_challenges (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	domain_id	BIGINT UNSIGNED NULL,
	customer_id	BIGINT UNSIGNED NOT NULL,
	domain		VARCHAR(253) CHARACTER SET ascii NOT NULL,
	address		VARCHAR(320) NOT NULL,
	token_sha	BINARY(32) NOT NULL,
	code_sha	BINARY(32) NOT NULL,
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	status		ENUM('pending', 'used', 'superseded', 'exhausted')
			    NOT NULL DEFAULT 'pending',
	outbound_mail_id BIGINT UNSIGNED NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	UNIQUE KEY domain_challenges_token (token_sha),
	KEY domain_challenges_by_domain (domain_id, id),
	KEY domain_challenges_by_name (domain, created_at),
	KEY domain_challenges_by_customer (customer_id, created_at),
	CONSTRAINT domain_challenges_domain_fk FOREIGN KEY (domain_id)
	    REFERENCES customer_domains (id) ON DELETE SET NULL,
	CONSTRAINT domain_challenges_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE,
	CONSTRAINT domain_challenges_mail_fk FOREIGN KEY (outbound_mail_id)
	    REFERENCES outbound_mail (id) ON DELETE SET NULL,
	CONSTRAINT domain_challenges_user_fk FOREIGN KEY (created_by)
	    REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
