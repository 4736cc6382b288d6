#include "config.h"

#include <stddef.h>

#include "db_sla.h"
#include "db_ticket.h"
#include "filter.h"
#include "ticket.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define TICKET_COLUMNS \
	"t.subject, t.contact_id, t.device_id, t.contract_id, t.status, " \
	"t.priority, t.type, t.impact, t.activity, t.spam, t.assignee_id, " \
	"t.custom_status_id, " \
	"t.id, t.number, t.customer_id, t.source, t.triage, t.version, " \
	TIME("t.created_at") ", " TIME("t.updated_at") ", " \
	TIME("t.resolved_at") ", " TIME("t.closed_at")
#define TICKET_SELECT	"SELECT " TICKET_COLUMNS " FROM tickets t "
/* A read: SLA_TICKET_COLUMNS follow (lib/db_sla.h); never locks. */
#define TICKET_READ	"SELECT " TICKET_COLUMNS SLA_TICKET_COLUMNS \
	"FROM tickets t " SLA_TICKET_JOINS

const struct db_sql ticket_sql[TICKET_SQL__MAX] = {
	{ TICKET_READ "WHERE t.id = ?", DB_SAFE }, /* TICKET_SQL_GET */
	{ TICKET_SELECT "WHERE t.id = ? FOR UPDATE", 0 }, /* TICKET_SQL_LOCK */
	/* Serialises a customer's creates, so the limit holds under races. */
	{ "SELECT c.ticket_limit, IFNULL(k.n, 0), c.default_contract_id "
	  "FROM customers c "
	  "LEFT JOIN customer_counts k ON k.customer_id = c.id AND "
	  "k.name = 'open_tickets' WHERE c.id = ? FOR UPDATE",
	  0 }, /* TICKET_SQL_LIMIT */
	{ "UPDATE ticket_sequence SET next_number = next_number + 1 "
	  "WHERE id = 1", 0 }, /* TICKET_SQL_NEXT */
	{ "SELECT next_number - 1 FROM ticket_sequence WHERE id = 1",
	  0 }, /* TICKET_SQL_NUMBER */
	/* Parameters: the record, number, customer, source, triage. */
	{ "INSERT INTO tickets (" TICKET_RECORD_COLUMNS ", number, "
	  "customer_id, source, triage, created_at, updated_at) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))", 0 }, /* TICKET_SQL_INSERT */
	/* SET runs left to right: the times see the new status. */
	{ "UPDATE tickets SET subject = ?, contact_id = ?, device_id = ?, "
	  "contract_id = ?, status = ?, priority = ?, type = ?, impact = ?, "
	  "activity = ?, spam = ?, assignee_id = ?, custom_status_id = ?, "
	  "resolved_at = IF(status = 'resolved', IFNULL(resolved_at, "
	  "UTC_TIMESTAMP(6)), NULL), closed_at = IF(status = 'closed', "
	  "IFNULL(closed_at, UTC_TIMESTAMP(6)), NULL), "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ?", 0 }, /* TICKET_SQL_UPDATE */
	/* Parameters: status, activity, id. */
	{ "UPDATE tickets SET status = ?, activity = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ?", 0 }, /* TICKET_SQL_ACTIVITY */
	{ "SELECT id, name FROM contacts WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* TICKET_SQL_CONTACT_CHECK */
	{ "SELECT id FROM devices WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* TICKET_SQL_DEVICE_CHECK */
	{ "SELECT id FROM contracts WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* TICKET_SQL_CONTRACT_CHECK */
	{ "SELECT id FROM users WHERE id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* TICKET_SQL_USER_CHECK */
	/* Parameters: ticket, kind, author kind, user, contact, name, body. */
	{ "INSERT INTO ticket_messages (ticket_id, kind, author_kind, "
	  "author_user_id, author_contact_id, author_name, body, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
	  0 }, /* TICKET_SQL_MESSAGE_INSERT */
	/* Oldest first.  Parameters: ticket, cursor id x2, limit. */
	{ "SELECT m.id, m.kind, m.author_kind, m.author_user_id, "
	  "m.author_contact_id, m.author_name, m.body, " TIME("m.created_at")
	  ", om.id, om.status, om.last_error, om.attempts "
	  "FROM ticket_messages m LEFT JOIN outbound_mail om ON om.id = "
	  "(SELECT MAX(o.id) FROM outbound_mail o "
	  "WHERE o.ticket_message_id = m.id) "
	  "WHERE m.ticket_id = ? AND (? IS NULL OR m.id > ?) "
	  "ORDER BY m.id LIMIT ?", DB_SAFE }, /* TICKET_SQL_MESSAGES */
	/* Parameters: minutes, description, contract, billable, customer, ticket. */
	{ "INSERT INTO time_entries (entry_date, minutes, description, "
	  "contract_id, billable, customer_id, ticket_id, created_at, "
	  "updated_at) VALUES (UTC_DATE(), ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", 0 }, /* TICKET_SQL_TIME_INSERT */
	{ "SELECT id, DATE_FORMAT(entry_date, '%Y-%m-%d'), minutes, "
	  "description, contract_id, billable, ticket_id FROM time_entries "
	  "WHERE id = ?", DB_SAFE }, /* TICKET_SQL_TIME_GET */
	{ "SELECT base FROM ticket_statuses WHERE id = ? LOCK IN SHARE MODE",
	  0 }, /* TICKET_SQL_STATUS_BASE */
	{ "SELECT id, name, base FROM ticket_statuses ORDER BY base, name, id",
	  DB_SAFE }, /* TICKET_SQL_STATUS_LIST */
	{ "INSERT INTO ticket_statuses (name, base, created_at) VALUES "
	  "(?, ?, UTC_TIMESTAMP(6))", 0 }, /* TICKET_SQL_STATUS_INSERT */
};

/*
 * T2: each condition is served by an index ending in the list's order
 * (id, newest first); the page cursor carries the id alone.
 */
static const struct filter_cond ticket_list_conds[] = {
	{ TICKET_Q_CUSTOMER_ID, FILTER_INT, " AND t.customer_id = ?" },
	{ TICKET_Q_OPEN, FILTER_INT, " AND t.open_queue = 1" },
	{ TICKET_Q_STATUS, FILTER_TEXT, " AND t.status = ?" },
	{ TICKET_Q_SPAM, FILTER_INT, " AND t.spam = ?" },
	{ TICKET_Q_PRIORITY, FILTER_TEXT, " AND t.priority = ?" },
	{ TICKET_Q_ASSIGNEE_ID, FILTER_INT, " AND t.assignee_id = ?" },
	{ TICKET_Q_TYPE, FILTER_TEXT, " AND t.type = ?" },
	{ TICKET_Q_IMPACT, FILTER_TEXT, " AND t.impact = ?" },
	{ TICKET_Q_DEVICE_ID, FILTER_INT, " AND t.device_id = ?" },
	{ TICKET_Q_SENTIMENT, FILTER_TEXT, " AND t.sentiment = ?" },
	{ TICKET_Q_RANK, FILTER_TEXT, " AND t.customer_id IN "
	  "(SELECT id FROM customers WHERE `rank` = ?)" },
	{ TICKET_Q_UNASSIGNED, FILTER_INT, " AND t.customer_id IS NULL" },
	{ TICKET_Q_Q, FILTER_CONTAINS, " AND (t.subject LIKE ? OR "
	  "t.number LIKE ?)" },
	{ TICKET_Q_AFTER, FILTER_CURSOR, " AND ? IS NULL AND t.id < ?" },
};

/* Head: nothing; tail: the limit. */
const struct filter ticket_list_filter = {
	TICKET_READ "WHERE 1 = 1", ticket_list_conds,
	sizeof(ticket_list_conds) / sizeof(ticket_list_conds[0]),
	" ORDER BY t.id DESC LIMIT ?"
};
