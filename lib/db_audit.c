#include "config.h"

#include "db_audit.h"

const struct db_sql audit_sql[AUDIT_SQL__MAX] = {
	{ "INSERT INTO audit_log (occurred_at, actor_user_id, actor_name, "
	  "remote_addr, action, object_type, object_id, customer_id, changes) "
	  "VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)",
	  0 }, /* AUDIT_SQL_INSERT */
	{ "SELECT a.id, DATE_FORMAT(a.occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), "
	  "a.actor_user_id, COALESCE(u.name, a.actor_name), a.action, "
	  "a.object_type, a.object_id, a.changes "
	  "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id "
	  "WHERE a.customer_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?",
	  DB_SAFE }, /* AUDIT_SQL_LIST_CUSTOMER */
};
