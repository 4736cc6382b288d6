#include "config.h"

#include "db_setting.h"

const struct db_sql setting_sql[SETTING_SQL__MAX] = {
	{ "SELECT value_json FROM settings WHERE name = ?",
	  DB_SAFE }, /* SETTING_SQL_GET */
	{ "SELECT value_json FROM settings WHERE name = ? FOR UPDATE",
	  0 }, /* SETTING_SQL_LOCK */
	{ "INSERT INTO settings (name, value_json, updated_at, updated_by) "
	  "VALUES (?, ?, UTC_TIMESTAMP(6), ?) ON DUPLICATE KEY UPDATE "
	  "value_json = VALUES(value_json), updated_at = VALUES(updated_at), "
	  "updated_by = VALUES(updated_by)", 0 }, /* SETTING_SQL_PUT */
};
