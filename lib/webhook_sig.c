#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "log.h"
#include "webhook_sig.h"

#define WEBHOOK_SIG_MAC_LEN	32			/* SHA-256 */
#define WEBHOOK_SIG_B64_LEN	44			/* of the MAC */
#define WEBHOOK_SIG_TS_MAX	12			/* digits */
#define WEBHOOK_SIG_SECRET_PREFIX	"whsec_"
#define WEBHOOK_SIG_GITHUB_PREFIX	"sha256="

/* One part of the signed content. */
struct webhook_sig_part {
	const void	*p;
	size_t		 len;
};

/* HMAC-SHA256 of the parts in order: 0, or -1. */
static int
webhook_sig_mac(const unsigned char *key, size_t keylen,
    const struct webhook_sig_part *parts, size_t nparts, unsigned char *out)
{
	OSSL_PARAM	 params[2];
	EVP_MAC		*mac;
	EVP_MAC_CTX	*ctx = NULL;
	size_t		 i, len;
	int		 ok = 0;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) != NULL &&
	    (ctx = EVP_MAC_CTX_new(mac)) != NULL &&
	    EVP_MAC_init(ctx, key, keylen, params) == 1) {
		ok = 1;
		for (i = 0; i < nparts && ok; i++)
			ok = EVP_MAC_update(ctx, parts[i].p, parts[i].len) == 1;
		ok = ok && EVP_MAC_final(ctx, out, &len,
		    WEBHOOK_SIG_MAC_LEN) == 1 && len == WEBHOOK_SIG_MAC_LEN;
	}
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : log_err("webhook_sig: HMAC-SHA256 failed");
}

/* Decodes padded base64 into out (at most max bytes): the length, or -1. */
static int
webhook_sig_b64(const char *s, unsigned char *out, size_t max)
{
	unsigned char	buf[WEBHOOK_SIG_KEY_MAX + 3];
	size_t		len = strlen(s);
	int		n;

	if (len == 0 || len % 4 != 0 || len / 4 * 3 > sizeof(buf))
		return -1;
	if ((n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len)) < 0)
		return -1;
	/* EVP_DecodeBlock counts the padding as zero bytes. */
	n -= (s[len - 1] == '=') + (s[len - 2] == '=');
	if ((size_t)n > max)
		return -1;
	memcpy(out, buf, (size_t)n);
	OPENSSL_cleanse(buf, sizeof(buf));
	return n;
}

/* A Unix time of digits only within the tolerance of now. */
static enum webhook_sig_result
webhook_sig_fresh(const char *ts, time_t now)
{
	int64_t	t = 0;
	size_t	i, len = strlen(ts);

	if (len == 0 || len > WEBHOOK_SIG_TS_MAX)
		return WEBHOOK_SIG_BAD;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)ts[i]))
			return WEBHOOK_SIG_BAD;
		t = t * 10 + (ts[i] - '0');
	}
	if (t < (int64_t)now - WEBHOOK_SIG_TOLERANCE ||
	    t > (int64_t)now + WEBHOOK_SIG_TOLERANCE)
		return WEBHOOK_SIG_STALE;
	return WEBHOOK_SIG_OK;
}

static enum webhook_sig_result
webhook_sig_standard(const char *secret, const void *body, size_t len,
    time_t now, webhook_sig_header_fn hdr, void *arg)
{
	unsigned char		 key[WEBHOOK_SIG_KEY_MAX];
	unsigned char		 mac[WEBHOOK_SIG_MAC_LEN];
	char			 b64[WEBHOOK_SIG_B64_LEN + 1];
	const char		*id = hdr(arg, "webhook-id");
	const char		*ts = hdr(arg, "webhook-timestamp");
	const char		*sig = hdr(arg, "webhook-signature");
	const char		*s;
	enum webhook_sig_result	 rc;
	int			 keylen;
	size_t			 n;

	if (id == NULL || ts == NULL || sig == NULL || *id == '\0' ||
	    strlen(id) > WEBHOOK_SIG_ID_MAX)
		return WEBHOOK_SIG_BAD;
	if ((rc = webhook_sig_fresh(ts, now)) != WEBHOOK_SIG_OK)
		return rc;
	if (strncmp(secret, WEBHOOK_SIG_SECRET_PREFIX,
	    strlen(WEBHOOK_SIG_SECRET_PREFIX)) == 0)
		secret += strlen(WEBHOOK_SIG_SECRET_PREFIX);
	if ((keylen = webhook_sig_b64(secret, key, sizeof(key))) <= 0) {
		log_err("webhook_sig: the secret is not whsec_<base64>");
		return WEBHOOK_SIG_BAD;
	}
	rc = webhook_sig_mac(key, (size_t)keylen,
	    (const struct webhook_sig_part[]){ { id, strlen(id) }, { ".", 1 },
	    { ts, strlen(ts) }, { ".", 1 }, { body, len } }, 5, mac) == -1 ?
	    WEBHOOK_SIG_BAD : WEBHOOK_SIG_OK;
	OPENSSL_cleanse(key, sizeof(key));
	if (rc != WEBHOOK_SIG_OK)
		return rc;
	EVP_EncodeBlock((unsigned char *)b64, mac, sizeof(mac));
	/* Space-separated "v1,<base64>": any one of them (key rotation). */
	for (s = sig; *s != '\0'; s += n) {
		s += strspn(s, " ");
		n = strcspn(s, " ");
		if (n == 3 + WEBHOOK_SIG_B64_LEN && strncmp(s, "v1,", 3) == 0 &&
		    CRYPTO_memcmp(s + 3, b64, WEBHOOK_SIG_B64_LEN) == 0)
			return WEBHOOK_SIG_OK;
	}
	return WEBHOOK_SIG_BAD;
}

static int
webhook_sig_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static enum webhook_sig_result
webhook_sig_github(const char *secret, const void *body, size_t len,
    time_t now, webhook_sig_header_fn hdr, void *arg)
{
	unsigned char	 mac[WEBHOOK_SIG_MAC_LEN], got[WEBHOOK_SIG_MAC_LEN];
	const char	*h = hdr(arg, "X-Hub-Signature-256");
	size_t		 i, plen = strlen(WEBHOOK_SIG_GITHUB_PREFIX);
	int		 hi, lo;

	(void)now;	/* GitHub signs no timestamp */
	if (h == NULL || strncmp(h, WEBHOOK_SIG_GITHUB_PREFIX, plen) != 0 ||
	    strlen(h + plen) != 2 * sizeof(got))
		return WEBHOOK_SIG_BAD;
	for (i = 0, h += plen; i < sizeof(got); i++) {
		if ((hi = webhook_sig_hexval(h[2 * i])) < 0 ||
		    (lo = webhook_sig_hexval(h[2 * i + 1])) < 0)
			return WEBHOOK_SIG_BAD;
		got[i] = (unsigned char)(hi << 4 | lo);
	}
	if (webhook_sig_mac((const unsigned char *)secret, strlen(secret),
	    (const struct webhook_sig_part[]){ { body, len } }, 1, mac) == -1)
		return WEBHOOK_SIG_BAD;
	return CRYPTO_memcmp(mac, got, sizeof(mac)) == 0 ? WEBHOOK_SIG_OK :
	    WEBHOOK_SIG_BAD;
}

static enum webhook_sig_result (*const webhook_sig_schemes[WEBHOOK_SIG__MAX])(
    const char *, const void *, size_t, time_t, webhook_sig_header_fn,
    void *) = {
	webhook_sig_standard,	/* WEBHOOK_SIG_STANDARD */
	webhook_sig_github,	/* WEBHOOK_SIG_GITHUB */
};

/*
 * Checks the signature of a request: its body, the secret, the time now
 * and its headers through hdr(arg, name).
 */
enum webhook_sig_result
webhook_sig_verify(enum webhook_sig_scheme scheme, const char *secret,
    const void *body, size_t len, time_t now, webhook_sig_header_fn hdr,
    void *arg)
{
	if ((unsigned)scheme >= WEBHOOK_SIG__MAX || secret == NULL ||
	    *secret == '\0')
		return WEBHOOK_SIG_BAD;
	if (body == NULL)
		body = "";
	return webhook_sig_schemes[scheme](secret, body, len, now, hdr, arg);
}
