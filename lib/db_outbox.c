#include "config.h"

#include "db_outbox.h"

const struct db_sql outbox_sql[OUTBOX_SQL__MAX] = {
	/*
	 * Parameters: kind, ticket, ticket message, to, subject, body,
	 * message id, in-reply-to, references, auto-submitted.
	 */
	{ "INSERT INTO outbound_mail (kind, ticket_id, ticket_message_id, "
	  "to_addr, subject, body, message_id, in_reply_to, refs, "
	  "auto_submitted, next_attempt_at, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))",
	  0 }, /* OUTBOX_SQL_INSERT */
};
