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

enum user_sql {
	USER_SQL_BY_EMAIL,
	USER_SQL_GET,
	USER_SQL_GET_FOR_UPDATE,
	USER_SQL_LIST,
	USER_SQL_INSERT,
	USER_SQL_UPDATE,
	USER_SQL_SET_PASSWORD,
	USER_SQL_SIGNED_IN,
	USER_SQL_ACTIVE_ADMINS,
	USER_SQL__MAX
};

extern struct db_sql user_sql[USER_SQL__MAX];

#endif
