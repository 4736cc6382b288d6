#include "config.h"

#include "arena.h"
#include "db.h"
#include "dispatch.h"
#include "timeline.h"

enum timeline_sql {
	TIMELINE_SQL_INSERT,
	TIMELINE_SQL__MAX
};

static struct db_sql timeline_sql[TIMELINE_SQL__MAX] = {
	{ "INSERT INTO timeline_events (customer_id, occurred_at, source, "
	  "kind, summary, actor_user_id, object_type, object_id) VALUES "
	  "(?, UTC_TIMESTAMP(6), ?, ?, LEFT(?, 500), ?, ?, ?)",
	  NULL, 0 }, /* TIMELINE_SQL_INSERT */
};

int
timeline_add(struct ctx *c, uint64_t customer_id, const char *kind,
    const char *summary, const char *object_type, uint64_t object_id)
{
	return DB_EXEC(c->db, c->arena, &timeline_sql[TIMELINE_SQL_INSERT],
	    NULL, db_u64(customer_id), db_str(TIMELINE_SOURCE_HUB),
	    db_str(kind), db_str(summary), db_id_or_null(c->user.id),
	    db_str(object_type), db_id_or_null(object_id));
}
