/* SQL of the session family: sessions and sign-in throttling. */
#ifndef DB_SESSION_H
#define DB_SESSION_H

#include "db.h"

enum session_sql {
	SESSION_SQL_INSERT,
	SESSION_SQL_LOOKUP,
	SESSION_SQL_TOUCH,
	SESSION_SQL_DELETE,
	SESSION_SQL_DELETE_USER,
	SESSION_SQL_PURGE,
	SESSION_SQL_THROTTLE_CHECK,
	SESSION_SQL_THROTTLE_FAIL,
	SESSION_SQL_THROTTLE_CLEAR,
	SESSION_SQL__MAX
};

extern struct db_sql session_sql[SESSION_SQL__MAX];

#endif
