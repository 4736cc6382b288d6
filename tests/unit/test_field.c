/*
 * Unit tests for lib/field.c: one table of {input, expected} per field
 * type, then whole objects and query strings against field tables.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"
#include <json-c/json.h>

#include "arena.h"
#include "country.h"
#include "field.h"
#include "jsonx.h"
#include "req.h"


/*
 * One string case: in[0..len) (len 0: strlen(in)); ok with out as the
 * canonical text (NULL: same as in), or refused with code.
 */
struct scase {
	const char	*in;
	size_t		 len;
	int		 ok;
	const char	*out;	/* ok: expected value->s; else error code */
};

#define OK(s, o)	{ (s), 0, 1, (o) }
#define BAD(s, c)	{ (s), 0, 0, (c) }
#define BADN(s, n, c)	{ (s), (n), 0, (c) }

static void
run_table(const struct field_spec *spec, const struct scase *cases, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		struct field_value	v;
		struct field_error	e;
		size_t			len = cases[i].len ? cases[i].len :
					    strlen(cases[i].in);
		int			rc;

		memset(&e, 0, sizeof(e));
		rc = field_from_string(a, spec, cases[i].in, len, &v, &e);
		if (cases[i].ok) {
			const char *want = cases[i].out ? cases[i].out :
			    cases[i].in;

			ck_assert_msg(rc == 0,
			    "%s: case %zu \"%s\" refused: %s", spec->name, i,
			    cases[i].in, e.code);
			ck_assert_int_eq(v.present, 1);
			ck_assert_ptr_nonnull(v.s);
			ck_assert_msg(strcmp(v.s, want) == 0,
			    "%s: case %zu \"%s\" gave \"%s\", want \"%s\"",
			    spec->name, i, cases[i].in, v.s, want);
			ck_assert_uint_eq(v.len, strlen(want));
		} else {
			ck_assert_msg(rc == -1, "%s: case %zu \"%s\" accepted",
			    spec->name, i, cases[i].in);
			ck_assert_ptr_nonnull(e.code);
			ck_assert_msg(strcmp(e.code, cases[i].out) == 0,
			    "%s: case %zu \"%s\": code %s, want %s",
			    spec->name, i, cases[i].in, e.code, cases[i].out);
			ck_assert_ptr_nonnull(e.message);
			ck_assert_str_eq(e.field, spec->name);
		}
	}
}

#define RUN(spec, cases) run_table(&(spec), (cases), \
	sizeof(cases) / sizeof((cases)[0]))

START_TEST(test_utf8)
{
	static const struct { const char *s; int ok; size_t chars; } t[] = {
		{ "", 1, 0 },
		{ "plain ascii", 1, 11 },
		{ "caf\xc3\xa9", 1, 4 },			/* café */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 1, 2 },		/* 日本 */
		{ "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 1, 4 },	/* שלום */
		{ "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 1, 4 },	/* سلام */
		{ "\xf0\x9f\x98\x80", 1, 1 },			/* 😀 */
		{ "e\xcc\x81", 1, 2 },		/* e + combining acute */
		{ "\xef\xbf\xbf", 1, 1 },	/* U+FFFF */
		{ "\xf4\x8f\xbf\xbf", 1, 1 },	/* U+10FFFF */
		{ "\xc2\x80", 1, 1 },		/* U+0080, shortest 2-byte */
		{ "\xe0\xa0\x80", 1, 1 },	/* U+0800 */
		{ "\xf0\x90\x80\x80", 1, 1 },	/* U+10000 */
		{ "\xc0\xaf", 0, 0 },		/* overlong '/' */
		{ "\xc1\xbf", 0, 0 },		/* overlong */
		{ "\xe0\x80\xaf", 0, 0 },	/* overlong 3-byte */
		{ "\xe0\x9f\xbf", 0, 0 },	/* overlong 3-byte, max */
		{ "\xf0\x80\x80\xaf", 0, 0 },	/* overlong 4-byte */
		{ "\xf0\x8f\xbf\xbf", 0, 0 },	/* overlong 4-byte, max */
		{ "\xed\xa0\x80", 0, 0 },	/* U+D800 surrogate */
		{ "\xed\xbf\xbf", 0, 0 },	/* U+DFFF surrogate */
		{ "\xed\xa0\xbd\xed\xb8\x80", 0, 0 },	/* CESU-8 pair */
		{ "\xf4\x90\x80\x80", 0, 0 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", 0, 0 },
		{ "\xf8\x88\x80\x80\x80", 0, 0 },	/* 5-byte form */
		{ "\xc3", 0, 0 },		/* truncated */
		{ "a\xc3", 0, 0 },
		{ "\xe6\x97", 0, 0 },
		{ "\xf0\x9f\x98", 0, 0 },
		{ "\xc3(", 0, 0 },		/* bad continuation */
		{ "\xe6\x97(", 0, 0 },
		{ "\x80", 0, 0 },		/* lone continuation */
		{ "a\xbf" "b", 0, 0 },
		{ "\xfe", 0, 0 },
		{ "\xff", 0, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = strlen(t[i].s);

		ck_assert_msg(field_utf8_valid(t[i].s, len) == t[i].ok,
		    "utf8 case %zu", i);
		if (t[i].ok)
			ck_assert_uint_eq(field_utf8_chars(t[i].s, len),
			    t[i].chars);
	}
	ck_assert_int_eq(field_utf8_valid("a\0b", 3), 0);
	ck_assert_int_eq(field_utf8_valid("\0", 1), 0);
	/* Only len bytes are looked at. */
	ck_assert_int_eq(field_utf8_valid("ab\xff", 2), 1);
	ck_assert_int_eq(field_utf8_valid("\xc3\xa9", 1), 0);
}
END_TEST

START_TEST(test_text)
{
	static const struct field_spec spec =
	    { "name", FIELD_TEXT, 0, 1, 5, NULL };
	static const struct scase cases[] = {
		OK("abc", NULL),
		OK("a", NULL),
		OK("abcde", NULL),
		OK("  abc \t", "abc"),
		OK("\r\n a b \n", "a b"),
		/* 5 x e-acute, CJK, Hebrew, 5 emoji */
		OK("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", NULL),
		OK("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", NULL),
		OK("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", NULL),
		OK("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", NULL),
		OK(" \xc2\xa0 ", "\xc2\xa0"),	/* NBSP is not trimmed */
		OK("<b>&", NULL),		/* HTML is data, not refused */
		BAD("", "required"),
		BAD("   ", "required"),
		BAD("abcdef", "too_long"),
		BAD("  abcdef  ", "too_long"),
		BAD("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		    "too_long"),
		BAD("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
		    "too_long"),
		BAD("a\nb", "invalid_text"),
		BAD("a\tb", "invalid_text"),
		BAD("a\rb", "invalid_text"),
		BAD("a\x01", "invalid_text"),
		BAD("a\x1b[0m", "invalid_text"),
		BAD("a\x7f", "invalid_text"),
		BADN("a\0b", 3, "invalid_text"),
		BADN("\0", 1, "invalid_text"),
		BAD("\xc0\xaf", "invalid_text"),
		BAD("\xe0\x80\xaf", "invalid_text"),
		BAD("\xed\xa0\x80", "invalid_text"),
		BAD("ab\xc3", "invalid_text"),
		BAD("\xf0\x9f\x98", "invalid_text"),
		BAD("\xff", "invalid_text"),
	};
	static const struct field_spec min3 =
	    { "code", FIELD_TEXT, 0, 3, 0, NULL };
	static const struct scase min3_cases[] = {
		OK("abc", NULL),
		BAD("ab", "too_short"),
		BAD(" ab ", "too_short"),
		BAD("", "required"),
	};
	static const struct field_spec optional =
	    { "opt", FIELD_TEXT, 0, 0, 3, NULL };
	static const struct scase optional_cases[] = {
		OK("", NULL),
		OK("  ", ""),
		OK("abc", NULL),
		BAD("abcd", "too_long"),
	};

	RUN(spec, cases);
	RUN(min3, min3_cases);
	RUN(optional, optional_cases);
}
END_TEST

START_TEST(test_text_unlimited)
{
	static const struct field_spec spec =
	    { "any", FIELD_TEXT, 0, 0, 0, NULL };
	struct field_value	 v;
	struct field_error	 e;
	char			*s = arena_alloc(a, 100001);

	memset(s, 'x', 100000);
	s[100000] = '\0';
	ck_assert_int_eq(field_from_string(a, &spec, s, 100000, &v, &e), 0);
	ck_assert_uint_eq(v.len, 100000);
}
END_TEST

START_TEST(test_text_notrim)
{
	static const struct field_spec spec =
	    { "password", FIELD_TEXT, FIELD_NOTRIM, 1, 10, NULL };
	static const struct scase cases[] = {
		OK("  pw  ", NULL),
		OK(" ", NULL),
		OK("0123456789", NULL),
		BAD(" 123456789 ", "too_long"),
		BAD("", "required"),
		BAD("pw\n", "invalid_text"),
		BAD("pw\t", "invalid_text"),
		BADN("pw\0", 3, "invalid_text"),
	};

	RUN(spec, cases);
}
END_TEST

START_TEST(test_multiline)
{
	static const struct field_spec spec =
	    { "notes", FIELD_MULTILINE, 0, 0, 10, NULL };
	static const struct scase cases[] = {
		OK("a\nb\r\n\tc", NULL),
		OK("\n x \n", "x"),
		OK("", NULL),
		OK("0123456789", NULL),
		OK("\xe6\x97\xa5\n\xe6\x9c\xac", NULL),
		BAD("0123456789a", "too_long"),
		BAD("a\x01" "b", "invalid_text"),
		BAD("a\x0b" "b", "invalid_text"),	/* VT inside */
		BAD("a\x0c" "b", "invalid_text"),	/* FF inside */
		BAD("a\x7f", "invalid_text"),
		BAD("a\x1b", "invalid_text"),
		BADN("a\0b", 3, "invalid_text"),
		BAD("\xed\xbf\xbf", "invalid_text"),
	};

	RUN(spec, cases);
}
END_TEST

START_TEST(test_int)
{
	static const struct field_spec spec =
	    { "n", FIELD_INT, 0, -5, 100, NULL };
	static const struct scase cases[] = {
		OK("0", NULL),
		OK("-5", NULL),
		OK("100", NULL),
		OK("-0", NULL),
		OK("007", NULL),
		BAD("101", "out_of_range"),
		BAD("-6", "out_of_range"),
		BAD("9223372036854775807", "out_of_range"),
		BAD("-9223372036854775808", "out_of_range"),
		BAD("9223372036854775808", "invalid_integer"),
		BAD("99999999999999999999", "invalid_integer"),
		BAD("123456789012345678901", "invalid_integer"),
		BAD("", "invalid_integer"),
		BAD("-", "invalid_integer"),
		BAD("+1", "invalid_integer"),
		BAD(" 1", "invalid_integer"),
		BAD("1 ", "invalid_integer"),
		BAD("1.0", "invalid_integer"),
		BAD("1e2", "invalid_integer"),
		BAD("0x10", "invalid_integer"),
		BAD("--1", "invalid_integer"),
		BAD("1-", "invalid_integer"),
		BAD("abc", "invalid_integer"),
		BAD("\xd9\xa3", "invalid_integer"),	/* Arabic-Indic 3 */
		BADN("1\0", 2, "invalid_text"),
	};
	static const struct field_spec full =
	    { "big", FIELD_INT, 0, LLONG_MIN, LLONG_MAX, NULL };
	static const struct scase full_cases[] = {
		OK("-9223372036854775808", NULL),
		OK("9223372036854775807", NULL),
		BAD("9223372036854775808", "invalid_integer"),
		BAD("-9223372036854775809", "invalid_integer"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	RUN(full, full_cases);
	ck_assert_int_eq(field_from_string(a, &spec, "-5", 2, &v, &e), 0);
	ck_assert_int_eq(v.i, -5);
	ck_assert_int_eq(field_from_string(a, &spec, "007", 3, &v, &e), 0);
	ck_assert_int_eq(v.i, 7);
}
END_TEST

START_TEST(test_id)
{
	static const struct field_spec spec =
	    { "id", FIELD_ID, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("1", NULL),
		OK("42", NULL),
		OK("9007199254740991", NULL),
		BAD("9007199254740992", "out_of_range"),
		BAD("0", "out_of_range"),
		BAD("-1", "out_of_range"),
		BAD("18446744073709551616", "invalid_integer"),
		BAD("", "invalid_integer"),
		BAD("1.5", "invalid_integer"),
		BAD("abc", "invalid_integer"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	ck_assert_int_eq(field_from_string(a, &spec, "9007199254740991", 16,
	    &v, &e), 0);
	ck_assert_int_eq(v.i, FIELD_ID_MAX);
}
END_TEST

START_TEST(test_number)
{
	static const struct field_spec spec =
	    { "price", FIELD_NUMBER, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("0", NULL),
		OK("1.5", NULL),
		OK("-2.25e3", NULL),
		OK("0.1", NULL),
		OK("1.50", NULL),
		OK("-0", NULL),
		OK("12345678901234567890", NULL),
		OK("1E5", "1e5"),
		OK("1e+05", "1e5"),
		OK("2.5E-007", "2.5e-7"),
		OK("1e-0", "1e0"),
		OK("1e308", NULL),
		BAD(".5", "invalid_number"),
		BAD("+1", "invalid_number"),
		BAD("1.", "invalid_number"),
		BAD("01", "invalid_number"),
		BAD("-", "invalid_number"),
		BAD("1e", "invalid_number"),
		BAD("1e+", "invalid_number"),
		BAD("1.e5", "invalid_number"),
		BAD("", "invalid_number"),
		BAD(" 1", "invalid_number"),
		BAD("1 ", "invalid_number"),
		BAD("nan", "invalid_number"),
		BAD("NaN", "invalid_number"),
		BAD("-nan", "invalid_number"),
		BAD("inf", "invalid_number"),
		BAD("-Infinity", "invalid_number"),
		BAD("1e999", "invalid_number"),
		BAD("-1e999", "invalid_number"),
		BAD("0x10", "invalid_number"),
		BAD("0X1p3", "invalid_number"),
		BAD("1,5", "invalid_number"),
		BAD("--1", "invalid_number"),
		BAD("abc", "invalid_number"),
		BAD("1.5.5", "invalid_number"),
		BAD("12345678901234567890123456789012345678901",
		    "invalid_number"),
		BADN("1\0", 2, "invalid_text"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	ck_assert_int_eq(field_from_string(a, &spec, "-2.25e3", 7, &v, &e), 0);
	ck_assert(v.d == -2250.0);
}
END_TEST

/* A JSON number keeps the text it was sent with, not %.17g of a double. */
START_TEST(test_number_json_text)
{
	static const struct field_spec spec =
	    { "price", FIELD_NUMBER, 0, 0, 0, NULL };
	static const char *const t[][2] = {
		{ "0.1", "0.1" }, { "1e2", "1e2" }, { "-0.5", "-0.5" },
		{ "1E+02", "1e2" },
		{ "0.30000000000000004", "0.30000000000000004" },
		{ "12345678901234567890", "12345678901234567890" },
		{ "-9223372036854775807", "-9223372036854775807" },
		{ "42", "42" },
	};
	struct field_value	v;
	struct field_error	e;
	size_t			i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char		*js = arena_printf(a, "[%s]", t[i][0]);
		struct json_object	*o = jsonx_parse(a, js, strlen(js));

		ck_assert_msg(field_from_json(a, &spec,
		    json_object_array_get_idx(o, 0), &v, &e) == 0,
		    "%s refused", t[i][0]);
		ck_assert_str_eq(v.s, t[i][1]);
	}
}
END_TEST

START_TEST(test_enum)
{
	static const char *const roles[] = { "admin", "technician",
	    "read_only", NULL };
	static const struct field_spec spec =
	    { "role", FIELD_ENUM, 0, 0, 0, roles };
	static const struct scase cases[] = {
		OK("admin", NULL),
		OK("technician", NULL),
		OK("read_only", NULL),
		BAD("Admin", "invalid_choice"),
		BAD("admin ", "invalid_choice"),
		BAD(" admin", "invalid_choice"),
		BAD("adm", "invalid_choice"),
		BAD("adminx", "invalid_choice"),
		BAD("", "invalid_choice"),
		BADN("admin\0", 6, "invalid_text"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	ck_assert_int_eq(field_from_string(a, &spec, "read_only", 9, &v, &e),
	    0);
	ck_assert_int_eq(v.i, 2);
}
END_TEST

START_TEST(test_bool)
{
	static const struct field_spec spec =
	    { "active", FIELD_BOOL, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("true", "true"),
		OK("1", "true"),
		OK("false", "false"),
		OK("0", "false"),
		BAD("TRUE", "invalid_boolean"),
		BAD("True", "invalid_boolean"),
		BAD("yes", "invalid_boolean"),
		BAD("on", "invalid_boolean"),
		BAD("t", "invalid_boolean"),
		BAD("2", "invalid_boolean"),
		BAD("01", "invalid_boolean"),
		BAD("", "invalid_boolean"),
		BAD("true ", "invalid_boolean"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	ck_assert_int_eq(field_from_string(a, &spec, "1", 1, &v, &e), 0);
	ck_assert_int_eq(v.i, 1);
	ck_assert_int_eq(field_from_string(a, &spec, "false", 5, &v, &e), 0);
	ck_assert_int_eq(v.i, 0);
}
END_TEST

START_TEST(test_date)
{
	static const struct field_spec spec =
	    { "due", FIELD_DATE, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("2024-02-29", NULL),
		OK("2000-02-29", NULL),
		OK("2024-04-30", NULL),
		OK("2023-12-31", NULL),
		OK("1900-01-01", NULL),
		OK("9999-12-31", NULL),
		BAD("2023-02-29", "invalid_date"),
		BAD("1900-02-29", "invalid_date"),
		BAD("2100-02-29", "invalid_date"),
		BAD("2024-02-30", "invalid_date"),
		BAD("2024-13-01", "invalid_date"),
		BAD("2024-00-10", "invalid_date"),
		BAD("2024-01-00", "invalid_date"),
		BAD("2024-04-31", "invalid_date"),
		BAD("2024-01-32", "invalid_date"),
		BAD("1899-12-31", "invalid_date"),
		BAD("0000-01-01", "invalid_date"),
		BAD("2024-1-01", "invalid_date"),
		BAD("2024/01/01", "invalid_date"),
		BAD("20240101", "invalid_date"),
		BAD("2024-01-01T00:00:00Z", "invalid_date"),
		BAD(" 2024-01-01", "invalid_date"),
		BAD("2024-01-01 ", "invalid_date"),
		BAD("-024-01-01", "invalid_date"),
		BAD("2024-0a-01", "invalid_date"),
		BAD("2024--1-01", "invalid_date"),
		BAD("", "invalid_date"),
		BADN("2024-01-0\0", 10, "invalid_text"),
	};
	struct field_value	v;
	struct field_error	e;

	RUN(spec, cases);
	ck_assert_int_eq(field_from_string(a, &spec, "2024-02-29", 10, &v, &e),
	    0);
	ck_assert_int_eq(v.i, 20240229);
}
END_TEST

START_TEST(test_email)
{
	static const struct field_spec spec =
	    { "email", FIELD_EMAIL, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("user@example.com", NULL),
		OK("User.Name+tag@Example.COM", "user.name+tag@example.com"),
		OK("  a@b.co \t", "a@b.co"),
		OK("a@b.co.", "a@b.co"),
		OK("o'brien@example.ie", NULL),
		OK("x_y-z@sub.domain.example.org", NULL),
		OK("a@b.c0m", NULL),
		OK("a@xn--bcher-kva.de", NULL),
		BAD("", "invalid_email"),
		BAD("   ", "invalid_email"),
		BAD("plain", "invalid_email"),
		BAD("@example.com", "invalid_email"),
		BAD("a@", "invalid_email"),
		BAD("a@localhost", "invalid_email"),
		BAD("a@@example.com", "invalid_email"),
		BAD("a@b@example.com", "invalid_email"),
		BAD(".a@example.com", "invalid_email"),
		BAD("a.@example.com", "invalid_email"),
		BAD("a..b@example.com", "invalid_email"),
		BAD("a b@example.com", "invalid_email"),
		BAD("\"a\"@example.com", "invalid_email"),
		BAD("a@exa mple.com", "invalid_email"),
		BAD("a@example..com", "invalid_email"),
		BAD("a@.example.com", "invalid_email"),
		BAD("a@-example.com", "invalid_email"),
		BAD("a@example-.com", "invalid_email"),
		BAD("a@example.123", "invalid_email"),
		BAD("a@example.com..", "invalid_email"),
		BAD("a@exa_mple.com", "invalid_email"),
		BAD("a@[127.0.0.1]", "invalid_email"),
		BAD("\xc3\xa9@example.com", "invalid_email"),
		BAD("a@ex\xc3\xa4mple.com", "invalid_email"),
		BAD("<script>@example.com", "invalid_email"),
		BAD("a@example.com\r\nBcc: x@y.z", "invalid_email"),
		BADN("a@example.com\0", 14, "invalid_text"),
	};
	struct field_value	 v;
	struct field_error	 e;
	char			*s, *label;

	RUN(spec, cases);
	/* Local part: 64 characters, not 65. */
	s = arena_printf(a, "%.64s@example.com",
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), 0);
	s = arena_printf(a, "x%s", s);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), -1);
	/* Labels: 63 characters, not 64. */
	s = arena_printf(a, "a@%.63s.com", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
	    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), 0);
	s = arena_printf(a, "a@y%s", s + 2);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), -1);
	/* Whole address: FIELD_EMAIL_MAX characters, not one more. */
	label = arena_alloc(a, 64);
	memset(label, 'z', 63);
	label[63] = '\0';
	s = arena_printf(a, "a@%s.%s.%s.%.60s", label, label, label, label);
	ck_assert_uint_eq(strlen(s), FIELD_EMAIL_MAX);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), 0);
	s = arena_printf(a, "b%s", s);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), -1);
	ck_assert_str_eq(e.code, "invalid_email");
}
END_TEST

START_TEST(test_domain)
{
	static const struct field_spec spec =
	    { "domain", FIELD_DOMAIN, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("example.com", NULL),
		OK("Example.COM", "example.com"),
		OK("example.com.", "example.com"),
		OK("a-b.c-d.io", NULL),
		OK("xn--bcher-kva.example", NULL),
		OK("1.example.net", NULL),
		OK("a.b.c.d.e.f.g", NULL),
		BAD("", "invalid_domain"),
		BAD(".", "invalid_domain"),
		BAD("localhost", "invalid_domain"),
		BAD("example", "invalid_domain"),
		BAD(".com", "invalid_domain"),
		BAD("example..com", "invalid_domain"),
		BAD("-a.com", "invalid_domain"),
		BAD("a-.com", "invalid_domain"),
		BAD("a.-com", "invalid_domain"),
		BAD("a_b.com", "invalid_domain"),
		BAD("exa mple.com", "invalid_domain"),
		BAD(" example.com", "invalid_domain"),
		BAD("example.123", "invalid_domain"),
		BAD("127.0.0.1", "invalid_domain"),
		BAD("example.com/", "invalid_domain"),
		BAD("http://example.com", "invalid_domain"),
		BAD("ex@mple.com", "invalid_domain"),
		BAD("b\xc3\xbc" "cher.de", "invalid_domain"),
		BAD("example.com..", "invalid_domain"),
		BADN("example.com\0", 12, "invalid_text"),
	};
	struct field_value	 v;
	struct field_error	 e;
	char			*s, *label;

	RUN(spec, cases);
	label = arena_alloc(a, 64);
	memset(label, 'q', 63);
	label[63] = '\0';
	/* 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253: the longest name. */
	s = arena_printf(a, "%s.%s.%s.%.61s", label, label, label, label);
	ck_assert_uint_eq(strlen(s), FIELD_DOMAIN_MAX);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), 0);
	s = arena_printf(a, "%s.%s.%s.%.62s", label, label, label, label);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), -1);
	s = arena_printf(a, "q%s.com", label);
	ck_assert_int_eq(field_from_string(a, &spec, s, strlen(s), &v, &e), -1);
}
END_TEST

START_TEST(test_url)
{
	static const struct field_spec spec =
	    { "website", FIELD_URL, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("http://example.com", NULL),
		OK("https://example.com/", NULL),
		OK("https://example.com/path?q=1&r=%20#frag", NULL),
		OK("HTTPS://Example.COM/A", NULL),
		OK("http://localhost:8080/x", NULL),
		OK("http://127.0.0.1/", NULL),
		OK("https://sub.example.co.uk:443", NULL),
		OK("https://example.com/caf\xc3\xa9", NULL),
		OK("https://example.com/a@b", NULL),
		OK("https://example.com?q=a@b", NULL),
		BAD("javascript:alert(1)", "invalid_url"),
		BAD("JavaScript://example.com/%0aalert(1)", "invalid_url"),
		BAD("data:text/html,<script>x</script>", "invalid_url"),
		BAD("vbscript:x", "invalid_url"),
		BAD("ftp://example.com", "invalid_url"),
		BAD("file:///etc/passwd", "invalid_url"),
		BAD("//example.com", "invalid_url"),
		BAD("example.com", "invalid_url"),
		BAD("http:/example.com", "invalid_url"),
		BAD("http://", "invalid_url"),
		BAD("https://", "invalid_url"),
		BAD("http:///path", "invalid_url"),
		BAD("http://:80/", "invalid_url"),
		BAD("http://example/", "invalid_url"),
		BAD("http://exa mple.com", "invalid_url"),
		BAD(" http://example.com", "invalid_url"),
		BAD("http://example.com/a b", "invalid_url"),
		BAD("http://example.com/\"onmouseover=", "invalid_url"),
		BAD("http://example.com/<x>", "invalid_url"),
		BAD("http://example.com\\@evil.com", "invalid_url"),
		BAD("http://example.com/\n", "invalid_url"),
		BAD("http://example.com/\t", "invalid_url"),
		BAD("http://example.com/\x7f", "invalid_url"),
		BAD("http://user@example.com", "invalid_url"),
		BAD("http://user:pw@example.com/", "invalid_url"),
		BAD("http://example.com:80@evil.com/", "invalid_url"),
		BAD("http://example.com/\xc0\xaf", "invalid_url"),
		BAD("http://ex_ample.com/", "invalid_url"),
		BADN("http://example.com/\0", 20, "invalid_text"),
	};
	struct field_value	 v;
	struct field_error	 e;
	char			*s;
	size_t			 n;

	RUN(spec, cases);
	/* FIELD_URL_MAX bytes in all is fine, one more is not. */
	s = arena_alloc(a, FIELD_URL_MAX + 2);
	n = (size_t)snprintf(s, FIELD_URL_MAX + 2, "https://example.com/");
	memset(s + n, 'p', FIELD_URL_MAX - n);
	s[FIELD_URL_MAX] = '\0';
	ck_assert_int_eq(field_from_string(a, &spec, s, FIELD_URL_MAX, &v, &e),
	    0);
	s[FIELD_URL_MAX] = 'p';
	s[FIELD_URL_MAX + 1] = '\0';
	ck_assert_int_eq(field_from_string(a, &spec, s, FIELD_URL_MAX + 1, &v,
	    &e), -1);
}
END_TEST

/* Errors name the limit, so a form can say what would pass. */
START_TEST(test_limit_messages)
{
	static const struct field_spec text =
	    { "name", FIELD_TEXT, 0, 2, 5, NULL };
	static const struct field_spec one =
	    { "code", FIELD_TEXT, 0, 0, 1, NULL };
	static const struct field_spec num =
	    { "limit", FIELD_INT, 0, 1, 10, NULL };
	struct field_value	v;
	struct field_error	e;

	ck_assert_int_eq(field_from_string(a, &text, "abcdef", 6, &v, &e), -1);
	ck_assert_str_eq(e.code, "too_long");
	ck_assert_str_eq(e.message, "At most 5 characters");
	ck_assert_int_eq(field_from_string(a, &text, "\xc3\xbc", 2, &v, &e),
	    -1);
	ck_assert_str_eq(e.message, "At least 2 characters");
	ck_assert_int_eq(field_from_string(a, &one, "ab", 2, &v, &e), -1);
	ck_assert_str_eq(e.message, "At most 1 character");
	ck_assert_int_eq(field_from_string(a, &num, "11", 2, &v, &e), -1);
	ck_assert_str_eq(e.code, "out_of_range");
	ck_assert_str_eq(e.message, "Must be between 1 and 10");
}
END_TEST

/* FIELD_LIST: distinct names from enums[], min..max of them. */
START_TEST(test_list)
{
	static const char *const names[] = { "a", "b", "c", NULL };
	static const struct field_spec spec =
	    { "cols", FIELD_LIST, 0, 1, 2, names };
	static const struct { const char *json, *code; } cases[] = {
		{ "[\"a\"]", NULL },
		{ "[\"c\", \"a\"]", NULL },
		{ "[]", "out_of_range" },
		{ "[\"a\", \"b\", \"c\"]", "out_of_range" },
		{ "[\"a\", \"a\"]", "duplicate" },
		{ "[\"a\", \"z\"]", "invalid_choice" },
		{ "[\"a\", 1]", "invalid_type" },
		{ "\"a\"", "invalid_type" },
		{ "{}", "invalid_type" },
	};
	struct json_object	*v;
	struct field_value	 out;
	struct field_error	 e;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = json_tokener_parse(cases[i].json);
		rc = field_from_json(a, &spec, v, &out, &e);
		if (cases[i].code == NULL)
			ck_assert_msg(rc == 0 && out.obj == v, "%s",
			    cases[i].json);
		else
			ck_assert_msg(rc == -1 &&
			    strcmp(e.code, cases[i].code) == 0, "%s",
			    cases[i].json);
		json_object_put(v);
	}
}
END_TEST

START_TEST(test_country)
{
	static const struct field_spec spec =
	    { "country", FIELD_COUNTRY, 0, 0, 0, NULL };
	static const struct scase cases[] = {
		OK("DE", NULL),
		OK("us", "US"),
		OK("Fr", "FR"),
		OK("zw", "ZW"),
		OK("AD", NULL),
		/* Two letters that name no country (C1: "ZZ", and "GE" is
		 * Georgia, so "Germany" cut short is caught only by the UI). */
		BAD("ZZ", "invalid_country"),
		BAD("UK", "invalid_country"),
		BAD("EU", "invalid_country"),
		BAD("D", "invalid_country"),
		BAD("DEU", "invalid_country"),
		BAD("1A", "invalid_country"),
		BAD("A1", "invalid_country"),
		BAD("", "invalid_country"),
		BAD(" D", "invalid_country"),
		BAD("\xc3\xbc", "invalid_country"),
		BADN("D\0", 2, "invalid_text"),
	};

	RUN(spec, cases);
}
END_TEST

/* The table is sorted (bsearch) and every row is two capitals. */
START_TEST(test_country_table)
{
	size_t	i;

	for (i = 0; i < COUNTRY__MAX; i++) {
		ck_assert_uint_eq(strlen(countries[i].code), 2);
		ck_assert(isupper((unsigned char)countries[i].code[0]) &&
		    isupper((unsigned char)countries[i].code[1]));
		ck_assert(i == 0 ||
		    strcmp(countries[i - 1].code, countries[i].code) < 0);
		ck_assert_ptr_eq(country_find(countries[i].code),
		    &countries[i]);
	}
	ck_assert_str_eq(country_find("DE")->name, "Germany");
}
END_TEST

/* A body field table like a real route's. */
enum { F_NAME, F_AGE, F_NOTE, F_ACTIVE, F_ROLE, F_PRICE, F_META, F__N };

static const char *const roles[] = { "admin", "technician", NULL };

static const struct field_spec body_fields[F__N] = {
	{ "name", FIELD_TEXT, FIELD_REQUIRED, 1, 50, NULL },
	{ "age", FIELD_INT, 0, 0, 150, NULL },
	{ "note", FIELD_TEXT, FIELD_NULLABLE, 0, 100, NULL },
	{ "active", FIELD_BOOL, 0, 0, 0, NULL },
	{ "role", FIELD_ENUM, 0, 0, 0, roles },
	{ "price", FIELD_NUMBER, FIELD_NULLABLE, 0, 0, NULL },
	{ "meta", FIELD_OBJECT, 0, 0, 0, NULL },
};

struct ocase {
	const char	*json;
	const char	*code;	/* NULL: accepted */
	const char	*field;
};

START_TEST(test_parse_object_table)
{
	static const struct ocase cases[] = {
		{ "{\"name\":\"x\"}", NULL, NULL },
		{ "{\"name\":\" x \",\"age\":0,\"note\":null,\"active\":false,"
		    "\"role\":\"technician\",\"price\":1.25,"
		    "\"meta\":{\"k\":1}}",
		    NULL, NULL },
		{ "{\"name\":\"x\",\"price\":null}", NULL, NULL },
		{ "{\"name\":\"x\",\"price\":3}", NULL, NULL },
		{ "{}", "required", "name" },
		{ "{\"age\":5}", "required", "name" },
		{ "{\"name\":null}", "required", "name" },
		{ "{\"name\":\"\"}", "required", "name" },
		{ "{\"name\":\"  \"}", "required", "name" },
		{ "{\"name\":\"x\",\"bogus\":1}", "unknown_field", "bogus" },
		{ "{\"bogus\":1,\"name\":\"x\"}", "unknown_field", "bogus" },
		{ "{\"Name\":\"x\"}", "unknown_field", "Name" },
		{ "{\"name\":\"x\",\"\":1}", "unknown_field", "" },
		{ "{\"name\":1}", "invalid_type", "name" },
		{ "{\"name\":true}", "invalid_type", "name" },
		{ "{\"name\":[\"x\"]}", "invalid_type", "name" },
		{ "{\"name\":{}}", "invalid_type", "name" },
		{ "{\"name\":\"x\\u0000y\"}", "invalid_text", "name" },
		{ "{\"name\":\"x\\ny\"}", "invalid_text", "name" },
		{ "{\"name\":\"x\",\"age\":\"5\"}", "invalid_integer", "age" },
		{ "{\"name\":\"x\",\"age\":5.0}", "invalid_integer", "age" },
		{ "{\"name\":\"x\",\"age\":5.5}", "invalid_integer", "age" },
		{ "{\"name\":\"x\",\"age\":true}", "invalid_integer", "age" },
		{ "{\"name\":\"x\",\"age\":null}", "required", "age" },
		{ "{\"name\":\"x\",\"age\":151}", "out_of_range", "age" },
		{ "{\"name\":\"x\",\"age\":-1}", "out_of_range", "age" },
		{ "{\"name\":\"x\",\"age\":99999999999999999999}",
		    "out_of_range", "age" },
		{ "{\"name\":\"x\",\"active\":\"true\"}", "invalid_boolean",
		    "active" },
		{ "{\"name\":\"x\",\"active\":1}", "invalid_boolean",
		    "active" },
		{ "{\"name\":\"x\",\"role\":\"Admin\"}", "invalid_choice",
		    "role" },
		{ "{\"name\":\"x\",\"role\":0}", "invalid_type", "role" },
		{ "{\"name\":\"x\",\"price\":\"1\"}", "invalid_number",
		    "price" },
		{ "{\"name\":\"x\",\"price\":NaN}", "invalid_number", "price" },
		{ "{\"name\":\"x\",\"price\":Infinity}", "invalid_number",
		    "price" },
		{ "{\"name\":\"x\",\"price\":-Infinity}", "invalid_number",
		    "price" },
		{ "{\"name\":\"x\",\"price\":1e999}", "invalid_number",
		    "price" },
		/* json-c saturates integers beyond 64 bits. */
		{ "{\"name\":\"x\",\"price\":123456789012345678901234567890}",
		    "out_of_range", "price" },
		{ "{\"name\":\"x\",\"price\":-12345678901234567890}",
		    "out_of_range", "price" },
		{ "{\"name\":\"x\",\"meta\":[]}", "invalid_type", "meta" },
		{ "{\"name\":\"x\",\"meta\":\"{}\"}", "invalid_type", "meta" },
		{ "{\"name\":\"x\",\"meta\":null}", "required", "meta" },
		{ "[]", "invalid_json", "body" },
		{ "[{\"name\":\"x\"}]", "invalid_json", "body" },
		{ "\"name\" ", "invalid_json", "body" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field_value	 vals[F__N];
		struct field_error	 e;
		struct json_object	*o;
		int			 rc;

		o = jsonx_parse(a, cases[i].json, strlen(cases[i].json));
		ck_assert_msg(o != NULL, "case %zu: bad test JSON", i);
		memset(&e, 0, sizeof(e));
		rc = field_parse_object(a, FIELD_SET(body_fields), o, vals, &e);
		if (cases[i].code == NULL) {
			ck_assert_msg(rc == 0, "case %zu %s refused: %s %s", i,
			    cases[i].json, e.code, e.field);
			continue;
		}
		ck_assert_msg(rc == -1, "case %zu %s accepted", i,
		    cases[i].json);
		ck_assert_msg(strcmp(e.code, cases[i].code) == 0,
		    "case %zu %s: code %s, want %s", i, cases[i].json, e.code,
		    cases[i].code);
		ck_assert_ptr_nonnull(e.field);
		ck_assert_msg(strcmp(e.field, cases[i].field) == 0,
		    "case %zu %s: field %s, want %s", i, cases[i].json, e.field,
		    cases[i].field);
		ck_assert_ptr_nonnull(e.message);
	}
}
END_TEST

START_TEST(test_parse_object_values)
{
	struct field_value	 vals[F__N];
	struct field_error	 e;
	struct json_object	*o;
	const char		*js = "{\"name\":\" Ann \",\"age\":42,"
				    "\"note\":null,\"active\":true,"
				    "\"role\":\"technician\",\"price\":-0.5,"
				    "\"meta\":{\"k\":1}}";

	o = jsonx_parse(a, js, strlen(js));
	ck_assert_int_eq(field_parse_object(a, FIELD_SET(body_fields), o,
	    vals, &e), 0);
	ck_assert_str_eq(vals[F_NAME].s, "Ann");
	ck_assert_int_eq(vals[F_AGE].i, 42);
	ck_assert_int_eq(vals[F_NOTE].present, 1);
	ck_assert_int_eq(vals[F_NOTE].null, 1);
	ck_assert_int_eq(vals[F_ACTIVE].i, 1);
	ck_assert_int_eq(vals[F_ROLE].i, 1);
	ck_assert(vals[F_PRICE].d == -0.5);
	ck_assert_str_eq(vals[F_PRICE].s, "-0.5");
	ck_assert_ptr_nonnull(vals[F_META].obj);
	ck_assert_ptr_eq(field_find(FIELD_SET(body_fields), vals, "age"),
	    &vals[F_AGE]);
	ck_assert_ptr_null(field_find(FIELD_SET(body_fields), vals, "nope"));

	/* Absent fields are not present; duplicate keys: the last wins. */
	js = "{\"name\":\"a\",\"name\":\"b\"}";
	o = jsonx_parse(a, js, strlen(js));
	ck_assert_int_eq(field_parse_object(a, FIELD_SET(body_fields), o,
	    vals, &e), 0);
	ck_assert_str_eq(vals[F_NAME].s, "b");
	ck_assert_int_eq(vals[F_AGE].present, 0);
	ck_assert_int_eq(vals[F_NOTE].present, 0);

	/* No body at all. */
	ck_assert_int_eq(field_parse_object(a, FIELD_SET(body_fields), NULL,
	    vals, &e), -1);
	ck_assert_str_eq(e.code, "invalid_json");
}
END_TEST

static const struct field_spec query_fields[] = {
	{ "q", FIELD_TEXT, 0, 0, 100, NULL },
	{ "page", FIELD_INT, 0, 1, 1000, NULL },
	{ "active", FIELD_BOOL, 0, 0, 0, NULL },
	{ "since", FIELD_DATE, 0, 0, 0, NULL },
};

START_TEST(test_parse_query_table)
{
	static const struct ocase cases[] = {
		{ "", NULL, NULL },
		{ "q=abc&page=2", NULL, NULL },
		{ "q", NULL, NULL },
		{ "q=a+b%20c&active=1&since=2024-02-29", NULL, NULL },
		{ "&&q=x&&", NULL, NULL },
		{ "page=2&page=3", "repeated_parameter", "page" },
		{ "q=a&q=a", "repeated_parameter", "q" },
		{ "x=1", "unknown_parameter", "x" },
		{ "q=1&Q=2", "unknown_parameter", "Q" },
		{ "page=abc", "invalid_integer", "page" },
		{ "page=0", "out_of_range", "page" },
		{ "page=", "invalid_integer", "page" },
		{ "page", "invalid_integer", "page" },
		{ "q=a%00b", "invalid_text", "q" },
		{ "q=%C0%AF", "invalid_text", "q" },
		{ "q=%ED%A0%80", "invalid_text", "q" },
		{ "q=a%0Ab", "invalid_text", "q" },
		{ "page=1%00", "invalid_text", "page" },
		{ "active=yes", "invalid_boolean", "active" },
		{ "since=2023-02-29", "invalid_date", "since" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field_value	vals[4];
		struct field_error	e;
		struct req		r;
		int			rc;

		memset(&r, 0, sizeof(r));
		ck_assert_int_eq(req_parse_query(a, cases[i].json, &r), REQ_OK);
		memset(&e, 0, sizeof(e));
		rc = field_parse_query(a, FIELD_SET(query_fields), &r, vals,
		    &e);
		if (cases[i].code == NULL) {
			ck_assert_msg(rc == 0, "case %zu %s refused: %s %s", i,
			    cases[i].json, e.code, e.field);
			continue;
		}
		ck_assert_msg(rc == -1, "case %zu %s accepted", i,
		    cases[i].json);
		ck_assert_msg(strcmp(e.code, cases[i].code) == 0,
		    "case %zu %s: code %s, want %s", i, cases[i].json, e.code,
		    cases[i].code);
		ck_assert_str_eq(e.field, cases[i].field);
	}
}
END_TEST

START_TEST(test_parse_query_values)
{
	static const struct field_spec req_fields[] = {
		{ "token", FIELD_TEXT, FIELD_REQUIRED, 1, 10, NULL },
		{ "n", FIELD_INT, 0, 0, 10, NULL },
	};
	struct field_value	vals[4];
	struct field_error	e;
	struct req		r;

	ck_assert_int_eq(req_parse_query(a, "q=a+b&page=7&since=2024-02-29",
	    &r), REQ_OK);
	ck_assert_int_eq(field_parse_query(a, FIELD_SET(query_fields), &r,
	    vals, &e), 0);
	ck_assert_str_eq(vals[0].s, "a b");
	ck_assert_int_eq(vals[1].i, 7);
	ck_assert_int_eq(vals[2].present, 0);
	ck_assert_int_eq(vals[3].i, 20240229);

	ck_assert_int_eq(req_parse_query(a, "n=1", &r), REQ_OK);
	ck_assert_int_eq(field_parse_query(a, FIELD_SET(req_fields), &r,
	    vals, &e), -1);
	ck_assert_str_eq(e.code, "required");
	ck_assert_str_eq(e.field, "token");
	ck_assert_int_eq(req_parse_query(a, "token=", &r), REQ_OK);
	ck_assert_int_eq(field_parse_query(a, FIELD_SET(req_fields), &r,
	    vals, &e), -1);
	ck_assert_str_eq(e.code, "required");
	ck_assert_int_eq(req_parse_query(a, "token=abc", &r), REQ_OK);
	ck_assert_int_eq(field_parse_query(a, FIELD_SET(req_fields), &r,
	    vals, &e), 0);
	ck_assert_str_eq(vals[0].s, "abc");
}
END_TEST

static Suite *
field_suite(void)
{
	Suite	*s = suite_create("field");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_text_unlimited);
	tcase_add_test(tc, test_text_notrim);
	tcase_add_test(tc, test_multiline);
	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_id);
	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_number_json_text);
	tcase_add_test(tc, test_enum);
	tcase_add_test(tc, test_bool);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_email);
	tcase_add_test(tc, test_domain);
	tcase_add_test(tc, test_url);
	tcase_add_test(tc, test_limit_messages);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_country);
	tcase_add_test(tc, test_country_table);
	tcase_add_test(tc, test_parse_object_table);
	tcase_add_test(tc, test_parse_object_values);
	tcase_add_test(tc, test_parse_query_table);
	tcase_add_test(tc, test_parse_query_values);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(field_suite());
}
