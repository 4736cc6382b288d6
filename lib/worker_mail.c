#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "db_worker_mail.h"
#include "log.h"
#include "outbox.h"
#include "smtp.h"
#include "worker_mail.h"

struct worker_mail_claim {
	struct db	*db;
	struct arena	*a;
	long		 lease;		/* seconds */
	uint64_t	 id;
};

/* The claim, its own short transaction: 0, 1 (nothing due) or -1. */
static int
worker_mail_claim_tx(void *arg)
{
	struct worker_mail_claim	*cl = arg;
	struct db_res			 res;

	if (db_exec(cl->db, cl->a, &worker_mail_sql[WORKER_MAIL_SQL_CLAIM],
	    NULL, 0, &res) == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	cl->id = db_get_u64(&res, 0, 0);
	return DB_EXEC(cl->db, cl->a, &worker_mail_sql[WORKER_MAIL_SQL_LEASE],
	    NULL, db_i64(cl->lease), db_u64(cl->id));
}

/* Milliseconds before attempt n + 1: exponential, capped, half random. */
static long long
worker_mail_backoff_ms(unsigned attempts)
{
	long long	base = conf_long("MSPHUB_MAIL_RETRY_SECONDS",
			    WORKER_MAIL_RETRY_DEFAULT, 1,
			    WORKER_MAIL_RETRY_MAX) * 1000LL;
	long long	delay = base;

	while (attempts-- > 1 && delay < WORKER_MAIL_BACKOFF_MAX * 1000LL)
		delay *= 2;
	if (delay > WORKER_MAIL_BACKOFF_MAX * 1000LL)
		delay = WORKER_MAIL_BACKOFF_MAX * 1000LL;
	return delay / 2 + (long long)arc4random_uniform(
	    (uint32_t)(delay / 2 + 1));
}

/* The row as a message; NULL with *why when it can never be sent. */
static char *
worker_mail_message(struct arena *a, const struct db_res *res,
    struct smtp_mail *m, size_t *len, const char **why)
{
	const char	*kind = db_get(res, 0, WORKER_MAIL_COL_KIND);

	memset(m, 0, sizeof(*m));
	m->from = conf_get("MSPHUB_MAIL_FROM", NULL);
	m->to = db_get(res, 0, WORKER_MAIL_COL_TO);
	m->subject = db_get(res, 0, WORKER_MAIL_COL_SUBJECT);
	m->body = db_get(res, 0, WORKER_MAIL_COL_BODY);
	m->message_id = db_get(res, 0, WORKER_MAIL_COL_MESSAGE_ID);
	m->in_reply_to = db_get(res, 0, WORKER_MAIL_COL_IN_REPLY_TO);
	m->refs = db_get(res, 0, WORKER_MAIL_COL_REFS);
	m->auto_submitted = db_get_i64(res, 0,
	    WORKER_MAIL_COL_AUTO_SUBMITTED) != 0;
	m->date = (time_t)db_get_i64(res, 0, WORKER_MAIL_COL_CREATED);
	/* What can be answered says where the answer ends. */
	if (strcmp(kind, outbox_kind_names[OUTBOX_REPLY]) == 0 ||
	    strcmp(kind, outbox_kind_names[OUTBOX_ACKNOWLEDGEMENT]) == 0)
		m->marker = OUTBOX_REPLY_MARKER;
	return smtp_message(a, m, len, why);
}

/* The outcome of row id's attempt n; 0 or -1. */
static int
worker_mail_record(struct db *db, struct arena *a, uint64_t id,
    unsigned attempts, enum smtp_result r, const char *err)
{
	if (r == SMTP_SENT) {
		log_info("mail %" PRIu64 ": sent", id);
		return DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_SENT],
		    NULL, db_u64(id));
	}
	if (r == SMTP_RETRY && attempts < OUTBOX_ATTEMPTS_MAX) {
		log_info("mail %" PRIu64 ": attempt %u failed, will retry: %s",
		    id, attempts, err);
		return DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_RETRY],
		    NULL, db_str(err),
		    db_i64(worker_mail_backoff_ms(attempts) * 1000),
		    db_u64(id));
	}
	log_warn("mail %" PRIu64 ": failed after %u attempts: %s", id,
	    attempts, err);
	return DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_FAILED], NULL,
	    db_str(err), db_u64(id));
}

/*
 * One due mail: claimed (committed), sent, its outcome recorded.  1 when
 * a mail was tried, 0 when none is due, -1 on a database failure.  A
 * worker that dies after the claim leaves a lease that runs out: the
 * mail is tried again, so it goes out at least once.
 */
int
worker_mail_run(struct db *db, struct arena *a)
{
	struct worker_mail_claim	 cl = { db, a, 0, 0 };
	struct smtp_mail		 m;
	struct db_res			 res;
	const char			*url = conf_get("MSPHUB_SMTP_URL", NULL);
	const char			*missing = NULL, *why, *msg;
	char				 err[SMTP_ERROR_MAX + 1];
	size_t				 len;
	long				 timeout;
	unsigned			 attempts;
	enum smtp_result		 r;
	int				 rc;

	if (url == NULL)
		missing = WORKER_MAIL_NO_URL;
	else if (conf_get("MSPHUB_MAIL_FROM", NULL) == NULL)
		missing = "MSPHUB_MAIL_FROM is not set";
	/* Nothing is lost: the queue waits, and says why. */
	if (missing != NULL)
		return DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_NO_URL],
		    NULL, db_str(missing), db_str(missing)) == -1 ? -1 : 0;
	timeout = conf_long("MSPHUB_SMTP_TIMEOUT", SMTP_TIMEOUT, 1,
	    SMTP_TIMEOUT_MAX);
	cl.lease = timeout + WORKER_MAIL_LEASE_MARGIN;
	if ((rc = db_tx(db, worker_mail_claim_tx, &cl)) != 0)
		return rc == 1 ? 0 : -1;
	if (DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_GET], &res,
	    db_u64(cl.id)) == -1 || res.nrows == 0)
		return -1;
	attempts = (unsigned)db_get_u64(&res, 0, WORKER_MAIL_COL_ATTEMPTS);
	err[0] = '\0';
	if ((msg = worker_mail_message(a, &res, &m, &len, &why)) == NULL) {
		r = SMTP_PERMANENT;
		snprintf(err, sizeof(err), "%s", why);
	} else
		r = smtp_send(url, &m, msg, len, timeout, err, sizeof(err));
	return worker_mail_record(db, a, cl.id, attempts, r, err) == -1 ?
	    -1 : 1;
}
