/* cgi/mailbox's handlers in other files. */
#ifndef MAILBOX_H
#define MAILBOX_H

#include "field.h"
#include "page.h"

struct ctx;

/* The query of GET /api/v1/mailbox/outbound. */
enum outbound_query {
	OUTBOUND_Q_STATUS,
	OUTBOUND_Q_LIMIT,
	OUTBOUND_Q_AFTER,
	OUTBOUND_Q__MAX
};

extern const struct field_spec outbound_query[OUTBOUND_Q__MAX];

int	outbound_list(struct ctx *);
int	outbound_retry(struct ctx *);

#endif
