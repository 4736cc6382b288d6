/* SQL of the customer timeline. */
#ifndef DB_TIMELINE_H
#define DB_TIMELINE_H

#include "db.h"

/* Kind families one ?kind= filter may name at most (LIKE slots). */
#define TIMELINE_FILTER_MAX	8

/* Columns of the TIMELINE_SQL_LIST* statements. */
enum timeline_col {
	TIMELINE_COL_ID,
	TIMELINE_COL_OCCURRED_AT,
	TIMELINE_COL_SOURCE,
	TIMELINE_COL_KIND,
	TIMELINE_COL_SUMMARY,
	TIMELINE_COL_ACTOR_ID,
	TIMELINE_COL_ACTOR_NAME,
	TIMELINE_COL_OBJECT_TYPE,
	TIMELINE_COL_OBJECT_ID,
	TIMELINE_COL_SORT_KEY,		/* occurred_at as the cursor holds it */
	TIMELINE_COL__MAX
};

/*
 * The four lists, newest first: with or without a cursor, with or without
 * kind patterns.  A statement each, so every one is an index range
 * (customer_id, occurred_at, id) or (customer_id, kind, ...), never a
 * catch-all that scans from the newest event down to the cursor.
 */
enum timeline_sql {
	TIMELINE_SQL_INSERT,
	TIMELINE_SQL_LIST,
	TIMELINE_SQL_LIST_AFTER,
	TIMELINE_SQL_LIST_KINDS,
	TIMELINE_SQL_LIST_KINDS_AFTER,
	TIMELINE_SQL__MAX
};

extern const struct db_sql timeline_sql[TIMELINE_SQL__MAX];

#endif
