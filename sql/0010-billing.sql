-- B1-B4, C1: contracts and the time entries that consume them, invoices
-- and their batches, billing settings, projects.  Money is integer minor
-- units plus an ISO 4217 currency.  Statuses that depend on today
-- (contract active/expired, invoice overdue, project upcoming) are derived
-- when read, never stored.
CREATE TABLE contracts (
	id			BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id		BIGINT UNSIGNED NOT NULL,
	name			VARCHAR(200) NOT NULL,
	type			ENUM('standard', 'block', 'monitoring', 'project')
				    NOT NULL,
	start_date		DATE NOT NULL,
	end_date		DATE NULL,
	sla_response_minutes	INT UNSIGNED NULL,
	sla_resolution_minutes	INT UNSIGNED NULL,
	included_minutes	INT UNSIGNED NULL,
	-- The sum of the time entries against the contract, kept on write.
	consumed_minutes	BIGINT NOT NULL DEFAULT 0,
	notes			TEXT NULL,
	version			INT UNSIGNED NOT NULL DEFAULT 1,
	created_at		DATETIME(6) NOT NULL,
	updated_at		DATETIME(6) NOT NULL,
	-- The target of time_entries' (contract, customer) key.
	UNIQUE KEY contracts_id_customer (id, customer_id),
	KEY contracts_by_name (customer_id, name, id),
	CONSTRAINT contracts_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A time entry against a contract must be the same customer's.
CREATE TABLE time_entries (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	contract_id	BIGINT UNSIGNED NULL,
	entry_date	DATE NOT NULL,
	minutes		INT UNSIGNED NOT NULL,
	description	VARCHAR(1000) NULL,
	billable	TINYINT(1) NOT NULL DEFAULT 1,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY time_entries_by_date (customer_id, entry_date, id),
	CONSTRAINT time_entries_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT,
	CONSTRAINT time_entries_contract_fk FOREIGN KEY (contract_id, customer_id)
	    REFERENCES contracts (id, customer_id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A batch groups the invoices of one billing run (workspace-wide).
CREATE TABLE invoice_batches (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(200) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY invoice_batches_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- status is what was done (draft, sent, paid); overdue is a sent invoice
-- past its due date, read through invoices_overdue (H3's badge).
CREATE TABLE invoices (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	number		VARCHAR(64) NOT NULL,
	batch_id	BIGINT UNSIGNED NULL,
	issue_date	DATE NOT NULL,
	due_date	DATE NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	total_minor	BIGINT NOT NULL,
	notes		TEXT NULL,
	status		ENUM('draft', 'sent', 'paid') NOT NULL DEFAULT 'draft',
	paid_minor	BIGINT NOT NULL DEFAULT 0,
	sent_at		DATETIME(6) NULL,
	paid_at		DATETIME(6) NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY invoices_number (number),
	KEY invoices_overdue (customer_id, status, due_date),
	KEY invoices_by_date (customer_id, issue_date, id),
	CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT,
	CONSTRAINT invoices_batch_fk FOREIGN KEY (batch_id)
	    REFERENCES invoice_batches (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- B3: one row per customer once saved; absent means the defaults.
CREATE TABLE billing_settings (
	customer_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	currency		CHAR(3) CHARACTER SET ascii NULL,
	hourly_rate_minor	BIGINT NULL,
	device_rate_minor	BIGINT NULL,
	auto_billing		TINYINT(1) NOT NULL DEFAULT 0,
	payment_terms_days	INT UNSIGNED NULL,
	invoice_email		VARCHAR(254) NULL,
	po_number		VARCHAR(100) NULL,
	tax_id			VARCHAR(50) NULL,
	version			INT UNSIGNED NOT NULL DEFAULT 1,
	updated_at		DATETIME(6) NOT NULL,
	CONSTRAINT billing_settings_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- B4: status (upcoming, active, past) comes from the dates and completed.
CREATE TABLE projects (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	start_date	DATE NOT NULL,
	due_date	DATE NULL,
	completed	TINYINT(1) NOT NULL DEFAULT 0,
	value_minor	BIGINT NULL,
	currency	CHAR(3) CHARACTER SET ascii NULL,
	progress	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	notes		TEXT NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY projects_by_start (customer_id, start_date, id),
	CONSTRAINT projects_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
