/*
 * SQL of the device family (D1-D3, D7): devices, their folders and the
 * installer tokens agents enrol with.  DEVICE_RECORD_COLUMNS are in the
 * order of enum device_field (cgi/assets.h), FOLDER_RECORD_COLUMNS of
 * enum folder_field.
 */
#ifndef DB_DEVICE_H
#define DB_DEVICE_H

#include "db.h"
#include "filter.h"

#define DEVICE_RECORD_COLUMNS \
	"name, machine_name, type, snmp_type, availability, os_name, " \
	"os_version, ip_addresses, serial_number, last_user, agent_version, " \
	"alerts_info, alerts_warning, alerts_critical, alert_categories, " \
	"pending_reboot, available_patches, monitored, favourite, notes, " \
	"folder_id, customer_id"
#define DEVICE_RECORD_NCOLUMNS	22

/* Columns of the statements that return devices, after the record. */
enum device_col {
	DEVICE_COL_ID = DEVICE_RECORD_NCOLUMNS,
	DEVICE_COL_VERSION,
	DEVICE_COL_CREATED_AT,
	DEVICE_COL_UPDATED_AT,
	DEVICE_COL_LAST_SEEN_AT,
	DEVICE_COL_LAST_LOGIN_AT,
	DEVICE_COL_FOLDER_NAME,
	DEVICE_COL_INTEGRATION_ID,
	DEVICE_COL_EXTERNAL_ID,
	DEVICE_COL_INSTALLER_TOKEN_ID,
	DEVICE_COL_SORT_KEY,		/* the list's order: the cursor */
	DEVICE_COL__MAX
};

enum device_sql {
	DEVICE_SQL_GET,
	DEVICE_SQL_LOCK,
	DEVICE_SQL_MATCH,		/* an enrolment's: machine name, serial */
	DEVICE_SQL_INSERT,
	DEVICE_SQL_UPDATE,
	DEVICE_SQL_SEEN,		/* an agent enrolled again */
	DEVICE_SQL_DELETE,
	DEVICE_SQL_SEARCH,		/* the palette's, every customer's */
	DEVICE_SQL__MAX
};

enum device_search_col {
	DEVICE_SEARCH_COL_ID,
	DEVICE_SEARCH_COL_NAME,
	DEVICE_SEARCH_COL_MACHINE_NAME,
	DEVICE_SEARCH_COL_IP_ADDRESSES,
	DEVICE_SEARCH_COL_CUSTOMER_ID,
	DEVICE_SEARCH_COL_CUSTOMER_NAME,
	DEVICE_SEARCH_COL__MAX
};

/* The query fields of the device list, in the order of its route's. */
enum device_query {
	DEVICE_Q_Q,
	DEVICE_Q_NAME,
	DEVICE_Q_TYPE,
	DEVICE_Q_SNMP_TYPE,
	DEVICE_Q_AVAILABILITY,
	DEVICE_Q_ALERT_CATEGORY,
	DEVICE_Q_ALERT_SEVERITY,
	DEVICE_Q_MONITORED,
	DEVICE_Q_FAVOURITE,
	DEVICE_Q_PENDING_REBOOT,
	DEVICE_Q_FOLDER_ID,
	DEVICE_Q_VIEW,
	DEVICE_Q_LIMIT,
	DEVICE_Q_AFTER,
	DEVICE_Q__MAX
};

#define FOLDER_RECORD_COLUMNS	"name"
#define FOLDER_RECORD_NCOLUMNS	1

enum folder_col {
	FOLDER_COL_ID = FOLDER_RECORD_NCOLUMNS,
	FOLDER_COL_VERSION,
	FOLDER_COL_CREATED_AT,
	FOLDER_COL_UPDATED_AT,
	FOLDER_COL_DEVICES,		/* how many devices it holds */
	FOLDER_COL_SORT_KEY,
	FOLDER_COL__MAX
};

enum folder_sql {
	FOLDER_SQL_LIST,
	FOLDER_SQL_GET,
	FOLDER_SQL_LOCK,
	FOLDER_SQL_INSERT,
	FOLDER_SQL_UPDATE,
	FOLDER_SQL_DELETE,
	FOLDER_SQL_CHECK,		/* of the customer; share-locked */
	FOLDER_SQL__MAX
};

enum token_col {
	TOKEN_COL_ID,
	TOKEN_COL_CUSTOMER_ID,
	TOKEN_COL_LABEL,
	TOKEN_COL_EXPIRES_AT,
	TOKEN_COL_REVOKED_AT,
	TOKEN_COL_LAST_USED_AT,
	TOKEN_COL_USES,
	TOKEN_COL_CREATED_AT,
	TOKEN_COL_STATUS,		/* active, expired or revoked */
	TOKEN_COL__MAX
};

enum token_sql {
	TOKEN_SQL_LIST,
	TOKEN_SQL_GET,
	TOKEN_SQL_INSERT,
	TOKEN_SQL_REVOKE,
	TOKEN_SQL_FIND,			/* by hash, locked: an enrolment's */
	TOKEN_SQL_USED,
	TOKEN_SQL__MAX
};

extern const struct db_sql device_sql[DEVICE_SQL__MAX];
extern const struct db_sql folder_sql[FOLDER_SQL__MAX];
extern const struct db_sql token_sql[TOKEN_SQL__MAX];
extern const struct filter device_list_filter;

#endif
