/*
 * Customer mail domains (M3): the one normal form every domain is kept
 * and compared in (trimmed, lower-case A-label, no trailing dot), and the
 * domains that may never belong to one customer.
 */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stddef.h>

#define DOMAIN_MAX		253	/* characters of an A-label name */
#define DOMAIN_LABEL_MAX	63
#define DOMAIN_INPUT_MAX	1024	/* bytes of a U-label name sent */
#define DOMAIN_UNICODE_MAX	1024	/* bytes of a name shown with U-labels */

enum domain_refusal {
	DOMAIN_ACCEPTED,
	DOMAIN_MALFORMED,
	DOMAIN_FREEMAIL,
	DOMAIN_PUBLIC_SUFFIX,
	DOMAIN__MAX
};

/* The error code and message of each refusal (DOMAIN_ACCEPTED: none). */
struct domain_reason {
	const char	*code;
	const char	*message;
};

extern const struct domain_reason domain_reasons[DOMAIN__MAX];

int			domain_normalise(const char *, char *, size_t);
const char		*domain_unicode(const char *, char *, size_t);
enum domain_refusal	domain_refusal(const char *);
enum domain_refusal	domain_check(const char *, char *, size_t);

#endif
