/*
 * Unit tests for lib/conf.c: KEY=VALUE files, environment overrides,
 * defaults and bounded integers.  conf.c keeps file entries in static
 * storage, so every test runs in its own process (CK_FORK) and starts
 * with no entries.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "unit.h"

#include "conf.h"

static char	path[64];

/* Writes text to a new temporary file and points MSPHUB_CONFIG at it. */
static void
write_conf(const char *text)
{
	int	fd;

	snprintf(path, sizeof(path), "/tmp/msphub-conf-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ck_assert_int_eq(setenv("MSPHUB_CONFIG", path, 1), 0);
}

static void
setup(void)
{
	path[0] = '\0';
	unsetenv("MSPHUB_CONFIG");
	unsetenv("MSPHUB_T_A");
	unsetenv("MSPHUB_T_B");
	unsetenv("MSPHUB_T_N");
}

static void
teardown(void)
{
	if (path[0] != '\0')
		unlink(path);
}

START_TEST(test_no_file)
{
	ck_assert_int_eq(conf_load(), 0);
	ck_assert_ptr_null(conf_get("MSPHUB_T_A", NULL));
	ck_assert_str_eq(conf_get("MSPHUB_T_A", "dflt"), "dflt");
	setenv("MSPHUB_CONFIG", "", 1);
	ck_assert_int_eq(conf_load(), 0);
}
END_TEST

START_TEST(test_missing_file)
{
	setenv("MSPHUB_CONFIG", "/nonexistent/msphub.conf", 1);
	ck_assert_int_eq(conf_load(), -1);
}
END_TEST

START_TEST(test_parse)
{
	write_conf("# a comment\n"
	    "\n"
	    "   \t\n"
	    "MSPHUB_T_A=one\n"
	    "  MSPHUB_T_B \t=  two words  \r\n"
	    "   # indented comment\n"
	    "MSPHUB_T_C=\n"
	    "MSPHUB_T_D=x=y#z\n"
	    "MSPHUB_T_E=last, no newline");
	ck_assert_int_eq(conf_load(), 0);
	ck_assert_str_eq(conf_get("MSPHUB_T_A", NULL), "one");
	ck_assert_str_eq(conf_get("MSPHUB_T_B", NULL), "two words");
	ck_assert_str_eq(conf_get("MSPHUB_T_C", "dflt"), "");
	ck_assert_str_eq(conf_get("MSPHUB_T_D", NULL), "x=y#z");
	ck_assert_str_eq(conf_get("MSPHUB_T_E", NULL), "last, no newline");
	ck_assert_ptr_null(conf_get("# a comment", NULL));
	ck_assert_ptr_null(conf_get("msphub_t_a", NULL));
	ck_assert_str_eq(conf_get("MSPHUB_T_MISSING", "dflt"), "dflt");
}
END_TEST

START_TEST(test_later_line_wins)
{
	write_conf("MSPHUB_T_A=first\nMSPHUB_T_A=second\n");
	ck_assert_int_eq(conf_load(), 0);
	ck_assert_str_eq(conf_get("MSPHUB_T_A", NULL), "second");
}
END_TEST

START_TEST(test_missing_equals)
{
	write_conf("MSPHUB_T_A=1\nJUST A LINE\nMSPHUB_T_B=2\n");
	ck_assert_int_eq(conf_load(), -1);
	/* Lines before the bad one were read, none after. */
	ck_assert_str_eq(conf_get("MSPHUB_T_A", "x"), "1");
	ck_assert_str_eq(conf_get("MSPHUB_T_B", "x"), "x");
}
END_TEST

START_TEST(test_line_too_long)
{
	char	*text = malloc(CONF_LINE_MAX * 2 + 32);

	ck_assert_ptr_nonnull(text);
	memcpy(text, "MSPHUB_T_A=", 11);
	memset(text + 11, 'v', CONF_LINE_MAX * 2);
	memcpy(text + 11 + CONF_LINE_MAX * 2, "\n", 2);
	write_conf(text);
	free(text);
	ck_assert_int_eq(conf_load(), -1);
	ck_assert_ptr_null(conf_get("MSPHUB_T_A", NULL));
}
END_TEST

START_TEST(test_longest_line)
{
	char	*text = malloc(CONF_LINE_MAX + 1);

	/* CONF_LINE_MAX - 1 bytes with the newline: the longest allowed. */
	ck_assert_ptr_nonnull(text);
	memcpy(text, "MSPHUB_T_A=", 11);
	memset(text + 11, 'v', CONF_LINE_MAX - 13);
	memcpy(text + CONF_LINE_MAX - 2, "\n", 2);
	ck_assert_uint_eq(strlen(text), CONF_LINE_MAX - 1);
	write_conf(text);
	free(text);
	ck_assert_int_eq(conf_load(), 0);
	ck_assert_uint_eq(strlen(conf_get("MSPHUB_T_A", "")),
	    CONF_LINE_MAX - 13);
}
END_TEST

START_TEST(test_too_many_keys)
{
	size_t	 size = (CONF_KEYS_MAX + 1) * 32, i, n = 0;
	char	*text = malloc(size);

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < CONF_KEYS_MAX + 1; i++)
		n += (size_t)snprintf(text + n, size - n, "MSPHUB_K%zu=%zu\n",
		    i, i);
	write_conf(text);
	free(text);
	ck_assert_int_eq(conf_load(), -1);
	ck_assert_str_eq(conf_get("MSPHUB_K0", "x"), "0");
	ck_assert_str_eq(conf_get("MSPHUB_K63", "x"), "63");
	ck_assert_str_eq(conf_get("MSPHUB_K64", "x"), "x");
}
END_TEST

START_TEST(test_env_overrides_file)
{
	write_conf("MSPHUB_T_A=file\nMSPHUB_T_B=file\n");
	ck_assert_int_eq(conf_load(), 0);
	setenv("MSPHUB_T_A", "env", 1);
	ck_assert_str_eq(conf_get("MSPHUB_T_A", NULL), "env");
	/* An empty environment value does not override. */
	setenv("MSPHUB_T_B", "", 1);
	ck_assert_str_eq(conf_get("MSPHUB_T_B", NULL), "file");
	/* The environment alone is enough. */
	setenv("MSPHUB_T_N", "x", 1);
	ck_assert_str_eq(conf_get("MSPHUB_T_N", NULL), "x");
}
END_TEST

struct long_case {
	const char	*v;
	long		 want;
};

START_TEST(test_long_bounds)
{
	static const struct long_case cases[] = {
		{ NULL, 30 },		/* unset: the default */
		{ "10", 10 },
		{ "1", 1 },
		{ "100", 100 },
		{ "0", 30 },		/* below min */
		{ "101", 30 },		/* above max */
		{ "-5", 30 },
		{ "", 30 },		/* empty env: unset */
		{ "abc", 30 },
		{ "10abc", 30 },
		{ "1.5", 30 },
		{ "0x10", 30 },
		{ "99999999999999999999999", 30 },
		{ "-99999999999999999999999", 30 },
		{ "010", 10 },		/* decimal, not octal */
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].v == NULL)
			unsetenv("MSPHUB_T_N");
		else
			setenv("MSPHUB_T_N", cases[i].v, 1);
		ck_assert_msg(conf_long("MSPHUB_T_N", 30, 1, 100) ==
		    cases[i].want, "MSPHUB_T_N=%s", cases[i].v ?
		    cases[i].v : "(unset)");
	}
	setenv("MSPHUB_T_N", "-9223372036854775808", 1);
	ck_assert_int_eq(conf_long("MSPHUB_T_N", 0, LONG_MIN, LONG_MAX),
	    LONG_MIN);
	setenv("MSPHUB_T_N", "9223372036854775808", 1);
	ck_assert_int_eq(conf_long("MSPHUB_T_N", 7, LONG_MIN, LONG_MAX), 7);
}
END_TEST

START_TEST(test_long_from_file)
{
	write_conf("MSPHUB_T_N = 42 \nMSPHUB_T_A=4x2\n");
	ck_assert_int_eq(conf_load(), 0);
	ck_assert_int_eq(conf_long("MSPHUB_T_N", 1, 0, 100), 42);
	ck_assert_int_eq(conf_long("MSPHUB_T_N", 1, 0, 41), 1);
	ck_assert_int_eq(conf_long("MSPHUB_T_A", 5, 0, 100), 5);
	setenv("MSPHUB_T_N", "7", 1);
	ck_assert_int_eq(conf_long("MSPHUB_T_N", 1, 0, 100), 7);
}
END_TEST

static Suite *
conf_suite(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_no_file);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_later_line_wins);
	tcase_add_test(tc, test_missing_equals);
	tcase_add_test(tc, test_line_too_long);
	tcase_add_test(tc, test_longest_line);
	tcase_add_test(tc, test_too_many_keys);
	tcase_add_test(tc, test_env_overrides_file);
	tcase_add_test(tc, test_long_bounds);
	tcase_add_test(tc, test_long_from_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(conf_suite());
}
