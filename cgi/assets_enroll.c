/*
 * D7: installer tokens and enrolment.  A token is made for one customer,
 * shown once in the reply that creates it and stored as its SHA-256
 * only.  POST /api/v1/enroll is public: the token is the credential (nginx
 * rate-limits the path per address), and the device it registers belongs
 * to the token's customer.  The token is the actor of the audit rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "arena.h"
#include "audit.h"
#include "b64url.h"
#include "db.h"
#include "dispatch.h"
#include "jsonx.h"
#include "log.h"
#include "outcome.h"
#include "page.h"
#include "record.h"

#include "assets.h"

#define TOKEN_PREFIX	"mhi_"	/* tells a leaked token apart */
#define TOKEN_TEXT_MAX	100

const struct field_spec token_fields[TOKEN_F__MAX] = {
	{ "label", FIELD_TEXT, 0, 1, 200, NULL },		/* TOKEN_F_LABEL */
	{ "expires_in_days", FIELD_INT, 0, 1, TOKEN_DAYS_MAX, NULL }, /* TOKEN_F_EXPIRES_IN_DAYS */
};

const struct field_spec enroll_fields[ENROLL_F__MAX] = {
	{ "token", FIELD_TEXT, FIELD_NOTRIM, 1, TOKEN_TEXT_MAX, NULL }, /* ENROLL_F_TOKEN */
	DEVICE_SPEC_NAME,		/* ENROLL_F_NAME */
	DEVICE_SPEC_MACHINE_NAME,	/* ENROLL_F_MACHINE_NAME */
	DEVICE_SPEC_TYPE,		/* ENROLL_F_TYPE */
	DEVICE_SPEC_OS_NAME,		/* ENROLL_F_OS_NAME */
	DEVICE_SPEC_OS_VERSION,		/* ENROLL_F_OS_VERSION */
	DEVICE_SPEC_IP_ADDRESSES,	/* ENROLL_F_IP_ADDRESSES */
	DEVICE_SPEC_SERIAL_NUMBER,	/* ENROLL_F_SERIAL_NUMBER */
	DEVICE_SPEC_LAST_USER,		/* ENROLL_F_LAST_USER */
	DEVICE_SPEC_AGENT_VERSION,	/* ENROLL_F_AGENT_VERSION */
};

/* The device field each enrolment field fills (ENROLL_F_TOKEN: none). */
static const enum device_field enroll_device[ENROLL_F__MAX] = {
	DEVICE_F__MAX,			/* ENROLL_F_TOKEN */
	DEVICE_F_NAME,			/* ENROLL_F_NAME */
	DEVICE_F_MACHINE_NAME,		/* ENROLL_F_MACHINE_NAME */
	DEVICE_F_TYPE,			/* ENROLL_F_TYPE */
	DEVICE_F_OS_NAME,		/* ENROLL_F_OS_NAME */
	DEVICE_F_OS_VERSION,		/* ENROLL_F_OS_VERSION */
	DEVICE_F_IP_ADDRESSES,		/* ENROLL_F_IP_ADDRESSES */
	DEVICE_F_SERIAL_NUMBER,		/* ENROLL_F_SERIAL_NUMBER */
	DEVICE_F_LAST_USER,		/* ENROLL_F_LAST_USER */
	DEVICE_F_AGENT_VERSION,		/* ENROLL_F_AGENT_VERSION */
};

static struct json_object *
token_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, r, TOKEN_COL_ID));
	jsonx_add_u64(o, "customer_id", db_get_u64(res, r,
	    TOKEN_COL_CUSTOMER_ID));
	jsonx_add_str(o, "label", db_get(res, r, TOKEN_COL_LABEL));
	jsonx_add_str(o, "status", db_get(res, r, TOKEN_COL_STATUS));
	jsonx_add_str(o, "expires_at", db_get(res, r, TOKEN_COL_EXPIRES_AT));
	jsonx_add_str(o, "revoked_at", db_get(res, r, TOKEN_COL_REVOKED_AT));
	jsonx_add_str(o, "last_used_at", db_get(res, r,
	    TOKEN_COL_LAST_USED_AT));
	jsonx_add_u64(o, "uses", db_get_u64(res, r, TOKEN_COL_USES));
	jsonx_add_str(o, "created_at", db_get(res, r, TOKEN_COL_CREATED_AT));
	return o;
}

/* Newest first, never a secret.  200, 400, 401, 404, 503 */
int
tokens_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[PAGE_Q_LIMIT], &q[PAGE_Q_AFTER], 0,
	    &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_LIST], &res,
	    db_u64(c->customer.id), db_id_or_null(p.after_id),
	    db_id_or_null(p.after_id), db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, token_json(&res, i));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, TOKEN_COL_ID);
}

/* The token's row of this customer: 0, 404 with its reply, or -1. */
static int
token_get(struct ctx *c, uint64_t id, struct db_res *res)
{
	if (DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_GET], res,
	    db_u64(id), db_u64(c->customer.id)) == -1)
		return -1;
	return res->nrows == 0 ? ctx_not_found(c, "installer token") : 0;
}

static int
tokens_create_tx(struct ctx *c, void *arg)
{
	const char		*secret = arg;
	unsigned char		 hash[SHA256_DIGEST_LENGTH];
	struct json_object	*ch = jsonx_object(c->arena), *o;
	const char		*label = c->in[TOKEN_F_LABEL].s;
	struct db_res		 res;
	int			 rc;

	SHA256((const unsigned char *)secret, strlen(secret), hash);
	if (DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_INSERT], &res,
	    db_u64(c->customer.id), db_str(label), db_blob(hash, sizeof(hash)),
	    db_i64(c->in[TOKEN_F_EXPIRES_IN_DAYS].present ?
	    c->in[TOKEN_F_EXPIRES_IN_DAYS].i : TOKEN_DAYS_DEFAULT),
	    db_id_or_null(c->actor.kind == ACTOR_USER ? c->actor.id : 0)) == -1)
		return -1;
	audit_change(ch, "label", NULL, json_object_new_string(label));
	if (assets_event(c, "installer_token.created", "installer_token",
	    c->customer.id, res.insert_id, arena_printf(c->arena,
	    "Installer token created: %s", label), ch) == -1)
		return -1;
	if ((rc = token_get(c, res.insert_id, &res)) != 0)
		return rc;
	o = token_json(&res, 0);
	jsonx_add_str(o, "token", secret);
	resp_header(&c->resp, "Location", arena_printf(c->arena,
	    "/api/v1/customers/%llu/installer-tokens/%llu",
	    (unsigned long long)c->customer.id,
	    (unsigned long long)db_get_u64(&res, 0, TOKEN_COL_ID)));
	return ctx_data(c, 201, o);
}

/*
 * D7: the 256-bit token is in this reply only.  It is never stored, so
 * the reply is not either: an Idempotency-Key is refused.
 * 201, 400, 401, 403, 404, 413, 415, 503
 */
int
tokens_create(struct ctx *c)
{
	unsigned char	 raw[TOKEN_BYTES];
	char		 text[sizeof(TOKEN_PREFIX) + B64URL_LEN(TOKEN_BYTES)];

	if (c->idem.key != NULL)
		return resp_error(&c->resp, c->arena, 400,
		    "invalid_idempotency_key", "An installer token is shown "
		    "once: its creation is never replayed",
		    IDEMPOTENCY_HEADER);
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		log_err("tokens_create: getrandom failed");
		return ctx_db_error(c);
	}
	memcpy(text, TOKEN_PREFIX, sizeof(TOKEN_PREFIX) - 1);
	b64url_encode(text + sizeof(TOKEN_PREFIX) - 1, raw, sizeof(raw));
	return ctx_tx(c, tokens_create_tx, arena_strdup(c->arena, text));
}

static int
tokens_revoke_tx(struct ctx *c, void *arg)
{
	const int	*deleted = arg;
	struct db_res	 res;
	int		 rc;

	if ((rc = token_get(c, c->ids[1], &res)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_REVOKE], &res,
	    db_u64(c->ids[1]), db_u64(c->customer.id)) == -1)
		return -1;
	/* Revoking a revoked token changes nothing and says so nowhere. */
	if (res.affected > 0 && assets_event(c, "installer_token.revoked",
	    "installer_token", c->customer.id, c->ids[1],
	    "Installer token revoked", NULL) == -1)
		return -1;
	if (*deleted)
		return resp_empty(&c->resp, 204);
	if ((rc = token_get(c, c->ids[1], &res)) != 0)
		return rc;
	return ctx_data(c, 200, token_json(&res, 0));
}

/* POST .../revoke: 200, 401, 403, 404, 503 */
int
tokens_revoke(struct ctx *c)
{
	static const int	deleted = 0;

	return ctx_tx(c, tokens_revoke_tx, (void *)&deleted);
}

/* DELETE revokes; the row stays for the audit.  204, 401, 403, 404, 503 */
int
tokens_delete(struct ctx *c)
{
	static const int	deleted = 1;

	return ctx_tx(c, tokens_revoke_tx, (void *)&deleted);
}

/*
 * The token sent, locked, so that enrolments with one token take turns:
 * 0 with res its row, 401 when it is unknown, revoked or expired, or -1.
 */
static int
enroll_token(struct ctx *c, struct db_res *res)
{
	const char	*token = c->in[ENROLL_F_TOKEN].s;
	unsigned char	 hash[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)token, strlen(token), hash);
	if (DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_FIND], res,
	    db_blob(hash, sizeof(hash))) == -1)
		return -1;
	if (res->nrows == 0 ||
	    strcmp(db_get(res, 0, TOKEN_COL_STATUS), "active") != 0)
		return ctx_error(c, 401, "invalid_token",
		    "The installer token is unknown, revoked or expired");
	return 0;
}

static int
enroll_tx(struct ctx *c, void *arg)
{
	struct field_value	*in;
	struct db_res		 tok, dev;
	struct outcome		 o;
	uint64_t		 token, id;
	size_t			 i;
	int			 rc;

	if ((rc = enroll_token(c, &tok)) != 0)
		return rc;
	token = db_get_u64(&tok, 0, TOKEN_COL_ID);
	c->customer.id = db_get_u64(&tok, 0, TOKEN_COL_CUSTOMER_ID);
	c->actor.kind = ACTOR_SERVICE;
	c->actor.id = 0;
	c->actor.name = arena_printf(c->arena, "installer_token:%llu",
	    (unsigned long long)token);
	in = arena_calloc(c->arena, DEVICE_F__MAX, sizeof(*in));
	for (i = ENROLL_F_NAME; i < ENROLL_F__MAX; i++)
		in[enroll_device[i]] = c->in[i];
	/* An agent knows its host name; without one its name is that. */
	if (!in[DEVICE_F_MACHINE_NAME].present ||
	    in[DEVICE_F_MACHINE_NAME].len == 0)
		in[DEVICE_F_MACHINE_NAME] = in[DEVICE_F_NAME];
	/* A retry, or a reinstall, finds the device it registered. */
	if (DB_EXEC(c->db, c->arena, &device_sql[DEVICE_SQL_MATCH], &dev,
	    db_u64(c->customer.id), db_str(in[DEVICE_F_MACHINE_NAME].s),
	    db_str(in[DEVICE_F_SERIAL_NUMBER].s),
	    db_str(in[DEVICE_F_SERIAL_NUMBER].s)) == -1)
		return -1;
	id = dev.nrows ? db_get_u64(&dev, 0, DEVICE_COL_ID) : 0;
	if (device_save(c, dev.nrows ? record_from_row(c->arena, &dev, 0, 0,
	    DEVICE_F__MAX) : NULL, id, dev.nrows ? db_get_u64(&dev, 0,
	    DEVICE_COL_VERSION) : 0, in, &o) == -1)
		return outcome_reply(c, &o);
	if (DB_EXEC(c->db, c->arena, &device_sql[DEVICE_SQL_SEEN], NULL,
	    db_u64(token), db_str(in[DEVICE_F_LAST_USER].s),
	    db_u64(o.id)) == -1 ||
	    DB_EXEC(c->db, c->arena, &token_sql[TOKEN_SQL_USED], NULL,
	    db_u64(token)) == -1)
		return -1;
	return device_reply(c, o.created ? 201 : 200, c->customer.id, o.id);
}

/*
 * POST /api/v1/enroll: 201 registered, 200 already registered (same
 * machine name or serial at the token's customer), 400, 401 (no valid
 * token: nothing is created), 413, 415, 503
 */
int
enroll(struct ctx *c)
{
	return ctx_tx(c, enroll_tx, NULL);
}
