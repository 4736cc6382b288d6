-- M1: the attachments and inline images of inbound mail, decoded, stored
-- in the transaction that marks their message parsed.  A reprocess
-- replaces them (position is unique per message); the bytes are kept in
-- chunks like the raw message's, each well under max_allowed_packet.
-- Served only to signed-in users (GET /api/v1/attachments/{id}).
CREATE TABLE mail_attachments (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	inbound_message_id BIGINT UNSIGNED NOT NULL,
	position	SMALLINT UNSIGNED NOT NULL,
	filename	VARCHAR(255) NULL,
	content_type	VARCHAR(255) CHARACTER SET ascii NOT NULL,
	content_id	VARCHAR(255) NULL,
	is_inline	TINYINT(1) NOT NULL DEFAULT 0,
	size		INT UNSIGNED NOT NULL,
	sha256		BINARY(32) NOT NULL,
	UNIQUE KEY mail_attachments_position (inbound_message_id, position),
	CONSTRAINT mail_attachments_message_fk FOREIGN KEY (inbound_message_id)
	    REFERENCES inbound_messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE mail_attachment_chunks (
	attachment_id	BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	data		MEDIUMBLOB NOT NULL,
	PRIMARY KEY (attachment_id, seq),
	CONSTRAINT mail_attachment_chunks_fk FOREIGN KEY (attachment_id)
	    REFERENCES mail_attachments (id) ON DELETE CASCADE
) ENGINE=InnoDB;
