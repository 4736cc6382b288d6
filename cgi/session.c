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
#include "session_prefs.h"
#include "session_users.h"

#define LOGIN_WINDOW		900	/* seconds over which failures count */
#define LOGIN_LOCK		900	/* seconds an account or address waits */
#define LOGIN_ACCOUNT_MAX	5	/* failures before an account waits */
#define LOGIN_ADDRESS_MAX	20	/* failures before an address waits */
#define LOGIN_QUEUE_WAIT	1	/* seconds an attempt waits its turn (SQL) */

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

/* One sign-in attempt, as a transaction function: status is the answer. */
struct signin {
	struct ctx	*c;
	const char	*email;
	int		 status;
};

static int
signin_count_failure(struct ctx *c, const char *scope, const char *subject,
    long max)
{
	return DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_FAIL],
	    NULL, db_i64(LOGIN_WINDOW), db_i64(max), db_i64(LOGIN_LOCK),
	    db_str(scope), db_str(subject));
}

/* A failure is counted for the account and the address, and audited. */
static int
signin_failed(struct signin *s)
{
	struct ctx		*c = s->c;
	struct json_object	*ch = jsonx_object(c->arena);

	jsonx_add_str(ch, "email", s->email);
	if (signin_count_failure(c, "account", s->email,
	    conf_long("MSPHUB_LOGIN_ACCOUNT_MAX", LOGIN_ACCOUNT_MAX, 2,
	    1000)) == -1 ||
	    signin_count_failure(c, "address", signin_addr(c),
	    conf_long("MSPHUB_LOGIN_ADDRESS_MAX", LOGIN_ADDRESS_MAX, 2,
	    100000)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "session.sign_in_failed", "user", 0, 0, ch }) == -1)
		return -1;
	s->status = ctx_error(c, 401, "invalid_credentials",
	    "Wrong email or password");
	return 0;
}

/* 429 with Retry-After: the answer that commits nothing. */
static int
signin_wait(struct signin *s, long long seconds, const char *message)
{
	resp_header(&s->c->resp, "Retry-After",
	    arena_printf(s->c->arena, "%lld", seconds));
	return s->status = ctx_error(s->c, 429, "too_many_attempts", message);
}

/* Another attempt on the account or address held its turn too long. */
static int
signin_busy(struct signin *s)
{
	return signin_wait(s, LOGIN_QUEUE_WAIT,
	    "Too many sign-ins at once; try again in a moment");
}

static int
signin_succeeded(struct signin *s, uint64_t id)
{
	struct ctx	*c = s->c;
	struct db_res	 res;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET], &res,
	    db_u64(id)) == -1 || res.nrows != 1)
		return -1;
	c->user.id = id;
	c->user.email = db_get(&res, 0, USER_COL_EMAIL);
	c->user.name = db_get(&res, 0, USER_COL_NAME);
	c->user.role = role_parse(db_get(&res, 0, USER_COL_ROLE));
	c->actor.kind = ACTOR_USER;
	c->actor.id = id;
	c->actor.name = c->user.name;
	if (session_create(c->db, c->arena, id, c->req.remote_addr,
	    c->req.user_agent, &c->user) == -1 ||
	    DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_CLEAR],
	    NULL, db_str(s->email)) == -1 ||
	    DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_SIGNED_IN], NULL,
	    db_u64(id)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "session.signed_in", "user", id, 0, NULL }) == -1)
		return -1;
	resp_header(&c->resp, "Set-Cookie",
	    session_cookie(c->arena, c->user.token));
	s->status = ctx_data(c, 200, signin_reply(&c->user));
	return 0;
}

/*
 * Attempts on one account, or from one address, take turns on their
 * throttle rows: parallel guesses would otherwise all pass the check
 * before any failure is counted.  The wait is bounded: a worker is not
 * held by a queue of guesses.
 */
static int
signin_tx(void *p)
{
	struct signin	*s = p;
	struct ctx	*c = s->c;
	struct db_res	 res;
	long long	 wait;
	size_t		 i;

	memset(&c->resp, 0, sizeof(c->resp));
	if (DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_LOCK],
	    &res, db_str(s->email), db_str(signin_addr(c))) == -1)
		return db_errno(c->db) == DB_ER_LOCK_WAIT_TIMEOUT ?
		    signin_busy(s) : -1;
	for (i = 0, wait = 0; i < res.nrows; i++)
		if (db_get_i64(&res, i, THROTTLE_COL_WAIT) > wait)
			wait = db_get_i64(&res, i, THROTTLE_COL_WAIT);
	if (wait > 0)
		return signin_wait(s, wait, "Too many failed sign-ins; wait "
		    "before trying again");
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_BY_EMAIL], &res,
	    db_str(s->email)) == -1)
		return -1;
	if (res.nrows == 0) {
		password_verify_dummy(c->arena, c->in[SIGNIN_F_PASSWORD].s);
		return signin_failed(s);
	}
	if (!password_verify(c->arena, c->in[SIGNIN_F_PASSWORD].s,
	    db_get(&res, 0, USER_AUTH_COL_HASH)) ||
	    db_get_i64(&res, 0, USER_AUTH_COL_ACTIVE) != 1)
		return signin_failed(s);
	return signin_succeeded(s, db_get_u64(&res, 0, USER_AUTH_COL_ID));
}

/* 200, 400, 401, 429, 503 */
static int
session_post(struct ctx *c)
{
	struct signin	s = { c, signin_lower(c->arena,
			    c->in[SIGNIN_F_EMAIL].s), 0 };

	(void)session_purge(c->db, c->arena);
	(void)DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_PURGE],
	    NULL);
	if (DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_ENSURE],
	    NULL, db_str("account"), db_str(s.email)) == -1 ||
	    DB_EXEC(c->db, c->arena, &session_sql[SESSION_SQL_THROTTLE_ENSURE],
	    NULL, db_str("address"), db_str(signin_addr(c))) == -1)
		return db_errno(c->db) == DB_ER_LOCK_WAIT_TIMEOUT ?
		    signin_busy(&s) : ctx_db_error(c);
	if (db_tx(c->db, signin_tx, &s) == -1) {
		memset(&c->resp, 0, sizeof(c->resp));
		return ctx_db_error(c);
	}
	return s.status;
}

/* 200, 401, 503 */
static int
session_get(struct ctx *c)
{
	c->user.csrf = session_csrf(c->arena, c->user.token);
	return ctx_data(c, 200, signin_reply(&c->user));
}

static int
session_delete_tx(struct ctx *c, void *arg)
{
	if (session_destroy(c->db, c->arena, c->user.token) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "session.signed_out", "user", c->user.id, 0, NULL }) == -1)
		return -1;
	resp_header(&c->resp, "Set-Cookie", session_cookie(c->arena, NULL));
	return resp_empty(&c->resp, 204);
}

/* 204, 401, 403, 503 */
static int
session_delete(struct ctx *c)
{
	return ctx_tx(c, session_delete_tx, NULL);
}

enum session_route {
	ROUTE_SESSION_POST,
	ROUTE_SESSION_GET,
	ROUTE_SESSION_DELETE,
	ROUTE_USERS_LIST,
	ROUTE_USERS_CREATE,
	ROUTE_USERS_DIRECTORY,
	ROUTE_USERS_GET,
	ROUTE_USERS_UPDATE,
	ROUTE_PREFS_CONTACT_COLUMNS_GET,
	ROUTE_PREFS_CONTACT_COLUMNS_PUT,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_SESSION_POST] = { REQ_POST, "/api/v1/session", ACCESS_PUBLIC,
	    session_post, .body = BODY_OBJECT, ROUTE_FIELDS(signin_fields),
	    .body_max = 16 * 1024 },
	[ROUTE_SESSION_GET] = { REQ_GET, "/api/v1/session", ACCESS_READ,
	    session_get },
	[ROUTE_SESSION_DELETE] = { REQ_DELETE, "/api/v1/session", ACCESS_READ,
	    session_delete },
	[ROUTE_USERS_LIST] = { REQ_GET, "/api/v1/users", ACCESS_ADMIN,
	    users_list, ROUTE_QUERY(user_list_query) },
	[ROUTE_USERS_CREATE] = { REQ_POST, "/api/v1/users", ACCESS_ADMIN,
	    users_create, .body = BODY_OBJECT, ROUTE_FIELDS(user_fields),
	    .required = ROUTE_BIT(USER_F_EMAIL) | ROUTE_BIT(USER_F_NAME) |
	    ROUTE_BIT(USER_F_ROLE) | ROUTE_BIT(USER_F_PASSWORD) },
	[ROUTE_USERS_DIRECTORY] = { REQ_GET, "/api/v1/users/directory",
	    ACCESS_READ, users_directory },
	[ROUTE_USERS_GET] = { REQ_GET, "/api/v1/users/{id}", ACCESS_ADMIN,
	    users_get },
	[ROUTE_USERS_UPDATE] = { REQ_PATCH, "/api/v1/users/{id}",
	    ACCESS_ADMIN, users_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(user_fields) },
	[ROUTE_PREFS_CONTACT_COLUMNS_GET] = { REQ_GET,
	    "/api/v1/users/me/preferences/contact-columns", ACCESS_READ,
	    prefs_get },
	[ROUTE_PREFS_CONTACT_COLUMNS_PUT] = { REQ_PUT,
	    "/api/v1/users/me/preferences/contact-columns", ACCESS_READ,
	    prefs_put, .body = BODY_ARRAY, .body_max = PREFS_BODY_MAX },
};

static const struct app session_app = {
	.name = "session", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	/* Before serve_main forks: every worker inherits the dummy hash. */
	if (password_init() == -1)
		return 1;
	return serve_main(&session_app, argc, argv);
}
