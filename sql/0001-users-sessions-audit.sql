-- U1: users, sessions, sign-in throttling, and the audit log every write uses.
CREATE TABLE users (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email		VARCHAR(254) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	role		ENUM('admin', 'technician', 'account_manager', 'read_only') NOT NULL,
	password_hash	VARCHAR(255) NOT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	last_sign_in_at	DATETIME(6) NULL,
	UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	idle_expires_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	remote_addr	VARCHAR(45) NULL,
	user_agent	VARCHAR(255) NULL,
	KEY sessions_user (user_id),
	KEY sessions_expires (expires_at),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Failed sign-ins per account (email) and per client address.
CREATE TABLE login_throttle (
	scope		ENUM('account', 'address') NOT NULL,
	subject		VARCHAR(254) NOT NULL,
	failures	INT UNSIGNED NOT NULL,
	window_start	DATETIME(6) NOT NULL,
	locked_until	DATETIME(6) NULL,
	PRIMARY KEY (scope, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Who changed what, when; field-level old -> new in changes.
-- No foreign keys: the log outlives what it describes.
CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	occurred_at	DATETIME(6) NOT NULL,
	actor_user_id	BIGINT UNSIGNED NULL,
	actor_name	VARCHAR(200) NULL,
	remote_addr	VARCHAR(45) NULL,
	action		VARCHAR(64) NOT NULL,
	object_type	VARCHAR(32) NOT NULL,
	object_id	BIGINT UNSIGNED NULL,
	customer_id	BIGINT UNSIGNED NULL,
	changes		LONGTEXT NULL CHECK (changes IS NULL OR JSON_VALID(changes)),
	KEY audit_customer (customer_id, id),
	KEY audit_object (object_type, object_id, id),
	KEY audit_actor (actor_user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
