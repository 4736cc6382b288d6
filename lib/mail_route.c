/*
 * lib/mail_route: threading first (M4: our signed Message-IDs, then any
 * stored Message-ID, then the subject tag for participants only), then
 * the sender's identity (M2: a known contact, else a verified domain
 * that our own MTA's Authentication-Results vouch for), then what the
 * class allows (M5: bounces and automatic mail never open a ticket).
 * The identity is From, never Reply-To.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include <libpsl.h>
#include <openssl/sha.h>

#include "arena.h"
#include "mail_route.h"
#include "mime.h"
#include "msgid.h"
#include "outbox.h"

#define MAIL_ROUTE_TAG		"[#T-"
#define MAIL_ROUTE_TAG_DIGITS	19
#define MAIL_ROUTE_OURS		"msphub-mail."	/* outbox's untied IDs */
#define MAIL_ROUTE_SIGNED	"<msphub."	/* lib/msgid.h's IDs */

const char *const mail_route_actions[MAIL_ROUTE__MAX] = {
	"drop",		/* MAIL_ROUTE_DROP */
	"reply",	/* MAIL_ROUTE_REPLY */
	"note",		/* MAIL_ROUTE_NOTE */
	"new",		/* MAIL_ROUTE_NEW */
};

/* Local parts that never get an acknowledgement (nor longer addresses). */
static const char *const mail_route_noreply[] = {
	"no-reply", "noreply", "no_reply", "do-not-reply", "donotreply",
	"mailer-daemon", "postmaster", NULL
};

/* Authentication-Results methods that can vouch for the From domain. */
enum mail_auth {
	MAIL_AUTH_DMARC,
	MAIL_AUTH_DKIM,
	MAIL_AUTH_SPF,
	MAIL_AUTH__MAX
};

struct mail_auth_rule {
	const char	*method;
	const char	*prop;		/* the domain it passed for */
	int		 exact;		/* prop must equal, not align */
};

static const struct mail_auth_rule mail_auth_rules[MAIL_AUTH__MAX] = {
	{ "dmarc", "header.from", 1 },		/* MAIL_AUTH_DMARC */
	{ "dkim", "header.d", 0 },		/* MAIL_AUTH_DKIM */
	{ "spf", "smtp.mailfrom", 0 },		/* MAIL_AUTH_SPF */
};

static void	mail_why(struct arena *, struct mail_route *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
mail_why(struct arena *a, struct mail_route *r, const char *fmt, ...)
{
	va_list	ap;

	if (r->nwhy >= MAIL_ROUTE_WHY_MAX)
		return;
	va_start(ap, fmt);
	r->why[r->nwhy++] = arena_vprintf(a, fmt, ap);
	va_end(ap);
}

static const psl_ctx_t *
mail_psl(void)
{
	static const psl_ctx_t	*psl;

	if (psl == NULL && (psl = psl_builtin()) == NULL)
		psl = psl_latest(NULL);
	return psl;
}

/* Relaxed alignment (RFC 7489): the same registrable domain. */
static int
mail_aligned(const char *d, const char *from)
{
	const psl_ctx_t	*psl = mail_psl();
	const char	*x, *y;

	if (strcasecmp(d, from) == 0)
		return 1;
	if (psl == NULL || (x = psl_registrable_domain(psl, d)) == NULL ||
	    (y = psl_registrable_domain(psl, from)) == NULL)
		return 0;
	return strcasecmp(x, y) == 0;
}

/* s with (comments) removed, lowercased, in a's memory. */
static char *
mail_auth_clean(struct arena *a, const char *s)
{
	char	*out = arena_alloc(a, strlen(s) + 1), *o = out;
	int	 depth = 0;

	for (; *s != '\0'; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			*o++ = (char)tolower((unsigned char)*s);
	}
	*o = '\0';
	return out;
}

/* Whether one resinfo ("dkim=pass header.d=x") vouches for from. */
static int
mail_auth_resinfo(char *ri, const char *from, enum mail_auth *which)
{
	char		*tok, *save = NULL, *v, *at;
	const char	*dom = NULL;
	size_t		 i;
	int		 pass = 0, found = -1;

	for (tok = strtok_r(ri, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		if ((v = strchr(tok, '=')) == NULL)
			continue;
		*v++ = '\0';
		if (found == -1) {
			for (i = 0; i < MAIL_AUTH__MAX; i++)
				if (strcmp(tok, mail_auth_rules[i].method) == 0)
					found = (int)i;
			if (found == -1)
				return 0;
			pass = strcmp(v, "pass") == 0;
		} else if (strcmp(tok, mail_auth_rules[found].prop) == 0)
			dom = (at = strrchr(v, '@')) != NULL ? at + 1 : v;
	}
	if (found == -1 || !pass)
		return 0;
	*which = (enum mail_auth)found;
	if (dom == NULL)
		return found == MAIL_AUTH_DMARC;
	return mail_auth_rules[found].exact ? strcasecmp(dom, from) == 0 :
	    mail_aligned(dom, from);
}

/*
 * Whether our MTA's Authentication-Results header (the topmost with our
 * authserv-id; every other one is the sender's to forge) shows a DMARC
 * pass or an aligned DKIM or SPF pass for the From domain: 1 with *auth
 * what passed, else 0.
 */
static int
mail_route_auth(struct arena *a, const struct mime_mail *m,
    const char *authserv_id, const char *from, const char **auth)
{
	char		*v, *ri, *save = NULL;
	size_t		 i, n;
	enum mail_auth	 which;

	*auth = NULL;
	if (authserv_id == NULL || *authserv_id == '\0' || from == NULL)
		return 0;
	for (i = 0; i < m->auth_results.n; i++) {
		v = mail_auth_clean(a, m->auth_results.v[i]);
		v += strspn(v, " \t\r\n");
		n = strcspn(v, "; \t\r\n");
		if (n != strlen(authserv_id) ||
		    strncasecmp(v, authserv_id, n) != 0)
			continue;
		if ((v = strchr(v, ';')) == NULL)
			return 0;
		for (ri = strtok_r(v + 1, ";", &save); ri != NULL;
		    ri = strtok_r(NULL, ";", &save))
			if (mail_auth_resinfo(ri, from, &which)) {
				*auth = mail_auth_rules[which].method;
				return 1;
			}
		return 0;
	}
	return 0;
}

/* The domain of an address, lowercased, without a final dot; or NULL. */
static const char *
mail_domain(struct arena *a, const char *addr)
{
	const char	*at;
	char		*d, *p;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL ||
	    at[1] == '\0' || strlen(at + 1) > MAIL_ROUTE_DOMAIN_MAX)
		return NULL;
	d = arena_strdup(a, at + 1);
	for (p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (p[-1] == '.')
		p[-1] = '\0';
	return *d == '\0' ? NULL : d;
}

/* Whether the mail is ours coming back: our Message-ID, or our From. */
static int
mail_ours(const struct mime_mail *m, const struct mail_route_env *env)
{
	const char	*id = m->message_id, *at;
	const char	*as = m->hdr[MIME_H_AUTO_SUBMITTED];

	if (id != NULL && env->secret != NULL &&
	    msgid_ticket(id, env->secret) != 0)
		return 1;
	if (id != NULL && env->our_domain != NULL &&
	    strncmp(id, MAIL_ROUTE_OURS, strlen(MAIL_ROUTE_OURS)) == 0 &&
	    (at = strrchr(id, '@')) != NULL &&
	    strcasecmp(at + 1, env->our_domain) == 0)
		return 1;
	return as != NULL && strncasecmp(as, "no", 2) != 0 &&
	    env->our_from != NULL && strcasecmp(m->from, env->our_from) == 0;
}

/* The ticket holding a message stored with Message-ID id. */
static int
mail_thread_stored(const char *id, const struct mail_route_env *env,
    struct mail_route *r)
{
	unsigned char	sha[SHA256_DIGEST_LENGTH];
	int		rc;

	SHA256((const unsigned char *)id, strlen(id), sha);
	if ((rc = env->ticket_by_msgid(env->arg, sha, &r->ticket)) == 0)
		r->thread = "stored_message_id";
	return rc;
}

/*
 * The ticket In-Reply-To, then References (newest first) name; 0, 1
 * (none), -1.  All signed IDs come before any stored one.
 */
static int
mail_thread_refs(const struct mime_mail *m, const struct mail_route_env *env,
    struct mail_route *r)
{
	const char	*ids[MIME_REFS_MAX + 1];
	size_t		 i, n = 0;
	uint64_t	 t;
	int		 rc;

	if (m->in_reply_to != NULL)
		ids[n++] = m->in_reply_to;
	for (i = m->references.n; i > 0 && n < MIME_REFS_MAX + 1; i--)
		ids[n++] = m->references.v[i - 1];
	for (i = 0; i < n && env->secret != NULL; i++)
		if ((t = msgid_ticket(ids[i], env->secret)) != 0 &&
		    (rc = env->ticket(env->arg, t, &r->ticket)) != 1) {
			r->thread = "our_message_id";
			return rc;
		}
	for (i = 0; i < n; i++)
		if ((rc = mail_thread_stored(ids[i], env, r)) != 1)
			return rc;
	return 1;
}

/*
 * A bounce carries the original message (or its headers), whose IDs
 * are ours: any signed ID in the raw bytes names the ticket.
 */
static int
mail_thread_raw(const char *raw, size_t len, const struct mail_route_env *env,
    struct mail_route *r)
{
	char		 one[MSGID_MAX];
	const char	*p = raw, *end = raw + len, *gt;
	uint64_t	 t;
	size_t		 tried = 0;
	int		 rc;

	while (p < end && tried < MAIL_ROUTE_RAW_IDS_MAX &&
	    (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		gt = memchr(p, '>', (size_t)(end - p) < MSGID_MAX - 1 ?
		    (size_t)(end - p) : MSGID_MAX - 1);
		if (gt == NULL) {
			p++;
			continue;
		}
		memcpy(one, p, (size_t)(gt - p) + 1);
		one[gt - p + 1] = '\0';
		p = gt + 1;
		if (strncmp(one, MAIL_ROUTE_SIGNED,
		    strlen(MAIL_ROUTE_SIGNED)) != 0)
			continue;
		tried++;
		if ((t = msgid_ticket(one, env->secret)) != 0 &&
		    (rc = env->ticket(env->arg, t, &r->ticket)) != 1) {
			r->thread = "bounced_message_id";
			return rc;
		}
	}
	return 1;
}

/* The "T-1042" of a subject's first "[#T-1042]", or NULL. */
static const char *
mail_tag(struct arena *a, const char *subject)
{
	const char	*p;
	size_t		 n;

	if (subject == NULL || (p = strstr(subject, MAIL_ROUTE_TAG)) == NULL)
		return NULL;
	p += strlen(MAIL_ROUTE_TAG);
	n = strspn(p, "0123456789");
	if (n == 0 || n > MAIL_ROUTE_TAG_DIGITS || p[n] != ']')
		return NULL;
	return arena_printf(a, "T-%.*s", (int)n, p);
}

/*
 * The subject tag threads only for a participant of the tagged ticket;
 * a stranger quoting it gets r->link set instead.  0, 1 (none), -1.
 */
static int
mail_thread_tag(struct arena *a, const struct mime_mail *m,
    const struct mail_route_env *env, struct mail_route *r)
{
	struct mail_route_ticket	 t;
	const char			*number = mail_tag(a, m->subject);
	int				 rc;

	if (number == NULL)
		return 1;
	if ((rc = env->ticket_by_number(env->arg, number, &t)) != 0)
		return rc;
	if ((rc = env->participant(env->arg, t.id, m->from)) == -1)
		return -1;
	if (rc == 1) {
		r->ticket = t;
		r->thread = "subject_tag";
		return 0;
	}
	r->link = t;
	mail_why(a, r, "the subject names %s, but the sender is no participant "
	    "of it", t.number);
	return 1;
}

/* The verified domain (longest suffix) of from; 0, 1 (none), -1. */
static int
mail_domain_customer(const struct mail_route_env *env, const char *dom,
    uint64_t *customer, const char **matched)
{
	const char	*d = dom;
	size_t		 i;
	int		 rc, sub;

	for (i = 0; i < MAIL_ROUTE_LABELS_MAX && strchr(d, '.') != NULL;
	    i++) {
		if ((rc = env->domain(env->arg, d, customer, &sub)) == -1)
			return -1;
		if (rc == 0 && (d == dom || sub)) {
			*matched = d;
			return 0;
		}
		d = strchr(d, '.') + 1;
	}
	return 1;
}

/* M2: who the sender is, for a new ticket.  0 or -1. */
static int
mail_identity(struct arena *a, const struct mime_mail *m,
    const struct mail_route_env *env, struct mail_route *r)
{
	struct mail_route_contact	 k;
	const char			*matched;
	int				 rc;

	if ((rc = env->contact(env->arg, m->from, 0, &k)) == -1)
		return -1;
	if (rc == 0) {
		r->customer_id = k.customer_id;
		r->contact_id = k.id;
		r->identity = "contact";
		mail_why(a, r, "%s is a known contact", m->from);
		return 0;
	}
	r->identity = "unassigned";
	if (r->domain == NULL) {
		mail_why(a, r, "%s has no domain", m->from);
		return 0;
	}
	if ((rc = mail_domain_customer(env, r->domain, &r->customer_id,
	    &matched)) == -1)
		return -1;
	if (rc == 1) {
		mail_why(a, r, "no verified domain matches %s", r->domain);
		return 0;
	}
	if (!mail_route_auth(a, m, env->authserv_id, r->domain, &r->auth)) {
		r->customer_id = 0;
		mail_why(a, r, "%s is verified, but our MTA's "
		    "Authentication-Results show no aligned pass for it",
		    matched);
		return 0;
	}
	r->identity = "domain";
	r->new_contact = strlen(m->from) <= MAIL_ROUTE_ADDR_MAX;
	mail_why(a, r, "%s is verified and %s passed", matched, r->auth);
	return 0;
}

/* The length of text[0..n) without its trailing white space. */
static size_t
mail_trim(const char *text, size_t n)
{
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	return n;
}

/*
 * The text above our reply marker, when the marker is there, without
 * the client's "On ... wrote:" line that introduces the quote.
 */
static const char *
mail_body(struct arena *a, const char *text)
{
	static const char	 wrote[] = "wrote:";
	const char		*p = strstr(text, OUTBOX_REPLY_MARKER);
	size_t			 n, line;

	if (p == NULL)
		return text;
	while (p > text && p[-1] != '\n')
		p--;
	n = mail_trim(text, (size_t)(p - text));
	if (n >= sizeof(wrote) - 1 && strncasecmp(text + n -
	    (sizeof(wrote) - 1), wrote, sizeof(wrote) - 1) == 0) {
		for (line = n; line > 0 && text[line - 1] != '\n'; line--)
			;
		n = mail_trim(text, line);
	}
	return n == 0 ? text : arena_strndup(a, text, n);
}

/* The value of the first line of raw starting with key, or NULL. */
static const char *
mail_raw_field(struct arena *a, const char *raw, size_t len, const char *key)
{
	const char	*p = raw, *end = raw + len, *nl;
	size_t		 k = strlen(key);

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > k && strncasecmp(p, key, k) == 0)
			return arena_strndup(a, p + k, (size_t)(nl - p) - k);
		p = nl + 1;
	}
	return NULL;
}

/* A bounce's failed address: X-Failed-Recipients, else Final-Recipient. */
static const char *
mail_failed(struct arena *a, const struct mime_mail *m, const char *raw,
    size_t len)
{
	const char	*v = m->hdr[MIME_H_X_FAILED_RECIPIENTS], *semi;
	size_t		 n;

	if (v == NULL &&
	    (v = mail_raw_field(a, raw, len, "Final-Recipient:")) != NULL &&
	    (semi = strchr(v, ';')) != NULL)
		v = semi + 1;
	if (v == NULL)
		return NULL;
	v += strspn(v, " \t<");
	n = strcspn(v, " \t,;>\r\n");
	return n == 0 || memchr(v, '@', n) == NULL ? NULL :
	    arena_strndup(a, v, n);
}

static int
mail_noreply(const struct mime_mail *m)
{
	const char	*local = m->hdr[MIME_H_FROM_LOCAL];

	return local == NULL || mime_in(mail_route_noreply, local) ||
	    strlen(m->from) > MAIL_ROUTE_ADDR_MAX;
}

/* What the thread allows a class: notes, never a new ticket. */
static void
mail_automatic(struct arena *a, enum mail_class cls, int threaded,
    struct mail_route *r)
{
	if (threaded) {
		r->action = MAIL_ROUTE_NOTE;
		mail_why(a, r, "%s mail is a note: it never reopens a ticket",
		    mail_class_names[cls]);
	} else {
		r->action = MAIL_ROUTE_DROP;
		mail_why(a, r, "%s mail threads to no ticket and never opens "
		    "one", mail_class_names[cls]);
	}
}

/*
 * Decides what becomes of parsed mail m of class cls (raw: its bytes,
 * searched for the IDs a bounce quotes).  0 with *r, or -1 when a lookup
 * failed.
 */
int
mail_route(struct arena *a, const struct mime_mail *m, enum mail_class cls,
    const char *raw, size_t len, const struct mail_route_env *env,
    struct mail_route *r)
{
	struct mail_route_contact	 k;
	const char			*flag = m->hdr[MIME_H_X_SPAM_FLAG];
	int				 rc, threaded;

	memset(r, 0, sizeof(*r));
	r->body = m->text;
	r->domain = mail_domain(a, m->from_idn != NULL ? m->from_idn :
	    m->from);
	r->spam = flag != NULL && strncasecmp(flag + strspn(flag, " \t"),
	    "yes", 3) == 0;
	if (mail_ours(m, env)) {
		r->action = MAIL_ROUTE_DROP;
		mail_why(a, r, "%s", "our own mail came back");
		return 0;
	}
	if ((rc = mail_thread_refs(m, env, r)) == 1 &&
	    cls == MAIL_CLASS_BOUNCE && env->secret != NULL)
		rc = mail_thread_raw(raw, len, env, r);
	if (rc == 1)
		rc = mail_thread_tag(a, m, env, r);
	if (rc == -1)
		return -1;
	threaded = rc == 0;
	if (threaded)
		mail_why(a, r, "threads onto %s by %s", r->ticket.number,
		    r->thread);
	if (cls == MAIL_CLASS_BOUNCE)
		r->undeliverable = mail_failed(a, m, raw, len);
	if (cls != MAIL_CLASS_NORMAL) {
		mail_automatic(a, cls, threaded, r);
		return 0;
	}
	if (threaded && r->spam) {
		r->action = MAIL_ROUTE_NOTE;
		mail_why(a, r, "%s", "marked as spam: a note, no reopening");
		return 0;
	}
	r->body = mail_body(a, m->text);
	if (threaded && !r->ticket.closed) {
		r->action = MAIL_ROUTE_REPLY;
		if (r->ticket.customer_id == 0)
			return 0;
		if ((rc = env->contact(env->arg, m->from,
		    r->ticket.customer_id, &k)) == -1)
			return -1;
		r->contact_id = rc == 0 ? k.id : 0;
		return 0;
	}
	if (threaded) {
		r->link = r->ticket;
		mail_why(a, r, "%s is closed: a new ticket", r->ticket.number);
		memset(&r->ticket, 0, sizeof(r->ticket));
	}
	r->action = MAIL_ROUTE_NEW;
	if (mail_identity(a, m, env, r) == -1)
		return -1;
	r->ack = !r->spam && !mail_noreply(m);
	if (r->spam)
		mail_why(a, r, "%s", "our MTA marked it as spam");
	return 0;
}
