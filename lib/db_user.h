/* SQL of the user family. */
#ifndef DB_USER_H
#define DB_USER_H

#include "db.h"

/* Columns of USER_SQL_GET and USER_SQL_LIST, in order. */
#define USER_COLUMNS \
	"id, email, name, role, active, version, " \
	"DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), " \
	"DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s.%fZ'), " \
	"DATE_FORMAT(last_sign_in_at, '%Y-%m-%dT%H:%i:%s.%fZ')"

/* Columns of USER_COLUMNS. */
enum user_col {
	USER_COL_ID,
	USER_COL_EMAIL,
	USER_COL_NAME,
	USER_COL_ROLE,
	USER_COL_ACTIVE,
	USER_COL_VERSION,
	USER_COL_CREATED_AT,
	USER_COL_UPDATED_AT,
	USER_COL_LAST_SIGN_IN_AT,
	USER_COL__MAX
};

/* Columns of USER_SQL_BY_EMAIL. */
enum user_auth_col {
	USER_AUTH_COL_ID,
	USER_AUTH_COL_HASH,
	USER_AUTH_COL_ACTIVE,
	USER_AUTH_COL__MAX
};

/* Columns of USER_SQL_ACTIVE_ADMINS. */
#define USER_ADMINS_COL_COUNT	0

/* Columns of USER_SQL_DIRECTORY. */
enum user_dir_col {
	USER_DIR_COL_ID,
	USER_DIR_COL_NAME,
	USER_DIR_COL_ROLE,
	USER_DIR_COL__MAX
};

enum user_sql {
	USER_SQL_BY_EMAIL,
	USER_SQL_GET,
	USER_SQL_GET_FOR_UPDATE,
	USER_SQL_LIST,
	USER_SQL_DIRECTORY,
	USER_SQL_INSERT,
	USER_SQL_UPDATE,
	USER_SQL_SET_PASSWORD,
	USER_SQL_SIGNED_IN,
	USER_SQL_ACTIVE_ADMINS,
	USER_SQL__MAX
};

extern const struct db_sql user_sql[USER_SQL__MAX];

#endif
