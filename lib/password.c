#include "config.h"

#include <stdio.h>
#include <string.h>
#include <crypt.h>

#include <openssl/crypto.h>

#include "arena.h"
#include "log.h"
#include "password.h"

/* A yescrypt hash made once per process, for unknown accounts. */
static char	password_dummy_hash[CRYPT_OUTPUT_SIZE];

char *
password_hash(struct arena *a, const char *plain)
{
	char			 salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data	*cd;
	const char		*h;

	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt)) == NULL) {
		log_err("password_hash: crypt_gensalt failed");
		return NULL;
	}
	cd = arena_calloc(a, 1, sizeof(*cd));
	h = crypt_r(plain, salt, cd);
	if (h == NULL || h[0] == '*') {
		log_err("password_hash: crypt failed");
		return NULL;
	}
	return arena_strdup(a, h);
}

/* 1 when plain matches hash, in time independent of where they differ. */
int
password_verify(struct arena *a, const char *plain, const char *hash)
{
	struct crypt_data	*cd = arena_calloc(a, 1, sizeof(*cd));
	const char		*h = crypt_r(plain, hash, cd);
	size_t			 len = strlen(hash);

	if (h == NULL || h[0] == '*' || strlen(h) != len)
		return 0;
	return CRYPTO_memcmp(h, hash, len) == 0;
}

/*
 * Makes the dummy hash: at program start, before the workers fork, so
 * the first unknown account a worker sees costs one check, not two.
 */
int
password_init(void)
{
	struct arena	*a;
	const char	*h;

	if (password_dummy_hash[0] != '\0')
		return 0;
	a = arena_new();
	h = password_hash(a, "msphub dummy password");
	if (h != NULL)
		snprintf(password_dummy_hash, sizeof(password_dummy_hash), "%s",
		    h);
	arena_free(a);
	return h == NULL ? -1 : 0;
}

/* The dummy hash; "" before password_init. */
const char *
password_dummy(void)
{
	return password_dummy_hash;
}

/* Spends the time a real check takes, so unknown users are not faster. */
void
password_verify_dummy(struct arena *a, const char *plain)
{
	if (password_dummy_hash[0] == '\0' && password_init() == -1)
		return;
	(void)password_verify(a, plain, password_dummy_hash);
}
