/*
 * The worker's outbound_mail job: claims one due row of the outbox (its
 * lease committed before anything is sent), sends it over SMTP, and
 * records the outcome.  Retry policy: a temporary failure waits
 * MSPHUB_MAIL_RETRY_SECONDS (default WORKER_MAIL_RETRY_DEFAULT) times
 * 2^(attempts-1), at most WORKER_MAIL_BACKOFF_MAX, of which a random
 * half (jitter); after OUTBOX_ATTEMPTS_MAX attempts or a permanent
 * failure the row is failed, with its error, until an admin retries it.
 */
#ifndef WORKER_MAIL_H
#define WORKER_MAIL_H

struct arena;
struct db;

#define WORKER_MAIL_RETRY_DEFAULT	60	/* seconds before a retry */
#define WORKER_MAIL_RETRY_MAX		3600	/* MSPHUB_MAIL_RETRY_SECONDS */
#define WORKER_MAIL_BACKOFF_MAX		(6 * 3600)	/* seconds */
#define WORKER_MAIL_LEASE_MARGIN	5	/* seconds past the timeout */
#define WORKER_MAIL_NO_URL		"MSPHUB_SMTP_URL is not set"

int	worker_mail_run(struct db *, struct arena *);

#endif
