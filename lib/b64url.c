#include "config.h"

#include <string.h>

#include "arena.h"
#include "b64url.h"

static const char b64url_abc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* out must hold B64URL_LEN(len) + 1 bytes. */
void
b64url_encode(char *out, const unsigned char *in, size_t len)
{
	size_t		 i, o = 0;
	unsigned	 v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64url_abc[v >> 18 & 63];
		out[o++] = b64url_abc[v >> 12 & 63];
		out[o++] = b64url_abc[v >> 6 & 63];
		out[o++] = b64url_abc[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned)in[i] << 16;
		out[o++] = b64url_abc[v >> 18 & 63];
		out[o++] = b64url_abc[v >> 12 & 63];
	} else if (len - i == 2) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
		out[o++] = b64url_abc[v >> 18 & 63];
		out[o++] = b64url_abc[v >> 12 & 63];
		out[o++] = b64url_abc[v >> 6 & 63];
	}
	out[o] = '\0';
}

/*
 * The bytes of s, NUL-terminated, in a new arena buffer; *len their
 * number.  NULL when s is not canonical unpadded base64url.
 */
char *
b64url_decode(struct arena *a, const char *s, size_t *len)
{
	size_t		 n = strlen(s), i, o = 0;
	unsigned	 v = 0, bits = 0;
	const char	*p;
	char		*out;

	if (n % 4 == 1)
		return NULL;
	out = arena_alloc(a, n * 3 / 4 + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\0' || (p = strchr(b64url_abc, s[i])) == NULL)
			return NULL;
		v = (v << 6 | (unsigned)(p - b64url_abc)) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[o++] = (char)(v >> bits & 0xff);
		}
	}
	/* Left-over bits must be zero, or two strings would decode alike. */
	if (bits > 0 && (v & ((1u << bits) - 1)) != 0)
		return NULL;
	out[o] = '\0';
	*len = o;
	return out;
}
