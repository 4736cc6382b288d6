/*
 * Route tables: method + path pattern + the access a caller needs + the
 * fields it takes.  Patterns are literal segments and "{id}" segments,
 * which match a positive decimal id and are handed to the handler.
 * HEAD is answered by the GET route of the path (RFC 9110 §9.3.2).
 */
#ifndef ROUTE_H
#define ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "req.h"
#include "webhook_sig.h"

struct ctx;
struct field_spec;

#define ROUTE_IDS_MAX		4
#define ROUTE_BODY_DEFAULT	(64 * 1024)
#define ROUTE_BODY_MAX		(25 * 1024 * 1024)	/* a raw mail message */

enum access {
	ACCESS_PUBLIC,		/* no session needed */
	ACCESS_READ,		/* any signed-in user */
	ACCESS_WRITE,		/* admin, technician, account_manager */
	ACCESS_ADMIN,		/* admin only */
	ACCESS_SERVICE,		/* bearer token from the configuration */
	ACCESS_SIGNED,		/* signature over the raw body and headers */
	ACCESS__MAX
};

enum route_body {
	BODY_NONE,		/* no body is read */
	BODY_OBJECT,		/* JSON object checked against body fields */
	BODY_ARRAY,		/* JSON array; the handler checks its items */
	BODY_RAW,		/* bytes of one of the route's media types */
	BODY__MAX
};

typedef int (*route_handler)(struct ctx *);

/* ACCESS_SIGNED: the secret for this request: 0, 1 (none), or -1. */
typedef int (*route_secret)(struct ctx *, const char **);

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
	const char *const		*types;		/* BODY_RAW, NULL-ended */
	uint64_t			 required;	/* ROUTE_BIT(field index) */
	const char			*service;	/* actor's name */
	const char			*token_conf;	/* its token's key */
	enum webhook_sig_scheme		 sig;		/* ACCESS_SIGNED */
	route_secret			 secret;	/* ACCESS_SIGNED */
	int				 own_load;	/* the handler loads */
};

/* Required fields of a route: absent or null is 400 "required". */
#define ROUTE_FIELDS_MAX	64
#define ROUTE_BIT(i)		((uint64_t)1 << (i))

/* Designated initializers for a route's query and body field tables. */
#define ROUTE_QUERY(a)	.query = (a), .nquery = sizeof(a) / sizeof((a)[0])
#define ROUTE_FIELDS(a)	.fields = (a), .nfields = sizeof(a) / sizeof((a)[0])

int	route_match(const char *, const char *, uint64_t *, size_t *);
int	route_find(const struct route *, size_t, enum req_method, const char *,
	    uint64_t *, size_t *, int *);
char	*route_allowed(const struct route *, size_t, const char *,
	    struct arena *);

#endif
