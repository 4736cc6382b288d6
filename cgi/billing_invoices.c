/*
 * cgi/billing: invoices and their batches (B2).  An invoice is a draft
 * (edited, deleted), then sent (POST .../send), then paid when payments
 * (POST .../pay) reach its total; overdue is a sent invoice past its due
 * date, derived when read.  Sending adds the total to the customer's
 * invoiced and open sums (per currency), a payment takes its amount off
 * the open sum, in the same transaction.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "db_invoice.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"

#include "billing.h"

#define N	FIELD_NULLABLE

static const char *const invoice_statuses[] = {
	"draft", "sent", "paid", "overdue", NULL
};

const struct field_spec invoice_fields[INVOICE_F__MAX] = {
	{ "number", FIELD_TEXT, 0, 1, 64, NULL },	/* INVOICE_F_NUMBER */
	{ "batch_id", FIELD_ID, N, 0, 0, NULL },	/* INVOICE_F_BATCH_ID */
	{ "issue_date", FIELD_DATE, 0, 0, 0, NULL },	/* INVOICE_F_ISSUE_DATE */
	{ "due_date", FIELD_DATE, 0, 0, 0, NULL },	/* INVOICE_F_DUE_DATE */
	{ "currency", FIELD_ENUM, 0, 0, 0, billing_currencies },
							/* INVOICE_F_CURRENCY */
	{ "total_minor", FIELD_INT, 0, 0, BILLING_MINOR_MAX, NULL },
							/* INVOICE_F_TOTAL */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL }, /* INVOICE_F_NOTES */
};

const struct field_spec invoice_query[INVOICE_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },		/* INVOICE_Q_Q */
	{ "batch_id", FIELD_ID, 0, 0, 0, NULL },	/* INVOICE_Q_BATCH_ID */
	{ "status", FIELD_ENUM, 0, 0, 0, invoice_statuses },
							/* INVOICE_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* INVOICE_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
							/* INVOICE_Q_AFTER */
};

const struct field_spec invoice_pay_fields[1] = {
	{ "amount_minor", FIELD_INT, 0, 1, BILLING_MINOR_MAX, NULL },
};

const struct field_spec batch_fields[1] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },
};

const struct field_spec batch_query[BATCH_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },		/* BATCH_Q_Q */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* BATCH_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
							/* BATCH_Q_AFTER */
};

static void
invoice_extra(struct json_object *o, const struct db_res *res, size_t r)
{
	int64_t	total = db_get_i64(res, r, INVOICE_F_TOTAL);
	int64_t	paid = db_get_i64(res, r, INVOICE_COL_PAID);

	jsonx_add_str(o, "status", db_get(res, r, INVOICE_COL_STATUS));
	json_object_object_add(o, "paid_minor", json_object_new_int64(paid));
	json_object_object_add(o, "open_minor", json_object_new_int64(
	    strcmp(db_get(res, r, INVOICE_COL_STATE), "draft") == 0 ? 0 :
	    total - paid));
	jsonx_add_str(o, "batch_name", db_get(res, r, INVOICE_COL_BATCH_NAME));
	jsonx_add_str(o, "sent_at", db_get(res, r, INVOICE_COL_SENT_AT));
	jsonx_add_str(o, "paid_at", db_get(res, r, INVOICE_COL_PAID_AT));
}

static int
invoice_not_draft(const struct db_res *row, struct outcome *o)
{
	if (strcmp(db_get(row, 0, INVOICE_COL_STATE), "draft") == 0)
		return 0;
	return outcome_fail(o, 422, "not_draft",
	    "Only a draft invoice is changed or deleted", NULL);
}

/* On create, the currency and due date the billing settings (B3) give. */
static int
invoice_defaults(struct ctx *c, const char **cur, struct outcome *o)
{
	struct db_res	 set;
	long		 terms = BILLING_TERMS_DEFAULT;

	if (cur[INVOICE_F_CURRENCY] != NULL && cur[INVOICE_F_DUE_DATE] != NULL)
		return 0;
	if (DB_EXEC(c->db, c->arena, &billing_sql[BILLING_SQL_GET], &set,
	    db_u64(c->customer.id)) == -1)
		return outcome_db_fail(o);
	if (set.nrows == 1 && !db_is_null(&set, 0, BILLING_F_TERMS))
		terms = (long)db_get_i64(&set, 0, BILLING_F_TERMS);
	if (cur[INVOICE_F_CURRENCY] == NULL && set.nrows == 1)
		cur[INVOICE_F_CURRENCY] = db_get(&set, 0, BILLING_F_CURRENCY);
	if (cur[INVOICE_F_DUE_DATE] == NULL)
		cur[INVOICE_F_DUE_DATE] = billing_date_add(c,
		    cur[INVOICE_F_ISSUE_DATE], terms);
	if (cur[INVOICE_F_CURRENCY] == NULL)
		return outcome_fail(o, 400, "required", "An invoice needs a "
		    "currency (or one in the billing settings)", "currency");
	return 0;
}

/* Only a draft is edited. */
static int
invoice_check(struct ctx *c, const struct db_res *row,
    const char *const *old, const char **cur, struct outcome *o)
{
	if (row != NULL && invoice_not_draft(row, o) == -1)
		return -1;
	if (row == NULL && invoice_defaults(c, cur, o) == -1)
		return -1;
	if (strcmp(cur[INVOICE_F_DUE_DATE], cur[INVOICE_F_ISSUE_DATE]) < 0)
		return outcome_fail(o, 400, "invalid_range",
		    "The due date is before the issue date", "due_date");
	return 0;
}

static int
invoice_deleting(struct ctx *c, const struct db_res *row, struct outcome *o)
{
	return invoice_not_draft(row, o);
}

const struct billing_kind invoice_kind = {
	.name = "invoice", .label = "Invoice", .path = "invoices",
	.fields = invoice_fields, .ncolumns = INVOICE_RECORD_NCOLUMNS,
	.title = INVOICE_F_NUMBER,
	.get = &invoice_sql[INVOICE_SQL_GET],
	.lock = &invoice_sql[INVOICE_SQL_LOCK],
	.insert = &invoice_sql[INVOICE_SQL_INSERT],
	.update = &invoice_sql[INVOICE_SQL_UPDATE],
	.del = &invoice_sql[INVOICE_SQL_DELETE],
	.sort_col = INVOICE_COL_SORT_KEY, .count = COUNT_INVOICES,
	.dup_code = "duplicate_number", .dup_field = "number",
	.ref_field = "batch_id",
	.check = invoice_check, .deleting = invoice_deleting,
	.extra = invoice_extra,
};

/*
 * B2: newest first; q finds a number or a batch name.
 * 200, 400, 401, 404, 503
 */
int
invoices_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct db_res			 res;
	struct page			 p;
	const char			*like = NULL, *status = NULL;
	uint64_t			 batch = 0;
	int				 rc;

	if ((rc = page_from_query(c, &q[INVOICE_Q_LIMIT],
	    &q[INVOICE_Q_AFTER], 1, &p)) != 0)
		return rc;
	like = billing_like(c, &q[INVOICE_Q_Q]);
	if (q[INVOICE_Q_BATCH_ID].present)
		batch = (uint64_t)q[INVOICE_Q_BATCH_ID].i;
	if (q[INVOICE_Q_STATUS].present)
		status = q[INVOICE_Q_STATUS].s;
	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_LIST], &res,
	    db_u64(c->customer.id), db_str(like), db_str(like), db_str(like),
	    db_id_or_null(batch), db_id_or_null(batch), db_str(status),
	    db_str(status), db_id_or_null(p.after_id), db_str(p.after_key),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	return billing_page(c, &invoice_kind, &p, &res);
}

/*
 * The locked invoice of the path in the state a verb starts from: 0 with
 * res its row, or the status of the reply given, or -1.
 */
static int
invoice_lock_in(struct ctx *c, const char *state, struct db_res *res)
{
	int	rc;

	if ((rc = billing_lock(c, &invoice_kind, res)) != 0)
		return rc;
	if (strcmp(db_get(res, 0, INVOICE_COL_STATE), state) == 0)
		return 0;
	return ctx_error(c, 422, "invalid_transition", arena_printf(c->arena,
	    "The invoice is %s; this needs one that is %s",
	    db_get(res, 0, INVOICE_COL_STATE), state));
}

static int
invoices_send_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*cur;
	int64_t			 total;
	int			 rc;

	if ((rc = invoice_lock_in(c, "draft", &res)) != 0)
		return rc;
	cur = db_get(&res, 0, INVOICE_F_CURRENCY);
	total = db_get_i64(&res, 0, INVOICE_F_TOTAL);
	audit_change(ch, "status", json_object_new_string("draft"),
	    json_object_new_string("sent"));
	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_SEND], NULL,
	    db_u64(c->ids[1])) == -1 ||
	    counts_add(c->db, c->arena, c->customer.id, COUNT_INVOICED_MINOR,
	    cur, total) == -1 ||
	    counts_add(c->db, c->arena, c->customer.id, COUNT_OPEN_MINOR,
	    cur, total) == -1 ||
	    billing_event(c, &invoice_kind, "sent", c->ids[1],
	    arena_printf(c->arena, "Invoice sent: %s, %s",
	    db_get(&res, 0, INVOICE_F_NUMBER), billing_money(c, total, cur)),
	    ch) == -1)
		return -1;
	return billing_reply(c, &invoice_kind, 200, c->ids[1]);
}

/* draft -> sent.  200, 401, 403, 404, 422 (not a draft), 503 */
int
invoices_send(struct ctx *c)
{
	return ctx_tx(c, invoices_send_tx, NULL);
}

static int
invoices_pay_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*cur;
	int64_t			 amount = c->in[0].i, paid, total;
	int			 rc;

	if ((rc = invoice_lock_in(c, "sent", &res)) != 0)
		return rc;
	cur = db_get(&res, 0, INVOICE_F_CURRENCY);
	total = db_get_i64(&res, 0, INVOICE_F_TOTAL);
	paid = db_get_i64(&res, 0, INVOICE_COL_PAID);
	if (amount > total - paid)
		return resp_error(&c->resp, c->arena, 422, "overpayment",
		    arena_printf(c->arena, "%s is open on this invoice",
		    billing_money(c, total - paid, cur)), "amount_minor");
	audit_change(ch, "paid_minor", json_object_new_int64(paid),
	    json_object_new_int64(paid + amount));
	if (paid + amount == total)
		audit_change(ch, "status", json_object_new_string("sent"),
		    json_object_new_string("paid"));
	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_PAY], NULL,
	    db_i64(amount), db_u64(c->ids[1])) == -1 ||
	    counts_add(c->db, c->arena, c->customer.id, COUNT_OPEN_MINOR,
	    cur, -amount) == -1 ||
	    billing_event(c, &invoice_kind, "paid", c->ids[1],
	    arena_printf(c->arena, "Payment received: %s on invoice %s",
	    billing_money(c, amount, cur), db_get(&res, 0, INVOICE_F_NUMBER)),
	    ch) == -1)
		return -1;
	return billing_reply(c, &invoice_kind, 200, c->ids[1]);
}

/*
 * A payment of amount_minor on a sent invoice; the one that reaches the
 * total makes it paid.  A retry with the same Idempotency-Key is
 * answered from the first.  200, 400, 401, 403, 404, 422, 503
 */
int
invoices_pay(struct ctx *c)
{
	return ctx_tx(c, invoices_pay_tx, NULL);
}

static struct json_object *
batch_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, INVOICE_BATCH_COL_ID));
	jsonx_add_str(o, "name", db_get(res, r, INVOICE_BATCH_COL_NAME));
	jsonx_add_str(o, "created_at", db_get(res, r,
	    INVOICE_BATCH_COL_CREATED_AT));
	json_object_object_add(o, "invoices", json_object_new_int64(
	    db_get_i64(res, r, INVOICE_BATCH_COL_INVOICES)));
	return o;
}

/* The workspace's invoice batches by name.  200, 400, 401, 503 */
int
batches_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct db_res			 res;
	struct json_object		*arr;
	struct page			 p;
	const char			*like;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[BATCH_Q_LIMIT], &q[BATCH_Q_AFTER], 1,
	    &p)) != 0)
		return rc;
	like = billing_like(c, &q[BATCH_Q_Q]);
	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_BATCH_LIST],
	    &res, db_str(like), db_str(like), db_str(p.after_key),
	    db_str(p.after_key), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, batch_json(&res, i));
	return page_reply(c, arr, &p, &res, INVOICE_BATCH_COL_NAME,
	    INVOICE_BATCH_COL_ID);
}

static int
batches_create_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	uint64_t		 id;

	if (DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_BATCH_INSERT],
	    &res, db_str(c->in[0].s)) == -1)
		return ctx_write_error(c, "duplicate_name",
		    "Another batch has this name", "name");
	id = res.insert_id;
	audit_change(ch, "name", NULL, json_object_new_string(c->in[0].s));
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "invoice_batch.created", "invoice_batch", id, 0, ch }) == -1 ||
	    DB_EXEC(c->db, c->arena, &invoice_sql[INVOICE_SQL_BATCH_GET],
	    &res, db_u64(id)) == -1 || res.nrows != 1)
		return -1;
	return ctx_data(c, 201, batch_json(&res, 0));
}

/* 201, 400, 401, 403, 409 (name taken), 413, 415, 503 */
int
batches_create(struct ctx *c)
{
	return ctx_tx(c, batches_create_tx, NULL);
}
