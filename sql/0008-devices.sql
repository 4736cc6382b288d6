-- D1-D3, D7: a customer's devices (RMM agents), the folders that group
-- them, and the installer tokens an agent enrols with.
--
-- A folder belongs to one customer; devices point at (customer_id,
-- folder_id) so a device can never sit in another customer's folder.
CREATE TABLE device_folders (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY device_folders_customer_name (customer_id, name),
	UNIQUE KEY device_folders_customer_id (customer_id, id),
	CONSTRAINT device_folders_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- D7: only the SHA-256 of a token is kept; the token is shown once.
CREATE TABLE installer_tokens (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	label		VARCHAR(200) NOT NULL,
	token_hash	BINARY(32) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	revoked_at	DATETIME(6) NULL,
	last_used_at	DATETIME(6) NULL,
	uses		INT UNSIGNED NOT NULL DEFAULT 0,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY installer_tokens_hash (token_hash),
	KEY installer_tokens_customer (customer_id, id),
	CONSTRAINT installer_tokens_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB;

-- D1: the filters of D2 each have an index led by customer_id that ends
-- in the list's order (name, id), so a filtered page is a range read in
-- order (lib/filter.c; tests/api/devices-explain.test.mjs).
CREATE TABLE devices (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	folder_id	BIGINT UNSIGNED NULL,
	name		VARCHAR(200) NOT NULL,
	machine_name	VARCHAR(255) NULL,
	type		ENUM('pc', 'server', 'mac', 'linux', 'snmp', 'tcp',
			    'http', 'generic') NOT NULL DEFAULT 'generic',
	snmp_type	ENUM('access_point', 'firewall', 'router', 'switch',
			    'printer', 'ups', 'nas', 'other') NULL,
	availability	ENUM('online', 'offline', 'unreachable', 'retired')
			    NOT NULL DEFAULT 'offline',
	os_name		VARCHAR(100) NULL,
	os_version	VARCHAR(100) NULL,
	ip_addresses	VARCHAR(1000) NULL,
	serial_number	VARCHAR(100) NULL,
	last_user	VARCHAR(200) NULL,
	last_login_at	DATETIME(6) NULL,
	last_seen_at	DATETIME(6) NULL,
	agent_version	VARCHAR(50) NULL,
	alerts_info	INT UNSIGNED NOT NULL DEFAULT 0,
	alerts_warning	INT UNSIGNED NOT NULL DEFAULT 0,
	alerts_critical	INT UNSIGNED NOT NULL DEFAULT 0,
	alert_categories SET('hardware', 'disk', 'availability', 'performance',
			    'exchange', 'general', 'networks', 'apps',
			    'script_based') NOT NULL DEFAULT '',
	pending_reboot	TINYINT(1) NOT NULL DEFAULT 0,
	available_patches INT UNSIGNED NOT NULL DEFAULT 0,
	monitored	TINYINT(1) NOT NULL DEFAULT 1,
	favourite	TINYINT(1) NOT NULL DEFAULT 0,
	notes		TEXT NULL,
	installer_token_id BIGINT UNSIGNED NULL,
	integration_id	BIGINT UNSIGNED NULL,
	external_id	VARCHAR(200) NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY devices_integration_external (integration_id, external_id),
	KEY devices_by_name (customer_id, name, id),
	KEY devices_by_type (customer_id, type, name, id),
	KEY devices_by_availability (customer_id, availability, name, id),
	KEY devices_by_folder (customer_id, folder_id, name, id),
	KEY devices_by_machine_name (customer_id, machine_name),
	KEY devices_by_serial (customer_id, serial_number),
	CONSTRAINT devices_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT,
	CONSTRAINT devices_folder_fk FOREIGN KEY (customer_id, folder_id)
	    REFERENCES device_folders (customer_id, id) ON DELETE RESTRICT,
	CONSTRAINT devices_installer_token_fk FOREIGN KEY (installer_token_id)
	    REFERENCES installer_tokens (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
