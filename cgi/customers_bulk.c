/*
 * POST /api/v1/customers/bulk (C11): up to CUSTOMERS_BULK_MAX customers,
 * created or updated by external_ref.  Each record is its own
 * transaction: a bad record never rejects the good ones, and a crash
 * half-way leaves every record either written whole or not at all.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"

#include "customers.h"

static void
bulk_result(struct json_object *arr, size_t idx, const char *ref,
    const struct outcome *o)
{
	struct json_object	*r = json_object_new_object(), *e;

	json_object_object_add(r, "index", json_object_new_int64((int64_t)idx));
	jsonx_add_str(r, "external_ref", ref);
	if (o->status != 0) {
		jsonx_add_str(r, "result", "rejected");
		e = json_object_new_object();
		jsonx_add_str(e, "code", o->code);
		jsonx_add_str(e, "message", o->message);
		if (o->field != NULL)
			jsonx_add_str(e, "field", o->field);
		json_object_object_add(r, "error", e);
	} else {
		jsonx_add_str(r, "result", o->created ? "created" : "updated");
		jsonx_add_u64(r, "id", o->id);
		jsonx_add_bool(r, "changed", o->changed);
	}
	json_object_array_add(arr, r);
}

/* One record of a bulk upsert, as a transaction function. */
struct bulk_record {
	struct ctx			*c;
	const struct field_value	*in;
	struct outcome		*o;
	int				 found;
};

static int
bulk_record_tx(void *p)
{
	struct bulk_record	*b = p;
	struct customer_row	 row;
	int			 rc;

	memset(b->o, 0, sizeof(*b->o));
	rc = customer_lock(b->c, 0, b->in[CUST_F_EXTERNAL_REF].s, &row);
	if (rc == -1)
		return -1;
	b->found = rc == 0;
	if (customer_save(b->c, b->found ? &row : NULL, b->in, b->o) == -1)
		return b->o->status == 503 ? -1 : b->o->status;
	return 0;
}

/*
 * One record in its own transaction, retried whole on deadlocks; o says
 * how it went.  A concurrent insert of the same ref makes ours a
 * duplicate: then it is tried once more, as an update.
 */
static void
bulk_one(struct ctx *c, const struct field_value *in,
    struct outcome *o)
{
	struct bulk_record	b = { c, in, o, 0 };
	int			attempt, rc;

	for (attempt = 0; attempt < 2; attempt++) {
		if ((rc = db_tx(c->db, bulk_record_tx, &b)) == 0)
			return;
		if (rc == -1) {
			outcome_db_fail(o);
			return;
		}
		if (!(o->status == 409 && !b.found))
			return;
	}
}

/* 200, 400, 401, 403, 413, 415, 422 */
int
customers_bulk(struct ctx *c)
{
	struct json_object	*results = json_object_new_array();
	struct field_value	*in;
	struct field_error	 err;
	size_t			 i, n = json_object_array_length(c->body);

	jsonx_own(c->arena, results);
	if (n == 0 || n > CUSTOMERS_BULK_MAX)
		return ctx_error(c, 422, "bulk_size", arena_printf(c->arena,
		    "Send between 1 and %d customers; %zu given",
		    CUSTOMERS_BULK_MAX, n));
	in = arena_calloc(c->arena, CUST_F__MAX, sizeof(*in));
	for (i = 0; i < n; i++) {
		struct json_object *item = json_object_array_get_idx(c->body, i);
		struct outcome o;
		const char *ref = NULL;

		memset(&o, 0, sizeof(o));
		if (field_parse_object(c->arena, customer_fields, CUST_F__MAX,
		    item, in, &err) == -1)
			outcome_fail(&o, 400, err.code, err.message,
			    err.field);
		else if (!in[CUST_F_EXTERNAL_REF].present ||
		    in[CUST_F_EXTERNAL_REF].null)
			outcome_fail(&o, 400, "required",
			    "Bulk records need an external_ref", "external_ref");
		else {
			ref = in[CUST_F_EXTERNAL_REF].s;
			bulk_one(c, in, &o);
		}
		bulk_result(results, i, ref, &o);
	}
	return ctx_data(c, 200, json_object_get(results));
}
