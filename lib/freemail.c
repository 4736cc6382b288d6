/*
 * The free-mail table.  Keep both arrays sorted (strcmp order): they are
 * searched with bsearch, and tests/unit/test_domain.c checks the order.
 * freemail_domains holds whole registrable domains; freemail_brands the
 * first label of a provider that registers its name under many country
 * suffixes (yahoo.co.jp, gmx.at, hotmail.fr, yandex.kz ...).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "freemail.h"

const char *const freemail_domains[] = {
	"126.com",
	"163.com",
	"aim.com",
	"aol.com",
	"fastmail.com",
	"fastmail.fm",
	"freenet.de",
	"gmail.com",
	"googlemail.com",
	"hey.com",
	"hushmail.com",
	"icloud.com",
	"inbox.lv",
	"laposte.net",
	"libero.it",
	"live.com",
	"mac.com",
	"mail.com",
	"mail.ru",
	"me.com",
	"msn.com",
	"naver.com",
	"orange.fr",
	"outlook.com",
	"pm.me",
	"posteo.de",
	"proton.me",
	"protonmail.ch",
	"protonmail.com",
	"qq.com",
	"rediffmail.com",
	"seznam.cz",
	"t-online.de",
	"tuta.io",
	"tutanota.com",
	"wanadoo.fr",
	"web.de",
	"ya.ru",
	"ymail.com",
	"zoho.com",
	"zohomail.com",
};
const size_t freemail_ndomains =
    sizeof(freemail_domains) / sizeof(freemail_domains[0]);

const char *const freemail_brands[] = {
	"gmx",
	"hotmail",
	"windowslive",
	"yahoo",
	"yandex",
};
const size_t freemail_nbrands =
    sizeof(freemail_brands) / sizeof(freemail_brands[0]);

static int
freemail_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* 1 when the registrable domain d is a free-mail provider's. */
int
freemail_domain(const char *d)
{
	return bsearch(d, freemail_domains, freemail_ndomains,
	    sizeof(freemail_domains[0]), freemail_cmp) != NULL;
}

/* 1 when label (the registrable domain's first label) is a provider's. */
int
freemail_brand(const char *label)
{
	return bsearch(label, freemail_brands, freemail_nbrands,
	    sizeof(freemail_brands[0]), freemail_cmp) != NULL;
}
