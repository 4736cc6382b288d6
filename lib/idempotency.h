/*
 * Idempotency-Key on POST (runtime issue §1).  A commit whose connection
 * drops may have succeeded, so a client cannot tell whether to send a
 * POST again.  With a key it can: the key and the reply are stored in the
 * transaction of the write (ctx_tx), a repeat with the same key and body
 * gets the stored reply, the same key with another body is 422.  Keys
 * belong to the user (or service) that sent them and last 24 hours.
 */
#ifndef IDEMPOTENCY_H
#define IDEMPOTENCY_H

#include <openssl/sha.h>

struct ctx;

#define IDEMPOTENCY_KEY_MAX	255
#define IDEMPOTENCY_HEADER	"Idempotency-Key"

struct idempotency {
	const char	*key;		/* NULL: the request has none */
	const char	*owner;		/* "u:<user id>", "s:<service>" */
	unsigned char	 hash[SHA256_DIGEST_LENGTH];
	int		 stored;
};

int	idempotency_check(struct ctx *);
int	idempotency_store(struct ctx *, int);
int	idempotency_replay(struct ctx *);
int	idempotency_after(struct ctx *, int);

#endif
