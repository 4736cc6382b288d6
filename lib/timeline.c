#include "config.h"

#include "actor.h"
#include "arena.h"
#include "db.h"
#include "db_timeline.h"
#include "timeline.h"

int
timeline_add(struct db *db, struct arena *a, const struct actor *who,
    const struct timeline_event *e)
{
	return DB_EXEC(db, a, &timeline_sql[TIMELINE_SQL_INSERT], NULL,
	    db_u64(e->customer_id), db_str(TIMELINE_SOURCE_HUB),
	    db_str(e->kind), db_str(e->summary),
	    db_id_or_null(who->kind == ACTOR_USER ? who->id : 0),
	    db_str(e->object_type), db_id_or_null(e->object_id));
}
