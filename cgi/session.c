/*
 * cgi/session: POST/GET/DELETE /api/v1/session, and /api/v1/users.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "db_session.h"
#include "db_user.h"
#include "dispatch.h"
#include "jsonx.h"
#include "password.h"
#include "serve.h"
#include "session.h"
#include "session_users.h"

#define LOGIN_WINDOW		900	/* seconds over which failures count */
#define LOGIN_LOCK		900	/* seconds an account or address waits */
#define LOGIN_ACCOUNT_MAX	5	/* failures before an account waits */
#define LOGIN_ADDRESS_MAX	20	/* failures before an address waits */
#define LOGIN_QUEUE_WAIT	5	/* seconds an attempt waits for another */

enum signin_field {
	SIGNIN_F_EMAIL,
	SIGNIN_F_PASSWORD,
	SIGNIN_F__MAX
};

static const struct field_spec signin_fields[SIGNIN_F__MAX] = {
	{ "email", FIELD_TEXT, FIELD_REQUIRED, 1, 254, NULL },
	    /* SIGNIN_F_EMAIL */
	{ "password", FIELD_TEXT, FIELD_REQUIRED | FIELD_NOTRIM, 1,
	    PASSWORD_MAX, NULL }, /* SIGNIN_F_PASSWORD */
};

static struct json_object *
signin_reply(const struct session_user *u)
{
	struct json_object	*data = json_object_new_object();
	struct json_object	*user = json_object_new_object();

	jsonx_add_u64(user, "id", u->id);
	jsonx_add_str(user, "email", u->email);
	jsonx_add_str(user, "name", u->name);
	jsonx_add_str(user, "role", role_names[u->role]);
	json_object_object_add(data, "user", user);
	jsonx_add_str(data, "csrf_token", u->csrf);
	return data;
}

static char *
signin_lower(struct arena *a, const char *s)
{
	char	*p = arena_strdup(a, s), *q;

	for (q = p; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

static const char *
signin_addr(const struct ctx *c)
{
	return c->req.remote_addr ? c->req.remote_addr : "-";
}

static int
signin_failed(struct ctx *c, const char *email)
{
	struct json_object	*ch = jsonx_object(c->arena);
	const char		*addr = signin_addr(c);

	jsonx_add_str(ch, "email", email);
	if (db_begin(c->db) == -1 ||
	    DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_FAIL],
	    NULL, db_str("account"), db_str(email), db_i64(LOGIN_WINDOW),
	    db_i64(conf_long("MSPHUB_LOGIN_ACCOUNT_MAX", LOGIN_ACCOUNT_MAX,
	    2, 1000)), db_i64(LOGIN_LOCK)) == -1 ||
	    DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_FAIL],
	    NULL, db_str("address"), db_str(addr), db_i64(LOGIN_WINDOW),
	    db_i64(conf_long("MSPHUB_LOGIN_ADDRESS_MAX", LOGIN_ADDRESS_MAX,
	    2, 100000)), db_i64(LOGIN_LOCK)) == -1 ||
	    audit_add(c, "session.sign_in_failed", "user", 0, 0, ch) == -1 ||
	    db_commit(c->db) == -1) {
		db_rollback(c->db);
		return ctx_db_error(c);
	}
	return ctx_error(c, 401, "invalid_credentials",
	    "Wrong email or password");
}

/* 0 when the account and address may try; else the 429 status. */
static int
signin_throttled(struct ctx *c, const char *email)
{
	struct db_res	res;
	long long	wait;

	if (DB_EXEC(c->db, c->arena,
	    &session_sql[SESSION_SQL_THROTTLE_CHECK], &res, db_str(email),
	    db_str(signin_addr(c))) == -1)
		return ctx_db_error(c);
	if ((wait = db_get_i64(&res, 0, 0)) <= 0)
		return 0;
	resp_header(&c->resp, "Retry-After",
	    arena_printf(c->arena, "%lld", wait));
	return ctx_error(c, 429, "too_many_attempts",
	    "Too many failed sign-ins; wait before trying again");
}

/* Check, verify and count one attempt: 200, 401, 429, 503. */
static int
signin_attempt(struct ctx *c, const char *email)
{
	const char	*pw = c->in[SIGNIN_F_PASSWORD].s;
	struct db_res	 res;
	int		 rc, ok;

	if ((rc = signin_throttled(c, email)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_BY_EMAIL], &res,
	    db_str(email)) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0) {
		password_verify_dummy(c->arena, pw);
		return signin_failed(c, email);
	}
	ok = password_verify(c->arena, pw, db_get(&res, 0, 1)) &&
	    db_get_i64(&res, 0, 2) == 1;
	if (!ok)
		return signin_failed(c, email);
	c->user.id = db_get_u64(&res, 0, 0);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET], &res,
	    db_u64(c->user.id)) == -1 || res.nrows != 1)
		return ctx_db_error(c);
	c->user.email = db_get(&res, 0, 1);
	c->user.name = db_get(&res, 0, 2);
	c->user.role = role_parse(db_get(&res, 0, 3));
	if (db_begin(c->db) == -1 ||
	    session_create(c->db, c->arena, c->user.id, c->req.remote_addr,
	    c->req.user_agent, &c->user) == -1 ||
	    DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_CLEAR],
	    NULL, db_str(email)) == -1 ||
	    DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_SIGNED_IN], NULL,
	    db_u64(c->user.id)) == -1 ||
	    audit_add(c, "session.signed_in", "user", c->user.id, 0,
	    NULL) == -1 || db_commit(c->db) == -1) {
		db_rollback(c->db);
		return ctx_db_error(c);
	}
	resp_header(&c->resp, "Set-Cookie",
	    session_cookie(c->arena, c->user.token));
	return ctx_data(c, 200, signin_reply(&c->user));
}

/*
 * Attempts on one account, or from one address, take turns: parallel
 * guesses would otherwise all pass the throttle check before any failure
 * is counted.  The locks go with the connection if a worker dies.
 * 200, 400, 401, 429, 503
 */
static int
session_post(struct ctx *c)
{
	const char	*email = signin_lower(c->arena, c->in[SIGNIN_F_EMAIL].s);
	struct db_res	 res;
	int		 rc;

	if (DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_SIGNIN_LOCK],
	    &res, db_str(email), db_i64(LOGIN_QUEUE_WAIT),
	    db_str(signin_addr(c)), db_i64(LOGIN_QUEUE_WAIT)) == -1)
		return ctx_db_error(c);
	if (db_get_i64(&res, 0, 0) == 1 && db_get_i64(&res, 0, 1) == 1)
		rc = signin_attempt(c, email);
	else {
		resp_header(&c->resp, "Retry-After", "5");
		rc = ctx_error(c, 429, "too_many_attempts",
		    "Too many sign-ins at once; try again in a moment");
	}
	/* On failure the connection is gone, and its locks with it. */
	(void)DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_SIGNIN_UNLOCK],
	    NULL, db_str(email), db_str(signin_addr(c)));
	return rc;
}

/* 200, 401, 503 */
static int
session_get(struct ctx *c)
{
	return ctx_data(c, 200, signin_reply(&c->user));
}

/* 204, 401, 403, 503 */
static int
session_delete(struct ctx *c)
{
	if (session_destroy(c->db, c->arena, c->user.token) == -1 ||
	    audit_add(c, "session.signed_out", "user", c->user.id, 0,
	    NULL) == -1)
		return ctx_db_error(c);
	resp_header(&c->resp, "Set-Cookie", session_cookie(c->arena, NULL));
	return resp_empty(&c->resp, 204);
}

enum session_route {
	ROUTE_SESSION_POST,
	ROUTE_SESSION_GET,
	ROUTE_SESSION_DELETE,
	ROUTE_USERS_LIST,
	ROUTE_USERS_CREATE,
	ROUTE_USERS_GET,
	ROUTE_USERS_UPDATE,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	{ REQ_POST, "/api/v1/session", ACCESS_PUBLIC, session_post,
	  NULL, 0, BODY_OBJECT, FIELD_SET(signin_fields), 16 * 1024 },
	  /* ROUTE_SESSION_POST */
	{ REQ_GET, "/api/v1/session", ACCESS_READ, session_get,
	  NULL, 0, BODY_NONE, NULL, 0, 0 }, /* ROUTE_SESSION_GET */
	{ REQ_DELETE, "/api/v1/session", ACCESS_READ, session_delete,
	  NULL, 0, BODY_NONE, NULL, 0, 0 }, /* ROUTE_SESSION_DELETE */
	{ REQ_GET, "/api/v1/users", ACCESS_ADMIN, users_list,
	  FIELD_SET(user_list_query), BODY_NONE, NULL, 0, 0 },
	  /* ROUTE_USERS_LIST */
	{ REQ_POST, "/api/v1/users", ACCESS_ADMIN, users_create,
	  NULL, 0, BODY_OBJECT, FIELD_SET(user_fields), 0 },
	  /* ROUTE_USERS_CREATE */
	{ REQ_GET, "/api/v1/users/{id}", ACCESS_ADMIN, users_get,
	  NULL, 0, BODY_NONE, NULL, 0, 0 }, /* ROUTE_USERS_GET */
	{ REQ_PATCH, "/api/v1/users/{id}", ACCESS_ADMIN, users_update,
	  NULL, 0, BODY_OBJECT, FIELD_SET(user_fields), 0 },
	  /* ROUTE_USERS_UPDATE */
};

static const struct app session_app = { "session", routes, ROUTE__MAX };

int
main(int argc, char *argv[])
{
	/* Before serve_main forks: every worker inherits the dummy hash. */
	if (password_init() == -1)
		return 1;
	return serve_main(&session_app, argc, argv);
}
