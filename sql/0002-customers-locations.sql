-- C1-C11, L1: customers, their locations, custom fields, workspace
-- settings, and the per-customer timeline (H7).
CREATE TABLE customers (
	id			BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name			VARCHAR(200) NOT NULL,
	primary_domain		VARCHAR(253) NULL,
	phone			VARCHAR(50) NULL,
	fax			VARCHAR(50) NULL,
	website			VARCHAR(2048) NULL,
	address_line1		VARCHAR(200) NULL,
	address_line2		VARCHAR(200) NULL,
	city			VARCHAR(100) NULL,
	region			VARCHAR(100) NULL,
	postal_code		VARCHAR(20) NULL,
	country			CHAR(2) NULL,
	business_id		VARCHAR(50) NULL,
	account_manager_id	BIGINT UNSIGNED NULL,
	default_contract_id	BIGINT UNSIGNED NULL,
	billing_contact_id	BIGINT UNSIGNED NULL,
	billing_address		VARCHAR(1000) NULL,
	notes			TEXT NULL,
	`rank`			VARCHAR(16) NULL,
	ticket_limit		INT UNSIGNED NULL,
	external_ref		VARCHAR(100) NULL,
	archived		TINYINT(1) NOT NULL DEFAULT 0,
	archived_at		DATETIME(6) NULL,
	version			INT UNSIGNED NOT NULL DEFAULT 1,
	created_at		DATETIME(6) NOT NULL,
	updated_at		DATETIME(6) NOT NULL,
	created_by		BIGINT UNSIGNED NULL,
	UNIQUE KEY customers_external_ref (external_ref),
	KEY customers_by_name (archived, name, id),
	KEY customers_by_created (archived, created_at, id),
	KEY customers_by_rank (archived, `rank`, id),
	CONSTRAINT customers_account_manager_fk FOREIGN KEY (account_manager_id)
	    REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE locations (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	address_line1	VARCHAR(200) NULL,
	address_line2	VARCHAR(200) NULL,
	city		VARCHAR(100) NULL,
	region		VARCHAR(100) NULL,
	postal_code	VARCHAR(20) NULL,
	country		CHAR(2) NULL,
	status		ENUM('active', 'inactive', 'closed') NOT NULL DEFAULT 'active',
	is_primary	TINYINT(1) NOT NULL DEFAULT 0,
	-- At most one primary site per customer.
	primary_of	BIGINT UNSIGNED AS (IF(is_primary, customer_id, NULL)) PERSISTENT,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY locations_one_primary (primary_of),
	KEY locations_customer (customer_id, name, id),
	CONSTRAINT locations_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE custom_fields (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	field_key	VARCHAR(40) NOT NULL,
	label		VARCHAR(100) NOT NULL,
	type		ENUM('text', 'number', 'date', 'boolean', 'url') NOT NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY custom_fields_key (field_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One value per customer and field, stored as the JSON value it is sent as.
CREATE TABLE customer_field_values (
	customer_id	BIGINT UNSIGNED NOT NULL,
	field_id	BIGINT UNSIGNED NOT NULL,
	value_json	TEXT NOT NULL CHECK (JSON_VALID(value_json)),
	PRIMARY KEY (customer_id, field_id),
	KEY customer_field_values_field (field_id),
	CONSTRAINT cfv_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE,
	CONSTRAINT cfv_field_fk FOREIGN KEY (field_id)
	    REFERENCES custom_fields (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE settings (
	name		VARCHAR(64) NOT NULL PRIMARY KEY,
	value_json	TEXT NOT NULL CHECK (JSON_VALID(value_json)),
	updated_at	DATETIME(6) NOT NULL,
	updated_by	BIGINT UNSIGNED NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Append-only; the hub's timeline (H7) reads it newest first.
CREATE TABLE timeline_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	occurred_at	DATETIME(6) NOT NULL,
	source		VARCHAR(32) NOT NULL,
	kind		VARCHAR(64) NOT NULL,
	summary		VARCHAR(500) NOT NULL,
	actor_user_id	BIGINT UNSIGNED NULL,
	object_type	VARCHAR(32) NULL,
	object_id	BIGINT UNSIGNED NULL,
	KEY timeline_customer (customer_id, occurred_at, id),
	CONSTRAINT timeline_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
