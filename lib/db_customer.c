#include "config.h"

#include "db_contract.h"
#include "db_customer.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"

/*
 * The list's columns (C2): the assets counts are kept on write, read by
 * primary key.  key_c, the sort key, is last: the cursor carries it and
 * the id of the last row seen, so a row renamed or deleted meanwhile
 * moves no page.
 */
#define CUSTOMER_LIST_SELECT(key_c) \
	"SELECT c.id, c.name, c.`rank`, c.archived, " TIME("c.created_at") \
	", c.locations_count, COALESCE(ao.n, 0), COALESCE(al.n, 0), " \
	"COALESCE(ot.n, 0), " key_c " FROM customers c " \
	"LEFT JOIN customer_counts ao " \
	"ON ao.customer_id = c.id AND ao.name = 'assets_owned' " \
	"LEFT JOIN customer_counts al " \
	"ON al.customer_id = c.id AND al.name = 'assets_located' " \
	"LEFT JOIN customer_counts ot " \
	"ON ot.customer_id = c.id AND ot.name = 'open_tickets' "

/*
 * The optional conditions of every order but the cursor's, which
 * compares the order's key; the statement is assembled by lib/filter.c
 * from the conditions a request names.  Tail parameter: the limit.
 */
#define CUSTOMER_LIST_CONDS(key_c, op) { \
	{ CUSTOMER_Q_STATUS, FILTER_INT, " AND c.archived = ?" }, \
	{ CUSTOMER_Q_RANK, FILTER_TEXT, " AND c.`rank` = ?" }, \
	{ CUSTOMER_Q_Q, FILTER_CONTAINS, " AND c.name LIKE ?" }, \
	{ CUSTOMER_Q_AFTER, FILTER_CURSOR, \
	  " AND (" key_c ", c.id) " op " (?, ?)" }, \
}
#define CUSTOMER_LIST_NCONDS	4
#define CUSTOMER_LIST_FILTER(conds, key_c, dir) { \
	CUSTOMER_LIST_SELECT(key_c) "WHERE 1", (conds), CUSTOMER_LIST_NCONDS, \
	" ORDER BY " key_c " " dir ", c.id " dir " LIMIT ?" }

/* Unranked customers sort after every rank. */
#define RANK_KEY(t)	"IFNULL(" t ".`rank`, 'zzzz')"

static const struct filter_cond list_name[] =
    CUSTOMER_LIST_CONDS("c.name", ">");
static const struct filter_cond list_name_desc[] =
    CUSTOMER_LIST_CONDS("c.name", "<");
static const struct filter_cond list_created[] =
    CUSTOMER_LIST_CONDS("c.created_at", ">");
static const struct filter_cond list_created_desc[] =
    CUSTOMER_LIST_CONDS("c.created_at", "<");
static const struct filter_cond list_rank[] =
    CUSTOMER_LIST_CONDS(RANK_KEY("c"), ">");
static const struct filter_cond list_rank_desc[] =
    CUSTOMER_LIST_CONDS(RANK_KEY("c"), "<");

const struct filter customer_list_filters[CUSTOMER_SORT__MAX] = {
	CUSTOMER_LIST_FILTER(list_name, "c.name",
	    "ASC"),				/* CUSTOMER_SORT_NAME */
	CUSTOMER_LIST_FILTER(list_name_desc, "c.name",
	    "DESC"),				/* CUSTOMER_SORT_NAME_DESC */
	CUSTOMER_LIST_FILTER(list_created, "c.created_at",
	    "ASC"),				/* CUSTOMER_SORT_CREATED */
	CUSTOMER_LIST_FILTER(list_created_desc, "c.created_at",
	    "DESC"),				/* CUSTOMER_SORT_CREATED_DESC */
	CUSTOMER_LIST_FILTER(list_rank, RANK_KEY("c"),
	    "ASC"),				/* CUSTOMER_SORT_RANK */
	CUSTOMER_LIST_FILTER(list_rank_desc, RANK_KEY("c"),
	    "DESC"),				/* CUSTOMER_SORT_RANK_DESC */
};

/* How many rows the list's filters match, for its first page. */
const struct filter customer_count_filter = {
	"SELECT COUNT(*) FROM customers c WHERE 1", list_name,
	CUSTOMER_LIST_NCONDS, ""
};

#define CUSTOM_VALUES_JSON \
	"(SELECT JSON_OBJECTAGG(f.field_key, JSON_EXTRACT(v.value_json, '$')) " \
	"FROM customer_field_values v JOIN custom_fields f " \
	"ON f.id = v.field_id WHERE v.customer_id = c.id)"

#define CUSTOMER_LOCK_SQL(where) \
	"SELECT " CUSTOMER_RECORD_COLUMNS ", c.id, c.version, c.archived, " \
	CUSTOM_VALUES_JSON " FROM customers c WHERE " where " FOR UPDATE"

/*
 * One row per custom value (at least one), in key order of the value
 * table: no subquery to plan, no aggregate, no sort.  extra_c are more
 * columns from the tables of extra_t.
 */
#define CUSTOMER_GET(extra_c, extra_t) \
	"SELECT " CUSTOMER_RECORD_COLUMNS ", c.id, c.archived, " \
	TIME("c.archived_at") ", c.version, " TIME("c.created_at") ", " \
	TIME("c.updated_at") ", c.locations_count, p.id, p.name, u.name, " \
	"dc.name, bc.name, f.field_key, v.value_json" extra_c \
	" FROM customers c" extra_t \
	" LEFT JOIN locations p ON p.primary_of = c.id " \
	"LEFT JOIN users u ON u.id = c.account_manager_id " \
	"LEFT JOIN contracts dc ON dc.id = c.default_contract_id " \
	"LEFT JOIN contacts bc ON bc.id = c.billing_contact_id " \
	"LEFT JOIN customer_field_values v ON v.customer_id = c.id " \
	"LEFT JOIN custom_fields f ON f.id = v.field_id WHERE c.id = ?"

const struct db_sql customer_sql[CUSTOMER_SQL__MAX] = {
	{ CUSTOMER_GET("", ""), DB_SAFE }, /* CUSTOMER_SQL_GET */
	/*
	 * The hub page's one read (H3, H4): the customer and, computed once
	 * in a one-row derived table, its counts kept on write and the
	 * workspace's pinned fields; what is derived from today's date (the
	 * badges, the default contract's status, the open projects) from
	 * index ranges.  Today is bound, not UTC_DATE(), so the query cache
	 * may answer a repeat until a write to one of these tables.
	 * Parameters: today x2, customer, customer, today, customer, today,
	 * today x3, customer, customer.
	 */
	{ CUSTOMER_GET(", s.counts, s.pinned, s.expired, s.overdue, "
	  "s.projects, k.id, k.name, " CONTRACT_STATUS_ON("?"), " JOIN (SELECT "
	  "(SELECT JSON_OBJECTAGG(name, n) FROM customer_counts "
	  "WHERE customer_id = ?) AS counts, "
	  "(SELECT value_json FROM settings WHERE name = 'pinned_fields') "
	  "AS pinned, "
	  "(SELECT COUNT(*) FROM assets WHERE customer_id = ? "
	  "AND warranty_expiry < ?) AS expired, "
	  "(SELECT COUNT(*) FROM invoices WHERE customer_id = ? "
	  "AND status = 'sent' AND due_date < ?) AS overdue, "
	  "(SELECT JSON_OBJECT('active', COUNT(*) - "
	  "COUNT(IF(start_date > ?, 1, NULL)), "
	  "'upcoming', COUNT(IF(start_date > ?, 1, NULL)), "
	  "'overdue', COUNT(IF(due_date < ?, 1, NULL))) "
	  "FROM projects WHERE customer_id = ? AND completed = 0) AS projects"
	  ") s LEFT JOIN contracts k ON k.id = c.default_contract_id"),
	  DB_SAFE }, /* CUSTOMER_SQL_SUMMARY */
	{ CUSTOMER_LOCK_SQL("c.id = ?"), 0 }, /* CUSTOMER_SQL_LOCK */
	{ CUSTOMER_LOCK_SQL("c.external_ref = ?"),
	  0 }, /* CUSTOMER_SQL_LOCK_BY_REF */
	{ "INSERT INTO customers (name, primary_domain, phone, fax, website, "
	  "address_line1, address_line2, city, region, postal_code, country, "
	  "business_id, account_manager_id, default_contract_id, "
	  "billing_contact_id, billing_address, notes, `rank`, ticket_limit, "
	  "external_ref, created_at, updated_at, created_by) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?)",
	  0 }, /* CUSTOMER_SQL_INSERT */
	{ "UPDATE customers SET name = ?, primary_domain = ?, phone = ?, "
	  "fax = ?, website = ?, address_line1 = ?, address_line2 = ?, "
	  "city = ?, region = ?, postal_code = ?, country = ?, "
	  "business_id = ?, account_manager_id = ?, default_contract_id = ?, "
	  "billing_contact_id = ?, billing_address = ?, notes = ?, "
	  "`rank` = ?, ticket_limit = ?, external_ref = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* CUSTOMER_SQL_UPDATE */
	{ "UPDATE customers SET archived = ?, "
	  "archived_at = IF(archived = 1, UTC_TIMESTAMP(6), NULL), "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* CUSTOMER_SQL_SET_ARCHIVED */
	{ "DELETE FROM customers WHERE id = ?",
	  0 }, /* CUSTOMER_SQL_DELETE */
	{ "DELETE FROM locations WHERE customer_id = ?",
	  0 }, /* CUSTOMER_SQL_DELETE_LOCATIONS */
	{ "UPDATE customers SET locations_count = "
	  "(SELECT COUNT(*) FROM locations WHERE customer_id = ?) WHERE id = ?",
	  0 }, /* CUSTOMER_SQL_COUNT_LOCATIONS */
	/*
	 * The palette's: the city tells two similar names apart.
	 * Parameters: LIKE pattern, limit; archived ones too.
	 */
	{ "SELECT id, name, `rank`, archived, city FROM customers "
	  "WHERE name LIKE ? ORDER BY name, id LIMIT ?",
	  DB_SAFE }, /* CUSTOMER_SQL_SEARCH */
	/* Parameters: id, customer; it may not go while it is referenced. */
	{ "SELECT id FROM contracts WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* CUSTOMER_SQL_OWN_CONTRACT */
	{ "SELECT id FROM contacts WHERE id = ? AND customer_id = ? "
	  "LOCK IN SHARE MODE", 0 }, /* CUSTOMER_SQL_OWN_CONTACT */
	/* Parameters: customer, contact. */
	{ "UPDATE customers SET billing_contact_id = NULL, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND billing_contact_id = ?", 0 }, /* CUSTOMER_SQL_UNBILL */
	{ "SELECT id, field_key, label, type, version, " TIME("created_at")
	  " FROM custom_fields ORDER BY id",
	  DB_SAFE }, /* CUSTOM_FIELD_SQL_LIST */
	{ "SELECT id, field_key, label, type, version, " TIME("created_at")
	  " FROM custom_fields WHERE id = ? FOR UPDATE",
	  0 }, /* CUSTOM_FIELD_SQL_LOCK */
	{ "INSERT INTO custom_fields (field_key, label, type, created_at, "
	  "updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* CUSTOM_FIELD_SQL_INSERT */
	{ "UPDATE custom_fields SET label = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	  0 }, /* CUSTOM_FIELD_SQL_UPDATE */
	{ "DELETE FROM custom_fields WHERE id = ?",
	  0 }, /* CUSTOM_FIELD_SQL_DELETE */
	{ "INSERT INTO customer_field_values (customer_id, field_id, "
	  "value_json) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
	  "value_json = VALUES(value_json)",
	  0 }, /* CUSTOM_VALUE_SQL_UPSERT */
	{ "DELETE FROM customer_field_values WHERE customer_id = ? "
	  "AND field_id = ?", 0 }, /* CUSTOM_VALUE_SQL_DELETE */
	{ "SELECT id, name, archived, version FROM customers WHERE id = ?",
	  DB_SAFE }, /* CUSTOMER_SQL_WANT */
	{ "SELECT id FROM customers WHERE id = ? FOR UPDATE",
	  0 }, /* CUSTOMER_SQL_LOCK_ID */
};
