/*
 * /api/v1/customers/{id}/domains (M3): a customer's mail domains.  A
 * domain is kept normalised (lib/domain.c), is one customer's only, and
 * routes mail (M2) only once verified (cgi/customers_domain_verify.c).
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_customer.h"
#include "db_domain.h"
#include "dispatch.h"
#include "domain.h"
#include "jsonx.h"
#include "page.h"
#include "timeline.h"

#include "customers.h"

const struct field_spec domain_fields[DOMAIN_F__MAX] = {
	{ "domain", FIELD_TEXT, 0, 1, DOMAIN_INPUT_MAX, NULL },	/* DOMAIN_F_DOMAIN */
	{ "include_subdomains", FIELD_BOOL, 0, 0, 0, NULL },	/* DOMAIN_F_INCLUDE_SUBDOMAINS */
};

const struct field_spec domain_patch_fields[1] = {
	{ "include_subdomains", FIELD_BOOL, 0, 0, 0, NULL },
};

static struct json_object *
domain_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object(), *ch = NULL;
	char			 u[DOMAIN_UNICODE_MAX];

	jsonx_add_u64(o, "id", db_get_u64(res, r, DOMAIN_COL_ID));
	jsonx_add_u64(o, "customer_id",
	    db_get_u64(res, r, DOMAIN_COL_CUSTOMER_ID));
	jsonx_add_str(o, "domain", db_get(res, r, DOMAIN_COL_DOMAIN));
	jsonx_add_str(o, "domain_unicode", domain_unicode(db_get(res, r,
	    DOMAIN_COL_DOMAIN), u, sizeof(u)));
	jsonx_add_bool(o, "include_subdomains",
	    db_get_i64(res, r, DOMAIN_COL_INCLUDE_SUBDOMAINS) == 1);
	jsonx_add_bool(o, "verified",
	    !db_is_null(res, r, DOMAIN_COL_VERIFIED_AT));
	jsonx_add_str(o, "verified_at", db_get(res, r, DOMAIN_COL_VERIFIED_AT));
	jsonx_add_str(o, "verified_via",
	    db_get(res, r, DOMAIN_COL_VERIFIED_VIA));
	if (!db_is_null(res, r, DOMAIN_COL_CH_ADDRESS)) {
		ch = json_object_new_object();
		jsonx_add_str(ch, "address",
		    db_get(res, r, DOMAIN_COL_CH_ADDRESS));
		jsonx_add_str(ch, "state", db_get(res, r, DOMAIN_COL_CH_STATE));
		jsonx_add_str(ch, "sent_at",
		    db_get(res, r, DOMAIN_COL_CH_CREATED_AT));
		jsonx_add_str(ch, "expires_at",
		    db_get(res, r, DOMAIN_COL_CH_EXPIRES_AT));
		json_object_object_add(ch, "attempts_left",
		    json_object_new_int64(CHALLENGE_ATTEMPTS_MAX - db_get_i64(
		    res, r, DOMAIN_COL_CH_ATTEMPTS)));
	}
	json_object_object_add(o, "challenge", ch);
	jsonx_add_u64(o, "version", db_get_u64(res, r, DOMAIN_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, DOMAIN_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, DOMAIN_COL_UPDATED_AT));
	return o;
}

int
domain_reply(struct ctx *c, int status, uint64_t customer, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_GET], &res,
	    db_u64(id), db_u64(customer)) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "domain");
	return ctx_record(c, status, domain_json(&res, 0),
	    db_get_u64(&res, 0, DOMAIN_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/domains/%llu",
	    (unsigned long long)customer, (unsigned long long)id));
}

/* The audit row and timeline event of a change to a domain. */
int
domain_event(struct ctx *c, uint64_t customer, const char *kind,
    uint64_t id, const char *summary, struct json_object *changes)
{
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, "domain", id, customer, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ customer, kind, summary, "domain", id });
}

/* 200, 400, 401, 404, 503 */
int
domains_list(struct ctx *c)
{
	struct json_object	*arr;
	struct db_res		 res;
	struct page		 p;
	size_t			 i, n;
	int			 rc;

	if ((rc = page_from_query(c, &c->query[0], &c->query[1], 0, &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_LIST], &res,
	    db_u64(c->customer.id), db_u64(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, domain_json(&res, i));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, DOMAIN_COL_ID);
}

/* 200, 401, 404, 503 */
int
domains_get(struct ctx *c)
{
	return domain_reply(c, 200, c->customer.id, c->ids[1]);
}

/*
 * 409 for a domain some customer holds: this one, or another, named
 * (every signed-in user may read every customer).  0 when none does.
 */
static int
domains_held(struct ctx *c, const char *name)
{
	struct json_object	*who;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_HOLDER], &res,
	    db_str(name)) == -1)
		return -1;
	if (res.nrows == 0)
		return 0;
	if (db_get_u64(&res, 0, DOMAIN_HOLDER_CUSTOMER_ID) == c->ids[0])
		return resp_error(&c->resp, c->arena, 409, "domain_exists",
		    "This customer already has this domain", "domain");
	who = jsonx_object(c->arena);
	jsonx_add_u64(who, "id",
	    db_get_u64(&res, 0, DOMAIN_HOLDER_CUSTOMER_ID));
	jsonx_add_str(who, "name", db_get(&res, 0, DOMAIN_HOLDER_NAME));
	return resp_error_with(&c->resp, c->arena, 409, "domain_taken",
	    arena_printf(c->arena, "%s belongs to the customer %s", name,
	    db_get(&res, 0, DOMAIN_HOLDER_NAME)), "domain", "customer", who);
}

static int
domains_create_tx(struct ctx *c, void *arg)
{
	const char		*name = arg;
	const struct field_value *in = &c->in[DOMAIN_F_INCLUDE_SUBDOMAINS];
	int			 sub = in->present && in->i == 1;
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	int			 rc;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_LOCK_ID], &res,
	    db_u64(c->customer.id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "customer");
	if ((rc = domains_held(c, name)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_INSERT], &res,
	    db_u64(c->customer.id), db_str(name), db_i64(sub)) == -1) {
		/* Another customer's insert committed first. */
		if (db_errno(c->db) == DB_ER_DUP_ENTRY &&
		    (rc = domains_held(c, name)) != 0)
			return rc;
		return -1;
	}
	audit_change(ch, "domain", NULL, json_object_new_string(name));
	audit_change(ch, "include_subdomains", NULL,
	    json_object_new_boolean(sub));
	if (domain_event(c, c->customer.id, "domain.created", res.insert_id,
	    arena_printf(c->arena, "Mail domain added: %s", name), ch) == -1)
		return -1;
	return domain_reply(c, 201, c->customer.id, res.insert_id);
}

/*
 * 201, 400 (invalid_domain, freemail_domain, public_suffix), 401, 403,
 * 404, 409 (domain_exists, domain_taken naming the customer), 503
 */
int
domains_create(struct ctx *c)
{
	char			 name[DOMAIN_MAX + 1];
	enum domain_refusal	 why;

	if ((why = domain_check(c->in[DOMAIN_F_DOMAIN].s, name,
	    sizeof(name))) != DOMAIN_ACCEPTED)
		return resp_error(&c->resp, c->arena, 400,
		    domain_reasons[why].code, domain_reasons[why].message,
		    "domain");
	return ctx_tx(c, domains_create_tx, arena_strdup(c->arena, name));
}

static int
domains_update_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	int			 rc, old, sub;

	if ((rc = ctx_lock_child(c, &domain_sql[DOMAIN_SQL_LOCK], "domain",
	    &res)) != 0)
		return rc;
	if (db_get_u64(&res, 0, DOMAIN_LOCK_VERSION) != *version) {
		if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_GET], &res,
		    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1)
			return -1;
		return ctx_conflict(c, "Someone else changed this domain",
		    domain_json(&res, 0), db_get_u64(&res, 0,
		    DOMAIN_COL_VERSION));
	}
	old = db_get_i64(&res, 0, DOMAIN_LOCK_INCLUDE_SUBDOMAINS) == 1;
	sub = c->in[0].present ? c->in[0].i == 1 : old;
	if (sub == old)
		return domain_reply(c, 200, c->customer.id, c->ids[1]);
	audit_change(ch, "include_subdomains", json_object_new_boolean(old),
	    json_object_new_boolean(sub));
	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_UPDATE], NULL,
	    db_i64(sub), db_u64(c->ids[1]), db_u64(*version)) == -1 ||
	    domain_event(c, c->customer.id, "domain.updated", c->ids[1],
	    arena_printf(c->arena, "Mail domain %s: subdomains %s",
	    db_get(&res, 0, DOMAIN_LOCK_DOMAIN), sub ? "included" :
	    "excluded"), ch) == -1)
		return -1;
	return domain_reply(c, 200, c->customer.id, c->ids[1]);
}

/* include_subdomains, with If-Match: 200, 400, 401, 403, 404, 409, 428, 503 */
int
domains_update(struct ctx *c)
{
	return ctx_tx_versioned(c, domains_update_tx);
}

static int
domains_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name;
	int			 rc;

	if ((rc = ctx_lock_child(c, &domain_sql[DOMAIN_SQL_LOCK], "domain",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, DOMAIN_LOCK_DOMAIN);
	audit_change(ch, "domain", json_object_new_string(name), NULL);
	audit_change(ch, "verified", json_object_new_boolean(
	    db_get_i64(&res, 0, DOMAIN_LOCK_VERIFIED) == 1), NULL);
	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1 ||
	    domain_event(c, c->customer.id, "domain.deleted", c->ids[1],
	    arena_printf(c->arena, "Mail domain removed: %s", name), ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/*
 * The row goes at once, so mail stops routing by it.
 * 204, 401, 403, 404, 503
 */
int
domains_delete(struct ctx *c)
{
	return ctx_tx(c, domains_delete_tx, NULL);
}
