#include "config.h"

#include "db_location.h"

#define LOCATION_SELECT \
	"SELECT " LOCATION_RECORD_COLUMNS ", id, customer_id, version, " \
	"DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), " \
	"DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s.%fZ') FROM locations "

const struct db_sql location_sql[LOCATION_SQL__MAX] = {
	{ LOCATION_SELECT "WHERE customer_id = ? AND id > ? "
	  "ORDER BY id LIMIT ?", 0 }, /* LOCATION_SQL_LIST */
	{ LOCATION_SELECT "WHERE id = ? AND customer_id = ?",
	  0 }, /* LOCATION_SQL_GET */
	{ LOCATION_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* LOCATION_SQL_LOCK */
	{ "INSERT INTO locations (" LOCATION_RECORD_COLUMNS ", customer_id, "
	  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	  "COALESCE(?, 'active'), COALESCE(?, 0), ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))", 0 }, /* LOCATION_SQL_INSERT */
	{ "UPDATE locations SET name = ?, address_line1 = ?, "
	  "address_line2 = ?, city = ?, region = ?, postal_code = ?, "
	  "country = ?, status = ?, is_primary = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND customer_id = ? AND version = ?",
	  0 }, /* LOCATION_SQL_UPDATE */
	{ "UPDATE locations SET is_primary = 0, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) "
	  "WHERE customer_id = ? AND is_primary = 1 AND id <> ?",
	  0 }, /* LOCATION_SQL_CLEAR_PRIMARY */
	{ "DELETE FROM locations WHERE id = ? AND customer_id = ?",
	  0 }, /* LOCATION_SQL_DELETE */
	{ "SELECT COUNT(*) FROM locations WHERE customer_id = ?",
	  DB_SAFE }, /* LOCATION_SQL_COUNT */
	{ "SELECT id, name FROM locations WHERE customer_id = ? "
	  "AND is_primary = 1 AND id <> ? FOR UPDATE",
	  0 }, /* LOCATION_SQL_PRIMARY_OTHERS */
	{ "SELECT id, name FROM locations WHERE customer_id = ? ORDER BY id "
	  "FOR UPDATE", 0 }, /* LOCATION_SQL_LOCK_ALL */
};
