#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "log.h"
#include "webhook_sig.h"

/* Distinct unconfigured secrets logged, per worker. */
#define DISPATCH_UNCONFIGURED_MAX	16

int
ctx_data(struct ctx *c, int status, struct json_object *data)
{
	return resp_json(&c->resp, c->arena, status, jsonx_data(c->arena, data));
}

int
ctx_error(struct ctx *c, int status, const char *code, const char *message)
{
	return resp_error(&c->resp, c->arena, status, code, message, NULL);
}

int
ctx_field_error(struct ctx *c, const struct field_error *e)
{
	return resp_error(&c->resp, c->arena, 400, e->code, e->message,
	    e->field);
}

/* The database failed: details are in the log, the client gets 503. */
int
ctx_db_error(struct ctx *c)
{
	return ctx_error(c, 503, "service_unavailable",
	    "The database is unavailable; try again");
}

int
ctx_not_found(struct ctx *c, const char *what)
{
	return ctx_error(c, 404, "not_found",
	    arena_printf(c->arena, "No such %s", what));
}

/* If-Match: "<version>" (or a bare number).  0, or an error status. */
int
ctx_if_match(struct ctx *c, uint64_t *version)
{
	const char	*s = c->req.if_match;
	char		*end;
	size_t		 len;

	if (s == NULL || *s == '\0')
		return ctx_error(c, 428, "if_match_required",
		    "Send If-Match with the version you edited (the ETag)");
	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	len = strlen(s);
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		s = arena_strndup(c->arena, s + 1, len - 2);
		len -= 2;
	}
	if (len == 0 || len > 10 || strspn(s, "0123456789") != len) {
		resp_error(&c->resp, c->arena, 400, "invalid_if_match",
		    "If-Match must be the ETag of the record", "If-Match");
		return 400;
	}
	*version = strtoull(s, &end, 10);
	return 0;
}

int
ctx_etag(struct ctx *c, uint64_t version)
{
	return resp_header(&c->resp, "ETag",
	    arena_printf(c->arena, "\"%llu\"", (unsigned long long)version));
}

/*
 * Inside a transaction, locks the record of the path's second id that
 * belongs to the path's customer (sql: FOR UPDATE, parameters id and
 * customer): 0 with res its row, 404 with its reply naming what, or -1.
 */
int
ctx_lock_child(struct ctx *c, const struct db_sql *sql, const char *what,
    struct db_res *res)
{
	if (DB_EXEC(c->db, c->arena, sql, res, db_u64(c->ids[1]),
	    db_u64(c->customer.id)) == -1)
		return -1;
	return res->nrows == 0 ? ctx_not_found(c, what) : 0;
}

/*
 * One record as the reply: its ETag, on 201 its Location (may be NULL),
 * and {"data": o}.
 */
int
ctx_record(struct ctx *c, int status, struct json_object *o,
    uint64_t version, const char *location)
{
	ctx_etag(c, version);
	if (status == 201 && location != NULL)
		resp_header(&c->resp, "Location", location);
	return ctx_data(c, status, o);
}

/* 409: someone else changed the record; the current one goes with it. */
int
ctx_conflict(struct ctx *c, const char *message, struct json_object *current,
    uint64_t version)
{
	jsonx_own(c->arena, current);
	ctx_etag(c, version);
	return resp_error_with(&c->resp, c->arena, 409, "version_conflict",
	    message, NULL, "data", current);
}

/*
 * After a write failed: 409 with code, message and field when it broke
 * a unique key, else the database's 503.
 */
int
ctx_write_error(struct ctx *c, const char *code, const char *message,
    const char *field)
{
	if (db_errno(c->db) == DB_ER_DUP_ENTRY)
		return resp_error(&c->resp, c->arena, 409, code, message,
		    field);
	return ctx_db_error(c);
}

static int
dispatch_health(const struct app *app, struct ctx *c)
{
	struct json_object	*o = jsonx_object(c->arena);
	int			 v;

	if (db_ping(c->db) == -1 ||
	    (v = db_schema_version(c->db, c->arena)) < 0)
		return ctx_error(c, 503, "service_unavailable",
		    "The database is unavailable");
	jsonx_add_str(o, "status", "ok");
	jsonx_add_str(o, "program", app->name);
	json_object_object_add(o, "schema", json_object_new_int(v));
	return resp_json(&c->resp, c->arena, 200, o);
}

static int
dispatch_session(struct ctx *c, enum access need)
{
	const char	*token;
	int		 rc;

	token = req_cookie(&c->req, SESSION_COOKIE);
	if (token == NULL)
		return ctx_error(c, 401, "no_session", "Sign in first");
	if ((rc = session_load(c->db, c->arena, token, &c->user)) == -1)
		return ctx_db_error(c);
	if (rc == 1)
		return ctx_error(c, 401, "no_session",
		    "Your session has expired; sign in again");
	if (need == ACCESS_ADMIN && c->user.role != ROLE_ADMIN)
		return ctx_error(c, 403, "forbidden",
		    "Only an administrator may do this");
	if (need == ACCESS_WRITE && c->user.role == ROLE_READ_ONLY)
		return ctx_error(c, 403, "forbidden",
		    "Your role may view but not change this");
	if (req_method_unsafe(c->req.method) &&
	    !session_csrf_ok(session_csrf(c->arena, c->user.token),
	    c->req.csrf_token))
		return ctx_error(c, 403, "csrf_failed",
		    "Missing or wrong X-CSRF-Token header");
	c->actor.kind = ACTOR_USER;
	c->actor.id = c->user.id;
	c->actor.name = c->user.name;
	return 0;
}

static void
dispatch_service_actor(struct ctx *c, const struct route *r)
{
	c->actor.kind = ACTOR_SERVICE;
	c->actor.id = 0;
	c->actor.name = r->service;
}

/* 503 for a route whose secret is not configured; logged once a worker. */
static int
dispatch_unconfigured(struct ctx *c, const char *what)
{
	static const char	*logged[DISPATCH_UNCONFIGURED_MAX];
	size_t			 i;

	for (i = 0; i < DISPATCH_UNCONFIGURED_MAX && logged[i] != what; i++)
		if (logged[i] == NULL) {
			logged[i] = what;
			log_err("%s is not configured: %s %s answers 503",
			    what, req_method_name(c->req.method), c->req.path);
			break;
		}
	return ctx_error(c, 503, "not_configured",
	    "This endpoint is not configured");
}

/*
 * ACCESS_SERVICE: "Authorization: Bearer <token>" against the configured
 * token; SHA-256 of both, so the constant-time compare has equal lengths.
 */
static int
dispatch_service(struct ctx *c, const struct route *r)
{
	static const char	 scheme[] = "Bearer ";
	unsigned char		 want[SHA256_DIGEST_LENGTH];
	unsigned char		 got[SHA256_DIGEST_LENGTH];
	const char		*conf = conf_get(r->token_conf, NULL);
	const char		*h = req_header(&c->req, "Authorization");

	if (conf == NULL)
		return dispatch_unconfigured(c, r->token_conf);
	if (h == NULL || strncasecmp(h, scheme, sizeof(scheme) - 1) != 0) {
		resp_header(&c->resp, "WWW-Authenticate", "Bearer");
		return ctx_error(c, 401, "bad_token",
		    "Send Authorization: Bearer with the service's token");
	}
	h += sizeof(scheme) - 1;
	SHA256((const unsigned char *)conf, strlen(conf), want);
	SHA256((const unsigned char *)h, strlen(h), got);
	if (CRYPTO_memcmp(want, got, sizeof(want)) != 0) {
		resp_header(&c->resp, "WWW-Authenticate",
		    "Bearer error=\"invalid_token\"");
		return ctx_error(c, 401, "bad_token",
		    "The service token is wrong");
	}
	dispatch_service_actor(c, r);
	return 0;
}

static const char *
dispatch_header(void *arg, const char *name)
{
	return req_header(arg, name);
}

/* ACCESS_SIGNED, after the raw body is read and before it is parsed. */
static int
dispatch_signed(struct ctx *c, const struct route *r)
{
	const char	*secret = NULL;
	int		 rc;

	if ((rc = r->secret(c, &secret)) == -1)
		return ctx_db_error(c);
	switch (rc == 1 ? WEBHOOK_SIG_BAD : webhook_sig_verify(r->sig, secret,
	    c->req.body, c->req.body_len, time(NULL), dispatch_header,
	    &c->req)) {
	case WEBHOOK_SIG_OK:
		dispatch_service_actor(c, r);
		return 0;
	case WEBHOOK_SIG_STALE:
		return ctx_error(c, 401, "stale_timestamp",
		    "The signature's timestamp is more than 5 minutes off");
	default:
		return ctx_error(c, 401, "bad_signature",
		    "The request's signature is missing or wrong");
	}
}

/* Who is asking, from the route's access; signed routes come later. */
static int
dispatch_auth(struct ctx *c, const struct route *r)
{
	c->actor.addr = c->req.remote_addr;
	switch (r->access) {
	case ACCESS_PUBLIC:
	case ACCESS_SIGNED:
		return 0;
	case ACCESS_SERVICE:
		return dispatch_service(c, r);
	default:
		return dispatch_session(c, r->access);
	}
}

/* The media types a route takes, for its 415 message. */
static const char *
dispatch_types(struct ctx *c, const struct route *r)
{
	const char *const	*t;
	char			*out = "";

	if (r->body != BODY_RAW)
		return "application/json";
	for (t = r->types; t != NULL && *t != NULL; t++)
		out = arena_printf(c->arena, "%s%s%s", out, *out ? ", " : "",
		    *t);
	return out;
}

/*
 * Reads the body now that the route and so its limit are known: exactly
 * CONTENT_LENGTH bytes (one more, or fewer, is 400).
 */
static int
dispatch_read(struct ctx *c, const struct route *r)
{
	struct req	*q = &c->req;
	size_t		 max, len;
	int		 ok;

	max = r->body_max ? r->body_max : ROUTE_BODY_DEFAULT;

	if (q->content_length < 0)
		return ctx_error(c, 411, "length_required",
		    "Send Content-Length with the body");
	if (q->content_length > (long long)max)
		return ctx_error(c, 413, "too_large", arena_printf(c->arena,
		    "The body may be at most %zu bytes", max));
	ok = r->body == BODY_RAW ?
	    req_content_type_in(q->content_type, r->types) :
	    req_content_type_json(q->content_type);
	if (!ok)
		return ctx_error(c, 415, "unsupported_media_type",
		    arena_printf(c->arena, "Send the body as %s",
		    dispatch_types(c, r)));
	len = (size_t)q->content_length;
	q->body = arena_alloc(c->arena, len + 1);
	if ((q->body_len = req_read(q, q->body, len + 1)) != len)
		return ctx_error(c, 400, "length_mismatch",
		    "The body is not Content-Length bytes long");
	q->body[len] = '\0';
	return 0;
}

static int
dispatch_body(struct ctx *c, const struct route *r)
{
	struct field_error	 err;
	size_t			 i;
	int			 rc;

	if (r->body == BODY_NONE)
		return r->access == ACCESS_SIGNED ? dispatch_signed(c, r) : 0;
	if ((rc = dispatch_read(c, r)) != 0)
		return rc;
	if (r->access == ACCESS_SIGNED && (rc = dispatch_signed(c, r)) != 0)
		return rc;
	if (r->body == BODY_RAW)
		return 0;
	c->body = jsonx_parse(c->arena, c->req.body, c->req.body_len);
	if (c->body == NULL)
		return ctx_error(c, 400, "invalid_json",
		    "The body is not valid JSON");
	if (r->body == BODY_ARRAY) {
		if (!json_object_is_type(c->body, json_type_array))
			return ctx_error(c, 400, "invalid_json",
			    "The body must be a JSON array");
		return 0;
	}
	c->in = arena_calloc(c->arena, r->nfields + 1, sizeof(*c->in));
	if (field_parse_object(c->arena, r->fields, r->nfields, c->body,
	    c->in, &err) == -1)
		return ctx_field_error(c, &err);
	for (i = 0; i < r->nfields && i < ROUTE_FIELDS_MAX; i++)
		if ((r->required & ROUTE_BIT(i)) &&
		    (!c->in[i].present || c->in[i].null))
			return resp_error(&c->resp, c->arena, 400, "required",
			    "This field is required", r->fields[i].name);
	return 0;
}

/*
 * Answers one request into c->resp; returns the status.  Order:
 * 404/405, 401 (503 for an unconfigured service token), 403, 411, 413,
 * 415, 401 for a signed route's signature, 400, 404 for what the path names
 * (want.c), then the handler.
 */
int
dispatch(const struct app *app, struct ctx *c)
{
	const struct route	*r;
	struct field_error	 err;
	int			 idx, known, rc;

	if (c->req.path == NULL)
		return ctx_error(c, 400, "bad_request", "No path");
	if ((c->req.method == REQ_GET || c->req.method == REQ_HEAD) &&
	    strcmp(c->req.path, "/health") == 0)
		return dispatch_health(app, c);
	idx = route_find(app->routes, app->nroutes, c->req.method, c->req.path,
	    c->ids, &c->nids, &known);
	if (idx < 0 && known) {
		resp_header(&c->resp, "Allow", route_allowed(app->routes,
		    app->nroutes, c->req.path, c->arena));
		return ctx_error(c, 405, "method_not_allowed",
		    "This method is not allowed here");
	}
	if (idx < 0)
		return ctx_error(c, 404, "not_found", "No such endpoint");
	c->route = r = &app->routes[idx];
	if ((rc = dispatch_auth(c, r)) != 0)
		return rc;
	if ((rc = dispatch_body(c, r)) != 0)
		return rc;
	c->query = arena_calloc(c->arena, r->nquery + 1, sizeof(*c->query));
	if (field_parse_query(c->arena, r->query, r->nquery, &c->req,
	    c->query, &err) == -1)
		return ctx_field_error(c, &err);
	if ((rc = want_load(c)) != 0 || (rc = idempotency_check(c)) != 0)
		return rc;
	rc = idempotency_after(c, r->handler(c));
	if (c->resp.body == NULL && c->resp.npieces == 0 && rc != 204) {
		log_err("%s %s: handler returned %d without a body",
		    req_method_name(c->req.method), c->req.path, rc);
		return ctx_error(c, 500, "internal", "Internal error");
	}
	return rc;
}
