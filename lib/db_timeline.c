#include "config.h"

#include "db_timeline.h"

const struct db_sql timeline_sql[TIMELINE_SQL__MAX] = {
	{ "INSERT INTO timeline_events (customer_id, occurred_at, source, "
	  "kind, summary, actor_user_id, object_type, object_id) VALUES "
	  "(?, UTC_TIMESTAMP(6), ?, ?, LEFT(?, 500), ?, ?, ?)",
	  0 }, /* TIMELINE_SQL_INSERT */
};
