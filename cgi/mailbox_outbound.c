/*
 * cgi/mailbox: outbound mail for the admin.  The queue as the worker
 * leaves it (queued, sent, failed with its error and attempts), and the
 * retry of a failed mail.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_worker_mail.h"
#include "dispatch.h"
#include "jsonx.h"
#include "mailbox.h"

static const char *const outbound_statuses[] = {
	"queued", "sent", "failed", "all", NULL
};

#define OUTBOUND_STATUS_ALL	3

const struct field_spec outbound_query[OUTBOUND_Q__MAX] = {
	{ "status", FIELD_ENUM, 0, 0, 0, outbound_statuses },
	    /* OUTBOUND_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* OUTBOUND_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
	    /* OUTBOUND_Q_AFTER */
};

static struct json_object *
outbound_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();
	size_t			 c;

	jsonx_add_u64(o, "id", db_get_u64(res, r, OUTBOUND_COL_ID));
	jsonx_add_str(o, "kind", db_get(res, r, OUTBOUND_COL_KIND));
	for (c = OUTBOUND_COL_TICKET_ID; c <= OUTBOUND_COL_TICKET_MESSAGE_ID;
	    c++)
		json_object_object_add(o, c == OUTBOUND_COL_TICKET_ID ?
		    "ticket_id" : "ticket_message_id", db_is_null(res, r, c) ?
		    NULL : json_object_new_int64(db_get_i64(res, r, c)));
	jsonx_add_str(o, "to", db_get(res, r, OUTBOUND_COL_TO));
	jsonx_add_str(o, "subject", db_get(res, r, OUTBOUND_COL_SUBJECT));
	jsonx_add_str(o, "message_id", db_get(res, r,
	    OUTBOUND_COL_MESSAGE_ID));
	jsonx_add_str(o, "status", db_get(res, r, OUTBOUND_COL_STATUS));
	jsonx_add_u64(o, "attempts", db_get_u64(res, r,
	    OUTBOUND_COL_ATTEMPTS));
	jsonx_add_str(o, "error", db_get(res, r, OUTBOUND_COL_LAST_ERROR));
	jsonx_add_str(o, "next_attempt_at", db_get(res, r,
	    OUTBOUND_COL_NEXT_ATTEMPT_AT));
	jsonx_add_str(o, "created_at", db_get(res, r,
	    OUTBOUND_COL_CREATED_AT));
	jsonx_add_str(o, "sent_at", db_get(res, r, OUTBOUND_COL_SENT_AT));
	return o;
}

/* Newest first.  200, 400, 401, 403, 503 */
int
outbound_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	long long			 status = q[OUTBOUND_Q_STATUS].present ?
					    q[OUTBOUND_Q_STATUS].i :
					    OUTBOUND_STATUS_ALL;
	size_t				 i, n;
	int				 rc, all = status == OUTBOUND_STATUS_ALL;

	if ((rc = page_from_query(c, &q[OUTBOUND_Q_LIMIT],
	    &q[OUTBOUND_Q_AFTER], 0, &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &worker_mail_sql[WORKER_MAIL_SQL_LIST],
	    &res, db_i64(all), db_str(outbound_statuses[all ? 0 : status]),
	    db_id_or_null(p.after_id), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, outbound_json(&res, i));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, OUTBOUND_COL_ID);
}

static int
outbound_retry_tx(struct ctx *c, void *arg)
{
	struct json_object	*changes = jsonx_object(c->arena);
	struct db_res		 res;
	uint64_t		 id = c->ids[0];

	(void)arg;
	if (DB_EXEC(c->db, c->arena, &worker_mail_sql[WORKER_MAIL_SQL_LOCK],
	    &res, db_u64(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "mail");
	if (strcmp(db_get(&res, 0, OUTBOUND_COL_STATUS), "failed") != 0)
		return ctx_error(c, 409, "not_failed",
		    "Only a mail that failed can be retried");
	audit_change(changes, "status", json_object_new_string("failed"),
	    json_object_new_string("queued"));
	audit_change(changes, "attempts", json_object_new_int64(db_get_i64(
	    &res, 0, OUTBOUND_COL_ATTEMPTS)), json_object_new_int64(0));
	if (DB_EXEC(c->db, c->arena,
	    &worker_mail_sql[WORKER_MAIL_SQL_REQUEUE], NULL,
	    db_u64(id)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "mail.retried", "outbound_mail", id, 0, changes }) == -1 ||
	    DB_EXEC(c->db, c->arena, &worker_mail_sql[WORKER_MAIL_SQL_ONE],
	    &res, db_u64(id)) == -1 || res.nrows == 0)
		return -1;
	return ctx_data(c, 200, outbound_json(&res, 0));
}

/*
 * A failed mail is queued again, due now, with a fresh budget of
 * attempts.  200, 401, 403, 404, 409 (not failed), 503
 */
int
outbound_retry(struct ctx *c)
{
	return ctx_tx(c, outbound_retry_tx, NULL);
}
