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

#include "arena.h"
#include "csv_table.h"
#include "db.h"
#include "db_contact.h"
#include "dispatch.h"
#include "outcome.h"
#include "record.h"

#include "contacts.h"

/* Columns a file may have besides the contact fields. */
enum csv_extra {
	CSV_FIRST_NAME = CONTACT_F__MAX,
	CSV_LAST_NAME,
	CSV_COLUMNS__MAX
};

static const struct csv_header csv_headers[] = {
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

static int
csv_header_check(struct ctx *c, const struct csv_map *m)
{
	if (m->at[CONTACT_F_NAME] < 0 && m->at[CSV_FIRST_NAME] < 0 &&
	    m->at[CSV_LAST_NAME] < 0)
		return ctx_error(c, 422, "no_name_column", "The header row "
		    "needs a Name column (or First Name and Last Name)");
	return 0;
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
	const char	*v, *first, *last;
	int		 f, any = 0;

	first = csv_table_cell(a, r, m, CSV_FIRST_NAME);
	last = csv_table_cell(a, r, m, CSV_LAST_NAME);
	for (f = 0; f < CONTACT_F__MAX; f++) {
		if (f == CONTACT_F_CUSTOMER_ID)
			continue;
		v = csv_table_cell(a, r, m, f);
		if (f == CONTACT_F_NAME && v == NULL && (first || last))
			v = arena_printf(a, "%s%s%s", first ? first : "",
			    first && last ? " " : "", last ? last : "");
		if (v == NULL)
			continue;
		any = 1;
		if (csv_table_value(a, &contact_fields[f], v, &in[f], o) == -1)
			return -1;
	}
	if (any && !in[CONTACT_F_NAME].present)
		return outcome_fail(o, 400, "required",
		    "A contact needs a name", "name");
	return any;
}

/* One row, as a transaction function. */
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
	return csv_table_save(w, contact_save(c, old, old ?
	    db_get_u64(&res, 0, CONTACT_COL_ID) : 0, old ?
	    db_get_u64(&res, 0, CONTACT_COL_VERSION) : 0, w->in, w->o));
}

/* The export's columns: the contact fields but the owner. */
static const struct csv_table contacts_csv = {
	"contacts", csv_headers, sizeof(csv_headers) / sizeof(csv_headers[0]),
	CSV_COLUMNS__MAX, CONTACT_F__MAX, CONTACTS_IMPORT_ROWS,
	"Name,Job title,Email,Phone,Mobile,Notes,Status\r\n",
	csv_header_check, csv_row_values, csv_row_tx
};

/* 200, 400, 401, 403, 404, 411, 413, 415, 422 */
int
contacts_import(struct ctx *c)
{
	return csv_table_import(c, &contacts_csv);
}

/* All the customer's contacts as CSV.  200, 401, 404, 503 */
int
contacts_export(struct ctx *c)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_EXPORT], &res,
	    db_u64(c->customer.id)) == -1)
		return ctx_db_error(c);
	return csv_table_export(c, &contacts_csv, &res, CONTACT_F_CUSTOMER_ID);
}
