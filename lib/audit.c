#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "actor.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_audit.h"
#include "jsonx.h"
#include "page.h"

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

int
audit_add(struct db *db, struct arena *a, const struct actor *who,
    const struct audit_entry *e)
{
	const char	*js = NULL;

	if (e->changes != NULL)
		js = json_object_to_json_string_ext(e->changes,
		    JSON_C_TO_STRING_PLAIN);
	return DB_EXEC(db, a, &audit_sql[AUDIT_SQL_INSERT], NULL,
	    db_id_or_null(who->kind == ACTOR_USER ? who->id : 0),
	    db_str(who->name), db_str(who->addr), db_str(e->action),
	    db_str(e->object_type), db_id_or_null(e->object_id),
	    db_id_or_null(e->customer_id), db_str(js));
}

static struct json_object *
audit_row_json(const struct db_res *res, size_t i)
{
	struct json_object	*row = json_object_new_object(), *actor = NULL;
	const char		*ch = db_get(res, i, AUDIT_COL_CHANGES);

	jsonx_add_u64(row, "id", db_get_u64(res, i, AUDIT_COL_ID));
	jsonx_add_str(row, "occurred_at", db_get(res, i, AUDIT_COL_OCCURRED_AT));
	if (!db_is_null(res, i, AUDIT_COL_ACTOR_ID) ||
	    !db_is_null(res, i, AUDIT_COL_ACTOR_NAME)) {
		actor = json_object_new_object();
		if (db_is_null(res, i, AUDIT_COL_ACTOR_ID))
			json_object_object_add(actor, "id", NULL);
		else
			jsonx_add_u64(actor, "id",
			    db_get_u64(res, i, AUDIT_COL_ACTOR_ID));
		jsonx_add_str(actor, "name",
		    db_get(res, i, AUDIT_COL_ACTOR_NAME));
	}
	json_object_object_add(row, "actor", actor);
	jsonx_add_str(row, "action", db_get(res, i, AUDIT_COL_ACTION));
	jsonx_add_str(row, "object_type", db_get(res, i, AUDIT_COL_OBJECT_TYPE));
	if (db_is_null(res, i, AUDIT_COL_OBJECT_ID))
		json_object_object_add(row, "object_id", NULL);
	else
		jsonx_add_u64(row, "object_id",
		    db_get_u64(res, i, AUDIT_COL_OBJECT_ID));
	json_object_object_add(row, "changes", ch == NULL ?
	    json_object_new_object() : json_tokener_parse(ch));
	return row;
}

/* One page of a customer's audit rows, newest first, into *out; res the rows. */
int
audit_list_customer(struct db *db, struct arena *a, uint64_t customer_id,
    const struct page *p, struct json_object **out, struct db_res *res)
{
	size_t	i, n;

	if (DB_EXEC(db, a, &audit_sql[AUDIT_SQL_LIST_CUSTOMER], res,
	    db_u64(customer_id), db_u64(p->after ? p->after_id : UINT64_MAX),
	    db_i64(p->limit + 1)) == -1)
		return -1;
	*out = json_object_new_array();
	n = page_rows(p, res);
	for (i = 0; i < n; i++)
		json_object_array_add(*out, audit_row_json(res, i));
	return 0;
}
