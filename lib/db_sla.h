/*
 * SQL of SLA policies and their assignment (T1), the ticket columns a
 * ticket's read adds for its SLA clocks and sentiment, and the writes a
 * ticket's message makes to them.  SLA_RECORD_COLUMNS are in the order
 * of enum sla_field.
 */
#ifndef DB_SLA_H
#define DB_SLA_H

#include <stdint.h>

#include "db.h"

struct arena;

#define SLA_RECORD_COLUMNS \
	"name, first_response_low, first_response_medium, " \
	"first_response_high, first_response_critical, resolution_low, " \
	"resolution_medium, resolution_high, resolution_critical, " \
	"business_days, business_start, business_end, time_zone, is_default"
#define SLA_RECORD_NCOLUMNS	14

enum sla_field {
	SLA_F_NAME,
	SLA_F_FIRST_LOW,
	SLA_F_FIRST_MEDIUM,
	SLA_F_FIRST_HIGH,
	SLA_F_FIRST_CRITICAL,
	SLA_F_RESOLUTION_LOW,
	SLA_F_RESOLUTION_MEDIUM,
	SLA_F_RESOLUTION_HIGH,
	SLA_F_RESOLUTION_CRITICAL,
	SLA_F_DAYS,
	SLA_F_START,
	SLA_F_END,
	SLA_F_ZONE,
	SLA_F_DEFAULT,
	SLA_F__MAX
};

/* Columns of SLA_SQL_GET, _LOCK and _LIST after the record. */
enum sla_col {
	SLA_COL_ID = SLA_RECORD_NCOLUMNS,
	SLA_COL_VERSION,
	SLA_COL_CREATED_AT,
	SLA_COL_UPDATED_AT,
	SLA_COL__MAX
};

/* The one column of SLA_SQL_CHECK and SLA_SQL_OLD_DEFAULT. */
#define SLA_ONE_COL_ID	0

/* Columns of SLA_SQL_CUSTOMER_GET. */
enum sla_customer_col {
	SLA_CUSTOMER_COL_POLICY,	/* the customer's own, or NULL */
	SLA_CUSTOMER_COL_DEFAULT,	/* the workspace default, or NULL */
	SLA_CUSTOMER_COL__MAX
};

/*
 * What the ticket statements that are read (not locked) select after
 * TICKET_COL__MAX: the first response, the sentiment, and the ticket's
 * policy with the targets of its priority.
 */
#define SLA_TICKET_COLUMNS \
	", DATE_FORMAT(t.first_responded_at, '%Y-%m-%dT%H:%i:%s.%fZ'), " \
	"t.sentiment, t.sentiment_score, sp.id, sp.name, " \
	"ELT(FIELD(t.priority, 'low', 'medium', 'high', 'critical'), " \
	"sp.first_response_low, sp.first_response_medium, " \
	"sp.first_response_high, sp.first_response_critical), " \
	"ELT(FIELD(t.priority, 'low', 'medium', 'high', 'critical'), " \
	"sp.resolution_low, sp.resolution_medium, sp.resolution_high, " \
	"sp.resolution_critical), " \
	"sp.business_days, sp.business_start, sp.business_end, sp.time_zone "
/* The contract's policy, else the customer's, else the default. */
#define SLA_TICKET_JOINS \
	"LEFT JOIN contracts sk ON sk.id = t.contract_id " \
	"LEFT JOIN customer_sla sc ON sc.customer_id = t.customer_id " \
	"LEFT JOIN sla_policies sd ON sd.default_key = 1 " \
	"LEFT JOIN sla_policies sp ON sp.id = " \
	"COALESCE(sk.sla_policy_id, sc.sla_policy_id, sd.id) "

enum sla_ticket_col {
	SLA_TICKET_COL_FIRST_RESPONDED_AT,
	SLA_TICKET_COL_SENTIMENT,
	SLA_TICKET_COL_SENTIMENT_SCORE,
	SLA_TICKET_COL_POLICY_ID,
	SLA_TICKET_COL_POLICY_NAME,
	SLA_TICKET_COL_FIRST_RESPONSE,
	SLA_TICKET_COL_RESOLUTION,
	SLA_TICKET_COL_DAYS,
	SLA_TICKET_COL_START,
	SLA_TICKET_COL_END,
	SLA_TICKET_COL_ZONE,
	SLA_TICKET_COL__MAX
};

enum sla_sql {
	SLA_SQL_LIST,
	SLA_SQL_GET,
	SLA_SQL_LOCK,
	SLA_SQL_CHECK,			/* id, share lock */
	SLA_SQL_INSERT,
	SLA_SQL_UPDATE,
	SLA_SQL_DELETE,
	SLA_SQL_OLD_DEFAULT,		/* the default but one id, locked */
	SLA_SQL_CLEAR_DEFAULT,
	SLA_SQL_CUSTOMER_GET,
	SLA_SQL_CUSTOMER_PUT,
	SLA_SQL_CUSTOMER_DELETE,
	SLA_SQL_CONTRACT_LOCK,
	SLA_SQL_CONTRACT_PUT,
	SLA_SQL_TICKET_SENTIMENT,
	SLA_SQL_TICKET_RESPONDED,
	SLA_SQL__MAX
};

/* Columns of SLA_SQL_CONTRACT_LOCK. */
enum sla_contract_col {
	SLA_CONTRACT_COL_POLICY,
	SLA_CONTRACT_COL_NAME,
	SLA_CONTRACT_COL__MAX
};

extern const struct db_sql sla_sql[SLA_SQL__MAX];

int	sla_message_added(struct db *, struct arena *, uint64_t, int, int,
	    const char *);

#endif
