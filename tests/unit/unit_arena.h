/*
 * The arena `a` of the unit tests that need one: made before and freed
 * after each test by unit_arena_setup and unit_arena_teardown.
 */
#ifndef UNIT_ARENA_H
#define UNIT_ARENA_H

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

#endif
