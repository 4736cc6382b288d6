-- M1: inbound mail as the MTA handed it over.  The raw bytes are stored in
-- chunks (each well under max_allowed_packet) and committed before the
-- message is parsed; sha256 and message_id_sha recognise a re-delivery.
-- A message that fails to parse keeps its error and can be reprocessed.
CREATE TABLE inbound_messages (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	sha256		BINARY(32) NOT NULL,
	size		INT UNSIGNED NOT NULL,
	status		ENUM('received', 'parsed', 'failed') NOT NULL
			    DEFAULT 'received',
	error		VARCHAR(500) NULL,
	message_id	VARCHAR(998) NULL,
	message_id_sha	BINARY(32) NULL,
	class		ENUM('normal', 'bounce', 'auto_reply', 'list') NULL,
	from_addr	VARCHAR(320) NULL,
	subject		VARCHAR(1000) NULL,
	result		LONGTEXT NULL,		-- the parse, as JSON
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	received_at	DATETIME(6) NOT NULL,
	parsed_at	DATETIME(6) NULL,
	UNIQUE KEY inbound_messages_sha256 (sha256),
	UNIQUE KEY inbound_messages_message_id (message_id_sha),
	KEY inbound_messages_by_status (status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE inbound_message_chunks (
	message_id	BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	data		MEDIUMBLOB NOT NULL,
	PRIMARY KEY (message_id, seq),
	CONSTRAINT inbound_message_chunks_fk FOREIGN KEY (message_id)
	    REFERENCES inbound_messages (id) ON DELETE CASCADE
) ENGINE=InnoDB;
