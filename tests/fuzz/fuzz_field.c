/*
 * libFuzzer harness for lib/field.c.  The first byte picks the mode:
 * even, the rest is a JSON body for jsonx_parse + field_parse_object
 * against a table with every field type; odd, the rest is a query
 * string for req_parse_query + field_parse_query.  Every input is also
 * run through field_from_string for each type.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "arena.h"
#include "field.h"
#include "jsonx.h"
#include "req.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const kinds[] = { "a", "b", "c", NULL };

static const struct field_spec fields[] = {
	{ "text", FIELD_TEXT, 0, 1, 20, NULL },
	{ "raw", FIELD_TEXT, FIELD_NOTRIM | FIELD_NULLABLE, 0, 0, NULL },
	{ "notes", FIELD_MULTILINE, 0, 0, 200, NULL },
	{ "n", FIELD_INT, 0, -100, 100, NULL },
	{ "id", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL },
	{ "x", FIELD_NUMBER, FIELD_NULLABLE, 0, 0, NULL },
	{ "kind", FIELD_ENUM, 0, 0, 0, kinds },
	{ "on", FIELD_BOOL, 0, 0, 0, NULL },
	{ "day", FIELD_DATE, 0, 0, 0, NULL },
	{ "email", FIELD_EMAIL, 0, 0, 0, NULL },
	{ "domain", FIELD_DOMAIN, 0, 0, 0, NULL },
	{ "url", FIELD_URL, 0, 0, 0, NULL },
	{ "country", FIELD_COUNTRY, 0, 0, 0, NULL },
	{ "obj", FIELD_OBJECT, 0, 0, 0, NULL },
};

#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static struct arena	*arena;

/* What field.c promises about an accepted value. */
static void
check_value(const struct field_spec *spec, const struct field_value *v)
{
	if (!v->present || v->null)
		return;
	if (spec->type == FIELD_OBJECT) {
		if (v->obj == NULL)
			abort();
		return;
	}
	if (v->s == NULL || strlen(v->s) != v->len ||
	    !field_utf8_valid(v->s, v->len))
		abort();
	if (spec->max > 0 && (spec->type == FIELD_TEXT ||
	    spec->type == FIELD_MULTILINE) &&
	    (long long)field_utf8_chars(v->s, v->len) > spec->max)
		abort();
	if (spec->type == FIELD_ID && (v->i < 1 || v->i > FIELD_ID_MAX))
		abort();
	if (spec->type == FIELD_INT && (v->i < spec->min || v->i > spec->max))
		abort();
	if (spec->type == FIELD_URL && strncasecmp(v->s, "http", 4) != 0)
		abort();
}

static void
check_values(const struct field_value *vals)
{
	size_t	i;

	for (i = 0; i < NFIELDS; i++)
		check_value(&fields[i], &vals[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_value	 vals[NFIELDS], v;
	struct field_error	 err;
	struct json_object	*o;
	struct req		 r;
	char			*s;
	size_t			 i;

	if (size == 0)
		return 0;
	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	s = arena_strndup(arena, (const char *)data + 1, size - 1);
	if (data[0] % 2 == 0) {
		o = jsonx_parse(arena, s, size - 1);
		if (field_parse_object(arena, fields, NFIELDS, o, vals,
		    &err) == 0)
			check_values(vals);
		else if (err.code == NULL || err.message == NULL)
			abort();
	} else {
		memset(&r, 0, sizeof(r));
		if (req_parse_query(arena, s, &r) == REQ_OK) {
			if (field_parse_query(arena, fields, NFIELDS, &r, vals,
			    &err) == 0)
				check_values(vals);
			else if (err.code == NULL || err.message == NULL)
				abort();
		}
	}
	for (i = 0; i < NFIELDS; i++) {
		if (fields[i].type == FIELD_OBJECT)
			continue;
		if (field_from_string(arena, &fields[i], s, size - 1, &v,
		    &err) == 0)
			check_value(&fields[i], &v);
	}
	arena_reset(arena);
	return 0;
}
