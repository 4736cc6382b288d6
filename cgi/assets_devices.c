/*
 * D1-D3: a customer's devices.  A device belongs to one customer and at
 * most one of its folders; a record id under another customer is 404.
 * A change of customer or folder is a move, audited on both customers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "dispatch.h"
#include "filter.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "timeline.h"

#include "assets.h"

#define N	FIELD_NULLABLE

const char *const device_types[] = {
	"pc", "server", "mac", "linux", "snmp", "tcp", "http", "generic", NULL
};

static const char *const snmp_types[] = {
	"access_point", "firewall", "router", "switch", "printer", "ups", "nas",
	"other", NULL
};

static const char *const availabilities[] = {
	"online", "offline", "unreachable", "retired", NULL
};

static const char *const alert_categories[] = {
	"hardware", "disk", "availability", "performance", "exchange",
	"general", "networks", "apps", "script_based", NULL
};

static const char *const alert_severities[] = {
	"info", "warning", "critical", NULL
};

static const char *const views[] = { "detailed", "compact", NULL };

#define ALERTS_MAX	1000000
#define PATCHES_MAX	100000

const struct field_spec device_fields[DEVICE_F__MAX] = {
	DEVICE_SPEC_NAME,	/* DEVICE_F_NAME */
	DEVICE_SPEC_MACHINE_NAME,	/* DEVICE_F_MACHINE_NAME */
	DEVICE_SPEC_TYPE,	/* DEVICE_F_TYPE */
	{ "snmp_type", FIELD_ENUM, N, 0, 0, snmp_types },	/* DEVICE_F_SNMP_TYPE */
	{ "availability", FIELD_ENUM, 0, 0, 0, availabilities }, /* DEVICE_F_AVAILABILITY */
	DEVICE_SPEC_OS_NAME,	/* DEVICE_F_OS_NAME */
	DEVICE_SPEC_OS_VERSION,	/* DEVICE_F_OS_VERSION */
	DEVICE_SPEC_IP_ADDRESSES,	/* DEVICE_F_IP_ADDRESSES */
	DEVICE_SPEC_SERIAL_NUMBER,	/* DEVICE_F_SERIAL_NUMBER */
	DEVICE_SPEC_LAST_USER,	/* DEVICE_F_LAST_USER */
	DEVICE_SPEC_AGENT_VERSION,	/* DEVICE_F_AGENT_VERSION */
	{ "alerts_info", FIELD_INT, 0, 0, ALERTS_MAX, NULL },	/* DEVICE_F_ALERTS_INFO */
	{ "alerts_warning", FIELD_INT, 0, 0, ALERTS_MAX, NULL }, /* DEVICE_F_ALERTS_WARNING */
	{ "alerts_critical", FIELD_INT, 0, 0, ALERTS_MAX, NULL }, /* DEVICE_F_ALERTS_CRITICAL */
	{ "alert_categories", FIELD_TEXT, N, 0, 200, NULL },	/* DEVICE_F_ALERT_CATEGORIES */
	{ "pending_reboot", FIELD_BOOL, 0, 0, 0, NULL },	/* DEVICE_F_PENDING_REBOOT */
	{ "available_patches", FIELD_INT, 0, 0, PATCHES_MAX, NULL }, /* DEVICE_F_AVAILABLE_PATCHES */
	{ "monitored", FIELD_BOOL, 0, 0, 0, NULL },		/* DEVICE_F_MONITORED */
	{ "favourite", FIELD_BOOL, 0, 0, 0, NULL },		/* DEVICE_F_FAVOURITE */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL },	/* DEVICE_F_NOTES */
	{ "folder_id", FIELD_ID, N, 0, 0, NULL },		/* DEVICE_F_FOLDER_ID */
	{ "customer_id", FIELD_ID, 0, 0, 0, NULL },		/* DEVICE_F_CUSTOMER_ID */
};

/* What a new device has unless it is given. */
static const char *const device_defaults[DEVICE_F__MAX] = {
	[DEVICE_F_TYPE] = "generic",
	[DEVICE_F_AVAILABILITY] = "offline",
	[DEVICE_F_ALERTS_INFO] = "0",
	[DEVICE_F_ALERTS_WARNING] = "0",
	[DEVICE_F_ALERTS_CRITICAL] = "0",
	[DEVICE_F_ALERT_CATEGORIES] = "",
	[DEVICE_F_PENDING_REBOOT] = "0",
	[DEVICE_F_AVAILABLE_PATCHES] = "0",
	[DEVICE_F_MONITORED] = "1",
	[DEVICE_F_FAVOURITE] = "0",
};

const struct field_spec device_query[DEVICE_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },			/* DEVICE_Q_Q */
	{ "name", FIELD_TEXT, 0, 0, 200, NULL },		/* DEVICE_Q_NAME */
	{ "type", FIELD_ENUM, 0, 0, 0, device_types },		/* DEVICE_Q_TYPE */
	{ "snmp_type", FIELD_ENUM, 0, 0, 0, snmp_types },	/* DEVICE_Q_SNMP_TYPE */
	{ "availability", FIELD_ENUM, 0, 0, 0, availabilities }, /* DEVICE_Q_AVAILABILITY */
	{ "alert_category", FIELD_ENUM, 0, 0, 0, alert_categories }, /* DEVICE_Q_ALERT_CATEGORY */
	{ "alert_severity", FIELD_ENUM, 0, 0, 0, alert_severities }, /* DEVICE_Q_ALERT_SEVERITY */
	{ "monitored", FIELD_BOOL, 0, 0, 0, NULL },		/* DEVICE_Q_MONITORED */
	{ "favourite", FIELD_BOOL, 0, 0, 0, NULL },		/* DEVICE_Q_FAVOURITE */
	{ "pending_reboot", FIELD_BOOL, 0, 0, 0, NULL },	/* DEVICE_Q_PENDING_REBOOT */
	{ "folder_id", FIELD_ID, 0, 0, 0, NULL },		/* DEVICE_Q_FOLDER_ID */
	{ "view", FIELD_ENUM, 0, 0, 0, views },			/* DEVICE_Q_VIEW */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* DEVICE_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* DEVICE_Q_AFTER */
};

/* The columns of ?view=compact: what the list shows. */
static const enum device_field device_compact[] = {
	DEVICE_F_NAME, DEVICE_F_TYPE, DEVICE_F_AVAILABILITY,
	DEVICE_F_ALERTS_INFO, DEVICE_F_ALERTS_WARNING,
	DEVICE_F_ALERTS_CRITICAL, DEVICE_F_FOLDER_ID,
};

/* Read-only columns after the record: name and column. */
struct device_extra {
	const char	*name;
	enum device_col	 col;
	int		 id;	/* a number, not a string */
	int		 compact;
};

static const struct device_extra device_extras[] = {
	{ "created_at", DEVICE_COL_CREATED_AT, 0, 0 },
	{ "updated_at", DEVICE_COL_UPDATED_AT, 0, 0 },
	{ "last_seen_at", DEVICE_COL_LAST_SEEN_AT, 0, 1 },
	{ "last_login_at", DEVICE_COL_LAST_LOGIN_AT, 0, 0 },
	{ "folder_name", DEVICE_COL_FOLDER_NAME, 0, 1 },
	{ "integration_id", DEVICE_COL_INTEGRATION_ID, 1, 0 },
	{ "external_id", DEVICE_COL_EXTERNAL_ID, 0, 0 },
	{ "installer_token_id", DEVICE_COL_INSTALLER_TOKEN_ID, 1, 0 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The SET text "disk,apps" as a JSON array. */
static struct json_object *
device_categories_json(const char *set)
{
	struct json_object	*arr = json_object_new_array();
	const char		*p = set, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    e == NULL ? (int)strlen(p) : (int)(e - p)));
		p = e == NULL ? NULL : e + 1;
	}
	return arr;
}

static struct json_object *
device_json(const struct db_res *res, size_t r, struct arena *a, int compact)
{
	struct json_object	*o = json_object_new_object();
	const char		**v;
	const char		*cell;
	size_t			 i;

	v = record_from_row(a, res, r, 0, DEVICE_F__MAX);
	jsonx_add_u64(o, "id", db_get_u64(res, r, DEVICE_COL_ID));
	if (compact) {
		for (i = 0; i < NELEM(device_compact); i++)
			json_object_object_add(o,
			    device_fields[device_compact[i]].name,
			    record_value_json(&device_fields[device_compact[i]],
			    v[device_compact[i]]));
	} else {
		record_to_json(device_fields, DEVICE_F__MAX, v, o);
		json_object_object_add(o, "alert_categories",
		    device_categories_json(v[DEVICE_F_ALERT_CATEGORIES]));
	}
	for (i = 0; i < NELEM(device_extras); i++) {
		if (compact && !device_extras[i].compact)
			continue;
		cell = db_get(res, r, device_extras[i].col);
		json_object_object_add(o, device_extras[i].name, cell == NULL ?
		    NULL : device_extras[i].id ? json_object_new_int64(
		    strtoll(cell, NULL, 10)) : json_object_new_string(cell));
	}
	jsonx_add_u64(o, "version", db_get_u64(res, r, DEVICE_COL_VERSION));
	return o;
}

/*
 * D2: search and every filter, combined, in name order with keyset
 * paging; the statement is assembled by lib/filter.c.
 * 200, 400, 401, 404, 503
 */
int
devices_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct filter_args		 fa;
	struct db_res			 res;
	struct page			 p;
	int				 compact, rc;
	size_t				 i, n;

	if ((rc = page_from_query(c, &q[DEVICE_Q_LIMIT], &q[DEVICE_Q_AFTER],
	    1, &p)) != 0)
		return rc;
	compact = q[DEVICE_Q_VIEW].present && q[DEVICE_Q_VIEW].i == 1;
	memset(&fa, 0, sizeof(fa));
	fa.query = q;
	fa.page = &p;
	fa.head = (const struct db_arg[]){ db_u64(c->customer.id) };
	fa.nhead = 1;
	fa.tail = (const struct db_arg[]){ db_i64(p.limit + 1) };
	fa.ntail = 1;
	if (filter_exec(c->db, c->arena, &device_list_filter, &fa,
	    &res) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, device_json(&res, i, c->arena,
		    compact));
	return page_reply(c, arr, &p, &res, DEVICE_COL_SORT_KEY,
	    DEVICE_COL_ID);
}

/* The device as the reply: -1 on a database failure. */
int
device_reply(struct ctx *c, int status, uint64_t customer_id, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &device_sql[DEVICE_SQL_GET], &res,
	    db_u64(id), db_u64(customer_id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "device");
	return ctx_record(c, status, device_json(&res, 0, c->arena, 0),
	    db_get_u64(&res, 0, DEVICE_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/devices/%llu",
	    (unsigned long long)customer_id, (unsigned long long)id));
}

/* 200, 401, 404, 503 */
int
devices_get(struct ctx *c)
{
	int	rc = device_reply(c, 200, c->customer.id, c->ids[1]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

/*
 * The audit row and timeline event of a change to an object of the
 * customer (a device, folder or installer token).
 */
int
assets_event(struct ctx *c, const char *kind, const char *object_type,
    uint64_t customer_id, uint64_t id, const char *summary,
    struct json_object *changes)
{
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, object_type, id, customer_id, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ customer_id, kind, summary, object_type,
	    id });
}

/* Adds delta to the customer's device count and that of the type. */
static int
device_count(struct ctx *c, uint64_t customer, const char *type,
    int64_t delta)
{
	if (counts_add(c->db, c->arena, customer, COUNT_DEVICES, NULL,
	    delta) == -1)
		return -1;
	return counts_add(c->db, c->arena, customer, COUNT_DEVICES_BY_TYPE,
	    type, delta);
}

static int
device_db_fail(struct ctx *c, struct outcome *o)
{
	switch (db_errno(c->db)) {
	case DB_ER_NO_REFERENCED_ROW:
		return outcome_fail(o, 400, "unknown_reference",
		    "No customer with this id", "customer_id");
	default:
		return outcome_db_fail(o);
	}
}

/*
 * alert_categories as given ("disk, apps") into the SET's text
 * ("disk,apps"): 0, or -1 with o filled.
 */
static int
device_categories(struct arena *a, const char **v, struct outcome *o)
{
	const char	*p = *v, *e, *out = "";
	size_t		 len, i;

	for (; p != NULL && *p != '\0'; p = *e == '\0' ? e : e + 1) {
		while (*p == ' ')
			p++;
		e = p + strcspn(p, ",");
		for (len = (size_t)(e - p); len > 0 && p[len - 1] == ' ';
		    len--)
			continue;
		if (len == 0)
			continue;
		for (i = 0; alert_categories[i] != NULL; i++)
			if (strlen(alert_categories[i]) == len &&
			    memcmp(alert_categories[i], p, len) == 0)
				break;
		if (alert_categories[i] == NULL)
			return outcome_fail(o, 400, "invalid_choice",
			    "Not one of the alert categories",
			    "alert_categories");
		out = arena_printf(a, "%s%s%s", out, *out ? "," : "",
		    alert_categories[i]);
	}
	*v = out;
	return 0;
}

/* Whether field f is the same in a and b (either may be NULL). */
static int
device_same(const char *const *a, const char *const *b, enum device_field f)
{
	if (a[f] == NULL || b[f] == NULL)
		return a[f] == b[f];
	return strcmp(a[f], b[f]) == 0;
}

/*
 * The moves a change makes: to another customer (audited on both, out of
 * the old folder unless one is given) or to another folder.
 */
static int
device_moved(struct ctx *c, const char *const *old, const char **cur,
    uint64_t id, struct json_object *changes)
{
	uint64_t	from = strtoull(old[DEVICE_F_CUSTOMER_ID], NULL, 10);
	uint64_t	to = strtoull(cur[DEVICE_F_CUSTOMER_ID], NULL, 10);
	const char	*name = cur[DEVICE_F_NAME];

	if (from == to)
		return assets_event(c, "device.moved", "device", to, id,
		    arena_printf(c->arena, "Device moved to %s: %s",
		    cur[DEVICE_F_FOLDER_ID] ? "another folder" : "no folder",
		    name), changes);
	if (assets_event(c, "device.moved", "device", from, id,
	    arena_printf(c->arena, "Device moved to customer %llu: %s",
	    (unsigned long long)to, name), changes) == -1)
		return -1;
	return assets_event(c, "device.moved", "device", to, id,
	    arena_printf(c->arena, "Device moved from customer %llu: %s",
	    (unsigned long long)from, name), changes);
}

/* The folder of cur must be its customer's: 0, or -1 with o filled. */
static int
device_folder_check(struct ctx *c, const char *const *cur, struct outcome *o)
{
	struct db_res	res;

	if (cur[DEVICE_F_FOLDER_ID] == NULL)
		return 0;
	if (DB_EXEC(c->db, c->arena, &folder_sql[FOLDER_SQL_CHECK], &res,
	    db_u64(strtoull(cur[DEVICE_F_FOLDER_ID], NULL, 10)),
	    db_u64(strtoull(cur[DEVICE_F_CUSTOMER_ID], NULL, 10))) == -1)
		return outcome_db_fail(o);
	if (res.nrows == 0)
		return outcome_fail(o, 400, "unknown_reference",
		    "No folder with this id at this customer", "folder_id");
	return 0;
}

static int
device_write(struct ctx *c, const char **cur, uint64_t id, uint64_t version,
    struct outcome *o)
{
	struct db_arg	args[DEVICE_F__MAX + 2];
	struct db_res	res;

	record_args(cur, DEVICE_F__MAX, args);
	if (id == 0) {
		if (db_exec(c->db, c->arena, &device_sql[DEVICE_SQL_INSERT],
		    args, DEVICE_F__MAX, &res) == -1)
			return device_db_fail(c, o);
		o->id = res.insert_id;
		o->created = 1;
		return 0;
	}
	args[DEVICE_F__MAX] = db_u64(id);
	args[DEVICE_F__MAX + 1] = db_u64(version);
	if (db_exec(c->db, c->arena, &device_sql[DEVICE_SQL_UPDATE], args,
	    DEVICE_F__MAX + 2, NULL) == -1)
		return device_db_fail(c, o);
	o->id = id;
	return 0;
}

/*
 * Inside the caller's transaction: creates a device of the customer in
 * the path (old NULL) or
 * applies in to the locked row old (id, version), with its counts, audit
 * rows and timeline events.  0, or -1 with o filled.
 */
int
device_save(struct ctx *c, const char *const *old, uint64_t id,
    uint64_t version, const struct field_value *in, struct outcome *o)
{
	struct json_object	*changes = jsonx_object(c->arena);
	const char		**cur;
	size_t			 i;
	int			 moved;

	memset(o, 0, sizeof(*o));
	cur = record_merge(c->arena, device_fields, DEVICE_F__MAX, old, in);
	if (old == NULL) {
		if (in[DEVICE_F_CUSTOMER_ID].present)
			return outcome_fail(o, 400, "read_only_field",
			    "A device is created under its customer's path",
			    "customer_id");
		cur[DEVICE_F_CUSTOMER_ID] = arena_printf(c->arena, "%llu",
		    (unsigned long long)c->customer.id);
		for (i = 0; i < DEVICE_F__MAX; i++)
			if (cur[i] == NULL)
				cur[i] = device_defaults[i];
	} else if (!device_same(old, cur, DEVICE_F_CUSTOMER_ID) &&
	    !in[DEVICE_F_FOLDER_ID].present)
		cur[DEVICE_F_FOLDER_ID] = NULL;	/* the folder stays behind */
	if (cur[DEVICE_F_NAME] == NULL)
		return outcome_fail(o, 400, "required", "A device needs a name",
		    "name");
	if (device_categories(c->arena, &cur[DEVICE_F_ALERT_CATEGORIES],
	    o) == -1)
		return -1;
	if (record_diff(device_fields, DEVICE_F__MAX, old, cur,
	    changes) == 0 && old != NULL) {
		o->id = id;
		return 0;
	}
	if (device_folder_check(c, cur, o) == -1 ||
	    device_write(c, cur, id, version, o) == -1)
		return -1;
	o->changed = 1;
	if ((old == NULL || !device_same(old, cur, DEVICE_F_CUSTOMER_ID) ||
	    !device_same(old, cur, DEVICE_F_TYPE)) &&
	    ((old != NULL && device_count(c, strtoull(old[DEVICE_F_CUSTOMER_ID],
	    NULL, 10), old[DEVICE_F_TYPE], -1) == -1) || device_count(c,
	    strtoull(cur[DEVICE_F_CUSTOMER_ID], NULL, 10), cur[DEVICE_F_TYPE],
	    1) == -1))
		return outcome_db_fail(o);
	moved = old != NULL && (!device_same(old, cur, DEVICE_F_CUSTOMER_ID) ||
	    !device_same(old, cur, DEVICE_F_FOLDER_ID));
	if (moved) {
		if (device_moved(c, old, cur, o->id, changes) == -1)
			return outcome_db_fail(o);
		return 0;
	}
	if (assets_event(c, o->created ? "device.created" :
	    "device.updated", "device", strtoull(cur[DEVICE_F_CUSTOMER_ID], NULL, 10),
	    o->id, arena_printf(c->arena, "%s: %s", o->created ?
	    "Device added" : "Device updated", cur[DEVICE_F_NAME]),
	    changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

static int
devices_create_tx(struct ctx *c, void *arg)
{
	struct outcome	o;

	if (device_save(c, NULL, 0, 0, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return device_reply(c, 201, c->customer.id, o.id);
}

/* 201, 400, 401, 403, 404, 413, 415, 503 */
int
devices_create(struct ctx *c)
{
	return ctx_tx(c, devices_create_tx, NULL);
}

static int
devices_update_tx(struct ctx *c, void *arg)
{
	const uint64_t	*version = arg;
	struct db_res	 res;
	struct outcome	 o;
	uint64_t	 cur;
	int		 rc;

	if ((rc = ctx_lock_child(c, &device_sql[DEVICE_SQL_LOCK], "device",
	    &res)) != 0)
		return rc;
	cur = db_get_u64(&res, 0, DEVICE_COL_VERSION);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this device",
		    device_json(&res, 0, c->arena, 0), cur);
	if (device_save(c, record_from_row(c->arena, &res, 0, 0,
	    DEVICE_F__MAX), c->ids[1], cur, c->in, &o) == -1)
		return outcome_reply(c, &o);
	/* A moved device is answered at its new customer's path. */
	return device_reply(c, 200, c->in[DEVICE_F_CUSTOMER_ID].present ?
	    (uint64_t)c->in[DEVICE_F_CUSTOMER_ID].i : c->customer.id,
	    c->ids[1]);
}

/*
 * A change of customer_id or folder_id moves the device (D3), audited
 * on both customers.  200, 400, 401, 403, 404, 409, 428, 503
 */
int
devices_update(struct ctx *c)
{
	return ctx_tx_versioned(c, devices_update_tx);
}

static int
devices_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name;
	int			 rc;

	if ((rc = ctx_lock_child(c, &device_sql[DEVICE_SQL_LOCK], "device",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, DEVICE_F_NAME);
	audit_change(ch, "name", json_object_new_string(name), NULL);
	if (DB_EXEC(c->db, c->arena, &device_sql[DEVICE_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1 ||
	    device_count(c, c->customer.id, db_get(&res, 0, DEVICE_F_TYPE),
	    -1) == -1 ||
	    assets_event(c, "device.deleted", "device", c->customer.id,
	    c->ids[1], arena_printf(c->arena, "Device removed: %s", name),
	    ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* 204, 401, 403, 404, 503 */
int
devices_delete(struct ctx *c)
{
	return ctx_tx(c, devices_delete_tx, NULL);
}
