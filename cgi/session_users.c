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
#include "page.h"
#include "password.h"
#include "session.h"
#include "session_users.h"


const struct field_spec user_fields[USER_F__MAX] = {
	{ "email", FIELD_EMAIL, 0, 0, 0, NULL },	/* USER_F_EMAIL */
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },	/* USER_F_NAME */
	{ "role", FIELD_ENUM, 0, 0, 0, role_names },	/* USER_F_ROLE */
	{ "password", FIELD_TEXT, FIELD_NOTRIM, PASSWORD_MIN, PASSWORD_MAX,
	    NULL },					/* USER_F_PASSWORD */
	{ "active", FIELD_BOOL, 0, 0, 0, NULL },	/* USER_F_ACTIVE */
};

const struct field_spec user_list_query[2] = {
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
};

/* A user row (USER_COLUMNS) as JSON. */
static struct json_object *
user_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, USER_COL_ID));
	jsonx_add_str(o, "email", db_get(res, r, USER_COL_EMAIL));
	jsonx_add_str(o, "name", db_get(res, r, USER_COL_NAME));
	jsonx_add_str(o, "role", db_get(res, r, USER_COL_ROLE));
	jsonx_add_bool(o, "active", db_get_i64(res, r, USER_COL_ACTIVE) == 1);
	jsonx_add_u64(o, "version", db_get_u64(res, r, USER_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, USER_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, USER_COL_UPDATED_AT));
	jsonx_add_str(o, "last_sign_in_at",
	    db_get(res, r, USER_COL_LAST_SIGN_IN_AT));
	return o;
}

/* 200, 400, 401, 403, 503 */
int
users_list(struct ctx *c)
{
	struct db_res		 res;
	struct json_object	*arr;
	struct page		 p;
	size_t			 i, n;
	int			 rc;

	if ((rc = page_from_query(c, &c->query[0], &c->query[1], 0, &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_LIST], &res,
	    db_u64(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, user_json(&res, i));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, USER_COL_ID);
}

/*
 * 200, 401, 503: the active users by name, for pickers (account
 * manager, assignee) that any signed-in user fills; no addresses.
 */
int
users_directory(struct ctx *c)
{
	struct db_res		 res;
	struct json_object	*arr, *o;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_DIRECTORY], &res,
	    db_i64(USERS_DIRECTORY_MAX)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array_ext((int)res.nrows);
	for (i = 0; i < res.nrows; i++) {
		o = json_object_new_object();
		jsonx_add_u64(o, "id", db_get_u64(&res, i, USER_DIR_COL_ID));
		jsonx_add_str(o, "name", db_get(&res, i, USER_DIR_COL_NAME));
		jsonx_add_str(o, "role", db_get(&res, i, USER_DIR_COL_ROLE));
		json_object_array_add(arr, o);
	}
	return ctx_data(c, 200, arr);
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
	return ctx_record(c, status, user_json(&res, 0),
	    db_get_u64(&res, 0, USER_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/users/%llu", (unsigned long long)id));
}

/* 200, 401, 403, 404, 503 */
int
users_get(struct ctx *c)
{
	return users_reply(c, 200, c->ids[0]);
}

static int
users_create_tx(struct ctx *c, void *arg)
{
	const struct field_value	*in = c->in;
	const char			*hash = arg;
	struct json_object		*ch;
	struct db_res			 res;
	int				 active = !in[USER_F_ACTIVE].present ||
					    in[USER_F_ACTIVE].i;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_INSERT], &res,
	    db_str(in[USER_F_EMAIL].s), db_str(in[USER_F_NAME].s),
	    db_str(in[USER_F_ROLE].s), db_str(hash), db_i64(active)) == -1)
		return ctx_write_error(c, "duplicate_email",
		    "A user with this email exists", "email");
	ch = jsonx_object(c->arena);
	audit_change(ch, "email", NULL,
	    json_object_new_string(in[USER_F_EMAIL].s));
	audit_change(ch, "name", NULL, json_object_new_string(in[USER_F_NAME].s));
	audit_change(ch, "role", NULL, json_object_new_string(in[USER_F_ROLE].s));
	audit_change(ch, "active", NULL, json_object_new_boolean(active));
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "user.created", "user", res.insert_id, 0, ch }) == -1)
		return -1;
	return users_reply(c, 201, res.insert_id);
}

/* 201, 400, 401, 403, 409, 503 */
int
users_create(struct ctx *c)
{
	const char	*hash;

	if ((hash = password_hash(c->arena, c->in[USER_F_PASSWORD].s)) == NULL)
		return ctx_error(c, 500, "internal", "Could not hash password");
	return ctx_tx(c, users_create_tx, (void *)hash);
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
		return -1;
	if (db_get_i64(&res, 0, USER_ADMINS_COL_COUNT) > 0)
		return 0;
	return ctx_error(c, 422, "last_admin",
	    "The workspace needs at least one active administrator");
}

static void
users_diff(struct json_object *ch, const struct db_res *old, const char *name,
    const char *role, int active, int password)
{
	audit_change(ch, "name",
	    json_object_new_string(db_get(old, 0, USER_COL_NAME)),
	    json_object_new_string(name));
	audit_change(ch, "role",
	    json_object_new_string(db_get(old, 0, USER_COL_ROLE)),
	    json_object_new_string(role));
	audit_change(ch, "active",
	    json_object_new_boolean(db_get_i64(old, 0, USER_COL_ACTIVE) == 1),
	    json_object_new_boolean(active));
	if (password)
		audit_change(ch, "password", NULL,
		    json_object_new_string("changed"));
}

/* What a PATCH of a user brings besides its fields. */
struct users_update {
	uint64_t	 version;
	const char	*hash;		/* new password's, or NULL */
};

static int
users_update_tx(struct ctx *c, void *arg)
{
	const struct users_update	*u = arg;
	const struct field_value	*in = c->in;
	struct db_res			 old;
	struct json_object		*ch;
	const char			*name, *role;
	uint64_t			 id = c->ids[0];
	int				 active, rc;

	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET_FOR_UPDATE], &old,
	    db_u64(id)) == -1)
		return -1;
	if (old.nrows == 0)
		return ctx_not_found(c, "user");
	if (db_get_u64(&old, 0, USER_COL_VERSION) != u->version)
		return ctx_conflict(c, "Someone else changed this user",
		    user_json(&old, 0), db_get_u64(&old, 0, USER_COL_VERSION));
	name = in[USER_F_NAME].present ? in[USER_F_NAME].s :
	    db_get(&old, 0, USER_COL_NAME);
	role = in[USER_F_ROLE].present ? in[USER_F_ROLE].s :
	    db_get(&old, 0, USER_COL_ROLE);
	active = in[USER_F_ACTIVE].present ? (int)in[USER_F_ACTIVE].i :
	    db_get_i64(&old, 0, USER_COL_ACTIVE) == 1;
	if ((rc = users_keep_an_admin(c, id, db_get(&old, 0, USER_COL_ROLE),
	    role, active)) != 0)
		return rc;
	ch = jsonx_object(c->arena);
	users_diff(ch, &old, name, role, active, u->hash != NULL);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_UPDATE], NULL,
	    db_str(name), db_str(role), db_i64(active), db_u64(id),
	    db_u64(u->version)) == -1 ||
	    (u->hash != NULL && DB_EXEC(c->db, c->arena,
	    &user_sql[USER_SQL_SET_PASSWORD], NULL, db_str(u->hash),
	    db_u64(id)) == -1) ||
	    ((u->hash != NULL || !active) &&
	    session_destroy_user(c->db, c->arena, id) == -1) ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "user.updated", "user", id, 0, ch }) == -1)
		return -1;
	return users_reply(c, 200, id);
}

/* 200, 400, 401, 403, 404, 409, 422, 428, 503 */
int
users_update(struct ctx *c)
{
	struct users_update	u = { 0, NULL };
	int			rc;

	if ((rc = ctx_if_match(c, &u.version)) != 0)
		return rc;
	if (c->in[USER_F_EMAIL].present)
		return resp_error(&c->resp, c->arena, 400, "read_only_field",
		    "The email of a user cannot change", "email");
	if (c->in[USER_F_PASSWORD].present && (u.hash = password_hash(c->arena,
	    c->in[USER_F_PASSWORD].s)) == NULL)
		return ctx_error(c, 500, "internal", "Could not hash password");
	return ctx_tx(c, users_update_tx, &u);
}
