/*
 * Lists filtered on many optional columns (D2 devices; later tickets,
 * alerts and the cross-customer query builder) without catch-all
 * "(? IS NULL OR col = ?)" predicates, which defeat indexes.
 *
 * A list declares a struct filter: the fixed head and tail of its
 * statement and a table of optional conditions, each a compile-time
 * constant SQL fragment with the query field and value type it binds.
 * The conditions a request uses are a bitmask; its statement is the
 * head, the fragments of the set bits in table order, and the tail.  So
 * only text from the table reaches SQL, and every value is bound.
 *
 * Each worker (one connection) prepares one statement per combination it
 * meets and keeps at most FILTER_CACHE_MAX of them; the least recently
 * used is closed to make room.
 */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct db_arg;
struct db_res;
struct field_value;
struct page;

#define FILTER_CONDS_MAX	32	/* conditions of one filter */
#define FILTER_CACHE_MAX	32	/* statements a worker keeps */
#define FILTER_SQL_MAX		4096	/* bytes of one statement's text */
#define FILTER_ARGS_MAX		40	/* values bound to one statement */

enum filter_value {
	FILTER_TEXT,		/* the query field's text (an enum's name) */
	FILTER_INT,		/* its integer (a boolean's 0/1, an id) */
	FILTER_PREFIX,		/* LIKE pattern: starts with the text */
	FILTER_CONTAINS,	/* LIKE pattern: holds the text */
	FILTER_CURSOR,		/* the page's sort key, then its id */
	FILTER_VALUE__MAX
};

/* Every ? of sql binds the value (a cursor: the key, then the id). */
struct filter_cond {
	size_t			 query;	/* the route's query field */
	enum filter_value	 value;
	const char		*sql;	/* " AND type = ?" */
};

struct filter {
	const char		*head;	/* "SELECT ... WHERE customer_id = ?" */
	const struct filter_cond *conds;
	size_t			 nconds;
	const char		*tail;	/* " ORDER BY name, id LIMIT ?" */
};

/* What one request binds: the head's and tail's values are fixed. */
struct filter_args {
	const struct field_value *query;	/* the route's query values */
	const struct page	*page;		/* the cursor, or NULL */
	const struct db_arg	*head;
	size_t			 nhead;
	const struct db_arg	*tail;
	size_t			 ntail;
};

uint64_t filter_mask(const struct filter *, const struct filter_args *);
int	 filter_text(const struct filter *, uint64_t, char *, size_t);
int	 filter_exec(struct db *, struct arena *, const struct filter *,
	    const struct filter_args *, struct db_res *);

#endif
