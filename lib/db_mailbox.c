#include "config.h"

#include "db_mailbox.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define MAILBOX_SELECT \
	"SELECT id, status, error, size, message_id, class, from_addr, " \
	"subject, result, attempts, " TIME("received_at") ", " \
	TIME("parsed_at") " FROM inbound_messages "

const struct db_sql mailbox_sql[MAILBOX_SQL__MAX] = {
	{ "SELECT id FROM inbound_messages WHERE sha256 = ?",
	  0 }, /* MAILBOX_SQL_BY_SHA */
	/* Parameters: sha256, size. */
	{ "INSERT INTO inbound_messages (sha256, size, received_at) "
	  "VALUES (?, ?, UTC_TIMESTAMP(6))", 0 }, /* MAILBOX_SQL_INSERT */
	{ "INSERT INTO inbound_message_chunks (message_id, seq, data) "
	  "VALUES (?, ?, ?)", 0 }, /* MAILBOX_SQL_CHUNK_INSERT */
	{ "SELECT data FROM inbound_message_chunks WHERE message_id = ? "
	  "ORDER BY seq", DB_SAFE }, /* MAILBOX_SQL_CHUNKS */
	/* Parameters: message_id_sha, id. */
	{ "SELECT id FROM inbound_messages WHERE message_id_sha = ? "
	  "AND id <> ? FOR UPDATE", 0 }, /* MAILBOX_SQL_BY_MESSAGE_ID */
	{ "DELETE FROM inbound_messages WHERE id = ?",
	  0 }, /* MAILBOX_SQL_DELETE */
	/*
	 * Parameters: message_id, message_id_sha, class, from, subject,
	 * result, id.
	 */
	{ "UPDATE inbound_messages SET status = 'parsed', error = NULL, "
	  "message_id = ?, message_id_sha = ?, class = ?, from_addr = ?, "
	  "subject = ?, result = ?, attempts = attempts + 1, "
	  "parsed_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* MAILBOX_SQL_PARSED */
	/* Parameters: error, id. */
	{ "UPDATE inbound_messages SET status = 'failed', error = ?, "
	  "message_id = NULL, message_id_sha = NULL, class = NULL, "
	  "from_addr = NULL, subject = NULL, result = NULL, "
	  "attempts = attempts + 1, parsed_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ?", 0 }, /* MAILBOX_SQL_FAILED */
	/* Parameters: all (0/1), status, cursor id, cursor id, limit. */
	{ MAILBOX_SELECT "WHERE (? = 1 OR status = ?) "
	  "AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
	  DB_SAFE }, /* MAILBOX_SQL_LIST */
	{ MAILBOX_SELECT "WHERE id = ?", DB_SAFE }, /* MAILBOX_SQL_GET */
};
