/*
 * K3: contacts from and to CSV.  The import maps the header row by name
 * (as spreadsheet and mail programs write it), takes each row in its own
 * transaction (a bad row never costs the good ones, a crash half-way
 * leaves every row whole or absent), and matches on email within the
 * customer (or on name, for rows without one), so importing the same
 * file again creates nothing.  The reply names each rejected row by its
 * line in the file; the header is line 1.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "csv.h"
#include "db.h"
#include "db_contact.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "record.h"

#include "contacts.h"

/* Columns a file may have besides the contact fields. */
enum csv_extra {
	CSV_FIRST_NAME = CONTACT_F__MAX,
	CSV_LAST_NAME,
	CSV_COLUMNS__MAX
};

/* Header names, lower-cased without spaces, - and _, and their column. */
static const struct csv_header {
	const char	*name;
	int		 column;
} csv_headers[] = {
	{ "name", CONTACT_F_NAME },
	{ "fullname", CONTACT_F_NAME },
	{ "displayname", CONTACT_F_NAME },
	{ "contactname", CONTACT_F_NAME },
	{ "firstname", CSV_FIRST_NAME },
	{ "givenname", CSV_FIRST_NAME },
	{ "lastname", CSV_LAST_NAME },
	{ "surname", CSV_LAST_NAME },
	{ "familyname", CSV_LAST_NAME },
	{ "jobtitle", CONTACT_F_JOB_TITLE },	/* not "Title": Outlook's "Dr." */
	{ "position", CONTACT_F_JOB_TITLE },
	{ "email", CONTACT_F_EMAIL },
	{ "emailaddress", CONTACT_F_EMAIL },
	{ "mail", CONTACT_F_EMAIL },
	{ "phone", CONTACT_F_PHONE },
	{ "telephone", CONTACT_F_PHONE },
	{ "businessphone", CONTACT_F_PHONE },
	{ "workphone", CONTACT_F_PHONE },
	{ "phonenumber", CONTACT_F_PHONE },
	{ "mobile", CONTACT_F_MOBILE },
	{ "mobilephone", CONTACT_F_MOBILE },
	{ "cellphone", CONTACT_F_MOBILE },
	{ "notes", CONTACT_F_NOTES },
	{ "note", CONTACT_F_NOTES },
	{ "status", CONTACT_F_STATUS },
};

/* What the header row says: the column of each field, -1 if none. */
struct csv_map {
	int			 at[CSV_COLUMNS__MAX];
	struct json_object	*ignored;	/* header names not used */
};

/* "E-mail Address" -> "emailaddress" */
static char *
csv_header_key(struct arena *a, const char *s)
{
	char	*k = arena_alloc(a, strlen(s) + 1), *q = k;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '-' && *s != '_' && *s != '\t')
			*q++ = (char)tolower((unsigned char)*s);
	*q = '\0';
	return k;
}

static void
csv_map_header(struct arena *a, const struct csv_record *h, struct csv_map *m)
{
	size_t	i, j;
	char	*k;

	for (i = 0; i < CSV_COLUMNS__MAX; i++)
		m->at[i] = -1;
	m->ignored = jsonx_array(a);
	for (i = 0; i < h->nfields; i++) {
		k = csv_header_key(a, h->fields[i]);
		for (j = 0; j < sizeof(csv_headers) / sizeof(csv_headers[0]); j++)
			if (strcmp(csv_headers[j].name, k) == 0)
				break;
		if (j < sizeof(csv_headers) / sizeof(csv_headers[0]) &&
		    m->at[csv_headers[j].column] == -1)
			m->at[csv_headers[j].column] = (int)i;
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
static const char *
csv_cell(struct arena *a, const struct csv_record *r, const struct csv_map *m,
    int col)
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

/*
 * The row as contact field values: 1 when it has any, 0 for a row with
 * nothing in the mapped columns (skipped), -1 with o filled if a value
 * is refused.
 */
static int
csv_row_values(struct arena *a, const struct csv_record *r,
    const struct csv_map *m, struct field_value *in, struct outcome *o)
{
	const char		*v, *first, *last;
	struct field_error	 err;
	int			 f, any = 0;

	memset(in, 0, CONTACT_F__MAX * sizeof(*in));
	first = csv_cell(a, r, m, CSV_FIRST_NAME);
	last = csv_cell(a, r, m, CSV_LAST_NAME);
	for (f = 0; f < CONTACT_F__MAX; f++) {
		if (f == CONTACT_F_CUSTOMER_ID)
			continue;
		v = csv_cell(a, r, m, f);
		if (f == CONTACT_F_NAME && v == NULL && (first || last))
			v = arena_printf(a, "%s%s%s", first ? first : "",
			    first && last ? " " : "", last ? last : "");
		if (v == NULL)
			continue;
		any = 1;
		if (field_from_string(a, &contact_fields[f], v, strlen(v),
		    &in[f], &err) == -1)
			return outcome_fail(o, 400, err.code, err.message,
			    err.field);
	}
	if (any && !in[CONTACT_F_NAME].present)
		return outcome_fail(o, 400, "required",
		    "A contact needs a name", "name");
	return any;
}

/* One row, as a transaction function. */
struct csv_row {
	struct ctx			*c;
	const struct field_value	*in;
	struct outcome			*o;
};

static int
csv_row_tx(void *p)
{
	struct csv_row			*w = p;
	struct ctx			*c = w->c;
	const struct field_value	*email = &w->in[CONTACT_F_EMAIL];
	struct db_res			 res;
	const char			**old = NULL;

	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_MATCH], &res,
	    db_u64(c->customer.id), db_str(email->present ? email->s : NULL),
	    db_str(email->present ? email->s : NULL),
	    db_str(w->in[CONTACT_F_NAME].s)) == -1)
		return -1;
	if (res.nrows == 1)
		old = record_from_row(c->arena, &res, 0, 0, CONTACT_F__MAX);
	if (contact_save(c, old, old ? db_get_u64(&res, 0, CONTACT_COL_ID) : 0,
	    old ? db_get_u64(&res, 0, CONTACT_COL_VERSION) : 0, w->in,
	    w->o) == -1)
		return w->o->status >= 500 ? -1 : w->o->status;
	return 0;
}

static void
csv_reject(struct json_object *arr, size_t line, const char *code,
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
csv_import_row(struct ctx *c, const struct csv_record *r,
    const struct csv_map *m, struct field_value *in, struct csv_tally *t)
{
	struct outcome	o;
	struct csv_row	w = { c, in, &o };
	int		rc;

	memset(&o, 0, sizeof(o));
	if ((rc = csv_row_values(c->arena, r, m, in, &o)) == 0)
		return;
	if (rc == 1 && (rc = db_tx(c->db, csv_row_tx, &w)) == -1)
		outcome_db_fail(&o);
	if (o.status != 0) {
		csv_reject(t->rejected, r->line, o.code, o.message, o.field);
		return;
	}
	if (o.created)
		t->created++;
	else if (o.changed)
		t->updated++;
	else
		t->unchanged++;
}

/* 200, 400, 401, 403, 404, 411, 413, 415, 422 */
int
contacts_import(struct ctx *c)
{
	struct csv_tally	 t = { 0, 0, 0, NULL };
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
	csv_map_header(c->arena, &r, &m);
	if (m.at[CONTACT_F_NAME] < 0 && m.at[CSV_FIRST_NAME] < 0 &&
	    m.at[CSV_LAST_NAME] < 0)
		return ctx_error(c, 422, "no_name_column", "The header row "
		    "needs a Name column (or First Name and Last Name)");
	t.rejected = jsonx_array(c->arena);
	in = arena_calloc(c->arena, CONTACT_F__MAX, sizeof(*in));
	while ((rc = csv_next(&csv, c->arena, &r)) != 0) {
		if (++rows > CONTACTS_IMPORT_ROWS)
			return ctx_error(c, 422, "too_many_rows",
			    arena_printf(c->arena, "Import at most %d rows at "
			    "once", CONTACTS_IMPORT_ROWS));
		if (rc == -1)
			csv_reject(t.rejected, r.line, "malformed_csv", r.error,
			    NULL);
		else
			csv_import_row(c, &r, &m, in, &t);
	}
	o = json_object_new_object();
	jsonx_add_u64(o, "created", t.created);
	jsonx_add_u64(o, "updated", t.updated);
	jsonx_add_u64(o, "unchanged", t.unchanged);
	json_object_object_add(o, "rejected", json_object_get(t.rejected));
	json_object_object_add(o, "ignored_columns", json_object_get(m.ignored));
	return ctx_data(c, 200, o);
}

/* The export's columns: the contact fields but the owner. */
static const char *const csv_export_header =
    "Name,Job title,Email,Phone,Mobile,Notes,Status\r\n";

/*
 * All the customer's contacts as CSV: UTF-8 with a BOM (so spreadsheet
 * programs read it as UTF-8), CRLF, a header the import maps back.
 * 200, 401, 404, 503
 */
int
contacts_export(struct ctx *c)
{
	struct db_res	 res;
	size_t		 i, f, len, cap, n;
	char		*out;
	const char	*v;

	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_EXPORT], &res,
	    db_u64(c->customer.id)) == -1)
		return ctx_db_error(c);
	cap = 64 + strlen(csv_export_header);
	for (i = 0; i < res.nrows; i++)
		for (f = 0; f < CONTACT_F_CUSTOMER_ID; f++)
			cap += db_len(&res, i, f) * 2 + 4;
	out = arena_alloc(c->arena, cap);
	len = (size_t)snprintf(out, cap, "\xef\xbb\xbf%s", csv_export_header);
	for (i = 0; i < res.nrows; i++)
		for (f = 0; f < CONTACT_F_CUSTOMER_ID; f++) {
			v = csv_field(c->arena, db_get(&res, i, f) ?
			    db_get(&res, i, f) : "");
			n = (size_t)snprintf(out + len, cap - len, "%s%s", v,
			    f + 1 == CONTACT_F_CUSTOMER_ID ? "\r\n" : ",");
			if (n >= cap - len)
				return ctx_error(c, 500, "internal",
				    "Internal error");
			len += n;
		}
	resp_header(&c->resp, "Content-Disposition", arena_printf(c->arena,
	    "attachment; filename=\"contacts-%llu.csv\"",
	    (unsigned long long)c->customer.id));
	return resp_bytes(&c->resp, 200, "text/csv; charset=utf-8", out, len);
}
