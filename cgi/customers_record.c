/*
 * One customer record: lock it, save it (with its audit row, timeline
 * event and custom field values), and render it as the API shows it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "actor.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_customer.h"
#include "dispatch.h"
#include "domain.h"
#include "jsonx.h"
#include "outcome.h"
#include "record.h"
#include "timeline.h"

#include "customers.h"

static int
customer_check_rank(struct ctx *c, const char *rank,
    struct outcome *o)
{
	struct json_object	*ranks;
	size_t			 i;

	if (rank == NULL)
		return 0;
	if ((ranks = customers_ranks(c)) == NULL)
		return outcome_db_fail(o);
	for (i = 0; i < json_object_array_length(ranks); i++)
		if (strcmp(json_object_get_string(
		    json_object_array_get_idx(ranks, i)), rank) == 0)
			return 0;
	return outcome_fail(o, 400, "invalid_choice",
	    "Not a rank of this workspace's scale", "rank");
}

/* "Customer updated: phone, city" from the audit changes. */
static const char *
customer_summary(struct ctx *c, const char *verb, struct json_object *changes)
{
	char	*s = arena_printf(c->arena, "Customer %s", verb);
	int	 first = 1;

	json_object_object_foreach(changes, key, v) {
		(void)v;
		if (strlen(s) > TIMELINE_SUMMARY_MAX - 64)
			return arena_printf(c->arena, "%s, …", s);
		s = arena_printf(c->arena, "%s%s%s", s, first ? ": " : ", ", key);
		first = 0;
	}
	return s;
}

/*
 * Locks the customer with id (or, with id 0, external_ref ref) for the
 * rest of the transaction: 0 found, 1 not found, -1 database error.
 */
int
customer_lock(struct ctx *c, uint64_t id, const char *ref,
    struct customer_row *row)
{
	struct db_res	 res;
	const char	*custom;
	int		 rc;

	memset(row, 0, sizeof(*row));
	if (id != 0)
		rc = DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_LOCK],
		    &res, db_u64(id));
	else
		rc = DB_EXEC(c->db, c->arena,
		    &customer_sql[CUSTOMER_SQL_LOCK_BY_REF], &res, db_str(ref));
	if (rc == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	row->v = record_from_row(c->arena, &res, 0, 0, CUST_F_RECORD_MAX);
	row->id = db_get_u64(&res, 0, CUSTOMER_LOCK_ID);
	row->version = db_get_u64(&res, 0, CUSTOMER_LOCK_VERSION);
	row->archived = db_get_i64(&res, 0, CUSTOMER_LOCK_ARCHIVED) == 1;
	custom = db_get(&res, 0, CUSTOMER_LOCK_CUSTOM);
	if (custom != NULL)
		row->custom = jsonx_parse(c->arena, custom, strlen(custom));
	return 0;
}

/*
 * Inside the caller's transaction, locks the customer in the path: 0, 404
 * with its reply, or -1.
 */
int
customer_lock_path(struct ctx *c, struct customer_row *row)
{
	int	rc;

	if ((rc = customer_lock(c, c->ids[0], NULL, row)) == 1)
		return ctx_not_found(c, "customer");
	return rc;
}

static int
customer_db_fail(struct ctx *c, struct outcome *o)
{
	switch (db_errno(c->db)) {
	case DB_ER_NO_REFERENCED_ROW:
		return outcome_fail(o, 400, "unknown_reference",
		    "The account manager is not a user of this workspace",
		    "account_manager_id");
	case DB_ER_DUP_ENTRY:
		return outcome_fail(o, 409, "duplicate_external_ref",
		    "Another customer has this external reference",
		    "external_ref");
	default:
		return outcome_db_fail(o);
	}
}

/* The audit row and timeline event of a change to customer id. */
int
customer_record_event(struct ctx *c, const char *verb, uint64_t id,
    struct json_object *changes)
{
	const char	*kind = arena_printf(c->arena, "customer.%s", verb);

	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, "customer", id, id, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ id, kind,
	    customer_summary(c, verb, changes), "customer", id });
}

/* A customer's references to its own records (C1). */
struct customer_ref {
	enum customer_field	 field;
	enum customer_sql	 sql;
	const char		*message;
};

static const struct customer_ref customer_refs[] = {
	{ CUST_F_DEFAULT_CONTRACT_ID, CUSTOMER_SQL_OWN_CONTRACT,
	  "The default contract must be one of this customer's contracts" },
	{ CUST_F_BILLING_CONTACT_ID, CUSTOMER_SQL_OWN_CONTACT,
	  "The billing contact must be one of this customer's contacts" },
};

/*
 * The default contract and billing contact set by in are the customer's
 * own (a new customer has none yet): 0, or -1 with o filled.
 */
static int
customer_check_refs(struct ctx *c, uint64_t id,
    const struct field_value *in, struct outcome *o)
{
	const struct customer_ref	*r;
	struct db_res			 res;
	size_t				 i;

	for (i = 0; i < sizeof(customer_refs) / sizeof(customer_refs[0]);
	    i++) {
		r = &customer_refs[i];
		if (!in[r->field].present || in[r->field].null)
			continue;
		if (id != 0 && DB_EXEC(c->db, c->arena, &customer_sql[r->sql],
		    &res, db_i64(in[r->field].i), db_u64(id)) == -1)
			return outcome_db_fail(o);
		if (id == 0 || res.nrows == 0)
			return outcome_fail(o, 400, "unknown_reference",
			    r->message, customer_fields[r->field].name);
	}
	return 0;
}

/*
 * Inside the caller's transaction: creates a customer (old NULL) or
 * applies in to the locked row old, with its audit row and timeline
 * event.  0, or -1 with the outcome's status and error filled.
 */
int
customer_save(struct ctx *c, const struct customer_row *old,
    const struct field_value *in, struct outcome *o)
{
	struct db_arg		 args[CUST_F_RECORD_MAX + 2];
	struct json_object	*changes = jsonx_object(c->arena);
	const char		**cur;
	struct db_res		 res;
	enum domain_refusal	 why;

	memset(o, 0, sizeof(*o));
	cur = record_merge(c->arena, customer_fields, CUST_F_RECORD_MAX,
	    old ? old->v : NULL, in);
	if (cur[CUST_F_NAME] == NULL)
		return outcome_fail(o, 400, "required",
		    "A customer needs a name", "name");
	if (in[CUST_F_RANK].present &&
	    customer_check_rank(c, cur[CUST_F_RANK], o) == -1)
		return -1;
	/* M3: routes nothing itself, but is offered as a mail domain. */
	if (in[CUST_F_PRIMARY_DOMAIN].present &&
	    !in[CUST_F_PRIMARY_DOMAIN].null && (why = domain_refusal(
	    cur[CUST_F_PRIMARY_DOMAIN])) != DOMAIN_ACCEPTED)
		return outcome_fail(o, 400, domain_reasons[why].code,
		    domain_reasons[why].message, "primary_domain");
	if (customer_check_refs(c, old ? old->id : 0, in, o) == -1)
		return -1;
	record_diff(customer_fields, CUST_F_RECORD_MAX,
	    old ? old->v : NULL, cur, changes);
	record_args(cur, CUST_F_RECORD_MAX, args);
	if (old == NULL) {
		args[CUST_F_RECORD_MAX] = db_id_or_null(c->actor.kind ==
		    ACTOR_USER ? c->actor.id : 0);
		if (db_exec(c->db, c->arena, &customer_sql[CUSTOMER_SQL_INSERT],
		    args, CUST_F_RECORD_MAX + 1, &res) == -1)
			return customer_db_fail(c, o);
		o->id = res.insert_id;
		o->created = 1;
	} else
		o->id = old->id;
	if (in[CUST_F_CUSTOM_FIELDS].present &&
	    customer_save_custom(c, o->id, in[CUST_F_CUSTOM_FIELDS].obj,
	    old ? old->custom : NULL, changes, o) == -1)
		return -1;
	o->changed = json_object_object_length(changes) > 0;
	if (old != NULL && !o->changed)
		return 0;
	/* Any change, custom values alone included, moves the version. */
	if (old != NULL) {
		args[CUST_F_RECORD_MAX] = db_u64(old->id);
		args[CUST_F_RECORD_MAX + 1] = db_u64(old->version);
		if (db_exec(c->db, c->arena, &customer_sql[CUSTOMER_SQL_UPDATE],
		    args, CUST_F_RECORD_MAX + 2, &res) == -1)
			return customer_db_fail(c, o);
	}
	if (customer_record_event(c, o->created ? "created" : "updated",
	    o->id, changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

/* The full customer as the API shows it; NULL when there is none. */
struct json_object *
customer_json(struct ctx *c, uint64_t id, uint64_t *version, int *err)
{
	struct db_res	res;

	*err = 0;
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_GET], &res,
	    db_u64(id)) == -1) {
		*err = 1;
		return NULL;
	}
	if (res.nrows == 0)
		return NULL;
	return customer_json_rows(c, &res, version);
}

/* A reference by id with its name, so no page shows a bare id; or null. */
static void
customer_ref(struct json_object *o, const char *key, const char *id,
    const char *name)
{
	struct json_object	*ref = NULL;

	if (id != NULL) {
		ref = json_object_new_object();
		jsonx_add_u64(ref, "id", strtoull(id, NULL, 10));
		jsonx_add_str(ref, "name", name);
	}
	json_object_object_add(o, key, ref);
}

/*
 * The customer of the rows of CUSTOMER_SQL_GET, or of a statement that
 * starts with its columns: one row per custom value.
 */
struct json_object *
customer_json_rows(struct ctx *c, const struct db_res *res,
    uint64_t *version)
{
	struct json_object	*o, *ref, *custom;
	const char		**v, *key;
	size_t			 i;

	o = json_object_new_object();
	jsonx_add_u64(o, "id", db_get_u64(res, 0, CUSTOMER_COL_ID));
	v = record_from_row(c->arena, res, 0, 0, CUST_F_RECORD_MAX);
	record_to_json(customer_fields, CUST_F_RECORD_MAX, v, o);
	customer_ref(o, "account_manager", v[CUST_F_ACCOUNT_MANAGER_ID],
	    db_get(res, 0, CUSTOMER_COL_MANAGER_NAME));
	customer_ref(o, "default_contract", v[CUST_F_DEFAULT_CONTRACT_ID],
	    db_get(res, 0, CUSTOMER_COL_CONTRACT_NAME));
	customer_ref(o, "billing_contact", v[CUST_F_BILLING_CONTACT_ID],
	    db_get(res, 0, CUSTOMER_COL_BILLING_NAME));
	jsonx_add_bool(o, "archived",
	    db_get_i64(res, 0, CUSTOMER_COL_ARCHIVED) == 1);
	jsonx_add_str(o, "archived_at",
	    db_get(res, 0, CUSTOMER_COL_ARCHIVED_AT));
	jsonx_add_u64(o, "locations_count",
	    db_get_u64(res, 0, CUSTOMER_COL_LOCATIONS));
	ref = NULL;
	if (!db_is_null(res, 0, CUSTOMER_COL_PRIMARY_ID)) {
		ref = json_object_new_object();
		jsonx_add_u64(ref, "id",
		    db_get_u64(res, 0, CUSTOMER_COL_PRIMARY_ID));
		jsonx_add_str(ref, "name",
		    db_get(res, 0, CUSTOMER_COL_PRIMARY_NAME));
	}
	json_object_object_add(o, "primary_location", ref);
	custom = json_object_new_object();
	for (i = 0; i < res->nrows; i++)
		if ((key = db_get(res, i, CUSTOMER_COL_CUSTOM_KEY)) != NULL)
			json_object_object_add(custom, key, json_tokener_parse(
			    db_get(res, i, CUSTOMER_COL_CUSTOM_VALUE)));
	json_object_object_add(o, "custom_fields", custom);
	*version = db_get_u64(res, 0, CUSTOMER_COL_VERSION);
	jsonx_add_u64(o, "version", *version);
	jsonx_add_str(o, "created_at", db_get(res, 0, CUSTOMER_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, 0, CUSTOMER_COL_UPDATED_AT));
	return o;
}

/* The customer with its ETag: 200/201, 404, 503. */
int
customer_reply(struct ctx *c, int status, uint64_t id)
{
	struct json_object	*o;
	uint64_t		 version;
	int			 err;

	if ((o = customer_json(c, id, &version, &err)) == NULL)
		return err ? ctx_db_error(c) : ctx_not_found(c, "customer");
	return ctx_record(c, status, o, version, arena_printf(c->arena,
	    "/api/v1/customers/%llu", (unsigned long long)id));
}
