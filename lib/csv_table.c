#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "csv.h"
#include "csv_table.h"
#include "db.h"
#include "dispatch.h"
#include "field.h"
#include "jsonx.h"
#include "outcome.h"

/* "E-mail Address" -> "emailaddress" */
static char *
csv_table_key(struct arena *a, const char *s)
{
	char	*k = arena_alloc(a, strlen(s) + 1), *q = k;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '-' && *s != '_' && *s != '\t')
			*q++ = (char)tolower((unsigned char)*s);
	*q = '\0';
	return k;
}

static void
csv_table_map(struct arena *a, const struct csv_table *t,
    const struct csv_record *h, struct csv_map *m)
{
	size_t	i, j;
	char	*k;

	for (i = 0; i < CSV_TABLE_COLUMNS_MAX; i++)
		m->at[i] = -1;
	m->ignored = jsonx_array(a);
	for (i = 0; i < h->nfields; i++) {
		k = csv_table_key(a, h->fields[i]);
		for (j = 0; j < t->nheaders; j++)
			if (strcmp(t->headers[j].name, k) == 0)
				break;
		if (j < t->nheaders && m->at[t->headers[j].column] == -1)
			m->at[t->headers[j].column] = (int)i;
		else
			json_object_array_add(m->ignored,
			    json_object_new_string(h->fields[i]));
	}
}

/*
 * The row's text in column col, trimmed; NULL when absent or empty.  The
 * ' that an export puts before a leading = + - @ (csv_field: no formula
 * runs in a spreadsheet) is taken off again: "+1 415 …" comes back as it
 * went out.
 */
const char *
csv_table_cell(struct arena *a, const struct csv_record *r,
    const struct csv_map *m, int col)
{
	const char	*s, *e;

	if (m->at[col] < 0 || (size_t)m->at[col] >= r->nfields)
		return NULL;
	s = r->fields[m->at[col]];
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - s >= 2 && s[0] == '\'' && strchr("=+-@", s[1]) != NULL)
		s++;
	return e == s ? NULL : arena_strndup(a, s, (size_t)(e - s));
}

/* The cell v checked as spec: 0, or -1 with o filled. */
int
csv_table_value(struct arena *a, const struct field_spec *spec,
    const char *v, struct field_value *in, struct outcome *o)
{
	struct field_error	err;

	if (field_from_string(a, spec, v, strlen(v), in, &err) == -1)
		return outcome_fail(o, 400, err.code, err.message, err.field);
	return 0;
}

/* A save function's end: rc of the record's save, o its outcome. */
int
csv_table_save(struct csv_row *w, int rc)
{
	if (rc == -1)
		return w->o->status >= 500 ? -1 : w->o->status;
	return 0;
}

static void
csv_table_reject(struct json_object *arr, size_t line, const char *code,
    const char *message, const char *field)
{
	struct json_object	*r = json_object_new_object(), *e;

	jsonx_add_u64(r, "line", line);
	e = json_object_new_object();
	jsonx_add_str(e, "code", code);
	jsonx_add_str(e, "message", message);
	if (field != NULL)
		jsonx_add_str(e, "field", field);
	json_object_object_add(r, "error", e);
	json_object_array_add(arr, r);
}

/* The import's tally, as the reply shows it. */
struct csv_tally {
	uint64_t		 created, updated, unchanged;
	struct json_object	*rejected;
};

static void
csv_table_row(struct ctx *c, const struct csv_table *t,
    const struct csv_record *r, const struct csv_map *m,
    struct field_value *in, struct csv_tally *tally)
{
	struct outcome	o;
	struct csv_row	w = { c, in, &o };
	int		rc;

	memset(&o, 0, sizeof(o));
	memset(in, 0, t->nfields * sizeof(*in));
	if ((rc = t->values(c->arena, r, m, in, &o)) == 0)
		return;
	if (rc == 1 && (rc = db_tx(c->db, t->save, &w)) == -1)
		outcome_db_fail(&o);
	if (o.status != 0) {
		csv_table_reject(tally->rejected, r->line, o.code, o.message,
		    o.field);
		return;
	}
	if (o.created)
		tally->created++;
	else if (o.changed)
		tally->updated++;
	else
		tally->unchanged++;
}

/*
 * The request body as t's rows.  200, or 422 for a file without a header
 * (or without the columns t->header wants) or with too many rows.
 */
int
csv_table_import(struct ctx *c, const struct csv_table *t)
{
	struct csv_tally	 tally = { 0, 0, 0, NULL };
	struct field_value	*in;
	struct csv_record	 r;
	struct csv_map		 m;
	struct json_object	*o;
	struct csv		 csv;
	size_t			 rows = 0;
	int			 rc;

	csv_open(&csv, c->req.body, c->req.body_len);
	if ((rc = csv_next(&csv, c->arena, &r)) != 1)
		return ctx_error(c, 422, "no_header", rc == 0 ?
		    "The file is empty: it needs a header row" :
		    "The header row (line 1) is not valid CSV");
	csv_table_map(c->arena, t, &r, &m);
	if ((rc = t->header(c, &m)) != 0)
		return rc;
	tally.rejected = jsonx_array(c->arena);
	in = arena_calloc(c->arena, t->nfields, sizeof(*in));
	while ((rc = csv_next(&csv, c->arena, &r)) != 0) {
		if (++rows > t->rows_max)
			return ctx_error(c, 422, "too_many_rows",
			    arena_printf(c->arena, "Import at most %zu rows at "
			    "once", t->rows_max));
		if (rc == -1)
			csv_table_reject(tally.rejected, r.line,
			    "malformed_csv", r.error, NULL);
		else
			csv_table_row(c, t, &r, &m, in, &tally);
	}
	o = json_object_new_object();
	jsonx_add_u64(o, "created", tally.created);
	jsonx_add_u64(o, "updated", tally.updated);
	jsonx_add_u64(o, "unchanged", tally.unchanged);
	json_object_object_add(o, "rejected", json_object_get(tally.rejected));
	json_object_object_add(o, "ignored_columns", json_object_get(m.ignored));
	return ctx_data(c, 200, o);
}

/*
 * Columns 0 .. ncols - 1 of res as the path customer's t file: UTF-8
 * with a BOM (so spreadsheet programs read it as UTF-8), CRLF.
 * 200, or 500
 */
int
csv_table_export(struct ctx *c, const struct csv_table *t,
    const struct db_res *res, size_t ncols)
{
	size_t		 i, f, len, cap, n;
	char		*out;
	const char	*v;

	cap = 64 + strlen(t->export_header);
	for (i = 0; i < res->nrows; i++)
		for (f = 0; f < ncols; f++)
			cap += db_len(res, i, f) * 2 + 4;
	out = arena_alloc(c->arena, cap);
	len = (size_t)snprintf(out, cap, "\xef\xbb\xbf%s", t->export_header);
	for (i = 0; i < res->nrows; i++)
		for (f = 0; f < ncols; f++) {
			v = csv_field(c->arena, db_get(res, i, f) ?
			    db_get(res, i, f) : "");
			n = (size_t)snprintf(out + len, cap - len, "%s%s", v,
			    f + 1 == ncols ? "\r\n" : ",");
			if (n >= cap - len)
				return ctx_error(c, 500, "internal",
				    "Internal error");
			len += n;
		}
	resp_header(&c->resp, "Content-Disposition", arena_printf(c->arena,
	    "attachment; filename=\"%s-%llu.csv\"", t->name,
	    (unsigned long long)c->customer.id));
	return resp_bytes(&c->resp, 200, "text/csv; charset=utf-8", out, len);
}
