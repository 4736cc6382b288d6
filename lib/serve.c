#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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
#include "supervisor.h"

/* One per worker process: what serve_worker_main needs. */
struct serve_worker {
	const struct app	*app;
	int			 fd;
	FCGX_Request		 fr;
	struct arena		*arena;
	struct db		*db;
};

static struct serve_worker	serve_worker;

/* Where an exhausted arena jumps back to: serve_one. */
static sigjmp_buf		serve_exhausted_jmp;

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
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1)
		return log_err("socket: %s", strerror(errno));
	/* We hold NAME.lock: a socket left here is a dead instance's. */
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

static int
serve_read(void *in, char *buf, int n)
{
	return FCGX_GetStr(buf, n, in);
}

/* Fills c->req from the FastCGI parameters; the dispatcher reads the body. */
static void
serve_read_request(FCGX_Request *fr, struct ctx *c)
{
	struct req	*r = &c->req;
	FCGX_ParamArray	 env = fr->envp;
	const char	*qs;

	r->env = env;
	r->read = serve_read;
	r->read_arg = fr->in;
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
}

static void
serve_write(FCGX_Request *fr, struct ctx *c)
{
	size_t	 i, len;
	char	*head = resp_head(&c->resp, c->arena, &len);

	FCGX_PutStr(head, (int)len, fr->out);
	if (c->req.method == REQ_HEAD)
		return;
	if (c->resp.body != NULL)
		FCGX_PutStr(c->resp.body, (int)c->resp.body_len, fr->out);
	else
		for (i = 0; i < c->resp.npieces; i++)
			FCGX_PutStr(c->resp.pieces[i].s,
			    (int)c->resp.pieces[i].len, fr->out);
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

/* Test builds: whether the fault fired, and the SQL round trips made. */
static void
serve_fault_report(struct ctx *c)
{
#ifdef DB_FAULTS
	const char	*fired = db_fault_fired(c->db);

	if (fired != NULL)
		resp_header(&c->resp, "X-Msphub-Fault-Fired", fired);
	resp_header(&c->resp, "X-Msphub-Round-Trips", arena_printf(c->arena,
	    "%u", db_round_trips(c->db)));
#else
	(void)c;
#endif
}

/* Reads and answers one request; returns the status. */
static int
serve_request(const struct app *app, FCGX_Request *fr, struct ctx *c)
{
	serve_read_request(fr, c);
	serve_fault_arm(fr, c);
	if (c->req.nparams == (size_t)-1) {
		c->req.nparams = 0;
		return ctx_error(c, 400, "invalid_query",
		    "The query string is malformed or too long");
	}
	return dispatch(app, c);
}

static void
serve_exhausted(void *arg)
{
	(void)arg;
	siglongjmp(serve_exhausted_jmp, 1);
}

/*
 * The request's arena ran out: its memory and cleanups go, an open
 * transaction is rolled back, and the client hears 503.
 */
static int
serve_overloaded(struct ctx *c)
{
	arena_reset(c->arena);
	(void)db_request_done(c->db);
	memset(&c->resp, 0, sizeof(c->resp));
	resp_header(&c->resp, "Retry-After", "1");
	return ctx_error(c, 503, "overloaded",
	    "The request needs more memory than the server gives one");
}

static void
serve_one(const struct app *app, FCGX_Request *fr, struct ctx *c)
{
	int	status;

	/* The jump is armed only while the request runs; its reply aborts. */
	if (sigsetjmp(serve_exhausted_jmp, 0) != 0) {
		arena_limit(c->arena, ARENA_CAP, NULL, NULL);
		status = serve_overloaded(c);
	} else {
		arena_limit(c->arena, ARENA_CAP, serve_exhausted, NULL);
		status = serve_request(app, fr, c);
		arena_limit(c->arena, ARENA_CAP, NULL, NULL);
	}
	serve_fault_report(c);
	/* A handler that left its transaction open wrote nothing: say so. */
	if (db_request_done(c->db) == -1) {
		memset(&c->resp, 0, sizeof(c->resp));
		status = ctx_error(c, 500, "internal", "Internal error");
	}
	c->resp.status = status;
	serve_write(fr, c);
	if (status >= 500)
		log_warn("%s %s -> %d", req_method_name(c->req.method),
		    c->req.path ? c->req.path : "-", status);
}

static int
serve_worker_init(void *arg)
{
	struct serve_worker	*w = arg;

	if ((w->arena = arena_new()) == NULL)
		return -1;
	/* A worker with no database still answers, with 503s, and retries. */
	w->db = db_open();
	if (FCGX_InitRequest(&w->fr, w->fd, 0) != 0)
		return log_err("FCGX_InitRequest failed");
	if (w->app->init != NULL && w->app->init() == -1)
		return -1;
	return 0;
}

/*
 * The accept loop.  The listening socket is non-blocking: the worker
 * waits for it in supervisor_wait(), the one place SIGTERM gets in, and
 * a request, once accepted, is served to the end.
 */
static void
serve_worker_main(void *arg)
{
	struct serve_worker	*w = arg;
	struct ctx		 c;
	int			 rc;

	while (supervisor_wait(w->fd, -1) == 1) {
		if ((rc = FCGX_Accept_r(&w->fr)) < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK)
				continue;	/* another worker took it */
			log_err("accept: %s", strerror(-rc));
			break;
		}
		memset(&c, 0, sizeof(c));
		c.arena = w->arena;
		if (w->db == NULL)
			w->db = db_open();
		c.db = w->db;
		if (w->db == NULL) {
			c.resp.status = ctx_db_error(&c);
			serve_write(&w->fr, &c);
		} else
			serve_one(w->app, &w->fr, &c);
		FCGX_Finish_r(&w->fr);
		arena_reset(w->arena);
	}
	db_close(w->db);
	arena_free(w->arena);
}

/* The database is at this build's schema version: 0, or -1 logged. */
int
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
	if (v > DB_SCHEMA_VERSION)
		return log_err("the database schema is at version %d, newer "
		    "than this program's %d: install the matching build",
		    v, DB_SCHEMA_VERSION);
	return 0;
}

/*
 * Holds NAME.lock next to the socket for the life of the program (and
 * its workers): a second instance must not take over a live socket.
 */
static int
serve_lock(const char *dir, const char *name)
{
	char	path[SERVE_PATH_MAX];
	int	fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s.lock", dir, name) >=
	    sizeof(path))
		return log_err("MSPHUB_SOCKET_DIR is too long");
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return log_err("%s: %s", path, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		close(fd);
		if (errno == EWOULDBLOCK)
			return log_err("another %s is running on %s", name,
			    dir);
		return log_err("flock %s: %s", path, strerror(errno));
	}
	return fd;
}

/*
 * "--routes": the route table for the tests: method, pattern, least role,
 * body kind, body limit in bytes, then (new columns go last) the raw
 * media types, the required body fields, comma separated, or "-", and
 * "own" when the handler loads the path's record itself, else "want".
 */
static int
serve_print_routes(const struct app *app)
{
	static const char *const access[ACCESS__MAX] = {
		"public",	/* ACCESS_PUBLIC */
		"read",		/* ACCESS_READ */
		"write",	/* ACCESS_WRITE */
		"admin",	/* ACCESS_ADMIN */
		"service",	/* ACCESS_SERVICE */
		"signed",	/* ACCESS_SIGNED */
	};
	static const char *const body[BODY__MAX] = {
		"none",		/* BODY_NONE */
		"object",	/* BODY_OBJECT */
		"array",	/* BODY_ARRAY */
		"raw",		/* BODY_RAW */
	};
	const struct route	*r;
	const char *const	*t;
	size_t			 i, f, n;

	for (i = 0; i < app->nroutes; i++) {
		r = &app->routes[i];
		printf("%s %s %s %s %zu ", req_method_name(r->method),
		    r->pattern, access[r->access], body[r->body],
		    r->body == BODY_NONE ? 0 :
		    r->body_max ? r->body_max : ROUTE_BODY_DEFAULT);
		for (t = r->types; t != NULL && *t != NULL; t++)
			printf("%s%s", t == r->types ? "" : ",", *t);
		printf("%s ", r->types == NULL ? "-" : "");
		for (n = 0, f = 0; f < r->nfields && f < ROUTE_FIELDS_MAX; f++)
			if (r->required & ROUTE_BIT(f))
				printf("%s%s", n++ ? "," : "",
				    r->fields[f].name);
		printf("%s %s\n", n == 0 ? "-" : "",
		    r->own_load ? "own" : "want");
	}
	return 0;
}

int
serve_main(const struct app *app, int argc, char *argv[])
{
	struct supervisor	 sv;
	char			 path[SERVE_PATH_MAX];
	const char		*dir;
	int			 fd, lock, rc;

	if (argc == 2 && strcmp(argv[1], "--routes") == 0)
		return serve_print_routes(app);
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--routes]\n", app->name);
		return 2;
	}
	log_init(app->name);
	if (conf_load() == -1)
		return 1;
	dir = conf_get("MSPHUB_SOCKET_DIR", ".");
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.sock", dir,
	    app->name) >= sizeof(path)) {
		log_err("MSPHUB_SOCKET_DIR is too long");
		return 1;
	}
	if ((lock = serve_lock(dir, app->name)) == -1)
		return 1;
	if (serve_check_schema() == -1 || FCGX_Init() != 0 ||
	    (fd = serve_listen(path)) == -1) {
		close(lock);
		return 1;
	}
	memset(&sv, 0, sizeof(sv));
	sv.name = app->name;
	sv.nworkers = conf_long("MSPHUB_WORKERS", SERVE_WORKERS_DEFAULT, 1,
	    SUPERVISOR_WORKERS_MAX);
	sv.worker_init = serve_worker_init;
	sv.worker_main = serve_worker_main;
	sv.arg = &serve_worker;
	serve_worker.app = app;
	serve_worker.fd = fd;
	log_info("listening on %s with %ld workers", path, sv.nworkers);
	rc = supervisor_run(&sv);
	close(fd);
	unlink(path);
	close(lock);
	log_info("stopped");
	return rc == 0 ? 0 : 1;
}
