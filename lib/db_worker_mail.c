#include "config.h"

#include "db_worker_mail.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define OUTBOUND_SELECT \
	"SELECT id, kind, ticket_id, ticket_message_id, to_addr, subject, " \
	"message_id, status, attempts, last_error, " \
	TIME("next_attempt_at") ", " TIME("created_at") ", " \
	TIME("sent_at") " FROM outbound_mail "

const struct db_sql worker_mail_sql[WORKER_MAIL_SQL__MAX] = {
	{ "SELECT id FROM outbound_mail WHERE status = 'queued' "
	  "AND next_attempt_at <= UTC_TIMESTAMP(6) "
	  "AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6)) "
	  "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED",
	  0 }, /* WORKER_MAIL_SQL_CLAIM */
	/* Parameters: lease seconds, id. */
	{ "UPDATE outbound_mail SET lease_until = UTC_TIMESTAMP(6) + "
	  "INTERVAL ? SECOND, attempts = attempts + 1 WHERE id = ?",
	  0 }, /* WORKER_MAIL_SQL_LEASE */
	{ "SELECT kind, to_addr, subject, body, message_id, in_reply_to, "
	  "refs, auto_submitted, attempts, "
	  "TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) "
	  "FROM outbound_mail WHERE id = ?", DB_SAFE }, /* WORKER_MAIL_SQL_GET */
	{ "UPDATE outbound_mail SET status = 'sent', "
	  "sent_at = UTC_TIMESTAMP(6), lease_until = NULL, last_error = NULL "
	  "WHERE id = ?", 0 }, /* WORKER_MAIL_SQL_SENT */
	/* Parameters: error, delay in microseconds, id. */
	{ "UPDATE outbound_mail SET last_error = ?, next_attempt_at = "
	  "UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND, lease_until = NULL "
	  "WHERE id = ?", 0 }, /* WORKER_MAIL_SQL_RETRY */
	/* Parameters: error, id. */
	{ "UPDATE outbound_mail SET status = 'failed', last_error = ?, "
	  "lease_until = NULL WHERE id = ?", 0 }, /* WORKER_MAIL_SQL_FAILED */
	/* Parameters: error x2. */
	{ "UPDATE outbound_mail SET last_error = ? WHERE status = 'queued' "
	  "AND (last_error IS NULL OR last_error <> ?)",
	  0 }, /* WORKER_MAIL_SQL_NO_URL */
	/* Parameters: all (0/1), status, cursor id x2, limit. */
	{ OUTBOUND_SELECT "WHERE (? = 1 OR status = ?) "
	  "AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
	  DB_SAFE }, /* WORKER_MAIL_SQL_LIST */
	{ OUTBOUND_SELECT "WHERE id = ?", DB_SAFE }, /* WORKER_MAIL_SQL_ONE */
	{ OUTBOUND_SELECT "WHERE id = ? FOR UPDATE",
	  0 }, /* WORKER_MAIL_SQL_LOCK */
	{ "UPDATE outbound_mail SET status = 'queued', attempts = 0, "
	  "next_attempt_at = UTC_TIMESTAMP(6), lease_until = NULL "
	  "WHERE id = ?", 0 }, /* WORKER_MAIL_SQL_REQUEUE */
	{ "SELECT t.subject, t.number, c.email FROM tickets t "
	  "JOIN contacts c ON c.id = t.contact_id "
	  "WHERE t.id = ? AND c.email IS NOT NULL AND c.email <> ''",
	  0 }, /* WORKER_MAIL_SQL_TICKET */
	/* Oldest first: the order of References. */
	{ "SELECT message_id, author_kind FROM ticket_messages "
	  "WHERE ticket_id = ? AND message_id IS NOT NULL ORDER BY id",
	  0 }, /* WORKER_MAIL_SQL_IDS */
	/* Parameters: message id, its SHA-256, ticket message id. */
	{ "UPDATE ticket_messages SET message_id = ?, message_id_sha = ? "
	  "WHERE id = ?", 0 }, /* WORKER_MAIL_SQL_SET_ID */
};
