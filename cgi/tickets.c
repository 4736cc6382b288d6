/*
 * cgi/tickets: the route table and the ticket handlers (T1-T3, T5, C10).
 * A ticket has its own path (/api/v1/tickets/{id}) as it may belong to
 * no customer yet; the writes themselves are in lib/ticket.c, which the
 * mail handler shares.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "arena.h"
#include "attachment.h"
#include "audit.h"
#include "db.h"
#include "db_ticket.h"
#include "dispatch.h"
#include "filter.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "sentiment.h"
#include "serve.h"
#include "ticket.h"

#include "tickets.h"

static const char *const list_statuses[] = {
	"open", "pending", "resolved", "closed", "all", NULL
};

#define LIST_STATUS_ALL	4	/* index of "all" in list_statuses */

/* Up to TICKET_Q_OPEN: what a caller may send. */
static const struct field_spec ticket_query[TICKET_Q_OPEN] = {
	{ "status", FIELD_ENUM, 0, 0, 0, list_statuses },	/* TICKET_Q_STATUS */
	{ "spam", FIELD_BOOL, 0, 0, 0, NULL },			/* TICKET_Q_SPAM */
	{ "priority", FIELD_ENUM, 0, 0, 0, ticket_priorities },
								/* TICKET_Q_PRIORITY */
	{ "assignee_id", FIELD_ID, 0, 0, 0, NULL },		/* TICKET_Q_ASSIGNEE_ID */
	{ "customer_id", FIELD_ID, 0, 0, 0, NULL },		/* TICKET_Q_CUSTOMER_ID */
	{ "rank", FIELD_TEXT, 0, 1, 16, NULL },			/* TICKET_Q_RANK */
	{ "type", FIELD_ENUM, 0, 0, 0, ticket_types },		/* TICKET_Q_TYPE */
	{ "impact", FIELD_ENUM, 0, 0, 0, ticket_impacts },	/* TICKET_Q_IMPACT */
	{ "device_id", FIELD_ID, 0, 0, 0, NULL },		/* TICKET_Q_DEVICE_ID */
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },			/* TICKET_Q_Q */
	{ "unassigned", FIELD_BOOL, 0, 0, 0, NULL },	/* TICKET_Q_UNASSIGNED */
	{ "sentiment", FIELD_ENUM, 0, 0, 0, sentiment_labels },	/* TICKET_Q_SENTIMENT */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* TICKET_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* TICKET_Q_AFTER */
};

enum message_field {
	MESSAGE_F_KIND,
	MESSAGE_F_BODY,
	MESSAGE_F_CONTACT_ID,		/* the contact's words, logged for them */
	MESSAGE_F__MAX
};

static const struct field_spec message_fields[MESSAGE_F__MAX] = {
	{ "kind", FIELD_ENUM, 0, 0, 0, message_kinds },	/* MESSAGE_F_KIND */
	{ "body", FIELD_MULTILINE, 0, 1, TICKET_BODY_MAX, NULL },
							/* MESSAGE_F_BODY */
	{ "contact_id", FIELD_ID, 0, 0, 0, NULL },	/* MESSAGE_F_CONTACT_ID */
};

enum time_field {
	TIME_F_MINUTES,
	TIME_F_BILLABLE,
	TIME_F_DESCRIPTION,
	TIME_F__MAX
};

static const struct field_spec time_fields[TIME_F__MAX] = {
	{ "minutes", FIELD_INT, 0, 1, TICKET_MINUTES_MAX, NULL },
							/* TIME_F_MINUTES */
	{ "billable", FIELD_BOOL, 0, 0, 0, NULL },	/* TIME_F_BILLABLE */
	{ "description", FIELD_MULTILINE, FIELD_NULLABLE, 0, 1000, NULL },
							/* TIME_F_DESCRIPTION */
};

enum status_field {
	STATUS_F_NAME,
	STATUS_F_BASE,
	STATUS_F__MAX
};

static const struct field_spec status_fields[STATUS_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 64, NULL },		/* STATUS_F_NAME */
	{ "base", FIELD_ENUM, 0, 0, 0, ticket_statuses },	/* STATUS_F_BASE */
};

enum message_query {
	MESSAGE_Q_LIMIT,
	MESSAGE_Q_AFTER,
	MESSAGE_Q__MAX
};

static const struct field_spec message_query[MESSAGE_Q__MAX] = {
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* MESSAGE_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* MESSAGE_Q_AFTER */
};

/* The columns after the record a ticket's JSON shows. */
static const struct {
	const char	*name;
	size_t		 col;
	int		 id;		/* a number, else text */
} ticket_extras[] = {
	{ "number", TICKET_COL_NUMBER, 0 },
	{ "customer_id", TICKET_COL_CUSTOMER_ID, 1 },
	{ "source", TICKET_COL_SOURCE, 0 },
	{ "version", TICKET_COL_VERSION, 1 },
	{ "created_at", TICKET_COL_CREATED_AT, 0 },
	{ "updated_at", TICKET_COL_UPDATED_AT, 0 },
	{ "resolved_at", TICKET_COL_RESOLVED_AT, 0 },
	{ "closed_at", TICKET_COL_CLOSED_AT, 0 },
};

static struct json_object *
ticket_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();
	const char		*cell;
	size_t			 i;

	jsonx_add_u64(o, "id", db_get_u64(res, r, TICKET_COL_ID));
	record_to_json(ticket_fields, TICKET_F__MAX,
	    record_from_row(a, res, r, 0, TICKET_F__MAX), o);
	for (i = 0; i < sizeof(ticket_extras) / sizeof(ticket_extras[0]);
	    i++) {
		cell = db_get(res, r, ticket_extras[i].col);
		json_object_object_add(o, ticket_extras[i].name, cell == NULL ?
		    NULL : ticket_extras[i].id ? json_object_new_int64(
		    strtoll(cell, NULL, 10)) : json_object_new_string(cell));
	}
	json_object_object_add(o, "triage", json_object_new_boolean(
	    db_get_i64(res, r, TICKET_COL_TRIAGE) == 1));
	return o;
}

/*
 * T2: every filter, combined, newest first with keyset paging; by
 * default open and pending tickets that are not spam.  Under a
 * customer's path the customer is the path's.  200, 400, 401, 404, 503
 */
static int
tickets_list(struct ctx *c)
{
	struct field_value	 q[TICKET_Q__MAX];
	struct json_object	*arr;
	struct filter_args	 fa;
	struct db_res		 res;
	struct json_object	*o;
	struct page		 p;
	size_t			 i, n;
	time_t			 now = time(NULL);	/* one for the page */
	int			 rc;

	memcpy(q, c->query, sizeof(q[0]) * TICKET_Q_OPEN);
	memset(&q[TICKET_Q_OPEN], 0, sizeof(q[0]));
	if ((rc = page_from_query(c, &q[TICKET_Q_LIMIT], &q[TICKET_Q_AFTER],
	    0, &p)) != 0)
		return rc;
	if (!q[TICKET_Q_STATUS].present)
		q[TICKET_Q_OPEN].present = 1;
	else if (q[TICKET_Q_STATUS].i == LIST_STATUS_ALL)
		q[TICKET_Q_STATUS].present = 0;
	q[TICKET_Q_UNASSIGNED].present = q[TICKET_Q_UNASSIGNED].present &&
	    q[TICKET_Q_UNASSIGNED].i;
	if (!q[TICKET_Q_SPAM].present) {
		q[TICKET_Q_SPAM].present = 1;
		q[TICKET_Q_SPAM].i = 0;
	}
	if (c->customer.id != 0) {
		q[TICKET_Q_CUSTOMER_ID].present = 1;
		q[TICKET_Q_CUSTOMER_ID].null = 0;
		q[TICKET_Q_CUSTOMER_ID].i = (long long)c->customer.id;
	}
	memset(&fa, 0, sizeof(fa));
	fa.query = q;
	fa.page = &p;
	fa.tail = (const struct db_arg[]){ db_i64(p.limit + 1) };
	fa.ntail = 1;
	if (filter_exec(c->db, c->arena, &ticket_list_filter, &fa,
	    &res) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++) {
		o = ticket_json(&res, i, c->arena);
		ticket_sla_add(o, &res, i, now);
		json_object_array_add(arr, o);
	}
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, TICKET_COL_ID);
}

/* The ticket as the reply: -1 on a database failure. */
static int
ticket_reply(struct ctx *c, int status, uint64_t id)
{
	struct json_object	*o;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_GET], &res,
	    db_u64(id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "ticket");
	o = ticket_json(&res, 0, c->arena);
	ticket_sla_add(o, &res, 0, time(NULL));
	return ctx_record(c, status, o,
	    db_get_u64(&res, 0, TICKET_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/tickets/%llu", (unsigned long long)id));
}

/* 200, 401, 404, 503 */
static int
tickets_get(struct ctx *c)
{
	int	rc = ticket_reply(c, 200, c->ids[0]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

static int
tickets_create_tx(struct ctx *c, void *arg)
{
	struct outcome	 o;
	const char	**cur;

	cur = record_merge(c->arena, ticket_fields, TICKET_F__MAX, NULL,
	    c->in);
	if (ticket_create(c->db, c->arena, &c->actor, &(struct ticket_new){
	    c->customer.id, "api", 0 }, cur, &o) == -1)
		return outcome_reply(c, &o);
	return ticket_reply(c, 201, o.id);
}

/*
 * T3, T5 (device_id), C10: a customer at its ticket limit is 422.
 * 201, 400, 401, 403, 404, 413, 415, 422, 503
 */
static int
tickets_create(struct ctx *c)
{
	return ctx_tx(c, tickets_create_tx, NULL);
}

static int
tickets_update_tx(struct ctx *c, void *arg)
{
	const uint64_t	*version = arg;
	struct db_res	 res;
	struct outcome	 o;
	const char	**old;
	uint64_t	 cur;

	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_LOCK], &res,
	    db_u64(c->ids[0])) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "ticket");
	cur = db_get_u64(&res, 0, TICKET_COL_VERSION);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this ticket",
		    ticket_json(&res, 0, c->arena), cur);
	old = record_from_row(c->arena, &res, 0, 0, TICKET_F__MAX);
	if (ticket_update(c->db, c->arena, &c->actor,
	    db_get_u64(&res, 0, TICKET_COL_CUSTOMER_ID), c->ids[0], old,
	    record_merge(c->arena, ticket_fields, TICKET_F__MAX, old, c->in),
	    &o) == -1)
		return outcome_reply(c, &o);
	return ticket_reply(c, 200, c->ids[0]);
}

/* 200, 400, 401, 403, 404, 409, 428, 503 */
static int
tickets_update(struct ctx *c)
{
	return ctx_tx_versioned(c, tickets_update_tx);
}

/* A reply's mail: queued / sent / failed, its error; or null. */
static struct json_object *
message_delivery(const struct db_res *res, size_t r)
{
	struct json_object	*o;

	if (db_is_null(res, r, MESSAGE_COL_MAIL_ID))
		return NULL;
	o = json_object_new_object();
	jsonx_add_u64(o, "mail_id", db_get_u64(res, r, MESSAGE_COL_MAIL_ID));
	jsonx_add_str(o, "status", db_get(res, r, MESSAGE_COL_MAIL_STATUS));
	jsonx_add_str(o, "error", db_get(res, r, MESSAGE_COL_MAIL_ERROR));
	jsonx_add_u64(o, "attempts", db_get_u64(res, r,
	    MESSAGE_COL_MAIL_ATTEMPTS));
	return o;
}

static struct json_object *
message_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, MESSAGE_COL_ID));
	jsonx_add_str(o, "kind", db_get(res, r, MESSAGE_COL_KIND));
	jsonx_add_str(o, "author_kind", db_get(res, r,
	    MESSAGE_COL_AUTHOR_KIND));
	json_object_object_add(o, "author_user_id", db_is_null(res, r,
	    MESSAGE_COL_AUTHOR_USER_ID) ? NULL : json_object_new_int64(
	    db_get_i64(res, r, MESSAGE_COL_AUTHOR_USER_ID)));
	json_object_object_add(o, "author_contact_id", db_is_null(res, r,
	    MESSAGE_COL_AUTHOR_CONTACT_ID) ? NULL : json_object_new_int64(
	    db_get_i64(res, r, MESSAGE_COL_AUTHOR_CONTACT_ID)));
	jsonx_add_str(o, "author_name", db_get(res, r,
	    MESSAGE_COL_AUTHOR_NAME));
	jsonx_add_str(o, "body", db_get(res, r, MESSAGE_COL_BODY));
	jsonx_add_str(o, "created_at", db_get(res, r,
	    MESSAGE_COL_CREATED_AT));
	json_object_object_add(o, "delivery", message_delivery(res, r));
	return o;
}

/* Oldest first.  200, 400, 401, 404, 503 */
static int
messages_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[MESSAGE_Q_LIMIT], &q[MESSAGE_Q_AFTER],
	    0, &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_GET], &res,
	    db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "ticket");
	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_MESSAGES], &res,
	    db_u64(c->ids[0]), db_id_or_null(p.after_id),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, message_json(&res, i));
	if (attachment_add_to_messages(c->db, c->arena, c->ids[0], arr) == -1) {
		json_object_put(arr);
		return ctx_db_error(c);
	}
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, MESSAGE_COL_ID);
}

static int
messages_create_tx(struct ctx *c, void *arg)
{
	struct outcome	o;

	if (ticket_message_add(c->db, c->arena, &c->actor, c->ids[0],
	    c->in[MESSAGE_F_KIND].present ? c->in[MESSAGE_F_KIND].i :
	    MESSAGE_REPLY, c->in[MESSAGE_F_CONTACT_ID].present ?
	    (uint64_t)c->in[MESSAGE_F_CONTACT_ID].i : 0,
	    c->in[MESSAGE_F_BODY].s, &o) == -1)
		return outcome_reply(c, &o);
	return ticket_reply(c, 201, c->ids[0]);
}

/*
 * A technician's public reply or internal note, or with contact_id what
 * the contact said (a call logged); the reply is the ticket with its new
 * activity status.  201, 400, 401, 403, 404, 503
 */
static int
messages_create(struct ctx *c)
{
	return ctx_tx(c, messages_create_tx, NULL);
}

static int
time_create_tx(struct ctx *c, void *arg)
{
	const struct field_value	*in = c->in;
	struct json_object		*o;
	struct db_res			 res;
	struct outcome			 out;

	if (ticket_time_add(c->db, c->arena, &c->actor, c->ids[0],
	    in[TIME_F_MINUTES].i, !in[TIME_F_BILLABLE].present ||
	    in[TIME_F_BILLABLE].i, in[TIME_F_DESCRIPTION].present ?
	    in[TIME_F_DESCRIPTION].s : NULL, &out) == -1)
		return outcome_reply(c, &out);
	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_TIME_GET], &res,
	    db_u64(out.id)) == -1 || res.nrows != 1)
		return -1;
	o = json_object_new_object();
	jsonx_add_u64(o, "id", out.id);
	jsonx_add_u64(o, "ticket_id", c->ids[0]);
	jsonx_add_str(o, "date", db_get(&res, 0, TICKET_TIME_COL_DATE));
	jsonx_add_u64(o, "minutes", db_get_u64(&res, 0,
	    TICKET_TIME_COL_MINUTES));
	jsonx_add_str(o, "description", db_get(&res, 0,
	    TICKET_TIME_COL_DESCRIPTION));
	json_object_object_add(o, "contract_id", db_is_null(&res, 0,
	    TICKET_TIME_COL_CONTRACT_ID) ? NULL : json_object_new_int64(
	    db_get_i64(&res, 0, TICKET_TIME_COL_CONTRACT_ID)));
	json_object_object_add(o, "billable", json_object_new_boolean(
	    db_get_i64(&res, 0, TICKET_TIME_COL_BILLABLE) == 1));
	return ctx_data(c, 201, o);
}

/*
 * Minutes worked on the ticket, against its contract (B1).
 * 201, 400, 401, 403, 404, 409, 503
 */
static int
time_create(struct ctx *c)
{
	return ctx_tx(c, time_create_tx, NULL);
}

/* The workspace's custom statuses, by base.  200, 401, 503 */
static int
statuses_list(struct ctx *c)
{
	struct json_object	*arr, *o;
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_STATUS_LIST],
	    &res) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++) {
		o = json_object_new_object();
		jsonx_add_u64(o, "id", db_get_u64(&res, i,
		    TICKET_STATUS_COL_ID));
		jsonx_add_str(o, "name", db_get(&res, i,
		    TICKET_STATUS_COL_NAME));
		jsonx_add_str(o, "base", db_get(&res, i,
		    TICKET_STATUS_COL_BASE));
		json_object_array_add(arr, o);
	}
	return ctx_data(c, 200, arr);
}

static int
statuses_create_tx(struct ctx *c, void *arg)
{
	struct json_object	*o;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &ticket_sql[TICKET_SQL_STATUS_INSERT],
	    &res, db_str(c->in[STATUS_F_NAME].s),
	    db_str(c->in[STATUS_F_BASE].s)) == -1)
		return ctx_write_error(c, "duplicate_name",
		    "A ticket status has this name", "name");
	o = json_object_new_object();
	jsonx_add_u64(o, "id", res.insert_id);
	jsonx_add_str(o, "name", c->in[STATUS_F_NAME].s);
	jsonx_add_str(o, "base", c->in[STATUS_F_BASE].s);
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "ticket_status.created", "ticket_status", res.insert_id, 0,
	    NULL }) == -1)
		return -1;
	return ctx_data(c, 201, o);
}

/*
 * T1: a custom status, shown instead of its base.
 * 201, 400, 401, 403, 409, 503
 */
static int
statuses_create(struct ctx *c)
{
	return ctx_tx(c, statuses_create_tx, NULL);
}

enum tickets_route {
	ROUTE_TICKETS_ALL,
	ROUTE_TICKETS_LIST,
	ROUTE_TICKETS_CREATE,
	ROUTE_TICKETS_GET,
	ROUTE_TICKETS_UPDATE,
	ROUTE_MESSAGES_LIST,
	ROUTE_MESSAGES_CREATE,
	ROUTE_TIME_CREATE,
	ROUTE_STATUSES_LIST,
	ROUTE_STATUSES_CREATE,
	ROUTE_SLA_LIST,
	ROUTE_SLA_CREATE,
	ROUTE_SLA_GET,
	ROUTE_SLA_UPDATE,
	ROUTE_SLA_DELETE,
	ROUTE_CUSTOMER_SLA_GET,
	ROUTE_CUSTOMER_SLA_PUT,
	ROUTE_CONTRACT_SLA_PUT,
	ROUTE__MAX
};

#define TICKETS		"/api/v1/tickets"
#define CUSTOMER_TICKETS	"/api/v1/customers/{id}/tickets"
#define STATUSES	"/api/v1/ticket-statuses"
#define SLA_POLICIES	"/api/v1/sla-policies"

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_TICKETS_ALL] = { REQ_GET, TICKETS, ACCESS_READ, tickets_list,
	    ROUTE_QUERY(ticket_query) },
	[ROUTE_TICKETS_LIST] = { REQ_GET, CUSTOMER_TICKETS, ACCESS_READ,
	    tickets_list, ROUTE_QUERY(ticket_query) },
	[ROUTE_TICKETS_CREATE] = { REQ_POST, CUSTOMER_TICKETS, ACCESS_WRITE,
	    tickets_create, .body = BODY_OBJECT, ROUTE_FIELDS(ticket_fields),
	    .required = ROUTE_BIT(TICKET_F_SUBJECT) },
	[ROUTE_TICKETS_GET] = { REQ_GET, TICKETS "/{id}", ACCESS_READ,
	    tickets_get },
	[ROUTE_TICKETS_UPDATE] = { REQ_PATCH, TICKETS "/{id}", ACCESS_WRITE,
	    tickets_update, .body = BODY_OBJECT, ROUTE_FIELDS(ticket_fields) },
	[ROUTE_MESSAGES_LIST] = { REQ_GET, TICKETS "/{id}/messages",
	    ACCESS_READ, messages_list, ROUTE_QUERY(message_query) },
	[ROUTE_MESSAGES_CREATE] = { REQ_POST, TICKETS "/{id}/messages",
	    ACCESS_WRITE, messages_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(message_fields),
	    .required = ROUTE_BIT(MESSAGE_F_BODY) },
	[ROUTE_TIME_CREATE] = { REQ_POST, TICKETS "/{id}/time-entries",
	    ACCESS_WRITE, time_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(time_fields),
	    .required = ROUTE_BIT(TIME_F_MINUTES) },
	[ROUTE_STATUSES_LIST] = { REQ_GET, STATUSES, ACCESS_READ,
	    statuses_list },
	[ROUTE_STATUSES_CREATE] = { REQ_POST, STATUSES, ACCESS_ADMIN,
	    statuses_create, .body = BODY_OBJECT, ROUTE_FIELDS(status_fields),
	    .required = ROUTE_BIT(STATUS_F_NAME) | ROUTE_BIT(STATUS_F_BASE) },
	[ROUTE_SLA_LIST] = { REQ_GET, SLA_POLICIES, ACCESS_READ,
	    sla_policies_list },
	[ROUTE_SLA_CREATE] = { REQ_POST, SLA_POLICIES, ACCESS_ADMIN,
	    sla_policies_create, .body = BODY_OBJECT, ROUTE_FIELDS(sla_fields),
	    .required = ROUTE_BIT(SLA_F_NAME) },
	[ROUTE_SLA_GET] = { REQ_GET, SLA_POLICIES "/{id}", ACCESS_READ,
	    sla_policies_get },
	[ROUTE_SLA_UPDATE] = { REQ_PATCH, SLA_POLICIES "/{id}", ACCESS_ADMIN,
	    sla_policies_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(sla_fields) },
	[ROUTE_SLA_DELETE] = { REQ_DELETE, SLA_POLICIES "/{id}",
	    ACCESS_ADMIN, sla_policies_delete },
	[ROUTE_CUSTOMER_SLA_GET] = { REQ_GET, "/api/v1/customers/{id}/sla",
	    ACCESS_READ, customer_sla_get },
	[ROUTE_CUSTOMER_SLA_PUT] = { REQ_PUT, "/api/v1/customers/{id}/sla",
	    ACCESS_ADMIN, customer_sla_put, .body = BODY_OBJECT,
	    ROUTE_FIELDS(sla_assign_fields) },
	[ROUTE_CONTRACT_SLA_PUT] = { REQ_PUT,
	    "/api/v1/customers/{id}/sla/contracts/{id}", ACCESS_ADMIN,
	    contract_sla_put, .body = BODY_OBJECT,
	    ROUTE_FIELDS(sla_assign_fields) },
};

static const struct app tickets_app = {
	.name = "tickets", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&tickets_app, argc, argv);
}
