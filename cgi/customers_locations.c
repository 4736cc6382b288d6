/*
 * /api/v1/customers/{id}/locations (L1): a customer's sites, one of them
 * the primary.  A location id under another customer is 404.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "db_customer.h"
#include "db_location.h"
#include "dispatch.h"
#include "jsonx.h"
#include "page.h"
#include "record.h"
#include "timeline.h"

#include "customers.h"

static const char *const location_statuses[] = {
	"active", "inactive", "closed", NULL
};

#define N	FIELD_NULLABLE

const struct field_spec location_fields[LOC_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },		/* LOC_F_NAME */
	{ "address_line1", FIELD_TEXT, N, 0, 200, NULL },	/* LOC_F_ADDRESS_LINE1 */
	{ "address_line2", FIELD_TEXT, N, 0, 200, NULL },	/* LOC_F_ADDRESS_LINE2 */
	{ "city", FIELD_TEXT, N, 0, 100, NULL },		/* LOC_F_CITY */
	{ "region", FIELD_TEXT, N, 0, 100, NULL },		/* LOC_F_REGION */
	{ "postal_code", FIELD_TEXT, N, 0, 20, NULL },		/* LOC_F_POSTAL_CODE */
	{ "country", FIELD_COUNTRY, N, 0, 0, NULL },		/* LOC_F_COUNTRY */
	{ "status", FIELD_ENUM, 0, 0, 0, location_statuses },	/* LOC_F_STATUS */
	{ "is_primary", FIELD_BOOL, 0, 0, 0, NULL },		/* LOC_F_IS_PRIMARY */
};

static struct json_object *
location_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, LOCATION_COL_ID));
	jsonx_add_u64(o, "customer_id",
	    db_get_u64(res, r, LOCATION_COL_CUSTOMER_ID));
	record_to_json(location_fields, LOC_F__MAX,
	    record_from_row(a, res, r, 0, LOC_F__MAX), o);
	jsonx_add_u64(o, "version", db_get_u64(res, r, LOCATION_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, LOCATION_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, LOCATION_COL_UPDATED_AT));
	return o;
}

static int
location_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_GET], &res,
	    db_u64(id), db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "location");
	return ctx_record(c, status, location_json(&res, 0, c->arena),
	    db_get_u64(&res, 0, LOCATION_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/locations/%llu",
	    (unsigned long long)c->ids[0], (unsigned long long)id));
}

/* 200, 400, 401, 404, 503 */
int
locations_list(struct ctx *c)
{
	struct json_object	*arr;
	struct db_res		 res;
	struct page		 p;
	size_t			 i, n;
	int			 rc;

	if ((rc = page_from_query(c, &c->query[0], &c->query[1], 0, &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_LIST], &res,
	    db_u64(c->customer.id), db_u64(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, location_json(&res, i, c->arena));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, LOCATION_COL_ID);
}

/* 200, 401, 404, 503 */
int
locations_get(struct ctx *c)
{
	return location_reply(c, 200, c->ids[1]);
}

/*
 * Inside the transaction: locks the customer of the path (primary-site
 * changes are serialised on it; only the lock is needed, the dispatcher
 * has read the row) and, with want_location, the location: 0, 404 with
 * its reply, or -1.
 */
static int
locations_lock(struct ctx *c, int want_location, struct db_res *res)
{
	struct db_res	cust;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_LOCK_ID],
	    &cust, db_u64(c->ids[0])) == -1)
		return -1;
	if (cust.nrows == 0)
		return ctx_not_found(c, "customer");
	if (!want_location)
		return 0;
	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_LOCK], res,
	    db_u64(c->ids[1]), db_u64(c->ids[0])) == -1)
		return -1;
	return res->nrows == 0 ? ctx_not_found(c, "location") : 0;
}

static int
locations_audit(struct ctx *c, const char *kind, uint64_t id,
    const char *name, struct json_object *changes)
{
	const char	*what = strcmp(kind, "location.created") == 0 ?
			    "Location added" : strcmp(kind, "location.deleted") == 0 ?
			    "Location removed" : "Location updated";

	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, "location", id, c->ids[0], changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ c->ids[0], kind,
	    arena_printf(c->arena, "%s: %s", what, name), "location", id });
}

/*
 * Clears the primary flag of the customer's other locations (keep is the
 * location taking it, 0 when it is not inserted yet); each one that loses
 * it is a change of that location and is audited as one.
 */
static int
locations_take_primary(struct ctx *c, uint64_t keep)
{
	struct json_object	*ch;
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_PRIMARY_OTHERS],
	    &res, db_u64(c->ids[0]), db_u64(keep)) == -1 ||
	    DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_CLEAR_PRIMARY],
	    NULL, db_u64(c->ids[0]), db_u64(keep)) == -1)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		ch = jsonx_object(c->arena);
		audit_change(ch, "is_primary", json_object_new_boolean(1),
		    json_object_new_boolean(0));
		if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
		    "location.updated", "location",
		    db_get_u64(&res, i, DB_PAIR_ID), c->ids[0],
		    ch }) == -1)
			return -1;
	}
	return 0;
}

/* The customer's locations_count after a location insert or delete. */
static int
locations_count(struct ctx *c)
{
	return DB_EXEC(c->db, c->arena,
	    &customer_sql[CUSTOMER_SQL_COUNT_LOCATIONS], NULL,
	    db_u64(c->ids[0]), db_u64(c->ids[0]));
}

/* The sites-by-status counts after a change of status. */
static int
locations_status_moved(struct ctx *c, const char *from, const char *to)
{
	if (strcmp(from, to) == 0)
		return 0;
	if (counts_add(c->db, c->arena, c->ids[0], COUNT_SITES_BY_STATUS,
	    from, -1) == -1)
		return -1;
	return counts_add(c->db, c->arena, c->ids[0], COUNT_SITES_BY_STATUS,
	    to, 1);
}

static int
locations_create_tx(struct ctx *c, void *arg)
{
	struct db_arg		 args[LOC_F__MAX + 1];
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		**cur;
	int			 rc;

	if ((rc = locations_lock(c, 0, NULL)) != 0)
		return rc;
	cur = record_merge(c->arena, location_fields, LOC_F__MAX, NULL, c->in);
	/* A customer's first site is its primary one. */
	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_COUNT], &res,
	    db_u64(c->ids[0])) == -1)
		return -1;
	if (db_get_i64(&res, 0, LOCATION_COUNT_COL) == 0 &&
	    cur[LOC_F_IS_PRIMARY] == NULL)
		cur[LOC_F_IS_PRIMARY] = "1";
	if (cur[LOC_F_STATUS] == NULL)
		cur[LOC_F_STATUS] = "active";
	if (cur[LOC_F_IS_PRIMARY] == NULL)
		cur[LOC_F_IS_PRIMARY] = "0";
	record_diff(location_fields, LOC_F__MAX, NULL, cur, ch);
	record_args(cur, LOC_F__MAX, args);
	args[LOC_F__MAX] = db_u64(c->ids[0]);
	if ((strcmp(cur[LOC_F_IS_PRIMARY], "1") == 0 &&
	    locations_take_primary(c, 0) == -1) ||
	    db_exec(c->db, c->arena, &location_sql[LOCATION_SQL_INSERT], args,
	    LOC_F__MAX + 1, &res) == -1 || locations_count(c) == -1 ||
	    counts_add(c->db, c->arena, c->ids[0], COUNT_SITES_BY_STATUS,
	    cur[LOC_F_STATUS], 1) == -1 ||
	    locations_audit(c, "location.created", res.insert_id,
	    cur[LOC_F_NAME], ch) == -1)
		return -1;
	return location_reply(c, 201, res.insert_id);
}

/* 201, 400, 401, 403, 404, 503 */
int
locations_create(struct ctx *c)
{
	return ctx_tx(c, locations_create_tx, NULL);
}

static int
locations_update_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct db_arg		 args[LOC_F__MAX + 3];
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		**old, **cur;
	int			 rc;

	if ((rc = locations_lock(c, 1, &res)) != 0)
		return rc;
	if (db_get_u64(&res, 0, LOCATION_COL_VERSION) != *version)
		return ctx_conflict(c, "Someone else changed this location",
		    location_json(&res, 0, c->arena),
		    db_get_u64(&res, 0, LOCATION_COL_VERSION));
	old = record_from_row(c->arena, &res, 0, 0, LOC_F__MAX);
	cur = record_merge(c->arena, location_fields, LOC_F__MAX, old, c->in);
	if (strcmp(old[LOC_F_IS_PRIMARY], "1") == 0 &&
	    strcmp(cur[LOC_F_IS_PRIMARY], "0") == 0)
		return ctx_error(c, 422, "primary_required",
		    "Make another location primary instead of unsetting it");
	if (record_diff(location_fields, LOC_F__MAX, old, cur, ch) == 0)
		return location_reply(c, 200, c->ids[1]);
	record_args(cur, LOC_F__MAX, args);
	args[LOC_F__MAX] = db_u64(c->ids[1]);
	args[LOC_F__MAX + 1] = db_u64(c->ids[0]);
	args[LOC_F__MAX + 2] = db_u64(*version);
	if ((strcmp(cur[LOC_F_IS_PRIMARY], "1") == 0 &&
	    locations_take_primary(c, c->ids[1]) == -1) ||
	    db_exec(c->db, c->arena, &location_sql[LOCATION_SQL_UPDATE], args,
	    LOC_F__MAX + 3, NULL) == -1 ||
	    locations_status_moved(c, old[LOC_F_STATUS], cur[LOC_F_STATUS]) ==
	    -1 ||
	    locations_audit(c, "location.updated", c->ids[1], cur[LOC_F_NAME],
	    ch) == -1)
		return -1;
	return location_reply(c, 200, c->ids[1]);
}

/* 200, 400, 401, 403, 404, 409, 422, 428, 503 */
int
locations_update(struct ctx *c)
{
	return ctx_tx_versioned(c, locations_update_tx);
}

/*
 * After a failed delete: assets (D5) at the location, or owned by the
 * customer, hold it (a foreign key refused): 409; else -1.
 */
static int
locations_held(struct ctx *c)
{
	if (db_errno(c->db) != DB_ER_ROW_IS_REFERENCED)
		return -1;
	return ctx_error(c, 409, "has_assets", "Assets are owned by or "
	    "located here; move or delete them first");
}

static int
locations_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res, count;
	const char		*name;
	int			 rc;

	if ((rc = locations_lock(c, 1, &res)) != 0)
		return rc;
	/* The primary site goes last: another must take the flag first. */
	if (strcmp(db_get(&res, 0, LOC_F_IS_PRIMARY), "1") == 0) {
		if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_COUNT],
		    &count, db_u64(c->ids[0])) == -1)
			return -1;
		if (db_get_i64(&count, 0, LOCATION_COUNT_COL) > 1)
			return ctx_error(c, 422, "primary_required",
			    "Make another location primary before deleting "
			    "the primary site");
	}
	name = db_get(&res, 0, LOC_F_NAME);
	audit_change(ch, "name", json_object_new_string(name), NULL);
	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->ids[0])) == -1 ||
	    locations_count(c) == -1 ||
	    counts_add(c->db, c->arena, c->ids[0], COUNT_SITES_BY_STATUS,
	    db_get(&res, 0, LOC_F_STATUS), -1) == -1 ||
	    locations_audit(c, "location.deleted", c->ids[1], name, ch) == -1)
		return locations_held(c);
	return resp_empty(&c->resp, 204);
}


/* 204, 401, 403, 404, 409, 422, 503 */
int
locations_delete(struct ctx *c)
{
	return ctx_tx(c, locations_delete_tx, NULL);
}
