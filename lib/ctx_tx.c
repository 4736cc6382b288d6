/*
 * A handler's write as one transaction, retried whole on a deadlock or a
 * lock wait timeout (db_tx), with the request's idempotency key stored in
 * the same transaction as the write it answers.
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "dispatch.h"
#include "idempotency.h"

struct ctx_tx_call {
	struct ctx	 *c;
	int		(*fn)(struct ctx *, void *);
	void		 *arg;
	int		  status;
};

static int
ctx_tx_try(void *p)
{
	struct ctx_tx_call	*t = p;

	/* A try that is run again starts from an empty reply. */
	memset(&t->c->resp, 0, sizeof(t->c->resp));
	t->c->idem.stored = 0;
	/* A 5xx is a failure: after a deadlock it is worth another try. */
	if ((t->status = t->fn(t->c, t->arg)) < 0 || t->status >= 500)
		return -1;
	if (t->status >= 300)
		return t->status;
	return idempotency_store(t->c, t->status);
}

/*
 * Runs fn(c, arg) in a transaction.  fn does the write and puts the reply
 * in c->resp (reading inside the transaction sees the write); it returns
 * the status: below 300 commits, 300 to 499 rolls back and is returned
 * as fn answered it; -1 or a 5xx is a failure (retried after a deadlock,
 * else 503).
 */
int
ctx_tx(struct ctx *c, int (*fn)(struct ctx *, void *), void *arg)
{
	struct ctx_tx_call	t = { c, fn, arg, 0 };
	int			rc, replay;

	if ((rc = db_tx(c->db, ctx_tx_try, &t)) == 0)
		return t.status;
	if (rc > 0)
		return rc;
	if ((replay = idempotency_replay(c)) != 0)
		return replay;
	memset(&c->resp, 0, sizeof(c->resp));
	return ctx_db_error(c);
}

/*
 * An edit: the If-Match version (428 or 400 without a good one), then
 * fn(c, &version) in ctx_tx.  fn answers 409 with ctx_conflict when the
 * record it locked has moved on.
 */
int
ctx_tx_versioned(struct ctx *c, int (*fn)(struct ctx *, void *))
{
	uint64_t	version;
	int		rc;

	if ((rc = ctx_if_match(c, &version)) != 0)
		return rc;
	return ctx_tx(c, fn, &version);
}

