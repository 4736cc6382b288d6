/*
 * Unit tests for lib/jsonx.c: strict parsing, the depth limit, builders
 * and arena ownership of json-c objects.
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

static int		 nfreed;

static void
setup(void)
{
	unit_arena_setup();
	nfreed = 0;
}

static void
count_free(struct json_object *o, void *ud)
{
	(void)o;
	(void)ud;
	nfreed++;
}

static struct json_object *
parse(const char *s)
{
	return jsonx_parse(a, s, strlen(s));
}

static void
refused(const char *const *bad, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		ck_assert_msg(parse(bad[i]) == NULL, "accepted %s", bad[i]);
}

static char *
nested(char open, char close, int depth)
{
	char	*s = arena_alloc(a, (size_t)depth * 2 + 1);
	int	 i;

	for (i = 0; i < depth; i++) {
		s[i] = open;
		s[depth * 2 - 1 - i] = close;
	}
	s[depth * 2] = '\0';
	return s;
}

/*
 * json-c counts every value level, leaves included: JSONX_DEPTH_MAX
 * empty containers nest, or JSONX_DEPTH_MAX - 1 around a scalar.
 */
START_TEST(test_depth_limit_arrays)
{
	int	d;

	for (d = 1; d <= JSONX_DEPTH_MAX; d++)
		ck_assert_msg(parse(nested('[', ']', d)) != NULL,
		    "depth %d refused", d);
	ck_assert_ptr_null(parse(nested('[', ']', JSONX_DEPTH_MAX + 1)));
	ck_assert_ptr_null(parse(nested('[', ']', 1000)));
	ck_assert_ptr_nonnull(parse(arena_printf(a, "%.*s1%.*s",
	    JSONX_DEPTH_MAX - 1, nested('[', ']', 100),
	    JSONX_DEPTH_MAX - 1, nested(']', '[', 100))));
	ck_assert_ptr_null(parse(arena_printf(a, "%.*s1%.*s",
	    JSONX_DEPTH_MAX, nested('[', ']', 100),
	    JSONX_DEPTH_MAX, nested(']', '[', 100))));
	/* Unbalanced deep input must not crash either. */
	ck_assert_ptr_null(parse(arena_printf(a, "%.*s", 5000,
	    nested('[', ']', 5000))));
}
END_TEST

START_TEST(test_depth_limit_objects)
{
	char	*s = "{}";
	int	 d;

	for (d = 2; d <= JSONX_DEPTH_MAX + 1; d++) {
		s = arena_printf(a, "{\"k\":%s}", s);
		if (d <= JSONX_DEPTH_MAX)
			ck_assert_msg(parse(s) != NULL, "depth %d refused", d);
		else
			ck_assert_ptr_null(parse(s));
	}
	s = "1";
	for (d = 1; d < JSONX_DEPTH_MAX; d++)
		s = arena_printf(a, "{\"k\":%s}", s);
	ck_assert_ptr_nonnull(parse(s));
	ck_assert_ptr_null(parse(arena_printf(a, "{\"k\":%s}", s)));
}
END_TEST

START_TEST(test_valid)
{
	static const char *const ok[] = {
		"{}", "[]", "{\"a\":1}", " \t\r\n{\"a\":[1,2,{\"b\":null}]} \n",
		"[1.5e3,-0,true,false,null,\"x\"]", "{\"\":\"\"}",
		"{\"s\":\"\\u00e9\\n\\\"\"}", "\"str\"",
		"{\"emoji\":\"\xf0\x9f\x98\x80\"}",
	};
	size_t	i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(parse(ok[i]) != NULL, "refused %s", ok[i]);
}
END_TEST

START_TEST(test_strict)
{
	static const char *const bad[] = {
		"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}",
		"['x']", "[nan]", "[inf]", "[infinity]", "{\"a\":'x'}",
		"[01]", "[.5]", "[+1]", "[0x10]", "{} x", "{}{}",
		"{}]", "[1] 2", "{\"a\":1}\x01", "/* c */ {}", "{} // c",
		"{\"a\" 1}", "[True]", "[undefined]",
		"{\"a\":1}\v",
	};

	/*
	 * Not listed, as json-c 0.16 accepts them even with
	 * JSON_TOKENER_STRICT: single-quoted keys {'a':1}, [1.], a raw tab
	 * inside a string, and NaN, Infinity, -Infinity and 1e999 as
	 * numbers.  field.c refuses non-finite numbers and control
	 * characters (see test_field.c), which is where values are checked.
	 */
	refused(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(test_utf8_only)
{
	/*
	 * Valid multi-byte text passes; stray bytes in values or keys fail.
	 * (json-c lets encoded surrogates through: field.c refuses them.)
	 */
	ck_assert_ptr_nonnull(parse("{\"name\":\"Caf\xc3\xa9 \xe6\xa1\x9c\"}"));
	ck_assert_ptr_null(parse("{\"name\":\"\xff\xfe\"}"));
	ck_assert_ptr_null(parse("{\"\xff\":1}"));
	ck_assert_ptr_null(parse("[\"\xc3\"]"));
}
END_TEST

START_TEST(test_nul_and_length)
{
	/* A raw NUL anywhere in the body is refused. */
	ck_assert_ptr_null(jsonx_parse(a, "{}\0", 3));
	ck_assert_ptr_null(jsonx_parse(a, "{\"a\":\"x\0y\"}", 11));
	/* Only len bytes are read. */
	ck_assert_ptr_nonnull(jsonx_parse(a, "{}garbage", 2));
	ck_assert_ptr_null(jsonx_parse(a, "{\"a\":1}", 4));
}
END_TEST

START_TEST(test_escaped_nul_kept)
{
	struct json_object	*o, *v;

	/* \u0000 is valid JSON: kept with its length for field.c to refuse. */
	o = parse("{\"a\":\"x\\u0000y\"}");
	ck_assert_ptr_nonnull(o);
	ck_assert(json_object_object_get_ex(o, "a", &v));
	ck_assert_int_eq(json_object_get_string_len(v), 3);
}
END_TEST

/* json-c cuts a key at \u0000: {"name\u0000x":1} would set "name". */
START_TEST(test_escaped_nul_in_key_refused)
{
	static const char *const bad[] = {
		"{\"name\\u0000x\":\"v\"}", "{\"\\u0000\":1}",
		"[{\"a\":{\"b\\u0000\" :1}}]", "{'k\\u0000':1}",
	};

	refused(bad, sizeof(bad) / sizeof(bad[0]));
	/* In values, or escaped twice, it stays valid JSON. */
	ck_assert_ptr_nonnull(parse("{\"k\":\"\\u0000\"}"));
	ck_assert_ptr_nonnull(parse("{\"k\\\\u0000\":1}"));
	ck_assert_ptr_nonnull(parse("[\"\\u0000\", \":\"]"));
}
END_TEST

/* Escaped lone surrogates: json-c turns them into U+FFFD. */
START_TEST(test_lone_surrogates_refused)
{
	static const char *const bad[] = {
		"[\"\\ud800\"]", "[\"\\udc00\"]", "[\"x\\uDBFFy\"]",
		"[\"\\ud800\\u0041\"]", "[\"\\ud800\\ud800\"]",
		"[\"\\udc00\\ud800\"]", "{\"\\ud83d\":1}",
		"[\"\\ud800\\n\"]", "[\"\\ud83d\\ude00\\udc00\"]",
	};
	struct json_object	*o;

	refused(bad, sizeof(bad) / sizeof(bad[0]));
	/* A pair is one character; a sent U+FFFD stays allowed. */
	o = parse("[\"\\ud83d\\ude00\\uD83D\\uDE00\\ufffd\"]");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_object_get_string(json_object_array_get_idx(o,
	    0)), "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xef\xbf\xbd");
}
END_TEST

START_TEST(test_duplicate_keys_last_wins)
{
	struct json_object	*o, *v;

	o = parse("{\"a\":1,\"a\":2}");
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(json_object_object_length(o), 1);
	ck_assert(json_object_object_get_ex(o, "a", &v));
	ck_assert_int_eq(json_object_get_int(v), 2);
}
END_TEST

START_TEST(test_arena_frees_parsed)
{
	struct json_object	*o;

	o = parse("{\"a\":[1,2,3]}");
	ck_assert_ptr_nonnull(o);
	json_object_set_userdata(o, NULL, count_free);
	o = jsonx_object(a);
	json_object_set_userdata(o, NULL, count_free);
	o = jsonx_array(a);
	json_object_set_userdata(o, NULL, count_free);
	ck_assert_int_eq(nfreed, 0);
	arena_reset(a);
	ck_assert_int_eq(nfreed, 3);
	o = jsonx_object(a);
	json_object_set_userdata(o, NULL, count_free);
	arena_free(a);
	a = NULL;
	ck_assert_int_eq(nfreed, 4);
}
END_TEST

START_TEST(test_own_keeps_extra_reference)
{
	struct json_object	*o = json_object_new_object();

	json_object_set_userdata(o, NULL, count_free);
	json_object_get(o);
	ck_assert_ptr_eq(jsonx_own(a, o), o);
	ck_assert_ptr_null(jsonx_own(a, NULL));
	arena_reset(a);
	ck_assert_int_eq(nfreed, 0);
	ck_assert_int_eq(json_object_put(o), 1);
	ck_assert_int_eq(nfreed, 1);
}
END_TEST

START_TEST(test_builders)
{
	struct json_object	*o = json_object_new_object(), *root;

	jsonx_add_str(o, "s", "v\"");
	jsonx_add_str(o, "n", NULL);
	jsonx_add_u64(o, "big", 9007199254740993ULL);
	jsonx_add_u64(o, "max", UINT64_MAX);
	jsonx_add_bool(o, "t", 1);
	jsonx_add_bool(o, "f", 0);
	json_object_set_userdata(o, NULL, count_free);
	root = jsonx_data(a, o);
	ck_assert_str_eq(json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PLAIN),
	    "{\"data\":{\"s\":\"v\\\"\",\"n\":null,\"big\":9007199254740993,"
	    "\"max\":18446744073709551615,\"t\":true,\"f\":false}}");
	/* o is freed with root, exactly once. */
	arena_reset(a);
	ck_assert_int_eq(nfreed, 1);
}
END_TEST

static Suite *
jsonx_suite(void)
{
	Suite	*s = suite_create("jsonx");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, unit_arena_teardown);
	tcase_add_test(tc, test_depth_limit_arrays);
	tcase_add_test(tc, test_depth_limit_objects);
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_strict);
	tcase_add_test(tc, test_utf8_only);
	tcase_add_test(tc, test_nul_and_length);
	tcase_add_test(tc, test_escaped_nul_kept);
	tcase_add_test(tc, test_escaped_nul_in_key_refused);
	tcase_add_test(tc, test_lone_surrogates_refused);
	tcase_add_test(tc, test_duplicate_keys_last_wins);
	tcase_add_test(tc, test_arena_frees_parsed);
	tcase_add_test(tc, test_own_keeps_extra_reference);
	tcase_add_test(tc, test_builders);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(jsonx_suite());
}
