/*
 * /api/v1/users: user administration (admin only).
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_user.h"
#include "dispatch.h"
#include "jsonx.h"
#include "password.h"
#include "session.h"
#include "session_users.h"

#define USERS_PAGE_DEFAULT	50
#define USERS_PAGE_MAX		200

const struct field_spec user_fields[USER_F__MAX] = {
	{ "email", FIELD_EMAIL, 0, 0, 0, NULL },	/* USER_F_EMAIL */
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },	/* USER_F_NAME */
	{ "role", FIELD_ENUM, 0, 0, 0, role_names },	/* USER_F_ROLE */
	{ "password", FIELD_TEXT, FIELD_NOTRIM, PASSWORD_MIN, PASSWORD_MAX,
	    NULL },					/* USER_F_PASSWORD */
	{ "active", FIELD_BOOL, 0, 0, 0, NULL },	/* USER_F_ACTIVE */
};

const struct field_spec user_list_query[2] = {
	{ "limit", FIELD_INT, 0, 1, USERS_PAGE_MAX, NULL },
	{ "after", FIELD_ID, 0, 0, 0, NULL },
};

/* A user row (USER_COLUMNS) as JSON. */
static struct json_object *
user_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, 0));
	jsonx_add_str(o, "email", db_get(res, r, 1));
	jsonx_add_str(o, "name", db_get(res, r, 2));
	jsonx_add_str(o, "role", db_get(res, r, 3));
	jsonx_add_bool(o, "active", db_get_i64(res, r, 4) == 1);
	jsonx_add_u64(o, "version", db_get_u64(res, r, 5));
	jsonx_add_str(o, "created_at", db_get(res, r, 6));
	jsonx_add_str(o, "updated_at", db_get(res, r, 7));
	jsonx_add_str(o, "last_sign_in_at", db_get(res, r, 8));
	return o;
}

/* 200, 400, 401, 403, 503 */
int
users_list(struct ctx *c)
{
	struct db_res		 res;
	struct json_object	*arr, *root;
	long			 limit = c->query[0].present ?
				    (long)c->query[0].i : USERS_PAGE_DEFAULT;
	size_t			 i, n;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_LIST], &res,
	    db_u64(c->query[1].present ? (uint64_t)c->query[1].i : 0),
	    db_i64(limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = res.nrows > (size_t)limit ? (size_t)limit : res.nrows;
	for (i = 0; i < n; i++)
		json_object_array_add(arr, user_json(&res, i));
	root = jsonx_data(c->arena, arr);
	if (res.nrows > (size_t)limit)
		jsonx_add_str(root, "next", db_get(&res, n - 1, 0));
	return resp_json(&c->resp, c->arena, 200, root);
}

static int
users_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET], &res,
	    db_u64(id)) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "user");
	ctx_etag(c, db_get_u64(&res, 0, 5));
	return ctx_data(c, status, user_json(&res, 0));
}

/* 200, 401, 403, 404, 503 */
int
users_get(struct ctx *c)
{
	return users_reply(c, 200, c->ids[0]);
}

/* 201, 400, 401, 403, 409, 503 */
int
users_create(struct ctx *c)
{
	const struct field_value	*in = c->in;
	struct json_object		*ch;
	struct db_res			 res;
	const char			*hash;

	if ((hash = password_hash(c->arena, in[USER_F_PASSWORD].s)) == NULL)
		return ctx_error(c, 500, "internal", "Could not hash password");
	if (db_begin(c->db) == -1)
		return ctx_db_error(c);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_INSERT], &res,
	    db_str(in[USER_F_EMAIL].s), db_str(in[USER_F_NAME].s),
	    db_str(in[USER_F_ROLE].s), db_str(hash),
	    db_i64(in[USER_F_ACTIVE].present ? in[USER_F_ACTIVE].i : 1)) == -1) {
		unsigned e = db_errno(c->db);

		db_rollback(c->db);
		if (e == DB_ER_DUP_ENTRY)
			return resp_error(&c->resp, c->arena, 409,
			    "duplicate_email", "A user with this email exists",
			    "email");
		return ctx_db_error(c);
	}
	ch = jsonx_object(c->arena);
	audit_change(ch, "email", NULL,
	    json_object_new_string(in[USER_F_EMAIL].s));
	audit_change(ch, "name", NULL, json_object_new_string(in[USER_F_NAME].s));
	audit_change(ch, "role", NULL, json_object_new_string(in[USER_F_ROLE].s));
	audit_change(ch, "active", NULL, json_object_new_boolean(
	    !in[USER_F_ACTIVE].present || in[USER_F_ACTIVE].i));
	if (audit_add(c, "user.created", "user", res.insert_id, 0, ch) == -1 ||
	    db_commit(c->db) == -1) {
		db_rollback(c->db);
		return ctx_db_error(c);
	}
	return users_reply(c, 201, res.insert_id);
}

/* Refuses to leave the workspace without an active admin: 0 or 422. */
static int
users_keep_an_admin(struct ctx *c, uint64_t id, const char *old_role,
    const char *role, int active)
{
	struct db_res	res;

	if (strcmp(old_role, "admin") != 0 ||
	    (strcmp(role, "admin") == 0 && active))
		return 0;
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_ACTIVE_ADMINS], &res,
	    db_u64(id)) == -1)
		return ctx_db_error(c);
	if (db_get_i64(&res, 0, 0) > 0)
		return 0;
	return ctx_error(c, 422, "last_admin",
	    "The workspace needs at least one active administrator");
}

static void
users_diff(struct json_object *ch, const struct db_res *old, const char *name,
    const char *role, int active, int password)
{
	audit_change(ch, "name", json_object_new_string(db_get(old, 0, 2)),
	    json_object_new_string(name));
	audit_change(ch, "role", json_object_new_string(db_get(old, 0, 3)),
	    json_object_new_string(role));
	audit_change(ch, "active",
	    json_object_new_boolean(db_get_i64(old, 0, 4) == 1),
	    json_object_new_boolean(active));
	if (password)
		audit_change(ch, "password", NULL,
		    json_object_new_string("changed"));
}

/* 200, 400, 401, 403, 404, 409, 422, 428, 503 */
int
users_update(struct ctx *c)
{
	const struct field_value	*in = c->in;
	struct db_res			 old, res;
	struct json_object		*ch;
	const char			*name, *role, *hash = NULL;
	uint64_t			 version, id = c->ids[0];
	int				 active, rc;

	if ((rc = ctx_if_match(c, &version)) != 0)
		return rc;
	if (in[USER_F_EMAIL].present)
		return resp_error(&c->resp, c->arena, 400, "read_only_field",
		    "The email of a user cannot change", "email");
	if (in[USER_F_PASSWORD].present &&
	    (hash = password_hash(c->arena, in[USER_F_PASSWORD].s)) == NULL)
		return ctx_error(c, 500, "internal", "Could not hash password");
	if (db_begin(c->db) == -1)
		return ctx_db_error(c);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET_FOR_UPDATE], &old,
	    db_u64(id)) == -1) {
		db_rollback(c->db);
		return ctx_db_error(c);
	}
	if (old.nrows == 0) {
		db_rollback(c->db);
		return ctx_not_found(c, "user");
	}
	if (db_get_u64(&old, 0, 5) != version) {
		db_rollback(c->db);
		return resp_error_with(&c->resp, c->arena, 409,
		    "version_conflict", "Someone else changed this user",
		    NULL, "data", jsonx_own(c->arena, user_json(&old, 0)));
	}
	name = in[USER_F_NAME].present ? in[USER_F_NAME].s : db_get(&old, 0, 2);
	role = in[USER_F_ROLE].present ? in[USER_F_ROLE].s : db_get(&old, 0, 3);
	active = in[USER_F_ACTIVE].present ? (int)in[USER_F_ACTIVE].i :
	    db_get_i64(&old, 0, 4) == 1;
	if ((rc = users_keep_an_admin(c, id, db_get(&old, 0, 3), role,
	    active)) != 0) {
		db_rollback(c->db);
		return rc;
	}
	ch = jsonx_object(c->arena);
	users_diff(ch, &old, name, role, active, hash != NULL);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_UPDATE], &res,
	    db_str(name), db_str(role), db_i64(active), db_u64(id),
	    db_u64(version)) == -1 ||
	    (hash != NULL && DB_EXEC(c->db, c->arena,
	    &user_sql[USER_SQL_SET_PASSWORD], NULL, db_str(hash),
	    db_u64(id)) == -1) ||
	    ((hash != NULL || !active) &&
	    session_destroy_user(c->db, c->arena, id) == -1) ||
	    audit_add(c, "user.updated", "user", id, 0, ch) == -1 ||
	    db_commit(c->db) == -1) {
		db_rollback(c->db);
		return ctx_db_error(c);
	}
	return users_reply(c, 200, id);
}
