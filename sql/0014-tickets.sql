-- T1-T3, T5, C10: tickets, their messages, and the number allocator.
-- A ticket's contact, device and contract must be its customer's; the
-- contract is held to that by its (id, customer_id) key, the contact and
-- device are checked under a share lock in the write's transaction.

-- Workspace-defined statuses: each is shown instead of its base status,
-- which is what filters and counts use.
CREATE TABLE ticket_statuses (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(64) NOT NULL,
	base		ENUM('open', 'pending', 'resolved', 'closed') NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY ticket_statuses_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- One row: the next ticket number.  A create locks it (UPDATE) in its
-- transaction, so two creates never get the same number and a rolled
-- back one gives its number back.
CREATE TABLE ticket_sequence (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	next_number	BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;
INSERT INTO ticket_sequence (id, next_number) VALUES (1, 1001);

-- customer_id is NULL for mail no customer claims (the unassigned queue);
-- triage is set on mail over the customer's ticket limit (C10).
CREATE TABLE tickets (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number		VARCHAR(16) CHARACTER SET ascii NOT NULL,
	customer_id	BIGINT UNSIGNED NULL,
	contact_id	BIGINT UNSIGNED NULL,
	device_id	BIGINT UNSIGNED NULL,
	contract_id	BIGINT UNSIGNED NULL,
	subject		VARCHAR(250) NOT NULL,
	status		ENUM('open', 'pending', 'resolved', 'closed')
			    NOT NULL DEFAULT 'open',
	custom_status_id BIGINT UNSIGNED NULL,
	activity	ENUM('unread', 'read', 'awaiting_contact',
			    'awaiting_technician') NOT NULL DEFAULT 'unread',
	priority	ENUM('low', 'medium', 'high', 'critical')
			    NOT NULL DEFAULT 'medium',
	type		ENUM('incident', 'problem', 'request', 'change') NULL,
	impact		ENUM('low', 'medium', 'high') NULL,
	source		ENUM('api', 'hub', 'mail', 'device') NOT NULL DEFAULT 'api',
	spam		TINYINT(1) NOT NULL DEFAULT 0,
	triage		TINYINT(1) NOT NULL DEFAULT 0,
	assignee_id	BIGINT UNSIGNED NULL,
	integration_id	VARCHAR(64) NULL,
	external_id	VARCHAR(128) NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	resolved_at	DATETIME(6) NULL,
	closed_at	DATETIME(6) NULL,
	-- T2's default list (open + pending) as one value, so an index
	-- reads it in the list's order (newest first) without a filesort.
	open_queue	TINYINT(1) AS (status IN ('open', 'pending')) PERSISTENT,
	UNIQUE KEY tickets_number (number),
	UNIQUE KEY tickets_integration_external (integration_id, external_id),
	KEY tickets_by_customer_queue (customer_id, open_queue, spam, id),
	KEY tickets_by_customer (customer_id, status, spam, id),
	KEY tickets_by_queue (open_queue, spam, id),
	KEY tickets_by_status (status, spam, id),
	KEY tickets_by_assignee (assignee_id, open_queue, spam, id),
	KEY tickets_by_device (device_id, id),
	CONSTRAINT tickets_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT,
	CONSTRAINT tickets_contact_fk FOREIGN KEY (contact_id)
	    REFERENCES contacts (id) ON DELETE SET NULL,
	CONSTRAINT tickets_device_fk FOREIGN KEY (device_id)
	    REFERENCES devices (id) ON DELETE SET NULL,
	CONSTRAINT tickets_contract_fk FOREIGN KEY (contract_id, customer_id)
	    REFERENCES contracts (id, customer_id) ON DELETE RESTRICT,
	CONSTRAINT tickets_status_fk FOREIGN KEY (custom_status_id)
	    REFERENCES ticket_statuses (id) ON DELETE SET NULL,
	CONSTRAINT tickets_assignee_fk FOREIGN KEY (assignee_id)
	    REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A public reply goes to the contact; a note stays with the technicians.
-- The author is an actor: a user, a contact (mail) or a service.
CREATE TABLE ticket_messages (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	BIGINT UNSIGNED NOT NULL,
	kind		ENUM('reply', 'note') NOT NULL,
	author_kind	ENUM('user', 'contact', 'service', 'system') NOT NULL,
	author_user_id	BIGINT UNSIGNED NULL,
	author_contact_id BIGINT UNSIGNED NULL,
	author_name	VARCHAR(200) NULL,
	body		MEDIUMTEXT NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	KEY ticket_messages_by_ticket (ticket_id, id),
	CONSTRAINT ticket_messages_ticket_fk FOREIGN KEY (ticket_id)
	    REFERENCES tickets (id) ON DELETE CASCADE,
	CONSTRAINT ticket_messages_user_fk FOREIGN KEY (author_user_id)
	    REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT ticket_messages_contact_fk FOREIGN KEY (author_contact_id)
	    REFERENCES contacts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Time worked on a ticket is a time entry (B1), so it feeds contract hours.
ALTER TABLE time_entries
	ADD COLUMN ticket_id BIGINT UNSIGNED NULL AFTER contract_id,
	ADD KEY time_entries_by_ticket (ticket_id),
	ADD CONSTRAINT time_entries_ticket_fk FOREIGN KEY (ticket_id)
	    REFERENCES tickets (id) ON DELETE SET NULL;
