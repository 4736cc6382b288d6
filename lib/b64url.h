/* base64url without padding (RFC 4648 §5): tokens and cursors in URLs. */
#ifndef B64URL_H
#define B64URL_H

#include <stddef.h>

struct arena;

#define B64URL_LEN(n)	(((n) * 4 + 2) / 3)

void	 b64url_encode(char *, const unsigned char *, size_t);
char	*b64url_decode(struct arena *, const char *, size_t *);

#endif
