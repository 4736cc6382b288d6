/*
 * SQL of the asset family (D4-D6).  ASSET_RECORD_COLUMNS are in the order
 * of enum asset_field (cgi/assets.h).  The lifecycle columns are computed
 * on every read, never stored.
 */
#ifndef DB_ASSET_H
#define DB_ASSET_H

#include "db.h"

#define ASSET_RECORD_COLUMNS \
	"name, type, status, serial, purchase_date, warranty_expiry, " \
	"os_name, os_version, notes, folder_id, contact_id, location_id, " \
	"customer_id"
#define ASSET_RECORD_NCOLUMNS	13

/* Columns of the statements that return assets, after the record. */
enum asset_col {
	ASSET_COL_ID = ASSET_RECORD_NCOLUMNS,
	ASSET_COL_VERSION,		/* the locking reads end here */
	ASSET_COL_CREATED_AT,
	ASSET_COL_UPDATED_AT,
	ASSET_COL_LOCATION_CUSTOMER_ID,
	ASSET_COL_LOCATION_NAME,
	ASSET_COL_CONTACT_NAME,
	ASSET_COL_OWNER_NAME,		/* the owner customer's name */
	ASSET_COL_WARRANTY_EXPIRED,
	ASSET_COL_OS_END_OF_LIFE,
	ASSET_COL_OS_END_OF_SUPPORT,
	ASSET_COL_TOO_OLD,
	ASSET_COL_SORT_KEY,		/* the list's order: the cursor */
	ASSET_COL__MAX
};

/* Columns of ASSET_SQL_GROUP_*. */
enum asset_group_col {
	ASSET_GROUP_COL_KEY,
	ASSET_GROUP_COL_LABEL,
	ASSET_GROUP_COL_COUNT,
	ASSET_GROUP_COL__MAX
};

/* The one column of ASSET_SQL_LOCATION_OWNER and ASSET_SQL_CONTACT_OF. */
#define ASSET_REF_COL	0

enum asset_sql {
	ASSET_SQL_LIST_OWNED,
	ASSET_SQL_LIST_LOCATED,
	ASSET_SQL_GROUP_OWNED,
	ASSET_SQL_GROUP_LOCATED,
	ASSET_SQL_GET,			/* owned by or located at the customer */
	ASSET_SQL_LOCK,			/* owned by the customer */
	ASSET_SQL_MATCH,		/* lock by serial, or by name without one */
	ASSET_SQL_INSERT,
	ASSET_SQL_UPDATE,
	ASSET_SQL_DELETE,
	ASSET_SQL_EXPORT,
	ASSET_SQL_LOCATION_OWNER,
	ASSET_SQL_CONTACT_OF,
	ASSET_SQL__MAX
};

extern const struct db_sql asset_sql[ASSET_SQL__MAX];

#endif
