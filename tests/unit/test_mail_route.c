/*
 * Unit tests for lib/mail_route.c: every golden message in
 * tests/data/mail parsed, classified and routed against a fixed world of
 * lookups, with the decision it must come to.
 *
 * The world: customer 1 owns acme.example (and its subdomains),
 * customer 2 mail.acme.example (and its subdomains), customer 3
 * xn--bcher-kva.example; alice (contact 7) and bob (contact 8) are
 * customer 1's contacts; ticket 42 (T-1042, customer 1) is open and holds
 * a message stored as <stored-1@acme.example>; ticket 43 (T-1043) is
 * closed.  Our IDs in the goldens are signed with "golden-secret".
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <check.h>
#include <openssl/sha.h>

#include "unit.h"
#include "unit_arena.h"

#include "arena.h"
#include "mail_classify.h"
#include "mail_route.h"
#include "mime.h"
#include "msgid.h"

#define PARSE_FAILS	MAIL_ROUTE__MAX

struct world_ticket {
	uint64_t	 id;
	const char	*number;
	uint64_t	 customer;
	int		 closed;
};

static const struct world_ticket world_tickets[] = {
	{ 42, "T-1042", 1, 0 },
	{ 43, "T-1043", 1, 1 },
};

struct world_contact {
	const char	*email;
	uint64_t	 id;
	uint64_t	 customer;
};

static const struct world_contact world_contacts[] = {
	{ "alice@acme.example", 7, 1 },
	{ "bob@acme.example", 8, 1 },
};

struct world_domain {
	const char	*domain;
	uint64_t	 customer;
	int		 sub;
};

static const struct world_domain world_domains[] = {
	{ "acme.example", 1, 1 },
	{ "mail.acme.example", 2, 1 },
	{ "xn--bcher-kva.example", 3, 0 },
};

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

static int
world_ticket_out(const struct world_ticket *w, struct mail_route_ticket *t)
{
	t->id = w->id;
	t->number = w->number;
	t->customer_id = w->customer;
	t->closed = w->closed;
	return 0;
}

static int
world_ticket(void *arg, uint64_t id, struct mail_route_ticket *t)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < NELEM(world_tickets); i++)
		if (world_tickets[i].id == id)
			return world_ticket_out(&world_tickets[i], t);
	return 1;
}

static int
world_ticket_by_number(void *arg, const char *number,
    struct mail_route_ticket *t)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < NELEM(world_tickets); i++)
		if (strcmp(world_tickets[i].number, number) == 0)
			return world_ticket_out(&world_tickets[i], t);
	return 1;
}

static int
world_ticket_by_msgid(void *arg, const unsigned char *sha,
    struct mail_route_ticket *t)
{
	static const char	 stored[] = "stored-1@acme.example";
	unsigned char		 want[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)stored, strlen(stored), want);
	if (memcmp(sha, want, sizeof(want)) != 0)
		return world_ticket(arg, 0, t);
	return world_ticket(arg, 42, t);
}

static int
world_contact(void *arg, const char *addr, uint64_t customer,
    struct mail_route_contact *k)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < NELEM(world_contacts); i++)
		if (strcasecmp(world_contacts[i].email, addr) == 0 &&
		    (customer == 0 || customer == world_contacts[i].customer)) {
			k->id = world_contacts[i].id;
			k->customer_id = world_contacts[i].customer;
			return 0;
		}
	return 1;
}

/* Participants of a ticket: the contacts of its customer. */
static int
world_participant(void *arg, uint64_t ticket, const char *addr)
{
	struct mail_route_ticket	t;
	struct mail_route_contact	k;

	if (world_ticket(arg, ticket, &t) != 0)
		return 0;
	return world_contact(arg, addr, t.customer_id, &k) == 0;
}

static int
world_domain(void *arg, const char *domain, uint64_t *customer, int *sub)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < NELEM(world_domains); i++)
		if (strcmp(world_domains[i].domain, domain) == 0) {
			*customer = world_domains[i].customer;
			*sub = world_domains[i].sub;
			return 0;
		}
	return 1;
}

static const struct mail_route_env world = {
	NULL, "golden-secret", "mx.test.msphub", "help@msp.example",
	"msp.example", world_ticket, world_ticket_by_number,
	world_ticket_by_msgid, world_participant, world_contact, world_domain
};

/* One golden message and its decision; NULL strings are not checked. */
struct golden {
	const char		*file;
	unsigned		 action;	/* PARSE_FAILS: no decision */
	uint64_t		 ticket;	/* REPLY, NOTE */
	uint64_t		 customer;	/* NEW */
	uint64_t		 contact;
	int			 new_contact;
	const char		*thread;
	const char		*identity;
	const char		*auth;
	const char		*link;
	const char		*undeliverable;
	int			 spam;
	int			 ack;
	const char		*text;		/* in the body */
	const char		*not_text;	/* not in the body */
};

#define DROP	MAIL_ROUTE_DROP
#define REPLY	MAIL_ROUTE_REPLY
#define NOTE	MAIL_ROUTE_NOTE
#define NEW	MAIL_ROUTE_NEW

static const struct golden goldens[] = {
	/* M2: identity. */
	{ "plain.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL, NULL,
	    0, 1, "jammed", NULL },
	{ "known-contact.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "route-dmarc-pass.eml", NEW, 0, 1, 0, 1, NULL, "domain", "dmarc",
	    NULL, NULL, 0, 1, "VPN", NULL },
	{ "route-dkim-aligned.eml", NEW, 0, 1, 0, 1, NULL, "domain", "dkim",
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "route-spf-aligned.eml", NEW, 0, 1, 0, 1, NULL, "domain", "spf",
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "subdomain-longest.eml", NEW, 0, 2, 0, 1, NULL, "domain", "dmarc",
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "idn-domain.eml", NEW, 0, 3, 0, 1, NULL, "domain", "dmarc", NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "route-dkim-unaligned.eml", NEW, 0, 0, 0, 0, NULL, "unassigned",
	    NULL, NULL, NULL, 0, 1, NULL, NULL },
	{ "spoofed-no-auth.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "spoofed-foreign-authserv.eml", NEW, 0, 0, 0, 0, NULL,
	    "unassigned", NULL, NULL, NULL, 0, 1, NULL, NULL },
	{ "spoofed-second-ar.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "spoofed-comment-pass.eml", NEW, 0, 0, 0, 0, NULL, "unassigned",
	    NULL, NULL, NULL, 0, 1, NULL, NULL },
	{ "reply-to-not-identity.eml", NEW, 0, 0, 0, 0, NULL, "unassigned",
	    NULL, NULL, NULL, 0, 1, NULL, NULL },
	{ "auto-submitted-no.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "from-no-domain.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "long-address.eml", NEW, 0, 1, 0, 0, NULL, "domain", "dmarc", NULL,
	    NULL, 0, 0, NULL, NULL },
	{ "noreply-sender.eml", NEW, 0, 1, 0, 1, NULL, "domain", "dmarc",
	    NULL, NULL, 0, 0, NULL, NULL },
	{ "spam-flag.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL, NULL,
	    NULL, 1, 0, NULL, NULL },
	/* M4: threading. */
	{ "reply-in-reply-to-no-tag.eml", REPLY, 42, 0, 7, 0,
	    "our_message_id", NULL, NULL, NULL, NULL, 0, 0, "jammed again",
	    NULL },
	{ "reply-references-only.eml", REPLY, 42, 0, 8, 0, "our_message_id",
	    NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "reply-stored-msgid.eml", REPLY, 42, 0, 7, 0, "stored_message_id",
	    NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "tag-participant.eml", REPLY, 42, 0, 7, 0, "subject_tag", NULL,
	    NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "tag-stranger.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    "T-1042", NULL, 0, 1, NULL, NULL },
	{ "reply-closed.eml", NEW, 0, 1, 7, 0, "our_message_id", "contact",
	    NULL, "T-1043", NULL, 0, 1, NULL, NULL },
	{ "forged-msgid.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "reply-threading.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "marker-reply.eml", REPLY, 42, 0, 7, 0, "our_message_id", NULL,
	    NULL, NULL, NULL, 0, 0, "Yes, that fixed it.", "wrote:" },
	/* M5: consequences. */
	{ "own-mail-back.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
	{ "own-from-auto.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
	{ "dsn.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    "gone@acme.example", 0, 0, NULL, NULL },
	{ "dsn-our-msgid.eml", NOTE, 42, 0, 0, 0, "bounced_message_id", NULL,
	    NULL, NULL, "Gone@acme.example", 0, 0, "could not be delivered",
	    NULL },
	{ "x-failed-recipients.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL,
	    NULL, "gone@acme.example", 0, 0, NULL, NULL },
	{ "exchange-oof.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL,
	    0, 0, NULL, NULL },
	{ "oof-threaded.eml", NOTE, 42, 0, 0, 0, "our_message_id", NULL,
	    NULL, NULL, NULL, 0, 0, "out of the office", NULL },
	{ "rfc3834-auto-reply.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
	{ "list-mail.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, 0,
	    0, NULL, NULL },
	{ "precedence-bulk.eml", DROP, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
	/* Parsing edge cases still become tickets. */
	{ "shift-jis.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL, NULL,
	    NULL, 0, 1, "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1"
	    "\xe3\x81\xaf", NULL },
	{ "bad-qp.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL, NULL,
	    0, 1, "Caf\xc3\xa9", NULL },
	{ "apple-mail-images.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL,
	    NULL, NULL, 0, 1, "First the error:", NULL },
	/* A stranger at a domain without our A-R pass; both text parts
	 * around the image are kept. */
	{ "attach-apple-mail.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL,
	    NULL, NULL, 0, 1, "and then it freezes", NULL },
	{ "bad-base64.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "empty-body.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "folded-encoded-subject.eml", NEW, 0, 0, 0, 0, NULL, "unassigned",
	    NULL, NULL, NULL, 0, 1, NULL, NULL },
	{ "forwarded.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "html-only.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "iso-2022-jp.eml", NEW, 0, 0, 0, 0, NULL, "unassigned", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "missing-boundary.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "nested-multipart.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "rfc2231-filename.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL,
	    NULL, NULL, 0, 1, NULL, NULL },
	{ "windows-1252.eml", NEW, 0, 1, 7, 0, NULL, "contact", NULL, NULL,
	    NULL, 0, 1, NULL, NULL },
	{ "no-from.eml", PARSE_FAILS, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
	{ "too-deep.eml", PARSE_FAILS, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	    NULL, 0, 0, NULL, NULL },
};

static void
check_str(const char *file, const char *what, const char *want,
    const char *got)
{
	if (want == NULL)
		return;
	ck_assert_msg(got != NULL && strcmp(want, got) == 0,
	    "%s: %s is %s, not %s", file, what, got ? got : "(null)", want);
}

START_TEST(test_goldens)
{
	const struct golden	*g = &goldens[_i];
	struct mime_mail	 m;
	struct mail_route	 r;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", g->file, &len);
	if (g->action == PARSE_FAILS) {
		ck_assert_int_eq(mime_parse(a, s, len, &m, &err), -1);
		return;
	}
	ck_assert_msg(mime_parse(a, s, len, &m, &err) == 0, "%s: %s",
	    g->file, err);
	ck_assert_int_eq(mail_route(a, &m, mail_classify(&m), s, len, &world,
	    &r), 0);
	ck_assert_msg(r.action == g->action, "%s: %s (%s)", g->file,
	    mail_route_actions[r.action], r.nwhy > 0 ? r.why[0] : "");
	ck_assert_msg(r.ticket.id == g->ticket, "%s: ticket %llu", g->file,
	    (unsigned long long)r.ticket.id);
	if (g->action == NEW)
		ck_assert_msg(r.customer_id == g->customer,
		    "%s: customer %llu (%s)", g->file,
		    (unsigned long long)r.customer_id,
		    r.nwhy > 0 ? r.why[r.nwhy - 1] : "");
	ck_assert_msg(r.contact_id == g->contact, "%s: contact %llu",
	    g->file, (unsigned long long)r.contact_id);
	ck_assert_int_eq(r.new_contact, g->new_contact);
	check_str(g->file, "thread", g->thread, r.thread);
	if (g->thread == NULL && g->link == NULL)
		ck_assert_ptr_null(r.thread);
	check_str(g->file, "identity", g->identity, r.identity);
	check_str(g->file, "auth", g->auth, r.auth);
	if (g->auth == NULL)
		ck_assert_ptr_null(r.auth);
	check_str(g->file, "link", g->link, r.link.number);
	if (g->link == NULL)
		ck_assert_uint_eq(r.link.id, 0);
	check_str(g->file, "undeliverable", g->undeliverable,
	    r.undeliverable);
	if (g->undeliverable == NULL)
		ck_assert_ptr_null(r.undeliverable);
	ck_assert_msg(r.spam == g->spam, "%s: spam %d", g->file, r.spam);
	ck_assert_msg(r.ack == g->ack, "%s: ack %d", g->file, r.ack);
	ck_assert_msg(r.nwhy > 0, "%s: no reason", g->file);
	if (g->text != NULL)
		ck_assert_msg(strstr(r.body, g->text) != NULL, "%s: body [%s]",
		    g->file, r.body);
	if (g->not_text != NULL)
		ck_assert_msg(strstr(r.body, g->not_text) == NULL,
		    "%s: body [%s]", g->file, r.body);
}
END_TEST

/* Every message in tests/data/mail has a decision above: 40 at least. */
START_TEST(test_goldens_cover)
{
	const char	*top = getenv("top_srcdir");
	struct dirent	*e;
	DIR		*d;
	size_t		 i, n = 0;

	d = opendir(arena_printf(a, "%s/tests/data/mail", top ? top : "."));
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		for (i = 0; i < NELEM(goldens); i++)
			if (strcmp(goldens[i].file, e->d_name) == 0)
				break;
		ck_assert_msg(i < NELEM(goldens), "%s has no decision",
		    e->d_name);
		n++;
	}
	closedir(d);
	ck_assert_uint_ge(n, 40);
}
END_TEST

/* file parsed and routed in env: mail_route's return. */
static int
route_file(const struct mail_route_env *env, const char *file,
    struct mail_route *r)
{
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", file, &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	return mail_route(a, &m, mail_classify(&m), s, len, env, r);
}

/* Without a configured authserv-id no header is trusted. */
START_TEST(test_no_authserv)
{
	struct mail_route_env	 env = world;
	struct mail_route	 r;

	env.authserv_id = NULL;
	ck_assert_int_eq(route_file(&env, "route-dmarc-pass.eml", &r), 0);
	ck_assert_int_eq(r.action, MAIL_ROUTE_NEW);
	ck_assert_uint_eq(r.customer_id, 0);
	ck_assert_str_eq(r.identity, "unassigned");
}
END_TEST

/* Authentication-Results as our MTA might write them, for zed@acme.example. */
static const struct {
	const char	*ar;
	const char	*auth;		/* what vouches, or NULL */
} auth_cases[] = {
	{ "mx.test.msphub; dmarc=pass header.from=acme.example", "dmarc" },
	{ "mx.test.msphub; dmarc=pass", "dmarc" },
	{ "(ours) mx.test.msphub 1; DMARC=PASS header.from=ACME.EXAMPLE",
	    "dmarc" },
	{ "mx.test.msphub; dmarc=pass header.from=evil.example", NULL },
	{ "mx.test.msphub; dmarc=pass header.from=acme.example.evil.example",
	    NULL },
	{ "mx.test.msphub; dkim=pass header.d=mail.acme.example", "dkim" },
	{ "mx.test.msphub; dkim=pass (ok) header.d=acme.example; dmarc=fail",
	    "dkim" },
	{ "mx.test.msphub; dkim=pass header.d=example", NULL },
	{ "mx.test.msphub; dkim=fail header.d=acme.example", NULL },
	{ "mx.test.msphub; dkim=pass header.i=@acme.example", NULL },
	{ "mx.test.msphub; spf=pass smtp.mailfrom=acme.example", "spf" },
	{ "mx.test.msphub; spf=pass smtp.mailfrom=b@acme.example.evil.example",
	    NULL },
	{ "mx.test.msphub; spf=softfail smtp.mailfrom=acme.example", NULL },
	{ "mx.test.msphubx; dmarc=pass header.from=acme.example", NULL },
	{ "mx.test; dmarc=pass header.from=acme.example", NULL },
	{ "mx.test.msphub; none", NULL },
	{ "mx.test.msphub; arc=pass (dmarc=pass)", NULL },
};

START_TEST(test_auth_results)
{
	struct mime_mail	 m;
	struct mail_route	 r;
	const char		*err;
	char			*s;
	size_t			 n;

	s = arena_printf(a, "Authentication-Results: %s\nFrom: "
	    "zed@acme.example\nSubject: x\n\nHello\n", auth_cases[_i].ar);
	n = strlen(s);
	ck_assert_int_eq(mime_parse(a, s, n, &m, &err), 0);
	ck_assert_int_eq(mail_route(a, &m, mail_classify(&m), s, n, &world,
	    &r), 0);
	if (auth_cases[_i].auth == NULL) {
		ck_assert_msg(r.auth == NULL && r.customer_id == 0,
		    "%s: trusted by %s", auth_cases[_i].ar, r.auth);
		ck_assert_str_eq(r.identity, "unassigned");
	} else {
		ck_assert_msg(r.auth != NULL, "%s: not trusted (%s)",
		    auth_cases[_i].ar, r.why[r.nwhy - 1]);
		ck_assert_str_eq(r.auth, auth_cases[_i].auth);
		ck_assert_uint_eq(r.customer_id, 1);
	}
}
END_TEST

/* A bounce quoting an ID as long as our longest: no overrun (ASan). */
START_TEST(test_bounce_long_id)
{
	struct mime_mail	 m;
	struct mail_route	 r;
	const char		*err;
	char			*s;
	size_t			 n;

	s = arena_printf(a, "From: MAILER-DAEMON@mx.example\n"
	    "X-Failed-Recipients: gone@acme.example\n\n<%0*d>\n",
	    MSGID_MAX - 2, 0);
	n = strlen(s);
	ck_assert_int_eq(mime_parse(a, s, n, &m, &err), 0);
	ck_assert_int_eq(mail_route(a, &m, mail_classify(&m), s, n, &world,
	    &r), 0);
	ck_assert_int_eq(r.action, MAIL_ROUTE_DROP);
	ck_assert_str_eq(r.undeliverable, "gone@acme.example");
}
END_TEST

/* The Apple Mail text parts on both sides of the images are all kept. */
START_TEST(test_apple_mail)
{
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", "apple-mail-images.eml", &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	ck_assert_ptr_nonnull(strstr(m.text, "and then the settings:"));
	ck_assert_ptr_nonnull(strstr(m.text, "Thanks, Alice"));
	ck_assert_uint_eq(m.natt, 2);
	ck_assert_str_eq(m.from_idn, "alice@acme.example");
}
END_TEST

/* A lookup that fails fails the decision. */
static int
world_fail(void *arg, const char *addr, uint64_t customer,
    struct mail_route_contact *k)
{
	(void)arg;
	(void)addr;
	(void)customer;
	(void)k;
	return -1;
}

START_TEST(test_lookup_fails)
{
	struct mail_route_env	 env = world;
	struct mail_route	 r;

	env.contact = world_fail;
	ck_assert_int_eq(route_file(&env, "plain.eml", &r), -1);
}
END_TEST

static Suite *
mail_route_suite(void)
{
	Suite	*s = suite_create("mail_route");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_loop_test(tc, test_goldens, 0, NELEM(goldens));
	tcase_add_test(tc, test_goldens_cover);
	tcase_add_test(tc, test_no_authserv);
	tcase_add_test(tc, test_apple_mail);
	tcase_add_test(tc, test_bounce_long_id);
	tcase_add_loop_test(tc, test_auth_results, 0, NELEM(auth_cases));
	tcase_add_test(tc, test_lookup_fails);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(mail_route_suite());
}
