/*
 * Unit tests for lib/dispatch.c driven by a route table of their own
 * (no session routes: no database): body kinds, Content-Length, media
 * types, required fields, service tokens and signatures, checked before
 * any handler runs.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>
#include <json-c/json.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "unit.h"
#include "unit_arena.h"

#include "dispatch.h"
#include "field.h"
#include "route.h"

static int	handled;

static int
h_ok(struct ctx *c)
{
	handled = 1;
	return resp_empty(&c->resp, 204);
}

static const char *const csv[] = { "text/csv", NULL };

static const struct field_spec fields[] = {
	{ "name", FIELD_TEXT, FIELD_NULLABLE, 1, 50, NULL },
	{ "city", FIELD_TEXT, FIELD_NULLABLE, 1, 50, NULL },
};

#define GH_SECRET	"It's a Secret to Everybody"

static int
gh_secret(struct ctx *c, const char **secret)
{
	(void)c;
	*secret = GH_SECRET;
	return 0;
}

static const struct route routes[] = {
	{ REQ_POST, "/things", ACCESS_PUBLIC, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields), .required = ROUTE_BIT(0) },
	{ REQ_PATCH, "/things", ACCESS_PUBLIC, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields) },
	{ REQ_POST, "/csv", ACCESS_PUBLIC, h_ok, .body = BODY_RAW,
	    .types = csv, .body_max = 8 },
	{ REQ_POST, "/mta", ACCESS_SERVICE, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields), .service = "mta",
	    .token_conf = "TEST_DISPATCH_TOKEN" },
	{ REQ_GET, "/unset", ACCESS_SERVICE, h_ok, .service = "x",
	    .token_conf = "TEST_DISPATCH_UNSET" },
	{ REQ_POST, "/hook", ACCESS_SIGNED, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields), .service = "hook", .sig = WEBHOOK_SIG_GITHUB,
	    .secret = gh_secret },
};

static const struct app app = {
	.name = "test", .routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0])
};

struct src {
	const char	*s;
	size_t		 off;
};

static int
src_read(void *arg, char *buf, int n)
{
	struct src	*s = arg;
	size_t		 left = strlen(s->s) - s->off;

	if ((size_t)n > left)
		n = (int)left;
	memcpy(buf, s->s + s->off, (size_t)n);
	s->off += (size_t)n;
	return n;
}

struct dispatch_case {
	enum req_method	 method;
	const char	*path;
	const char	*type;
	long long	 length;	/* -2: strlen(body) */
	const char	*body;
	int		 status;
	const char	*code;		/* NULL: the handler ran */
	const char	*field;
};

#define LEN	-2

/*
 * Dispatches c, reading its body from s: the status is want, the handler
 * ran when code is NULL, else the error has code (and field if given).
 */
static void
run_case(struct ctx *c, struct src *s, size_t i, int want, const char *code,
    const char *field)
{
	struct json_object	*err, *e;
	int			 rc;

	c->arena = a;
	c->req.read = src_read;
	c->req.read_arg = s;
	handled = 0;
	rc = dispatch(&app, c);
	ck_assert_msg(rc == want, "case %zu: %d", i, rc);
	ck_assert_int_eq(handled, code == NULL);
	if (code == NULL)
		return;
	err = json_tokener_parse(c->resp.body);
	ck_assert_ptr_nonnull(err);
	e = json_object_object_get(err, "error");
	ck_assert_str_eq(json_object_get_string(json_object_object_get(e,
	    "code")), code);
	if (field != NULL)
		ck_assert_str_eq(json_object_get_string(json_object_object_get(
		    e, "field")), field);
	json_object_put(err);
}

START_TEST(test_body_kinds)
{
	static const struct dispatch_case cases[] = {
		{ REQ_POST, "/things", "application/json", LEN,
		    "{\"name\":\"a\"}", 204, NULL, NULL },
		{ REQ_POST, "/things", "application/json", LEN,
		    "{\"city\":\"b\"}", 400, "required", "name" },
		{ REQ_POST, "/things", "application/json", LEN,
		    "{\"name\":null}", 400, "required", "name" },
		{ REQ_PATCH, "/things", "application/json", LEN,
		    "{\"city\":\"b\"}", 204, NULL, NULL },
		{ REQ_POST, "/things", "application/json", -1,
		    "{\"name\":\"a\"}", 411, "length_required", NULL },
		{ REQ_POST, "/things", "application/json", 40,
		    "{\"name\":\"a\"}", 400, "length_mismatch", NULL },
		{ REQ_POST, "/things", "application/json", 3,
		    "{\"name\":\"a\"}", 400, "length_mismatch", NULL },
		{ REQ_POST, "/things", "text/csv", LEN, "{}", 415,
		    "unsupported_media_type", NULL },
		{ REQ_POST, "/things", "application/json",
		    ROUTE_BODY_DEFAULT + 1, "", 413, "too_large", NULL },
		{ REQ_POST, "/csv", "text/csv", LEN, "a,b\n", 204, NULL,
		    NULL },
		{ REQ_POST, "/csv", "text/csv", LEN, "a,b,c,d,e", 413,
		    "too_large", NULL },
		{ REQ_POST, "/csv", "application/json", LEN, "{}", 415,
		    "unsupported_media_type", NULL },
		{ REQ_POST, "/csv", "text/csv", -1, "a", 411,
		    "length_required", NULL },
	};
	const struct dispatch_case	*t;
	struct ctx			 c;
	struct src			 s;
	size_t				 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = &cases[i];
		memset(&c, 0, sizeof(c));
		s.s = t->body;
		s.off = 0;
		c.req.method = t->method;
		c.req.path = t->path;
		c.req.content_type = t->type;
		c.req.content_length = t->length == LEN ?
		    (long long)strlen(t->body) : t->length;
		run_case(&c, &s, i, t->status, t->code, t->field);
		arena_reset(a);
	}
}
END_TEST

struct auth_case {
	const char	*path;
	const char	*header;	/* "NAME=value" in the environment */
	const char	*sign;		/* or the GitHub signature of this */
	const char	*body;
	int		 status;
	const char	*code;		/* NULL: the handler ran */
};

/* The GitHub signature of body under GH_SECRET, as the header wants it. */
static char *
gh_sign(const char *body)
{
	static char	 out[sizeof("HTTP_X_HUB_SIGNATURE_256=sha256=") + 64];
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 len, i;
	int		 n;

	HMAC(EVP_sha256(), GH_SECRET, (int)strlen(GH_SECRET),
	    (const unsigned char *)body, strlen(body), md, &len);
	n = snprintf(out, sizeof(out), "HTTP_X_HUB_SIGNATURE_256=sha256=");
	for (i = 0; i < len; i++)
		n += snprintf(out + n, sizeof(out) - (size_t)n, "%02x", md[i]);
	return out;
}

START_TEST(test_access_kinds)
{
	static const struct auth_case cases[] = {
		{ "/mta", "HTTP_AUTHORIZATION=Bearer s3cret-token", NULL,
		    "{\"name\":\"a\"}", 204, NULL },
		{ "/mta", "HTTP_AUTHORIZATION=Bearer s3cret-tokeN", NULL,
		    "{\"name\":\"a\"}", 401, "bad_token" },
		{ "/mta", "HTTP_AUTHORIZATION=Bearer s3cret-token ", NULL,
		    "{\"name\":\"a\"}", 401, "bad_token" },
		{ "/mta", "HTTP_X_OTHER=1", NULL, "{\"name\":\"a\"}", 401,
		    "bad_token" },
		/* The token is checked before the body is read. */
		{ "/mta", "HTTP_X_OTHER=1", NULL, "{\"name\":", 401,
		    "bad_token" },
		{ "/unset", "HTTP_AUTHORIZATION=Bearer s3cret-token", NULL, "",
		    503, "not_configured" },
		{ "/hook", NULL, "{\"name\":\"a\"}", "{\"name\":\"a\"}",
		    204, NULL },
		{ "/hook", NULL, "{\"name\":\"a\"}", "{\"name\":\"b\"}",
		    401, "bad_signature" },
		/* Not parsed before the check: no 400 for bad JSON. */
		{ "/hook", NULL, "x", "{\"name\":", 401, "bad_signature" },
		{ "/hook", "HTTP_X_OTHER=1", NULL, "{}", 401, "bad_signature" },
		{ "/hook", NULL, "{\"name\":", "{\"name\":", 400,
		    "invalid_json" },
	};
	const struct auth_case	*t;
	struct ctx		 c;
	struct src		 s;
	char			*env[2];
	size_t			 i;

	setenv("TEST_DISPATCH_TOKEN", "s3cret-token", 1);
	unsetenv("TEST_DISPATCH_UNSET");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = &cases[i];
		memset(&c, 0, sizeof(c));
		s.s = t->body;
		s.off = 0;
		env[0] = t->sign ? gh_sign(t->sign) : (char *)t->header;
		env[1] = NULL;
		c.req.env = env;
		c.req.method = strcmp(t->path, "/unset") == 0 ? REQ_GET :
		    REQ_POST;
		c.req.path = t->path;
		c.req.content_type = "application/json";
		c.req.content_length = (long long)strlen(t->body);
		run_case(&c, &s, i, t->status, t->code, NULL);
		if (t->code == NULL) {
			ck_assert_int_eq(c.actor.kind, ACTOR_SERVICE);
			ck_assert_str_eq(c.actor.name, t->path + 1);
		}
		arena_reset(a);
	}
}
END_TEST

static Suite *
dispatch_suite(void)
{
	Suite	*s = suite_create("dispatch");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_body_kinds);
	tcase_add_test(tc, test_access_kinds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(dispatch_suite());
}
