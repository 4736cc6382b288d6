#include "config.h"

#include "db_contact.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define CONTACT_SELECT \
	"SELECT " CONTACT_RECORD_COLUMNS ", id, version, " TIME("created_at") \
	", " TIME("updated_at") ", name FROM contacts "

const struct db_sql contact_sql[CONTACT_SQL__MAX] = {
	/*
	 * Parameters: customer, all (0/1), status, LIKE pattern x3, cursor
	 * id, cursor name, cursor id, limit.
	 */
	{ CONTACT_SELECT "WHERE customer_id = ? AND (? = 1 OR status = ?) "
	  "AND (? IS NULL OR name LIKE ? OR email LIKE ?) "
	  "AND (? IS NULL OR (name, id) > (?, ?)) "
	  "ORDER BY name, id LIMIT ?", DB_SAFE }, /* CONTACT_SQL_LIST */
	{ CONTACT_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* CONTACT_SQL_GET */
	{ CONTACT_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* CONTACT_SQL_LOCK */
	/* Parameters: customer, email, email, name. */
	{ CONTACT_SELECT "WHERE customer_id = ? AND "
	  "((? IS NOT NULL AND email = ?) OR (email IS NULL AND name = ?)) "
	  "ORDER BY id LIMIT 1 FOR UPDATE", 0 }, /* CONTACT_SQL_MATCH */
	{ "INSERT INTO contacts (" CONTACT_RECORD_COLUMNS ", created_at, "
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, 'active'), ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", 0 }, /* CONTACT_SQL_INSERT */
	{ "UPDATE contacts SET name = ?, job_title = ?, email = ?, phone = ?, "
	  "mobile = ?, notes = ?, status = ?, customer_id = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* CONTACT_SQL_UPDATE */
	{ "DELETE FROM contacts WHERE id = ? AND customer_id = ?",
	  0 }, /* CONTACT_SQL_DELETE */
	{ CONTACT_SELECT "WHERE customer_id = ? ORDER BY name, id",
	  DB_SAFE }, /* CONTACT_SQL_EXPORT */
	{ "SELECT id, name FROM contacts WHERE customer_id = ? ORDER BY id "
	  "FOR UPDATE", 0 }, /* CONTACT_SQL_LOCK_ALL */
	{ "DELETE FROM contacts WHERE customer_id = ?",
	  0 }, /* CONTACT_SQL_DELETE_ALL */
	/* Parameters: LIKE pattern x2, limit. */
	{ "SELECT k.id, k.name, k.email, k.status, k.customer_id, c.name "
	  "FROM contacts k JOIN customers c ON c.id = k.customer_id "
	  "WHERE k.name LIKE ? OR k.email LIKE ? "
	  "ORDER BY k.name, k.id LIMIT ?", DB_SAFE }, /* CONTACT_SQL_SEARCH */
};
