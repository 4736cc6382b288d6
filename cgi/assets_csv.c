/*
 * D4: assets from and to CSV, by K3's rules (lib/csv_table.c).  A row
 * matches an asset of the customer by serial, or by name for rows
 * without one, so importing the same file again creates nothing.  The
 * file holds the asset's own columns; its folder, contact and location
 * are set in the hub.
 */
#include "config.h"

#include <ctype.h>

#include "arena.h"
#include "csv_table.h"
#include "db.h"
#include "db_asset.h"
#include "dispatch.h"
#include "outcome.h"
#include "record.h"

#include "assets.h"

static const struct csv_header csv_headers[] = {
	{ "name", ASSET_F_NAME },
	{ "assetname", ASSET_F_NAME },
	{ "asset", ASSET_F_NAME },
	{ "devicename", ASSET_F_NAME },
	{ "hostname", ASSET_F_NAME },
	{ "type", ASSET_F_TYPE },
	{ "assettype", ASSET_F_TYPE },
	{ "category", ASSET_F_TYPE },
	{ "status", ASSET_F_STATUS },
	{ "state", ASSET_F_STATUS },
	{ "serial", ASSET_F_SERIAL },
	{ "serialnumber", ASSET_F_SERIAL },
	{ "serialno", ASSET_F_SERIAL },
	{ "servicetag", ASSET_F_SERIAL },
	{ "purchasedate", ASSET_F_PURCHASE_DATE },
	{ "purchased", ASSET_F_PURCHASE_DATE },
	{ "purchasedon", ASSET_F_PURCHASE_DATE },
	{ "dateofpurchase", ASSET_F_PURCHASE_DATE },
	{ "warrantyexpiry", ASSET_F_WARRANTY_EXPIRY },
	{ "warrantyexpires", ASSET_F_WARRANTY_EXPIRY },
	{ "warrantyexpiration", ASSET_F_WARRANTY_EXPIRY },
	{ "warrantyend", ASSET_F_WARRANTY_EXPIRY },
	{ "warrantyenddate", ASSET_F_WARRANTY_EXPIRY },
	{ "os", ASSET_F_OS_NAME },
	{ "osname", ASSET_F_OS_NAME },
	{ "operatingsystem", ASSET_F_OS_NAME },
	{ "osversion", ASSET_F_OS_VERSION },
	{ "notes", ASSET_F_NOTES },
	{ "note", ASSET_F_NOTES },
	{ "comments", ASSET_F_NOTES },
};

static int
csv_header_check(struct ctx *c, const struct csv_map *m)
{
	if (m->at[ASSET_F_NAME] < 0)
		return ctx_error(c, 422, "no_name_column",
		    "The header row needs a Name column");
	return 0;
}

/* "In use", "In-Stock" -> "in_use", "in_stock": as people write them. */
static const char *
csv_status(struct arena *a, const char *v)
{
	char	*s = arena_strndup(a, v, strlen(v)), *p;

	for (p = s; *p != '\0'; p++)
		*p = (*p == ' ' || *p == '-') ? '_' :
		    (char)tolower((unsigned char)*p);
	return s;
}

/* The row as asset values: 1, 0 for an empty row, -1 with o filled. */
static int
csv_row_values(struct arena *a, const struct csv_record *r,
    const struct csv_map *m, struct field_value *in, struct outcome *o)
{
	const char	*v;
	int		 f, any = 0;

	for (f = 0; f < ASSET_F_CSV_MAX; f++) {
		if ((v = csv_table_cell(a, r, m, f)) == NULL)
			continue;
		any = 1;
		if (f == ASSET_F_STATUS)
			v = csv_status(a, v);
		if (csv_table_value(a, &asset_fields[f], v, &in[f], o) == -1)
			return -1;
	}
	if (any && !in[ASSET_F_NAME].present)
		return outcome_fail(o, 400, "required",
		    "An asset needs a name", "name");
	return any;
}

/* One row, as a transaction function. */
static int
csv_row_tx(void *p)
{
	struct csv_row			*w = p;
	struct ctx			*c = w->c;
	const struct field_value	*serial = &w->in[ASSET_F_SERIAL];
	struct db_res			 res;
	const char			**old = NULL;

	if (DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_MATCH], &res,
	    db_u64(c->customer.id), db_str(serial->present ? serial->s : NULL),
	    db_str(serial->present ? serial->s : NULL),
	    db_str(w->in[ASSET_F_NAME].s)) == -1)
		return -1;
	if (res.nrows == 1)
		old = record_from_row(c->arena, &res, 0, 0, ASSET_F__MAX);
	return csv_table_save(w, asset_save(c, old, old ?
	    db_get_u64(&res, 0, ASSET_COL_ID) : 0, old ?
	    db_get_u64(&res, 0, ASSET_COL_VERSION) : 0, w->in, w->o));
}

static const struct csv_table assets_csv = {
	"assets", csv_headers, sizeof(csv_headers) / sizeof(csv_headers[0]),
	ASSET_F__MAX, ASSET_F__MAX, ASSETS_IMPORT_ROWS,
	"Name,Type,Status,Serial,Purchase date,Warranty expiry,OS,OS version,"
	"Notes\r\n",
	csv_header_check, csv_row_values, csv_row_tx
};

/* 200, 400, 401, 403, 404, 411, 413, 415, 422 */
int
assets_import(struct ctx *c)
{
	return csv_table_import(c, &assets_csv);
}

/* The assets the customer owns, as CSV.  200, 401, 404, 503 */
int
assets_export(struct ctx *c)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_EXPORT], &res,
	    db_u64(c->customer.id)) == -1)
		return ctx_db_error(c);
	return csv_table_export(c, &assets_csv, &res, ASSET_F_CSV_MAX);
}
