#include "config.h"

#include "db_device.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define DEVICE_SELECT \
	"SELECT " DEVICE_RECORD_COLUMNS ", id, version, " TIME("created_at") \
	", " TIME("updated_at") ", " TIME("last_seen_at") ", " \
	TIME("last_login_at") ", (SELECT f.name FROM device_folders f " \
	"WHERE f.id = devices.folder_id), integration_id, external_id, " \
	"installer_token_id, name FROM devices "
#define FOLDER_SELECT \
	"SELECT " FOLDER_RECORD_COLUMNS ", id, version, " TIME("created_at") \
	", " TIME("updated_at") ", (SELECT COUNT(*) FROM devices d WHERE " \
	"d.customer_id = f.customer_id AND d.folder_id = f.id), name " \
	"FROM device_folders f "
#define TOKEN_SELECT \
	"SELECT id, customer_id, label, " TIME("expires_at") ", " \
	TIME("revoked_at") ", " TIME("last_used_at") ", uses, " \
	TIME("created_at") ", CASE WHEN revoked_at IS NOT NULL THEN " \
	"'revoked' WHEN expires_at <= UTC_TIMESTAMP(6) THEN 'expired' " \
	"ELSE 'active' END FROM installer_tokens "

const struct db_sql device_sql[DEVICE_SQL__MAX] = {
	{ DEVICE_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* DEVICE_SQL_GET */
	{ DEVICE_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* DEVICE_SQL_LOCK */
	/* Parameters: customer, machine name, serial, serial. */
	{ DEVICE_SELECT "WHERE customer_id = ? AND (machine_name = ? OR "
	  "(? IS NOT NULL AND serial_number = ?)) ORDER BY id LIMIT 1 "
	  "FOR UPDATE", 0 }, /* DEVICE_SQL_MATCH */
	{ "INSERT INTO devices (" DEVICE_RECORD_COLUMNS ", created_at, "
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* DEVICE_SQL_INSERT */
	{ "UPDATE devices SET name = ?, machine_name = ?, type = ?, "
	  "snmp_type = ?, availability = ?, os_name = ?, os_version = ?, "
	  "ip_addresses = ?, serial_number = ?, last_user = ?, "
	  "agent_version = ?, alerts_info = ?, alerts_warning = ?, "
	  "alerts_critical = ?, alert_categories = ?, "
	  "pending_reboot = ?, available_patches = ?, monitored = ?, "
	  "favourite = ?, notes = ?, folder_id = ?, customer_id = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* DEVICE_SQL_UPDATE */
	/* Parameters: installer token, last user (or NULL), id. */
	{ "UPDATE devices SET installer_token_id = ?, "
	  "last_seen_at = UTC_TIMESTAMP(6), last_login_at = IF(? IS NULL, "
	  "last_login_at, UTC_TIMESTAMP(6)) WHERE id = ?",
	  0 }, /* DEVICE_SQL_SEEN */
	{ "DELETE FROM devices WHERE id = ? AND customer_id = ?",
	  0 }, /* DEVICE_SQL_DELETE */
	/*
	 * H2: name, machine name or (first) IP address by prefix, one
	 * index range each (sql/0013), at most limit rows from each, then
	 * the first by name.  Parameters: (prefix pattern, limit) x3, limit.
	 */
	{ "SELECT d.id, d.name, d.machine_name, d.ip_addresses, "
	  "d.customer_id, c.name FROM ("
	  "(SELECT id FROM devices WHERE name LIKE ? ORDER BY name LIMIT ?) "
	  "UNION (SELECT id FROM devices WHERE machine_name LIKE ? "
	  "ORDER BY machine_name LIMIT ?) "
	  "UNION (SELECT id FROM devices WHERE ip_addresses LIKE ? LIMIT ?)"
	  ") m JOIN devices d ON d.id = m.id JOIN customers c ON "
	  "c.id = d.customer_id ORDER BY d.name, d.id LIMIT ?",
	  DB_SAFE }, /* DEVICE_SQL_SEARCH */
};

/*
 * D2: every condition has an index led by customer_id where it is
 * common (type, availability, folder, name prefix), ending in the list's
 * order (name, id).  The fragments are the only SQL a list adds.
 */
static const struct filter_cond device_list_conds[] = {
	{ DEVICE_Q_Q, FILTER_CONTAINS, " AND (name LIKE ? OR machine_name "
	  "LIKE ? OR ip_addresses LIKE ?)" },
	{ DEVICE_Q_NAME, FILTER_PREFIX, " AND name LIKE ?" },
	{ DEVICE_Q_TYPE, FILTER_TEXT, " AND type = ?" },
	{ DEVICE_Q_SNMP_TYPE, FILTER_TEXT, " AND snmp_type = ?" },
	{ DEVICE_Q_AVAILABILITY, FILTER_TEXT, " AND availability = ?" },
	{ DEVICE_Q_ALERT_CATEGORY, FILTER_TEXT,
	  " AND FIND_IN_SET(?, alert_categories) > 0" },
	{ DEVICE_Q_ALERT_SEVERITY, FILTER_TEXT, " AND CASE ? "
	  "WHEN 'critical' THEN alerts_critical WHEN 'warning' THEN "
	  "alerts_warning ELSE alerts_info END > 0" },
	{ DEVICE_Q_MONITORED, FILTER_INT, " AND monitored = ?" },
	{ DEVICE_Q_FAVOURITE, FILTER_INT, " AND favourite = ?" },
	{ DEVICE_Q_PENDING_REBOOT, FILTER_INT, " AND pending_reboot = ?" },
	{ DEVICE_Q_FOLDER_ID, FILTER_INT, " AND folder_id = ?" },
	{ DEVICE_Q_AFTER, FILTER_CURSOR, " AND (name, id) > (?, ?)" },
};

/* Head: the customer; tail: the limit. */
const struct filter device_list_filter = {
	DEVICE_SELECT "WHERE customer_id = ?", device_list_conds,
	sizeof(device_list_conds) / sizeof(device_list_conds[0]),
	" ORDER BY name, id LIMIT ?"
};

const struct db_sql folder_sql[FOLDER_SQL__MAX] = {
	/* Parameters: customer, cursor id, cursor name, cursor id, limit. */
	{ FOLDER_SELECT "WHERE customer_id = ? "
	  "AND (? IS NULL OR (name, id) > (?, ?)) "
	  "ORDER BY name, id LIMIT ?", DB_SAFE }, /* FOLDER_SQL_LIST */
	{ FOLDER_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* FOLDER_SQL_GET */
	{ FOLDER_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* FOLDER_SQL_LOCK */
	{ "INSERT INTO device_folders (customer_id, " FOLDER_RECORD_COLUMNS
	  ", created_at, updated_at) VALUES (?, ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))", 0 }, /* FOLDER_SQL_INSERT */
	{ "UPDATE device_folders SET name = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	  0 }, /* FOLDER_SQL_UPDATE */
	{ "DELETE FROM device_folders WHERE id = ? AND customer_id = ?",
	  0 }, /* FOLDER_SQL_DELETE */
	/* A device is put in it: it may not go meanwhile. */
	{ "SELECT id FROM device_folders WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* FOLDER_SQL_CHECK */
};

const struct db_sql token_sql[TOKEN_SQL__MAX] = {
	/* Newest first.  Parameters: customer, cursor id x2, limit. */
	{ TOKEN_SELECT "WHERE customer_id = ? AND (? IS NULL OR id < ?) "
	  "ORDER BY id DESC LIMIT ?", DB_SAFE }, /* TOKEN_SQL_LIST */
	{ TOKEN_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* TOKEN_SQL_GET */
	/* Parameters: customer, label, hash, days, user. */
	{ "INSERT INTO installer_tokens (customer_id, label, token_hash, "
	  "expires_at, created_by, created_at) VALUES (?, ?, ?, "
	  "UTC_TIMESTAMP(6) + INTERVAL ? DAY, ?, UTC_TIMESTAMP(6))",
	  0 }, /* TOKEN_SQL_INSERT */
	{ "UPDATE installer_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND customer_id = ? AND revoked_at IS NULL",
	  0 }, /* TOKEN_SQL_REVOKE */
	{ TOKEN_SELECT "WHERE token_hash = ? FOR UPDATE",
	  0 }, /* TOKEN_SQL_FIND */
	{ "UPDATE installer_tokens SET uses = uses + 1, "
	  "last_used_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* TOKEN_SQL_USED */
};
