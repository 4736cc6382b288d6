/*
 * Unit tests for lib/resp.c.  resp.c builds a struct resp and its CGI
 * head as plain strings (serve.c writes them to the FastCGI stream), so
 * everything here is tested without FastCGI.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"
#include <json-c/json.h>

#include "arena.h"
#include "jsonx.h"
#include "resp.h"


struct status_case {
	int		 code;
	const char	*text;
};

START_TEST(test_status_table)
{
	static const struct status_case cases[] = {
		{ 200, "OK" },
		{ 201, "Created" },
		{ 204, "No Content" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 409, "Conflict" },
		{ 413, "Content Too Large" },
		{ 415, "Unsupported Media Type" },
		{ 422, "Unprocessable Content" },
		{ 428, "Precondition Required" },
		{ 429, "Too Many Requests" },
		{ 500, "Internal Server Error" },
		{ 502, "Bad Gateway" },
		{ 503, "Service Unavailable" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *t = resp_status_text(cases[i].code);

		ck_assert_msg(t != NULL, "no reason for %d", cases[i].code);
		ck_assert_str_eq(t, cases[i].text);
	}
	ck_assert_ptr_null(resp_status_text(0));
	ck_assert_ptr_null(resp_status_text(-1));
	ck_assert_ptr_null(resp_status_text(418));
	ck_assert_ptr_null(resp_status_text(999));
}
END_TEST

START_TEST(test_header_crlf_refused)
{
	static const char *const bad_values[] = {
		"a\rb", "a\nb", "\r\n", "x\r\nSet-Cookie: evil=1", "\n", "\r",
	};
	static const char *const bad_names[] = {
		"X-A\r", "X-A\n", "X-A:", "Set-Cookie: x",
	};
	struct resp	r;
	size_t		i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++)
		ck_assert_int_eq(resp_header(&r, "X-Test", bad_values[i]), -1);
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
		ck_assert_int_eq(resp_header(&r, bad_names[i], "v"), -1);
	ck_assert_uint_eq(r.nheaders, 0);
	ck_assert_int_eq(resp_header(&r, "X-Test", "a: b; c=d"), 0);
	ck_assert_int_eq(resp_header(&r, "Allow", ""), 0);
	ck_assert_uint_eq(r.nheaders, 2);
	ck_assert_str_eq(r.headers[0].name, "X-Test");
	ck_assert_str_eq(r.headers[0].value, "a: b; c=d");
}
END_TEST

START_TEST(test_header_limit)
{
	struct resp	r;
	size_t		i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < RESP_HEADERS_MAX; i++)
		ck_assert_int_eq(resp_header(&r, "X-N", "1"), 0);
	ck_assert_int_eq(resp_header(&r, "X-N", "1"), -1);
	ck_assert_uint_eq(r.nheaders, RESP_HEADERS_MAX);
}
END_TEST

static struct json_object *
error_of(const struct resp *r)
{
	struct json_object	*root, *err;

	ck_assert_ptr_nonnull(r->body);
	ck_assert_uint_eq(strlen(r->body), r->body_len);
	root = jsonx_parse(a, r->body, r->body_len);
	ck_assert_ptr_nonnull(root);
	ck_assert(json_object_is_type(root, json_type_object));
	ck_assert(json_object_object_get_ex(root, "error", &err));
	ck_assert(json_object_is_type(err, json_type_object));
	return err;
}

static const char *
str_of(struct json_object *o, const char *key)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	ck_assert(json_object_is_type(v, json_type_string));
	return json_object_get_string(v);
}

START_TEST(test_error_shape_with_field)
{
	struct resp		 r;
	struct json_object	*err;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(resp_error(&r, a, 422, "too_long",
	    "Text is too long", "name"), 422);
	ck_assert_int_eq(r.status, 422);
	err = error_of(&r);
	ck_assert_int_eq(json_object_object_length(err), 3);
	ck_assert_str_eq(str_of(err, "code"), "too_long");
	ck_assert_str_eq(str_of(err, "message"), "Text is too long");
	ck_assert_str_eq(str_of(err, "field"), "name");
}
END_TEST

START_TEST(test_error_shape_without_field)
{
	struct resp		 r;
	struct json_object	*err, *root;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(resp_error(&r, a, 404, "not_found", "No such thing",
	    NULL), 404);
	err = error_of(&r);
	ck_assert_int_eq(json_object_object_length(err), 2);
	ck_assert_str_eq(str_of(err, "code"), "not_found");
	ck_assert_ptr_null(str_of(err, "field"));
	root = jsonx_parse(a, r.body, r.body_len);
	ck_assert_int_eq(json_object_object_length(root), 1);
}
END_TEST

START_TEST(test_error_escaping)
{
	struct resp		 r;
	struct json_object	*err;
	const char		*msg =
				    "quote \" backslash \\ nl \n </script> /";

	memset(&r, 0, sizeof(r));
	resp_error(&r, a, 400, "bad", msg, "f\"x");
	ck_assert_ptr_null(strchr(r.body, '\n'));
	err = error_of(&r);
	ck_assert_str_eq(str_of(err, "message"), msg);
	ck_assert_str_eq(str_of(err, "field"), "f\"x");
}
END_TEST

START_TEST(test_error_with_extra)
{
	struct resp		 r;
	struct json_object	*extra = jsonx_object(a), *root, *v;

	jsonx_add_u64(extra, "id", 7);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(resp_error_with(&r, a, 409, "conflict", "Changed",
	    NULL, "current", extra), 409);
	root = jsonx_parse(a, r.body, r.body_len);
	ck_assert_ptr_nonnull(root);
	ck_assert(json_object_object_get_ex(root, "current", &v));
	ck_assert(json_object_object_get_ex(v, "id", &v));
	ck_assert_int_eq(json_object_get_int64(v), 7);
	/* extra is still ours: the arena cleanup must not double-free it. */
	ck_assert_int_eq(json_object_object_length(extra), 1);
}
END_TEST

START_TEST(test_json_body)
{
	struct resp		 r;
	/* jsonx_data takes over o, so o is not arena-owned. */
	struct json_object	*o = json_object_new_object();

	jsonx_add_str(o, "url", "https://example.com/a");
	jsonx_add_str(o, "none", NULL);
	jsonx_add_bool(o, "t", 1);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(resp_json(&r, a, 200, jsonx_data(a, o)), 200);
	/* Plain, no slash escaping, no spaces. */
	ck_assert_str_eq(r.body,
	    "{\"data\":{\"url\":\"https://example.com/a\",\"none\":null,"
	    "\"t\":true}}");
	ck_assert_uint_eq(r.body_len, strlen(r.body));
}
END_TEST

START_TEST(test_empty)
{
	struct resp	r;

	memset(&r, 0, sizeof(r));
	r.body = "x";
	r.body_len = 1;
	ck_assert_int_eq(resp_empty(&r, 204), 204);
	ck_assert_int_eq(r.status, 204);
	ck_assert_ptr_null(r.body);
	ck_assert_uint_eq(r.body_len, 0);
}
END_TEST

START_TEST(test_head_with_body)
{
	struct resp	 r;
	char		*h;
	size_t		 len;

	memset(&r, 0, sizeof(r));
	resp_error(&r, a, 405, "method_not_allowed", "No", NULL);
	resp_header(&r, "Allow", "GET, POST");
	h = resp_head(&r, a, &len);
	ck_assert_uint_eq(len, strlen(h));
	ck_assert_str_eq(h, arena_printf(a,
	    "Status: 405 Method Not Allowed\r\n"
	    "Content-Type: application/json\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "Allow: GET, POST\r\n"
	    "\r\n", r.body_len));
}
END_TEST

START_TEST(test_head_empty_and_unknown)
{
	struct resp	 r;
	char		*h;
	size_t		 len;

	memset(&r, 0, sizeof(r));
	resp_empty(&r, 204);
	h = resp_head(&r, a, &len);
	ck_assert_str_eq(h, "Status: 204 No Content\r\n"
	    "Cache-Control: no-store\r\n\r\n");
	ck_assert_ptr_null(strstr(h, "Content-Type"));
	resp_empty(&r, 299);
	h = resp_head(&r, a, &len);
	ck_assert_str_eq(h, "Status: 299 Unknown\r\n"
	    "Cache-Control: no-store\r\n\r\n");
	ck_assert_uint_eq(len, strlen(h));
}
END_TEST

/* A download in pieces: its length is theirs; an error body replaces it. */
START_TEST(test_pieces)
{
	static const struct resp_piece	 p[] = { { "abc", 3 }, { "", 0 },
					    { "de", 2 } };
	struct resp			 r;
	char				*h;
	size_t				 len;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(resp_pieces(&r, 200, "application/pdf", p, 3), 200);
	ck_assert_ptr_null(r.body);
	h = resp_head(&r, a, &len);
	ck_assert_str_eq(h, "Status: 200 OK\r\n"
	    "Content-Type: application/pdf\r\n"
	    "Content-Length: 5\r\n"
	    "Cache-Control: no-store\r\n\r\n");
	resp_error(&r, a, 503, "unavailable", "No", NULL);
	ck_assert_ptr_nonnull(r.body);
	ck_assert_ptr_nonnull(strstr(resp_head(&r, a, &len), arena_printf(a,
	    "Content-Length: %zu\r\n", r.body_len)));
	resp_empty(&r, 204);
	ck_assert_uint_eq(r.npieces, 0);
}
END_TEST

static Suite *
resp_suite(void)
{
	Suite	*s = suite_create("resp");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_status_table);
	tcase_add_test(tc, test_header_crlf_refused);
	tcase_add_test(tc, test_header_limit);
	tcase_add_test(tc, test_error_shape_with_field);
	tcase_add_test(tc, test_error_shape_without_field);
	tcase_add_test(tc, test_error_escaping);
	tcase_add_test(tc, test_error_with_extra);
	tcase_add_test(tc, test_json_body);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_head_with_body);
	tcase_add_test(tc, test_head_empty_and_unknown);
	tcase_add_test(tc, test_pieces);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(resp_suite());
}
