/*
 * Per-request memory arena.  Everything a request allocates comes from
 * one arena and goes away at arena_reset(); objects owned by libraries
 * (json-c, libxml2) are registered as cleanups and released there too.
 * Built with ARENA_DEBUG (sanitizer builds) each allocation is its own
 * malloc, so ASan still sees overflows.  An arena holds at most its cap;
 * past it, or when malloc fails, the exhaustion hook is called, which
 * must not return (the server jumps back and answers 503); with no hook
 * the process aborts.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

#define ARENA_BLOCK_MIN	(64 * 1024)
#define ARENA_CAP	(64 * 1024 * 1024)	/* a 25 MiB body and room */

struct arena;

typedef void (*arena_cleanup_fn)(void *);
typedef void (*arena_exhausted_fn)(void *);

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);
void		 arena_limit(struct arena *, size_t, arena_exhausted_fn,
		    void *);
void		*arena_alloc(struct arena *, size_t);
void		*arena_calloc(struct arena *, size_t, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
int		 arena_cleanup_add(struct arena *, arena_cleanup_fn, void *);
size_t		 arena_used(const struct arena *);

#endif
