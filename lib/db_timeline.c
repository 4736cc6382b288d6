#include "config.h"

#include "db_timeline.h"

#define TIMELINE_TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define TIMELINE_SELECT \
	"SELECT t.id, " TIMELINE_TIME("t.occurred_at") ", t.source, t.kind, " \
	"t.summary, t.actor_user_id, u.name, t.object_type, t.object_id, " \
	"DATE_FORMAT(t.occurred_at, '%Y-%m-%d %H:%i:%s.%f') " \
	"FROM timeline_events t LEFT JOIN users u ON u.id = t.actor_user_id " \
	"WHERE t.customer_id = ? "
/* Parameters: occurred_at, occurred_at, id of the cursor. */
#define TIMELINE_AFTER \
	"AND (t.occurred_at < ? OR (t.occurred_at = ? AND t.id < ?)) "
/*
 * TIMELINE_FILTER_MAX patterns; unused slots repeat the first (a NULL
 * there would make the OR unusable as an index range).
 */
#define TIMELINE_KINDS \
	"AND (t.kind LIKE ? OR t.kind LIKE ? OR t.kind LIKE ? OR " \
	"t.kind LIKE ? OR t.kind LIKE ? OR t.kind LIKE ? OR " \
	"t.kind LIKE ? OR t.kind LIKE ?) "
#define TIMELINE_ORDER	"ORDER BY t.occurred_at DESC, t.id DESC LIMIT ?"

const struct db_sql timeline_sql[TIMELINE_SQL__MAX] = {
	{ "INSERT INTO timeline_events (customer_id, occurred_at, source, "
	  "kind, summary, actor_user_id, object_type, object_id) VALUES "
	  "(?, UTC_TIMESTAMP(6), ?, ?, LEFT(?, 500), ?, ?, ?)",
	  0 }, /* TIMELINE_SQL_INSERT */
	{ TIMELINE_SELECT TIMELINE_ORDER,
	  DB_SAFE }, /* TIMELINE_SQL_LIST */
	{ TIMELINE_SELECT TIMELINE_AFTER TIMELINE_ORDER,
	  DB_SAFE }, /* TIMELINE_SQL_LIST_AFTER */
	{ TIMELINE_SELECT TIMELINE_KINDS TIMELINE_ORDER,
	  DB_SAFE }, /* TIMELINE_SQL_LIST_KINDS */
	{ TIMELINE_SELECT TIMELINE_KINDS TIMELINE_AFTER TIMELINE_ORDER,
	  DB_SAFE }, /* TIMELINE_SQL_LIST_KINDS_AFTER */
};
