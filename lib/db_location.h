/*
 * SQL of the location family.  LOCATION_RECORD_COLUMNS are in the order of
 * enum location_field (cgi/customers.h).
 */
#ifndef DB_LOCATION_H
#define DB_LOCATION_H

#include "db.h"

#define LOCATION_RECORD_COLUMNS \
	"name, address_line1, address_line2, city, region, postal_code, " \
	"country, status, is_primary"
#define LOCATION_RECORD_NCOLUMNS	9

enum location_col {
	LOCATION_COL_ID = LOCATION_RECORD_NCOLUMNS,
	LOCATION_COL_CUSTOMER_ID,
	LOCATION_COL_VERSION,
	LOCATION_COL_CREATED_AT,
	LOCATION_COL_UPDATED_AT,
	LOCATION_COL__MAX
};

enum location_sql {
	LOCATION_SQL_LIST,
	LOCATION_SQL_GET,
	LOCATION_SQL_LOCK,
	LOCATION_SQL_INSERT,
	LOCATION_SQL_UPDATE,
	LOCATION_SQL_CLEAR_PRIMARY,
	LOCATION_SQL_DELETE,
	LOCATION_SQL_COUNT,
	LOCATION_SQL_PRIMARY_OTHERS,
	LOCATION_SQL_LOCK_ALL,
	LOCATION_SQL__MAX
};

/* The one column of LOCATION_SQL_COUNT. */
#define LOCATION_COUNT_COL	0

/* LOCATION_SQL_LOCK_ALL and LOCATION_SQL_PRIMARY_OTHERS: enum db_pair_col. */

extern const struct db_sql location_sql[LOCATION_SQL__MAX];

#endif
