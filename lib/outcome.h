/*
 * What one write came to, before it is a reply: a bulk or CSV import
 * reports it per record, a single write turns it into the reply.
 * status 0 is success.
 */
#ifndef OUTCOME_H
#define OUTCOME_H

#include <stdint.h>

struct ctx;

struct outcome {
	int		 status;
	const char	*code;
	const char	*message;
	const char	*field;
	uint64_t	 id;
	int		 created;
	int		 changed;
};

int	outcome_fail(struct outcome *, int, const char *, const char *,
	    const char *);
int	outcome_db_fail(struct outcome *);
int	outcome_reply(struct ctx *, const struct outcome *);

#endif
