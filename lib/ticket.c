/*
 * Tickets as any program writes them (T1-T3, T5, C10), inside the
 * caller's transaction and for its actor: the API (cgi/tickets) and the
 * mail handler share these, so a ticket is numbered, limited, counted,
 * audited and put on the timeline the same way whoever opens it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "actor.h"
#include "arena.h"
#include "audit.h"
#include "counts.h"
#include "db.h"
#include "db_contract.h"
#include "db_sla.h"
#include "db_ticket.h"
#include "jsonx.h"
#include "outcome.h"
#include "record.h"
#include "ticket.h"
#include "ticket_mail.h"
#include "timeline.h"

#define N	FIELD_NULLABLE

const char *const ticket_statuses[] = {
	"open", "pending", "resolved", "closed", NULL
};

const char *const ticket_priorities[] = {
	"low", "medium", "high", "critical", NULL
};

const char *const ticket_types[] = {
	"incident", "problem", "request", "change", NULL
};

const char *const ticket_impacts[] = {
	"low", "medium", "high", NULL
};

static const char *const ticket_activities[] = {
	"unread", "read", "awaiting_contact", "awaiting_technician", NULL
};

const char *const message_kinds[MESSAGE__MAX + 1] = {
	"reply",	/* MESSAGE_REPLY */
	"note",		/* MESSAGE_NOTE */
	NULL
};

const struct field_spec ticket_fields[TICKET_F__MAX] = {
	{ "subject", FIELD_TEXT, 0, 1, 250, NULL },	/* TICKET_F_SUBJECT */
	{ "contact_id", FIELD_ID, N, 0, 0, NULL },	/* TICKET_F_CONTACT_ID */
	{ "device_id", FIELD_ID, N, 0, 0, NULL },	/* TICKET_F_DEVICE_ID */
	{ "contract_id", FIELD_ID, N, 0, 0, NULL },	/* TICKET_F_CONTRACT_ID */
	{ "status", FIELD_ENUM, 0, 0, 0, ticket_statuses },
							/* TICKET_F_STATUS */
	{ "priority", FIELD_ENUM, 0, 0, 0, ticket_priorities },
							/* TICKET_F_PRIORITY */
	{ "type", FIELD_ENUM, N, 0, 0, ticket_types },	/* TICKET_F_TYPE */
	{ "impact", FIELD_ENUM, N, 0, 0, ticket_impacts },
							/* TICKET_F_IMPACT */
	{ "activity", FIELD_ENUM, 0, 0, 0, ticket_activities },
							/* TICKET_F_ACTIVITY */
	{ "spam", FIELD_BOOL, 0, 0, 0, NULL },		/* TICKET_F_SPAM */
	{ "assignee_id", FIELD_ID, N, 0, 0, NULL },	/* TICKET_F_ASSIGNEE_ID */
	{ "custom_status_id", FIELD_ID, N, 0, 0, NULL },
						/* TICKET_F_CUSTOM_STATUS_ID */
};

static const char *const ticket_defaults[TICKET_F__MAX] = {
	NULL, NULL, NULL, NULL, "open", "medium", NULL, NULL, "unread", "0",
	NULL, NULL
};

/* A reference a ticket holds: it must exist, and be the customer's. */
struct ticket_ref {
	enum ticket_field	 field;
	enum ticket_sql		 sql;
	int			 by_customer;
	const char		*message;
};

static const struct ticket_ref ticket_refs[] = {
	{ TICKET_F_CONTACT_ID, TICKET_SQL_CONTACT_CHECK, 1,
	  "No contact of this customer has this id" },
	{ TICKET_F_DEVICE_ID, TICKET_SQL_DEVICE_CHECK, 1,
	  "No device of this customer has this id" },
	{ TICKET_F_CONTRACT_ID, TICKET_SQL_CONTRACT_CHECK, 1,
	  "No contract of this customer has this id" },
	{ TICKET_F_ASSIGNEE_ID, TICKET_SQL_USER_CHECK, 0,
	  "No user has this id" },
};

/* Counted as open (COUNT_OPEN_TICKETS): open or pending, not spam. */
static int
ticket_is_open(const char *const *v)
{
	return (strcmp(v[TICKET_F_STATUS], "open") == 0 ||
	    strcmp(v[TICKET_F_STATUS], "pending") == 0) &&
	    strcmp(v[TICKET_F_SPAM], "0") == 0;
}

/*
 * The references of cur that differ from old (NULL: all) are checked
 * under a share lock, so none goes before the write commits.  0, or -1
 * with o.
 */
static int
ticket_refs_check(struct db *db, struct arena *a, uint64_t customer,
    const char *const *old, const char *const *cur, struct outcome *o)
{
	const struct ticket_ref	*r;
	struct db_arg		 args[2];
	struct db_res		 res;
	const char		*v;
	size_t			 i;

	for (i = 0; i < sizeof(ticket_refs) / sizeof(ticket_refs[0]); i++) {
		r = &ticket_refs[i];
		v = cur[r->field];
		if (v == NULL || (old != NULL && old[r->field] != NULL &&
		    strcmp(old[r->field], v) == 0))
			continue;
		args[0] = db_u64(strtoull(v, NULL, 10));
		args[1] = db_u64(customer);
		if (db_exec(db, a, &ticket_sql[r->sql], args,
		    r->by_customer ? 2 : 1, &res) == -1)
			return outcome_db_fail(o);
		if (res.nrows == 0)
			return outcome_fail(o, 400, "unknown_reference",
			    r->message, ticket_fields[r->field].name);
	}
	return 0;
}

/*
 * A custom status sets the ticket's status to its base, which filters
 * and counts use; a plain change of status leaves the custom one.
 * 0, or -1 with o.
 */
static int
ticket_custom_status(struct db *db, struct arena *a, const char *const *old,
    const char **cur, struct outcome *o)
{
	struct db_res	res;
	const char	*id = cur[TICKET_F_CUSTOM_STATUS_ID];

	if (id == NULL)
		return 0;
	if (old != NULL && old[TICKET_F_CUSTOM_STATUS_ID] != NULL &&
	    strcmp(old[TICKET_F_CUSTOM_STATUS_ID], id) == 0) {
		if (strcmp(old[TICKET_F_STATUS], cur[TICKET_F_STATUS]) != 0)
			cur[TICKET_F_CUSTOM_STATUS_ID] = NULL;
		return 0;
	}
	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_STATUS_BASE], &res,
	    db_u64(strtoull(id, NULL, 10))) == -1)
		return outcome_db_fail(o);
	if (res.nrows == 0)
		return outcome_fail(o, 400, "unknown_reference",
		    "No ticket status has this id", "custom_status_id");
	cur[TICKET_F_STATUS] = db_get(&res, 0, 0);
	return 0;
}

/* The audit row, and the customer's timeline event when it has one. */
static int
ticket_event(struct db *db, struct arena *a, const struct actor *who,
    const char *kind, uint64_t customer, uint64_t id, const char *summary,
    struct json_object *changes)
{
	if (audit_add(db, a, who, &(struct audit_entry){ kind, "ticket", id,
	    customer, changes }) == -1)
		return -1;
	if (customer == 0)
		return 0;
	return timeline_add(db, a, who, &(struct timeline_event){ customer,
	    kind, summary, "ticket", id });
}

/*
 * C10: 0 when the customer may have one more open ticket, 1 when it is
 * at its limit, or -1; a ticket without a contract gets the customer's
 * default one (T3).  Locks the customer row: creates queue here.
 */
static int
ticket_over_limit(struct db *db, struct arena *a, uint64_t customer,
    const char **contract)
{
	struct db_res	res;

	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_LIMIT], &res,
	    db_u64(customer)) == -1)
		return -1;
	if (res.nrows == 0)
		return 0;
	if (*contract == NULL)
		*contract = db_get(&res, 0, TICKET_LIMIT_COL_CONTRACT);
	if (db_is_null(&res, 0, TICKET_LIMIT_COL_LIMIT))
		return 0;
	return db_get_i64(&res, 0, TICKET_LIMIT_COL_OPEN) >=
	    db_get_i64(&res, 0, TICKET_LIMIT_COL_LIMIT);
}

/*
 * Inside the caller's transaction: opens a ticket with the values in
 * (TICKET_F__MAX, NULL: the default) for the actor, numbered from the
 * locked sequence row.  A customer at its ticket limit is refused (422)
 * unless flags holds TICKET_TRIAGE: then the ticket opens in triage.
 * 0 with o->id, or -1 with o.
 */
int
ticket_create(struct db *db, struct arena *a, const struct actor *who,
    const struct ticket_new *tn, const char *const *in, struct outcome *o)
{
	struct db_arg		 args[TICKET_F__MAX + 4];
	struct db_res		 res;
	const char		*cur[TICKET_F__MAX], *number;
	size_t			 i;
	int			 over = 0;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < TICKET_F__MAX; i++)
		cur[i] = in[i] != NULL ? in[i] : ticket_defaults[i];
	if (cur[TICKET_F_SUBJECT] == NULL)
		return outcome_fail(o, 400, "required",
		    "A ticket needs a subject", "subject");
	if (ticket_custom_status(db, a, NULL, cur, o) == -1)
		return -1;
	if (tn->customer_id != 0) {
		if ((over = ticket_over_limit(db, a, tn->customer_id,
		    &cur[TICKET_F_CONTRACT_ID])) == -1)
			return outcome_db_fail(o);
		if (over && ticket_is_open(cur) && !(tn->flags & TICKET_TRIAGE))
			return outcome_fail(o, 422, "ticket_limit",
			    "This customer has reached its ticket limit",
			    NULL);
		if (ticket_refs_check(db, a, tn->customer_id, NULL, cur,
		    o) == -1)
			return -1;
	} else if (ticket_refs_check(db, a, 0, NULL, cur, o) == -1)
		return -1;
	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_NEXT], NULL) == -1 ||
	    DB_EXEC(db, a, &ticket_sql[TICKET_SQL_NUMBER], &res) == -1 ||
	    res.nrows != 1)
		return outcome_db_fail(o);
	number = arena_printf(a, "T-%llu",
	    (unsigned long long)db_get_u64(&res, 0, 0));
	record_args(cur, TICKET_F__MAX, args);
	args[TICKET_F__MAX] = db_str(number);
	args[TICKET_F__MAX + 1] = db_id_or_null(tn->customer_id);
	args[TICKET_F__MAX + 2] = db_str(tn->source);
	args[TICKET_F__MAX + 3] = db_i64(over && ticket_is_open(cur));
	if (db_exec(db, a, &ticket_sql[TICKET_SQL_INSERT], args,
	    TICKET_F__MAX + 4, &res) == -1)
		return outcome_db_fail(o);
	o->id = res.insert_id;
	o->created = o->changed = 1;
	if ((tn->customer_id != 0 && ticket_is_open(cur) &&
	    counts_add(db, a, tn->customer_id, COUNT_OPEN_TICKETS, NULL,
	    1) == -1) ||
	    ticket_event(db, a, who, "ticket.created", tn->customer_id, o->id,
	    arena_printf(a, "Ticket %s opened: %s", number,
	    cur[TICKET_F_SUBJECT]), NULL) == -1)
		return outcome_db_fail(o);
	return 0;
}

/*
 * Inside the caller's transaction: writes cur over the locked ticket's
 * old values (id at version), moving the open count when its status or
 * spam mark changes it.  0, or -1 with o.
 */
int
ticket_update(struct db *db, struct arena *a, const struct actor *who,
    uint64_t customer, uint64_t id, const char *const *old,
    const char **cur, struct outcome *o)
{
	struct db_arg		 args[TICKET_F__MAX + 1];
	struct json_object	*changes = jsonx_object(a);
	int			 delta;

	memset(o, 0, sizeof(*o));
	o->id = id;
	if (cur[TICKET_F_SUBJECT] == NULL)
		return outcome_fail(o, 400, "required",
		    "A ticket needs a subject", "subject");
	if (ticket_custom_status(db, a, old, cur, o) == -1)
		return -1;
	if (record_diff(ticket_fields, TICKET_F__MAX, old, cur, changes) == 0)
		return 0;
	if (ticket_refs_check(db, a, customer, old, cur, o) == -1)
		return -1;
	record_args(cur, TICKET_F__MAX, args);
	args[TICKET_F__MAX] = db_u64(id);
	if (db_exec(db, a, &ticket_sql[TICKET_SQL_UPDATE], args,
	    TICKET_F__MAX + 1, NULL) == -1)
		return outcome_db_fail(o);
	o->changed = 1;
	delta = ticket_is_open(cur) - ticket_is_open(old);
	if ((customer != 0 && counts_add(db, a, customer, COUNT_OPEN_TICKETS,
	    NULL, delta) == -1) ||
	    ticket_event(db, a, who, "ticket.updated", customer, id,
	    arena_printf(a, "Ticket updated: %s", cur[TICKET_F_SUBJECT]),
	    changes) == -1)
		return outcome_db_fail(o);
	return 0;
}

/* Locks ticket id for a change: 0 with res its row, or -1 with o. */
static int
ticket_lock(struct db *db, struct arena *a, uint64_t id, struct db_res *res,
    struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_LOCK], res,
	    db_u64(id)) == -1)
		return outcome_db_fail(o);
	if (res->nrows == 0)
		return outcome_fail(o, 404, "not_found", "No such ticket",
		    NULL);
	return 0;
}

/* Who wrote a message, as ticket_messages stores it. */
static const char *const author_kinds[ACTOR__MAX] = {
	"user",		/* ACTOR_USER */
	"service",	/* ACTOR_SERVICE */
	"system",	/* ACTOR_SYSTEM */
};

/*
 * Inside the caller's transaction: adds a message to ticket id, written
 * by the contact (contact_id, e.g. from mail) or else by the actor, and
 * moves the activity status: a contact's message awaits a technician and
 * reopens a pending or resolved ticket; a technician's public reply
 * awaits the contact.  0 with o->id, or -1 with o (404: no ticket).
 */
int
ticket_message_add(struct db *db, struct arena *a, const struct actor *who,
    uint64_t id, enum message_kind kind, uint64_t contact_id,
    const char *body, struct outcome *o)
{
	struct db_res	 res;
	const char	**v, *status, *activity, *number, *author;
	uint64_t	 customer;
	int		 delta, from_contact = 0;

	if (ticket_lock(db, a, id, &res, o) == -1)
		return -1;
	v = record_from_row(a, &res, 0, 0, TICKET_F__MAX);
	customer = db_get_u64(&res, 0, TICKET_COL_CUSTOMER_ID);
	number = db_get(&res, 0, TICKET_COL_NUMBER);
	status = v[TICKET_F_STATUS];
	activity = v[TICKET_F_ACTIVITY];
	author = who->name;
	if (contact_id != 0) {
		if (contact_id == TICKET_CONTACT_SENDER)
			contact_id = 0;
		else if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_CONTACT_CHECK],
		    &res, db_u64(contact_id), db_u64(customer)) == -1)
			return outcome_db_fail(o);
		else if (res.nrows == 0)
			return outcome_fail(o, 400, "unknown_reference",
			    "No contact of this ticket's customer has this id",
			    "contact_id");
		else
			author = db_get(&res, 0, TICKET_CONTACT_COL_NAME);
		from_contact = 1;
		activity = "awaiting_technician";
		if (strcmp(status, "closed") != 0)
			status = "open";
	} else if (kind == MESSAGE_REPLY)
		activity = "awaiting_contact";
	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_MESSAGE_INSERT], &res,
	    db_u64(id), db_str(message_kinds[kind]),
	    db_str(from_contact ? "contact" : author_kinds[who->kind]),
	    db_id_or_null(!from_contact && who->kind == ACTOR_USER ?
	    who->id : 0), db_id_or_null(contact_id),
	    db_str(author), db_str(body)) == -1)
		return outcome_db_fail(o);
	o->id = res.insert_id;
	o->created = o->changed = 1;
	/* A technician's public reply goes out by mail (lib/ticket_mail.h). */
	if (kind == MESSAGE_REPLY && contact_id == 0 &&
	    ticket_mail_reply(db, a, id, o->id, body) == -1)
		return outcome_db_fail(o);
	delta = (strcmp(v[TICKET_F_SPAM], "0") == 0 &&
	    strcmp(v[TICKET_F_STATUS], "open") != 0 &&
	    strcmp(v[TICKET_F_STATUS], "pending") != 0 &&
	    strcmp(status, "open") == 0);
	if (DB_EXEC(db, a, &ticket_sql[TICKET_SQL_ACTIVITY], NULL,
	    db_str(status), db_str(activity), db_u64(id)) == -1 ||
	    sla_message_added(db, a, id, contact_id != 0, contact_id == 0 &&
	    kind == MESSAGE_REPLY && who->kind == ACTOR_USER, body) == -1 ||
	    (customer != 0 && counts_add(db, a, customer,
	    COUNT_OPEN_TICKETS, NULL, delta) == -1) ||
	    ticket_event(db, a, who, kind == MESSAGE_REPLY ?
	    "ticket.replied" : "ticket.noted", customer, id,
	    arena_printf(a, "Ticket %s: %s added", number,
	    kind == MESSAGE_REPLY ? "reply" : "note"), NULL) == -1)
		return outcome_db_fail(o);
	return 0;
}

/*
 * Inside the caller's transaction: logs minutes worked on ticket id as a
 * time entry (B1) against the ticket's contract, whose consumed minutes
 * move in the same transaction.  A ticket of no customer takes no time.
 * 0 with o->id, or -1 with o.
 */
int
ticket_time_add(struct db *db, struct arena *a, const struct actor *who,
    uint64_t id, long long minutes, int billable, const char *description,
    struct outcome *o)
{
	struct json_object	*changes = jsonx_object(a);
	struct db_res		 res;
	const char		*contract, *number;
	uint64_t		 customer;

	if (ticket_lock(db, a, id, &res, o) == -1)
		return -1;
	customer = db_get_u64(&res, 0, TICKET_COL_CUSTOMER_ID);
	contract = db_get(&res, 0, TICKET_F_CONTRACT_ID);
	number = db_get(&res, 0, TICKET_COL_NUMBER);
	if (customer == 0)
		return outcome_fail(o, 409, "no_customer",
		    "Time is logged on a ticket of a customer", NULL);
	if ((contract != NULL && DB_EXEC(db, a,
	    &contract_sql[CONTRACT_SQL_CONSUME], NULL, db_i64(minutes),
	    db_u64(strtoull(contract, NULL, 10)), db_u64(customer)) == -1) ||
	    DB_EXEC(db, a, &ticket_sql[TICKET_SQL_TIME_INSERT], &res,
	    db_i64(minutes), db_str(description), db_str(contract),
	    db_i64(billable), db_u64(customer), db_u64(id)) == -1)
		return outcome_db_fail(o);
	o->id = res.insert_id;
	o->created = o->changed = 1;
	audit_change(changes, "minutes", NULL, json_object_new_int64(minutes));
	if (audit_add(db, a, who, &(struct audit_entry){ "time_entry.created",
	    "time_entry", o->id, customer, changes }) == -1 ||
	    timeline_add(db, a, who, &(struct timeline_event){ customer,
	    "ticket.time_logged", arena_printf(a, "Ticket %s: %lld minutes "
	    "logged", number, minutes), "ticket", id }) == -1)
		return outcome_db_fail(o);
	return 0;
}
