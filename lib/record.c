#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "field.h"
#include "record.h"

/* n text cells of row starting at column first. */
const char **
record_from_row(struct arena *a, const struct db_res *res, size_t row,
    size_t first, size_t n)
{
	const char	**v = arena_calloc(a, n, sizeof(*v));
	size_t		  i;

	for (i = 0; i < n; i++)
		v[i] = db_get(res, row, first + i);
	return v;
}

struct json_object *
record_value_json(const struct field_spec *spec, const char *v)
{
	if (v == NULL)
		return NULL;
	switch (spec->type) {
	case FIELD_INT:
	case FIELD_ID:
		return json_object_new_int64(strtoll(v, NULL, 10));
	case FIELD_NUMBER:
		/* Printed as stored (field.c keeps the text sent). */
		return json_object_new_double_s(strtod(v, NULL), v);
	case FIELD_BOOL:
		return json_object_new_boolean(strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	default:
		return json_object_new_string(v);
	}
}

void
record_to_json(const struct field_spec *specs, size_t n,
    const char *const *v, struct json_object *o)
{
	size_t	i;

	for (i = 0; i < n; i++)
		json_object_object_add(o, specs[i].name,
		    record_value_json(&specs[i], v[i]));
}

/* old values with the present inputs applied: the state after a PATCH. */
const char **
record_merge(struct arena *a, const struct field_spec *specs, size_t n,
    const char *const *old, const struct field_value *in)
{
	const char	**v = arena_calloc(a, n, sizeof(*v));
	size_t		  i;

	for (i = 0; i < n; i++) {
		v[i] = old != NULL ? old[i] : NULL;
		if (!in[i].present)
			continue;
		if (in[i].null)
			v[i] = NULL;
		else if (specs[i].type == FIELD_BOOL)
			v[i] = in[i].i ? "1" : "0";
		else if ((specs[i].type == FIELD_TEXT ||
		    specs[i].type == FIELD_MULTILINE) && in[i].len == 0 &&
		    specs[i].min == 0)
			v[i] = NULL;	/* an emptied optional text is unset */
		else
			v[i] = in[i].s;
	}
	return v;
}

static int
record_same(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* Adds old -> new for every field that changed; returns how many. */
int
record_diff(const struct field_spec *specs, size_t n, const char *const *old,
    const char *const *cur, struct json_object *changes)
{
	size_t	i;
	int	count = 0;

	for (i = 0; i < n; i++) {
		const char *o = old != NULL ? old[i] : NULL;

		if (record_same(o, cur[i]))
			continue;
		audit_change(changes, specs[i].name,
		    record_value_json(&specs[i], o),
		    record_value_json(&specs[i], cur[i]));
		count++;
	}
	return count;
}

void
record_args(const char *const *v, size_t n, struct db_arg *args)
{
	size_t	i;

	for (i = 0; i < n; i++)
		args[i] = db_str(v[i]);
}
