/*
 * Who does a write: a signed-in user, a service (the MTA, a vendor's
 * webhook) or the command line.  Audit rows and timeline events are
 * written for an actor, so code with no request (msphub-user, the job
 * worker) needs no fake request context.
 */
#ifndef ACTOR_H
#define ACTOR_H

#include <stdint.h>

enum actor_kind {
	ACTOR_USER,		/* id is the user's */
	ACTOR_SERVICE,		/* name is the service's */
	ACTOR_SYSTEM,		/* a command run on the host */
	ACTOR__MAX
};

struct actor {
	enum actor_kind	 kind;
	uint64_t	 id;		/* user id; 0 for the others */
	const char	*name;
	const char	*addr;		/* client address, or NULL */
};

#endif
