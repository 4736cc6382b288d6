/*
 * MariaDB access.  One connection per worker process.  SQL is static text
 * in per-family tables (lib/db_*.c) of struct db_sql; each statement is
 * prepared on first use and reused for the life of the connection.  No
 * function here accepts SQL built at run time.
 *
 * Results come back as text cells copied into the request arena, so they
 * stay valid after the next statement runs.
 */
#ifndef DB_H
#define DB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct arena;

/* The newest migration in sql/ this build knows; checked at start-up. */
#define DB_SCHEMA_VERSION	20

#define DB_ARGS_MAX		48
#define DB_CELL_INLINE		64
#define DB_CONNECT_TIMEOUT	5
#define DB_RW_TIMEOUT		30
/*
 * Seconds a statement waits for a row lock: well under DB_RW_TIMEOUT, so
 * a long wait ends as 1205, which db_tx() retries, not as a read timeout
 * that drops the connection.
 */
#define DB_LOCK_WAIT		"5"

/* MariaDB errors the callers turn into HTTP answers. */
#define DB_ER_DUP_ENTRY		1062
#define DB_ER_NO_REFERENCED_ROW	1452
#define DB_ER_ROW_IS_REFERENCED	1451
#define DB_ER_LOCK_WAIT_TIMEOUT	1205
#define DB_ER_LOCK_DEADLOCK	1213

/* db_tx: tries of a transaction that meets deadlocks or lock wait timeouts. */
#define DB_TX_TRIES		5
#define DB_TX_BACKOFF_MS	8	/* first wait; doubles, with jitter */

struct db;

/*
 * A static statement.  DB_SAFE marks a read with no side effect: after a
 * lost connection, outside a transaction, it is re-run on a new one.
 * Nothing else ever is (an insert may have been applied before the loss).
 */
#define DB_SAFE		0x01

struct db_sql {
	const char	*text;
	unsigned	 flags;
};

enum db_type {
	DB_NULL,
	DB_I64,
	DB_U64,
	DB_DOUBLE,
	DB_STR,
	DB_BLOB
};

struct db_arg {
	enum db_type	 type;
	int64_t		 i;
	uint64_t	 u;
	double		 d;
	const void	*s;
	size_t		 len;
};

/* Columns of every statement that returns (id, name) pairs. */
enum db_pair_col {
	DB_PAIR_ID,
	DB_PAIR_NAME,
	DB_PAIR__MAX
};

struct db_cell {
	const char	*s;	/* NULL for SQL NULL; else NUL-terminated */
	size_t		 len;
};

struct db_res {
	size_t		 nrows;
	size_t		 ncols;
	struct db_cell	*cells;
	uint64_t	 affected;
	uint64_t	 insert_id;
};

static inline struct db_arg
db_null(void)
{
	struct db_arg a = { .type = DB_NULL };
	return a;
}

static inline struct db_arg
db_u64(uint64_t u)
{
	struct db_arg a = { .type = DB_U64, .u = u };
	return a;
}

static inline struct db_arg
db_i64(int64_t i)
{
	struct db_arg a = { .type = DB_I64, .i = i };
	return a;
}

static inline struct db_arg
db_dbl(double d)
{
	struct db_arg a = { .type = DB_DOUBLE, .d = d };
	return a;
}

/* NULL becomes SQL NULL. */
static inline struct db_arg
db_str(const char *s)
{
	struct db_arg a = { .type = s == NULL ? DB_NULL : DB_STR, .s = s,
	    .len = s == NULL ? 0 : strlen(s) };
	return a;
}

static inline struct db_arg
db_blob(const void *p, size_t len)
{
	struct db_arg a = { .type = DB_BLOB, .s = p, .len = len };
	return a;
}

/* An id of 0 means "none" and binds SQL NULL. */
static inline struct db_arg
db_id_or_null(uint64_t u)
{
	return u == 0 ? db_null() : db_u64(u);
}

#define DB_NARGS(...)	(sizeof((const struct db_arg[]){ __VA_ARGS__ }) / \
			    sizeof(struct db_arg))
#define DB_EXEC(db, a, sql, res, ...) \
	db_exec((db), (a), (sql), (const struct db_arg[]){ __VA_ARGS__ }, \
	    DB_NARGS(__VA_ARGS__), (res))

struct db	*db_open(void);
void		 db_close(struct db *);
int		 db_exec(struct db *, struct arena *, const struct db_sql *,
		    const struct db_arg *, size_t, struct db_res *);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_tx(struct db *, int (*)(void *), void *);
int		 db_in_tx(const struct db *);
int		 db_request_done(struct db *);
unsigned	 db_errno(const struct db *);
int		 db_retryable(unsigned);
int		 db_schema_version(struct db *, struct arena *);
int		 db_ping(struct db *);
void		 db_forget(struct db *, const struct db_sql *);

/*
 * Fault injection (test builds, ./configure --enable-fault-injection):
 * the Nth statement from now (COMMIT counts) fails as if the connection
 * were lost (the socket is really shut down, before the statement is sent
 * or after it ran and before its rows are read) or as a deadlock victim
 * (the server's transaction is really rolled back).
 */
enum db_fault {
	DB_FAULT_NONE,
	DB_FAULT_LOST,
	DB_FAULT_DEADLOCK,
	DB_FAULT_LOST_IN_FETCH,	/* after execute, while rows stream */
	DB_FAULT__MAX
};

int		 db_fault_arm(struct db *, const char *);
unsigned	 db_round_trips(const struct db *);
const char	*db_fault_fired(const struct db *);

const char	*db_get(const struct db_res *, size_t, size_t);
uint64_t	 db_get_u64(const struct db_res *, size_t, size_t);
int64_t		 db_get_i64(const struct db_res *, size_t, size_t);
int		 db_is_null(const struct db_res *, size_t, size_t);
size_t		 db_len(const struct db_res *, size_t, size_t);
const char	*db_like_anywhere(struct arena *, const char *);
const char	*db_like_prefix(struct arena *, const char *);

#endif
