#include "config.h"

#include <string.h>

#include "db.h"
#include "db_customer.h"
#include "dispatch.h"
#include "want.h"

enum want {
	WANT_CUSTOMER,
	WANT__MAX
};

struct want_spec {
	const char	*prefix;	/* of the route's pattern */
	int		(*load)(struct ctx *);
};

/* 0 with c->customer filled, or 404 / 503 with the reply. */
static int
want_customer(struct ctx *c)
{
	struct db_res	res;

	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_WANT], &res,
	    db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "customer");
	c->customer.id = db_get_u64(&res, 0, CUSTOMER_WANT_ID);
	c->customer.name = db_get(&res, 0, CUSTOMER_WANT_NAME);
	c->customer.archived = db_get_i64(&res, 0, CUSTOMER_WANT_ARCHIVED) == 1;
	c->customer.version = db_get_u64(&res, 0, CUSTOMER_WANT_VERSION);
	return 0;
}

static const struct want_spec wants[WANT__MAX] = {
	{ "/api/v1/customers/{id}/", want_customer }, /* WANT_CUSTOMER */
};

/*
 * Loads what the route's path names: 0, or the status of the answer
 * given (404 when it does not exist).  A route that reads it with the
 * rest of its reply (own_load) is left to do so.
 */
int
want_load(struct ctx *c)
{
	return c->route->own_load ? 0 : want_load_now(c);
}

/*
 * The same, now: for an own_load handler whose read found nothing, to
 * tell an empty list from a path that names nothing.
 */
int
want_load_now(struct ctx *c)
{
	size_t	i;
	int	rc;

	for (i = 0; i < WANT__MAX; i++)
		if (strncmp(c->route->pattern, wants[i].prefix,
		    strlen(wants[i].prefix)) == 0 &&
		    (rc = wants[i].load(c)) != 0)
			return rc;
	return 0;
}
