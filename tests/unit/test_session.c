/*
 * Unit tests for the parts of lib/session.c that need no database: the
 * CSRF token, its constant-time check, the Set-Cookie value and roles.
 * Token generation and the SHA-256 token hash are static helpers used
 * only by session_create/session_load, which need MariaDB; the API tests
 * cover them.  The CSRF token goes through the same base64url encoder,
 * so its alphabet and length are checked here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "arena.h"
#include "session.h"

static const char	 tok1[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
static const char	 tok2[] = "abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE";

static void
setup(void)
{
	unit_arena_setup();
	unsetenv("MSPHUB_CONFIG");
	unsetenv("MSPHUB_SECURE_COOKIE");
	unsetenv("MSPHUB_SESSION_MAX");
}

static int
b64url_only(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == strlen(s);
}

/* Reference: HMAC-SHA256(key = token, "msphub-csrf"), base64url, no pad. */
static char *
csrf_reference(const char *token)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0;
	unsigned char	 b64[128];
	char		*out;
	size_t		 i, n;

	ck_assert_ptr_nonnull(HMAC(EVP_sha256(), token, (int)strlen(token),
	    (const unsigned char *)"msphub-csrf", 11, mac, &maclen));
	ck_assert_uint_eq(maclen, 32);
	n = (size_t)EVP_EncodeBlock(b64, mac, (int)maclen);
	while (n > 0 && b64[n - 1] == '=')
		n--;
	out = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++)
		out[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' :
		    (char)b64[i];
	out[n] = '\0';
	return out;
}

START_TEST(test_csrf_matches_hmac)
{
	char	*c1 = session_csrf(a, tok1), *c2 = session_csrf(a, tok2);

	ck_assert_str_eq(c1, csrf_reference(tok1));
	ck_assert_str_eq(c2, csrf_reference(tok2));
}
END_TEST

START_TEST(test_csrf_shape)
{
	static const char *const toks[] = { tok1, tok2, "x", "" };
	size_t	i;

	for (i = 0; i < sizeof(toks) / sizeof(toks[0]); i++) {
		char *c = session_csrf(a, toks[i]);

		/* 32 bytes: 43 base64url characters, no padding. */
		ck_assert_uint_eq(strlen(c), SESSION_TOKEN_LEN);
		ck_assert(b64url_only(c));
		ck_assert_ptr_null(strchr(c, '='));
	}
}
END_TEST

START_TEST(test_csrf_deterministic_and_distinct)
{
	char	*a1 = session_csrf(a, tok1), *a2 = session_csrf(a, tok1);
	char	*b1 = session_csrf(a, tok2);
	char	 t3[sizeof(tok1)];

	ck_assert_str_eq(a1, a2);
	ck_assert_ptr_ne(a1, a2);
	ck_assert_str_ne(a1, b1);
	/* One character of difference changes the token. */
	memcpy(t3, tok1, sizeof(tok1));
	t3[SESSION_TOKEN_LEN - 1] = 'B';
	ck_assert_str_ne(session_csrf(a, t3), a1);
	/* The CSRF token is not the session token. */
	ck_assert_str_ne(a1, tok1);
}
END_TEST

START_TEST(test_csrf_ok)
{
	char	*c = session_csrf(a, tok1);
	char	*d = arena_strdup(a, c);

	ck_assert_int_eq(session_csrf_ok(c, d), 1);
	ck_assert_int_eq(session_csrf_ok(c, NULL), 0);
	ck_assert_int_eq(session_csrf_ok(c, ""), 0);
	ck_assert_int_eq(session_csrf_ok(c, session_csrf(a, tok2)), 0);
	d[0] ^= 1;
	ck_assert_int_eq(session_csrf_ok(c, d), 0);
	d[0] ^= 1;
	d[SESSION_TOKEN_LEN - 1] ^= 1;
	ck_assert_int_eq(session_csrf_ok(c, d), 0);
	/* Prefixes and extensions are refused. */
	ck_assert_int_eq(session_csrf_ok(c, arena_strndup(a, c,
	    SESSION_TOKEN_LEN - 1)), 0);
	ck_assert_int_eq(session_csrf_ok(c, arena_printf(a, "%sA", c)), 0);
	ck_assert_int_eq(session_csrf_ok("", ""), 1);
}
END_TEST

START_TEST(test_cookie_default)
{
	char	*c = session_cookie(a, tok1);

	ck_assert_str_eq(c, "msphub_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAA; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax");
	ck_assert_ptr_null(strstr(c, "Secure"));
	ck_assert_ptr_null(strpbrk(c, "\r\n"));
}
END_TEST

START_TEST(test_cookie_secure)
{
	char	*c;

	setenv("MSPHUB_SECURE_COOKIE", "1", 1);
	c = session_cookie(a, tok2);
	ck_assert_str_eq(c, "msphub_session=abcdefghijklmnopqrstuvwxyz"
	    "0123456789-_ABCDE; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax; "
	    "Secure");
	c = session_cookie(a, NULL);
	ck_assert_str_eq(c, "msphub_session=; Max-Age=0; Path=/; HttpOnly; "
	    "SameSite=Lax; Secure");
	/* Only 1 means secure; anything else falls back to 0. */
	setenv("MSPHUB_SECURE_COOKIE", "0", 1);
	ck_assert_ptr_null(strstr(session_cookie(a, tok1), "Secure"));
	setenv("MSPHUB_SECURE_COOKIE", "yes", 1);
	ck_assert_ptr_null(strstr(session_cookie(a, tok1), "Secure"));
	setenv("MSPHUB_SECURE_COOKIE", "2", 1);
	ck_assert_ptr_null(strstr(session_cookie(a, tok1), "Secure"));
}
END_TEST

START_TEST(test_cookie_clear_and_max_age)
{
	ck_assert_str_eq(session_cookie(a, NULL), "msphub_session=; "
	    "Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
	setenv("MSPHUB_SESSION_MAX", "3600", 1);
	ck_assert_ptr_nonnull(strstr(session_cookie(a, tok1),
	    "; Max-Age=3600; "));
	/* Out of range: the default. */
	setenv("MSPHUB_SESSION_MAX", "10", 1);
	ck_assert_ptr_nonnull(strstr(session_cookie(a, tok1),
	    "; Max-Age=43200; "));
}
END_TEST

START_TEST(test_roles)
{
	ck_assert_int_eq(role_parse("admin"), ROLE_ADMIN);
	ck_assert_int_eq(role_parse("technician"), ROLE_TECHNICIAN);
	ck_assert_int_eq(role_parse("account_manager"), ROLE_ACCOUNT_MANAGER);
	ck_assert_int_eq(role_parse("read_only"), ROLE_READ_ONLY);
	ck_assert_int_eq(role_parse("Admin"), ROLE__MAX);
	ck_assert_int_eq(role_parse("admin "), ROLE__MAX);
	ck_assert_int_eq(role_parse(""), ROLE__MAX);
	ck_assert_int_eq(role_parse(NULL), ROLE__MAX);
	ck_assert_str_eq(role_names[ROLE_ACCOUNT_MANAGER], "account_manager");
	ck_assert_ptr_null(role_names[ROLE__MAX]);
}
END_TEST

static Suite *
session_suite(void)
{
	Suite	*s = suite_create("session");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, unit_arena_teardown);
	tcase_add_test(tc, test_csrf_matches_hmac);
	tcase_add_test(tc, test_csrf_shape);
	tcase_add_test(tc, test_csrf_deterministic_and_distinct);
	tcase_add_test(tc, test_csrf_ok);
	tcase_add_test(tc, test_cookie_default);
	tcase_add_test(tc, test_cookie_secure);
	tcase_add_test(tc, test_cookie_clear_and_max_age);
	tcase_add_test(tc, test_roles);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(session_suite());
}
