/* Unit tests for lib/domain.c and lib/freemail.c (M3). */
#include "config.h"

#include <string.h>

#include <check.h>

#include "unit.h"

#include "domain.h"
#include "freemail.h"

static const struct {
	const char	*in;
	const char	*out;		/* NULL: malformed */
} norm_cases[] = {
	{ "example.com", "example.com" },
	{ "  Example.COM.  ", "example.com" },
	{ "Bücher.example", "xn--bcher-kva.example" },
	{ "BÜCHER.example", "xn--bcher-kva.example" },
	/* Non-transitional: ß stays ß (fass.de and faß.de differ). */
	{ "faß.de", "xn--fa-hia.de" },
	{ "münchen.de", "xn--mnchen-3ya.de" },
	{ "xn--bcher-kva.example", "xn--bcher-kva.example" },
	{ "a-b.c1.example", "a-b.c1.example" },
	{ "", NULL },
	{ "   ", NULL },
	{ ".", NULL },
	{ "com", NULL },		/* one label */
	{ "example..com", NULL },
	{ ".example.com", NULL },
	{ "-a.example", NULL },
	{ "a-.example", NULL },
	{ "a_b.example", NULL },
	{ "a b.example", NULL },
	{ "user@example.com", NULL },
	{ "1.2.3.4", NULL },		/* an address, not a name */
	{ "http://example.com", NULL },
	{ "example.com/x", NULL },
};

START_TEST(test_normalise)
{
	char	out[DOMAIN_MAX + 1];
	int	rc;

	rc = domain_normalise(norm_cases[_i].in, out, sizeof(out));
	if (norm_cases[_i].out == NULL)
		ck_assert_msg(rc == -1, "%s accepted as %s",
		    norm_cases[_i].in, out);
	else {
		ck_assert_msg(rc == 0, "%s refused", norm_cases[_i].in);
		ck_assert_str_eq(out, norm_cases[_i].out);
	}
}
END_TEST

START_TEST(test_lengths)
{
	char	in[600], out[DOMAIN_MAX + 1];
	size_t	i;

	/* A label of 63 is fine, 64 is not. */
	memset(in, 'a', 63);
	memcpy(in + 63, ".example", 9);
	ck_assert_int_eq(domain_normalise(in, out, sizeof(out)), 0);
	memset(in, 'a', 64);
	memcpy(in + 64, ".example", 9);
	ck_assert_int_eq(domain_normalise(in, out, sizeof(out)), -1);
	/* 253 characters in all is fine, 254 is not. */
	for (i = 0; i < 252; i += 2)
		memcpy(in + i, "a.", 2);
	memcpy(in + 250, "com", 4);
	ck_assert_uint_eq(strlen(in), 253);
	ck_assert_int_eq(domain_normalise(in, out, sizeof(out)), 0);
	memcpy(in + 250, "comm", 5);
	ck_assert_int_eq(domain_normalise(in, out, sizeof(out)), -1);
	/* A buffer too small for the result. */
	ck_assert_int_eq(domain_normalise("example.com", out, 11), -1);
	ck_assert_int_eq(domain_normalise("example.com", out, 12), 0);
}
END_TEST

START_TEST(test_unicode)
{
	char	out[DOMAIN_UNICODE_MAX];

	ck_assert_str_eq(domain_unicode("xn--bcher-kva.example", out,
	    sizeof(out)), "bücher.example");
	ck_assert_str_eq(domain_unicode("mail.xn--mnchen-3ya.de", out,
	    sizeof(out)), "mail.münchen.de");
	ck_assert_str_eq(domain_unicode("acme.example", out, sizeof(out)),
	    "acme.example");
	/* Not decodable, or too long for out: the A-label form. */
	ck_assert_str_eq(domain_unicode("xn--zz.example", out, sizeof(out)),
	    "xn--zz.example");
	ck_assert_str_eq(domain_unicode("xn--bcher-kva.example", out, 8),
	    "xn--bcher-kva.example");
}
END_TEST

static const struct {
	const char		*in;
	enum domain_refusal	 want;
} refusal_cases[] = {
	{ "acme.example", DOMAIN_ACCEPTED },
	{ "acme.co.uk", DOMAIN_ACCEPTED },
	{ "mail.acme.de", DOMAIN_ACCEPTED },
	{ "octocat.github.io", DOMAIN_ACCEPTED },
	{ "gmail.com", DOMAIN_FREEMAIL },
	{ "GMail.com.", DOMAIN_FREEMAIL },
	{ "googlemail.com", DOMAIN_FREEMAIL },
	{ "outlook.com", DOMAIN_FREEMAIL },
	{ "hotmail.com", DOMAIN_FREEMAIL },
	{ "hotmail.co.uk", DOMAIN_FREEMAIL },	/* the brand, any suffix */
	{ "hotmail.fr", DOMAIN_FREEMAIL },
	{ "yahoo.com", DOMAIN_FREEMAIL },
	{ "yahoo.co.jp", DOMAIN_FREEMAIL },
	{ "gmx.de", DOMAIN_FREEMAIL },
	{ "gmx.net", DOMAIN_FREEMAIL },
	{ "yandex.ru", DOMAIN_FREEMAIL },
	{ "web.de", DOMAIN_FREEMAIL },
	{ "t-online.de", DOMAIN_FREEMAIL },
	{ "proton.me", DOMAIN_FREEMAIL },
	{ "icloud.com", DOMAIN_FREEMAIL },
	{ "mx.gmail.com", DOMAIN_FREEMAIL },	/* under a provider's */
	{ "com", DOMAIN_MALFORMED },
	{ "co.uk", DOMAIN_PUBLIC_SUFFIX },
	{ "github.io", DOMAIN_PUBLIC_SUFFIX },
	{ "blogspot.com", DOMAIN_PUBLIC_SUFFIX },
	{ "com.au", DOMAIN_PUBLIC_SUFFIX },
	{ "a_b.example", DOMAIN_MALFORMED },
};

START_TEST(test_refusal)
{
	char	out[DOMAIN_MAX + 1];

	ck_assert_msg(domain_check(refusal_cases[_i].in, out, sizeof(out)) ==
	    refusal_cases[_i].want, "%s", refusal_cases[_i].in);
}
END_TEST

START_TEST(test_reasons)
{
	size_t	i;

	ck_assert_ptr_null(domain_reasons[DOMAIN_ACCEPTED].code);
	for (i = DOMAIN_MALFORMED; i < DOMAIN__MAX; i++) {
		ck_assert_ptr_nonnull(domain_reasons[i].code);
		ck_assert_ptr_nonnull(domain_reasons[i].message);
	}
}
END_TEST

/* bsearch needs the tables sorted; the brief asks for 40 or more. */
START_TEST(test_freemail_table)
{
	size_t	i;

	ck_assert_uint_ge(freemail_ndomains, 40);
	for (i = 1; i < freemail_ndomains; i++)
		ck_assert_msg(strcmp(freemail_domains[i - 1],
		    freemail_domains[i]) < 0, "%s before %s",
		    freemail_domains[i - 1], freemail_domains[i]);
	for (i = 1; i < freemail_nbrands; i++)
		ck_assert_msg(strcmp(freemail_brands[i - 1],
		    freemail_brands[i]) < 0, "%s", freemail_brands[i]);
	for (i = 0; i < freemail_ndomains; i++)
		ck_assert_msg(freemail_domain(freemail_domains[i]), "%s",
		    freemail_domains[i]);
	ck_assert_int_eq(freemail_domain("acme.example"), 0);
	ck_assert_int_eq(freemail_brand("yahoo"), 1);
	ck_assert_int_eq(freemail_brand("acme"), 0);
}
END_TEST

static Suite *
domain_suite(void)
{
	Suite	*s = suite_create("domain");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_normalise, 0,
	    sizeof(norm_cases) / sizeof(norm_cases[0]));
	tcase_add_test(tc, test_lengths);
	tcase_add_test(tc, test_unicode);
	tcase_add_loop_test(tc, test_refusal, 0,
	    sizeof(refusal_cases) / sizeof(refusal_cases[0]));
	tcase_add_test(tc, test_reasons);
	tcase_add_test(tc, test_freemail_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(domain_suite());
}
