/*
 * libFuzzer harness for the whole ingest path without a database:
 * lib/mime.c's parse, mail_classify, then mail_route over stub lookups
 * whose answers follow from their arguments.  A decision is one of the
 * actions, gives a reason and UTF-8 text, and keeps M5's rules:
 * automatic mail never opens a ticket, only new tickets are
 * acknowledged, only a verified domain creates a contact.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "field.h"
#include "mail_classify.h"
#include "mail_route.h"
#include "mime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*arena;

static int
stub_ticket(void *arg, uint64_t id, struct mail_route_ticket *t)
{
	(void)arg;
	if (id % 7 == 0)
		return 1;
	t->id = id;
	t->number = "T-1042";
	t->customer_id = id % 5;
	t->closed = id % 3 == 0;
	return 0;
}

static int
stub_ticket_by_number(void *arg, const char *number,
    struct mail_route_ticket *t)
{
	return stub_ticket(arg, strlen(number), t);
}

static int
stub_ticket_by_msgid(void *arg, const unsigned char *sha,
    struct mail_route_ticket *t)
{
	return sha[0] & 1 ? 1 : stub_ticket(arg, sha[1] + 1, t);
}

static int
stub_participant(void *arg, uint64_t ticket, const char *addr)
{
	(void)arg;
	return (strlen(addr) + ticket) % 2;
}

static int
stub_contact(void *arg, const char *addr, uint64_t customer,
    struct mail_route_contact *k)
{
	(void)arg;
	if (addr[0] & 1)
		return 1;
	k->id = (unsigned char)addr[0];
	k->customer_id = customer != 0 ? customer : 1;
	return 0;
}

static int
stub_domain(void *arg, const char *domain, uint64_t *customer, int *sub)
{
	(void)arg;
	if (strlen(domain) % 3 != 0)
		return 1;
	*customer = strlen(domain);
	*sub = strlen(domain) % 2;
	return 0;
}

/* Our IDs in the corpus are signed with the unit tests' secret. */
static const struct mail_route_env stub = {
	NULL, "golden-secret", "mx.test.msphub", "help@msp.example",
	"msp.example", stub_ticket, stub_ticket_by_number,
	stub_ticket_by_msgid, stub_participant, stub_contact, stub_domain
};

static void
check(const struct mail_route *r, enum mail_class cls)
{
	if ((unsigned)r->action >= MAIL_ROUTE__MAX || r->nwhy == 0 ||
	    r->nwhy > MAIL_ROUTE_WHY_MAX || r->body == NULL ||
	    !field_utf8_valid(r->body, strlen(r->body)))
		abort();
	if ((r->action == MAIL_ROUTE_REPLY || r->action == MAIL_ROUTE_NOTE) !=
	    (r->ticket.id != 0))
		abort();
	if (cls != MAIL_CLASS_NORMAL && r->action != MAIL_ROUTE_DROP &&
	    r->action != MAIL_ROUTE_NOTE)
		abort();
	if (r->ack && (r->action != MAIL_ROUTE_NEW || r->spam))
		abort();
	if (r->new_contact && (r->customer_id == 0 || r->auth == NULL))
		abort();
	if (r->undeliverable != NULL && (cls != MAIL_CLASS_BOUNCE ||
	    strchr(r->undeliverable, '@') == NULL))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_mail	 m;
	struct mail_route	 r;
	enum mail_class		 cls;
	const char		*err;

	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	if (mime_parse(arena, (const char *)data, size, &m, &err) == 0) {
		cls = mail_classify(&m);
		if (mail_route(arena, &m, cls, (const char *)data, size, &stub,
		    &r) != 0)
			abort();
		check(&r, cls);
	}
	arena_reset(arena);
	return 0;
}
