/*
 * SQL of the project family (B4).  The record columns are in the order
 * of enum project_field (cgi/billing.h).
 */
#ifndef DB_PROJECT_H
#define DB_PROJECT_H

#include "db.h"

#define PROJECT_RECORD_NCOLUMNS	8

enum project_col {
	PROJECT_COL_ID = PROJECT_RECORD_NCOLUMNS,
	PROJECT_COL_VERSION,
	PROJECT_COL_CREATED_AT,
	PROJECT_COL_UPDATED_AT,
	PROJECT_COL_STATUS,		/* upcoming, active, past: today's */
	PROJECT_COL_OVERDUE,		/* not completed, due date passed */
	PROJECT_COL_SORT_KEY,
	PROJECT_COL__MAX
};

enum project_sql {
	PROJECT_SQL_GET,
	PROJECT_SQL_LOCK,
	PROJECT_SQL_INSERT,
	PROJECT_SQL_UPDATE,
	PROJECT_SQL_DELETE,
	PROJECT_SQL_LIST,
	PROJECT_SQL__MAX
};

extern const struct db_sql project_sql[PROJECT_SQL__MAX];

#endif
