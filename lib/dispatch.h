/*
 * The request context handed to handlers, and the dispatcher that fills
 * it: route lookup, authentication from the route's declared access,
 * CSRF, body limits, content type and field validation all happen here,
 * before any handler runs.
 */
#ifndef DISPATCH_H
#define DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "field.h"
#include "idempotency.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "session.h"
#include "want.h"

struct arena;
struct db;
struct db_res;
struct db_sql;
struct json_object;

struct app {
	const char		*name;		/* listens on NAME.sock */
	const struct route	*routes;
	size_t			 nroutes;
	int			(*init)(void);	/* per worker; NULL: none */
};

struct ctx {
	struct arena		*arena;
	struct db		*db;
	struct req		 req;
	struct resp		 resp;
	struct session_user	 user;		/* id 0: not signed in */
	struct actor		 actor;		/* who writes: the user */
	struct idempotency	 idem;
	struct want_customer	 customer;	/* a /customers/{id}/ route's */
	uint64_t		 ids[ROUTE_IDS_MAX];
	size_t			 nids;
	struct field_value	*query;		/* route's query fields */
	struct field_value	*in;		/* route's body fields */
	struct json_object	*body;		/* parsed JSON body */
	const struct route	*route;
	void			*area;		/* the program's per-request state */
};

int	dispatch(const struct app *, struct ctx *);

int	ctx_data(struct ctx *, int, struct json_object *);
int	ctx_error(struct ctx *, int, const char *, const char *);
int	ctx_field_error(struct ctx *, const struct field_error *);
int	ctx_db_error(struct ctx *);
int	ctx_not_found(struct ctx *, const char *);
int	ctx_lock_child(struct ctx *, const struct db_sql *, const char *,
	    struct db_res *);
int	ctx_if_match(struct ctx *, uint64_t *);
int	ctx_etag(struct ctx *, uint64_t);
int	ctx_record(struct ctx *, int, struct json_object *, uint64_t,
	    const char *);
int	ctx_conflict(struct ctx *, const char *, struct json_object *,
	    uint64_t);
int	ctx_write_error(struct ctx *, const char *, const char *,
	    const char *);
int	ctx_tx(struct ctx *, int (*)(struct ctx *, void *), void *);
int	ctx_tx_versioned(struct ctx *, int (*)(struct ctx *, void *));

#endif
