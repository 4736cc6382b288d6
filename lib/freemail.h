/*
 * Free-mail providers (M3): their domains are shared by strangers, so
 * none of them may route mail to one customer.
 */
#ifndef FREEMAIL_H
#define FREEMAIL_H

#include <stddef.h>

/* Sorted (strcmp), for bsearch; tests/unit/test_domain.c checks it. */
extern const char *const freemail_domains[];
extern const size_t freemail_ndomains;
extern const char *const freemail_brands[];
extern const size_t freemail_nbrands;

int	freemail_domain(const char *);
int	freemail_brand(const char *);

#endif
