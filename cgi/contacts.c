/*
 * cgi/contacts: the route table and the contact handlers (K1, K2).  A
 * contact belongs to one customer; a record id under another customer is
 * 404.  The CSV import and export are in contacts_csv.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "db_contact.h"
#include "db_customer.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "serve.h"
#include "timeline.h"

#include "contacts.h"

#define N	FIELD_NULLABLE

static const char *const contact_statuses[] = {
	"active", "deactivated", NULL
};

const struct field_spec contact_fields[CONTACT_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },		/* CONTACT_F_NAME */
	{ "job_title", FIELD_TEXT, N, 0, 200, NULL },		/* CONTACT_F_JOB_TITLE */
	{ "email", FIELD_EMAIL, N, 0, 0, NULL },		/* CONTACT_F_EMAIL */
	{ "phone", FIELD_TEXT, N, 0, 50, NULL },		/* CONTACT_F_PHONE */
	{ "mobile", FIELD_TEXT, N, 0, 50, NULL },		/* CONTACT_F_MOBILE */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL },	/* CONTACT_F_NOTES */
	{ "status", FIELD_ENUM, 0, 0, 0, contact_statuses },	/* CONTACT_F_STATUS */
	{ "customer_id", FIELD_ID, 0, 0, 0, NULL },		/* CONTACT_F_CUSTOMER_ID */
};

static const char *const list_statuses[] = {
	"active", "deactivated", "all", NULL
};

enum list_query {
	LIST_Q_Q,
	LIST_Q_STATUS,
	LIST_Q_LIMIT,
	LIST_Q_AFTER,
	LIST_Q__MAX
};

static const struct field_spec list_query[LIST_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },			/* LIST_Q_Q */
	{ "status", FIELD_ENUM, 0, 0, 0, list_statuses },	/* LIST_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* LIST_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* LIST_Q_AFTER */
};

static struct json_object *
contact_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, CONTACT_COL_ID));
	record_to_json(contact_fields, CONTACT_F__MAX,
	    record_from_row(a, res, r, 0, CONTACT_F__MAX), o);
	jsonx_add_u64(o, "version", db_get_u64(res, r, CONTACT_COL_VERSION));
	jsonx_add_str(o, "created_at", db_get(res, r, CONTACT_COL_CREATED_AT));
	jsonx_add_str(o, "updated_at", db_get(res, r, CONTACT_COL_UPDATED_AT));
	return o;
}

/* 200, 400, 401, 404, 503 */
static int
contacts_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	const char			*like = NULL;
	long long			 status = q[LIST_Q_STATUS].present ?
					    q[LIST_Q_STATUS].i : 0;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[LIST_Q_LIMIT], &q[LIST_Q_AFTER], 1,
	    &p)) != 0)
		return rc;
	if (q[LIST_Q_Q].present && q[LIST_Q_Q].len > 0)
		like = db_like_anywhere(c->arena, q[LIST_Q_Q].s);
	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_LIST], &res,
	    db_u64(c->customer.id), db_i64(status == 2),
	    db_str(list_statuses[status == 2 ? 0 : status]), db_str(like),
	    db_str(like), db_str(like), db_id_or_null(p.after_id),
	    db_str(p.after_key), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, contact_json(&res, i, c->arena));
	return page_reply(c, arr, &p, &res, CONTACT_COL_SORT_KEY,
	    CONTACT_COL_ID);
}

static int
contact_reply(struct ctx *c, int status, uint64_t customer_id, uint64_t id)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_GET], &res,
	    db_u64(id), db_u64(customer_id)) == -1)
		return -1;
	if (res.nrows == 0)
		return ctx_not_found(c, "contact");
	return ctx_record(c, status, contact_json(&res, 0, c->arena),
	    db_get_u64(&res, 0, CONTACT_COL_VERSION), arena_printf(c->arena,
	    "/api/v1/customers/%llu/contacts/%llu",
	    (unsigned long long)customer_id, (unsigned long long)id));
}

/* 200, 401, 404, 503 */
static int
contacts_get(struct ctx *c)
{
	int	rc = contact_reply(c, 200, c->customer.id, c->ids[1]);

	return rc == -1 ? ctx_db_error(c) : rc;
}

/* The audit row and timeline event of a change to a contact. */
static int
contact_record_event(struct ctx *c, const char *kind, uint64_t customer_id,
    uint64_t id, const char *summary, struct json_object *changes)
{
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    kind, "contact", id, customer_id, changes }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &c->actor,
	    &(struct timeline_event){ customer_id, kind, summary, "contact",
	    id });
}

static int
contact_db_fail(struct ctx *c, struct outcome *o)
{
	switch (db_errno(c->db)) {
	case DB_ER_DUP_ENTRY:
		return outcome_fail(o, 409, "duplicate_email",
		    "Another contact of this customer has this email", "email");
	case DB_ER_NO_REFERENCED_ROW:
		return outcome_fail(o, 400, "unknown_reference",
		    "No customer with this id", "customer_id");
	default:
		return outcome_db_fail(o);
	}
}

/*
 * A contact that leaves its customer (deleted or moved) is no longer
 * its billing contact (C1): the customer's field is cleared, audited.
 */
static int
contact_unbill(struct ctx *c, uint64_t customer, uint64_t id)
{
	struct json_object	*ch;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_UNBILL], &res,
	    db_u64(customer), db_u64(id)) == -1)
		return -1;
	if (res.affected == 0)
		return 0;
	ch = jsonx_object(c->arena);
	audit_change(ch, "billing_contact_id", json_object_new_int64(
	    (int64_t)id), NULL);
	return audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "customer.updated", "customer", customer, customer, ch });
}

/*
 * A move is a change of both customers: each one's audit and timeline
 * say where the contact went or came from.
 */
static int
contact_moved(struct ctx *c, uint64_t from, uint64_t to, uint64_t id,
    const char *name, struct json_object *changes)
{
	if (contact_record_event(c, "contact.moved", from, id,
	    arena_printf(c->arena, "Contact moved to customer %llu: %s",
	    (unsigned long long)to, name), changes) == -1)
		return -1;
	return contact_record_event(c, "contact.moved", to, id,
	    arena_printf(c->arena, "Contact moved from customer %llu: %s",
	    (unsigned long long)from, name), changes);
}

/*
 * Inside the caller's transaction: creates a contact of the customer in
 * the path (old NULL) or applies in to the locked row old (id, version),
 * with its audit rows and timeline events.  0, or -1 with o filled.
 */
int
contact_save(struct ctx *c, const char *const *old, uint64_t id,
    uint64_t version, const struct field_value *in, struct outcome *o)
{
	struct db_arg		 args[CONTACT_F__MAX + 2];
	struct json_object	*changes = jsonx_object(c->arena);
	struct db_res		 res;
	const char		**cur;
	uint64_t		 from, to;

	memset(o, 0, sizeof(*o));
	cur = record_merge(c->arena, contact_fields, CONTACT_F__MAX, old, in);
	if (old == NULL) {
		if (in[CONTACT_F_CUSTOMER_ID].present)
			return outcome_fail(o, 400, "read_only_field",
			    "A contact is created under its customer's path",
			    "customer_id");
		cur[CONTACT_F_CUSTOMER_ID] = arena_printf(c->arena, "%llu",
		    (unsigned long long)c->customer.id);
		if (cur[CONTACT_F_STATUS] == NULL)
			cur[CONTACT_F_STATUS] = "active";
	}
	if (cur[CONTACT_F_NAME] == NULL)
		return outcome_fail(o, 400, "required", "A contact needs a name",
		    "name");
	if (record_diff(contact_fields, CONTACT_F__MAX, old, cur,
	    changes) == 0 && old != NULL) {
		o->id = id;
		return 0;
	}
	record_args(cur, CONTACT_F__MAX, args);
	if (old == NULL) {
		if (db_exec(c->db, c->arena, &contact_sql[CONTACT_SQL_INSERT],
		    args, CONTACT_F__MAX, &res) == -1)
			return contact_db_fail(c, o);
		id = res.insert_id;
		o->created = 1;
	} else {
		args[CONTACT_F__MAX] = db_u64(id);
		args[CONTACT_F__MAX + 1] = db_u64(version);
		if (db_exec(c->db, c->arena, &contact_sql[CONTACT_SQL_UPDATE],
		    args, CONTACT_F__MAX + 2, NULL) == -1)
			return contact_db_fail(c, o);
	}
	o->id = id;
	o->changed = 1;
	from = old ? strtoull(old[CONTACT_F_CUSTOMER_ID], NULL, 10) : 0;
	to = strtoull(cur[CONTACT_F_CUSTOMER_ID], NULL, 10);
	if (old != NULL && from != to) {
		if (contact_unbill(c, from, id) == -1 ||
		    counts_add(c->db, c->arena, from, COUNT_CONTACTS, NULL,
		    -1) == -1 || counts_add(c->db, c->arena, to,
		    COUNT_CONTACTS, NULL, 1) == -1 ||
		    contact_moved(c, from, to, id, cur[CONTACT_F_NAME],
		    changes) == -1)
			return outcome_db_fail(o);
		return 0;
	}
	if (o->created && counts_add(c->db, c->arena, to, COUNT_CONTACTS,
	    NULL, 1) == -1)
		return outcome_db_fail(o);
	if (contact_record_event(c, o->created ? "contact.created" :
	    "contact.updated", to, id, arena_printf(c->arena, "%s: %s",
	    o->created ? "Contact added" : "Contact updated",
	    cur[CONTACT_F_NAME]), changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

static int
contacts_create_tx(struct ctx *c, void *arg)
{
	struct outcome	o;

	if (contact_save(c, NULL, 0, 0, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return contact_reply(c, 201, c->customer.id, o.id);
}

/* 201, 400, 401, 403, 404, 409, 413, 415, 503 */
static int
contacts_create(struct ctx *c)
{
	return ctx_tx(c, contacts_create_tx, NULL);
}

static int
contacts_update_tx(struct ctx *c, void *arg)
{
	const uint64_t	*version = arg;
	struct db_res	 res;
	struct outcome	 o;
	uint64_t	 cur;
	int		 rc;

	if ((rc = ctx_lock_child(c, &contact_sql[CONTACT_SQL_LOCK], "contact",
	    &res)) != 0)
		return rc;
	cur = db_get_u64(&res, 0, CONTACT_COL_VERSION);
	if (cur != *version)
		return ctx_conflict(c, "Someone else changed this contact",
		    contact_json(&res, 0, c->arena), cur);
	if (contact_save(c, record_from_row(c->arena, &res, 0, 0,
	    CONTACT_F__MAX), c->ids[1], cur, c->in, &o) == -1)
		return outcome_reply(c, &o);
	/* A moved contact is answered at its new customer's path. */
	return contact_reply(c, 200, c->in[CONTACT_F_CUSTOMER_ID].present ?
	    (uint64_t)c->in[CONTACT_F_CUSTOMER_ID].i : c->customer.id,
	    c->ids[1]);
}

/*
 * A change of customer_id moves the contact (K2): audited on both
 * customers.  200, 400, 401, 403, 404, 409, 428, 503
 */
static int
contacts_update(struct ctx *c)
{
	return ctx_tx_versioned(c, contacts_update_tx);
}

static int
contacts_delete_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 res;
	const char		*name;
	int			 rc;

	if ((rc = ctx_lock_child(c, &contact_sql[CONTACT_SQL_LOCK], "contact",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, CONTACT_F_NAME);
	audit_change(ch, "name", json_object_new_string(name), NULL);
	if (DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_DELETE], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1 ||
	    counts_add(c->db, c->arena, c->customer.id, COUNT_CONTACTS, NULL,
	    -1) == -1 || contact_unbill(c, c->customer.id, c->ids[1]) == -1 ||
	    contact_record_event(c, "contact.deleted", c->customer.id,
	    c->ids[1], arena_printf(c->arena, "Contact removed: %s", name),
	    ch) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* 204, 401, 403, 404, 503 */
static int
contacts_delete(struct ctx *c)
{
	return ctx_tx(c, contacts_delete_tx, NULL);
}

static const char *const csv_types[] = { "text/csv", NULL };

enum contacts_route {
	ROUTE_CONTACTS_LIST,
	ROUTE_CONTACTS_CREATE,
	ROUTE_CONTACTS_IMPORT,
	ROUTE_CONTACTS_EXPORT,
	ROUTE_CONTACTS_GET,
	ROUTE_CONTACTS_UPDATE,
	ROUTE_CONTACTS_DELETE,
	ROUTE__MAX
};

#define CONTACTS	"/api/v1/customers/{id}/contacts"

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_CONTACTS_LIST] = { REQ_GET, CONTACTS, ACCESS_READ,
	    contacts_list, ROUTE_QUERY(list_query) },
	[ROUTE_CONTACTS_CREATE] = { REQ_POST, CONTACTS, ACCESS_WRITE,
	    contacts_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(contact_fields),
	    .required = ROUTE_BIT(CONTACT_F_NAME) },
	[ROUTE_CONTACTS_IMPORT] = { REQ_POST, CONTACTS "/import", ACCESS_WRITE,
	    contacts_import, .body = BODY_RAW, .types = csv_types,
	    .body_max = CONTACTS_IMPORT_MAX },
	[ROUTE_CONTACTS_EXPORT] = { REQ_GET, CONTACTS "/export", ACCESS_READ,
	    contacts_export },
	[ROUTE_CONTACTS_GET] = { REQ_GET, CONTACTS "/{id}", ACCESS_READ,
	    contacts_get },
	[ROUTE_CONTACTS_UPDATE] = { REQ_PATCH, CONTACTS "/{id}", ACCESS_WRITE,
	    contacts_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(contact_fields) },
	[ROUTE_CONTACTS_DELETE] = { REQ_DELETE, CONTACTS "/{id}", ACCESS_WRITE,
	    contacts_delete },
};

static const struct app contacts_app = {
	.name = "contacts", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&contacts_app, argc, argv);
}
