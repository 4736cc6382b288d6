-- What the mail pieces share (M2, M3, M4, outbound mail).

-- M3: a customer's mail domains.  Only a verified domain routes mail to
-- its customer (M2); a domain belongs to one customer.  domain is the
-- lowercased A-label (IDN normalised).
CREATE TABLE customer_domains (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	domain		VARCHAR(253) CHARACTER SET ascii NOT NULL,
	include_subdomains TINYINT(1) NOT NULL DEFAULT 0,
	verified_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY customer_domains_domain (domain),
	KEY customer_domains_by_customer (customer_id, id),
	CONSTRAINT customer_domains_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Mail msphub sends: replies, acknowledgements, domain challenges.  A
-- row is queued in the transaction of what caused it, so the mail is
-- sent if and only if that commits; the sender delivers it, retrying
-- with backoff, and a failure stays visible with its error.
-- message_id is ours (lib/msgid.h for mail about a ticket).
CREATE TABLE outbound_mail (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('reply', 'acknowledgement', 'domain_challenge',
			    'notice') NOT NULL,
	ticket_id	BIGINT UNSIGNED NULL,
	ticket_message_id BIGINT UNSIGNED NULL,
	to_addr		VARCHAR(320) NOT NULL,
	subject		VARCHAR(998) NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	message_id	VARCHAR(255) CHARACTER SET ascii NOT NULL,
	in_reply_to	VARCHAR(998) NULL,
	refs		TEXT NULL,
	auto_submitted	TINYINT(1) NOT NULL DEFAULT 0,
	status		ENUM('queued', 'sent', 'failed') NOT NULL
			    DEFAULT 'queued',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at	DATETIME(6) NOT NULL,
	lease_until	DATETIME(6) NULL,
	last_error	VARCHAR(500) NULL,
	created_at	DATETIME(6) NOT NULL,
	sent_at		DATETIME(6) NULL,
	UNIQUE KEY outbound_mail_message_id (message_id),
	KEY outbound_mail_due (status, next_attempt_at),
	KEY outbound_mail_by_ticket (ticket_id, id),
	CONSTRAINT outbound_mail_ticket_fk FOREIGN KEY (ticket_id)
	    REFERENCES tickets (id) ON DELETE SET NULL,
	CONSTRAINT outbound_mail_message_fk FOREIGN KEY (ticket_message_id)
	    REFERENCES ticket_messages (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- M4: the Message-ID a ticket message came in or went out with, so a
-- reply to any of them threads onto its ticket, and the inbound mail it
-- came from (its attachments, its raw bytes).
ALTER TABLE ticket_messages
	ADD COLUMN message_id VARCHAR(998) NULL,
	ADD COLUMN message_id_sha BINARY(32) NULL,
	ADD COLUMN inbound_message_id BIGINT UNSIGNED NULL,
	ADD KEY ticket_messages_by_message_id (message_id_sha),
	ADD CONSTRAINT ticket_messages_inbound_fk
	    FOREIGN KEY (inbound_message_id)
	    REFERENCES inbound_messages (id) ON DELETE SET NULL;
