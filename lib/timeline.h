/*
 * The customer timeline (H7): an append-only stream of events, written in
 * the same transaction as the change it records.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdint.h>

struct ctx;

#define TIMELINE_SOURCE_HUB	"msphub"
#define TIMELINE_SUMMARY_MAX	500

int	timeline_add(struct ctx *, uint64_t, const char *, const char *,
	    const char *, uint64_t);

#endif
