#include "config.h"

#include "db_session.h"

struct db_sql session_sql[SESSION_SQL__MAX] = {
	{ "INSERT INTO sessions (token_hash, user_id, created_at, "
	  "idle_expires_at, expires_at, remote_addr, user_agent) VALUES "
	  "(?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
	  "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, LEFT(?, 255))",
	  NULL, 0 }, /* SESSION_SQL_INSERT */
	{ "SELECT u.id, u.email, u.name, u.role, "
	  "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), s.idle_expires_at), "
	  "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), s.expires_at) "
	  "FROM sessions s JOIN users u ON u.id = s.user_id "
	  "WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP(6) "
	  "AND s.idle_expires_at > UTC_TIMESTAMP(6) AND u.active = 1",
	  NULL, 0 }, /* SESSION_SQL_LOOKUP */
	{ "UPDATE sessions SET idle_expires_at = "
	  "LEAST(expires_at, UTC_TIMESTAMP(6) + INTERVAL ? SECOND) "
	  "WHERE token_hash = ?", NULL, 0 }, /* SESSION_SQL_TOUCH */
	{ "DELETE FROM sessions WHERE token_hash = ?",
	  NULL, 0 }, /* SESSION_SQL_DELETE */
	{ "DELETE FROM sessions WHERE user_id = ?",
	  NULL, 0 }, /* SESSION_SQL_DELETE_USER */
	{ "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6) "
	  "OR idle_expires_at < UTC_TIMESTAMP(6) LIMIT 1000",
	  NULL, 0 }, /* SESSION_SQL_PURGE */
	{ "SELECT COALESCE(MAX(CEILING(TIMESTAMPDIFF(MICROSECOND, "
	  "UTC_TIMESTAMP(6), locked_until) / 1000000)), 0) "
	  "FROM login_throttle WHERE locked_until > UTC_TIMESTAMP(6) AND "
	  "((scope = 'account' AND subject = ?) OR "
	  "(scope = 'address' AND subject = ?))",
	  NULL, 0 }, /* SESSION_SQL_THROTTLE_CHECK */
	{ "INSERT INTO login_throttle (scope, subject, failures, "
	  "window_start, locked_until) VALUES (?, ?, 1, UTC_TIMESTAMP(6), NULL) "
	  "ON DUPLICATE KEY UPDATE "
	  "failures = IF(window_start < UTC_TIMESTAMP(6) - INTERVAL ? SECOND, "
	  "1, failures + 1), "
	  "window_start = IF(failures = 1, UTC_TIMESTAMP(6), window_start), "
	  "locked_until = IF(failures >= ?, "
	  "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, locked_until)",
	  NULL, 0 }, /* SESSION_SQL_THROTTLE_FAIL */
	{ "DELETE FROM login_throttle WHERE scope = 'account' AND subject = ?",
	  NULL, 0 }, /* SESSION_SQL_THROTTLE_CLEAR */
	/* Named locks per account and per address; 61 characters each. */
	{ "SELECT GET_LOCK(CONCAT('signin:a:', LEFT(SHA2(?, 256), 52)), ?), "
	  "GET_LOCK(CONCAT('signin:r:', LEFT(SHA2(?, 256), 52)), ?)",
	  NULL, 0 }, /* SESSION_SQL_SIGNIN_LOCK */
	{ "SELECT RELEASE_LOCK(CONCAT('signin:a:', LEFT(SHA2(?, 256), 52))), "
	  "RELEASE_LOCK(CONCAT('signin:r:', LEFT(SHA2(?, 256), 52)))",
	  NULL, 0 }, /* SESSION_SQL_SIGNIN_UNLOCK */
};
