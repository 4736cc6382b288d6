#include "config.h"

#include "db_idempotency.h"

#define OLD	"created_at < UTC_TIMESTAMP(6) - INTERVAL " IDEMPOTENCY_TTL

const struct db_sql idempotency_sql[IDEMPOTENCY_SQL__MAX] = {
	{ "DELETE FROM idempotency_keys WHERE owner = ? AND idem_key = ? "
	  "AND " OLD, 0 }, /* IDEMPOTENCY_SQL_EXPIRE */
	{ "DELETE FROM idempotency_keys WHERE " OLD " LIMIT 100",
	  0 }, /* IDEMPOTENCY_SQL_PURGE */
	{ "SELECT request_hash, status, headers, body FROM idempotency_keys "
	  "WHERE owner = ? AND idem_key = ?", DB_SAFE }, /* IDEMPOTENCY_SQL_GET */
	{ "INSERT INTO idempotency_keys (owner, idem_key, request_hash, status, "
	  "headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6))", 0 }, /* IDEMPOTENCY_SQL_INSERT */
};
