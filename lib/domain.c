/*
 * Domain names as M3 keeps them.  IDN goes through libidn2 (UTS #46,
 * non-transitional, as browsers and mail clients map it), public
 * suffixes come from libpsl's built-in list, free-mail providers from
 * lib/freemail.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>
#include <libpsl.h>

#include "domain.h"
#include "freemail.h"

const struct domain_reason domain_reasons[DOMAIN__MAX] = {
	{ NULL, NULL },					/* DOMAIN_ACCEPTED */
	{ "invalid_domain",
	  "Must be a domain name like example.com" },	/* DOMAIN_MALFORMED */
	{ "freemail_domain", "A free-mail provider's domain is shared by "
	  "strangers and cannot belong to a customer" },	/* DOMAIN_FREEMAIL */
	{ "public_suffix", "A public suffix (like co.uk or github.io) is "
	  "shared by many owners and cannot belong to a customer" },
							/* DOMAIN_PUBLIC_SUFFIX */
};

/* LDH labels of 1 to 63, two or more, a top-level label not all digits. */
static int
domain_syntax(const char *s)
{
	size_t	len = strlen(s), i, label = 0, labels = 1;
	int	alpha = 0;

	if (len == 0 || len > DOMAIN_MAX)
		return -1;
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (label == 0 || label > DOMAIN_LABEL_MAX ||
			    s[i - 1] == '-')
				return -1;
			if (i < len) {
				labels++;
				alpha = 0;
			}
			label = 0;
			continue;
		}
		if (!(islower((unsigned char)s[i]) ||
		    isdigit((unsigned char)s[i]) || s[i] == '-') ||
		    (s[i] == '-' && label == 0))
			return -1;
		if (!isdigit((unsigned char)s[i]))
			alpha = 1;
		label++;
	}
	return labels >= 2 && alpha ? 0 : -1;
}

/*
 * The normal form of in into out (size bytes): trimmed, without a final
 * dot, lower-case, IDN as A-labels.  0, or -1 when it is no domain name.
 */
int
domain_normalise(const char *in, char *out, size_t size)
{
	char		*copy, *ascii = NULL;
	const char	*s;
	size_t		 len, i;
	int		 high = 0, rc = -1;

	while (isspace((unsigned char)*in))
		in++;
	len = strlen(in);
	while (len > 0 && isspace((unsigned char)in[len - 1]))
		len--;
	if (len > 0 && in[len - 1] == '.')
		len--;
	if (len == 0 || len > DOMAIN_INPUT_MAX || (copy = strndup(in, len)) ==
	    NULL)
		return -1;
	for (i = 0; i < len; i++) {
		if ((unsigned char)copy[i] >= 0x80)
			high = 1;
		else
			copy[i] = (char)tolower((unsigned char)copy[i]);
	}
	s = copy;
	if (high) {
		if (idn2_to_ascii_8z(copy, &ascii, IDN2_NFC_INPUT |
		    IDN2_NONTRANSITIONAL) != IDN2_OK)
			goto out;
		s = ascii;
	}
	if (domain_syntax(s) == 0 && strlen(s) < size) {
		memcpy(out, s, strlen(s) + 1);
		rc = 0;
	}
out:
	idn2_free(ascii);
	free(copy);
	return rc;
}

/*
 * The normalised domain d as people read it, U-labels in UTF-8, in out
 * (size bytes); d itself when it has no A-label or does not decode.
 */
const char *
domain_unicode(const char *d, char *out, size_t size)
{
	char	*u = NULL;

	if (strstr(d, "xn--") == NULL ||
	    idn2_to_unicode_8z8z(d, &u, 0) != IDN2_OK || strlen(u) >= size) {
		idn2_free(u);
		return d;
	}
	memcpy(out, u, strlen(u) + 1);
	idn2_free(u);
	return out;
}

/*
 * Why the normalised domain d may not belong to a customer: a public
 * suffix (the built-in list, private suffixes such as github.io
 * included), a free-mail provider's domain, or any name under one.
 */
enum domain_refusal
domain_refusal(const char *d)
{
	const psl_ctx_t	*psl = psl_builtin();
	const char	*reg, *dot;
	char		 brand[DOMAIN_LABEL_MAX + 1];
	size_t		 len;

	if (domain_syntax(d) == -1)
		return DOMAIN_MALFORMED;
	if (psl == NULL ||
	    psl_is_public_suffix2(psl, d, PSL_TYPE_ANY) ||
	    (reg = psl_registrable_domain(psl, d)) == NULL)
		return DOMAIN_PUBLIC_SUFFIX;
	if (freemail_domain(reg))
		return DOMAIN_FREEMAIL;
	dot = strchr(reg, '.');
	len = (size_t)(dot - reg);
	memcpy(brand, reg, len);
	brand[len] = '\0';
	return freemail_brand(brand) ? DOMAIN_FREEMAIL : DOMAIN_ACCEPTED;
}

/* domain_normalise, then domain_refusal of the result. */
enum domain_refusal
domain_check(const char *in, char *out, size_t size)
{
	if (domain_normalise(in, out, size) == -1)
		return DOMAIN_MALFORMED;
	return domain_refusal(out);
}
