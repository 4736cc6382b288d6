#include "config.h"

#include "db_domain.h"

#define DOMAIN_TS(col) \
	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"

/*
 * A challenge's state: stored pending / used / superseded, or, while
 * pending, exhausted by wrong codes or expired past its time.
 */
#define CHALLENGE_STATE(t) \
	"CASE WHEN " t ".status <> 'pending' THEN " t ".status " \
	"WHEN " t ".attempts >= " \
	DOMAIN_SQL_NUM(CHALLENGE_ATTEMPTS_MAX) " THEN 'exhausted' " \
	"WHEN " t ".expires_at <= UTC_TIMESTAMP(6) THEN 'expired' " \
	"ELSE 'pending' END"

#define DOMAIN_SELECT \
	"SELECT d.id, d.customer_id, d.domain, d.include_subdomains, " \
	DOMAIN_TS("d.verified_at") ", d.verified_via, d.version, " \
	DOMAIN_TS("d.created_at") ", " \
	DOMAIN_TS("COALESCE(d.updated_at, d.created_at)") ", " \
	"ch.address, " CHALLENGE_STATE("ch") ", " \
	DOMAIN_TS("ch.created_at") ", " DOMAIN_TS("ch.expires_at") ", " \
	"ch.attempts FROM customer_domains d " \
	"LEFT JOIN domain_challenges ch ON ch.id = (SELECT MAX(x.id) " \
	"FROM domain_challenges x WHERE x.domain_id = d.id) "

#define CHALLENGE_SELECT \
	"SELECT ch.id, ch.domain_id, ch.customer_id, ch.domain, " \
	"ch.address, " CHALLENGE_STATE("ch") ", ch.token_sha, ch.code_sha, " \
	DOMAIN_TS("ch.expires_at") ", ch.attempts FROM domain_challenges ch "

#define CHALLENGE_RATE \
	"SELECT COUNT(*), GREATEST(1, TIMESTAMPDIFF(SECOND, " \
	"UTC_TIMESTAMP(6), MIN(created_at) + INTERVAL 24 HOUR)) " \
	"FROM domain_challenges WHERE created_at > UTC_TIMESTAMP(6) - " \
	"INTERVAL 24 HOUR AND "

const struct db_sql domain_sql[DOMAIN_SQL__MAX] = {
	{ DOMAIN_SELECT "WHERE d.customer_id = ? AND d.id > ? "
	  "ORDER BY d.id LIMIT ?", DB_SAFE }, /* DOMAIN_SQL_LIST */
	{ DOMAIN_SELECT "WHERE d.id = ? AND d.customer_id = ?",
	  DB_SAFE }, /* DOMAIN_SQL_GET */
	{ "SELECT id, domain, include_subdomains, verified_at IS NOT NULL, "
	  "version FROM customer_domains WHERE id = ? AND customer_id = ? "
	  "FOR UPDATE", 0 }, /* DOMAIN_SQL_LOCK */
	/* A locking read sees a holder committed after our snapshot. */
	{ "SELECT d.customer_id, c.name FROM customer_domains d "
	  "JOIN customers c ON c.id = d.customer_id WHERE d.domain = ? "
	  "LOCK IN SHARE MODE", 0 }, /* DOMAIN_SQL_HOLDER */
	{ "INSERT INTO customer_domains (customer_id, domain, "
	  "include_subdomains, created_at, updated_at) "
	  "VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* DOMAIN_SQL_INSERT */
	{ "UPDATE customer_domains SET include_subdomains = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* DOMAIN_SQL_UPDATE */
	{ "DELETE FROM customer_domains WHERE id = ? AND customer_id = ?",
	  0 }, /* DOMAIN_SQL_DELETE */
	{ "UPDATE customer_domains SET verified_at = UTC_TIMESTAMP(6), "
	  "verified_via = ?, version = version + 1, "
	  "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* DOMAIN_SQL_VERIFY */
	{ CHALLENGE_RATE "domain = ?", 0 }, /* CHALLENGE_SQL_RATE_DOMAIN */
	{ CHALLENGE_RATE "customer_id = ?",
	  0 }, /* CHALLENGE_SQL_RATE_CUSTOMER */
	{ "UPDATE domain_challenges SET status = 'superseded' "
	  "WHERE domain_id = ? AND status = 'pending'",
	  0 }, /* CHALLENGE_SQL_SUPERSEDE */
	/*
	 * Parameters: domain, customer, name, address, token hash, code
	 * hash, outbound mail, user.
	 */
	{ "INSERT INTO domain_challenges (domain_id, customer_id, domain, "
	  "address, token_sha, code_sha, outbound_mail_id, created_by, "
	  "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL "
	  DOMAIN_SQL_NUM(CHALLENGE_HOURS) " HOUR)",
	  0 }, /* CHALLENGE_SQL_INSERT */
	{ CHALLENGE_SELECT "WHERE ch.token_sha = ? FOR UPDATE",
	  0 }, /* CHALLENGE_SQL_BY_TOKEN */
	{ CHALLENGE_SELECT "WHERE ch.domain_id = ? ORDER BY ch.id DESC "
	  "LIMIT 1 FOR UPDATE", 0 }, /* CHALLENGE_SQL_CURRENT */
	/* Counted before the code is compared, so it is never undone. */
	{ "UPDATE domain_challenges SET attempts = attempts + 1 "
	  "WHERE id = ? AND status = 'pending' AND attempts < "
	  DOMAIN_SQL_NUM(CHALLENGE_ATTEMPTS_MAX),
	  0 }, /* CHALLENGE_SQL_ATTEMPT */
	{ "UPDATE domain_challenges SET status = 'used', "
	  "used_at = UTC_TIMESTAMP(6) WHERE id = ?", 0 }, /* CHALLENGE_SQL_USE */
};
