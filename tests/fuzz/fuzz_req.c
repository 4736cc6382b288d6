/*
 * libFuzzer harness for the request parsers in lib/req.h.  The input is
 * split at the first four 0x00 bytes into: query string, Cookie header,
 * Content-Type, Content-Length and method; missing parts are empty.
 * Parsed results are checked for the invariants req.c promises.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*arena;

/* The next NUL-terminated part of data, as an arena string. */
static const char *
part(const uint8_t **data, size_t *size)
{
	const uint8_t	*end = memchr(*data, '\0', *size);
	size_t		 n = end != NULL ? (size_t)(end - *data) : *size;
	const char	*s = arena_strndup(arena, (const char *)*data, n);

	if (end != NULL)
		n++;
	*data += n;
	*size -= n;
	return s;
}

static void
check_params(const struct req_param *p, size_t n, size_t max, int query)
{
	size_t	i;

	if (n > max)
		abort();
	for (i = 0; i < n; i++) {
		if (p[i].key == NULL || p[i].value == NULL || *p[i].key == '\0')
			abort();
		/* value_len may count decoded NULs, never fewer bytes. */
		if (strlen(p[i].value) > p[i].value_len)
			abort();
		if (!query && strlen(p[i].value) != p[i].value_len)
			abort();
		if (p[i].value[p[i].value_len] != '\0')
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req	 r;
	const char	*qs, *cookie, *ct, *cl, *method;
	long long	 n;
	size_t		 i;

	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	qs = part(&data, &size);
	cookie = part(&data, &size);
	ct = part(&data, &size);
	cl = part(&data, &size);
	method = part(&data, &size);

	memset(&r, 0, sizeof(r));
	if (req_parse_query(arena, qs, &r) == REQ_OK) {
		check_params(r.params, r.nparams, REQ_PARAMS_MAX, 1);
		for (i = 0; i < r.nparams; i++)
			if (req_param(&r, r.params[i].key) == NULL)
				abort();
	} else if (*qs == '\0')
		abort();
	if (req_parse_cookies(arena, cookie, &r) == REQ_OK) {
		check_params(r.cookies, r.ncookies, REQ_COOKIES_MAX, 0);
		for (i = 0; i < r.ncookies; i++)
			if (req_cookie(&r, r.cookies[i].key) == NULL)
				abort();
	}
	(void)req_content_type_json(ct);
	n = req_parse_content_length(cl);
	if (n < -1 || (n >= 0 && strspn(cl, "0123456789") != strlen(cl)))
		abort();
	(void)req_method_name(req_method_parse(method));
	arena_reset(arena);
	return 0;
}
