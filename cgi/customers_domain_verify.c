/*
 * M3 verification of a customer's mail domain: a challenge mail to a
 * role address of the domain carries a one-time link and a code, either
 * of which proves that whoever reads that mailbox agrees.  The link
 * opens html/verify-domain.html, whose button POSTs the token to the
 * public /api/v1/domain-verifications: a mail scanner that fetches the
 * link verifies nothing.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <json-c/json.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "arena.h"
#include "audit.h"
#include "b64url.h"
#include "conf.h"
#include "db.h"
#include "db_customer.h"
#include "db_domain.h"
#include "dispatch.h"
#include "idempotency.h"
#include "jsonx.h"
#include "log.h"
#include "outbox.h"

#include "customers.h"

#define TOKEN_BYTES		32	/* 256 bits: the link's secret */
#define TOKEN_TEXT_MAX		100
#define CODE_LEN		8	/* 40 bits, typed by a person */
#define CODE_INPUT_MAX		32
#define CHALLENGES_PER_DOMAIN	3	/* mails per domain name in 24 h */
#define CHALLENGES_PER_CUSTOMER	10	/* mails per customer in 24 h */
#define PUBLIC_URL_CONF		"MSPHUB_PUBLIC_URL"
#define PUBLIC_URL_MAX		200

/* Crockford's base 32: no I, L, O, U to misread. */
static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * The role addresses a challenge may go to: those the CA/Browser Forum
 * accepts for domain validation (Baseline Requirements 3.2.2.4.4), which
 * a mail provider does not hand to an ordinary user.  abuse@, info@ or
 * it@ are often a person's or a shared team's mailbox, so not here.
 */
static const char *const role_addresses[] = {
	"postmaster", "hostmaster", "webmaster", "admin", "administrator",
	NULL
};

const struct field_spec challenge_fields[1] = {
	{ "address", FIELD_ENUM, 0, 0, 0, role_addresses },
};

const struct field_spec verify_fields[1] = {
	{ "code", FIELD_TEXT, 0, 1, CODE_INPUT_MAX, NULL },
};

const struct field_spec verification_fields[VERIFICATION_F__MAX] = {
	{ "token", FIELD_TEXT, FIELD_NOTRIM, 1, TOKEN_TEXT_MAX, NULL }, /* VERIFICATION_F_TOKEN */
	{ "dry_run", FIELD_BOOL, 0, 0, 0, NULL },		/* VERIFICATION_F_DRY_RUN */
};

/* A challenge that cannot be used, and how it is answered. */
struct challenge_refusal {
	const char	*state;
	int		 status;
	const char	*code;
	const char	*message;
};

static const struct challenge_refusal challenge_refusals[] = {
	{ "used", 410, "challenge_used", "This challenge was already used" },
	{ "superseded", 410, "challenge_superseded",
	  "A newer challenge replaced this one; use the latest mail" },
	{ "expired", 410, "challenge_expired",
	  "This challenge has expired; send a new one" },
	{ "exhausted", 410, "challenge_exhausted",
	  "Too many wrong codes: this challenge is spent; send a new one" },
	{ NULL, 0, NULL, NULL },
};

/* SHA-256 of the code typed, salted with the challenge's token hash. */
static void
challenge_code_hash(const unsigned char *token_sha, const char *code,
    unsigned char *out)
{
	unsigned char	buf[SHA256_DIGEST_LENGTH + CODE_LEN];

	memcpy(buf, token_sha, SHA256_DIGEST_LENGTH);
	memcpy(buf + SHA256_DIGEST_LENGTH, code, CODE_LEN);
	SHA256(buf, sizeof(buf), out);
}

/* What a challenge mail carries, made before its transaction. */
struct challenge_new {
	const char	*address;
	char		 token[B64URL_LEN(TOKEN_BYTES) + 1];
	char		 code[CODE_LEN + 1];
	unsigned char	 token_sha[SHA256_DIGEST_LENGTH];
	unsigned char	 code_sha[SHA256_DIGEST_LENGTH];
};

static int
challenge_make(struct challenge_new *n)
{
	unsigned char	raw[TOKEN_BYTES], pick[CODE_LEN];
	size_t		i;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw) ||
	    getrandom(pick, sizeof(pick), 0) != (ssize_t)sizeof(pick)) {
		log_err("challenge_make: getrandom failed");
		return -1;
	}
	b64url_encode(n->token, raw, sizeof(raw));
	/* 256 is a multiple of 32: every code is equally likely. */
	for (i = 0; i < CODE_LEN; i++)
		n->code[i] = code_alphabet[pick[i] %
		    (sizeof(code_alphabet) - 1)];
	n->code[CODE_LEN] = '\0';
	SHA256((const unsigned char *)n->token, strlen(n->token), n->token_sha);
	challenge_code_hash(n->token_sha, n->code, n->code_sha);
	return 0;
}

/* 429 when a window of 24 hours is full: 0, 429 with Retry-After, or -1. */
static int
challenge_rate(struct ctx *c, enum domain_sql sql, struct db_arg key,
    long long max, const char *what)
{
	struct db_res	res;

	if (db_exec(c->db, c->arena, &domain_sql[sql], &key, 1, &res) == -1)
		return -1;
	if (db_get_i64(&res, 0, CHALLENGE_RATE_COUNT) < max)
		return 0;
	resp_header(&c->resp, "Retry-After",
	    db_get(&res, 0, CHALLENGE_RATE_RETRY_AFTER));
	return ctx_error(c, 429, "rate_limited", arena_printf(c->arena,
	    "At most %lld challenge mails per %s in 24 hours", max, what));
}

/* The mail: a link with the token and the code, both single-use. */
static const char *
challenge_body(struct ctx *c, const struct challenge_new *n,
    const char *domain)
{
	const char	*base = conf_get(PUBLIC_URL_CONF, NULL);

	if (base == NULL || strlen(base) > PUBLIC_URL_MAX)
		base = arena_printf(c->arena, "https://%s", outbox_domain());
	return arena_printf(c->arena,
	    "Hello,\n\n"
	    "your IT service provider asked to confirm that mail from\n"
	    "%s belongs to their customer \"%s\", so that mail from\n"
	    "this domain reaches their helpdesk as that customer's.\n\n"
	    "If you look after mail for %s and expect this, open this\n"
	    "link and press the button on the page:\n\n"
	    "  %s/verify-domain.html#%s\n\n"
	    "or give this code to the technician who asked:\n\n"
	    "  %.4s-%.4s\n\n"
	    "The link and the code work once and expire in %d hours.\n"
	    "If you did not expect this mail, ignore it: nothing changes\n"
	    "until someone confirms.\n",
	    domain, c->customer.name, domain, base, n->token, n->code,
	    n->code + 4, CHALLENGE_HOURS);
}

static int
domains_challenge_tx(struct ctx *c, void *arg)
{
	const struct challenge_new	*n = arg;
	struct json_object		*ch = jsonx_object(c->arena);
	struct db_res			 res;
	const char			*name, *to;
	uint64_t			 mail;
	int				 rc;

	/* Challenges of one customer take turns: the limits hold. */
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_LOCK_ID], &res,
	    db_u64(c->customer.id)) == -1)
		return -1;
	if ((rc = ctx_lock_child(c, &domain_sql[DOMAIN_SQL_LOCK], "domain",
	    &res)) != 0)
		return rc;
	name = db_get(&res, 0, DOMAIN_LOCK_DOMAIN);
	if (db_get_i64(&res, 0, DOMAIN_LOCK_VERIFIED) == 1)
		return ctx_error(c, 409, "already_verified",
		    "This domain is verified already");
	if ((rc = challenge_rate(c, CHALLENGE_SQL_RATE_DOMAIN, db_str(name),
	    CHALLENGES_PER_DOMAIN, "domain")) != 0 ||
	    (rc = challenge_rate(c, CHALLENGE_SQL_RATE_CUSTOMER,
	    db_u64(c->customer.id), CHALLENGES_PER_CUSTOMER, "customer")) != 0)
		return rc;
	to = arena_printf(c->arena, "%s@%s", n->address, name);
	if (DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_SUPERSEDE],
	    NULL, db_u64(c->ids[1])) == -1 ||
	    outbox_add(c->db, c->arena, &(struct outbox_mail){
	    .kind = OUTBOX_DOMAIN_CHALLENGE, .to = to,
	    .subject = arena_printf(c->arena, "Confirm the mail domain %s",
	    name), .body = challenge_body(c, n, name), .auto_submitted = 1 },
	    &mail, NULL) == -1 ||
	    DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_INSERT], NULL,
	    db_u64(c->ids[1]), db_u64(c->customer.id), db_str(name),
	    db_str(to), db_blob(n->token_sha, sizeof(n->token_sha)),
	    db_blob(n->code_sha, sizeof(n->code_sha)), db_u64(mail),
	    db_id_or_null(c->actor.kind == ACTOR_USER ? c->actor.id : 0)) == -1)
		return -1;
	audit_change(ch, "challenge_sent_to", NULL,
	    json_object_new_string(to));
	if (domain_event(c, c->customer.id, "domain.challenge_sent",
	    c->ids[1], arena_printf(c->arena, "Verification mail for %s "
	    "queued to %s", name, to), ch) == -1)
		return -1;
	return domain_reply(c, 202, c->customer.id, c->ids[1]);
}

/*
 * Queues a challenge mail to a role address (postmaster by default); a
 * newer challenge replaces the older ones.  The code is in the mail only.
 * 202, 400, 401, 403, 404, 409 (already_verified), 429, 503
 */
int
domains_challenge(struct ctx *c)
{
	struct challenge_new	*n = arena_calloc(c->arena, 1, sizeof(*n));

	n->address = c->in[0].present ? role_addresses[c->in[0].i] :
	    role_addresses[0];
	if (challenge_make(n) == -1)
		return ctx_db_error(c);
	return ctx_tx(c, domains_challenge_tx, n);
}

/* A refusal of the challenge's state: its status with the reply, or 0. */
static int
challenge_refuse(struct ctx *c, const char *state)
{
	const struct challenge_refusal	*r;

	for (r = challenge_refusals; r->state != NULL; r++)
		if (strcmp(r->state, state) == 0)
			return ctx_error(c, r->status, r->code, r->message);
	return 0;
}

/*
 * Marks the locked challenge row ch used and its domain verified, with
 * the audit row and timeline event: 0 or -1.
 */
static int
challenge_use(struct ctx *c, const struct db_res *ch, const char *via)
{
	struct json_object	*changes = jsonx_object(c->arena);
	uint64_t		 domain = db_get_u64(ch, 0,
				    CHALLENGE_COL_DOMAIN_ID);

	audit_change(changes, "verified", json_object_new_boolean(0),
	    json_object_new_boolean(1));
	audit_change(changes, "verified_via", NULL,
	    json_object_new_string(via));
	return DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_USE], NULL,
	    db_u64(db_get_u64(ch, 0, CHALLENGE_COL_ID))) == -1 ||
	    DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_VERIFY], NULL,
	    db_str(via), db_u64(domain)) == -1 ||
	    domain_event(c, db_get_u64(ch, 0, CHALLENGE_COL_CUSTOMER_ID),
	    "domain.verified", domain, arena_printf(c->arena,
	    "Mail domain verified: %s (%s sent to %s)",
	    db_get(ch, 0, CHALLENGE_COL_DOMAIN), strcmp(via, "code") == 0 ?
	    "code" : "link", db_get(ch, 0, CHALLENGE_COL_ADDRESS)),
	    changes) == -1 ? -1 : 0;
}

/* The code as typed: upper-case, no spaces or dashes, O as 0, I/L as 1. */
static int
code_canonical(const char *in, char *out)
{
	size_t	n = 0;
	char	ch;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		ch = (char)toupper((unsigned char)*in);
		ch = ch == 'O' ? '0' : ch == 'I' || ch == 'L' ? '1' : ch;
		if (n == CODE_LEN || strchr(code_alphabet, ch) == NULL ||
		    ch == '\0')
			return -1;
		out[n++] = ch;
	}
	out[n] = '\0';
	return n == CODE_LEN ? 0 : -1;
}

static int
domains_verify_tx(struct ctx *c, const char *code, int *counted)
{
	unsigned char	 hash[SHA256_DIGEST_LENGTH];
	struct db_res	 dom, ch;
	long long	 left;
	int		 rc;

	if ((rc = ctx_lock_child(c, &domain_sql[DOMAIN_SQL_LOCK], "domain",
	    &dom)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_CURRENT], &ch,
	    db_u64(c->ids[1])) == -1)
		return -1;
	if (ch.nrows == 0)
		return ctx_error(c, 409, "no_challenge",
		    "Send a challenge mail first");
	if ((rc = challenge_refuse(c, db_get(&ch, 0, CHALLENGE_COL_STATE))) !=
	    0)
		return rc;
	challenge_code_hash((const unsigned char *)db_get(&ch, 0,
	    CHALLENGE_COL_TOKEN_SHA), code, hash);
	if (db_len(&ch, 0, CHALLENGE_COL_CODE_SHA) == sizeof(hash) &&
	    CRYPTO_memcmp(hash, db_get(&ch, 0, CHALLENGE_COL_CODE_SHA),
	    sizeof(hash)) == 0) {
		if (challenge_use(c, &ch, "code") == -1)
			return -1;
		return domain_reply(c, 200, c->customer.id, c->ids[1]);
	}
	if (DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_ATTEMPT], NULL,
	    db_u64(db_get_u64(&ch, 0, CHALLENGE_COL_ID))) == -1)
		return -1;
	*counted = 1;
	left = CHALLENGE_ATTEMPTS_MAX - 1 -
	    db_get_i64(&ch, 0, CHALLENGE_COL_ATTEMPTS);
	return resp_error(&c->resp, c->arena, 400, "invalid_code", left > 0 ?
	    arena_printf(c->arena, "Wrong code; %lld attempt(s) left", left) :
	    "Wrong code; this challenge is spent, send a new one", "code");
}

/* One try of the verification; ctx_tx's, but a wrong code commits. */
struct verify_call {
	struct ctx	*c;
	const char	*code;
	int		 status;
};

static int
domains_verify_try(void *arg)
{
	struct verify_call	*v = arg;
	int			 counted = 0;

	memset(&v->c->resp, 0, sizeof(v->c->resp));
	v->c->idem.stored = 0;
	if ((v->status = domains_verify_tx(v->c, v->code, &counted)) < 0 ||
	    v->status >= 500)
		return -1;
	if (v->status < 300)
		return idempotency_store(v->c, v->status);
	return counted ? 0 : v->status;
}

/*
 * A technician types the code from the mail.  The challenge row is
 * locked, so attempts take turns, and a wrong code's count commits with
 * its 400: at most CHALLENGE_ATTEMPTS_MAX codes are ever compared.
 * 200, 400 (invalid_code), 401, 403, 404, 409 (no_challenge), 410, 503
 */
int
domains_verify(struct ctx *c)
{
	char			*code = arena_calloc(c->arena, 1,
				    CODE_INPUT_MAX + 1);
	struct verify_call	 v = { c, code, 0 };
	int			 rc;

	if (code_canonical(c->in[0].s, code) == -1)
		return resp_error(&c->resp, c->arena, 400, "invalid_code",
		    "A code is 8 letters and digits, like ABCD-1234", "code");
	if ((rc = db_tx(c->db, domains_verify_try, &v)) == 0)
		return v.status;
	if (rc > 0)
		return rc;
	if ((rc = idempotency_replay(c)) != 0)
		return rc;
	memset(&c->resp, 0, sizeof(c->resp));
	return ctx_db_error(c);
}

/* What a token is for, as the public page shows it. */
static int
verification_reply(struct ctx *c, const struct db_res *ch, const char *state)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_str(o, "domain", db_get(ch, 0, CHALLENGE_COL_DOMAIN));
	jsonx_add_str(o, "address", db_get(ch, 0, CHALLENGE_COL_ADDRESS));
	jsonx_add_str(o, "expires_at", db_get(ch, 0, CHALLENGE_COL_EXPIRES_AT));
	jsonx_add_str(o, "state", state);
	return ctx_data(c, 200, o);
}

static int
verification_tx(struct ctx *c, void *arg)
{
	const char		*token = c->in[VERIFICATION_F_TOKEN].s;
	unsigned char		 hash[SHA256_DIGEST_LENGTH];
	struct db_res		 ch, dom;
	const char		*state;
	const struct field_value *dry = &c->in[VERIFICATION_F_DRY_RUN];
	int			 rc;

	SHA256((const unsigned char *)token, strlen(token), hash);
	if (DB_EXEC(c->db, c->arena, &domain_sql[CHALLENGE_SQL_BY_TOKEN], &ch,
	    db_blob(hash, sizeof(hash))) == -1)
		return -1;
	if (ch.nrows == 0 || CRYPTO_memcmp(hash, db_get(&ch, 0,
	    CHALLENGE_COL_TOKEN_SHA), sizeof(hash)) != 0)
		return ctx_error(c, 404, "unknown_token",
		    "This verification link is not valid");
	state = db_get(&ch, 0, CHALLENGE_COL_STATE);
	if (db_is_null(&ch, 0, CHALLENGE_COL_DOMAIN_ID))
		state = "removed";
	if (dry->present && dry->i == 1)
		return verification_reply(c, &ch, state);
	if (strcmp(state, "removed") == 0)
		return ctx_error(c, 410, "domain_removed",
		    "The domain was removed from the customer");
	if ((rc = challenge_refuse(c, state)) != 0)
		return rc;
	c->actor.kind = ACTOR_SERVICE;
	c->actor.id = 0;
	c->actor.name = arena_printf(c->arena, "domain_challenge:%llu",
	    (unsigned long long)db_get_u64(&ch, 0, CHALLENGE_COL_ID));
	if (DB_EXEC(c->db, c->arena, &domain_sql[DOMAIN_SQL_LOCK], &dom,
	    db_u64(db_get_u64(&ch, 0, CHALLENGE_COL_DOMAIN_ID)),
	    db_u64(db_get_u64(&ch, 0, CHALLENGE_COL_CUSTOMER_ID))) == -1 ||
	    challenge_use(c, &ch, "link") == -1)
		return -1;
	return verification_reply(c, &ch, "verified");
}

/*
 * POST /api/v1/domain-verifications {"token"}: public, the token is the
 * credential.  With dry_run it only says what the token is for (the
 * page shows it before the button).  Never by GET.
 * 200, 400, 404 (unknown_token), 410, 413, 415, 503
 */
int
domain_verifications(struct ctx *c)
{
	return ctx_tx(c, verification_tx, NULL);
}
