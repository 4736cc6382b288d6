/*
 * Assets (D4-D6).  An asset has an owner, the customer whose path created
 * it, and may be at any customer's location (D5: hardware as a service is
 * owned by the MSP and at the client; a repair is owned by the client and
 * at the MSP's workshop).  It is read at the path of either customer;
 * only its owner's path writes it: the other one gets 404 for PATCH and
 * DELETE, as for an id it cannot see.  Lifecycle indicators are computed
 * on read (lib/db_asset.c), never stored.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "db_asset.h"
#include "db_os.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "timeline.h"

#include "assets.h"

#define N	FIELD_NULLABLE

static const char *const asset_statuses[] = {
	"in_use", "in_stock", "purchased", "damaged", "retired", NULL
};

const struct field_spec asset_fields[ASSET_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },		/* ASSET_F_NAME */
	{ "type", FIELD_TEXT, N, 0, 100, NULL },		/* ASSET_F_TYPE */
	{ "status", FIELD_ENUM, 0, 0, 0, asset_statuses },	/* ASSET_F_STATUS */
	{ "serial", FIELD_TEXT, N, 0, 100, NULL },		/* ASSET_F_SERIAL */
	{ "purchase_date", FIELD_DATE, N, 0, 0, NULL },	/* ASSET_F_PURCHASE_DATE */
	{ "warranty_expiry", FIELD_DATE, N, 0, 0, NULL },	/* ASSET_F_WARRANTY_EXPIRY */
	{ "os_name", FIELD_TEXT, N, 0, 100, NULL },		/* ASSET_F_OS_NAME */
	{ "os_version", FIELD_TEXT, N, 0, 100, NULL },		/* ASSET_F_OS_VERSION */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL },	/* ASSET_F_NOTES */
	{ "folder_id", FIELD_ID, N, 0, 0, NULL },		/* ASSET_F_FOLDER_ID */
	{ "contact_id", FIELD_ID, N, 0, 0, NULL },		/* ASSET_F_CONTACT_ID */
	{ "location_id", FIELD_ID, N, 0, 0, NULL },		/* ASSET_F_LOCATION_ID */
	{ "customer_id", FIELD_ID, 0, 0, 0, NULL },		/* ASSET_F_CUSTOMER_ID */
};

static const char *const scopes[] = { "owned", "located", NULL };

/* The values of ASSET_SQL_GROUP_*'s first parameter. */
static const char *const group_bys[] = {
	"type", "folder", "contact", "status", NULL
};

const struct field_spec asset_list_query[ASSET_Q__MAX] = {
	{ "scope", FIELD_ENUM, 0, 0, 0, scopes },		/* ASSET_Q_SCOPE */
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },			/* ASSET_Q_Q */
	{ "status", FIELD_ENUM, 0, 0, 0, asset_statuses },	/* ASSET_Q_STATUS */
	{ "group_by", FIELD_ENUM, 0, 0, 0, group_bys },	/* ASSET_Q_GROUP_BY */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* ASSET_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* ASSET_Q_AFTER */
};

static void
asset_add_bool(struct json_object *o, const char *key,
    const struct db_res *res, size_t r, size_t col)
{
	jsonx_add_bool(o, key, db_get_i64(res, r, col) != 0);
}

static struct json_object *
asset_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, ASSET_COL_ID));
	record_to_json(asset_fields, ASSET_F__MAX,
	    record_from_row(a, res, r, 0, ASSET_F__MAX), o);
	json_object_object_add(o, "location_customer_id",
	    db_is_null(res, r, ASSET_COL_LOCATION_CUSTOMER_ID) ? NULL :
	    json_object_new_int64(db_get_i64(res, r,
	    ASSET_COL_LOCATION_CUSTOMER_ID)));
	jsonx_add_str(o, "location_name",
	    db_get(res, r, ASSET_COL_LOCATION_NAME));
	jsonx_add_str(o, "contact_name", db_get(res, r, ASSET_COL_CONTACT_NAME));
	jsonx_add_str(o, "owner_name", db_get(res, r, ASSET_COL_OWNER_NAME));
	asset_add_bool(o, "warranty_expired", res, r,
	    ASSET_COL_WARRANTY_EXPIRED);
	asset_add_bool(o, "os_end_of_life", res, r, ASSET_COL_OS_END_OF_LIFE);
	jsonx_add_str(o, "os_end_of_support",
	    db_get(res, r, ASSET_COL_OS_END_OF_SUPPORT));
	asset_add_bool(o, "too_old", res, r, ASSET_COL_TOO_OLD);
	jsonx_add_u64(o, "version", db_get_u64(res, r, ASSET_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, ASSET_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, ASSET_COL_UPDATED_AT));
	return o;
}

/* The list as groups with counts: [{key, label, count}]. */
static int
assets_groups(struct ctx *c, int located, const char *status,
    const char *like)
{
	const char		*by = group_bys[c->query[ASSET_Q_GROUP_BY].i];
	struct json_object	*arr, *g;
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &asset_sql[located ?
	    ASSET_SQL_GROUP_LOCATED : ASSET_SQL_GROUP_OWNED], &res,
	    db_str(by), db_str(by), db_u64(c->customer.id), db_str(status),
	    db_str(status), db_str(like), db_str(like), db_str(like)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++) {
		g = json_object_new_object();
		jsonx_add_str(g, "key", db_get(&res, i, ASSET_GROUP_COL_KEY));
		jsonx_add_str(g, "label", db_get(&res, i,
		    ASSET_GROUP_COL_LABEL));
		jsonx_add_u64(g, "count", db_get_u64(&res, i,
		    ASSET_GROUP_COL_COUNT));
		json_object_array_add(arr, g);
	}
	return ctx_data(c, 200, arr);
}

/*
 * D5: scope=owned (default) or located (at the customer's locations,
 * whoever owns them); group_by answers groups instead of a page.
 * 200, 400, 401, 404, 503
 */
int
assets_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	const char			*like = NULL, *status = NULL;
	int				 located, rc;
	size_t				 i, n;

	located = q[ASSET_Q_SCOPE].present && q[ASSET_Q_SCOPE].i == 1;
	if (q[ASSET_Q_STATUS].present)
		status = asset_statuses[q[ASSET_Q_STATUS].i];
	if (q[ASSET_Q_Q].present && q[ASSET_Q_Q].len > 0)
		like = db_like_anywhere(c->arena, q[ASSET_Q_Q].s);
	if (q[ASSET_Q_GROUP_BY].present)
		return assets_groups(c, located, status, like);
	if ((rc = page_from_query(c, &q[ASSET_Q_LIMIT], &q[ASSET_Q_AFTER], 1,
	    &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &asset_sql[located ?
	    ASSET_SQL_LIST_LOCATED : ASSET_SQL_LIST_OWNED], &res,
	    db_u64(c->customer.id), db_str(status), db_str(status),
	    db_str(like), db_str(like), db_str(like),
	    db_id_or_null(p.after_id), db_str(p.after_key),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, asset_json(&res, i, c->arena));
	return page_reply(c, arr, &p, &res, ASSET_COL_SORT_KEY, ASSET_COL_ID);
}

/* The asset as the path's customer sees it: 0 with res, 404, or -1. */
static int
asset_read(struct ctx *c, uint64_t id, struct db_res *res)
{
	if (DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_GET], res,
	    db_u64(id), db_u64(c->customer.id),
	    db_u64(c->customer.id)) == -1)
		return -1;
	return res->nrows == 0 ? ctx_not_found(c, "asset") : 0;
}

static int
asset_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	res;
	int		rc;

	if ((rc = asset_read(c, id, &res)) != 0)
		return rc;
	return ctx_record(c, status, asset_json(&res, 0, c->arena),
	    db_get_u64(&res, 0, ASSET_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/assets/%llu",
	    (unsigned long long)c->customer.id, (unsigned long long)id));
}

/* 200, 401, 404, 503 */
int
assets_get(struct ctx *c)
{
	int	rc = asset_reply(c, 200, c->ids[1]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

/* The audit row and timeline event of a change, on one customer. */
static int
asset_event(struct ctx *c, const char *kind, uint64_t customer_id,
    uint64_t id, const char *summary, struct json_object *changes)
{
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, "asset", id, customer_id, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ customer_id, kind, summary, "asset",
	    id });
}

/*
 * The customer whose location id is (0 for none): 0, 1 no such
 * location, or -1.  The row stays share-locked until the commit.
 */
static int
asset_location_owner(struct ctx *c, const char *id, uint64_t *owner)
{
	struct db_res	res;

	*owner = 0;
	if (id == NULL)
		return 0;
	if (DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_LOCATION_OWNER],
	    &res, db_str(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	*owner = db_get_u64(&res, 0, ASSET_REF_COL);
	return 0;
}

static int
asset_contact_ok(struct ctx *c, const char *id, uint64_t owner)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_CONTACT_OF], &res,
	    db_str(id)) == -1)
		return -1;
	return res.nrows == 1 && db_get_u64(&res, 0, ASSET_REF_COL) == owner;
}

static int
asset_db_fail(struct ctx *c, struct outcome *o)
{
	switch (db_errno(c->db)) {
	case DB_ER_DUP_ENTRY:
		return outcome_fail(o, 409, "duplicate_serial",
		    "Another asset of this customer has this serial",
		    "serial");
	case DB_ER_NO_REFERENCED_ROW:
		return outcome_fail(o, 400, "unknown_reference",
		    "A referenced record does not exist", NULL);
	default:
		return outcome_db_fail(o);
	}
}

/*
 * The counts of an asset that appears (delta 1) or goes (-1): owned and
 * by status on its owner, located on its location's customer.
 */
static int
asset_count(struct ctx *c, uint64_t owner, const char *status,
    uint64_t located, int delta)
{
	if (counts_add(c->db, c->arena, owner, COUNT_ASSETS_OWNED, NULL,
	    delta) == -1 || counts_add(c->db, c->arena, owner,
	    COUNT_ASSETS_BY_STATUS, status, delta) == -1)
		return -1;
	if (located == 0)
		return 0;
	return counts_add(c->db, c->arena, located, COUNT_ASSETS_LOCATED, NULL,
	    delta);
}

/*
 * A move between customers' locations is on their timelines too: each
 * one that is not the owner hears that the asset came or went.
 */
static int
asset_moved(struct ctx *c, uint64_t owner, uint64_t from, uint64_t to,
    uint64_t id, const char *name, struct json_object *changes)
{
	if (from != 0 && from != owner && asset_event(c, "asset.moved", from,
	    id, arena_printf(c->arena, "Asset left your location: %s",
	    name), changes) == -1)
		return -1;
	if (to != 0 && to != owner && asset_event(c, "asset.moved", to, id,
	    arena_printf(c->arena, "Asset now at your location: %s", name),
	    changes) == -1)
		return -1;
	return 0;
}

/* The references of cur that changed from old: 0, or -1 with o. */
static int
asset_check(struct ctx *c, const char *const *old, const char **cur,
    uint64_t owner, uint64_t *from, uint64_t *to, struct outcome *o)
{
	const char	*k = cur[ASSET_F_CONTACT_ID];
	int		 rc;

	if (cur[ASSET_F_PURCHASE_DATE] != NULL &&
	    cur[ASSET_F_WARRANTY_EXPIRY] != NULL &&
	    strcmp(cur[ASSET_F_WARRANTY_EXPIRY],
	    cur[ASSET_F_PURCHASE_DATE]) < 0)
		return outcome_fail(o, 400, "invalid_range",
		    "The warranty cannot end before the purchase",
		    "warranty_expiry");
	if (k != NULL && (old == NULL || old[ASSET_F_CONTACT_ID] == NULL ||
	    strcmp(old[ASSET_F_CONTACT_ID], k) != 0)) {
		if ((rc = asset_contact_ok(c, k, owner)) == -1)
			return outcome_db_fail(o);
		if (rc == 0)
			return outcome_fail(o, 400, "unknown_reference",
			    "No contact of this customer has this id",
			    "contact_id");
	}
	if (asset_location_owner(c, old ? old[ASSET_F_LOCATION_ID] : NULL,
	    from) == -1 || (rc = asset_location_owner(c,
	    cur[ASSET_F_LOCATION_ID], to)) == -1)
		return outcome_db_fail(o);
	if (rc == 1)
		return outcome_fail(o, 400, "unknown_reference",
		    "No location has this id", "location_id");
	return 0;
}

/* The counts an edit changes: status on the owner, located on both. */
static int
asset_recount(struct ctx *c, const char *const *old, const char *const *cur,
    uint64_t owner, uint64_t from, uint64_t to)
{
	if (strcmp(old[ASSET_F_STATUS], cur[ASSET_F_STATUS]) != 0 &&
	    (counts_add(c->db, c->arena, owner, COUNT_ASSETS_BY_STATUS,
	    old[ASSET_F_STATUS], -1) == -1 || counts_add(c->db, c->arena,
	    owner, COUNT_ASSETS_BY_STATUS, cur[ASSET_F_STATUS], 1) == -1))
		return -1;
	if (from == to)
		return 0;
	if (from != 0 && counts_add(c->db, c->arena, from,
	    COUNT_ASSETS_LOCATED, NULL, -1) == -1)
		return -1;
	if (to != 0 && counts_add(c->db, c->arena, to, COUNT_ASSETS_LOCATED,
	    NULL, 1) == -1)
		return -1;
	return 0;
}

/*
 * Inside the caller's transaction: creates an asset of the path's
 * customer (old NULL) or applies in to its locked row old (id, version),
 * with counts, audit rows and timeline events.  0, or -1 with o filled.
 */
int
asset_save(struct ctx *c, const char *const *old, uint64_t id,
    uint64_t version, const struct field_value *in, struct outcome *o)
{
	struct db_arg		 args[ASSET_F__MAX + 2];
	struct json_object	*changes = jsonx_object(c->arena);
	struct db_res		 res;
	const char		**cur;
	uint64_t		 owner = c->customer.id, from, to;

	memset(o, 0, sizeof(*o));
	if (in[ASSET_F_CUSTOMER_ID].present)
		return outcome_fail(o, 400, "read_only_field",
		    "An asset belongs to the customer it was created under",
		    "customer_id");
	cur = record_merge(c->arena, asset_fields, ASSET_F__MAX, old, in);
	if (old == NULL) {
		cur[ASSET_F_CUSTOMER_ID] = arena_printf(c->arena, "%llu",
		    (unsigned long long)owner);
		if (cur[ASSET_F_STATUS] == NULL)
			cur[ASSET_F_STATUS] = "in_use";
	}
	if (cur[ASSET_F_NAME] == NULL)
		return outcome_fail(o, 400, "required", "An asset needs a name",
		    "name");
	o->id = id;
	if (record_diff(asset_fields, ASSET_F__MAX, old, cur, changes) == 0 &&
	    old != NULL)
		return 0;
	if (asset_check(c, old, cur, owner, &from, &to, o) == -1)
		return -1;
	record_args(cur, ASSET_F__MAX, args);
	if (old == NULL) {
		if (db_exec(c->db, c->arena, &asset_sql[ASSET_SQL_INSERT], args,
		    ASSET_F__MAX, &res) == -1)
			return asset_db_fail(c, o);
		o->id = id = res.insert_id;
		o->created = 1;
	} else {
		args[ASSET_F__MAX] = db_u64(id);
		args[ASSET_F__MAX + 1] = db_u64(version);
		if (db_exec(c->db, c->arena, &asset_sql[ASSET_SQL_UPDATE],
		    args, ASSET_F__MAX + 2, NULL) == -1)
			return asset_db_fail(c, o);
	}
	o->changed = 1;
	if ((old == NULL ? asset_count(c, owner, cur[ASSET_F_STATUS], to, 1) :
	    asset_recount(c, old, cur, owner, from, to)) == -1 ||
	    asset_event(c, old == NULL ? "asset.created" : "asset.updated",
	    owner, id, arena_printf(c->arena, "%s: %s", old == NULL ?
	    "Asset added" : "Asset updated", cur[ASSET_F_NAME]),
	    changes) == -1 || (from != to && asset_moved(c, owner, from, to,
	    id, cur[ASSET_F_NAME], changes) == -1))
		return outcome_db_fail(o);
	return 0;
}

static int
assets_create_tx(struct ctx *c, void *arg)
{
	struct outcome	o;

	if (asset_save(c, NULL, 0, 0, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return asset_reply(c, 201, o.id);
}

/* 201, 400, 401, 403, 404, 409, 413, 415, 422, 503 */
int
assets_create(struct ctx *c)
{
	return ctx_tx(c, assets_create_tx, NULL);
}

static int
assets_update_tx(struct ctx *c, void *arg)
{
	const uint64_t	*version = arg;
	struct db_res	 res, now;
	struct outcome	 o;
	uint64_t	 cur;
	int		 rc;

	if ((rc = ctx_lock_child(c, &asset_sql[ASSET_SQL_LOCK], "asset",
	    &res)) != 0)
		return rc;
	cur = db_get_u64(&res, 0, ASSET_COL_VERSION);
	if (cur != *version) {
		if ((rc = asset_read(c, c->ids[1], &now)) != 0)
			return rc;
		return ctx_conflict(c, "Someone else changed this asset",
		    asset_json(&now, 0, c->arena), cur);
	}
	if (asset_save(c, record_from_row(c->arena, &res, 0, 0, ASSET_F__MAX),
	    c->ids[1], cur, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return asset_reply(c, 200, c->ids[1]);
}

/*
 * Only the owner's path edits: 404 at the path of the customer where it
 * is located.  200, 400, 401, 403, 404, 409, 428, 503
 */
int
assets_update(struct ctx *c)
{
	return ctx_tx_versioned(c, assets_update_tx);
}

static int
assets_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name;
	uint64_t		 located;
	int			 rc;

	if ((rc = ctx_lock_child(c, &asset_sql[ASSET_SQL_LOCK], "asset",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, ASSET_F_NAME);
	audit_change(ch, "name", json_object_new_string(name), NULL);
	if (asset_location_owner(c, db_get(&res, 0, ASSET_F_LOCATION_ID),
	    &located) == -1 ||
	    DB_EXEC(c->db, c->arena, &asset_sql[ASSET_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1 ||
	    asset_count(c, c->customer.id, db_get(&res, 0, ASSET_F_STATUS),
	    located, -1) == -1 ||
	    asset_event(c, "asset.deleted", c->customer.id, c->ids[1],
	    arena_printf(c->arena, "Asset removed: %s", name), ch) == -1 ||
	    asset_moved(c, c->customer.id, located, 0, c->ids[1], name,
	    ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* Only the owner's path deletes.  204, 401, 403, 404, 503 */
int
assets_delete(struct ctx *c)
{
	return ctx_tx(c, assets_delete_tx, NULL);
}

/*
 * D6: the operating systems whose end of support is known, for pickers.
 * 200, 401, 503
 */
int
os_lifecycle_list(struct ctx *c)
{
	struct json_object	*arr, *o;
	struct db_res		 res;
	size_t			 i;

	if (db_exec(c->db, c->arena, &os_sql[OS_SQL_LIST], NULL, 0, &res) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++) {
		o = json_object_new_object();
		jsonx_add_str(o, "os_name", db_get(&res, i, OS_COL_NAME));
		jsonx_add_str(o, "os_version", db_get(&res, i, OS_COL_VERSION));
		jsonx_add_str(o, "end_of_support", db_get(&res, i, OS_COL_END));
		jsonx_add_bool(o, "ended", db_get_i64(&res, i, OS_COL_ENDED));
		json_object_array_add(arr, o);
	}
	return ctx_data(c, 200, arr);
}
