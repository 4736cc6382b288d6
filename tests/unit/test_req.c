/*
 * Unit tests for lib/req.c: methods, query strings, cookies,
 * Content-Type and Content-Length.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"

#include "arena.h"
#include "req.h"


START_TEST(test_method)
{
	ck_assert_int_eq(req_method_parse("GET"), REQ_GET);
	ck_assert_int_eq(req_method_parse("POST"), REQ_POST);
	ck_assert_int_eq(req_method_parse("PUT"), REQ_PUT);
	ck_assert_int_eq(req_method_parse("PATCH"), REQ_PATCH);
	ck_assert_int_eq(req_method_parse("DELETE"), REQ_DELETE);
	ck_assert_int_eq(req_method_parse("get"), REQ__MAX);
	ck_assert_int_eq(req_method_parse("HEAD"), REQ_HEAD);
	ck_assert_int_eq(req_method_parse("OPTIONS"), REQ__MAX);
	ck_assert_int_eq(req_method_parse(""), REQ__MAX);
	ck_assert_int_eq(req_method_parse(NULL), REQ__MAX);
	ck_assert_str_eq(req_method_name(REQ_PATCH), "PATCH");
	ck_assert_str_eq(req_method_name(REQ__MAX), "?");
	ck_assert_int_eq(req_method_unsafe(REQ_GET), 0);
	ck_assert_int_ne(req_method_unsafe(REQ_POST), 0);
	ck_assert_int_ne(req_method_unsafe(REQ_PUT), 0);
	ck_assert_int_ne(req_method_unsafe(REQ_PATCH), 0);
	ck_assert_int_ne(req_method_unsafe(REQ_DELETE), 0);
	ck_assert_int_eq(req_method_unsafe(REQ_HEAD), 0);
}
END_TEST

START_TEST(test_query_empty)
{
	struct req	r;

	memset(&r, 0xff, sizeof(r));
	ck_assert_int_eq(req_parse_query(a, NULL, &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 0);
	ck_assert_int_eq(req_parse_query(a, "", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 0);
	ck_assert_int_eq(req_parse_query(a, "&", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 0);
	ck_assert_int_eq(req_parse_query(a, "&&&&", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 0);
	ck_assert_ptr_null(req_param(&r, "a"));
}
END_TEST

START_TEST(test_query_basic)
{
	struct req	r;

	ck_assert_int_eq(req_parse_query(a, "a=1&&b=two&c&d=", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 4);
	ck_assert_str_eq(r.params[0].key, "a");
	ck_assert_str_eq(r.params[0].value, "1");
	ck_assert_uint_eq(r.params[0].value_len, 1);
	ck_assert_str_eq(req_param(&r, "b"), "two");
	ck_assert_str_eq(req_param(&r, "c"), "");
	ck_assert_uint_eq(r.params[2].value_len, 0);
	ck_assert_str_eq(req_param(&r, "d"), "");
	ck_assert_ptr_null(req_param(&r, "e"));
	ck_assert_int_eq(req_parse_query(a, "x=1&", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 1);
	ck_assert_int_eq(req_parse_query(a, "&x=1", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 1);
	/* Only the first '=' splits. */
	ck_assert_int_eq(req_parse_query(a, "q=a=b", &r), REQ_OK);
	ck_assert_str_eq(req_param(&r, "q"), "a=b");
}
END_TEST

START_TEST(test_query_repeated)
{
	struct req	r;

	ck_assert_int_eq(req_parse_query(a, "k=1&k=2&k=3", &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 3);
	ck_assert_str_eq(r.params[0].value, "1");
	ck_assert_str_eq(r.params[1].value, "2");
	ck_assert_str_eq(r.params[2].value, "3");
	/* req_param gives the first. */
	ck_assert_str_eq(req_param(&r, "k"), "1");
}
END_TEST

START_TEST(test_query_decoding)
{
	struct req	r;

	ck_assert_int_eq(req_parse_query(a,
	    "q=a+b%20c%2B&%6Bey=%41%4a%4A&e=%C3%A9", &r), REQ_OK);
	ck_assert_str_eq(req_param(&r, "q"), "a b c+");
	ck_assert_uint_eq(r.params[0].value_len, 6);
	ck_assert_str_eq(req_param(&r, "key"), "AJJ");
	ck_assert_str_eq(req_param(&r, "e"), "\xc3\xa9");
	ck_assert_uint_eq(r.params[2].value_len, 2);
	ck_assert_int_eq(req_parse_query(a, "a+b=1", &r), REQ_OK);
	ck_assert_str_eq(r.params[0].key, "a b");
	ck_assert_int_eq(req_parse_query(a, "x=%25", &r), REQ_OK);
	ck_assert_str_eq(req_param(&r, "x"), "%");
}
END_TEST

START_TEST(test_query_malformed_percent)
{
	static const char *const bad[] = {
		"q=%", "q=%4", "q=%G1", "q=%1G", "q=%%", "q=a%", "q=%0",
		"q=%zz", "%=1", "%4=1", "a%G=1", "q=1&r=%", "q=%-1", "q=% 1",
	};
	struct req	r;
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(req_parse_query(a, bad[i], &r) ==
		    REQ_ERR_MALFORMED, "accepted %s", bad[i]);
}
END_TEST

START_TEST(test_query_nul)
{
	struct req	r;

	/* NUL in a key is refused. */
	ck_assert_int_eq(req_parse_query(a, "a%00b=1", &r), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_query(a, "%00=1", &r), REQ_ERR_MALFORMED);
	/* A NUL in a value is kept and counted, for field.c to refuse. */
	ck_assert_int_eq(req_parse_query(a, "v=a%00b", &r), REQ_OK);
	ck_assert_uint_eq(r.params[0].value_len, 3);
	ck_assert_uint_eq(strlen(r.params[0].value), 1);
	ck_assert_int_eq(memcmp(r.params[0].value, "a\0b", 4), 0);
}
END_TEST

START_TEST(test_query_empty_key)
{
	struct req	r;

	ck_assert_int_eq(req_parse_query(a, "=1", &r), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_query(a, "a=1&=2", &r), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_query(a, "=", &r), REQ_ERR_MALFORMED);
}
END_TEST

START_TEST(test_query_limits)
{
	struct req	 r;
	char		*qs;
	size_t		 i, n, sz;

	/* Exactly REQ_QUERY_MAX bytes is fine, one more is not. */
	qs = arena_alloc(a, REQ_QUERY_MAX + 2);
	qs[0] = 'k';
	qs[1] = '=';
	memset(qs + 2, 'v', REQ_QUERY_MAX - 2);
	qs[REQ_QUERY_MAX] = '\0';
	ck_assert_int_eq(req_parse_query(a, qs, &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 1);
	ck_assert_uint_eq(r.params[0].value_len, REQ_QUERY_MAX - 2);
	qs[REQ_QUERY_MAX] = 'v';
	qs[REQ_QUERY_MAX + 1] = '\0';
	ck_assert_int_eq(req_parse_query(a, qs, &r), REQ_ERR_TOO_LARGE);

	/* REQ_PARAMS_MAX parameters are fine, one more is not. */
	sz = 4 * (REQ_PARAMS_MAX + 1) + 1;
	qs = arena_alloc(a, sz);
	for (i = 0, n = 0; i < REQ_PARAMS_MAX; i++)
		n += (size_t)snprintf(qs + n, sz - n, "a=%c&",
		    'a' + (int)(i % 26));
	qs[n - 1] = '\0';
	ck_assert_int_eq(req_parse_query(a, qs, &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, REQ_PARAMS_MAX);
	memcpy(qs + n - 1, "&z=1", 5);
	ck_assert_int_eq(req_parse_query(a, qs, &r), REQ_ERR_TOO_LARGE);
	/* Empty pairs do not count. */
	qs = arena_alloc(a, REQ_QUERY_MAX);
	memset(qs, '&', 4000);
	memcpy(qs + 4000, "a=1", 4);
	ck_assert_int_eq(req_parse_query(a, qs, &r), REQ_OK);
	ck_assert_uint_eq(r.nparams, 1);
}
END_TEST

START_TEST(test_cookies_basic)
{
	struct req	r;

	memset(&r, 0xff, sizeof(r));
	ck_assert_int_eq(req_parse_cookies(a, NULL, &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 0);
	ck_assert_int_eq(req_parse_cookies(a, "", &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 0);
	ck_assert_ptr_null(req_cookie(&r, "a"));
	ck_assert_int_eq(req_parse_cookies(a,
	    "msphub_session=abc-_0; theme=dark;lang=de", &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 3);
	ck_assert_str_eq(req_cookie(&r, "msphub_session"), "abc-_0");
	ck_assert_str_eq(req_cookie(&r, "theme"), "dark");
	ck_assert_str_eq(req_cookie(&r, "lang"), "de");
	ck_assert_ptr_null(req_cookie(&r, "Theme"));
}
END_TEST

START_TEST(test_cookies_spaces_quotes)
{
	struct req	r;

	ck_assert_int_eq(req_parse_cookies(a,
	    "  a = 1 ;\tb=\"two\" ; c=\"\" ; d=\"; e=%41", &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 5);
	ck_assert_str_eq(req_cookie(&r, "a"), "1");
	ck_assert_str_eq(req_cookie(&r, "b"), "two");
	ck_assert_uint_eq(r.cookies[1].value_len, 3);
	ck_assert_str_eq(req_cookie(&r, "c"), "");
	/* A lone quote is kept. */
	ck_assert_str_eq(req_cookie(&r, "d"), "\"");
	/* Cookie values are not percent-decoded. */
	ck_assert_str_eq(req_cookie(&r, "e"), "%41");
}
END_TEST

START_TEST(test_cookies_malformed_pairs)
{
	struct req	r;

	ck_assert_int_eq(req_parse_cookies(a,
	    "novalue; =x; ; ;; a=1; =; b==2", &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 2);
	ck_assert_str_eq(req_cookie(&r, "a"), "1");
	ck_assert_str_eq(req_cookie(&r, "b"), "=2");
	ck_assert_ptr_null(req_cookie(&r, "novalue"));
	ck_assert_ptr_null(req_cookie(&r, ""));
	ck_assert_int_eq(req_parse_cookies(a, ";;;", &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, 0);
}
END_TEST

START_TEST(test_cookies_duplicate)
{
	struct req	r;

	ck_assert_int_eq(req_parse_cookies(a, "s=first; s=second", &r),
	    REQ_OK);
	ck_assert_uint_eq(r.ncookies, 2);
	/* The first one wins (RFC 6265: the more specific path first). */
	ck_assert_str_eq(req_cookie(&r, "s"), "first");
}
END_TEST

START_TEST(test_cookies_limits)
{
	struct req	 r;
	char		*h;
	size_t		 i, n, sz;

	h = arena_alloc(a, REQ_COOKIE_MAX + 2);
	memcpy(h, "k=", 2);
	memset(h + 2, 'v', REQ_COOKIE_MAX - 2);
	h[REQ_COOKIE_MAX] = '\0';
	ck_assert_int_eq(req_parse_cookies(a, h, &r), REQ_OK);
	ck_assert_uint_eq(r.cookies[0].value_len, REQ_COOKIE_MAX - 2);
	h[REQ_COOKIE_MAX] = 'v';
	h[REQ_COOKIE_MAX + 1] = '\0';
	ck_assert_int_eq(req_parse_cookies(a, h, &r), REQ_ERR_TOO_LARGE);

	sz = 8 * (REQ_COOKIES_MAX + 1) + 1;
	h = arena_alloc(a, sz);
	for (i = 0, n = 0; i < REQ_COOKIES_MAX; i++)
		n += (size_t)snprintf(h + n, sz - n, "c%zu=1;", i);
	ck_assert_int_eq(req_parse_cookies(a, h, &r), REQ_OK);
	ck_assert_uint_eq(r.ncookies, REQ_COOKIES_MAX);
	memcpy(h + n, "x=1", 4);
	ck_assert_int_eq(req_parse_cookies(a, h, &r), REQ_ERR_TOO_LARGE);
}
END_TEST

struct ct_case {
	const char	*ct;
	int		 ok;
};

START_TEST(test_content_type)
{
	static const struct ct_case cases[] = {
		{ "application/json", 1 },
		{ "Application/JSON", 1 },
		{ "application/json; charset=utf-8", 1 },
		{ "application/json;charset=UTF-8", 1 },
		{ "application/json ;  charset=\"utf-8\"", 1 },
		{ "application/json  ", 1 },
		{ "application/json; charset=latin1", 0 },
		{ "application/json; charset=utf-8; x=y", 0 },
		{ "application/json;", 0 },
		{ "application/jsonx", 0 },
		{ "application/json-patch+json", 0 },
		{ "application/jso", 0 },
		{ "text/json", 0 },
		{ "text/plain", 0 },
		{ "application/x-www-form-urlencoded", 0 },
		{ "multipart/form-data; boundary=x", 0 },
		{ " application/json", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(req_content_type_json(cases[i].ct) ==
		    cases[i].ok, "content type %s", cases[i].ct ?
		    cases[i].ct : "(null)");
}
END_TEST

struct cl_case {
	const char	*s;
	long long	 n;
};

START_TEST(test_content_length)
{
	static const struct cl_case cases[] = {
		{ "0", 0 },
		{ "1", 1 },
		{ "00012", 12 },
		{ "26214400", 26214400 },	/* 25 MiB */
		{ "26214401", 26214401 },
		{ "1125899906842624", 1125899906842624LL },	/* 2^50 */
		{ "11258999068426240", 11258999068426240LL },
		{ "99999999999999999999", -1 },
		{ "9223372036854775807", -1 },
		{ "18446744073709551616", -1 },
		{ "", -1 },
		{ "-1", -1 },
		{ "+1", -1 },
		{ " 1", -1 },
		{ "1 ", -1 },
		{ "1.0", -1 },
		{ "0x10", -1 },
		{ "1e3", -1 },
		{ NULL, -1 },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(req_parse_content_length(cases[i].s) ==
		    cases[i].n, "content length %s", cases[i].s ?
		    cases[i].s : "(null)");
}
END_TEST

struct header_case {
	const char	*name;
	const char	*want;		/* NULL: absent */
};

START_TEST(test_header)
{
	static char *env[] = {
		"HTTP_IDEMPOTENCY_KEY=k-1", "HTTP_WEBHOOK_ID=msg_1",
		"CONTENT_TYPE=text/csv", "CONTENT_LENGTH=12",
		"HTTP_X_EMPTY=", "HTTP_IDEMPOTENCY_KEYS=no", NULL
	};
	static const struct header_case cases[] = {
		{ "Idempotency-Key", "k-1" },
		{ "idempotency-key", "k-1" },
		{ "webhook-id", "msg_1" },
		{ "Content-Type", "text/csv" },
		{ "content-length", "12" },
		{ "X-Empty", "" },
		{ "Idempotency", NULL },	/* a prefix is not a name */
		{ "Missing", NULL },
		{ "", NULL },
		{ "X-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaa", NULL },	/* over REQ_HEADER_NAME_MAX */
	};
	struct req	r;
	size_t		i;
	const char	*v;

	memset(&r, 0, sizeof(r));
	ck_assert_ptr_null(req_header(&r, "Idempotency-Key"));
	r.env = env;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = req_header(&r, cases[i].name);
		if (cases[i].want == NULL)
			ck_assert_msg(v == NULL, "%s", cases[i].name);
		else
			ck_assert_msg(v != NULL && strcmp(v, cases[i].want)
			    == 0, "%s", cases[i].name);
	}
}
END_TEST

START_TEST(test_content_type_in)
{
	static const char *const types[] = { "message/rfc822", "text/csv",
	    NULL };

	ck_assert_int_eq(req_content_type_in("message/rfc822", types), 1);
	ck_assert_int_eq(req_content_type_in("Text/CSV; charset=utf-8",
	    types), 1);
	ck_assert_int_eq(req_content_type_in("text/csvx", types), 0);
	ck_assert_int_eq(req_content_type_in("text/cs", types), 0);
	ck_assert_int_eq(req_content_type_in("application/json", types), 0);
	ck_assert_int_eq(req_content_type_in(NULL, types), 0);
	ck_assert_int_eq(req_content_type_in("text/csv", NULL), 0);
}
END_TEST

struct read_src {
	const char	*s;
	size_t		 off;
	int		 step;	/* at most this many bytes per call */
};

static int
read_src(void *arg, char *buf, int n)
{
	struct read_src	*src = arg;
	size_t		 left = strlen(src->s) - src->off;
	int		 k = n < src->step ? n : src->step;

	if ((size_t)k > left)
		k = (int)left;
	memcpy(buf, src->s + src->off, (size_t)k);
	src->off += (size_t)k;
	return k;
}

START_TEST(test_read)
{
	struct read_src	 src = { "0123456789", 0, 3 };
	struct req	 r;
	char		 buf[16];

	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(req_read(&r, buf, 4), 0);	/* no reader */
	r.read = read_src;
	r.read_arg = &src;
	ck_assert_uint_eq(req_read(&r, buf, 4), 4);	/* over short reads */
	ck_assert_int_eq(memcmp(buf, "0123", 4), 0);
	ck_assert_uint_eq(req_read(&r, buf, sizeof(buf)), 6);	/* the end */
	ck_assert_int_eq(memcmp(buf, "456789", 6), 0);
}
END_TEST

static Suite *
req_suite(void)
{
	Suite	*s = suite_create("req");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_method);
	tcase_add_test(tc, test_query_empty);
	tcase_add_test(tc, test_query_basic);
	tcase_add_test(tc, test_query_repeated);
	tcase_add_test(tc, test_query_decoding);
	tcase_add_test(tc, test_query_malformed_percent);
	tcase_add_test(tc, test_query_nul);
	tcase_add_test(tc, test_query_empty_key);
	tcase_add_test(tc, test_query_limits);
	tcase_add_test(tc, test_cookies_basic);
	tcase_add_test(tc, test_cookies_spaces_quotes);
	tcase_add_test(tc, test_cookies_malformed_pairs);
	tcase_add_test(tc, test_cookies_duplicate);
	tcase_add_test(tc, test_cookies_limits);
	tcase_add_test(tc, test_content_type);
	tcase_add_test(tc, test_content_length);
	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_content_type_in);
	tcase_add_test(tc, test_read);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(req_suite());
}
