/*
 * SQL of the ticket family (T1-T3, T5, C10).  TICKET_RECORD_COLUMNS are
 * in the order of enum ticket_field (lib/ticket.h).
 */
#ifndef DB_TICKET_H
#define DB_TICKET_H

#include "db.h"

struct filter;

#define TICKET_RECORD_COLUMNS \
	"subject, contact_id, device_id, contract_id, status, priority, " \
	"type, impact, activity, spam, assignee_id, custom_status_id"
#define TICKET_RECORD_NCOLUMNS	12

/*
 * Columns of the statements that return tickets, after the record;
 * TICKET_SQL_GET and the list add lib/db_sla.h's SLA_TICKET_COLUMNS.
 */
enum ticket_col {
	TICKET_COL_ID = TICKET_RECORD_NCOLUMNS,
	TICKET_COL_NUMBER,
	TICKET_COL_CUSTOMER_ID,
	TICKET_COL_SOURCE,
	TICKET_COL_TRIAGE,
	TICKET_COL_VERSION,
	TICKET_COL_CREATED_AT,
	TICKET_COL_UPDATED_AT,
	TICKET_COL_RESOLVED_AT,
	TICKET_COL_CLOSED_AT,
	TICKET_COL__MAX
};

/* Columns of TICKET_SQL_LIMIT. */
enum ticket_limit_col {
	TICKET_LIMIT_COL_LIMIT,		/* customers.ticket_limit, or NULL */
	TICKET_LIMIT_COL_OPEN,		/* the open_tickets count */
	TICKET_LIMIT_COL_CONTRACT,	/* T3: the default contract */
	TICKET_LIMIT_COL__MAX
};

/* Columns of TICKET_SQL_CONTACT_CHECK. */
enum ticket_contact_col {
	TICKET_CONTACT_COL_ID,
	TICKET_CONTACT_COL_NAME,
	TICKET_CONTACT_COL__MAX
};

/* Columns of TICKET_SQL_MESSAGES. */
enum message_col {
	MESSAGE_COL_ID,
	MESSAGE_COL_KIND,
	MESSAGE_COL_AUTHOR_KIND,
	MESSAGE_COL_AUTHOR_USER_ID,
	MESSAGE_COL_AUTHOR_CONTACT_ID,
	MESSAGE_COL_AUTHOR_NAME,
	MESSAGE_COL_BODY,
	MESSAGE_COL_CREATED_AT,
	MESSAGE_COL_MAIL_ID,		/* its outbound mail, or NULL */
	MESSAGE_COL_MAIL_STATUS,
	MESSAGE_COL_MAIL_ERROR,
	MESSAGE_COL_MAIL_ATTEMPTS,
	MESSAGE_COL__MAX
};

/* Columns of TICKET_SQL_STATUS_LIST. */
enum ticket_status_col {
	TICKET_STATUS_COL_ID,
	TICKET_STATUS_COL_NAME,
	TICKET_STATUS_COL_BASE,
	TICKET_STATUS_COL__MAX
};

/* Columns of TICKET_SQL_TIME_GET. */
enum ticket_time_col {
	TICKET_TIME_COL_ID,
	TICKET_TIME_COL_DATE,
	TICKET_TIME_COL_MINUTES,
	TICKET_TIME_COL_DESCRIPTION,
	TICKET_TIME_COL_CONTRACT_ID,
	TICKET_TIME_COL_BILLABLE,
	TICKET_TIME_COL_TICKET_ID,
	TICKET_TIME_COL__MAX
};

enum ticket_sql {
	TICKET_SQL_GET,
	TICKET_SQL_LOCK,
	TICKET_SQL_LIMIT,		/* locks the customer: C10 */
	TICKET_SQL_NEXT,		/* locks the sequence row */
	TICKET_SQL_NUMBER,
	TICKET_SQL_INSERT,
	TICKET_SQL_UPDATE,
	TICKET_SQL_ACTIVITY,		/* a message's effect on its ticket */
	TICKET_SQL_CONTACT_CHECK,	/* share locks, id and customer */
	TICKET_SQL_DEVICE_CHECK,
	TICKET_SQL_CONTRACT_CHECK,
	TICKET_SQL_USER_CHECK,		/* id only */
	TICKET_SQL_MESSAGE_INSERT,
	TICKET_SQL_MESSAGES,
	TICKET_SQL_TIME_INSERT,		/* a time entry of the ticket (B1) */
	TICKET_SQL_TIME_GET,
	TICKET_SQL_STATUS_BASE,		/* a custom status's base, share lock */
	TICKET_SQL_STATUS_LIST,
	TICKET_SQL_STATUS_INSERT,
	TICKET_SQL__MAX
};

extern const struct db_sql ticket_sql[TICKET_SQL__MAX];
extern const struct filter ticket_list_filter;

#endif
