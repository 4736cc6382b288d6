#include "config.h"

#include "db_project.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
#define PROJECT_STATUS \
	"CASE WHEN completed = 1 THEN 'past' " \
	"WHEN start_date > UTC_DATE() THEN 'upcoming' ELSE 'active' END"
#define PROJECT_SELECT \
	"SELECT name, start_date, due_date, completed, value_minor, currency, " \
	"progress, notes, id, version, " TIME("created_at") ", " \
	TIME("updated_at") ", " PROJECT_STATUS ", " \
	"completed = 0 AND due_date IS NOT NULL AND due_date < UTC_DATE(), " \
	"start_date FROM projects "

const struct db_sql project_sql[PROJECT_SQL__MAX] = {
	{ PROJECT_SELECT "WHERE id = ? AND customer_id = ?",
	  DB_SAFE }, /* PROJECT_SQL_GET */
	{ PROJECT_SELECT "WHERE id = ? AND customer_id = ? FOR UPDATE",
	  0 }, /* PROJECT_SQL_LOCK */
	{ "INSERT INTO projects (name, start_date, due_date, completed, "
	  "value_minor, currency, progress, notes, customer_id, created_at, "
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))", 0 }, /* PROJECT_SQL_INSERT */
	{ "UPDATE projects SET name = ?, start_date = ?, due_date = ?, "
	  "completed = ?, value_minor = ?, currency = ?, progress = ?, "
	  "notes = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* PROJECT_SQL_UPDATE */
	{ "DELETE FROM projects WHERE id = ? AND customer_id = ?",
	  0 }, /* PROJECT_SQL_DELETE */
	/*
	 * Newest start first.  Parameters: customer, LIKE pattern x2, status
	 * x2, cursor id, cursor date, cursor id, limit.
	 */
	{ PROJECT_SELECT "WHERE customer_id = ? "
	  "AND (? IS NULL OR name LIKE ?) "
	  "AND (? IS NULL OR " PROJECT_STATUS " = ?) "
	  "AND (? IS NULL OR (start_date, id) < (?, ?)) "
	  "ORDER BY start_date DESC, id DESC LIMIT ?",
	  DB_SAFE }, /* PROJECT_SQL_LIST */
};
