/*
 * Counts and sums per customer kept on write (H3, H4): every insert,
 * delete or move of a counted record adds to them in its transaction.
 */
#ifndef COUNTS_H
#define COUNTS_H

#include <stdint.h>

struct arena;
struct db;

enum count {
	COUNT_CONTACTS,
	COUNT_SITES_BY_STATUS,		/* qualified by the location's status */
	COUNT_ASSETS_OWNED,
	COUNT_ASSETS_LOCATED,		/* at the customer's locations */
	COUNT_ASSETS_BY_STATUS,		/* owned; qualified by status */
	COUNT_DEVICES,
	COUNT_DEVICES_BY_TYPE,		/* qualified by the device type */
	COUNT_CONTRACTS,
	COUNT_INVOICES,
	COUNT_PROJECTS,
	COUNT_INVOICED_MINOR,	/* by currency: totals of sent invoices */
	COUNT_OPEN_MINOR,	/* by currency: total - paid of sent ones */
	COUNT_OPEN_TICKETS,	/* open + pending, not spam (C2, H4) */
	COUNT__MAX
};

#define COUNT_QUALIFIER_MAX	32

int	counts_add(struct db *, struct arena *, uint64_t, enum count,
	    const char *, int64_t);

#endif
