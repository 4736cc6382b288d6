/*
 * Unit tests for lib/b64url.c and lib/page.c: cursors carry a sort key
 * and an id, round-trip exactly, and anything else is refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"

#include "b64url.h"
#include "page.h"

START_TEST(b64url_round_trip)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob",
	    "fooba", "foobar", "\xff\xfe\x00\x01" };
	static const char *const out[] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg",
	    "Zm9vYmE", "Zm9vYmFy", "__4AAQ" };
	char	buf[64], *dec;
	size_t	i, len, n;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		n = i == 7 ? 4 : strlen(in[i]);
		b64url_encode(buf, (const unsigned char *)in[i], n);
		ck_assert_str_eq(buf, out[i]);
		dec = b64url_decode(a, buf, &len);
		ck_assert_ptr_nonnull(dec);
		ck_assert_uint_eq(len, n);
		ck_assert_mem_eq(dec, in[i], n);
	}
}
END_TEST

START_TEST(b64url_refuses)
{
	size_t	len;

	ck_assert_ptr_null(b64url_decode(a, "Z", &len));	/* 1 mod 4 */
	ck_assert_ptr_null(b64url_decode(a, "Zm9v=", &len));	/* padding */
	ck_assert_ptr_null(b64url_decode(a, "Zm+v", &len));	/* not url */
	ck_assert_ptr_null(b64url_decode(a, "Zh", &len));	/* bits left */
}
END_TEST

START_TEST(cursor_round_trip)
{
	struct page	p;

	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(page_cursor_parse(a,
	    page_cursor(a, "Müller: GmbH", 42), &p), 0);
	ck_assert_int_eq(p.after, 1);
	ck_assert_uint_eq(p.after_id, 42);
	ck_assert_str_eq(p.after_key, "Müller: GmbH");
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(page_cursor_parse(a, page_cursor(a, NULL, 7), &p), 0);
	ck_assert_uint_eq(p.after_id, 7);
	ck_assert_ptr_null(p.after_key);
}
END_TEST

START_TEST(cursor_refuses)
{
	static const char *const raw[] = { "abc", "0:x", ":x", "12", "-1:x",
	    "9007199254740992:x", "01:x", "1a:x", "3:\xff" };
	struct page	p;
	size_t		i;
	char		buf[64];

	for (i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
		b64url_encode(buf, (const unsigned char *)raw[i],
		    strlen(raw[i]));
		memset(&p, 0, sizeof(p));
		ck_assert_msg(page_cursor_parse(a, buf, &p) == -1, "%s",
		    raw[i]);
		ck_assert_int_eq(p.after, 0);
	}
	ck_assert_int_eq(page_cursor_parse(a, "not base64!", &p), -1);
}
END_TEST

static Suite *
page_suite(void)
{
	Suite	*s = suite_create("page");
	TCase	*t = tcase_create("page");

	tcase_add_checked_fixture(t, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(t, b64url_round_trip);
	tcase_add_test(t, b64url_refuses);
	tcase_add_test(t, cursor_round_trip);
	tcase_add_test(t, cursor_refuses);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(page_suite());
}
