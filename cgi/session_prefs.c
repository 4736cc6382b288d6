/*
 * /api/v1/users/me/preferences/{key}: a signed-in user's own choices,
 * one JSON value per whitelisted key, each checked by its own rule and
 * bounded in size.  Not audited: they change only what this user sees.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "db_preference.h"
#include "dispatch.h"
#include "field.h"
#include "jsonx.h"
#include "session_prefs.h"

/* K1: the contact list's columns, in the order shown. */
static const char *const contact_columns[] = {
	"name", "job_title", "email", "phone", "mobile", "device",
	"updated_at", "status", NULL
};

/* The keys: the last segment of the route's path, and its rule. */
struct prefs_key {
	const char		*key;
	struct field_spec	 rule;		/* a FIELD_LIST of names */
	const char		*message;
};

static const struct prefs_key prefs_keys[PREFS_KEY__MAX] = {
	{ "contact-columns", { "contact-columns", FIELD_LIST, 0, 1, 8,
	  contact_columns }, "Use a list of distinct columns: name, "
	  "job_title, email, phone, mobile, device, updated_at, status" },
							/* PREFS_KEY_CONTACT_COLUMNS */
};

static const struct prefs_key *
prefs_key(const struct ctx *c)
{
	const char	*last = strrchr(c->route->pattern, '/') + 1;
	size_t		 i;

	for (i = 0; i < PREFS_KEY__MAX; i++)
		if (strcmp(last, prefs_keys[i].key) == 0)
			return &prefs_keys[i];
	return NULL;
}

/* 200 {"data": value or null when unset}, 401, 503. */
int
prefs_get(struct ctx *c)
{
	const struct prefs_key	*k = prefs_key(c);
	struct json_object	*v = NULL;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &preference_sql[PREFERENCE_SQL_GET],
	    &res, db_u64(c->user.id), db_str(k->key)) == -1)
		return ctx_db_error(c);
	if (res.nrows == 1 && (v = jsonx_parse(c->arena,
	    db_get(&res, 0, PREFERENCE_COL_VALUE),
	    db_len(&res, 0, PREFERENCE_COL_VALUE))) != NULL)
		json_object_get(v);
	return ctx_data(c, 200, v);
}

static int
prefs_put_tx(struct ctx *c, void *arg)
{
	const struct prefs_key	*k = arg;
	const char		*s = json_object_to_json_string_ext(c->body,
				    JSON_C_TO_STRING_PLAIN);

	if (DB_EXEC(c->db, c->arena, &preference_sql[PREFERENCE_SQL_PUT],
	    NULL, db_u64(c->user.id), db_str(k->key), db_str(s)) == -1)
		return -1;
	json_object_get(c->body);
	return ctx_data(c, 200, c->body);
}

/* 200, 400, 401, 403, 413, 415, 503. */
int
prefs_put(struct ctx *c)
{
	const struct prefs_key	*k = prefs_key(c);
	struct field_value	 v;
	struct field_error	 err;

	if (field_from_json(c->arena, &k->rule, c->body, &v, &err) == -1)
		return resp_error(&c->resp, c->arena, 400, "invalid_value",
		    k->message, NULL);
	return ctx_tx(c, prefs_put_tx, (void *)k);
}
