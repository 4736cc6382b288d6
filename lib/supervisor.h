/*
 * A pre-fork supervisor for every long-running program: it forks
 * nworkers processes that each run worker_init once and then
 * worker_main, restarts any that die, retries a failed fork with
 * exponential backoff, and on SIGTERM or SIGINT stops them and waits.
 *
 * In a worker, SIGTERM and SIGINT are blocked except inside
 * supervisor_wait(): a worker finishes what it is doing (a request, a
 * job) and notices the stop only where it would wait for more work.
 * Workers also stop when the supervisor dies (PR_SET_PDEATHSIG).
 */
#ifndef SUPERVISOR_H
#define SUPERVISOR_H

#define SUPERVISOR_WORKERS_MAX		64
#define SUPERVISOR_RESTART_MS		200	/* before a dead worker's successor */
#define SUPERVISOR_BACKOFF_MIN_MS	100	/* after the first failed fork */
#define SUPERVISOR_BACKOFF_MAX_MS	10000

struct supervisor {
	const char	*name;				/* for the log */
	long		 nworkers;			/* 1..SUPERVISOR_WORKERS_MAX */
	int		(*worker_init)(void *);		/* 0, or -1: exit 1 */
	void		(*worker_main)(void *);		/* returns to exit 0 */
	void		*arg;
};

int	supervisor_run(const struct supervisor *);
int	supervisor_stopping(void);
int	supervisor_wait(int, int);
long	supervisor_backoff_ms(unsigned int);

#endif
