#include "config.h"

#include "db_asset.h"
#include "db_os.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define A_COLUMNS \
	"a.name, a.type, a.status, a.serial, a.purchase_date, " \
	"a.warranty_expiry, a.os_name, a.os_version, a.notes, a.folder_id, " \
	"a.contact_id, a.location_id, a.customer_id"
/* The workspace's standard age (D6), 5 years unless set. */
#define AGE_YEARS \
	"COALESCE((SELECT CAST(value_json AS UNSIGNED) FROM settings " \
	"WHERE name = 'asset_age_years'), 5)"
#define A_FROM \
	"FROM assets a LEFT JOIN locations l ON l.id = a.location_id " \
	"LEFT JOIN contacts k ON k.id = a.contact_id "
#define A_OWNER_JOIN	"JOIN customers oc ON oc.id = a.customer_id "
#define ASSET_SELECT \
	"SELECT " A_COLUMNS ", a.id, a.version, " TIME("a.created_at") ", " \
	TIME("a.updated_at") ", l.customer_id, l.name, k.name, oc.name, " \
	"COALESCE(a.warranty_expiry < UTC_DATE(), 0), " OS_LIFECYCLE_ENDED \
	", o.end_of_support, COALESCE(a.purchase_date < UTC_DATE() - " \
	"INTERVAL " AGE_YEARS " YEAR, 0), a.name " A_FROM A_OWNER_JOIN \
	OS_LIFECYCLE_JOIN("a")
/* Parameters: status x2, LIKE pattern x3. */
#define A_FILTER \
	"AND (? IS NULL OR a.status = ?) " \
	"AND (? IS NULL OR a.name LIKE ? OR a.serial LIKE ?) "
/* Parameters: cursor id, cursor name, cursor id, limit. */
#define A_PAGE \
	"AND (? IS NULL OR (a.name, a.id) > (?, ?)) ORDER BY a.name, a.id " \
	"LIMIT ?"
/*
 * Parameters: what to group by (type, folder, contact, status) x2; the
 * key is text for all four, the label a contact's or folder's name.
 */
#define A_GROUP \
	"SELECT CASE ? WHEN 'type' THEN a.type " \
	"WHEN 'folder' THEN CONCAT(a.folder_id) " \
	"WHEN 'contact' THEN CONCAT(a.contact_id) ELSE CONCAT(a.status) END " \
	"AS g, MAX(CASE ? WHEN 'contact' THEN k.name WHEN 'folder' THEN " \
	"f.name END), COUNT(*) " A_FROM \
	"LEFT JOIN device_folders f ON f.id = a.folder_id "
#define A_GROUP_ORDER	"GROUP BY g ORDER BY g IS NULL, g"
#define A_LOCK_SELECT \
	"SELECT " ASSET_RECORD_COLUMNS ", id, version FROM assets "

const struct db_sql asset_sql[ASSET_SQL__MAX] = {
	/* Parameters: customer, A_FILTER, A_PAGE. */
	{ ASSET_SELECT "WHERE a.customer_id = ? " A_FILTER A_PAGE,
	  DB_SAFE }, /* ASSET_SQL_LIST_OWNED */
	{ ASSET_SELECT "WHERE l.customer_id = ? " A_FILTER A_PAGE,
	  DB_SAFE }, /* ASSET_SQL_LIST_LOCATED */
	/* Parameters: A_GROUP, customer, A_FILTER. */
	{ A_GROUP "WHERE a.customer_id = ? " A_FILTER A_GROUP_ORDER,
	  DB_SAFE }, /* ASSET_SQL_GROUP_OWNED */
	{ A_GROUP "WHERE l.customer_id = ? " A_FILTER A_GROUP_ORDER,
	  DB_SAFE }, /* ASSET_SQL_GROUP_LOCATED */
	/* Parameters: id, customer x2. */
	{ ASSET_SELECT "WHERE a.id = ? AND (a.customer_id = ? OR "
	  "l.customer_id = ?)", DB_SAFE }, /* ASSET_SQL_GET */
	{ A_LOCK_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* ASSET_SQL_LOCK */
	/* Parameters: customer, serial, serial, name. */
	{ A_LOCK_SELECT "WHERE customer_id = ? AND "
	  "((? IS NOT NULL AND serial = ?) OR (serial IS NULL AND name = ?)) "
	  "ORDER BY id LIMIT 1 FOR UPDATE", 0 }, /* ASSET_SQL_MATCH */
	{ "INSERT INTO assets (" ASSET_RECORD_COLUMNS ", created_at, "
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", 0 }, /* ASSET_SQL_INSERT */
	{ "UPDATE assets SET name = ?, type = ?, status = ?, serial = ?, "
	  "purchase_date = ?, warranty_expiry = ?, os_name = ?, "
	  "os_version = ?, notes = ?, folder_id = ?, contact_id = ?, "
	  "location_id = ?, customer_id = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	  0 }, /* ASSET_SQL_UPDATE */
	{ "DELETE FROM assets WHERE id = ? AND customer_id = ?",
	  0 }, /* ASSET_SQL_DELETE */
	{ "SELECT " ASSET_RECORD_COLUMNS " FROM assets WHERE customer_id = ? "
	  "ORDER BY name, id", DB_SAFE }, /* ASSET_SQL_EXPORT */
	/* Shared locks: neither may go while the asset names it. */
	{ "SELECT customer_id FROM locations WHERE id = ? LOCK IN SHARE MODE",
	  0 }, /* ASSET_SQL_LOCATION_OWNER */
	{ "SELECT customer_id FROM contacts WHERE id = ? LOCK IN SHARE MODE",
	  0 }, /* ASSET_SQL_CONTACT_OF */
};
