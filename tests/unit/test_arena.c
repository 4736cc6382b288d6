/*
 * Unit tests for lib/arena.c: alignment, string helpers, cleanups,
 * size-argument overflow checks and the byte cap with its exhaustion hook.
 */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"

#include "arena.h"
#include "route.h"

#define ALIGN	_Alignof(max_align_t)

const char	*__asan_default_options(void);

/* Under ASan a huge malloc() must return NULL, as libc's does. */
const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static char	order[16];
static size_t	norder;

static void
record(void *p)
{
	if (norder < sizeof(order) - 1)
		order[norder++] = *(const char *)p;
}

START_TEST(test_alloc_alignment)
{
	struct arena	*a = arena_new();
	size_t		 sizes[] = { 1, 3, 7, 8, 15, 16, 17, 31, 100, 4095 };
	size_t		 i;

	ck_assert_ptr_nonnull(a);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = arena_alloc(a, sizes[i]);

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % ALIGN, 0);
		memset(p, 0xa5, sizes[i]);
	}
	arena_reset(a);
	ck_assert_uint_eq((uintptr_t)arena_alloc(a, 1) % ALIGN, 0);
	arena_free(a);
}
END_TEST

START_TEST(test_alloc_zero_distinct)
{
	struct arena	*a = arena_new();
	char		*p = arena_alloc(a, 0), *q = arena_alloc(a, 0);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(p, q);
	arena_free(a);
}
END_TEST

START_TEST(test_alloc_no_overlap)
{
	struct arena	*a = arena_new();
	unsigned char	*p[64];
	size_t		 i, j;

	for (i = 0; i < 64; i++) {
		p[i] = arena_alloc(a, 1000 + i);
		memset(p[i], (int)i, 1000 + i);
	}
	for (i = 0; i < 64; i++)
		for (j = 0; j < 1000 + i; j++)
			ck_assert_uint_eq(p[i][j], i);
	arena_free(a);
}
END_TEST

START_TEST(test_calloc_zeroes)
{
	struct arena	*a = arena_new();
	unsigned char	*p;
	size_t		 i;

	/* Dirty the block first so calloc has to clear it after a reset. */
	memset(arena_alloc(a, 4096), 0xff, 4096);
	arena_reset(a);
	p = arena_calloc(a, 512, 8);
	for (i = 0; i < 4096; i++)
		ck_assert_uint_eq(p[i], 0);
	arena_free(a);
}
END_TEST

START_TEST(test_strdup_helpers)
{
	struct arena	*a = arena_new();
	const char	*src = "hello, world";
	char		*s;

	s = arena_strdup(a, src);
	ck_assert_str_eq(s, src);
	ck_assert_ptr_ne(s, src);
	ck_assert_ptr_null(arena_strdup(a, NULL));
	s = arena_strndup(a, src, 5);
	ck_assert_str_eq(s, "hello");
	s = arena_strndup(a, "ab\0cd", 5);
	ck_assert_int_eq(memcmp(s, "ab\0cd", 6), 0);
	s = arena_strndup(a, src, 0);
	ck_assert_str_eq(s, "");
	arena_free(a);
}
END_TEST

START_TEST(test_printf)
{
	struct arena	*a = arena_new();
	char		*s, big[10000];

	s = arena_printf(a, "%s-%d-%zu", "x", -5, (size_t)42);
	ck_assert_str_eq(s, "x--5-42");
	ck_assert_str_eq(arena_printf(a, "%s", ""), "");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(a, "<%s>", big);
	ck_assert_uint_eq(strlen(s), sizeof(big) + 1);
	ck_assert_int_eq(s[0], '<');
	ck_assert_int_eq(s[sizeof(big)], '>');
	/* Self-append, as resp_head does. */
	s = arena_printf(a, "%s", "a");
	s = arena_printf(a, "%s%s", s, "b");
	s = arena_printf(a, "%s%s", s, "c");
	ck_assert_str_eq(s, "abc");
	arena_free(a);
}
END_TEST

START_TEST(test_cleanups_reverse_on_reset)
{
	struct arena	*a = arena_new();
	static char	 x = 'a', y = 'b', z = 'c';

	norder = 0;
	memset(order, 0, sizeof(order));
	ck_assert_int_eq(arena_cleanup_add(a, record, &x), 0);
	ck_assert_int_eq(arena_cleanup_add(a, record, &y), 0);
	ck_assert_int_eq(arena_cleanup_add(a, record, &z), 0);
	ck_assert_uint_eq(norder, 0);
	arena_reset(a);
	ck_assert_str_eq(order, "cba");
	/* Run once only: a second reset calls nothing. */
	arena_reset(a);
	ck_assert_str_eq(order, "cba");
	arena_cleanup_add(a, record, &x);
	arena_free(a);
	ck_assert_str_eq(order, "cbaa");
}
END_TEST

START_TEST(test_cleanups_reverse_on_free)
{
	struct arena	*a = arena_new();
	static char	 d[] = "0123456789";
	size_t		 i;

	norder = 0;
	memset(order, 0, sizeof(order));
	for (i = 0; i < 10; i++) {
		/* Interleave big allocations so cleanups span blocks. */
		arena_alloc(a, ARENA_BLOCK_MIN / 3);
		arena_cleanup_add(a, record, &d[i]);
	}
	arena_free(a);
	ck_assert_str_eq(order, "9876543210");
}
END_TEST

START_TEST(test_large_allocations)
{
	struct arena	*a = arena_new();
	unsigned char	*small, *big, *small2;
	size_t		 n = 5 * ARENA_BLOCK_MIN + 3;

	small = arena_alloc(a, 10);
	memset(small, 1, 10);
	big = arena_alloc(a, n);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq((uintptr_t)big % ALIGN, 0);
	memset(big, 2, n);
	small2 = arena_alloc(a, 10);
	memset(small2, 3, 10);
	ck_assert_uint_eq(small[9], 1);
	ck_assert_uint_eq(big[0], 2);
	ck_assert_uint_eq(big[n - 1], 2);
	ck_assert_uint_eq(small2[0], 3);
	ck_assert_uint_ge(arena_used(a), n + 20);
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	big = arena_alloc(a, n);
	memset(big, 4, n);
	ck_assert_uint_eq(big[n - 1], 4);
	arena_free(a);
}
END_TEST

START_TEST(test_used_counts)
{
	struct arena	*a = arena_new();

	ck_assert_uint_eq(arena_used(a), 0);
	arena_alloc(a, 100);
	ck_assert_uint_ge(arena_used(a), 100);
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	arena_free(a);
	arena_free(NULL);	/* must not crash */
}
END_TEST

/* These must abort() rather than return a short buffer. */
START_TEST(test_alloc_huge_aborts)
{
	struct arena	*a = arena_new();

	arena_alloc(a, 1);
	(void)arena_alloc(a, SIZE_MAX);
	ck_abort_msg("arena_alloc(SIZE_MAX) returned");
}
END_TEST

START_TEST(test_alloc_near_max_aborts)
{
	struct arena	*a = arena_new();

	arena_alloc(a, 1);
	(void)arena_alloc(a, SIZE_MAX - 8);
	ck_abort_msg("arena_alloc(SIZE_MAX - 8) returned");
}
END_TEST

START_TEST(test_alloc_header_overflow_aborts)
{
	struct arena	*a = arena_new();

	(void)arena_alloc(a, SIZE_MAX - 64);
	ck_abort_msg("arena_alloc(SIZE_MAX - 64) returned");
}
END_TEST

START_TEST(test_calloc_overflow_aborts)
{
	struct arena	*a = arena_new();

	(void)arena_calloc(a, SIZE_MAX / 2 + 2, 2);
	ck_abort_msg("arena_calloc overflow returned");
}
END_TEST

START_TEST(test_calloc_zero_members)
{
	struct arena	*a = arena_new();

	ck_assert_ptr_nonnull(arena_calloc(a, 0, SIZE_MAX));
	ck_assert_ptr_nonnull(arena_calloc(a, SIZE_MAX, 0));
	arena_free(a);
}
END_TEST

static sigjmp_buf	exhausted_jmp;
static int		exhausted_calls;

static void
exhausted(void *arg)
{
	ck_assert_ptr_eq(arg, &exhausted_calls);
	exhausted_calls++;
	siglongjmp(exhausted_jmp, 1);
}

#define CAP	(4 * ARENA_BLOCK_MIN)

/* Below the cap nothing changes; one byte over calls the hook. */
START_TEST(test_cap_calls_hook)
{
	struct arena		*a = arena_new();
	static char		 x = 'x';
	unsigned char		*p;
	volatile size_t		 got = 0;

	/* The largest body fits, with room for the rest of the request. */
	ck_assert_uint_ge(ARENA_CAP, 2 * ROUTE_BODY_MAX);
	arena_limit(a, CAP, exhausted, &exhausted_calls);
	exhausted_calls = 0;
	norder = 0;
	memset(order, 0, sizeof(order));
	arena_cleanup_add(a, record, &x);
	if (sigsetjmp(exhausted_jmp, 0) == 0) {
		while (got + 1000 <= CAP - 64) {
			p = arena_alloc(a, 1000);
			memset(p, 7, 1000);
			got += 1000;
		}
		ck_assert_int_eq(exhausted_calls, 0);
		(void)arena_alloc(a, CAP);
		ck_abort_msg("arena_alloc past the cap returned");
	}
	ck_assert_int_eq(exhausted_calls, 1);
	ck_assert_uint_ge(got, CAP - 64 - 1000);
	/* The reset after the jump still runs the cleanups. */
	arena_reset(a);
	ck_assert_str_eq(order, "x");
	p = arena_alloc(a, CAP - 64);
	memset(p, 1, CAP - 64);
	ck_assert_int_eq(exhausted_calls, 1);
	arena_free(a);
}
END_TEST

/* A failed malloc under the cap calls the hook too. */
START_TEST(test_malloc_failure_calls_hook)
{
	struct arena	*a = arena_new();

	arena_limit(a, SIZE_MAX, exhausted, &exhausted_calls);
	exhausted_calls = 0;
	if (sigsetjmp(exhausted_jmp, 0) == 0) {
		(void)arena_alloc(a, SIZE_MAX / 4);
		ck_abort_msg("arena_alloc of SIZE_MAX / 4 returned");
	}
	ck_assert_int_eq(exhausted_calls, 1);
	arena_free(a);
}
END_TEST

/* With no hook, the default cap aborts as before. */
START_TEST(test_default_cap_aborts)
{
	struct arena	*a = arena_new();

	(void)arena_alloc(a, ARENA_CAP + 1);
	ck_abort_msg("arena_alloc past ARENA_CAP returned");
}
END_TEST

static Suite *
arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_alloc_alignment);
	tcase_add_test(tc, test_alloc_zero_distinct);
	tcase_add_test(tc, test_alloc_no_overlap);
	tcase_add_test(tc, test_calloc_zeroes);
	tcase_add_test(tc, test_strdup_helpers);
	tcase_add_test(tc, test_printf);
	tcase_add_test(tc, test_cleanups_reverse_on_reset);
	tcase_add_test(tc, test_cleanups_reverse_on_free);
	tcase_add_test(tc, test_large_allocations);
	tcase_add_test(tc, test_used_counts);
	tcase_add_test(tc, test_calloc_zero_members);
	tcase_add_test(tc, test_cap_calls_hook);
	tcase_add_test(tc, test_malloc_failure_calls_hook);
	tcase_add_test_raise_signal(tc, test_default_cap_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_alloc_huge_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_alloc_near_max_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_alloc_header_overflow_aborts,
	    SIGABRT);
	tcase_add_test_raise_signal(tc, test_calloc_overflow_aborts, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(arena_suite());
}
