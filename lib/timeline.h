/*
 * The customer timeline (H7): an append-only stream of events, written in
 * the same transaction as the change it records.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

#define TIMELINE_SOURCE_HUB	"msphub"
#define TIMELINE_SUMMARY_MAX	500

/* One event: what happened to which object of which customer. */
struct timeline_event {
	uint64_t	 customer_id;
	const char	*kind;		/* "customer.updated" */
	const char	*summary;
	const char	*object_type;
	uint64_t	 object_id;
};

int	timeline_add(struct db *, struct arena *, const struct actor *,
	    const struct timeline_event *);

#endif
