#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"

#define DB_STMTS_MAX	256	/* statements one connection prepares */
#define DB_STMT_SLOTS	512	/* a power of two, twice DB_STMTS_MAX */
#define DB_FAULT_SPEC_MAX 32

/*
 * A transaction that lost its connection, or was chosen as a deadlock
 * victim, is gone on the server.  It stays BROKEN, and every statement
 * fails, until the caller rolls back: nothing may run in autocommit
 * believing it is still inside the transaction.
 */
enum db_tx_state {
	DB_TX_NONE,
	DB_TX_OPEN,
	DB_TX_BROKEN
};

/* The connection's prepared statements, keyed by their SQL table row. */
struct db_stmt_slot {
	const struct db_sql	*sql;
	MYSQL_STMT		*st;
};

struct db {
	MYSQL			*my;
	enum db_tx_state	 tx;
	unsigned		 tx_errno;	/* what broke the transaction */
	unsigned		 last_errno;
	struct db_stmt_slot	 stmts[DB_STMT_SLOTS];
	size_t			 nstmts;
	unsigned		 fault_nth;	/* 0: none armed */
	enum db_fault		 fault_kind;
	enum db_fault		 fault_fired;
	int			 fault_in_fetch; /* shut down after execute */
	unsigned		 round_trips;	/* this request's, to the server */
};

static const char *const db_fault_names[DB_FAULT__MAX] = {
	"none",			/* DB_FAULT_NONE */
	"lost",			/* DB_FAULT_LOST */
	"deadlock",		/* DB_FAULT_DEADLOCK */
	"fetchlost",		/* DB_FAULT_LOST_IN_FETCH */
};

static const struct db_sql db_sql_schema = {
	"SELECT COALESCE(MAX(version), 0) FROM schema_version", DB_SAFE
};

static int
db_connect(struct db *db)
{
	unsigned int	 ct = DB_CONNECT_TIMEOUT, rw = DB_RW_TIMEOUT;
	const char	*sock = conf_get("MSPHUB_DB_SOCKET", NULL);

	if ((db->my = mysql_init(NULL)) == NULL)
		return log_err("db: mysql_init failed");
	mysql_optionsv(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_optionsv(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_optionsv(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_optionsv(db->my, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
	    "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
	    "NO_ENGINE_SUBSTITUTION', innodb_lock_wait_timeout = "
	    DB_LOCK_WAIT);
	if (mysql_real_connect(db->my, NULL,
	    conf_get("MSPHUB_DB_USER", NULL),
	    conf_get("MSPHUB_DB_PASSWORD", NULL),
	    conf_get("MSPHUB_DB_NAME", "msphub"), 0, sock, 0) == NULL) {
		db->last_errno = mysql_errno(db->my);
		log_err("db: connect to %s: %s", sock ? sock : "default socket",
		    mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return -1;
	}
	return 0;
}

/* Closes the connection and its statements; the transaction state stays. */
static void
db_disconnect(struct db *db)
{
	size_t	i;

	for (i = 0; i < DB_STMT_SLOTS; i++) {
		if (db->stmts[i].st != NULL)
			mysql_stmt_close(db->stmts[i].st);
		db->stmts[i].sql = NULL;
		db->stmts[i].st = NULL;
	}
	db->nstmts = 0;
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
}

struct db *
db_open(void)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		log_err("db_open: out of memory");
		return NULL;
	}
	if (db_connect(db) == -1) {
		free(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

static int
db_gone(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == 1927 /* ER_CONNECTION_KILLED */ || err == 4031;
}

/* Errors after which the whole transaction is worth running again. */
int
db_retryable(unsigned err)
{
	return err == DB_ER_LOCK_DEADLOCK || err == DB_ER_LOCK_WAIT_TIMEOUT;
}

static struct db_stmt_slot *
db_stmt_slot(struct db *db, const struct db_sql *sql)
{
	size_t	i = (size_t)(((uintptr_t)sql >> 3) * 2654435761u) &
		    (DB_STMT_SLOTS - 1);

	while (db->stmts[i].sql != NULL && db->stmts[i].sql != sql)
		i = (i + 1) & (DB_STMT_SLOTS - 1);
	return &db->stmts[i];
}

static MYSQL_STMT *
db_prepare(struct db *db, const struct db_sql *sql)
{
	struct db_stmt_slot	*slot;
	MYSQL_STMT		*st;

	if (db->my == NULL && db_connect(db) == -1)
		return NULL;
	slot = db_stmt_slot(db, sql);
	if (slot->st != NULL)
		return slot->st;
	if (db->nstmts == DB_STMTS_MAX) {
		db->last_errno = 0;
		log_err("db: more than %d statements", DB_STMTS_MAX);
		return NULL;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL) {
		db->last_errno = mysql_errno(db->my);
		log_err("db: mysql_stmt_init: %s", mysql_error(db->my));
		return NULL;
	}
	db->round_trips++;
	if (mysql_stmt_prepare(st, sql->text, (unsigned long)strlen(sql->text))) {
		db->last_errno = mysql_stmt_errno(st);
		log_err("db: prepare \"%.60s\": %s", sql->text,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	slot->sql = sql;
	slot->st = st;
	db->nstmts++;
	return st;
}

/*
 * Closes the statement prepared for sql, if any, because its text is
 * about to change (lib/filter.c reuses its slots).  The slot keeps sql,
 * so the next db_exec of it prepares the new text.
 */
void
db_forget(struct db *db, const struct db_sql *sql)
{
	struct db_stmt_slot	*slot = db_stmt_slot(db, sql);

	if (slot->st == NULL)
		return;
	mysql_stmt_close(slot->st);
	slot->st = NULL;
	db->nstmts--;
}

static void
db_bind_args(MYSQL_BIND *b, const struct db_arg *args, size_t n)
{
	size_t	i;

	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (args[i].type) {
		case DB_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_I64:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		case DB_U64:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].u;
			b[i].is_unsigned = 1;
			break;
		case DB_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)&args[i].d;
			break;
		case DB_STR:
		case DB_BLOB:
			b[i].buffer_type = args[i].type == DB_STR ?
			    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)args[i].s;
			b[i].buffer_length = (unsigned long)args[i].len;
			break;
		}
	}
}

/* Copies every row as text cells into the arena. */
static int
db_fetch_all(MYSQL_STMT *st, struct arena *a, struct db_res *res)
{
	size_t		 nc = mysql_stmt_field_count(st), r, c;
	MYSQL_BIND	*b;
	char		*inl;
	unsigned long	*len;
	my_bool		*isnull;
	int		 rc;

	if (mysql_stmt_store_result(st))
		return -1;
	res->ncols = nc;
	res->nrows = (size_t)mysql_stmt_num_rows(st);
	res->cells = arena_calloc(a, res->nrows * nc + 1, sizeof(*res->cells));
	b = arena_calloc(a, nc, sizeof(*b));
	inl = arena_alloc(a, nc * DB_CELL_INLINE);
	len = arena_calloc(a, nc, sizeof(*len));
	isnull = arena_calloc(a, nc, sizeof(*isnull));
	for (c = 0; c < nc; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = inl + c * DB_CELL_INLINE;
		b[c].buffer_length = DB_CELL_INLINE;
		b[c].length = &len[c];
		b[c].is_null = &isnull[c];
	}
	if (mysql_stmt_bind_result(st, b))
		return -1;
	for (r = 0; r < res->nrows; r++) {
		rc = mysql_stmt_fetch(st);
		if (rc == 1 || rc == MYSQL_NO_DATA)
			return -1;
		for (c = 0; c < nc; c++) {
			struct db_cell *cell = &res->cells[r * nc + c];

			if (isnull[c])
				continue;
			cell->len = len[c];
			if (len[c] < DB_CELL_INLINE) {
				cell->s = arena_strndup(a, b[c].buffer, len[c]);
				continue;
			}
			/* Too long for the inline buffer: fetch it whole. */
			{
				MYSQL_BIND big;
				char *p = arena_alloc(a, len[c] + 1);

				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = p;
				big.buffer_length = len[c] + 1;
				if (mysql_stmt_fetch_column(st, &big,
				    (unsigned)c, 0))
					return -1;
				p[len[c]] = '\0';
				cell->s = p;
			}
		}
	}
	return 0;
}

/*
 * An armed fault that is due fires here, before the statement (or
 * COMMIT) is sent: 1 when it made the statement fail already.
 */
static int
db_fault_due(struct db *db)
{
	if (db->fault_nth == 0 || --db->fault_nth != 0)
		return 0;
	db->fault_fired = db->fault_kind;
	log_warn("db: injected fault: %s", db_fault_names[db->fault_kind]);
	if (db->fault_kind == DB_FAULT_LOST_IN_FETCH) {
		db->fault_in_fetch = 1;
		return 0;
	}
	if (db->fault_kind == DB_FAULT_LOST) {
		/* The statement is sent to a dead socket and fails for real. */
		shutdown(mysql_get_socket(db->my), SHUT_RDWR);
		return 0;
	}
	/* As InnoDB does to a deadlock victim: the transaction is undone. */
	if (db->tx == DB_TX_OPEN)
		(void)mysql_rollback(db->my);
	db->last_errno = DB_ER_LOCK_DEADLOCK;
	return 1;
}

static int
db_exec_once(struct db *db, struct arena *a, const struct db_sql *sql,
    const struct db_arg *args, size_t nargs, struct db_res *res)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	 b[DB_ARGS_MAX];
	MYSQL_RES	*meta;
	int		 rc = 0;

	if ((st = db_prepare(db, sql)) == NULL)
		return -1;
	if (nargs > DB_ARGS_MAX || mysql_stmt_param_count(st) != nargs) {
		db->last_errno = 0;
		return log_err("db: \"%.60s\": %zu arguments for %lu markers",
		    sql->text, nargs, mysql_stmt_param_count(st));
	}
	if (db_fault_due(db))
		return -1;
	db_bind_args(b, args, nargs);
	db->round_trips++;
	if ((nargs > 0 && mysql_stmt_bind_param(st, b)) ||
	    mysql_stmt_execute(st))
		goto fail;
	memset(res, 0, sizeof(*res));
	if (db->fault_in_fetch) {
		db->fault_in_fetch = 0;
		shutdown(mysql_get_socket(db->my), SHUT_RDWR);
	}
	if ((meta = mysql_stmt_result_metadata(st)) != NULL) {
		rc = db_fetch_all(st, a, res);
		mysql_free_result(meta);
		/* Freeing the result clears the statement's error: keep it. */
		if (rc == -1)
			db->last_errno = mysql_stmt_errno(st);
		mysql_stmt_free_result(st);
		if (rc == -1)
			return -1;
	} else {
		res->affected = mysql_stmt_affected_rows(st);
		res->insert_id = mysql_stmt_insert_id(st);
	}
	db->last_errno = 0;
	return 0;
fail:
	db->last_errno = mysql_stmt_errno(st);
	return -1;
}

/* A failure inside a transaction that undid it on the server. */
static void
db_tx_break(struct db *db, unsigned err)
{
	if (db->tx == DB_TX_OPEN && (db_gone(err) || db_retryable(err))) {
		db->tx = DB_TX_BROKEN;
		db->tx_errno = err;
	}
}

static int
db_expected(unsigned err)
{
	return err == DB_ER_DUP_ENTRY || err == DB_ER_NO_REFERENCED_ROW ||
	    err == DB_ER_ROW_IS_REFERENCED;
}

/*
 * Runs a static statement with typed arguments.  A lost connection
 * outside a transaction is re-opened, and a DB_SAFE statement tried once
 * more; inside a transaction it breaks the transaction.
 */
int
db_exec(struct db *db, struct arena *a, const struct db_sql *sql,
    const struct db_arg *args, size_t nargs, struct db_res *res)
{
	struct db_res	 scratch;
	unsigned	 err;

	if (res == NULL)
		res = &scratch;
	if (db->tx == DB_TX_BROKEN) {
		db->last_errno = db->tx_errno;
		return -1;
	}
	if (db_exec_once(db, a, sql, args, nargs, res) == 0)
		return 0;
	err = db->last_errno;
	if (db_gone(err)) {
		db_disconnect(db);
		if (db->tx == DB_TX_NONE && (sql->flags & DB_SAFE)) {
			log_warn("db: connection lost, reconnecting");
			if (db_exec_once(db, a, sql, args, nargs, res) == 0)
				return 0;
			err = db->last_errno;
			if (db_gone(err))
				db_disconnect(db);
		}
	}
	db_tx_break(db, err);
	db->last_errno = err;
	if (!db_expected(err))
		log_err("db: \"%.60s\": error %u%s", sql->text, err,
		    db->tx == DB_TX_BROKEN ? "; transaction lost" : "");
	return -1;
}

int
db_begin(struct db *db)
{
	if (db->tx != DB_TX_NONE)
		return log_err("db_begin: a transaction is already open");
	if (db->my == NULL && db_connect(db) == -1)
		return -1;
	db->round_trips++;
	if (mysql_autocommit(db->my, 0)) {
		/* Nothing has started yet: a stale connection may be renewed. */
		db->last_errno = mysql_errno(db->my);
		if (!db_gone(db->last_errno))
			return log_err("db: begin: %s", mysql_error(db->my));
		db_disconnect(db);
		if (db_connect(db) == -1)
			return -1;
		if (mysql_autocommit(db->my, 0)) {
			db->last_errno = mysql_errno(db->my);
			return log_err("db: begin: %s", mysql_error(db->my));
		}
	}
	db->tx = DB_TX_OPEN;
	db->tx_errno = 0;
	return 0;
}

/* Back to autocommit after the transaction ended; a failure closes. */
static void
db_tx_end(struct db *db)
{
	db->tx = DB_TX_NONE;
	db->round_trips++;
	if (db->my != NULL && mysql_autocommit(db->my, 1))
		db_disconnect(db);
}

/*
 * Commits, or fails with the transaction rolled back: a broken one, or
 * a COMMIT refused by the server (a cluster's certification: 1213).
 */
int
db_commit(struct db *db)
{
	unsigned	err;

	if (db->tx != DB_TX_OPEN) {
		db->last_errno = db->tx == DB_TX_BROKEN ? db->tx_errno : 0;
		db_rollback(db);
		return log_err("db: commit of a transaction that %s",
		    db->last_errno ? "was lost" : "was never begun");
	}
	db->round_trips++;
	if (db_fault_due(db))
		err = db->last_errno;	/* an injected deadlock */
	else if (mysql_commit(db->my) == 0) {
		db_tx_end(db);
		return 0;
	} else
		err = mysql_errno(db->my);
	log_err("db: commit: error %u", err);
	if (db_gone(err))
		db_disconnect(db);
	else
		(void)mysql_rollback(db->my);
	db_tx_end(db);
	db->last_errno = err;
	return -1;
}

void
db_rollback(struct db *db)
{
	if (db->tx == DB_TX_NONE)
		return;
	db->round_trips++;
	if (db->my != NULL && mysql_rollback(db->my))
		db_disconnect(db);
	db_tx_end(db);
}

int
db_in_tx(const struct db *db)
{
	return db->tx != DB_TX_NONE;
}

/* Sleeps before try n + 1: DB_TX_BACKOFF_MS << n, less up to half. */
static void
db_backoff(int n)
{
	long		ms = (long)DB_TX_BACKOFF_MS << n;
	unsigned	r = 0;
	struct timespec	ts;

	(void)getrandom(&r, sizeof(r), GRND_NONBLOCK);
	ms -= (long)(r % (unsigned)(ms / 2 + 1));
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Runs fn(arg) in a transaction.  fn returns 0 to commit, a positive
 * value to roll back and have it returned (its own answer, never tried
 * again), -1 on failure.  A failure from a deadlock or a lock wait
 * timeout, COMMIT included, runs fn again from the start, up to
 * DB_TX_TRIES times.  0 committed, -1 failed (db_errno says why).
 */
int
db_tx(struct db *db, int (*fn)(void *), void *arg)
{
	int	try, rc;

	for (try = 1;; try++) {
		if (db_begin(db) == -1)
			return -1;
		rc = fn(arg);
		if (rc > 0) {
			db_rollback(db);
			return rc;
		}
		if (rc == 0 && db->tx == DB_TX_OPEN) {
			if (db_commit(db) == 0)
				return 0;
		} else {
			if (db->tx == DB_TX_BROKEN)
				db->last_errno = db->tx_errno;
			db_rollback(db);
		}
		if (!db_retryable(db->last_errno) || try == DB_TX_TRIES)
			return -1;
		log_warn("db: transaction try %d met error %u; again", try,
		    db->last_errno);
		db_backoff(try);
	}
}

/*
 * After each request: a transaction still open is a bug of the handler;
 * it is rolled back and logged.  -1 when that happened.
 */
int
db_request_done(struct db *db)
{
	int	rc = 0;

	if (db->tx != DB_TX_NONE) {
		log_err("db: a transaction was left open; rolled back");
		db_rollback(db);
		rc = -1;
	}
	db->fault_nth = 0;
	db->fault_kind = db->fault_fired = DB_FAULT_NONE;
	db->fault_in_fetch = 0;
	db->round_trips = 0;
	return rc;
}

/* Statements, transaction boundaries and prepares sent this request. */
unsigned
db_round_trips(const struct db *db)
{
	return db->round_trips;
}

unsigned
db_errno(const struct db *db)
{
	return db->last_errno;
}

/* "N:lost", "N:deadlock", "N:fetchlost": the Nth statement from now fails. */
int
db_fault_arm(struct db *db, const char *spec)
{
#ifdef DB_FAULTS
	char		*end;
	unsigned long	 n;

	if (spec == NULL || strlen(spec) > DB_FAULT_SPEC_MAX)
		return -1;
	n = strtoul(spec, &end, 10);
	if (n == 0 || n > 1000 || *end != ':')
		return -1;
	for (db->fault_kind = DB_FAULT_LOST; db->fault_kind < DB_FAULT__MAX;
	    db->fault_kind++)
		if (strcmp(end + 1, db_fault_names[db->fault_kind]) == 0)
			break;
	if (db->fault_kind == DB_FAULT__MAX)
		return -1;
	db->fault_nth = (unsigned)n;
	db->fault_fired = DB_FAULT_NONE;
	return 0;
#else
	(void)db;
	(void)spec;
	return -1;
#endif
}

/* The name of the fault that fired during this request, or NULL. */
const char *
db_fault_fired(const struct db *db)
{
	return db->fault_fired == DB_FAULT_NONE ? NULL :
	    db_fault_names[db->fault_fired];
}

int
db_schema_version(struct db *db, struct arena *a)
{
	struct db_res	res;

	if (db_exec(db, a, &db_sql_schema, NULL, 0, &res) == -1 ||
	    res.nrows != 1)
		return -1;
	return (int)db_get_i64(&res, 0, 0);
}

int
db_ping(struct db *db)
{
	if (db->my == NULL && db_connect(db) == -1)
		return -1;
	if (mysql_ping(db->my) == 0)
		return 0;
	db_disconnect(db);
	if (db->tx != DB_TX_NONE)
		return -1;
	return db_connect(db);
}

const char *
db_get(const struct db_res *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cells[row * res->ncols + col].s;
}

/*
 * A LIKE pattern for what starts with s (or holds it, anywhere), with
 * % _ \ in s taken literally.
 */
static const char *
db_like(struct arena *a, const char *s, int anywhere)
{
	char	*p = arena_alloc(a, strlen(s) * 2 + 3), *q = p;

	if (anywhere)
		*q++ = '%';
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*q++ = '\\';
		*q++ = *s;
	}
	*q++ = '%';
	*q = '\0';
	return p;
}

/* A LIKE pattern matching s anywhere. */
const char *
db_like_anywhere(struct arena *a, const char *s)
{
	return db_like(a, s, 1);
}

/* A LIKE pattern matching what starts with s (an index range). */
const char *
db_like_prefix(struct arena *a, const char *s)
{
	return db_like(a, s, 0);
}

/* The length of a cell (0 for SQL NULL or out of range). */
size_t
db_len(const struct db_res *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return 0;
	return res->cells[row * res->ncols + col].len;
}

int
db_is_null(const struct db_res *res, size_t row, size_t col)
{
	return db_get(res, row, col) == NULL;
}

uint64_t
db_get_u64(const struct db_res *res, size_t row, size_t col)
{
	const char	*s = db_get(res, row, col);

	return s == NULL ? 0 : strtoull(s, NULL, 10);
}

int64_t
db_get_i64(const struct db_res *res, size_t row, size_t col)
{
	const char	*s = db_get(res, row, col);

	return s == NULL ? 0 : strtoll(s, NULL, 10);
}
