/*
 * cgi/billing: get, create, edit and delete of a customer's contracts,
 * time entries, invoices and projects, each described by its struct
 * billing_kind.  A record id under another customer is 404.  Every write
 * adds its audit row, its timeline event and its count in the same
 * transaction.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "timeline.h"

#include "billing.h"

/* ISO 4217 codes in use (2024). */
const char *const billing_currencies[] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
	"BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL",
	"BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY",
	"COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
	"ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
	"GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
	"IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF",
	"KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
	"LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
	"MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
	"NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
	"SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
	"TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
	"USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF",
	"XPF", "YER", "ZAR", "ZMW", "ZWL", NULL
};

/* The currencies whose minor unit is not a hundredth (ISO 4217). */
static const char *const currencies_0 =
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
static const char *const currencies_3 = "BHD IQD JOD KWD LYD OMR TND";

/* "1234.50 EUR" from minor units, for timeline summaries. */
const char *
billing_money(struct ctx *c, int64_t minor, const char *currency)
{
	int64_t	 unit = 100;
	int	 digits = 2;

	if (strstr(currencies_0, currency) != NULL) {
		unit = 1;
		digits = 0;
	} else if (strstr(currencies_3, currency) != NULL) {
		unit = 1000;
		digits = 3;
	}
	if (digits == 0)
		return arena_printf(c->arena, "%lld %s", (long long)minor,
		    currency);
	return arena_printf(c->arena, "%s%lld.%0*lld %s", minor < 0 ? "-" : "",
	    llabs((long long)minor) / unit, digits,
	    llabs((long long)minor) % unit, currency);
}

/* date (YYYY-MM-DD, valid) plus days, in the arena. */
const char *
billing_date_add(struct ctx *c, const char *date, long days)
{
	struct tm	tm;
	time_t		t;
	char		*out = arena_alloc(c->arena, sizeof("YYYY-MM-DD"));

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)strtol(date, NULL, 10) - 1900;
	tm.tm_mon = (int)strtol(date + 5, NULL, 10) - 1;
	tm.tm_mday = (int)strtol(date + 8, NULL, 10) + (int)days;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, sizeof("YYYY-MM-DD"), "%Y-%m-%d", &tm);
	return out;
}

struct json_object *
billing_json(struct ctx *c, const struct billing_kind *k,
    const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();
	size_t			 n = k->ncolumns;

	jsonx_add_u64(o, "id", db_get_u64(res, r, n));
	jsonx_add_u64(o, "customer_id", c->customer.id);
	record_to_json(k->fields, n, record_from_row(c->arena, res, r, 0, n),
	    o);
	if (k->extra != NULL)
		k->extra(o, res, r);
	jsonx_add_u64(o, "version", db_get_u64(res, r, n + 1));
	jsonx_add_str(o, "created_at", db_get(res, r, n + 2));
	jsonx_add_str(o, "updated_at", db_get(res, r, n + 3));
	return o;
}

/* A list's page of the records in res (read with LIMIT limit + 1). */
int
billing_page(struct ctx *c, const struct billing_kind *k, const struct page *p,
    const struct db_res *res)
{
	struct json_object	*arr = json_object_new_array();
	size_t			 i, n = page_rows(p, res);

	for (i = 0; i < n; i++)
		json_object_array_add(arr, billing_json(c, k, res, i));
	return page_reply(c, arr, p, res, k->sort_col, k->ncolumns);
}

/* The LIKE pattern of a search query value, or NULL for none. */
const char *
billing_like(struct ctx *c, const struct field_value *q)
{
	if (!q->present || q->len == 0)
		return NULL;
	return db_like_anywhere(c->arena, q->s);
}

/* The record as the reply: status, or 404, or -1. */
int
billing_reply(struct ctx *c, const struct billing_kind *k, int status,
    uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, k->get, &res, db_u64(id),
	    db_u64(c->customer.id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, k->name);
	return ctx_record(c, status, billing_json(c, k, &res, 0),
	    db_get_u64(&res, 0, k->ncolumns + 1), arena_printf(c->arena,
	    "/api/v1/customers/%llu/%s/%llu",
	    (unsigned long long)c->customer.id, k->path,
	    (unsigned long long)id));
}

/* 200, 401, 404, 503 */
int
billing_get(struct ctx *c)
{
	int	rc = billing_reply(c, billing_kind_of(c), 200, c->ids[1]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

/* The audit row and timeline event of a change to a record. */
int
billing_event(struct ctx *c, const struct billing_kind *k, const char *verb,
    uint64_t id, const char *summary, struct json_object *changes)
{
	const char	*kind = arena_printf(c->arena, "%s.%s", k->name, verb);

	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, k->name, id, c->customer.id, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ c->customer.id, kind, summary, k->name,
	    id });
}

/* A failed write as the client's mistake when it is one, else 503. */
int
billing_db_fail(struct ctx *c, const struct billing_kind *k,
    struct outcome *o)
{
	switch (db_errno(c->db)) {
	case DB_ER_DUP_ENTRY:
		if (k->dup_code != NULL)
			return outcome_fail(o, 409, k->dup_code,
			    "Another record already has this value",
			    k->dup_field);
		break;
	case DB_ER_NO_REFERENCED_ROW:
		return outcome_fail(o, 400, "unknown_reference",
		    "No such record of this customer", k->ref_field);
	case DB_ER_ROW_IS_REFERENCED:
		return outcome_fail(o, 409, "in_use",
		    "Other records refer to this one; change them first",
		    NULL);
	default:
		break;
	}
	return outcome_db_fail(o);
}

/*
 * Inside the transaction, locks the record of the path: 0 with res its
 * row, 404 with its reply, or -1.
 */
int
billing_lock(struct ctx *c, const struct billing_kind *k, struct db_res *res)
{
	if (DB_EXEC(c->db, c->arena, k->lock, res, db_u64(c->ids[1]),
	    db_u64(c->customer.id)) == -1)
		return -1;
	return res->nrows == 0 ? ctx_not_found(c, k->name) : 0;
}

/* Adds delta to the kind's count, if it has one (COUNT__MAX: none). */
static int
billing_count(struct ctx *c, const struct billing_kind *k, int64_t delta)
{
	if (k->count == COUNT__MAX)
		return 0;
	return counts_add(c->db, c->arena, c->customer.id, k->count, NULL,
	    delta);
}

static const char *
billing_title(struct ctx *c, const struct billing_kind *k,
    const char *const *v, uint64_t id)
{
	if (v[k->title] != NULL)
		return v[k->title];
	return arena_printf(c->arena, "#%llu", (unsigned long long)id);
}

/*
 * Creates a record of the customer in the path (row NULL) or applies the
 * input to the locked row.  0, or -1 with o filled.
 */
static int
billing_save(struct ctx *c, const struct billing_kind *k,
    const struct db_res *row, struct outcome *o)
{
	struct db_arg		 args[DB_ARGS_MAX];
	struct json_object	*changes = jsonx_object(c->arena);
	struct db_res		 res;
	const char		**old = NULL, **cur;
	size_t			 i, n = k->ncolumns;
	uint64_t		 id = 0;

	memset(o, 0, sizeof(*o));
	if (row != NULL) {
		old = record_from_row(c->arena, row, 0, 0, n);
		id = db_get_u64(row, 0, n);
	}
	cur = record_merge(c->arena, k->fields, n, old, c->in);
	for (i = 0; row == NULL && k->defaults != NULL && i < n; i++)
		if (cur[i] == NULL)
			cur[i] = k->defaults[i];
	if (k->check != NULL && k->check(c, row, old, cur, o) == -1)
		return -1;
	if (record_diff(k->fields, n, old, cur, changes) > 0 || row == NULL) {
		record_args(cur, n, args);
		if (row == NULL) {
			args[n] = db_u64(c->customer.id);
			if (db_exec(c->db, c->arena, k->insert, args, n + 1,
			    &res) == -1)
				return billing_db_fail(c, k, o);
			id = res.insert_id;
			o->created = 1;
			if (billing_count(c, k, 1) == -1)
				return outcome_db_fail(o);
		} else {
			args[n] = db_u64(id);
			args[n + 1] = db_u64(db_get_u64(row, 0, n + 1));
			if (db_exec(c->db, c->arena, k->update, args, n + 2,
			    NULL) == -1)
				return billing_db_fail(c, k, o);
		}
	}
	o->id = id;
	if (k->after != NULL && k->after(c, id, cur, changes, o) == -1)
		return -1;
	if (row != NULL && json_object_object_length(changes) == 0)
		return 0;
	o->changed = 1;
	if (billing_event(c, k, o->created ? "created" : "updated", id,
	    arena_printf(c->arena, "%s %s: %s", k->label, o->created ?
	    "added" : "changed", billing_title(c, k, cur, id)), changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

static int
billing_create_tx(struct ctx *c, void *arg)
{
	const struct billing_kind	*k = arg;
	struct outcome			 o;

	if (billing_save(c, k, NULL, &o) == -1)
		return outcome_reply(c, &o);
	return billing_reply(c, k, 201, o.id);
}

/* 201, 400, 401, 403, 404, 409, 413, 415, 422, 503 */
int
billing_create(struct ctx *c)
{
	return ctx_tx(c, billing_create_tx, (void *)billing_kind_of(c));
}

static int
billing_update_tx(struct ctx *c, void *arg)
{
	const struct billing_kind	*k = billing_kind_of(c);
	const uint64_t			*version = arg;
	struct db_res			 res;
	struct outcome			 o;
	uint64_t			 cur;
	int				 rc;

	if ((rc = billing_lock(c, k, &res)) != 0)
		return rc;
	cur = db_get_u64(&res, 0, k->ncolumns + 1);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this record",
		    billing_json(c, k, &res, 0), cur);
	if (billing_save(c, k, &res, &o) == -1)
		return outcome_reply(c, &o);
	return billing_reply(c, k, 200, c->ids[1]);
}

/* 200, 400, 401, 403, 404, 409, 422, 428, 503 */
int
billing_update(struct ctx *c)
{
	return ctx_tx_versioned(c, billing_update_tx);
}

static int
billing_delete_tx(struct ctx *c, void *arg)
{
	const struct billing_kind	*k = arg;
	struct json_object		*ch = jsonx_object(c->arena);
	struct db_res			 res;
	struct outcome			 o;
	const char			*title;
	int				 rc;

	memset(&o, 0, sizeof(o));
	if ((rc = billing_lock(c, k, &res)) != 0)
		return rc;
	title = billing_title(c, k, record_from_row(c->arena, &res, 0, 0,
	    k->ncolumns), c->ids[1]);
	audit_change(ch, k->fields[k->title].name,
	    json_object_new_string(title), NULL);
	if (k->deleting != NULL && k->deleting(c, &res, &o) == -1)
		return outcome_reply(c, &o);
	if (DB_EXEC(c->db, c->arena, k->del, NULL, db_u64(c->ids[1]),
	    db_u64(c->customer.id)) == -1) {
		billing_db_fail(c, k, &o);
		return outcome_reply(c, &o);
	}
	if (billing_count(c, k, -1) == -1 || billing_event(c, k, "deleted", c->ids[1],
	    arena_printf(c->arena, "%s removed: %s", k->label, title),
	    ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* 204, 401, 403, 404, 409, 422, 503 */
int
billing_delete(struct ctx *c)
{
	return ctx_tx(c, billing_delete_tx, (void *)billing_kind_of(c));
}
