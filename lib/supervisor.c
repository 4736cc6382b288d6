#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "supervisor.h"

static volatile sig_atomic_t	supervisor_stop;
static int			supervisor_pipe[2] = { -1, -1 };

static void
supervisor_on_signal(int sig)
{
	int	save = errno;
	ssize_t	n;

	if (sig != SIGCHLD)
		supervisor_stop = 1;
	/* A full pipe is fine: a wake-up is already pending. */
	n = write(supervisor_pipe[1], "", 1);
	(void)n;
	errno = save;
}

/* The self-pipe and the handlers of this process (parent or worker). */
static int
supervisor_signals(int parent)
{
	static const int	 sigs[] = { SIGTERM, SIGINT, SIGCHLD };
	struct sigaction	 sa;
	size_t			 i;

	if (supervisor_pipe[0] != -1) {
		close(supervisor_pipe[0]);
		close(supervisor_pipe[1]);
	}
	if (pipe(supervisor_pipe) == -1)
		return log_err("pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++)
		if (fcntl(supervisor_pipe[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(supervisor_pipe[i], F_SETFD, FD_CLOEXEC) == -1)
			return log_err("fcntl: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = supervisor_on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigs[i] == SIGCHLD && !parent)
			sa.sa_handler = SIG_DFL;
		sigaction(sigs[i], &sa, NULL);
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void
supervisor_drain(void)
{
	char	buf[64];

	while (read(supervisor_pipe[0], buf, sizeof(buf)) > 0)
		continue;
}

int
supervisor_stopping(void)
{
	return supervisor_stop;
}

/*
 * In a worker: waits until fd (-1: none) is readable (1), ms pass (0;
 * -1 waits for ever) or the worker must stop (-1).  The only place
 * where a worker takes SIGTERM.
 */
int
supervisor_wait(int fd, int ms)
{
	struct pollfd	pfd[2];
	sigset_t	stop, old;
	int		n, rc;

	pfd[0].fd = supervisor_pipe[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = fd;
	pfd[1].events = POLLIN;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_UNBLOCK, &stop, &old);
	for (;;) {
		if (supervisor_stop) {
			rc = -1;
			break;
		}
		n = poll(pfd, fd >= 0 ? 2 : 1, ms);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			rc = log_err("poll: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			rc = 0;
			break;
		}
		if (pfd[0].revents != 0) {
			supervisor_drain();
			continue;
		}
		rc = 1;
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* Milliseconds to wait after the n+1th fork failure in a row. */
long
supervisor_backoff_ms(unsigned int n)
{
	long	ms = SUPERVISOR_BACKOFF_MIN_MS;

	while (n-- > 0 && ms < SUPERVISOR_BACKOFF_MAX_MS)
		ms *= 2;
	return ms < SUPERVISOR_BACKOFF_MAX_MS ? ms : SUPERVISOR_BACKOFF_MAX_MS;
}

static long long
supervisor_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
supervisor_worker(const struct supervisor *s, pid_t parent)
{
	sigset_t	stop;

	/* Die with the parent, even if it died before prctl. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != parent)
		_exit(1);
	if (supervisor_signals(0) == -1)
		_exit(1);
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_SETMASK, &stop, NULL);
	if (s->worker_init != NULL && s->worker_init(s->arg) == -1)
		_exit(1);
	s->worker_main(s->arg);
	_exit(0);
}

/* A new worker's pid, or -1 when fork failed (logged). */
static pid_t
supervisor_spawn(const struct supervisor *s)
{
	sigset_t	all, old;
	pid_t		parent = getpid(), pid;

	/* No handler may run in the child before it has its own pipe. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) == 0)
		supervisor_worker(s, parent);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid == -1)
		log_err("fork: %s", strerror(errno));
	return pid;
}

static void
supervisor_reap(const struct supervisor *s, pid_t *pids, long long *due)
{
	pid_t	pid;
	long	i;
	int	st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (i = 0; i < s->nworkers; i++) {
			if (pids[i] != pid)
				continue;
			log_warn("worker %d exited (status %d); restarting",
			    (int)pid, st);
			pids[i] = 0;
			due[i] = supervisor_now_ms() + SUPERVISOR_RESTART_MS;
		}
}

/* Forks the workers that are due; returns the ms until the next one. */
static int
supervisor_fill(const struct supervisor *s, pid_t *pids, long long *due,
    unsigned int *fails)
{
	long long	now = supervisor_now_ms(), wait = -1;
	long		i, j;

	for (i = 0; i < s->nworkers; i++) {
		if (pids[i] != 0)
			continue;
		if (due[i] <= now) {
			if ((pids[i] = supervisor_spawn(s)) > 0) {
				*fails = 0;
				continue;
			}
			pids[i] = 0;
			for (j = 0; j < s->nworkers; j++)
				if (pids[j] == 0)
					due[j] = now +
					    supervisor_backoff_ms(*fails);
			log_warn("retrying fork in %ld ms",
			    supervisor_backoff_ms(*fails));
			(*fails)++;
		}
		if (wait == -1 || due[i] - now < wait)
			wait = due[i] - now;
	}
	return (int)wait;
}

static void
supervisor_stop_all(const struct supervisor *s, pid_t *pids)
{
	long	i;
	int	st;

	for (i = 0; i < s->nworkers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < s->nworkers; i++)
		while (pids[i] > 0 && waitpid(pids[i], &st, 0) == -1 &&
		    errno == EINTR)
			continue;
}

/* Runs until SIGTERM or SIGINT; 0 when stopped cleanly, -1 on error. */
int
supervisor_run(const struct supervisor *s)
{
	struct pollfd	 pfd;
	pid_t		*pids;
	long long	*due;
	unsigned int	 fails = 0;
	int		 wait, rc = 0;

	if (s->nworkers < 1 || s->nworkers > SUPERVISOR_WORKERS_MAX)
		return log_err("%s: bad worker count %ld", s->name,
		    s->nworkers);
	if (supervisor_signals(1) == -1)
		return -1;
	pids = calloc((size_t)s->nworkers, sizeof(*pids));
	due = calloc((size_t)s->nworkers, sizeof(*due));
	if (pids == NULL || due == NULL) {
		free(pids);
		free(due);
		return log_err("%s: out of memory", s->name);
	}
	pfd.fd = supervisor_pipe[0];
	pfd.events = POLLIN;
	while (!supervisor_stop) {
		wait = supervisor_fill(s, pids, due, &fails);
		if (supervisor_stop)
			break;
		if (poll(&pfd, 1, wait) == -1 && errno != EINTR) {
			rc = log_err("poll: %s", strerror(errno));
			break;
		}
		supervisor_drain();
		supervisor_reap(s, pids, due);
	}
	supervisor_stop_all(s, pids);
	free(pids);
	free(due);
	return rc;
}
