/*
 * The filter builder (lib/filter.h).  A statement is assembled by
 * copying compile-time constant fragments of a filter table, chosen by a
 * bitmask; no value is ever copied into SQL text.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "db.h"
#include "field.h"
#include "filter.h"
#include "log.h"
#include "page.h"

struct filter_stmt {
	const struct filter	*filter;	/* NULL: a free slot */
	uint64_t		 mask;
	uint64_t		 used;		/* the tick it last ran at */
	struct db_sql		 sql;
	char			 text[FILTER_SQL_MAX];
};

/* One worker, one connection: these are that connection's statements. */
static struct filter_stmt	filter_stmts[FILTER_CACHE_MAX];
static uint64_t			filter_tick;

/* The conditions the request uses: bit i for conds[i]. */
uint64_t
filter_mask(const struct filter *f, const struct filter_args *fa)
{
	const struct field_value	*v;
	uint64_t			 mask = 0;
	size_t				 i;

	for (i = 0; i < f->nconds && i < FILTER_CONDS_MAX; i++) {
		if (f->conds[i].value == FILTER_CURSOR) {
			if (fa->page != NULL && fa->page->after)
				mask |= (uint64_t)1 << i;
			continue;
		}
		v = &fa->query[f->conds[i].query];
		if (v->present && !v->null && (f->conds[i].value ==
		    FILTER_INT || v->len > 0))
			mask |= (uint64_t)1 << i;
	}
	return mask;
}

static int
filter_append(char *buf, size_t size, size_t *len, const char *s)
{
	size_t	n = strlen(s);

	if (*len + n >= size)
		return -1;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
	return 0;
}

/*
 * The statement of mask into buf: head, the set conditions' fragments in
 * table order, tail.  0, or -1 if it does not fit.
 */
int
filter_text(const struct filter *f, uint64_t mask, char *buf, size_t size)
{
	size_t	len = 0, i;

	if (size == 0 || filter_append(buf, size, &len, f->head) == -1)
		return log_err("filter: the head does not fit");
	for (i = 0; i < f->nconds && i < FILTER_CONDS_MAX; i++)
		if ((mask & ((uint64_t)1 << i)) &&
		    filter_append(buf, size, &len, f->conds[i].sql) == -1)
			return log_err("filter: statement too long");
	if (filter_append(buf, size, &len, f->tail) == -1)
		return log_err("filter: statement too long");
	return 0;
}

/* The prepared statement of (f, mask), made room for if need be. */
static const struct db_sql *
filter_stmt(struct db *db, const struct filter *f, uint64_t mask)
{
	struct filter_stmt	*s, *victim = &filter_stmts[0];
	size_t			 i;

	for (i = 0; i < FILTER_CACHE_MAX; i++) {
		s = &filter_stmts[i];
		if (s->filter == f && s->mask == mask) {
			s->used = ++filter_tick;
			return &s->sql;
		}
		if (s->used < victim->used)
			victim = s;
	}
	if (victim->filter != NULL)
		db_forget(db, &victim->sql);
	victim->filter = NULL;
	if (filter_text(f, mask, victim->text, sizeof(victim->text)) == -1)
		return NULL;
	victim->filter = f;
	victim->mask = mask;
	victim->used = ++filter_tick;
	victim->sql.text = victim->text;
	victim->sql.flags = DB_SAFE;
	return &victim->sql;
}

/* The value of condition c for this request into args; their count. */
static size_t
filter_bind(struct arena *a, const struct filter_cond *c,
    const struct filter_args *fa, struct db_arg *args, size_t room)
{
	const struct field_value	*v = &fa->query[c->query];
	const char			*p;
	struct db_arg			 arg;
	size_t				 n = 0;

	switch (c->value) {
	case FILTER_CURSOR:
		if (room < 2)
			return 0;
		args[0] = db_str(fa->page->after_key);
		args[1] = db_u64(fa->page->after_id);
		return 2;
	case FILTER_INT:
		arg = db_i64(v->i);
		break;
	case FILTER_PREFIX:
		arg = db_str(db_like_prefix(a, v->s));
		break;
	case FILTER_CONTAINS:
		arg = db_str(db_like_anywhere(a, v->s));
		break;
	default:
		arg = db_str(v->s);
		break;
	}
	for (p = c->sql; (p = strchr(p, '?')) != NULL && n < room; p++)
		args[n++] = arg;
	return n;
}

/* Runs the list: 0, or -1 (logged). */
int
filter_exec(struct db *db, struct arena *a, const struct filter *f,
    const struct filter_args *fa, struct db_res *res)
{
	struct db_arg		 args[FILTER_ARGS_MAX];
	const struct db_sql	*sql;
	uint64_t		 mask = filter_mask(f, fa);
	size_t			 n, i;

	if (fa->nhead + fa->ntail > FILTER_ARGS_MAX)
		return log_err("filter: too many values");
	/* A list without head values (the customers') passes head NULL. */
	if (fa->nhead > 0)
		memcpy(args, fa->head, fa->nhead * sizeof(*args));
	n = fa->nhead;
	for (i = 0; i < f->nconds && i < FILTER_CONDS_MAX; i++)
		if (mask & ((uint64_t)1 << i))
			n += filter_bind(a, &f->conds[i], fa, args + n,
			    FILTER_ARGS_MAX - fa->ntail - n);
	memcpy(args + n, fa->tail, fa->ntail * sizeof(*args));
	n += fa->ntail;
	if ((sql = filter_stmt(db, f, mask)) == NULL)
		return -1;
	return db_exec(db, a, sql, args, n, res);
}
