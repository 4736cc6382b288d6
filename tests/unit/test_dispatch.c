/*
 * Unit tests for lib/dispatch.c driven by a route table of their own
 * (public routes: no database): body kinds, Content-Length, media types
 * and required fields, checked before any handler runs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <json-c/json.h>

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

static const struct route routes[] = {
	{ REQ_POST, "/things", ACCESS_PUBLIC, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields), .required = ROUTE_BIT(0) },
	{ REQ_PATCH, "/things", ACCESS_PUBLIC, h_ok, .body = BODY_OBJECT,
	    ROUTE_FIELDS(fields) },
	{ REQ_POST, "/csv", ACCESS_PUBLIC, h_ok, .body = BODY_RAW,
	    .types = csv, .body_max = 8 },
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
	struct json_object		*err;
	size_t				 i;
	const char			*field;
	int				 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = &cases[i];
		memset(&c, 0, sizeof(c));
		s.s = t->body;
		s.off = 0;
		c.arena = a;
		c.req.method = t->method;
		c.req.path = t->path;
		c.req.content_type = t->type;
		c.req.content_length = t->length == LEN ?
		    (long long)strlen(t->body) : t->length;
		c.req.read = src_read;
		c.req.read_arg = &s;
		handled = 0;
		rc = dispatch(&app, &c);
		ck_assert_msg(rc == t->status, "case %zu: %d", i, rc);
		ck_assert_int_eq(handled, t->code == NULL);
		if (t->code == NULL)
			continue;
		err = json_tokener_parse(c.resp.body);
		ck_assert_ptr_nonnull(err);
		ck_assert_str_eq(json_object_get_string(json_object_object_get(
		    json_object_object_get(err, "error"), "code")), t->code);
		field = json_object_get_string(json_object_object_get(
		    json_object_object_get(err, "error"), "field"));
		if (t->field != NULL)
			ck_assert_str_eq(field, t->field);
		json_object_put(err);
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
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(dispatch_suite());
}
