#include "config.h"

#include "db_setting.h"

struct db_sql setting_sql[SETTING_SQL__MAX] = {
	{ "SELECT value_json FROM settings WHERE name = ?",
	  NULL, 0 }, /* SETTING_SQL_GET */
	{ "SELECT value_json FROM settings WHERE name = ? FOR UPDATE",
	  NULL, 0 }, /* SETTING_SQL_LOCK */
	{ "INSERT INTO settings (name, value_json, updated_at, updated_by) "
	  "VALUES (?, ?, UTC_TIMESTAMP(6), ?) ON DUPLICATE KEY UPDATE "
	  "value_json = VALUES(value_json), updated_at = VALUES(updated_at), "
	  "updated_by = VALUES(updated_by)", NULL, 0 }, /* SETTING_SQL_PUT */
};
