-- M2, M4, M5: what inbound mail routing reads and writes.

-- M2 finds a contact by address (any customer); M5: a bounce marks the
-- address undeliverable, and nothing automatic is sent to it again.
ALTER TABLE contacts
	ADD COLUMN undeliverable_at DATETIME(6) NULL,
	ADD KEY contacts_by_email (email);

-- At most one acknowledgement per sender per 24 h; address lowercased.
CREATE TABLE mail_acknowledgements (
	address		VARCHAR(320) NOT NULL PRIMARY KEY,
	sent_at		DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
