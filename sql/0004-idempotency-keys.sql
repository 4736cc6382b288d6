-- Idempotency-Key on POST (runtime issue §1): the key and the reply are
-- stored in the transaction of the write they answer; a repeat within
-- 24 hours gets the stored reply.
CREATE TABLE idempotency_keys (
	owner		VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	idem_key	VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	request_hash	BINARY(32) NOT NULL,
	status		SMALLINT UNSIGNED NOT NULL,
	headers		TEXT NULL,
	body		MEDIUMTEXT NULL,
	created_at	DATETIME(6) NOT NULL,
	PRIMARY KEY (owner, idem_key),
	KEY idempotency_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
