/* SQL of the per-user preferences (K1: the contact columns). */
#ifndef DB_PREFERENCE_H
#define DB_PREFERENCE_H

#include "db.h"

/* Columns of PREFERENCE_SQL_GET. */
#define PREFERENCE_COL_VALUE	0

enum preference_sql {
	PREFERENCE_SQL_GET,
	PREFERENCE_SQL_PUT,
	PREFERENCE_SQL_DELETE,
	PREFERENCE_SQL__MAX
};

extern const struct db_sql preference_sql[PREFERENCE_SQL__MAX];

#endif
