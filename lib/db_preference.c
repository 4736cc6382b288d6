#include "config.h"

#include "db_preference.h"

const struct db_sql preference_sql[PREFERENCE_SQL__MAX] = {
	{ "SELECT value FROM user_preferences WHERE user_id = ? AND "
	  "pref_key = ?", DB_SAFE }, /* PREFERENCE_SQL_GET */
	{ "INSERT INTO user_preferences (user_id, pref_key, value, "
	  "updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY "
	  "UPDATE value = VALUES(value), updated_at = VALUES(updated_at)",
	  0 }, /* PREFERENCE_SQL_PUT */
	{ "DELETE FROM user_preferences WHERE user_id = ? AND pref_key = ?",
	  0 }, /* PREFERENCE_SQL_DELETE */
};
