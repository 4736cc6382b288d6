/*
 * D3: a customer's device folders.  A folder that still holds devices is
 * not deleted (409): its devices are moved or deleted first.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"

#include "assets.h"

const struct field_spec folder_fields[FOLDER_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },		/* FOLDER_F_NAME */
};

const struct field_spec page_query[PAGE_Q__MAX] = {
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* PAGE_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* PAGE_Q_AFTER */
};

static struct json_object *
folder_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, FOLDER_COL_ID));
	record_to_json(folder_fields, FOLDER_F__MAX,
	    record_from_row(a, res, r, 0, FOLDER_F__MAX), o);
	jsonx_add_u64(o, "devices", db_get_u64(res, r, FOLDER_COL_DEVICES));
	jsonx_add_u64(o, "version", db_get_u64(res, r, FOLDER_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, FOLDER_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, FOLDER_COL_UPDATED_AT));
	return o;
}

/* 200, 400, 401, 404, 503 */
int
folders_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[PAGE_Q_LIMIT], &q[PAGE_Q_AFTER], 1,
	    &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_LIST], &res,
	    db_u64(c->customer.id), db_id_or_null(p.after_id),
	    db_str(p.after_key), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, folder_json(&res, i, c->arena));
	return page_reply(c, arr, &p, &res, FOLDER_COL_SORT_KEY,
	    FOLDER_COL_ID);
}

static int
folder_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_GET], &res,
	    db_u64(id), db_u64(c->customer.id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "folder");
	return ctx_record(c, status, folder_json(&res, 0, c->arena),
	    db_get_u64(&res, 0, FOLDER_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/folders/%llu",
	    (unsigned long long)c->customer.id, (unsigned long long)id));
}

/* 200, 401, 404, 503 */
int
folders_get(struct ctx *c)
{
	int	rc = folder_reply(c, 200, c->ids[1]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

static int
folder_duplicate(struct ctx *c)
{
	return ctx_error(c, 409, "duplicate_name",
	    "This customer already has a folder of this name");
}

static int
folders_create_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name = c->in[FOLDER_F_NAME].s;

	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_INSERT], &res,
	    db_u64(c->customer.id), db_str(name)) == -1)
		return db_errno(c->db) == DB_ER_DUP_ENTRY ?
		    folder_duplicate(c) : -1;
	audit_change(ch, "name", NULL, json_object_new_string(name));
	if (assets_event(c, "folder.created", "folder", c->customer.id,
	    res.insert_id, arena_printf(c->arena, "Folder added: %s", name),
	    ch) == -1)
		return -1;
	return folder_reply(c, 201, res.insert_id);
}

/* 201, 400, 401, 403, 404, 409, 413, 415, 503 */
int
folders_create(struct ctx *c)
{
	return ctx_tx(c, folders_create_tx, NULL);
}

static int
folders_update_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*old, *name;
	uint64_t		 cur;
	int			 rc;

	if ((rc = ctx_lock_child(c, &folder_sql[FOLDER_SQL_LOCK], "folder",
	    &res)) != 0)
		return rc;
	cur = db_get_u64(&res, 0, FOLDER_COL_VERSION);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this folder",
		    folder_json(&res, 0, c->arena), cur);
	old = db_get(&res, 0, FOLDER_F_NAME);
	name = c->in[FOLDER_F_NAME].present ? c->in[FOLDER_F_NAME].s : old;
	if (strcmp(old, name) == 0)
		return folder_reply(c, 200, c->ids[1]);
	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_UPDATE], NULL,
	    db_str(name), db_u64(c->ids[1]), db_u64(cur)) == -1)
		return db_errno(c->db) == DB_ER_DUP_ENTRY ?
		    folder_duplicate(c) : -1;
	audit_change(ch, "name", json_object_new_string(old),
	    json_object_new_string(name));
	if (assets_event(c, "folder.updated", "folder", c->customer.id,
	    c->ids[1], arena_printf(c->arena, "Folder renamed: %s", name),
	    ch) == -1)
		return -1;
	return folder_reply(c, 200, c->ids[1]);
}

/* 200, 400, 401, 403, 404, 409, 428, 503 */
int
folders_update(struct ctx *c)
{
	return ctx_tx_versioned(c, folders_update_tx);
}

static int
folders_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name;
	int			 rc;

	if ((rc = ctx_lock_child(c, &folder_sql[FOLDER_SQL_LOCK], "folder",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, FOLDER_F_NAME);
	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1)
		return db_errno(c->db) == DB_ER_ROW_IS_REFERENCED ?
		    ctx_error(c, 409, "has_records", "This folder still "
		    "holds devices or assets; move or delete them first") : -1;
	audit_change(ch, "name", json_object_new_string(name), NULL);
	if (assets_event(c, "folder.deleted", "folder", c->customer.id,
	    c->ids[1], arena_printf(c->arena, "Folder removed: %s", name),
	    ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* 204, 401, 403, 404, 409, 503 */
int
folders_delete(struct ctx *c)
{
	return ctx_tx(c, folders_delete_tx, NULL);
}
