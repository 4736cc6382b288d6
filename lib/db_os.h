/*
 * SQL of the OS lifecycle table (D6): when an operating system stops
 * getting security updates.  A record with os_name and os_version joins
 * it with OS_LIFECYCLE_JOIN; OS_LIFECYCLE_ENDED is then 1 past the end.
 */
#ifndef DB_OS_H
#define DB_OS_H

#include "db.h"

#define OS_LIFECYCLE_JOIN(t) \
	"LEFT JOIN os_lifecycle o ON o.os_name = " t ".os_name AND " \
	"o.os_version = " t ".os_version "
#define OS_LIFECYCLE_ENDED \
	"COALESCE(o.end_of_support < UTC_DATE(), 0)"

enum os_col {
	OS_COL_NAME,
	OS_COL_VERSION,
	OS_COL_END,
	OS_COL_ENDED,
	OS_COL__MAX
};

enum os_sql {
	OS_SQL_LIST,
	OS_SQL__MAX
};

extern const struct db_sql os_sql[OS_SQL__MAX];

#endif
