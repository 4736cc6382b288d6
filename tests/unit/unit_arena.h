/*
 * The arena `a` of the unit tests that need one: made before and freed
 * after each test by unit_arena_setup and unit_arena_teardown.
 */
#ifndef UNIT_ARENA_H
#define UNIT_ARENA_H

#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "arena.h"

static struct arena	*a;

static inline void
unit_arena_setup(void)
{
	a = arena_new();
}

static inline void
unit_arena_teardown(void)
{
	arena_free(a);
	a = NULL;
}

/* The bytes of tests/data/DIR/NAME, NUL-terminated, in the arena. */
static inline char *
unit_slurp(const char *sub, const char *name, size_t *len)
{
	const char	*dir = getenv("top_srcdir");
	char		*path, *s;
	FILE		*f;
	long		 n;

	path = arena_printf(a, "%s/tests/data/%s/%s", dir ? dir : ".", sub,
	    name);
	ck_assert_msg((f = fopen(path, "rb")) != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(f), 0);
	rewind(f);
	s = arena_alloc(a, (size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

#endif
