/*
 * A test-only FastCGI program with its own route table: one route per
 * request kind of the dispatcher (raw bodies, HEAD, headers by name,
 * service tokens, signed requests, a handler that leaves its transaction
 * open), for tests/api/request-kinds.test.mjs.
 * Never installed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "dispatch.h"
#include "field.h"
#include "jsonx.h"
#include "route.h"
#include "serve.h"

#define KINDS_HOG_CHUNK	(1024 * 1024)

static const char *const raw_types[] = { "message/rfc822", "text/csv",
    NULL };

static const struct field_spec echo_fields[] = {
	{ "name", FIELD_TEXT, FIELD_REQUIRED, 1, 100, NULL },
};

/* 200: the body's length and SHA-256, so the test can compare. */
static int
kinds_raw(struct ctx *c)
{
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen, i;
	char			*hex;
	struct json_object	*o;

	if (EVP_Digest(c->req.body, c->req.body_len, md, &mdlen, EVP_sha256(),
	    NULL) != 1)
		return ctx_error(c, 500, "internal", "Internal error");
	o = json_object_new_object();
	hex = arena_alloc(c->arena, mdlen * 2 + 1);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + i * 2, 3, "%02x", md[i]);
	json_object_object_add(o, "length",
	    json_object_new_int64((int64_t)c->req.body_len));
	jsonx_add_str(o, "sha256", hex);
	return ctx_data(c, 200, o);
}

/* 200: the name sent. */
static int
kinds_echo(struct ctx *c)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_str(o, "name", c->in[0].s);
	return ctx_data(c, 200, o);
}

/* 200 with an ETag and a header of its own. */
static int
kinds_thing(struct ctx *c)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_str(o, "thing", "a thing");
	ctx_etag(c, 7);
	resp_header(&c->resp, "X-Thing", "yes");
	return ctx_data(c, 200, o);
}

/* 200: the request headers asked for, null when absent. */
static int
kinds_header(struct ctx *c)
{
	static const char *const names[] = { "Idempotency-Key", "X-Other",
	    "Content-Type" };
	struct json_object	*o = json_object_new_object();
	const char		*v;
	size_t			 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = req_header(&c->req, names[i]);
		json_object_object_add(o, names[i],
		    v ? json_object_new_string(v) : NULL);
	}
	return ctx_data(c, 200, o);
}

/* 200: who the dispatcher says is asking, and the body's name if any. */
static int
kinds_actor(struct ctx *c)
{
	static const char *const kinds[ACTOR__MAX] = {
		"user",		/* ACTOR_USER */
		"service",	/* ACTOR_SERVICE */
		"system",	/* ACTOR_SYSTEM */
	};
	struct json_object	*o = json_object_new_object();

	jsonx_add_str(o, "kind", kinds[c->actor.kind]);
	jsonx_add_str(o, "name", c->actor.name);
	if (c->in != NULL && c->in[0].present)
		jsonx_add_str(o, "sent", c->in[0].s);
	return ctx_data(c, 200, o);
}

/* The test keys: the Standard Webhooks and GitHub published examples. */
static int
kinds_secret_standard(struct ctx *c, const char **secret)
{
	(void)c;
	*secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
	return 0;
}

static int
kinds_secret_github(struct ctx *c, const char **secret)
{
	(void)c;
	*secret = "It's a Secret to Everybody";
	return 0;
}

/* Allocates past the arena's cap: never answers itself. */
static int
kinds_hog(struct ctx *c)
{
	size_t	i;

	for (i = 0; i <= ARENA_CAP / KINDS_HOG_CHUNK; i++)
		memset(arena_alloc(c->arena, KINDS_HOG_CHUNK), 1,
		    KINDS_HOG_CHUNK);
	return ctx_error(c, 500, "internal", "The cap did not hold");
}

/*
 * A handler with the bug the runtime guards against: it writes inside a
 * transaction and returns without ending it.
 */
static int
kinds_tx_left_open(struct ctx *c)
{
	if (db_begin(c->db) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "kinds.left_open", "kinds", 0, 0, NULL }) == -1)
		return ctx_db_error(c);
	return ctx_data(c, 200, json_object_new_object());
}

/*
 * Statements are prepared per connection: the same SQL row run on two
 * connections of one process runs on each (a cache in the SQL table would
 * hand the second the first one's statement).
 */
static int
kinds_connections(struct ctx *c)
{
	static const struct db_sql	 conn_id = {
		"SELECT CONNECTION_ID()", DB_SAFE
	};
	struct json_object		*o = json_object_new_object();
	struct db_res			 res;
	struct db			*other;
	int				 i;

	if ((other = db_open()) == NULL)
		return ctx_db_error(c);
	for (i = 0; i < 2; i++) {
		if (db_exec(i ? other : c->db, c->arena, &conn_id, NULL, 0,
		    &res) == -1) {
			db_close(other);
			json_object_put(o);
			return ctx_db_error(c);
		}
		json_object_object_add(o, i ? "second" : "first",
		    json_object_new_int64(db_get_i64(&res, 0, 0)));
	}
	db_close(other);
	return ctx_data(c, 200, o);
}

enum kinds_route {
	KINDS_RAW,
	KINDS_ECHO,
	KINDS_THING,
	KINDS_HEADER,
	KINDS_SERVICE,
	KINDS_SERVICE_UNSET,
	KINDS_SIGNED,
	KINDS_SIGNED_GITHUB,
	KINDS_HOG,
	KINDS_TX_LEFT_OPEN,
	KINDS_CONNECTIONS,
	KINDS__MAX
};

static const struct route routes[KINDS__MAX] = {
	[KINDS_RAW] = { REQ_POST, "/raw", ACCESS_PUBLIC, kinds_raw,
	    .body = BODY_RAW, .types = raw_types,
	    .body_max = ROUTE_BODY_MAX },
	[KINDS_ECHO] = { REQ_POST, "/echo", ACCESS_PUBLIC, kinds_echo,
	    .body = BODY_OBJECT, ROUTE_FIELDS(echo_fields) },
	[KINDS_THING] = { REQ_GET, "/thing", ACCESS_PUBLIC, kinds_thing },
	[KINDS_HEADER] = { REQ_GET, "/header", ACCESS_PUBLIC, kinds_header },
	[KINDS_SERVICE] = { REQ_POST, "/service", ACCESS_SERVICE, kinds_actor,
	    .body = BODY_OBJECT, ROUTE_FIELDS(echo_fields),
	    .service = "kinds-mta", .token_conf = "MSPHUB_KINDS_TOKEN" },
	[KINDS_SERVICE_UNSET] = { REQ_GET, "/service-unset", ACCESS_SERVICE,
	    kinds_actor, .service = "kinds-unset",
	    .token_conf = "MSPHUB_KINDS_UNSET_TOKEN" },
	[KINDS_SIGNED] = { REQ_POST, "/signed", ACCESS_SIGNED, kinds_actor,
	    .body = BODY_OBJECT, ROUTE_FIELDS(echo_fields),
	    .service = "kinds-hook", .sig = WEBHOOK_SIG_STANDARD,
	    .secret = kinds_secret_standard },
	[KINDS_SIGNED_GITHUB] = { REQ_POST, "/signed-github", ACCESS_SIGNED,
	    kinds_actor, .body = BODY_RAW, .types = raw_types,
	    .service = "kinds-github", .sig = WEBHOOK_SIG_GITHUB,
	    .secret = kinds_secret_github },
	[KINDS_HOG] = { REQ_GET, "/hog", ACCESS_PUBLIC, kinds_hog },
	[KINDS_TX_LEFT_OPEN] = { REQ_POST, "/tx-left-open", ACCESS_PUBLIC,
	    kinds_tx_left_open },
	[KINDS_CONNECTIONS] = { REQ_GET, "/connections", ACCESS_PUBLIC,
	    kinds_connections },
};

static const struct app kinds_app = {
	.name = "kinds", .routes = routes, .nroutes = KINDS__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&kinds_app, argc, argv);
}
