#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 used;
	/* Aligned so that every allocation is ARENA_ALIGN-aligned. */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup	*next;
	arena_cleanup_fn	 fn;
	void			*ptr;
};

struct arena {
	struct arena_block	*blocks;
	struct arena_cleanup	*cleanups;
	size_t			 used;
	size_t			 cap;
	arena_exhausted_fn	 exhausted;
	void			*exhausted_arg;
};

struct arena *
arena_new(void)
{
	struct arena	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		log_err("arena_new: out of memory");
	else
		a->cap = ARENA_CAP;
	return a;
}

/* At most cap bytes; past them, or when malloc fails, fn(arg). */
void
arena_limit(struct arena *a, size_t cap, arena_exhausted_fn fn, void *arg)
{
	a->cap = cap;
	a->exhausted = fn;
	a->exhausted_arg = arg;
}

static void
arena_run_cleanups(struct arena *a)
{
	struct arena_cleanup	*c;

	/* Newest first: a later object may hold on to an earlier one. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->ptr);
	}
}

static void
arena_free_blocks(struct arena *a)
{
	struct arena_block	*b;

	while ((b = a->blocks) != NULL) {
		a->blocks = b->next;
		free(b);
	}
}

void
arena_reset(struct arena *a)
{
	arena_run_cleanups(a);
#ifdef ARENA_DEBUG
	arena_free_blocks(a);
#else
	/* Keep the first (largest-so-far) block for the next request. */
	if (a->blocks != NULL) {
		struct arena_block *keep = a->blocks;

		while (keep->next != NULL) {
			struct arena_block *b = keep;

			keep = keep->next;
			free(b);
		}
		keep->used = 0;
		a->blocks = keep;
	}
#endif
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_run_cleanups(a);
	arena_free_blocks(a);
	free(a);
}

static void *
arena_block_take(struct arena *a, size_t n)
{
	struct arena_block	*b = a->blocks;
	size_t			 sz;

	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;	/* rounding up would wrap to a short block */
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
#ifndef ARENA_DEBUG
	if (b != NULL && b->size - b->used >= n) {
		void *p = b->data + b->used;

		b->used += n;
		return p;
	}
	sz = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
#else
	sz = n;
#endif
	if (sz > SIZE_MAX - sizeof(*b))
		return NULL;
	if ((b = malloc(sizeof(*b) + sz)) == NULL)
		return NULL;
	b->size = sz;
	b->used = n;
	/* The current block stays first so small requests keep filling it. */
	if (a->blocks != NULL && sz > ARENA_BLOCK_MIN) {
		b->next = a->blocks->next;
		a->blocks->next = b;
	} else {
		b->next = a->blocks;
		a->blocks = b;
	}
	return b->data;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void	*p;

	if (n == 0)
		n = 1;
	if (n > a->cap - a->used || (p = arena_block_take(a, n)) == NULL) {
		log_err("arena_alloc: %zu more bytes: %s", n,
		    n > a->cap - a->used ? "over the cap" : "out of memory");
		if (a->exhausted != NULL)
			a->exhausted(a->exhausted_arg);
		abort();
	}
	a->used += n;
	return p;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size) {
		log_err("arena_calloc: overflow");
		abort();
	}
	p = arena_alloc(a, nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		log_err("arena_vprintf: bad format");
		abort();
	}
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

int
arena_cleanup_add(struct arena *a, arena_cleanup_fn fn, void *ptr)
{
	struct arena_cleanup	*c;

	c = arena_alloc(a, sizeof(*c));
	c->fn = fn;
	c->ptr = ptr;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}
