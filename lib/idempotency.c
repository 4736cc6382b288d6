#include "config.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "arena.h"
#include "db.h"
#include "db_idempotency.h"
#include "dispatch.h"
#include "idempotency.h"
#include "log.h"

static int
idempotency_key_ok(const char *k)
{
	size_t	i, len = strlen(k);

	if (len == 0 || len > IDEMPOTENCY_KEY_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (k[i] < 0x21 || k[i] > 0x7e)
			return 0;
	return 1;
}

/* SHA-256 of what makes two requests the same: method, path, query, body. */
static void
idempotency_hash(const struct req *r, unsigned char *out)
{
	EVP_MD_CTX	*md = EVP_MD_CTX_new();
	size_t		 i;

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, req_method_name(r->method),
	    strlen(req_method_name(r->method)) + 1);
	EVP_DigestUpdate(md, r->path, strlen(r->path) + 1);
	for (i = 0; i < r->nparams; i++) {
		EVP_DigestUpdate(md, r->params[i].key,
		    strlen(r->params[i].key) + 1);
		EVP_DigestUpdate(md, r->params[i].value,
		    r->params[i].value_len + 1);
	}
	if (r->body != NULL)
		EVP_DigestUpdate(md, r->body, r->body_len);
	EVP_DigestFinal_ex(md, out, NULL);
	EVP_MD_CTX_free(md);
}

/* The stored reply as the reply, or 422 when the body was another. */
static int
idempotency_answer(struct ctx *c, const struct db_res *res)
{
	const char	*h = db_get(res, 0, IDEMPOTENCY_COL_HEADERS);
	const char	*body = db_get(res, 0, IDEMPOTENCY_COL_BODY);
	const char	*hash = db_get(res, 0, IDEMPOTENCY_COL_HASH);
	char		*line, *save = NULL, *colon;
	int		 status;

	if (hash == NULL || db_len(res, 0, IDEMPOTENCY_COL_HASH) !=
	    sizeof(c->idem.hash) ||
	    CRYPTO_memcmp(hash, c->idem.hash, sizeof(c->idem.hash)) != 0)
		return ctx_error(c, 422, "idempotency_key_reused",
		    "This Idempotency-Key was used for another request");
	status = (int)db_get_i64(res, 0, IDEMPOTENCY_COL_STATUS);
	memset(&c->resp, 0, sizeof(c->resp));
	if (h != NULL)
		for (line = strtok_r(arena_strdup(c->arena, h), "\n", &save);
		    line != NULL; line = strtok_r(NULL, "\n", &save))
			if ((colon = strstr(line, ": ")) != NULL) {
				*colon = '\0';
				resp_header(&c->resp, line, colon + 2);
			}
	resp_header(&c->resp, "Idempotent-Replayed", "true");
	if (body == NULL)
		return resp_empty(&c->resp, status);
	c->resp.status = status;
	c->resp.body = body;
	c->resp.body_len = strlen(body);
	return status;
}

/*
 * Looks the key up and answers with what is stored in *status: 0 found
 * (or the lookup failed: *status is the 503), 1 not stored.
 */
static int
idempotency_lookup(struct ctx *c, int *status)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &idempotency_sql[IDEMPOTENCY_SQL_GET],
	    &res, db_str(c->idem.owner), db_str(c->idem.key)) == -1) {
		*status = ctx_db_error(c);
		return 0;
	}
	if (res.nrows == 0)
		return 1;
	*status = idempotency_answer(c, &res);
	return 0;
}

/*
 * Before a POST handler: 0 to run it, or the status of the answer given
 * (the stored reply, 400 for a malformed key, 422 for a reused one).
 */
int
idempotency_check(struct ctx *c)
{
	const char	*key = req_header(&c->req, IDEMPOTENCY_HEADER);
	int		 status;

	memset(&c->idem, 0, sizeof(c->idem));
	if (key == NULL || c->req.method != REQ_POST || c->actor.name == NULL)
		return 0;
	if (!idempotency_key_ok(key))
		return resp_error(&c->resp, c->arena, 400,
		    "invalid_idempotency_key", "An Idempotency-Key is 1 to 255 "
		    "visible ASCII characters", IDEMPOTENCY_HEADER);
	c->idem.key = key;
	c->idem.owner = c->actor.kind == ACTOR_USER ?
	    arena_printf(c->arena, "u:%llu", (unsigned long long)c->actor.id) :
	    arena_printf(c->arena, "s:%s", c->actor.name);
	idempotency_hash(&c->req, c->idem.hash);
	(void)DB_EXEC(c->db, c->arena, &idempotency_sql[IDEMPOTENCY_SQL_PURGE],
	    NULL);
	if (DB_EXEC(c->db, c->arena, &idempotency_sql[IDEMPOTENCY_SQL_EXPIRE],
	    NULL, db_str(c->idem.owner), db_str(key)) == -1)
		return ctx_db_error(c);
	return idempotency_lookup(c, &status) == 0 ? status : 0;
}

/* The reply's headers as "Name: value" lines. */
static const char *
idempotency_headers(struct ctx *c)
{
	const char	*s = "";
	size_t		 i;

	for (i = 0; i < c->resp.nheaders; i++)
		s = arena_printf(c->arena, "%s%s: %s\n", s,
		    c->resp.headers[i].name, c->resp.headers[i].value);
	return s;
}

/* Stores the reply under the request's key, if any: 0, or -1. */
int
idempotency_store(struct ctx *c, int status)
{
	if (c->idem.key == NULL || c->idem.stored)
		return 0;
	if (DB_EXEC(c->db, c->arena, &idempotency_sql[IDEMPOTENCY_SQL_INSERT],
	    NULL, db_str(c->idem.owner), db_str(c->idem.key),
	    db_blob(c->idem.hash, sizeof(c->idem.hash)), db_i64(status),
	    db_str(idempotency_headers(c)), db_str(c->resp.body)) == -1)
		return -1;
	c->idem.stored = 1;
	return 0;
}

/*
 * A transaction whose key was taken meanwhile by the same request sent
 * twice at once: the other one's reply.  0 when the key is not stored.
 */
int
idempotency_replay(struct ctx *c)
{
	int	status;

	if (c->idem.key == NULL || db_errno(c->db) != DB_ER_DUP_ENTRY)
		return 0;
	return idempotency_lookup(c, &status) == 0 ? status : 0;
}

/*
 * After the handler: a success that was not stored in the handler's own
 * transaction (one that runs several, like bulk) is stored now.
 */
int
idempotency_after(struct ctx *c, int status)
{
	int	replay;

	if (c->idem.key == NULL || c->idem.stored || status >= 300)
		return status;
	if (idempotency_store(c, status) == 0)
		return status;
	if ((replay = idempotency_replay(c)) != 0)
		return replay;
	log_warn("idempotency: reply not stored for key %.40s", c->idem.key);
	return status;
}
