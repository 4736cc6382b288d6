/* SQL of workspace settings: one JSON value per name. */
#ifndef DB_SETTING_H
#define DB_SETTING_H

#include "db.h"

/* The one column of SETTING_SQL_GET and SETTING_SQL_LOCK. */
#define SETTING_COL_VALUE	0

enum setting_sql {
	SETTING_SQL_GET,
	SETTING_SQL_LOCK,
	SETTING_SQL_PUT,
	SETTING_SQL__MAX
};

extern const struct db_sql setting_sql[SETTING_SQL__MAX];

#endif
