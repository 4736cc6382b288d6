/* SQL of the audit log. */
#ifndef DB_AUDIT_H
#define DB_AUDIT_H

#include "db.h"

enum audit_sql {
	AUDIT_SQL_INSERT,
	AUDIT_SQL_LIST_CUSTOMER,
	AUDIT_SQL__MAX
};

/* Columns of AUDIT_SQL_LIST_CUSTOMER. */
enum audit_col {
	AUDIT_COL_ID,
	AUDIT_COL_OCCURRED_AT,
	AUDIT_COL_ACTOR_ID,
	AUDIT_COL_ACTOR_NAME,
	AUDIT_COL_ACTION,
	AUDIT_COL_OBJECT_TYPE,
	AUDIT_COL_OBJECT_ID,
	AUDIT_COL_CHANGES,
	AUDIT_COL__MAX
};

extern const struct db_sql audit_sql[AUDIT_SQL__MAX];

#endif
