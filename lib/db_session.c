#include "config.h"

#include "db_session.h"

const struct db_sql session_sql[SESSION_SQL__MAX] = {
	{ "INSERT INTO sessions (token_hash, user_id, created_at, "
	  "idle_expires_at, expires_at, remote_addr, user_agent) VALUES "
	  "(?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
	  "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, LEFT(?, 255))",
	  0 }, /* SESSION_SQL_INSERT */
	/*
	 * No clock in the statement: the expiry instants come back and the
	 * program compares them with its own, so the server's query cache
	 * may answer it; any write to sessions or users (a sign-out, a
	 * deactivation) empties that cache at once.
	 */
	{ "SELECT u.id, u.email, u.name, u.role, "
	  "TIMESTAMPDIFF(SECOND, '1970-01-01', s.idle_expires_at), "
	  "TIMESTAMPDIFF(SECOND, '1970-01-01', s.expires_at) "
	  "FROM sessions s JOIN users u ON u.id = s.user_id "
	  "WHERE s.token_hash = ? AND u.active = 1",
	  DB_SAFE }, /* SESSION_SQL_LOOKUP */
	{ "UPDATE sessions SET idle_expires_at = "
	  "LEAST(expires_at, UTC_TIMESTAMP(6) + INTERVAL ? SECOND) "
	  "WHERE token_hash = ?", 0 }, /* SESSION_SQL_TOUCH */
	{ "DELETE FROM sessions WHERE token_hash = ?",
	  0 }, /* SESSION_SQL_DELETE */
	{ "DELETE FROM sessions WHERE user_id = ?",
	  0 }, /* SESSION_SQL_DELETE_USER */
	{ "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6) "
	  "OR idle_expires_at < UTC_TIMESTAMP(6) LIMIT 1000",
	  0 }, /* SESSION_SQL_PURGE */
	/*
	 * The rows sign-in attempts take turns on exist before they do.  An
	 * existing row is read with a shared lock: wait for it as long as
	 * for the turn itself.
	 */
	{ "SET STATEMENT innodb_lock_wait_timeout = 1 FOR "
	  "INSERT IGNORE INTO login_throttle (scope, subject, failures, "
	  "window_start, locked_until) VALUES (?, ?, 0, UTC_TIMESTAMP(6), "
	  "NULL)", 0 }, /* SESSION_SQL_THROTTLE_ENSURE */
	/*
	 * A row lock, not GET_LOCK: named locks are per node in a cluster.
	 * Both rows in key order, so two attempts never wait on each other
	 * crosswise; the collation makes accent and case variants of an
	 * address one row, as they are one account.
	 */
	{ "SELECT scope, GREATEST(0, COALESCE(CEILING(TIMESTAMPDIFF("
	  "MICROSECOND, UTC_TIMESTAMP(6), locked_until) / 1000000), 0)) "
	  "FROM login_throttle WHERE (scope = 'account' AND subject = ?) OR "
	  "(scope = 'address' AND subject = ?) ORDER BY scope "
	  "FOR UPDATE WAIT 1", 0 }, /* SESSION_SQL_THROTTLE_LOCK */
	{ "UPDATE login_throttle SET "
	  "failures = IF(window_start < UTC_TIMESTAMP(6) - INTERVAL ? SECOND, "
	  "1, failures + 1), "
	  "window_start = IF(failures = 1, UTC_TIMESTAMP(6), window_start), "
	  "locked_until = IF(failures >= ?, "
	  "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, locked_until) "
	  "WHERE scope = ? AND subject = ?", 0 }, /* SESSION_SQL_THROTTLE_FAIL */
	{ "UPDATE login_throttle SET failures = 0, locked_until = NULL "
	  "WHERE scope = 'account' AND subject = ?",
	  0 }, /* SESSION_SQL_THROTTLE_CLEAR */
	/* A purge never waits for a row an attempt holds: it tries later. */
	{ "SET STATEMENT innodb_lock_wait_timeout = 0 FOR "
	  "DELETE FROM login_throttle WHERE "
	  "window_start < UTC_TIMESTAMP(6) - INTERVAL 1 DAY AND "
	  "(locked_until IS NULL OR locked_until < UTC_TIMESTAMP(6)) LIMIT 100",
	  0 }, /* SESSION_SQL_THROTTLE_PURGE */
};
