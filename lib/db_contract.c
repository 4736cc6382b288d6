#include "config.h"

#include "db_contract.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define CONTRACT_SELECT \
	"SELECT k.name, k.type, k.start_date, k.end_date, " \
	"k.sla_response_minutes, k.sla_resolution_minutes, " \
	"k.included_minutes, k.notes, k.id, k.version, " TIME("k.created_at") \
	", " TIME("k.updated_at") ", k.consumed_minutes, " CONTRACT_STATUS \
	", c.default_contract_id <=> k.id, k.name " \
	"FROM contracts k JOIN customers c ON c.id = k.customer_id "

const struct db_sql contract_sql[CONTRACT_SQL__MAX] = {
	{ CONTRACT_SELECT "WHERE k.id = ? AND k.customer_id = ?",
	  DB_SAFE }, /* CONTRACT_SQL_GET */
	{ CONTRACT_SELECT "WHERE k.id = ? AND k.customer_id = ? FOR UPDATE",
	  0 }, /* CONTRACT_SQL_LOCK */
	{ "INSERT INTO contracts (name, type, start_date, end_date, "
	  "sla_response_minutes, sla_resolution_minutes, included_minutes, "
	  "notes, customer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* CONTRACT_SQL_INSERT */
	{ "UPDATE contracts SET name = ?, type = ?, start_date = ?, "
	  "end_date = ?, sla_response_minutes = ?, sla_resolution_minutes = ?, "
	  "included_minutes = ?, notes = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	  0 }, /* CONTRACT_SQL_UPDATE */
	{ "DELETE FROM contracts WHERE id = ? AND customer_id = ?",
	  0 }, /* CONTRACT_SQL_DELETE */
	/*
	 * Parameters: customer, LIKE pattern x3, type x2, status x2, cursor
	 * id, cursor name, cursor id, limit.
	 */
	{ CONTRACT_SELECT "WHERE k.customer_id = ? "
	  "AND (? IS NULL OR k.name LIKE ? OR k.type LIKE ?) "
	  "AND (? IS NULL OR k.type = ?) "
	  "AND (? IS NULL OR " CONTRACT_STATUS " = ?) "
	  "AND (? IS NULL OR (k.name, k.id) > (?, ?)) "
	  "ORDER BY k.name, k.id LIMIT ?", DB_SAFE }, /* CONTRACT_SQL_LIST */
	/* Parameters: minutes (signed), contract, customer. */
	{ "UPDATE contracts SET consumed_minutes = consumed_minutes + ? "
	  "WHERE id = ? AND customer_id = ?", 0 }, /* CONTRACT_SQL_CONSUME */
	{ "SELECT default_contract_id FROM customers WHERE id = ? FOR UPDATE",
	  0 }, /* CONTRACT_SQL_DEFAULT_LOCK */
	/* Parameters: contract or NULL, customer. */
	{ "UPDATE customers SET default_contract_id = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* CONTRACT_SQL_DEFAULT_SET */
};

#define TIME_ENTRY_SELECT \
	"SELECT entry_date, minutes, description, contract_id, billable, id, " \
	"version, " TIME("created_at") ", " TIME("updated_at") ", entry_date " \
	"FROM time_entries "

const struct db_sql time_entry_sql[TIME_ENTRY_SQL__MAX] = {
	{ TIME_ENTRY_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* TIME_ENTRY_SQL_GET */
	{ TIME_ENTRY_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* TIME_ENTRY_SQL_LOCK */
	{ "INSERT INTO time_entries (entry_date, minutes, description, "
	  "contract_id, billable, customer_id, created_at, updated_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* TIME_ENTRY_SQL_INSERT */
	{ "UPDATE time_entries SET entry_date = ?, minutes = ?, "
	  "description = ?, contract_id = ?, billable = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* TIME_ENTRY_SQL_UPDATE */
	{ "DELETE FROM time_entries WHERE id = ? AND customer_id = ?",
	  0 }, /* TIME_ENTRY_SQL_DELETE */
	/*
	 * Newest first.  Parameters: customer, contract x2, from x2, to x2,
	 * cursor id, cursor date, cursor id, limit.
	 */
	{ TIME_ENTRY_SELECT "WHERE customer_id = ? "
	  "AND (? IS NULL OR contract_id = ?) "
	  "AND (? IS NULL OR entry_date >= ?) "
	  "AND (? IS NULL OR entry_date <= ?) "
	  "AND (? IS NULL OR (entry_date, id) < (?, ?)) "
	  "ORDER BY entry_date DESC, id DESC LIMIT ?",
	  DB_SAFE }, /* TIME_ENTRY_SQL_LIST */
};
