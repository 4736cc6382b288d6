/*
 * Route tables: method + path pattern + the access a caller needs + the
 * fields it takes.  Patterns are literal segments and "{id}" segments,
 * which match a positive decimal id and are handed to the handler.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "req.h"

struct ctx;
struct field_spec;

#define ROUTE_IDS_MAX		4
#define ROUTE_BODY_DEFAULT	(64 * 1024)

enum access {
	ACCESS_PUBLIC,		/* no session needed */
	ACCESS_READ,		/* any signed-in user */
	ACCESS_WRITE,		/* admin, technician, account_manager */
	ACCESS_ADMIN,		/* admin only */
	ACCESS__MAX
};

enum route_body {
	BODY_NONE,		/* no body is read */
	BODY_OBJECT,		/* JSON object checked against body fields */
	BODY_ARRAY		/* JSON array; the handler checks its items */
};

typedef int (*route_handler)(struct ctx *);

struct route {
	enum req_method			 method;
	const char			*pattern;
	enum access			 access;
	route_handler			 handler;
	const struct field_spec		*query;
	size_t				 nquery;
	enum route_body			 body;
	const struct field_spec		*fields;
	size_t				 nfields;
	size_t				 body_max;	/* 0: ROUTE_BODY_DEFAULT */
};

int	route_match(const char *, const char *, uint64_t *, size_t *);
int	route_find(const struct route *, size_t, enum req_method, const char *,
	    uint64_t *, size_t *, int *);
char	*route_allowed(const struct route *, size_t, const char *,
	    struct arena *);

#endif
