/*
 * M4: the Message-IDs of the mail msphub sends.  Each names its ticket
 * and carries an HMAC keyed by the installation's mail secret, so a reply
 * whose In-Reply-To or References holds one threads onto that ticket and
 * nobody can forge one for a ticket they were never sent:
 *
 *	<msphub.<ticket>.<nonce>.<mac>@<domain>>
 *
 * mac is the first MSGID_MAC_BYTES of HMAC-SHA256(secret,
 * "<ticket>.<nonce>"), base64url.
 */
#ifndef MSGID_H
#define MSGID_H

#include <stddef.h>
#include <stdint.h>

#define MSGID_MAC_BYTES		12
#define MSGID_MAX		256	/* bytes of an ID we make, NUL included */
#define MSGID_SECRET_CONF	"MSPHUB_MAIL_SECRET"
#define MSGID_DOMAIN_CONF	"MSPHUB_MAIL_DOMAIN"

int		msgid_make(char *, size_t, uint64_t, uint64_t, const char *,
		    const char *);
uint64_t	msgid_ticket(const char *, const char *);

#endif
