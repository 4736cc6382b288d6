/*
 * Custom fields (C5) and the workspace settings shown on every hub page:
 * the rank scale (C4) and the pinned fields (C6).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "country.h"
#include "db.h"
#include "db_customer.h"
#include "db_setting.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "log.h"

#include "customers.h"

#define N	FIELD_NULLABLE
#define RANKS_MIN	2
#define RANKS_MAX	10

static const char *const custom_field_types[] = {
	"text", "number", "date", "boolean", "url", NULL
};

const struct field_spec custom_field_fields[3] = {
	{ "key", FIELD_TEXT, 0, 1, 40, NULL },
	{ "label", FIELD_TEXT, 0, 1, 100, NULL },
	{ "type", FIELD_ENUM, 0, 0, 0, custom_field_types },
};

/* State one request loads at most once. */
struct customers_area {
	struct json_object	*ranks;		/* array of strings */
	struct json_object	*defs;		/* array of custom field rows */
};

static struct customers_area *
customers_area(struct ctx *c)
{
	if (c->area == NULL)
		c->area = arena_calloc(c->arena, 1,
		    sizeof(struct customers_area));
	return c->area;
}

static struct json_object *setting_get(struct ctx *, const char *, int);

struct json_object *
customers_ranks(struct ctx *c)
{
	struct customers_area	*ar = customers_area(c);

	if (ar->ranks == NULL)
		ar->ranks = setting_get(c, "ranks", 0);
	return ar->ranks;
}

/* One custom field definition: {id, key, label, type, version, created_at}. */
static struct json_object *
custom_field_json(const struct db_res *res, size_t i)
{
	struct json_object	*d = json_object_new_object();

	jsonx_add_u64(d, "id", db_get_u64(res, i, CUSTOM_FIELD_COL_ID));
	jsonx_add_str(d, "key", db_get(res, i, CUSTOM_FIELD_COL_KEY));
	jsonx_add_str(d, "label", db_get(res, i, CUSTOM_FIELD_COL_LABEL));
	jsonx_add_str(d, "type", db_get(res, i, CUSTOM_FIELD_COL_TYPE));
	jsonx_add_u64(d, "version",
	    db_get_u64(res, i, CUSTOM_FIELD_COL_VERSION));
	jsonx_add_str(d, "created_at",
	    db_get(res, i, CUSTOM_FIELD_COL_CREATED_AT));
	return d;
}

/* The custom field definitions, as a JSON array of {id,key,label,type,…}. */
struct json_object *
custom_field_defs(struct ctx *c)
{
	struct customers_area	*ar = customers_area(c);
	struct db_res		 res;
	size_t			 i;

	if (ar->defs != NULL)
		return ar->defs;
	if (db_exec(c->db, c->arena, &customer_sql[CUSTOM_FIELD_SQL_LIST],
	    NULL, 0, &res) == -1)
		return NULL;
	ar->defs = jsonx_array(c->arena);
	for (i = 0; i < res.nrows; i++)
		json_object_array_add(ar->defs, custom_field_json(&res, i));
	return ar->defs;
}

/* The field spec a custom field's value is checked with, by type. */
static const struct field_spec *
custom_value_spec(const char *type)
{
	static const struct field_spec specs[] = {
		{ "text", FIELD_TEXT, N, 0, CUSTOM_VALUE_TEXT_MAX, NULL },
		{ "number", FIELD_NUMBER, N, 0, 0, NULL },
		{ "date", FIELD_DATE, N, 0, 0, NULL },
		{ "boolean", FIELD_BOOL, N, 0, 0, NULL },
		{ "url", FIELD_URL, N, 0, 0, NULL },
	};
	size_t	i;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strcmp(specs[i].name, type) == 0)
			return &specs[i];
	return NULL;
}

static struct json_object *
custom_def_by_key(struct json_object *defs, const char *key)
{
	size_t	i;

	for (i = 0; i < json_object_array_length(defs); i++) {
		struct json_object *d = json_object_array_get_idx(defs, i), *k;

		if (json_object_object_get_ex(d, "key", &k) &&
		    strcmp(json_object_get_string(k), key) == 0)
			return d;
	}
	return NULL;
}

static const char *
custom_def_str(struct json_object *d, const char *key)
{
	struct json_object	*v;

	return json_object_object_get_ex(d, key, &v) ?
	    json_object_get_string(v) : NULL;
}

/* The JSON text stored for a checked custom value. */
static const char *
custom_value_text(struct ctx *c, const struct field_spec *spec,
    const struct field_value *v)
{
	struct json_object	*s;

	if (spec->type == FIELD_NUMBER || spec->type == FIELD_BOOL)
		return v->s;
	s = jsonx_own(c->arena, json_object_new_string(v->s));
	return json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN);
}

/*
 * Writes the custom field values in values (an object key -> value) for
 * customer id and records old -> new in changes as "custom.<key>".
 */
int
customer_save_custom(struct ctx *c, uint64_t id, struct json_object *values,
    struct json_object *old, struct json_object *changes,
    struct outcome *o)
{
	struct json_object	*defs = custom_field_defs(c);
	struct field_error	 err;

	if (defs == NULL)
		return outcome_db_fail(o);
	json_object_object_foreach(values, key, v) {
		struct json_object *d = custom_def_by_key(defs, key), *prev;
		const struct field_spec *spec;
		struct field_value fv;
		const char *field = arena_printf(c->arena, "custom.%s", key);
		uint64_t fid;
		int rc;

		if (d == NULL)
			return outcome_fail(o, 400, "unknown_field",
			    "No custom field with this key", field);
		spec = custom_value_spec(custom_def_str(d, "type"));
		if (spec == NULL || field_from_json(c->arena, spec, v, &fv,
		    &err) == -1)
			return outcome_fail(o, 400, err.code, err.message,
			    field);
		fid = strtoull(custom_def_str(d, "id"), NULL, 10);
		if (fv.null)
			rc = DB_EXEC(c->db, c->arena,
			    &customer_sql[CUSTOM_VALUE_SQL_DELETE], NULL,
			    db_u64(id), db_u64(fid));
		else
			rc = DB_EXEC(c->db, c->arena,
			    &customer_sql[CUSTOM_VALUE_SQL_UPSERT], NULL,
			    db_u64(id), db_u64(fid),
			    db_str(custom_value_text(c, spec, &fv)));
		if (rc == -1)
			return outcome_db_fail(o);
		prev = NULL;
		if (old != NULL)
			json_object_object_get_ex(old, key, &prev);
		audit_change(changes, field, json_object_get(prev), fv.null ?
		    NULL : json_tokener_parse(custom_value_text(c, spec, &fv)));
	}
	return 0;
}

static struct json_object *
custom_field_find(struct ctx *c, uint64_t id)
{
	struct json_object	*defs = custom_field_defs(c), *d;
	size_t			 i;

	for (i = 0; defs != NULL && i < json_object_array_length(defs); i++) {
		d = json_object_array_get_idx(defs, i);
		if (strtoull(custom_def_str(d, "id"), NULL, 10) == id)
			return d;
	}
	return NULL;
}

static int
custom_field_reply(struct ctx *c, int status, uint64_t id)
{
	struct json_object	*d;

	customers_area(c)->defs = NULL;	/* re-read after a write */
	if (custom_field_defs(c) == NULL)
		return ctx_db_error(c);
	if ((d = custom_field_find(c, id)) == NULL)
		return ctx_not_found(c, "custom field");
	return ctx_record(c, status, json_object_get(d),
	    strtoull(custom_def_str(d, "version"), NULL, 10),
	    arena_printf(c->arena, "/api/v1/custom-fields/%llu",
	    (unsigned long long)id));
}

/* 200, 401, 503 */
int
custom_fields_list(struct ctx *c)
{
	struct json_object	*defs = custom_field_defs(c);

	if (defs == NULL)
		return ctx_db_error(c);
	return ctx_data(c, 200, json_object_get(defs));
}

static int
custom_field_key_ok(const char *k)
{
	if (*k < 'a' || *k > 'z')
		return 0;
	return strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(k);
}

static int
custom_fields_create_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOM_FIELD_SQL_INSERT],
	    &res, db_str(c->in[0].s), db_str(c->in[1].s),
	    db_str(c->in[2].s)) == -1)
		return ctx_write_error(c, "duplicate_key",
		    "A custom field has this key", "key");
	for (i = 0; i < 3; i++)
		audit_change(ch, custom_field_fields[i].name, NULL,
		    json_object_new_string(c->in[i].s));
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "custom_field.created", "custom_field", res.insert_id, 0,
	    ch }) == -1)
		return -1;
	return custom_field_reply(c, 201, res.insert_id);
}

/* 201, 400, 401, 403, 409, 503 */
int
custom_fields_create(struct ctx *c)
{
	if (!custom_field_key_ok(c->in[0].s))
		return resp_error(&c->resp, c->arena, 400, "invalid_key",
		    "A key is lower-case letters, digits and _, starting "
		    "with a letter", "key");
	return ctx_tx(c, custom_fields_create_tx, NULL);
}

/*
 * Inside the transaction, locks the custom field of the path: 0 with
 * *d its definition, 404 with its reply, or -1.
 */
static int
custom_field_lock(struct ctx *c, struct json_object **d)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOM_FIELD_SQL_LOCK], &res,
	    db_u64(c->ids[0])) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "custom field");
	*d = jsonx_own(c->arena, custom_field_json(&res, 0));
	return 0;
}

static int
custom_fields_update_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct json_object	*d, *ch = jsonx_object(c->arena);
	uint64_t		 cur;
	int			 rc;

	if ((rc = custom_field_lock(c, &d)) != 0)
		return rc;
	cur = strtoull(custom_def_str(d, "version"), NULL, 10);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this custom field",
		    json_object_get(d), cur);
	if (!c->in[1].present)
		return custom_field_reply(c, 200, c->ids[0]);
	audit_change(ch, "label",
	    json_object_new_string(custom_def_str(d, "label")),
	    json_object_new_string(c->in[1].s));
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOM_FIELD_SQL_UPDATE],
	    NULL, db_str(c->in[1].s), db_u64(c->ids[0]),
	    db_u64(*version)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "custom_field.updated", "custom_field", c->ids[0], 0, ch }) == -1)
		return -1;
	return custom_field_reply(c, 200, c->ids[0]);
}

/* Only the label changes: 200, 400, 401, 403, 404, 409, 428, 503. */
int
custom_fields_update(struct ctx *c)
{
	if (c->in[0].present || c->in[2].present)
		return resp_error(&c->resp, c->arena, 400, "read_only_field",
		    "Only the label of a custom field can change",
		    c->in[0].present ? "key" : "type");
	return ctx_tx_versioned(c, custom_fields_update_tx);
}

/*
 * A stored list setting: an array of strings, else NULL (the caller
 * answers 503).  The row is data: it may have been damaged by hand.
 */
static struct json_object *
setting_get(struct ctx *c, const char *name, int lock)
{
	struct db_res		 res;
	struct json_object	*v;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &setting_sql[lock ? SETTING_SQL_LOCK :
	    SETTING_SQL_GET], &res, db_str(name)) == -1)
		return NULL;
	if (res.nrows == 0)
		return jsonx_array(c->arena);
	v = jsonx_parse(c->arena, db_get(&res, 0, SETTING_COL_VALUE),
	    db_len(&res, 0, SETTING_COL_VALUE));
	for (i = 0; json_object_is_type(v, json_type_array) &&
	    i < json_object_array_length(v); i++)
		if (!json_object_is_type(json_object_array_get_idx(v, i),
		    json_type_string))
			break;
	if (!json_object_is_type(v, json_type_array) ||
	    i < json_object_array_length(v)) {
		log_err("settings %s: stored value is not an array of strings",
		    name);
		return NULL;
	}
	return v;
}

static int
json_array_has(struct json_object *arr, const char *s)
{
	size_t	i;

	for (i = 0; i < json_object_array_length(arr); i++)
		if (strcmp(json_object_get_string(
		    json_object_array_get_idx(arr, i)), s) == 0)
			return 1;
	return 0;
}

static int
custom_fields_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*d, *pinned, *ch = jsonx_object(c->arena);
	const char		*key;
	int			 rc;

	if ((rc = custom_field_lock(c, &d)) != 0)
		return rc;
	key = custom_def_str(d, "key");
	if ((pinned = setting_get(c, "pinned_fields", 1)) == NULL)
		return -1;
	if (json_array_has(pinned, arena_printf(c->arena, "custom.%s", key)))
		return ctx_error(c, 409, "pinned_field",
		    "This custom field is pinned; unpin it first");
	audit_change(ch, "key", json_object_new_string(key), NULL);
	audit_change(ch, "label",
	    json_object_new_string(custom_def_str(d, "label")), NULL);
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOM_FIELD_SQL_DELETE],
	    NULL, db_u64(c->ids[0])) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "custom_field.deleted", "custom_field", c->ids[0], 0, ch }) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/*
 * Removing a pinned field would leave a hole: 409 until it is unpinned.
 * One that is already gone is 404, with no audit row.
 * 204, 401, 403, 404, 409, 503
 */
int
custom_fields_delete(struct ctx *c)
{
	return ctx_tx(c, custom_fields_delete_tx, NULL);
}

/* Every field a workspace may pin, as [{name, label}]. */
static struct json_object *
pinned_available(struct ctx *c)
{
	struct json_object	*defs = custom_field_defs(c), *arr;
	size_t			 i;

	if (defs == NULL)
		return NULL;
	arr = jsonx_array(c->arena);
	for (i = CUST_F_NAME + 1; i < CUST_F_RECORD_MAX; i++) {
		struct json_object *o = json_object_new_object();

		jsonx_add_str(o, "name", customer_fields[i].name);
		jsonx_add_str(o, "label", customer_labels[i]);
		json_object_array_add(arr, o);
	}
	for (i = 0; i < 2; i++) {
		struct json_object *o = json_object_new_object();

		jsonx_add_str(o, "name", i ? "locations_count" :
		    "primary_location");
		jsonx_add_str(o, "label", i ? "Locations" : "Primary site");
		json_object_array_add(arr, o);
	}
	for (i = 0; i < json_object_array_length(defs); i++) {
		struct json_object *d = json_object_array_get_idx(defs, i);
		struct json_object *o = json_object_new_object();

		jsonx_add_str(o, "name", arena_printf(c->arena, "custom.%s",
		    custom_def_str(d, "key")));
		jsonx_add_str(o, "label", custom_def_str(d, "label"));
		json_object_array_add(arr, o);
	}
	return arr;
}

static int
pinned_is_available(struct json_object *avail, const char *name)
{
	size_t	i;

	for (i = 0; i < json_object_array_length(avail); i++)
		if (strcmp(custom_def_str(json_object_array_get_idx(avail, i),
		    "name"), name) == 0)
			return 1;
	return 0;
}

static int
settings_reply(struct ctx *c, const char *name, int with_available)
{
	struct json_object	*v = setting_get(c, name, 0), *root, *avail;

	if (v == NULL)
		return ctx_db_error(c);
	root = jsonx_data(c->arena, json_object_get(v));
	if (with_available) {
		if ((avail = pinned_available(c)) == NULL)
			return ctx_db_error(c);
		json_object_object_add(root, "available",
		    json_object_get(avail));
	}
	return resp_json(&c->resp, c->arena, 200, root);
}

/* 200, 401, 503 */
int
settings_pinned_get(struct ctx *c)
{
	return settings_reply(c, "pinned_fields", 1);
}

/* 200, 401, 503 */
int
settings_ranks_get(struct ctx *c)
{
	return settings_reply(c, "ranks", 0);
}

/*
 * Checks a body array of distinct strings and sets *list to the items as
 * validated (trimmed): 0, or the error status.  A count outside [min, max]
 * is a rule refused (422), not bad syntax.
 */
static int
settings_check_list(struct ctx *c, size_t min, size_t max,
    const char *count_code, const char *count_message,
    struct json_object *avail, long long item_max, struct json_object **list)
{
	const struct field_spec	item = { "item", FIELD_TEXT, 0, 1, item_max,
	    NULL };
	struct field_value	v;
	struct field_error	err;
	size_t			i, j, n = json_object_array_length(c->body);

	if (n < min || n > max)
		return ctx_error(c, 422, count_code, arena_printf(c->arena,
		    "%s; %zu given", count_message, n));
	*list = jsonx_array(c->arena);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(c->body, i);

		if (field_from_json(c->arena, &item, e, &v, &err) == -1 ||
		    (avail != NULL && !pinned_is_available(avail, v.s)))
			return resp_error(&c->resp, c->arena, 400,
			    "invalid_choice", arena_printf(c->arena,
			    "Item %zu is not a field that can be chosen", i),
			    json_object_get_type(e) == json_type_string ?
			    json_object_get_string(e) : NULL);
		for (j = 0; j < i; j++)
			if (strcmp(json_object_get_string(
			    json_object_array_get_idx(*list, j)), v.s) == 0)
				return resp_error(&c->resp, c->arena, 400,
				    "duplicate", "A value is listed twice", v.s);
		json_object_array_add(*list, json_object_new_string(v.s));
	}
	return 0;
}

/* What a PUT of one settings list may hold. */
struct settings_list {
	const char	*name;
	size_t		 min, max;
	const char	*count_code;
	const char	*count_message;
	long long	 item_max;
	int		 pinned;	/* items must be pinnable fields */
};

/*
 * Checks and writes the list with the setting's row locked, so a custom
 * field deleted meanwhile cannot be pinned.
 */
static int
settings_put_tx(struct ctx *c, void *arg)
{
	const struct settings_list	*sl = arg;
	struct json_object		*old, *avail = NULL, *list = NULL;
	struct json_object		*ch = jsonx_object(c->arena);
	int				 rc;

	if ((old = setting_get(c, sl->name, 1)) == NULL)
		return -1;
	customers_area(c)->defs = NULL;
	if (sl->pinned && (avail = pinned_available(c)) == NULL)
		return -1;
	if ((rc = settings_check_list(c, sl->min, sl->max, sl->count_code,
	    sl->count_message, avail, sl->item_max, &list)) != 0)
		return rc;
	audit_change(ch, sl->name, json_object_get(old), json_object_get(list));
	if (DB_EXEC(c->db, c->arena, &setting_sql[SETTING_SQL_PUT], NULL,
	    db_str(sl->name), db_str(json_object_to_json_string_ext(list,
	    JSON_C_TO_STRING_PLAIN)), db_id_or_null(c->actor.id)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "settings.updated", "settings", 0, 0, ch }) == -1)
		return -1;
	return settings_reply(c, sl->name, sl->pinned);
}

/* 200, 400, 401, 403, 415, 422, 503 */
int
settings_pinned_put(struct ctx *c)
{
	static const struct settings_list pinned = { "pinned_fields",
	    PINNED_MIN, PINNED_MAX, "pinned_fields_count",
	    "Pin at least 3 and at most 6 fields", 64, 1 };

	return ctx_tx(c, settings_put_tx, (void *)&pinned);
}

/* 200, 400, 401, 403, 415, 422, 503 */
int
settings_ranks_put(struct ctx *c)
{
	static const struct settings_list ranks = { "ranks", RANKS_MIN,
	    RANKS_MAX, "ranks_count", "A rank scale has 2 to 10 ranks", 16, 0 };

	return ctx_tx(c, settings_put_tx, (void *)&ranks);
}

/* D6: an asset bought longer ago than this many years is too old. */
const struct field_spec asset_age_fields[1] = {
	{ "years", FIELD_INT, 0, ASSET_AGE_MIN, ASSET_AGE_MAX, NULL },
};

/* The stored age, or the default: 0 with *years, or -1. */
static int
setting_asset_age(struct ctx *c, int lock, long long *years)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &setting_sql[lock ? SETTING_SQL_LOCK :
	    SETTING_SQL_GET], &res, db_str("asset_age_years")) == -1)
		return -1;
	*years = res.nrows == 0 ? ASSET_AGE_DEFAULT :
	    strtoll(db_get(&res, 0, SETTING_COL_VALUE), NULL, 10);
	return 0;
}

static int
settings_asset_age_reply(struct ctx *c)
{
	struct json_object	*o = json_object_new_object();
	long long		 years;

	if (setting_asset_age(c, 0, &years) == -1)
		return -1;
	json_object_object_add(o, "years", json_object_new_int64(years));
	return ctx_data(c, 200, o);
}

/* 200, 401, 503 */
int
settings_asset_age_get(struct ctx *c)
{
	return settings_asset_age_reply(c) == -1 ? ctx_db_error(c) : 200;
}

static int
settings_asset_age_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	long long		 old;

	if (setting_asset_age(c, 1, &old) == -1)
		return -1;
	audit_change(ch, "asset_age_years", json_object_new_int64(old),
	    json_object_new_int64(c->in[0].i));
	if (DB_EXEC(c->db, c->arena, &setting_sql[SETTING_SQL_PUT], NULL,
	    db_str("asset_age_years"), db_str(c->in[0].s),
	    db_id_or_null(c->actor.id)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "settings.updated", "settings", 0, 0, ch }) == -1)
		return -1;
	return settings_asset_age_reply(c);
}

/* 200, 400, 401, 403, 415, 503 */
int
settings_asset_age_put(struct ctx *c)
{
	return ctx_tx(c, settings_asset_age_tx, NULL);
}

/*
 * 200, 401: the country codes the API accepts, with English names, for
 * the country pickers (the browser shows names in the user's language).
 */
int
settings_countries_get(struct ctx *c)
{
	struct json_object	*arr = json_object_new_array_ext(COUNTRY__MAX);
	struct json_object	*o;
	size_t			 i;

	for (i = 0; i < COUNTRY__MAX; i++) {
		o = json_object_new_object();
		jsonx_add_str(o, "code", countries[i].code);
		jsonx_add_str(o, "name", countries[i].name);
		json_object_array_add(arr, o);
	}
	return ctx_data(c, 200, arr);
}
