/*
 * cgi/msphub-worker: the worker daemon (not FastCGI).  It does what must
 * not block a request and must be retried: each pass runs every job kind
 * of the table once, and a worker with nothing to do waits in
 * supervisor_wait(), where SIGTERM stops it between jobs.  Jobs are rows
 * claimed with SELECT ... FOR UPDATE SKIP LOCKED and a lease, so any
 * number of workers on any number of hosts may run at once.
 *
 * MSPHUB_WORKER_PROCS processes (default WORKER_PROCS_DEFAULT) run under
 * lib/supervisor, which restarts one that dies.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "serve.h"
#include "supervisor.h"
#include "worker_mail.h"

#define WORKER_PROCS_DEFAULT	2
#define WORKER_IDLE_MS		500	/* between passes that found nothing */

/* A job kind: runs one job; 1 done, 0 nothing due, -1 failed (logged). */
struct worker_job {
	const char	*name;
	int		(*run)(struct db *, struct arena *);
};

enum worker_job_kind {
	WORKER_JOB_OUTBOUND_MAIL,
	WORKER_JOB__MAX
};

static const struct worker_job worker_jobs[WORKER_JOB__MAX] = {
	{ "outbound_mail", worker_mail_run },	/* WORKER_JOB_OUTBOUND_MAIL */
};

struct worker {
	struct arena	*arena;
	struct db	*db;
};

static struct worker	worker;

static int
worker_init(void *arg)
{
	struct worker	*w = arg;

	if ((w->arena = arena_new()) == NULL)
		return -1;
	/* Without a database the worker waits and tries again. */
	w->db = db_open();
	return 0;
}

static void
worker_main(void *arg)
{
	struct worker	*w = arg;
	size_t		 i;
	int		 busy;

	do {
		busy = 0;
		if (w->db == NULL)
			w->db = db_open();
		for (i = 0; w->db != NULL && i < WORKER_JOB__MAX; i++) {
			if (worker_jobs[i].run(w->db, w->arena) == 1)
				busy = 1;
			arena_reset(w->arena);
		}
	} while (supervisor_wait(-1, busy ? 0 : WORKER_IDLE_MS) != -1);
	db_close(w->db);
	arena_free(w->arena);
}

int
main(int argc, char *argv[])
{
	struct supervisor	sv;
	int			rc;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: msphub-worker\n");
		return 2;
	}
	log_init("msphub-worker");
	if (conf_load() == -1 || serve_check_schema() == -1)
		return 1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_err("curl_global_init failed");
		return 1;
	}
	memset(&sv, 0, sizeof(sv));
	sv.name = "msphub-worker";
	sv.nworkers = conf_long("MSPHUB_WORKER_PROCS", WORKER_PROCS_DEFAULT,
	    1, SUPERVISOR_WORKERS_MAX);
	sv.worker_init = worker_init;
	sv.worker_main = worker_main;
	sv.arg = &worker;
	log_info("running %ld workers, job kinds: %s", sv.nworkers,
	    worker_jobs[WORKER_JOB_OUTBOUND_MAIL].name);
	rc = supervisor_run(&sv);
	curl_global_cleanup();
	log_info("stopped");
	return rc == 0 ? 0 : 1;
}
