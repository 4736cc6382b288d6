/*
 * cgi/tickets: SLA policies, their assignment to a customer or a
 * contract, and the SLA clocks and sentiment a ticket's JSON shows (T1).
 * A ticket's policy is its contract's, else its customer's, else the
 * workspace default (the policy with is_default), else none; the clocks
 * are computed by lib/sla.c at the request's now.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_sla.h"
#include "db_ticket.h"
#include "dispatch.h"
#include "jsonx.h"
#include "log.h"
#include "record.h"
#include "resp.h"
#include "sla.h"
#include "timeline.h"

#include "tickets.h"

#define N	FIELD_NULLABLE
#define TARGET(name)	{ name, FIELD_INT, N, 1, SLA_TARGET_MAX, NULL }

const struct field_spec sla_fields[SLA_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 100, NULL },	/* SLA_F_NAME */
	TARGET("first_response_low"),		/* SLA_F_FIRST_LOW */
	TARGET("first_response_medium"),	/* SLA_F_FIRST_MEDIUM */
	TARGET("first_response_high"),		/* SLA_F_FIRST_HIGH */
	TARGET("first_response_critical"),	/* SLA_F_FIRST_CRITICAL */
	TARGET("resolution_low"),		/* SLA_F_RESOLUTION_LOW */
	TARGET("resolution_medium"),		/* SLA_F_RESOLUTION_MEDIUM */
	TARGET("resolution_high"),		/* SLA_F_RESOLUTION_HIGH */
	TARGET("resolution_critical"),		/* SLA_F_RESOLUTION_CRITICAL */
	{ "business_days", FIELD_TEXT, N, 3, 27, NULL },	/* SLA_F_DAYS */
	{ "business_start", FIELD_INT, N, 0, SLA_DAY_MINUTES - 1, NULL },
							/* SLA_F_START */
	{ "business_end", FIELD_INT, N, 1, SLA_DAY_MINUTES, NULL },
							/* SLA_F_END */
	{ "time_zone", FIELD_TEXT, N, 1, SLA_ZONE_MAX - 1, NULL },
							/* SLA_F_ZONE */
	{ "is_default", FIELD_BOOL, 0, 0, 0, NULL },	/* SLA_F_DEFAULT */
};

static const char *const sla_defaults[SLA_F__MAX] = {
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, "0"
};

const struct field_spec sla_assign_fields[SLA_ASSIGN_F__MAX] = {
	{ "sla_policy_id", FIELD_ID, N, 0, 0, NULL },	/* SLA_ASSIGN_F_POLICY */
};

/* Business hours: all of these or none. */
static const enum sla_field sla_hours_fields[] = {
	SLA_F_DAYS, SLA_F_START, SLA_F_END, SLA_F_ZONE
};

/* The days in canonical order ("fri,mon" is "mon,fri"). */
static const char *
sla_days_text(struct arena *a, int days)
{
	const char	*s = "";
	size_t		 i;

	for (i = 0; sla_day_names[i] != NULL; i++)
		if (days & (1 << i))
			s = arena_printf(a, "%s%s%s", s, *s != '\0' ? "," : "",
			    sla_day_names[i]);
	return s;
}

/* A policy's business hours, checked and made canonical: 0 or a 400. */
static int
sla_check(struct ctx *c, const char **cur)
{
	size_t	i, set = 0;
	int	days;

	for (i = 0; i < sizeof(sla_hours_fields) / sizeof(sla_hours_fields[0]);
	    i++)
		set += cur[sla_hours_fields[i]] != NULL;
	if (set == 0)
		return 0;
	for (i = 0; set != sizeof(sla_hours_fields) /
	    sizeof(sla_hours_fields[0]); i++)
		if (cur[sla_hours_fields[i]] == NULL)
			return resp_error(&c->resp, c->arena, 400, "required",
			    "Business hours need days, start, end and a time "
			    "zone", sla_fields[sla_hours_fields[i]].name);
	if (sla_days_parse(cur[SLA_F_DAYS], &days) == -1 || days == 0)
		return resp_error(&c->resp, c->arena, 400, "invalid",
		    "Business days are names like mon,tue,wed", "business_days");
	cur[SLA_F_DAYS] = sla_days_text(c->arena, days);
	if (strtol(cur[SLA_F_END], NULL, 10) <=
	    strtol(cur[SLA_F_START], NULL, 10))
		return resp_error(&c->resp, c->arena, 400, "invalid",
		    "Business hours end after they start", "business_end");
	if (!sla_zone_valid(cur[SLA_F_ZONE]))
		return resp_error(&c->resp, c->arena, 400, "invalid",
		    "Not a time zone of the tz database (e.g. Europe/Berlin)",
		    "time_zone");
	return 0;
}

static struct json_object *
sla_policy_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, SLA_COL_ID));
	record_to_json(sla_fields, SLA_F__MAX, record_from_row(a, res, r, 0,
	    SLA_F__MAX), o);
	jsonx_add_u64(o, "version", db_get_u64(res, r, SLA_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, SLA_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, SLA_COL_UPDATED_AT));
	return o;
}

/* The policy as the reply: -1 on a database failure. */
static int
sla_policy_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_GET], &res,
	    db_u64(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "SLA policy");
	return ctx_record(c, status, sla_policy_json(&res, 0, c->arena),
	    db_get_u64(&res, 0, SLA_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/sla-policies/%llu", (unsigned long long)id));
}

/* By name.  200, 401, 503 */
int
sla_policies_list(struct ctx *c)
{
	struct json_object	*arr;
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_LIST], &res,
	    db_i64(SLA_POLICIES_MAX)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++)
		json_object_array_add(arr, sla_policy_json(&res, i, c->arena));
	return ctx_data(c, 200, arr);
}

/* 200, 401, 404, 503 */
int
sla_policies_get(struct ctx *c)
{
	int	rc = sla_policy_reply(c, 200, c->ids[0]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

/* The old default, if another policy, loses its mark, audited: 0 or -1. */
static int
sla_default_clear(struct ctx *c, uint64_t id)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	uint64_t		 old;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_OLD_DEFAULT], &res,
	    db_u64(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return 0;
	old = db_get_u64(&res, 0, SLA_ONE_COL_ID);
	audit_change(ch, "is_default", json_object_new_boolean(1),
	    json_object_new_boolean(0));
	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_CLEAR_DEFAULT], NULL,
	    db_u64(old)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "sla_policy.updated", "sla_policy", old, 0, ch }) == -1)
		return -1;
	return 0;
}

/*
 * Writes cur over old (NULL: a new policy) and audits the change; a new
 * default takes the mark from the old one.  0 with *id, a status, or -1.
 */
static int
sla_policy_write(struct ctx *c, const char *const *old, const char **cur,
    uint64_t *id)
{
	static const char *const none[SLA_F__MAX];
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_arg		 args[SLA_F__MAX + 1];
	struct db_res		 res;
	int			 rc;

	if ((rc = sla_check(c, cur)) != 0)
		return rc;
	if (record_diff(sla_fields, SLA_F__MAX, old != NULL ? old : none, cur,
	    ch) == 0 && old != NULL)
		return 0;
	if (strcmp(cur[SLA_F_DEFAULT], "1") == 0 &&
	    sla_default_clear(c, *id) == -1)
		return -1;
	record_args(cur, SLA_F__MAX, args);
	args[SLA_F__MAX] = db_u64(*id);
	if (db_exec(c->db, c->arena, &sla_sql[old != NULL ? SLA_SQL_UPDATE :
	    SLA_SQL_INSERT], args, old != NULL ? SLA_F__MAX + 1 : SLA_F__MAX,
	    &res) == -1)
		return ctx_write_error(c, "duplicate_name",
		    "An SLA policy has this name", "name");
	if (old == NULL)
		*id = res.insert_id;
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    old != NULL ? "sla_policy.updated" : "sla_policy.created",
	    "sla_policy", *id, 0, ch }) == -1)
		return -1;
	return 0;
}

static int
sla_policies_create_tx(struct ctx *c, void *arg)
{
	const char	**cur;
	uint64_t	 id = 0;
	size_t		 i;
	int		 rc;

	cur = record_merge(c->arena, sla_fields, SLA_F__MAX, NULL, c->in);
	for (i = 0; i < SLA_F__MAX; i++)
		if (cur[i] == NULL)
			cur[i] = sla_defaults[i];
	if ((rc = sla_policy_write(c, NULL, cur, &id)) != 0)
		return rc;
	return sla_policy_reply(c, 201, id);
}

/* Admin.  201, 400, 401, 403, 409, 413, 415, 503 */
int
sla_policies_create(struct ctx *c)
{
	return ctx_tx(c, sla_policies_create_tx, NULL);
}

static int
sla_policies_update_tx(struct ctx *c, void *arg)
{
	const uint64_t	*version = arg;
	struct db_res	 res;
	const char	**old;
	uint64_t	 id = c->ids[0], now;
	int		 rc;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_LOCK], &res,
	    db_u64(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "SLA policy");
	now = db_get_u64(&res, 0, SLA_COL_VERSION);
	if (now != *version)
		return ctx_conflict(c, "Someone else changed this SLA policy",
		    sla_policy_json(&res, 0, c->arena), now);
	old = record_from_row(c->arena, &res, 0, 0, SLA_F__MAX);
	if ((rc = sla_policy_write(c, old, record_merge(c->arena, sla_fields,
	    SLA_F__MAX, old, c->in), &id)) != 0)
		return rc;
	return sla_policy_reply(c, 200, id);
}

/* Admin, If-Match.  200, 400, 401, 403, 404, 409, 428, 503 */
int
sla_policies_update(struct ctx *c)
{
	return ctx_tx_versioned(c, sla_policies_update_tx);
}

static int
sla_policies_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_LOCK], &res,
	    db_u64(c->ids[0])) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "SLA policy");
	audit_change(ch, "name", json_object_new_string(db_get(&res, 0,
	    SLA_F_NAME)), NULL);
	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_DELETE], NULL,
	    db_u64(c->ids[0])) == -1) {
		if (db_errno(c->db) == DB_ER_ROW_IS_REFERENCED)
			return resp_error(&c->resp, c->arena, 409, "in_use",
			    "A contract or a customer has this SLA policy",
			    NULL);
		return -1;
	}
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "sla_policy.deleted", "sla_policy", c->ids[0], 0, ch }) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* Admin; a policy in use is 409.  204, 401, 403, 404, 409, 503 */
int
sla_policies_delete(struct ctx *c)
{
	return ctx_tx(c, sla_policies_delete_tx, NULL);
}

/* The body's policy id exists: 0 with *id (0: none), or a 400. */
static int
sla_assigned(struct ctx *c, uint64_t *id)
{
	struct db_res	res;

	/* Not a route's required field: null is a value here. */
	if (!c->in[SLA_ASSIGN_F_POLICY].present)
		return resp_error(&c->resp, c->arena, 400, "required",
		    "sla_policy_id is required (null: none)", "sla_policy_id");
	*id = c->in[SLA_ASSIGN_F_POLICY].null ? 0 :
	    (uint64_t)c->in[SLA_ASSIGN_F_POLICY].i;
	if (*id == 0)
		return 0;
	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_CHECK], &res,
	    db_u64(*id)) == -1)
		return -1;
	if (res.nrows == 0)
		return resp_error(&c->resp, c->arena, 400, "unknown_reference",
		    "No SLA policy has this id", "sla_policy_id");
	return 0;
}

static struct json_object *
sla_id_json(const struct db_res *res, size_t col)
{
	return db_is_null(res, 0, col) ? NULL :
	    json_object_new_int64(db_get_i64(res, 0, col));
}

/* The customer's assignment and the default it falls back to. */
static int
customer_sla_reply(struct ctx *c)
{
	struct json_object	*o;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_CUSTOMER_GET], &res,
	    db_u64(c->customer.id)) == -1 || res.nrows != 1)
		return -1;
	o = json_object_new_object();
	jsonx_add_u64(o, "customer_id", c->customer.id);
	json_object_object_add(o, "sla_policy_id", sla_id_json(&res,
	    SLA_CUSTOMER_COL_POLICY));
	json_object_object_add(o, "default_policy_id", sla_id_json(&res,
	    SLA_CUSTOMER_COL_DEFAULT));
	return ctx_data(c, 200, o);
}

/* 200, 401, 404, 503 */
int
customer_sla_get(struct ctx *c)
{
	return customer_sla_reply(c) == -1 ? ctx_db_error(c) : 200;
}

static int
customer_sla_put_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	uint64_t		 id;
	int			 rc;

	if ((rc = sla_assigned(c, &id)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_CUSTOMER_GET], &res,
	    db_u64(c->customer.id)) == -1 || res.nrows != 1)
		return -1;
	audit_change(ch, "sla_policy_id", sla_id_json(&res,
	    SLA_CUSTOMER_COL_POLICY), id == 0 ? NULL :
	    json_object_new_int64((int64_t)id));
	if ((id == 0 ? DB_EXEC(c->db, c->arena,
	    &sla_sql[SLA_SQL_CUSTOMER_DELETE], NULL,
	    db_u64(c->customer.id)) : DB_EXEC(c->db, c->arena,
	    &sla_sql[SLA_SQL_CUSTOMER_PUT], NULL, db_u64(c->customer.id),
	    db_u64(id))) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "customer.sla_changed", "customer", c->customer.id,
	    c->customer.id, ch }) == -1 ||
	    timeline_add(c->db, c->arena, &c->actor, &(struct timeline_event){
	    c->customer.id, "customer.sla_changed", "SLA policy changed",
	    "customer", c->customer.id }) == -1 ||
	    customer_sla_reply(c) == -1)
		return -1;
	return 200;
}

/* Admin; null: the workspace default.  200, 400, 401, 403, 404, 503 */
int
customer_sla_put(struct ctx *c)
{
	return ctx_tx(c, customer_sla_put_tx, NULL);
}

static int
contract_sla_put_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena), *o;
	struct db_res		 res;
	uint64_t		 id;
	int			 rc;

	if ((rc = ctx_lock_child(c, &sla_sql[SLA_SQL_CONTRACT_LOCK],
	    "contract", &res)) != 0 || (rc = sla_assigned(c, &id)) != 0)
		return rc;
	audit_change(ch, "sla_policy_id", sla_id_json(&res,
	    SLA_CONTRACT_COL_POLICY), id == 0 ? NULL :
	    json_object_new_int64((int64_t)id));
	if (DB_EXEC(c->db, c->arena, &sla_sql[SLA_SQL_CONTRACT_PUT], NULL,
	    db_id_or_null(id), db_u64(c->ids[1])) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "contract.sla_changed", "contract", c->ids[1], c->customer.id,
	    ch }) == -1 ||
	    timeline_add(c->db, c->arena, &c->actor, &(struct timeline_event){
	    c->customer.id, "contract.sla_changed", arena_printf(c->arena,
	    "SLA policy of contract %s changed", db_get(&res, 0,
	    SLA_CONTRACT_COL_NAME)), "contract", c->ids[1] }) == -1)
		return -1;
	o = json_object_new_object();
	jsonx_add_u64(o, "contract_id", c->ids[1]);
	json_object_object_add(o, "sla_policy_id", id == 0 ? NULL :
	    json_object_new_int64((int64_t)id));
	return ctx_data(c, 200, o);
}

/* Admin; null: the customer's.  200, 400, 401, 403, 404, 503 */
int
contract_sla_put(struct ctx *c)
{
	return ctx_tx(c, contract_sla_put_tx, NULL);
}

/*
 * One clock as JSON: NULL without a target (or, logged, when the
 * policy's stored hours cannot be used).
 */
static struct json_object *
sla_clock_json(const char *target, time_t created,
    const struct sla_hours *h, time_t done, time_t now)
{
	struct json_object	*o;
	struct sla_clock	 k;
	char			 due[SLA_TIME_MAX];

	if (target == NULL)
		return NULL;
	if (sla_clock(created, strtoll(target, NULL, 10), h, done, now,
	    &k) == -1) {
		log_err("sla: no due time for a target of %s minutes", target);
		return NULL;
	}
	sla_time_format(k.due, due, sizeof(due));
	o = json_object_new_object();
	json_object_object_add(o, "target_minutes", json_object_new_int64(
	    strtoll(target, NULL, 10)));
	jsonx_add_str(o, "due_at", due);
	jsonx_add_str(o, "state", sla_states[k.state]);
	json_object_object_add(o, "minutes_left", k.running ?
	    json_object_new_int64(k.minutes_left) : NULL);
	return o;
}

/* Seconds since the epoch of a time column, or 0 when it is NULL. */
static time_t
sla_when(const struct db_res *res, size_t r, size_t col)
{
	time_t	t;

	return sla_time_parse(db_get(res, r, col), &t) == 0 ? t : 0;
}

/*
 * Adds first_responded_at, sentiment and sla to a ticket's JSON o from
 * row r of TICKET_SQL_GET or the list (SLA_TICKET_COLUMNS).  A ticket
 * resolved or closed without a public reply counts that as its first
 * response.
 */
void
ticket_sla_add(struct json_object *o, const struct db_res *res, size_t r,
    time_t now)
{
	struct json_object	*sla, *p = NULL;
	struct sla_hours	 h;
	const char		*days;
	time_t			 created, resolved, responded;
	size_t			 b = TICKET_COL__MAX;

	jsonx_add_str(o, "first_responded_at", db_get(res, r,
	    b + SLA_TICKET_COL_FIRST_RESPONDED_AT));
	jsonx_add_str(o, "sentiment", db_get(res, r,
	    b + SLA_TICKET_COL_SENTIMENT));
	json_object_object_add(o, "sentiment_score", db_is_null(res, r,
	    b + SLA_TICKET_COL_SENTIMENT_SCORE) ? NULL : json_object_new_int64(
	    db_get_i64(res, r, b + SLA_TICKET_COL_SENTIMENT_SCORE)));
	sla = json_object_new_object();
	json_object_object_add(o, "sla", sla);
	memset(&h, 0, sizeof(h));
	if (!db_is_null(res, r, b + SLA_TICKET_COL_POLICY_ID)) {
		p = json_object_new_object();
		jsonx_add_u64(p, "id", db_get_u64(res, r,
		    b + SLA_TICKET_COL_POLICY_ID));
		jsonx_add_str(p, "name", db_get(res, r,
		    b + SLA_TICKET_COL_POLICY_NAME));
		if ((days = db_get(res, r, b + SLA_TICKET_COL_DAYS)) != NULL &&
		    sla_days_parse(days, &h.days) == 0) {
			h.start = (int)db_get_i64(res, r,
			    b + SLA_TICKET_COL_START);
			h.end = (int)db_get_i64(res, r, b + SLA_TICKET_COL_END);
			h.zone = db_get(res, r, b + SLA_TICKET_COL_ZONE);
		}
	}
	json_object_object_add(sla, "policy", p);
	created = sla_when(res, r, TICKET_COL_CREATED_AT);
	if ((resolved = sla_when(res, r, TICKET_COL_RESOLVED_AT)) == 0)
		resolved = sla_when(res, r, TICKET_COL_CLOSED_AT);
	if ((responded = sla_when(res, r,
	    b + SLA_TICKET_COL_FIRST_RESPONDED_AT)) == 0)
		responded = resolved;
	json_object_object_add(sla, "first_response", p == NULL ? NULL :
	    sla_clock_json(db_get(res, r, b + SLA_TICKET_COL_FIRST_RESPONSE),
	    created, &h, responded, now));
	json_object_object_add(sla, "resolution", p == NULL ? NULL :
	    sla_clock_json(db_get(res, r, b + SLA_TICKET_COL_RESOLUTION),
	    created, &h, resolved, now));
}
