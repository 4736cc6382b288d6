/*
 * cgi/billing: a customer's billing settings (B3) and its recent
 * invoices.  A customer that never saved them has the defaults at
 * version 0; PUT replaces the whole set, with If-Match like every edit.
 * The billing contact and address are the customer's own fields (C1).
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_invoice.h"
#include "dispatch.h"
#include "jsonx.h"
#include "record.h"
#include "timeline.h"

#include "billing.h"

#define N	FIELD_NULLABLE

const struct field_spec billing_fields[BILLING_F__MAX] = {
	{ "currency", FIELD_ENUM, N, 0, 0, billing_currencies },
							/* BILLING_F_CURRENCY */
	{ "hourly_rate_minor", FIELD_INT, N, 0, BILLING_MINOR_MAX, NULL },
							/* BILLING_F_HOURLY_RATE */
	{ "device_rate_minor", FIELD_INT, N, 0, BILLING_MINOR_MAX, NULL },
							/* BILLING_F_DEVICE_RATE */
	{ "auto_billing", FIELD_BOOL, 0, 0, 0, NULL },	/* BILLING_F_AUTO_BILLING */
	{ "payment_terms_days", FIELD_INT, N, 0, BILLING_TERMS_MAX, NULL },
							/* BILLING_F_TERMS */
	{ "invoice_email", FIELD_EMAIL, N, 0, 0, NULL }, /* BILLING_F_INVOICE_EMAIL */
	{ "po_number", FIELD_TEXT, N, 0, 100, NULL },	/* BILLING_F_PO_NUMBER */
	{ "tax_id", FIELD_TEXT, N, 0, 50, NULL },	/* BILLING_F_TAX_ID */
};

static const char *const billing_defaults[BILLING_F__MAX] = {
	NULL, NULL, NULL, "0", NULL, NULL, NULL, NULL
};

/* The settings values (NULL: the defaults) as a new object. */
static struct json_object *
billing_values_json(const char *const *v)
{
	struct json_object	*o = json_object_new_object();

	record_to_json(billing_fields, BILLING_F__MAX, v != NULL ? v :
	    billing_defaults, o);
	return o;
}

/* The settings (row NULL: the defaults) and the recent invoices. */
static int
billing_settings_reply(struct ctx *c, const struct db_res *row)
{
	struct json_object	*o, *arr;
	struct db_res		 inv;
	uint64_t		 version = 0;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_RECENT], &inv,
	    db_u64(c->customer.id), db_i64(BILLING_RECENT_MAX)) == -1)
		return -1;
	o = billing_values_json(row != NULL ? record_from_row(c->arena, row, 0, 0,
	    BILLING_F__MAX) : NULL);
	jsonx_add_u64(o, "customer_id", c->customer.id);
	if (row != NULL)
		version = db_get_u64(row, 0, BILLING_COL_VERSION);
	jsonx_add_u64(o, "version", version);
	jsonx_add_str(o, "updated_at", row != NULL ?
	    db_get(row, 0, BILLING_COL_UPDATED_AT) : NULL);
	arr = json_object_new_array();
	for (i = 0; i < inv.nrows; i++)
		json_object_array_add(arr, billing_json(c, &invoice_kind,
		    &inv, i));
	json_object_object_add(o, "recent_invoices", arr);
	return ctx_record(c, 200, o, version, NULL);
}

/* 200, 401, 404, 503 */
int
billing_settings_get(struct ctx *c)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &billing_sql[BILLING_SQL_GET], &res,
	    db_u64(c->customer.id)) == -1 ||
	    billing_settings_reply(c, res.nrows == 1 ? &res : NULL) == -1)
		return ctx_db_error(c);
	return 200;
}

static int
billing_settings_put_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_arg		 args[BILLING_F__MAX + 1];
	struct db_res		 res;
	const char		**old, **cur;
	uint64_t		 now = 0;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &billing_sql[BILLING_SQL_LOCK], &res,
	    db_u64(c->customer.id)) == -1)
		return -1;
	old = res.nrows == 1 ? record_from_row(c->arena, &res, 0, 0,
	    BILLING_F__MAX) : NULL;
	if (old != NULL)
		now = db_get_u64(&res, 0, BILLING_COL_VERSION);
	if (now != *version)
		return ctx_conflict(c, "Someone else changed these settings",
		    billing_values_json(old), now);
	/* PUT: what is not sent is back to its default. */
	cur = record_merge(c->arena, billing_fields, BILLING_F__MAX, NULL,
	    c->in);
	for (i = 0; i < BILLING_F__MAX; i++)
		if (cur[i] == NULL)
			cur[i] = billing_defaults[i];
	if (record_diff(billing_fields, BILLING_F__MAX, old != NULL ? old :
	    billing_defaults, cur, ch) == 0 && old != NULL)
		return billing_settings_reply(c, &res) == -1 ? -1 : 200;
	record_args(cur, BILLING_F__MAX, args);
	args[BILLING_F__MAX] = db_u64(c->customer.id);
	if (db_exec(c->db, c->arena, &billing_sql[old != NULL ?
	    BILLING_SQL_UPDATE : BILLING_SQL_INSERT], args, BILLING_F__MAX + 1,
	    NULL) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "billing.updated", "billing_settings", c->customer.id,
	    c->customer.id, ch }) == -1 ||
	    timeline_add(c->db, c->arena, &c->actor, &(struct timeline_event){
	    c->customer.id, "billing.updated", "Billing settings changed",
	    "billing_settings", c->customer.id }) == -1 ||
	    DB_EXEC(c->db, c->arena, &billing_sql[BILLING_SQL_GET], &res,
	    db_u64(c->customer.id)) == -1 || res.nrows != 1 ||
	    billing_settings_reply(c, &res) == -1)
		return -1;
	return 200;
}

/*
 * If-Match "0" for a customer that never saved them.
 * 200, 400, 401, 403, 404, 409, 413, 415, 428, 503
 */
int
billing_settings_put(struct ctx *c)
{
	return ctx_tx_versioned(c, billing_settings_put_tx);
}
