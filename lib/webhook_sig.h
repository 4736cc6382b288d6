/*
 * Signatures of signed requests (webhooks), checked over the raw body
 * before anything is parsed: Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature: "v1,<base64>" ...; HMAC-SHA256
 * over "id.timestamp.body" with a "whsec_<base64>" secret) and GitHub's
 * X-Hub-Signature-256: sha256=<hex> (HMAC-SHA256 over the body).
 */
#ifndef WEBHOOK_SIG_H
#define WEBHOOK_SIG_H

#include <stddef.h>
#include <time.h>

#define WEBHOOK_SIG_TOLERANCE	(5 * 60)	/* seconds either way */
#define WEBHOOK_SIG_KEY_MAX	256		/* key bytes */
#define WEBHOOK_SIG_ID_MAX	256

enum webhook_sig_scheme {
	WEBHOOK_SIG_STANDARD,	/* Standard Webhooks */
	WEBHOOK_SIG_GITHUB,	/* X-Hub-Signature-256 */
	WEBHOOK_SIG__MAX
};

enum webhook_sig_result {
	WEBHOOK_SIG_OK,
	WEBHOOK_SIG_BAD,	/* missing, malformed or wrong */
	WEBHOOK_SIG_STALE,	/* timestamp outside the tolerance */
	WEBHOOK_SIG_RESULT__MAX
};

/* A request header by name, or NULL. */
typedef const char *(*webhook_sig_header_fn)(void *, const char *);

enum webhook_sig_result webhook_sig_verify(enum webhook_sig_scheme,
	    const char *, const void *, size_t, time_t, webhook_sig_header_fn,
	    void *);

#endif
