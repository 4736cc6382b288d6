/*
 * cgi/billing: time entries (B1), what a contract's hours are consumed
 * by; tickets add to them later.  Every write moves its minutes on the
 * contract rows in the same transaction, so a contract's consumed minutes
 * are a sum kept on write, never counted on read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "db.h"
#include "db_contract.h"
#include "dispatch.h"
#include "outcome.h"
#include "page.h"
#include "record.h"

#include "billing.h"

#define N	FIELD_NULLABLE

const struct field_spec time_entry_fields[TIME_ENTRY_F__MAX] = {
	{ "date", FIELD_DATE, 0, 0, 0, NULL },		/* TIME_ENTRY_F_DATE */
	{ "minutes", FIELD_INT, 0, 1, BILLING_ENTRY_MINUTES_MAX,
	  NULL },					/* TIME_ENTRY_F_MINUTES */
	{ "description", FIELD_MULTILINE, N, 0, 1000, NULL },
							/* TIME_ENTRY_F_DESCRIPTION */
	{ "contract_id", FIELD_ID, N, 0, 0, NULL },	/* TIME_ENTRY_F_CONTRACT_ID */
	{ "billable", FIELD_BOOL, 0, 0, 0, NULL },	/* TIME_ENTRY_F_BILLABLE */
};

const struct field_spec time_entry_query[TIME_ENTRY_Q__MAX] = {
	{ "contract_id", FIELD_ID, 0, 0, 0, NULL },	/* TIME_ENTRY_Q_CONTRACT_ID */
	{ "from", FIELD_DATE, 0, 0, 0, NULL },		/* TIME_ENTRY_Q_FROM */
	{ "to", FIELD_DATE, 0, 0, 0, NULL },		/* TIME_ENTRY_Q_TO */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* TIME_ENTRY_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
							/* TIME_ENTRY_Q_AFTER */
};

static const char *const time_entry_defaults[TIME_ENTRY_F__MAX] = {
	NULL, NULL, NULL, NULL, "1"
};

/*
 * Adds minutes to the customer's contract: 0, 1 when it is not one of
 * the customer's, or -1.
 */
static int
time_consume(struct ctx *c, const char *contract, long long minutes)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &contract_sql[CONTRACT_SQL_CONSUME],
	    &res, db_i64(minutes), db_u64(strtoull(contract, NULL, 10)),
	    db_u64(c->customer.id)) == -1)
		return -1;
	return res.affected == 1 ? 0 : 1;
}

/*
 * Moves the entry's minutes from the contract it had (old) to the one it
 * has (cur), before the entry is written, so the contract row is locked
 * first.  0, or -1 with o.
 */
static int
time_move(struct ctx *c, const char *const *old, const char *const *cur,
    struct outcome *o)
{
	const char	*from = old ? old[TIME_ENTRY_F_CONTRACT_ID] : NULL;
	const char	*to = cur ? cur[TIME_ENTRY_F_CONTRACT_ID] : NULL;
	long long	 was = old ? strtoll(old[TIME_ENTRY_F_MINUTES], NULL, 10) : 0;
	long long	 now = cur ? strtoll(cur[TIME_ENTRY_F_MINUTES], NULL,
	    10) : 0;
	int		 rc = 0;

	if (from != NULL && to != NULL && strcmp(from, to) == 0) {
		if (now != was)
			rc = time_consume(c, to, now - was);
	} else {
		if (from != NULL)
			rc = time_consume(c, from, -was);
		if (rc == 0 && to != NULL)
			rc = time_consume(c, to, now);
	}
	if (rc == 1)
		return outcome_fail(o, 400, "unknown_reference",
		    "No contract of this customer has this id",
		    "contract_id");
	return rc == -1 ? outcome_db_fail(o) : 0;
}

static int
time_check(struct ctx *c, const struct db_res *row, const char *const *old,
    const char **cur, struct outcome *o)
{
	return time_move(c, old, cur, o);
}

static int
time_deleting(struct ctx *c, const struct db_res *row, struct outcome *o)
{
	return time_move(c, record_from_row(c->arena, row, 0, 0,
	    TIME_ENTRY_RECORD_NCOLUMNS), NULL, o);
}

const struct billing_kind time_entry_kind = {
	.name = "time_entry", .label = "Time entry", .path = "time-entries",
	.fields = time_entry_fields, .ncolumns = TIME_ENTRY_RECORD_NCOLUMNS,
	.title = TIME_ENTRY_F_DESCRIPTION, .defaults = time_entry_defaults,
	.get = &time_entry_sql[TIME_ENTRY_SQL_GET],
	.lock = &time_entry_sql[TIME_ENTRY_SQL_LOCK],
	.insert = &time_entry_sql[TIME_ENTRY_SQL_INSERT],
	.update = &time_entry_sql[TIME_ENTRY_SQL_UPDATE],
	.del = &time_entry_sql[TIME_ENTRY_SQL_DELETE],
	.sort_col = TIME_ENTRY_COL_SORT_KEY, .count = COUNT__MAX,
	.ref_field = "contract_id",
	.check = time_check, .deleting = time_deleting,
};

/*
 * Newest first; by contract and a date range.
 * 200, 400, 401, 404, 503
 */
int
time_entries_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct db_res			 res;
	struct page			 p;
	uint64_t			 contract = 0;
	const char			*from = NULL, *to = NULL;
	int				 rc;

	if ((rc = page_from_query(c, &q[TIME_ENTRY_Q_LIMIT],
	    &q[TIME_ENTRY_Q_AFTER], 1, &p)) != 0)
		return rc;
	if (q[TIME_ENTRY_Q_CONTRACT_ID].present)
		contract = (uint64_t)q[TIME_ENTRY_Q_CONTRACT_ID].i;
	if (q[TIME_ENTRY_Q_FROM].present)
		from = q[TIME_ENTRY_Q_FROM].s;
	if (q[TIME_ENTRY_Q_TO].present)
		to = q[TIME_ENTRY_Q_TO].s;
	if (DB_EXEC(c->db, c->arena, &time_entry_sql[TIME_ENTRY_SQL_LIST],
	    &res, db_u64(c->customer.id), db_id_or_null(contract),
	    db_id_or_null(contract), db_str(from), db_str(from), db_str(to),
	    db_str(to), db_id_or_null(p.after_id), db_str(p.after_key),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	return billing_page(c, &time_entry_kind, &p, &res);
}
