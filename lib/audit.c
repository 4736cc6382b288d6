#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"

enum audit_sql {
	AUDIT_SQL_INSERT,
	AUDIT_SQL_LIST_CUSTOMER,
	AUDIT_SQL__MAX
};

static struct db_sql audit_sql[AUDIT_SQL__MAX] = {
	{ "INSERT INTO audit_log (occurred_at, actor_user_id, actor_name, "
	  "remote_addr, action, object_type, object_id, customer_id, changes) "
	  "VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)",
	  NULL, 0 }, /* AUDIT_SQL_INSERT */
	{ "SELECT a.id, DATE_FORMAT(a.occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), "
	  "a.actor_user_id, COALESCE(u.name, a.actor_name), a.action, "
	  "a.object_type, a.object_id, a.changes "
	  "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id "
	  "WHERE a.customer_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?",
	  NULL, 0 }, /* AUDIT_SQL_LIST_CUSTOMER */
};

/* Adds {"field": {"old": o, "new": n}} when o and n differ; takes both. */
void
audit_change(struct json_object *changes, const char *field,
    struct json_object *o, struct json_object *n)
{
	struct json_object	*pair;

	if (json_object_equal(o, n)) {
		json_object_put(o);
		json_object_put(n);
		return;
	}
	pair = json_object_new_object();
	json_object_object_add(pair, "old", o);
	json_object_object_add(pair, "new", n);
	json_object_object_add(changes, field, pair);
}

/* changes may be NULL; it is not taken. */
int
audit_add(struct ctx *c, const char *action, const char *object_type,
    uint64_t object_id, uint64_t customer_id, struct json_object *changes)
{
	const char	*js = NULL;

	if (changes != NULL)
		js = json_object_to_json_string_ext(changes,
		    JSON_C_TO_STRING_PLAIN);
	return DB_EXEC(c->db, c->arena, &audit_sql[AUDIT_SQL_INSERT], NULL,
	    db_id_or_null(c->user.id), db_str(c->user.name),
	    db_str(c->req.remote_addr), db_str(action), db_str(object_type),
	    db_id_or_null(object_id), db_id_or_null(customer_id),
	    db_str(js));
}

/* Newest first, ids below before (0: from the top). */
int
audit_list_customer(struct ctx *c, uint64_t customer_id, uint64_t before,
    long limit, struct json_object **out, uint64_t *next)
{
	struct db_res		 res;
	struct json_object	*arr;
	size_t			 i, n;

	if (DB_EXEC(c->db, c->arena, &audit_sql[AUDIT_SQL_LIST_CUSTOMER], &res,
	    db_u64(customer_id), db_u64(before ? before : UINT64_MAX),
	    db_i64(limit + 1)) == -1)
		return -1;
	arr = json_object_new_array();
	n = res.nrows > (size_t)limit ? (size_t)limit : res.nrows;
	for (i = 0; i < n; i++) {
		struct json_object *row = json_object_new_object(), *actor;
		const char *ch = db_get(&res, i, 7);

		jsonx_add_u64(row, "id", db_get_u64(&res, i, 0));
		jsonx_add_str(row, "occurred_at", db_get(&res, i, 1));
		actor = NULL;
		if (!db_is_null(&res, i, 2)) {
			actor = json_object_new_object();
			jsonx_add_u64(actor, "id", db_get_u64(&res, i, 2));
			jsonx_add_str(actor, "name", db_get(&res, i, 3));
		}
		json_object_object_add(row, "actor", actor);
		jsonx_add_str(row, "action", db_get(&res, i, 4));
		jsonx_add_str(row, "object_type", db_get(&res, i, 5));
		if (db_is_null(&res, i, 6))
			json_object_object_add(row, "object_id", NULL);
		else
			jsonx_add_u64(row, "object_id", db_get_u64(&res, i, 6));
		json_object_object_add(row, "changes", ch == NULL ?
		    json_object_new_object() : json_tokener_parse(ch));
		json_object_array_add(arr, row);
	}
	*next = res.nrows > (size_t)limit ?
	    db_get_u64(&res, limit - 1, 0) : 0;
	*out = arr;
	return 0;
}
