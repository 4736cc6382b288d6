#include "config.h"

#include "db_attachment.h"

#define ATTACHMENT_COLUMNS \
	"a.id, a.filename, a.content_type, a.content_id, a.is_inline, " \
	"a.size, LOWER(HEX(a.sha256)) "

const struct db_sql attachment_sql[ATTACHMENT_SQL__MAX] = {
	{ "DELETE FROM mail_attachments WHERE inbound_message_id = ?",
	  0 }, /* ATTACHMENT_SQL_DELETE */
	/*
	 * Parameters: inbound message, position, filename, content type,
	 * content id, inline, size, sha256.
	 */
	{ "INSERT INTO mail_attachments (inbound_message_id, position, "
	  "filename, content_type, content_id, is_inline, size, sha256) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 0 }, /* ATTACHMENT_SQL_INSERT */
	{ "INSERT INTO mail_attachment_chunks (attachment_id, seq, data) "
	  "VALUES (?, ?, ?)", 0 }, /* ATTACHMENT_SQL_CHUNK_INSERT */
	{ "SELECT a.inbound_message_id, " ATTACHMENT_COLUMNS
	  "FROM mail_attachments a WHERE a.id = ?",
	  DB_SAFE }, /* ATTACHMENT_SQL_GET */
	{ "SELECT data FROM mail_attachment_chunks WHERE attachment_id = ? "
	  "ORDER BY seq", DB_SAFE }, /* ATTACHMENT_SQL_CHUNKS */
	{ "SELECT a.inbound_message_id, " ATTACHMENT_COLUMNS
	  "FROM mail_attachments a WHERE a.inbound_message_id = ? "
	  "ORDER BY a.position", DB_SAFE }, /* ATTACHMENT_SQL_BY_MESSAGE */
	/* Parameters: ticket, first and last message id of the page. */
	{ "SELECT m.id, " ATTACHMENT_COLUMNS "FROM ticket_messages m "
	  "JOIN mail_attachments a ON a.inbound_message_id = "
	  "m.inbound_message_id WHERE m.ticket_id = ? AND m.id BETWEEN ? AND ? "
	  "ORDER BY m.id, a.position", DB_SAFE }, /* ATTACHMENT_SQL_BY_TICKET */
};
