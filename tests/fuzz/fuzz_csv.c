/*
 * libFuzzer harness for lib/csv.c.  The input is read as a CSV file to
 * the end: every call must move the reader on, lines must grow, and a
 * record must hold what csv.h promises.  Each good record is written
 * back with csv_field and must read back the same (with the formula
 * prefix csv_field adds).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "field.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*arena;

static int
prefixed(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static void
check_record(const struct csv_record *r)
{
	size_t	i;

	if (r->error != NULL || r->nfields == 0 ||
	    r->nfields > CSV_FIELDS_MAX)
		abort();
	for (i = 0; i < r->nfields; i++)
		if (r->lens[i] > CSV_FIELD_MAX ||
		    strlen(r->fields[i]) != r->lens[i] ||
		    !field_utf8_valid(r->fields[i], r->lens[i]))
			abort();
}

static void
roundtrip(const struct csv_record *r)
{
	struct csv		 c;
	struct csv_record	 back;
	const char		*s = "";
	size_t			 i, p;

	/* A lone empty field is an empty line; a prefix may pass the max. */
	if (r->nfields == 1 && r->lens[0] == 0)
		return;
	for (i = 0; i < r->nfields; i++) {
		if (r->lens[i] + 1 > CSV_FIELD_MAX && prefixed(r->fields[i]))
			return;
		s = arena_printf(arena, "%s%s%s", s, i ? "," : "",
		    csv_field(arena, r->fields[i]));
	}
	s = arena_printf(arena, "%s\r\n", s);
	csv_open(&c, s, strlen(s));
	if (csv_next(&c, arena, &back) != 1 || back.nfields != r->nfields)
		abort();
	for (i = 0; i < r->nfields; i++) {
		p = prefixed(r->fields[i]);
		if (back.lens[i] != r->lens[i] + p ||
		    (p && back.fields[i][0] != '\'') ||
		    memcmp(back.fields[i] + p, r->fields[i], r->lens[i]) != 0)
			abort();
	}
	if (csv_next(&c, arena, &back) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv		 c;
	struct csv_record	 r;
	const char		*was;
	size_t			 line = 0;
	int			 rc;

	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	csv_open(&c, (const char *)data, size);
	for (;;) {
		was = c.p;
		rc = csv_next(&c, arena, &r);
		if (c.p < was || c.p > c.end)
			abort();
		if (rc == 0) {
			if (c.p != c.end)
				abort();
			break;
		}
		if (c.p == was || r.line <= line || c.line < r.line)
			abort();
		line = r.line;
		if (rc == -1) {
			if (r.error == NULL)
				abort();
			continue;
		}
		if (rc != 1)
			abort();
		check_record(&r);
		roundtrip(&r);
	}
	arena_reset(arena);
	return 0;
}
