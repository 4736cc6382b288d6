/* SQL of the customer timeline. */
#ifndef DB_TIMELINE_H
#define DB_TIMELINE_H

#include "db.h"

enum timeline_sql {
	TIMELINE_SQL_INSERT,
	TIMELINE_SQL__MAX
};

extern const struct db_sql timeline_sql[TIMELINE_SQL__MAX];

#endif
