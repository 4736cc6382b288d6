/*
 * What a route's path names, loaded by the dispatcher before the handler
 * runs (as cgit's want_repo): a route under /api/v1/customers/{id}/ gets
 * its customer in c->customer, or the request is answered 404.
 */
#ifndef WANT_H
#define WANT_H

#include <stdint.h>

struct ctx;

struct want_customer {
	uint64_t	 id;		/* 0: the route names no customer */
	const char	*name;
	int		 archived;
	uint64_t	 version;
};

int	want_load(struct ctx *);
int	want_load_now(struct ctx *);

#endif
