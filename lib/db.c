#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"

#define DB_PREPARED_MAX	256

struct db {
	MYSQL		*my;
	unsigned	 gen;
	int		 in_tx;
	unsigned	 last_errno;
	struct db_sql	*prepared[DB_PREPARED_MAX];
	size_t		 nprepared;
};

static struct db_sql db_sql_schema = {
	"SELECT COALESCE(MAX(version), 0) FROM schema_version", NULL, 0
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
	    "NO_ENGINE_SUBSTITUTION'");
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
	db->gen++;
	return 0;
}

static void
db_disconnect(struct db *db)
{
	size_t	i;

	for (i = 0; i < db->nprepared; i++) {
		mysql_stmt_close(db->prepared[i]->stmt);
		db->prepared[i]->stmt = NULL;
	}
	db->nprepared = 0;
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->in_tx = 0;
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

/* After a lost connection, outside a transaction: connect again. */
static int
db_reconnect(struct db *db)
{
	log_warn("db: connection lost, reconnecting");
	db_disconnect(db);
	return db_connect(db);
}

static MYSQL_STMT *
db_prepare(struct db *db, struct db_sql *sql)
{
	MYSQL_STMT	*st;

	if (sql->stmt != NULL && sql->gen == db->gen)
		return sql->stmt;
	if (db->my == NULL && db_connect(db) == -1)
		return NULL;
	if (db->nprepared == DB_PREPARED_MAX) {
		log_err("db: more than %d statements", DB_PREPARED_MAX);
		return NULL;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL) {
		db->last_errno = mysql_errno(db->my);
		log_err("db: mysql_stmt_init: %s", mysql_error(db->my));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql->text, (unsigned long)strlen(sql->text))) {
		db->last_errno = mysql_stmt_errno(st);
		log_err("db: prepare \"%.60s\": %s", sql->text,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	sql->stmt = st;
	sql->gen = db->gen;
	db->prepared[db->nprepared++] = sql;
	return st;
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

static int
db_exec_once(struct db *db, struct arena *a, struct db_sql *sql,
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
	db_bind_args(b, args, nargs);
	if ((nargs > 0 && mysql_stmt_bind_param(st, b)) ||
	    mysql_stmt_execute(st))
		goto fail;
	memset(res, 0, sizeof(*res));
	if ((meta = mysql_stmt_result_metadata(st)) != NULL) {
		rc = db_fetch_all(st, a, res);
		mysql_free_result(meta);
		mysql_stmt_free_result(st);
		if (rc == -1)
			goto fail;
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

/*
 * Runs a static statement with typed arguments.  A lost connection
 * outside a transaction is re-opened and the statement tried once more.
 */
int
db_exec(struct db *db, struct arena *a, struct db_sql *sql,
    const struct db_arg *args, size_t nargs, struct db_res *res)
{
	struct db_res	 scratch;

	if (res == NULL)
		res = &scratch;
	if (db_exec_once(db, a, sql, args, nargs, res) == 0)
		return 0;
	if (db_gone(db->last_errno) && !db->in_tx && db_reconnect(db) == 0 &&
	    db_exec_once(db, a, sql, args, nargs, res) == 0)
		return 0;
	if (db->last_errno != DB_ER_DUP_ENTRY &&
	    db->last_errno != DB_ER_NO_REFERENCED_ROW &&
	    db->last_errno != DB_ER_ROW_IS_REFERENCED)
		log_err("db: \"%.60s\": error %u: %s", sql->text,
		    db->last_errno, sql->stmt != NULL ?
		    mysql_stmt_error(sql->stmt) : "not prepared");
	if (db_gone(db->last_errno))
		db_disconnect(db);
	return -1;
}

int
db_begin(struct db *db)
{
	if (db->my == NULL && db_connect(db) == -1)
		return -1;
	if (mysql_autocommit(db->my, 0)) {
		db->last_errno = mysql_errno(db->my);
		if (!db_gone(db->last_errno) || db_reconnect(db) == -1 ||
		    mysql_autocommit(db->my, 0))
			return log_err("db: begin: %s", db->my ?
			    mysql_error(db->my) : "no connection");
	}
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	int	rc = 0;

	if (db->my == NULL)
		return -1;
	if (mysql_commit(db->my)) {
		db->last_errno = mysql_errno(db->my);
		rc = log_err("db: commit: %s", mysql_error(db->my));
		mysql_rollback(db->my);
	}
	db->in_tx = 0;
	if (db->my != NULL && mysql_autocommit(db->my, 1))
		db_disconnect(db);
	return rc;
}

void
db_rollback(struct db *db)
{
	db->in_tx = 0;
	if (db->my == NULL)
		return;
	if (mysql_rollback(db->my) || mysql_autocommit(db->my, 1))
		db_disconnect(db);
}

unsigned
db_errno(const struct db *db)
{
	return db->last_errno;
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
	return db_reconnect(db);
}

const char *
db_get(const struct db_res *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cells[row * res->ncols + col].s;
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
