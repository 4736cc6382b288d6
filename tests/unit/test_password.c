/*
 * Unit tests for lib/password.c: yescrypt hashes, and the dummy hash for
 * unknown accounts made once at program start (password_init), so no
 * sign-in pays for making it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"
#include "arena.h"
#include "password.h"

START_TEST(test_hash_and_verify)
{
	char	*h = password_hash(a, "correct horse battery");

	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(strncmp(h, "$y$", 3), 0);
	ck_assert_int_eq(password_verify(a, "correct horse battery", h), 1);
	ck_assert_int_eq(password_verify(a, "correct horse batterY", h), 0);
	ck_assert_int_eq(password_verify(a, "x", "*"), 0);
	/* A fresh salt each time. */
	ck_assert_str_ne(password_hash(a, "correct horse battery"), h);
}
END_TEST

START_TEST(test_init_makes_dummy_once)
{
	char	*d;
	int	 i;

	ck_assert_str_eq(password_dummy(), "");
	ck_assert_int_eq(password_init(), 0);
	d = arena_strdup(a, password_dummy());
	ck_assert_int_eq(strncmp(d, "$y$", 3), 0);
	/* A real hash, of a password no account can have. */
	ck_assert_int_eq(password_verify(a, "msphub dummy password", d), 1);
	/* Checks against the dummy never hash a new salt, nor does init. */
	for (i = 0; i < 3; i++) {
		password_verify_dummy(a, "a guess");
		ck_assert_str_eq(password_dummy(), d);
	}
	ck_assert_int_eq(password_init(), 0);
	ck_assert_str_eq(password_dummy(), d);
}
END_TEST

static Suite *
password_suite(void)
{
	Suite	*s = suite_create("password");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_hash_and_verify);
	tcase_add_test(tc, test_init_makes_dummy_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(password_suite());
}
