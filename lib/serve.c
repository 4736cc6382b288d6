#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "dispatch.h"
#include "log.h"
#include "req.h"
#include "resp.h"
#include "serve.h"

static volatile sig_atomic_t	serve_stop;

static void
serve_on_stop(int sig)
{
	(void)sig;
	serve_stop = 1;
}

static void
serve_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = serve_on_stop;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: accept() and waitpid() return EINTR on SIGTERM. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int
serve_listen(const char *path)
{
	struct sockaddr_un	 sun;
	const char		*group = conf_get("MSPHUB_SOCKET_GROUP", NULL);
	struct group		*gr;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return log_err("%s: socket path too long", path);
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return log_err("socket: %s", strerror(errno));
	(void)unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(fd);
		return log_err("bind %s: %s", path, strerror(errno));
	}
	/* nginx workers may run as another user: let its group connect. */
	if (group != NULL) {
		if ((gr = getgrnam(group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) == -1 ||
		    chmod(path, 0660) == -1) {
			close(fd);
			return log_err("%s: cannot give group %s access",
			    path, group);
		}
	} else if (chmod(path, 0600) == -1) {
		close(fd);
		return log_err("chmod %s: %s", path, strerror(errno));
	}
	if (listen(fd, SERVE_BACKLOG) == -1) {
		close(fd);
		return log_err("listen %s: %s", path, strerror(errno));
	}
	return fd;
}

/* Fills c->req from the FastCGI parameters and reads a bounded body. */
static void
serve_read_request(FCGX_Request *fr, struct ctx *c)
{
	struct req	*r = &c->req;
	FCGX_ParamArray	 env = fr->envp;
	const char	*qs;
	long long	 want;
	int		 got;

	r->method = req_method_parse(FCGX_GetParam("REQUEST_METHOD", env));
	r->path = FCGX_GetParam("SCRIPT_NAME", env);
	if (r->path == NULL || *r->path == '\0')
		r->path = FCGX_GetParam("DOCUMENT_URI", env);
	if (r->path != NULL && strlen(r->path) > REQ_PATH_MAX)
		r->path = NULL;
	r->content_type = FCGX_GetParam("CONTENT_TYPE", env);
	r->content_length = req_parse_content_length(
	    FCGX_GetParam("CONTENT_LENGTH", env));
	r->csrf_token = FCGX_GetParam("HTTP_X_CSRF_TOKEN", env);
	r->if_match = FCGX_GetParam("HTTP_IF_MATCH", env);
	r->remote_addr = FCGX_GetParam("REMOTE_ADDR", env);
	r->user_agent = FCGX_GetParam("HTTP_USER_AGENT", env);
	r->env = env;
	qs = FCGX_GetParam("QUERY_STRING", env);
	if (req_parse_query(c->arena, qs, r) != REQ_OK)
		r->nparams = (size_t)-1;
	if (req_parse_cookies(c->arena, FCGX_GetParam("HTTP_COOKIE", env),
	    r) != REQ_OK)
		r->ncookies = 0;
	want = r->content_length;
	if (want <= 0 || want > REQ_BODY_MAX)
		return;
	r->body = arena_alloc(c->arena, (size_t)want + 1);
	got = FCGX_GetStr(r->body, (int)want, fr->in);
	r->body_len = got > 0 ? (size_t)got : 0;
	r->body[r->body_len] = '\0';
}

static void
serve_write(FCGX_Request *fr, struct ctx *c)
{
	size_t	 len;
	char	*head = resp_head(&c->resp, c->arena, &len);

	FCGX_PutStr(head, (int)len, fr->out);
	if (c->resp.body != NULL)
		FCGX_PutStr(c->resp.body, (int)c->resp.body_len, fr->out);
}

/*
 * Test builds: "X-Msphub-Fault: N:lost|deadlock" fails the Nth statement
 * of this request; the reply says whether it fired.
 */
static void
serve_fault_arm(FCGX_Request *fr, struct ctx *c)
{
#ifdef DB_FAULTS
	const char	*spec = FCGX_GetParam("HTTP_X_MSPHUB_FAULT", fr->envp);

	if (spec != NULL && db_fault_arm(c->db, spec) == -1)
		log_warn("ignored X-Msphub-Fault: %.40s", spec);
#else
	(void)fr;
	(void)c;
#endif
}

static void
serve_fault_report(struct ctx *c)
{
	const char	*fired = db_fault_fired(c->db);

	if (fired != NULL)
		resp_header(&c->resp, "X-Msphub-Fault-Fired", fired);
}

static void
serve_one(const struct app *app, FCGX_Request *fr, struct ctx *c)
{
	int	status;

	serve_read_request(fr, c);
	serve_fault_arm(fr, c);
	if (c->req.nparams == (size_t)-1) {
		c->req.nparams = 0;
		status = ctx_error(c, 400, "invalid_query",
		    "The query string is malformed or too long");
	} else
		status = dispatch(app, c);
	c->resp.status = status;
	serve_fault_report(c);
	serve_write(fr, c);
	if (status >= 500)
		log_warn("%s %s -> %d", req_method_name(c->req.method),
		    c->req.path ? c->req.path : "-", status);
}

static void
serve_worker(const struct app *app, int fd)
{
	FCGX_Request	 fr;
	struct ctx	 c;
	struct arena	*a;
	struct db	*db;

	serve_signals();
	if ((a = arena_new()) == NULL)
		_exit(1);
	/* A worker with no database still answers, with 503s, and retries. */
	db = db_open();
	if (FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		_exit(1);
	while (!serve_stop && FCGX_Accept_r(&fr) >= 0) {
		memset(&c, 0, sizeof(c));
		c.arena = a;
		if (db == NULL)
			db = db_open();
		c.db = db;
		if (db == NULL) {
			c.resp.status = ctx_db_error(&c);
			serve_write(&fr, &c);
		} else {
			serve_one(app, &fr, &c);
			(void)db_request_done(db);
		}
		FCGX_Finish_r(&fr);
		arena_reset(a);
	}
	db_close(db);
	arena_free(a);
	_exit(0);
}

static pid_t
serve_spawn(const struct app *app, int fd)
{
	pid_t	pid = fork();

	if (pid == -1)
		log_err("fork: %s", strerror(errno));
	else if (pid == 0)
		serve_worker(app, fd);
	return pid;
}

static void
serve_sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int
serve_check_schema(void)
{
	struct arena	*a = arena_new();
	struct db	*db = db_open();
	int		 v = -1;

	if (db != NULL)
		v = db_schema_version(db, a);
	db_close(db);
	arena_free(a);
	if (v < 0)
		return log_err("cannot read the schema version; "
		    "is the database up and migrated?");
	if (v < DB_SCHEMA_VERSION)
		return log_err("the database schema is at version %d but this "
		    "program needs %d: apply the migrations in sql/ first",
		    v, DB_SCHEMA_VERSION);
	return 0;
}

static void
serve_supervise(const struct app *app, int fd, pid_t *pids, long n)
{
	long	i;
	pid_t	pid;
	int	st;

	while (!serve_stop) {
		pid = waitpid(-1, &st, 0);
		if (pid == -1)
			continue;	/* EINTR: check serve_stop */
		for (i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			log_warn("worker %d exited (status %d); restarting",
			    (int)pid, st);
			serve_sleep_ms(SERVE_RESTART_DELAY_MS);
			if (!serve_stop)
				pids[i] = serve_spawn(app, fd);
		}
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], &st, 0);
}

/*
 * "--routes": the route table for the tests: method, pattern, least role,
 * body kind and body limit in bytes.
 */
static int
serve_print_routes(const struct app *app)
{
	static const char *const access[ACCESS__MAX] = {
		"public", "read", "write", "admin"
	};
	static const char *const body[] = { "none", "object", "array" };
	const struct route	*r;
	size_t			 i;

	for (i = 0; i < app->nroutes; i++) {
		r = &app->routes[i];
		printf("%s %s %s %s %zu\n", req_method_name(r->method),
		    r->pattern, access[r->access], body[r->body],
		    r->body == BODY_NONE ? 0 :
		    r->body_max ? r->body_max : ROUTE_BODY_DEFAULT);
	}
	return 0;
}

int
serve_main(const struct app *app, int argc, char *argv[])
{
	char		 path[512];
	const char	*dir;
	long		 n, i;
	pid_t		*pids;
	int		 fd;

	if (argc == 2 && strcmp(argv[1], "--routes") == 0)
		return serve_print_routes(app);
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--routes]\n", app->name);
		return 2;
	}
	log_init(app->name);
	if (conf_load() == -1)
		return 1;
	if (serve_check_schema() == -1)
		return 1;
	dir = conf_get("MSPHUB_SOCKET_DIR", ".");
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.sock", dir,
	    app->name) >= sizeof(path)) {
		log_err("MSPHUB_SOCKET_DIR is too long");
		return 1;
	}
	n = conf_long("MSPHUB_WORKERS", SERVE_WORKERS_DEFAULT, 1,
	    SERVE_WORKERS_MAX);
	serve_signals();
	if (FCGX_Init() != 0 || (fd = serve_listen(path)) == -1)
		return 1;
	if ((pids = calloc((size_t)n, sizeof(*pids))) == NULL)
		return 1;
	for (i = 0; i < n; i++)
		pids[i] = serve_spawn(app, fd);
	log_info("listening on %s with %ld workers", path, n);
	serve_supervise(app, fd, pids, n);
	close(fd);
	unlink(path);
	free(pids);
	log_info("stopped");
	return 0;
}
