#include "config.h"

#include <stddef.h>

#include "db_sla.h"
#include "sentiment.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define SLA_SELECT	"SELECT " SLA_RECORD_COLUMNS ", id, version, " \
	TIME("created_at") ", " TIME("updated_at") " FROM sla_policies "

const struct db_sql sla_sql[SLA_SQL__MAX] = {
	{ SLA_SELECT "ORDER BY name, id LIMIT ?", DB_SAFE }, /* SLA_SQL_LIST */
	{ SLA_SELECT "WHERE id = ?", DB_SAFE }, /* SLA_SQL_GET */
	{ SLA_SELECT "WHERE id = ? FOR UPDATE", 0 }, /* SLA_SQL_LOCK */
	{ "SELECT id FROM sla_policies WHERE id = ? LOCK IN SHARE MODE",
	  0 }, /* SLA_SQL_CHECK */
	{ "INSERT INTO sla_policies (" SLA_RECORD_COLUMNS ", created_at, "
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", 0 }, /* SLA_SQL_INSERT */
	{ "UPDATE sla_policies SET name = ?, first_response_low = ?, "
	  "first_response_medium = ?, first_response_high = ?, "
	  "first_response_critical = ?, resolution_low = ?, "
	  "resolution_medium = ?, resolution_high = ?, "
	  "resolution_critical = ?, business_days = ?, business_start = ?, "
	  "business_end = ?, time_zone = ?, is_default = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ?", 0 }, /* SLA_SQL_UPDATE */
	{ "DELETE FROM sla_policies WHERE id = ?", 0 }, /* SLA_SQL_DELETE */
	{ "SELECT id FROM sla_policies WHERE default_key = 1 AND id <> ? "
	  "FOR UPDATE", 0 }, /* SLA_SQL_OLD_DEFAULT */
	{ "UPDATE sla_policies SET is_default = 0, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* SLA_SQL_CLEAR_DEFAULT */
	{ "SELECT (SELECT sla_policy_id FROM customer_sla "
	  "WHERE customer_id = ?), (SELECT id FROM sla_policies "
	  "WHERE default_key = 1)", DB_SAFE }, /* SLA_SQL_CUSTOMER_GET */
	{ "INSERT INTO customer_sla (customer_id, sla_policy_id, updated_at) "
	  "VALUES (?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
	  "sla_policy_id = VALUES(sla_policy_id), "
	  "updated_at = VALUES(updated_at)", 0 }, /* SLA_SQL_CUSTOMER_PUT */
	{ "DELETE FROM customer_sla WHERE customer_id = ?",
	  0 }, /* SLA_SQL_CUSTOMER_DELETE */
	{ "SELECT sla_policy_id, name FROM contracts WHERE id = ? AND "
	  "customer_id = ? FOR UPDATE", 0 }, /* SLA_SQL_CONTRACT_LOCK */
	{ "UPDATE contracts SET sla_policy_id = ? WHERE id = ?",
	  0 }, /* SLA_SQL_CONTRACT_PUT */
	{ "UPDATE tickets SET sentiment = ?, sentiment_score = ? "
	  "WHERE id = ?", 0 }, /* SLA_SQL_TICKET_SENTIMENT */
	{ "UPDATE tickets SET first_responded_at = "
	  "IFNULL(first_responded_at, UTC_TIMESTAMP(6)) WHERE id = ?",
	  0 }, /* SLA_SQL_TICKET_RESPONDED */
};

/*
 * Inside the caller's transaction, after a message was added to ticket
 * id: a contact's words (contact) set the ticket's sentiment; a
 * technician's public reply (first_reply) starts being its first
 * response.  0, or -1.
 */
int
sla_message_added(struct db *db, struct arena *a, uint64_t id, int contact,
    int first_reply, const char *body)
{
	enum sentiment_label	label;
	int			score;

	if (contact) {
		label = sentiment_score(body, &score);
		return DB_EXEC(db, a, &sla_sql[SLA_SQL_TICKET_SENTIMENT], NULL,
		    db_str(sentiment_labels[label]), db_i64(score),
		    db_u64(id));
	}
	if (first_reply)
		return DB_EXEC(db, a, &sla_sql[SLA_SQL_TICKET_RESPONDED], NULL,
		    db_u64(id));
	return 0;
}
