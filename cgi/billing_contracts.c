/*
 * cgi/billing: contracts (B1) and the customer's default contract (C1).
 * A contract's status (upcoming, active, expired) comes from its dates
 * and today; its consumed minutes are the sum of its time entries, kept
 * on write (billing_time.c).  The default is the customer row's
 * default_contract_id, so there is one at most: setting a new one
 * replaces the old under the customer row's lock.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_contract.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"

#include "billing.h"

#define N	FIELD_NULLABLE

static const char *const contract_types[] = {
	"standard", "block", "monitoring", "project", NULL
};

static const char *const contract_statuses[] = {
	"upcoming", "active", "expired", NULL
};

const struct field_spec contract_fields[CONTRACT_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },	/* CONTRACT_F_NAME */
	{ "type", FIELD_ENUM, 0, 0, 0, contract_types }, /* CONTRACT_F_TYPE */
	{ "start_date", FIELD_DATE, 0, 0, 0, NULL },	/* CONTRACT_F_START_DATE */
	{ "end_date", FIELD_DATE, N, 0, 0, NULL },	/* CONTRACT_F_END_DATE */
	{ "sla_response_minutes", FIELD_INT, N, 1, BILLING_MINUTES_MAX,
	  NULL },					/* CONTRACT_F_SLA_RESPONSE */
	{ "sla_resolution_minutes", FIELD_INT, N, 1, BILLING_MINUTES_MAX,
	  NULL },					/* CONTRACT_F_SLA_RESOLUTION */
	{ "included_minutes", FIELD_INT, N, 0, BILLING_MINUTES_MAX,
	  NULL },					/* CONTRACT_F_INCLUDED */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL }, /* CONTRACT_F_NOTES */
	{ "is_default", FIELD_BOOL, 0, 0, 0, NULL },	/* CONTRACT_F_IS_DEFAULT */
};

const struct field_spec contract_query[CONTRACT_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },		/* CONTRACT_Q_Q */
	{ "type", FIELD_ENUM, 0, 0, 0, contract_types }, /* CONTRACT_Q_TYPE */
	{ "status", FIELD_ENUM, 0, 0, 0, contract_statuses },
							/* CONTRACT_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* CONTRACT_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
							/* CONTRACT_Q_AFTER */
};

/* Hours included, consumed, remaining and over, in minutes. */
static void
contract_extra(struct json_object *o, const struct db_res *res, size_t r)
{
	int64_t	consumed = db_get_i64(res, r, CONTRACT_COL_CONSUMED);
	int64_t	included = db_get_i64(res, r, CONTRACT_F_INCLUDED);

	json_object_object_add(o, "consumed_minutes",
	    json_object_new_int64(consumed));
	if (db_is_null(res, r, CONTRACT_F_INCLUDED)) {
		json_object_object_add(o, "remaining_minutes", NULL);
		json_object_object_add(o, "overage_minutes", NULL);
	} else {
		json_object_object_add(o, "remaining_minutes",
		    json_object_new_int64(included > consumed ?
		    included - consumed : 0));
		json_object_object_add(o, "overage_minutes",
		    json_object_new_int64(consumed > included ?
		    consumed - included : 0));
	}
	jsonx_add_str(o, "status", db_get(res, r, CONTRACT_COL_STATUS));
	jsonx_add_bool(o, "is_default",
	    db_get_i64(res, r, CONTRACT_COL_IS_DEFAULT) == 1);
}

static int
contract_check(struct ctx *c, const struct db_res *row,
    const char *const *old, const char **cur, struct outcome *o)
{
	if (cur[CONTRACT_F_END_DATE] != NULL &&
	    strcmp(cur[CONTRACT_F_END_DATE], cur[CONTRACT_F_START_DATE]) < 0)
		return outcome_fail(o, 400, "invalid_range",
		    "The end date is before the start date", "end_date");
	return 0;
}

/*
 * Makes contract id the customer's default, or takes it away (C1), under
 * the customer row's lock, so two clients setting two defaults at once
 * leave one, and the audit says which one each replaced.
 */
static int
contract_set_default(struct ctx *c, uint64_t id, int on,
    struct json_object *changes)
{
	struct db_res	res;
	uint64_t	was, want;

	if (DB_EXEC(c->db, c->arena, &contract_sql[CONTRACT_SQL_DEFAULT_LOCK],
	    &res, db_u64(c->customer.id)) == -1 || res.nrows != 1)
		return -1;
	was = db_is_null(&res, 0, CONTRACT_DEFAULT_COL) ? 0 :
	    db_get_u64(&res, 0, CONTRACT_DEFAULT_COL);
	want = on ? id : (was == id ? 0 : was);
	if (want == was)
		return 0;
	if (DB_EXEC(c->db, c->arena, &contract_sql[CONTRACT_SQL_DEFAULT_SET],
	    NULL, db_id_or_null(want), db_u64(c->customer.id)) == -1)
		return -1;
	audit_change(changes, "default_contract_id",
	    was ? json_object_new_int64((int64_t)was) : NULL,
	    want ? json_object_new_int64((int64_t)want) : NULL);
	return 0;
}

static int
contract_after(struct ctx *c, uint64_t id, const char *const *cur,
    struct json_object *changes, struct outcome *o)
{
	const struct field_value	*d = &c->in[CONTRACT_F_IS_DEFAULT];

	if (d->present && contract_set_default(c, id, (int)d->i,
	    changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

/* A deleted default leaves the customer without one. */
static int
contract_deleting(struct ctx *c, const struct db_res *row, struct outcome *o)
{
	if (db_get_i64(row, 0, CONTRACT_COL_IS_DEFAULT) == 1 &&
	    contract_set_default(c, c->ids[1], 0,
	    jsonx_object(c->arena)) == -1)
		return outcome_db_fail(o);
	return 0;
}

const struct billing_kind contract_kind = {
	.name = "contract", .label = "Contract", .path = "contracts",
	.fields = contract_fields, .ncolumns = CONTRACT_RECORD_NCOLUMNS,
	.title = CONTRACT_F_NAME,
	.get = &contract_sql[CONTRACT_SQL_GET],
	.lock = &contract_sql[CONTRACT_SQL_LOCK],
	.insert = &contract_sql[CONTRACT_SQL_INSERT],
	.update = &contract_sql[CONTRACT_SQL_UPDATE],
	.del = &contract_sql[CONTRACT_SQL_DELETE],
	.sort_col = CONTRACT_COL_SORT_KEY, .count = COUNT_CONTRACTS,
	.check = contract_check, .after = contract_after,
	.deleting = contract_deleting, .extra = contract_extra,
};

/* B1: by name; q matches the name or type.  200, 400, 401, 404, 503 */
int
contracts_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct db_res			 res;
	struct page			 p;
	const char			*like = NULL, *type = NULL;
	const char			*status = NULL;
	int				 rc;

	if ((rc = page_from_query(c, &q[CONTRACT_Q_LIMIT],
	    &q[CONTRACT_Q_AFTER], 1, &p)) != 0)
		return rc;
	like = billing_like(c, &q[CONTRACT_Q_Q]);
	if (q[CONTRACT_Q_TYPE].present)
		type = q[CONTRACT_Q_TYPE].s;
	if (q[CONTRACT_Q_STATUS].present)
		status = q[CONTRACT_Q_STATUS].s;
	if (DB_EXEC(c->db, c->arena, &contract_sql[CONTRACT_SQL_LIST], &res,
	    db_u64(c->customer.id), db_str(like), db_str(like), db_str(like),
	    db_str(type), db_str(type), db_str(status), db_str(status),
	    db_id_or_null(p.after_id), db_str(p.after_key),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	return billing_page(c, &contract_kind, &p, &res);
}
