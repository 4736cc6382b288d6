/*
 * cgi/mailbox_route: the database side of routing inbound mail (M2, M4,
 * M5).  lib/mail_route decides through the lookups here; the decision is
 * then written in the caller's transaction, with the parse's status, so
 * a failure anywhere leaves the mail received and reprocessable with
 * nothing half-written.  What routing did and why goes into the stored
 * result as "route".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "actor.h"
#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "counts.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "log.h"
#include "mail_route.h"
#include "mailbox_route.h"
#include "mime.h"
#include "msgid.h"
#include "outbox.h"
#include "outcome.h"
#include "ticket.h"
#include "timeline.h"

#define ROUTE_SUBJECT_MAX	250	/* characters: tickets.subject */
#define ROUTE_NAME_MAX		200	/* characters: contacts.name, authors */

/* Columns of the statements that return a ticket. */
enum route_ticket_col {
	ROUTE_TICKET_COL_ID,
	ROUTE_TICKET_COL_NUMBER,
	ROUTE_TICKET_COL_CUSTOMER_ID,
	ROUTE_TICKET_COL_CLOSED,
	ROUTE_TICKET_COL__MAX
};

/* Columns of ROUTE_SQL_CONTACT. */
enum route_contact_col {
	ROUTE_CONTACT_COL_ID,
	ROUTE_CONTACT_COL_CUSTOMER_ID,
	ROUTE_CONTACT_COL__MAX
};

/* Columns of ROUTE_SQL_DOMAIN. */
enum route_domain_col {
	ROUTE_DOMAIN_COL_CUSTOMER_ID,
	ROUTE_DOMAIN_COL_SUBDOMAINS,
	ROUTE_DOMAIN_COL__MAX
};

enum route_sql {
	ROUTE_SQL_ROUTED,		/* the ticket a mail already went to */
	ROUTE_SQL_TICKET,
	ROUTE_SQL_TICKET_BY_NUMBER,
	ROUTE_SQL_TICKET_BY_MSGID,
	ROUTE_SQL_PARTICIPANT,
	ROUTE_SQL_CONTACT,
	ROUTE_SQL_CONTACT_INSERT,	/* affects nothing if it is there */
	ROUTE_SQL_DOMAIN,
	ROUTE_SQL_UNDELIVERABLE,
	ROUTE_SQL_IS_UNDELIVERABLE,
	ROUTE_SQL_MESSAGE_MAIL,
	ROUTE_SQL_ACK,
	ROUTE_SQL__MAX
};

#define ROUTE_TICKET_SELECT \
	"SELECT t.id, t.number, IFNULL(t.customer_id, 0), " \
	"t.status = 'closed' FROM tickets t "

static const struct db_sql route_sql[ROUTE_SQL__MAX] = {
	{ ROUTE_TICKET_SELECT "JOIN ticket_messages m ON m.ticket_id = t.id "
	  "WHERE m.inbound_message_id = ? ORDER BY m.id LIMIT 1",
	  0 }, /* ROUTE_SQL_ROUTED */
	{ ROUTE_TICKET_SELECT "WHERE t.id = ?", 0 }, /* ROUTE_SQL_TICKET */
	{ ROUTE_TICKET_SELECT "WHERE t.number = ?",
	  0 }, /* ROUTE_SQL_TICKET_BY_NUMBER */
	{ ROUTE_TICKET_SELECT "JOIN ticket_messages m ON m.ticket_id = t.id "
	  "WHERE m.message_id_sha = ? ORDER BY m.id DESC LIMIT 1",
	  0 }, /* ROUTE_SQL_TICKET_BY_MSGID */
	/*
	 * The ticket's contact, an author of one of its messages (a contact,
	 * or a sender with no record), or a contact of its customer.
	 * Parameters: ticket, address, four times.
	 */
	{ "SELECT 1 FROM tickets t JOIN contacts c ON c.id = t.contact_id "
	  "WHERE t.id = ? AND c.email = ? UNION ALL "
	  "SELECT 1 FROM ticket_messages m JOIN contacts c ON "
	  "c.id = m.author_contact_id WHERE m.ticket_id = ? AND c.email = ? "
	  "UNION ALL SELECT 1 FROM ticket_messages m WHERE m.ticket_id = ? "
	  "AND m.author_kind = 'contact' AND m.author_contact_id IS NULL "
	  "AND m.author_name = ? UNION ALL "
	  "SELECT 1 FROM tickets t JOIN contacts c ON "
	  "c.customer_id = t.customer_id WHERE t.id = ? AND c.email = ? "
	  "LIMIT 1", 0 }, /* ROUTE_SQL_PARTICIPANT */
	/* Parameters: address, customer (0: any) twice. */
	{ "SELECT id, customer_id FROM contacts WHERE email = ? "
	  "AND (? = 0 OR customer_id = ?) ORDER BY id LIMIT 1",
	  0 }, /* ROUTE_SQL_CONTACT */
	/*
	 * Two mails of a new sender at once: the second waits for the
	 * first's row and takes its id.  Parameters: name, email, customer.
	 */
	{ "INSERT INTO contacts (name, email, status, customer_id, "
	  "created_at, updated_at) VALUES (?, ?, 'active', ?, "
	  "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
	  "id = LAST_INSERT_ID(id)", 0 }, /* ROUTE_SQL_CONTACT_INSERT */
	{ "SELECT customer_id, include_subdomains FROM customer_domains "
	  "WHERE domain = ? AND verified_at IS NOT NULL",
	  0 }, /* ROUTE_SQL_DOMAIN */
	{ "UPDATE contacts SET undeliverable_at = UTC_TIMESTAMP(6) "
	  "WHERE email = ? AND undeliverable_at IS NULL",
	  0 }, /* ROUTE_SQL_UNDELIVERABLE */
	{ "SELECT 1 FROM contacts WHERE email = ? AND "
	  "undeliverable_at IS NOT NULL LIMIT 1",
	  0 }, /* ROUTE_SQL_IS_UNDELIVERABLE */
	/* Parameters: message id, its SHA-256, inbound id, author, id. */
	{ "UPDATE ticket_messages SET message_id = ?, message_id_sha = ?, "
	  "inbound_message_id = ?, author_name = COALESCE(?, author_name) "
	  "WHERE id = ?", 0 }, /* ROUTE_SQL_MESSAGE_MAIL */
	/* Affects a row only when none was sent to the address in 24 h. */
	{ "INSERT INTO mail_acknowledgements (address, sent_at) "
	  "VALUES (LOWER(?), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
	  "sent_at = IF(sent_at < UTC_TIMESTAMP(6) - INTERVAL 24 HOUR, "
	  "VALUES(sent_at), sent_at)", 0 }, /* ROUTE_SQL_ACK */
};

/* One mail being routed. */
struct route_mail {
	struct ctx		*c;
	const struct mime_mail	*m;
	uint64_t		 inbound;
	struct actor		 who;
	struct mail_route	 r;
	const char		*subject;	/* of a new ticket */
	uint64_t		 ticket;	/* written to */
	const char		*number;
	int			 acked;
};

static int
route_ticket_row(const struct db_res *res, struct mail_route_ticket *t)
{
	if (res->nrows == 0)
		return 1;
	t->id = db_get_u64(res, 0, ROUTE_TICKET_COL_ID);
	t->number = db_get(res, 0, ROUTE_TICKET_COL_NUMBER);
	t->customer_id = db_get_u64(res, 0, ROUTE_TICKET_COL_CUSTOMER_ID);
	t->closed = db_get_i64(res, 0, ROUTE_TICKET_COL_CLOSED) != 0;
	return 0;
}

static int
route_ticket(void *arg, uint64_t id, struct mail_route_ticket *t)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena, &route_sql[ROUTE_SQL_TICKET],
	    &res, db_u64(id)) == -1)
		return -1;
	return route_ticket_row(&res, t);
}

static int
route_ticket_by_number(void *arg, const char *number,
    struct mail_route_ticket *t)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena,
	    &route_sql[ROUTE_SQL_TICKET_BY_NUMBER], &res, db_str(number)) == -1)
		return -1;
	return route_ticket_row(&res, t);
}

static int
route_ticket_by_msgid(void *arg, const unsigned char *sha,
    struct mail_route_ticket *t)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena,
	    &route_sql[ROUTE_SQL_TICKET_BY_MSGID], &res,
	    db_blob(sha, SHA256_DIGEST_LENGTH)) == -1)
		return -1;
	return route_ticket_row(&res, t);
}

static int
route_participant(void *arg, uint64_t ticket, const char *addr)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena, &route_sql[ROUTE_SQL_PARTICIPANT],
	    &res, db_u64(ticket), db_str(addr), db_u64(ticket), db_str(addr),
	    db_u64(ticket), db_str(addr), db_u64(ticket), db_str(addr)) == -1)
		return -1;
	return res.nrows > 0;
}

static int
route_contact(void *arg, const char *addr, uint64_t customer,
    struct mail_route_contact *k)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena, &route_sql[ROUTE_SQL_CONTACT],
	    &res, db_str(addr), db_u64(customer), db_u64(customer)) == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	k->id = db_get_u64(&res, 0, ROUTE_CONTACT_COL_ID);
	k->customer_id = db_get_u64(&res, 0, ROUTE_CONTACT_COL_CUSTOMER_ID);
	return 0;
}

static int
route_domain(void *arg, const char *domain, uint64_t *customer, int *sub)
{
	struct route_mail	*rm = arg;
	struct db_res		 res;

	if (DB_EXEC(rm->c->db, rm->c->arena, &route_sql[ROUTE_SQL_DOMAIN],
	    &res, db_str(domain)) == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	*customer = db_get_u64(&res, 0, ROUTE_DOMAIN_COL_CUSTOMER_ID);
	*sub = db_get_i64(&res, 0, ROUTE_DOMAIN_COL_SUBDOMAINS) != 0;
	return 0;
}

/* s cut to max characters, at a UTF-8 boundary. */
static const char *
route_cut(struct arena *a, const char *s, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			return arena_strndup(a, s, i);
	return s;
}

/* M2: the sender as a new contact of the customer its domain names. */
static int
route_contact_create(struct route_mail *rm)
{
	struct ctx		*c = rm->c;
	const struct mime_mail	*m = rm->m;
	struct db_res		 res;
	const char		*name;

	name = m->from_name != NULL && *m->from_name != '\0' ?
	    m->from_name : m->from;
	name = route_cut(c->arena, name, ROUTE_NAME_MAX);
	if (DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_CONTACT_INSERT],
	    &res, db_str(name), db_str(m->from),
	    db_u64(rm->r.customer_id)) == -1)
		return -1;
	rm->r.contact_id = res.insert_id;
	if (res.affected != 1) {
		rm->r.new_contact = 0;
		return 0;
	}
	if (counts_add(c->db, c->arena, rm->r.customer_id, COUNT_CONTACTS,
	    NULL, 1) == -1 ||
	    audit_add(c->db, c->arena, &rm->who, &(struct audit_entry){
	    "contact.created", "contact", rm->r.contact_id, rm->r.customer_id,
	    NULL }) == -1)
		return -1;
	return timeline_add(c->db, c->arena, &rm->who,
	    &(struct timeline_event){ rm->r.customer_id, "contact.created",
	    arena_printf(c->arena, "Contact added from mail: %s", name),
	    "contact", rm->r.contact_id });
}

/*
 * A message on rm->ticket, tied to the mail it came from; author names
 * the sender when no contact record does.  0 or -1.
 */
static int
route_message(struct route_mail *rm, enum message_kind kind,
    uint64_t contact, const char *body, const char *author, int tie)
{
	struct ctx	*c = rm->c;
	struct outcome	 o;
	unsigned char	 sha[SHA256_DIGEST_LENGTH] = { 0 };
	const char	*mid = rm->m->message_id;

	if (author != NULL)
		author = route_cut(c->arena, author, ROUTE_NAME_MAX);
	if (ticket_message_add(c->db, c->arena, &rm->who, rm->ticket, kind,
	    contact, body, &o) == -1)
		return log_err("mailbox: message on ticket %llu: %s",
		    (unsigned long long)rm->ticket, o.message);
	if (mid != NULL)
		SHA256((const unsigned char *)mid, strlen(mid), sha);
	return DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_MESSAGE_MAIL],
	    NULL, db_str(tie ? mid : NULL), tie && mid != NULL ?
	    db_blob(sha, sizeof(sha)) : db_null(), db_id_or_null(tie ?
	    rm->inbound : 0), db_str(author), db_u64(o.id)) == -1 ? -1 : 0;
}

/* A new ticket for the mail, with the sender's message on it. */
static int
route_new(struct route_mail *rm)
{
	struct ctx		*c = rm->c;
	const struct mime_mail	*m = rm->m;
	struct mail_route	*r = &rm->r;
	struct outcome		 o;
	const char		*in[TICKET_F__MAX];

	if (r->new_contact && route_contact_create(rm) == -1)
		return -1;
	memset(in, 0, sizeof(in));
	rm->subject = route_cut(c->arena, m->subject != NULL &&
	    *m->subject != '\0' ? m->subject : "(no subject)",
	    ROUTE_SUBJECT_MAX);
	in[TICKET_F_SUBJECT] = rm->subject;
	if (r->contact_id != 0)
		in[TICKET_F_CONTACT_ID] = arena_printf(c->arena, "%llu",
		    (unsigned long long)r->contact_id);
	in[TICKET_F_SPAM] = r->spam ? "1" : "0";
	if (ticket_create(c->db, c->arena, &rm->who, &(struct ticket_new){
	    r->customer_id, "mail", TICKET_TRIAGE }, in, &o) == -1)
		return log_err("mailbox: ticket from message %llu: %s",
		    (unsigned long long)rm->inbound, o.message);
	rm->ticket = o.id;
	if (route_message(rm, MESSAGE_REPLY, r->contact_id != 0 ?
	    r->contact_id : TICKET_CONTACT_SENDER, r->body,
	    r->contact_id != 0 ? NULL : m->from, 1) == -1)
		return -1;
	if (r->link.id == 0)
		return 0;
	return route_message(rm, MESSAGE_NOTE, 0, arena_printf(c->arena,
	    r->link.closed ? "A reply to closed ticket %s." :
	    "The subject names ticket %s, but the sender is no participant "
	    "of it.", r->link.number), NULL, 0);
}

/*
 * An acknowledgement, at most once per sender per 24 h and never to an
 * address a bounce marked undeliverable.  0 or -1.
 */
static int
route_ack(struct route_mail *rm)
{
	struct ctx		*c = rm->c;
	const struct mime_mail	*m = rm->m;
	struct db_res		 res;
	const char		*irt = NULL, *subject;

	if (DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_IS_UNDELIVERABLE],
	    &res, db_str(m->from)) == -1)
		return -1;
	if (res.nrows > 0)
		return 0;
	if (DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_ACK], &res,
	    db_str(m->from)) == -1)
		return -1;
	if (res.affected == 0)
		return 0;
	if (DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_TICKET], &res,
	    db_u64(rm->ticket)) == -1 || res.nrows == 0)
		return -1;
	rm->number = db_get(&res, 0, ROUTE_TICKET_COL_NUMBER);
	if (m->message_id != NULL)
		irt = arena_printf(c->arena, "<%s>", m->message_id);
	subject = arena_printf(c->arena, "[#%s] %s", rm->number, rm->subject);
	rm->acked = 1;
	return outbox_add(c->db, c->arena, &(struct outbox_mail){
	    OUTBOX_ACKNOWLEDGEMENT, rm->ticket, 0, m->from, subject,
	    /* The sender puts OUTBOX_REPLY_MARKER above this. */
	    arena_printf(c->arena, "We have received your message and "
	    "opened ticket %s.  Reply to this mail to add to it.\n",
	    rm->number), irt, irt, 1 }, NULL, NULL);
}

/* The decision written: 0 or -1. */
static int
route_apply(struct route_mail *rm)
{
	struct mail_route	*r = &rm->r;
	const char		*from = rm->m->from;

	if (r->undeliverable != NULL && DB_EXEC(rm->c->db, rm->c->arena,
	    &route_sql[ROUTE_SQL_UNDELIVERABLE], NULL,
	    db_str(r->undeliverable)) == -1)
		return -1;
	rm->ticket = r->ticket.id;
	switch (r->action) {
	case MAIL_ROUTE_REPLY:
		return route_message(rm, MESSAGE_REPLY, r->contact_id != 0 ?
		    r->contact_id : TICKET_CONTACT_SENDER, r->body,
		    r->contact_id != 0 ? NULL : from, 1);
	case MAIL_ROUTE_NOTE:
		return route_message(rm, MESSAGE_NOTE, 0, r->body, from, 1);
	case MAIL_ROUTE_NEW:
		if (route_new(rm) == -1)
			return -1;
		return r->ack ? route_ack(rm) : 0;
	default:
		log_info("mailbox: message %llu from %s dropped: %s",
		    (unsigned long long)rm->inbound, from,
		    r->nwhy > 0 ? r->why[r->nwhy - 1] : "");
		return 0;
	}
}

static struct json_object *
route_json(const struct route_mail *rm, const char *already)
{
	const struct mail_route	*r = &rm->r;
	struct json_object	*o = json_object_new_object();
	struct json_object	*why = json_object_new_array();
	size_t			 i;

	jsonx_add_str(o, "action", already != NULL ? "already_routed" :
	    mail_route_actions[r->action]);
	if (rm->ticket != 0) {
		jsonx_add_u64(o, "ticket_id", rm->ticket);
		jsonx_add_str(o, "ticket_number", already != NULL ? already :
		    rm->number != NULL ? rm->number : r->ticket.number);
	}
	if (r->customer_id != 0)
		jsonx_add_u64(o, "customer_id", r->customer_id);
	if (r->contact_id != 0)
		jsonx_add_u64(o, "contact_id", r->contact_id);
	jsonx_add_bool(o, "contact_created", r->new_contact);
	jsonx_add_str(o, "thread", r->thread);
	jsonx_add_str(o, "identity", r->identity);
	jsonx_add_str(o, "authentication", r->auth);
	jsonx_add_str(o, "undeliverable", r->undeliverable);
	jsonx_add_bool(o, "spam", r->spam);
	jsonx_add_bool(o, "acknowledged", rm->acked);
	if (r->link.id != 0)
		jsonx_add_str(o, "linked_ticket", r->link.number);
	for (i = 0; i < r->nwhy; i++)
		json_object_array_add(why, json_object_new_string(r->why[i]));
	json_object_object_add(o, "why", why);
	return o;
}

/*
 * Routes parsed mail inbound (raw: its bytes) in the caller's
 * transaction and adds "route" to result.  A mail already on a ticket
 * (reprocessed) is not written again.  0, or -1 (roll back).
 */
int
mailbox_route(struct ctx *c, uint64_t inbound, const struct mime_mail *m,
    enum mail_class cls, const char *raw, size_t len,
    struct json_object *result)
{
	struct route_mail	 rm;
	struct mail_route_env	 env;
	struct db_res		 res;

	memset(&rm, 0, sizeof(rm));
	rm.c = c;
	rm.m = m;
	rm.inbound = inbound;
	rm.who = (struct actor){ ACTOR_SERVICE, 0, "mail-gateway",
	    c->actor.addr };
	if (DB_EXEC(c->db, c->arena, &route_sql[ROUTE_SQL_ROUTED], &res,
	    db_u64(inbound)) == -1)
		return -1;
	if (res.nrows > 0) {
		rm.ticket = db_get_u64(&res, 0, ROUTE_TICKET_COL_ID);
		json_object_object_add(result, "route", route_json(&rm,
		    db_get(&res, 0, ROUTE_TICKET_COL_NUMBER)));
		return 0;
	}
	memset(&env, 0, sizeof(env));
	env.arg = &rm;
	env.secret = conf_get(MSGID_SECRET_CONF, NULL);
	env.authserv_id = conf_get(MAILBOX_AUTHSERV_CONF, NULL);
	env.our_from = conf_get(MAILBOX_FROM_CONF, NULL);
	env.our_domain = outbox_domain();
	env.ticket = route_ticket;
	env.ticket_by_number = route_ticket_by_number;
	env.ticket_by_msgid = route_ticket_by_msgid;
	env.participant = route_participant;
	env.contact = route_contact;
	env.domain = route_domain;
	if (mail_route(c->arena, m, cls, raw, len, &env, &rm.r) == -1 ||
	    route_apply(&rm) == -1)
		return -1;
	json_object_object_add(result, "route", route_json(&rm, NULL));
	return 0;
}
