#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "b64url.h"
#include "log.h"
#include "msgid.h"

#define MSGID_PREFIX		"msphub."
#define MSGID_MAC_LEN		B64URL_LEN(MSGID_MAC_BYTES)
#define MSGID_NUM_MAX		20	/* digits of a uint64_t */

/* The MAC of (ticket, nonce), base64url into out[MSGID_MAC_LEN + 1]. */
static int
msgid_mac(char *out, uint64_t ticket, uint64_t nonce, const char *secret)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 len = 0;
	char		 msg[2 * MSGID_NUM_MAX + 2];

	if (secret == NULL || *secret == '\0')
		return log_err("msgid: %s is not set", MSGID_SECRET_CONF);
	snprintf(msg, sizeof(msg), "%" PRIu64 ".%" PRIu64, ticket, nonce);
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, strlen(msg), mac, &len) == NULL ||
	    len < MSGID_MAC_BYTES)
		return log_err("msgid: HMAC-SHA256 failed");
	b64url_encode(out, mac, MSGID_MAC_BYTES);
	return 0;
}

/* The Message-ID, with its angle brackets, for mail about a ticket. */
int
msgid_make(char *buf, size_t size, uint64_t ticket, uint64_t nonce,
    const char *secret, const char *domain)
{
	char	mac[MSGID_MAC_LEN + 1];
	int	n;

	if (msgid_mac(mac, ticket, nonce, secret) == -1)
		return -1;
	n = snprintf(buf, size, "<" MSGID_PREFIX "%" PRIu64 ".%" PRIu64
	    ".%s@%s>", ticket, nonce, mac, domain);
	if (n < 0 || (size_t)n >= size)
		return log_err("msgid: domain too long");
	return 0;
}

/* A decimal number of at most MSGID_NUM_MAX digits ending at '.'. */
static const char *
msgid_number(const char *s, uint64_t *v)
{
	char	*end;

	if (*s < '0' || *s > '9' || strspn(s, "0123456789") > MSGID_NUM_MAX)
		return NULL;
	*v = strtoull(s, &end, 10);
	return *end == '.' ? end + 1 : NULL;
}

/*
 * The ticket a Message-ID of ours names, or 0 when it is not ours or its
 * MAC is wrong.  The brackets are optional; the domain is not checked
 * (it may have changed since the mail was sent).
 */
uint64_t
msgid_ticket(const char *id, const char *secret)
{
	char		 mac[MSGID_MAC_LEN + 1];
	const char	*p = id;
	uint64_t	 ticket, nonce;

	if (*p == '<')
		p++;
	if (strncmp(p, MSGID_PREFIX, strlen(MSGID_PREFIX)) != 0)
		return 0;
	p += strlen(MSGID_PREFIX);
	if ((p = msgid_number(p, &ticket)) == NULL ||
	    (p = msgid_number(p, &nonce)) == NULL || ticket == 0 ||
	    strlen(p) < MSGID_MAC_LEN + 1 || p[MSGID_MAC_LEN] != '@' ||
	    msgid_mac(mac, ticket, nonce, secret) == -1 ||
	    CRYPTO_memcmp(mac, p, MSGID_MAC_LEN) != 0)
		return 0;
	return ticket;
}
