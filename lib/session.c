#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "arena.h"
#include "b64url.h"
#include "conf.h"
#include "db.h"
#include "db_session.h"
#include "field.h"
#include "log.h"
#include "session.h"

const char *const role_names[ROLE__MAX + 1] = {
	"admin",		/* ROLE_ADMIN */
	"technician",		/* ROLE_TECHNICIAN */
	"account_manager",	/* ROLE_ACCOUNT_MANAGER */
	"read_only",		/* ROLE_READ_ONLY */
	NULL
};

enum role
role_parse(const char *s)
{
	enum role	r;

	for (r = 0; s != NULL && r < ROLE__MAX; r++)
		if (strcmp(role_names[r], s) == 0)
			return r;
	return ROLE__MAX;
}

static int
session_token_wellformed(const char *t)
{
	size_t	i;

	if (t == NULL || strlen(t) != SESSION_TOKEN_LEN)
		return 0;
	for (i = 0; i < SESSION_TOKEN_LEN; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", t[i]) == NULL)
			return 0;
	return 1;
}

static void
session_token_hash(const char *token, unsigned char out[SHA256_DIGEST_LENGTH])
{
	SHA256((const unsigned char *)token, strlen(token), out);
}

/* The CSRF token: HMAC-SHA256 keyed by the session token. */
char *
session_csrf(struct arena *a, const char *token)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0;
	char		*out = arena_alloc(a, 64);

	HMAC(EVP_sha256(), token, (int)strlen(token),
	    (const unsigned char *)"msphub-csrf", 11, mac, &maclen);
	b64url_encode(out, mac, maclen);
	return out;
}

int
session_csrf_ok(const char *expected, const char *given)
{
	size_t	len = strlen(expected);

	if (given == NULL || strlen(given) != len)
		return 0;
	return CRYPTO_memcmp(expected, given, len) == 0;
}

static long
session_idle(void)
{
	return conf_long("MSPHUB_SESSION_IDLE", SESSION_IDLE_DEFAULT, 60,
	    30 * 86400);
}

static long
session_max(void)
{
	return conf_long("MSPHUB_SESSION_MAX", SESSION_MAX_DEFAULT, 60,
	    90 * 86400);
}

int
session_create(struct db *db, struct arena *a, uint64_t user_id,
    const char *addr, const char *agent, struct session_user *out)
{
	unsigned char	 raw[SESSION_TOKEN_BYTES], hash[SHA256_DIGEST_LENGTH];
	char		*token = arena_alloc(a, SESSION_TOKEN_LEN + 1);

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return log_err("session_create: getrandom failed");
	b64url_encode(token, raw, sizeof(raw));
	session_token_hash(token, hash);
	/* The column is utf8mb4: a client's stray bytes must not fail it. */
	if (agent != NULL && !field_utf8_valid(agent, strlen(agent)))
		agent = NULL;
	if (DB_EXEC(db, a, &session_sql[SESSION_SQL_INSERT], NULL,
	    db_blob(hash, sizeof(hash)), db_u64(user_id),
	    db_i64(session_idle()), db_i64(session_max()),
	    db_str(addr), db_str(agent)) == -1)
		return -1;
	out->token = token;
	out->csrf = session_csrf(a, token);
	return 0;
}

/* 0 with *out filled, 1 when there is no valid session, -1 on error. */
int
session_load(struct db *db, struct arena *a, const char *token,
    struct session_user *out)
{
	unsigned char	hash[SHA256_DIGEST_LENGTH];
	struct db_res	res;
	long		idle = session_idle();
	int64_t		now = (int64_t)time(NULL), idle_left, max_left;

	memset(out, 0, sizeof(*out));
	if (!session_token_wellformed(token))
		return 1;
	session_token_hash(token, hash);
	if (DB_EXEC(db, a, &session_sql[SESSION_SQL_LOOKUP], &res,
	    db_blob(hash, sizeof(hash))) == -1)
		return -1;
	if (res.nrows != 1)
		return 1;
	idle_left = db_get_i64(&res, 0, SESSION_COL_IDLE_UNTIL) - now;
	max_left = db_get_i64(&res, 0, SESSION_COL_UNTIL) - now;
	if (idle_left <= 0 || max_left <= 0)
		return 1;
	out->id = db_get_u64(&res, 0, SESSION_COL_USER_ID);
	out->email = db_get(&res, 0, SESSION_COL_EMAIL);
	out->name = db_get(&res, 0, SESSION_COL_NAME);
	out->role = role_parse(db_get(&res, 0, SESSION_COL_ROLE));
	out->token = token;
	/* The CSRF token is made only where it is needed, not for every GET. */
	if (out->role == ROLE__MAX)
		return 1;
	/* Move the idle expiry at most once a minute: one write, not one per request. */
	if (idle_left < idle - SESSION_TOUCH_SLACK && max_left > idle_left)
		(void)DB_EXEC(db, a, &session_sql[SESSION_SQL_TOUCH], NULL,
		    db_i64(idle), db_blob(hash, sizeof(hash)));
	return 0;
}

/* Deletes expired sessions, a bounded number at a time. */
int
session_purge(struct db *db, struct arena *a)
{
	return db_exec(db, a, &session_sql[SESSION_SQL_PURGE], NULL, 0, NULL);
}

int
session_destroy(struct db *db, struct arena *a, const char *token)
{
	unsigned char	hash[SHA256_DIGEST_LENGTH];

	if (!session_token_wellformed(token))
		return 0;
	session_token_hash(token, hash);
	return DB_EXEC(db, a, &session_sql[SESSION_SQL_DELETE], NULL,
	    db_blob(hash, sizeof(hash)));
}

int
session_destroy_user(struct db *db, struct arena *a, uint64_t user_id)
{
	return DB_EXEC(db, a, &session_sql[SESSION_SQL_DELETE_USER], NULL,
	    db_u64(user_id));
}

/* The Set-Cookie value; a NULL token clears the cookie. */
char *
session_cookie(struct arena *a, const char *token)
{
	int	secure = conf_long("MSPHUB_SECURE_COOKIE", 0, 0, 1) == 1;

	if (token == NULL)
		return arena_printf(a, "%s=; Max-Age=0; Path=/; HttpOnly; "
		    "SameSite=Lax%s", SESSION_COOKIE, secure ? "; Secure" : "");
	return arena_printf(a, "%s=%s; Max-Age=%ld; Path=/; HttpOnly; "
	    "SameSite=Lax%s", SESSION_COOKIE, token, session_max(),
	    secure ? "; Secure" : "");
}
