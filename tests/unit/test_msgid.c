/* Unit tests for lib/msgid.c: our Message-IDs name their ticket. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <check.h>

#include "unit.h"

#include "msgid.h"

#define SECRET	"installation-secret-1"

START_TEST(test_round_trip)
{
	char	id[MSGID_MAX];

	ck_assert_int_eq(msgid_make(id, sizeof(id), 1042, 7, SECRET,
	    "hub.example.net"), 0);
	ck_assert_msg(strncmp(id, "<msphub.1042.7.", 15) == 0, "%s", id);
	ck_assert_msg(strcmp(id + strlen(id) - 17, "@hub.example.net>") == 0,
	    "%s", id);
	ck_assert_uint_eq(msgid_ticket(id, SECRET), 1042);
	/* Without brackets, and with another domain. */
	id[strlen(id) - 1] = '\0';
	ck_assert_uint_eq(msgid_ticket(id + 1, SECRET), 1042);
}
END_TEST

START_TEST(test_forgeries)
{
	char	id[MSGID_MAX], forged[MSGID_MAX];
	char	*p;

	ck_assert_int_eq(msgid_make(id, sizeof(id), 1042, 7, SECRET, "h"),
	    0);
	/* Another secret, another ticket, another nonce: no match. */
	ck_assert_uint_eq(msgid_ticket(id, "another-secret"), 0);
	snprintf(forged, sizeof(forged), "%s", id);
	forged[11] = '3';			/* ticket 1043 */
	ck_assert_uint_eq(msgid_ticket(forged, SECRET), 0);
	snprintf(forged, sizeof(forged), "%s", id);
	forged[13] = '8';			/* nonce 8 */
	ck_assert_uint_eq(msgid_ticket(forged, SECRET), 0);
	/* A MAC changed or cut short. */
	snprintf(forged, sizeof(forged), "%s", id);
	p = strchr(forged, '@');
	p[-1] = p[-1] == 'A' ? 'B' : 'A';
	ck_assert_uint_eq(msgid_ticket(forged, SECRET), 0);
	snprintf(forged, sizeof(forged), "%s", id);
	p = strchr(forged, '@');
	memmove(p - 1, p, strlen(p) + 1);
	ck_assert_uint_eq(msgid_ticket(forged, SECRET), 0);
	/* Not ours, or malformed. */
	ck_assert_uint_eq(msgid_ticket("<CAF=abc@mail.gmail.com>", SECRET), 0);
	ck_assert_uint_eq(msgid_ticket("<msphub.0.1.AAAAAAAAAAAAAAAA@h>",
	    SECRET), 0);
	ck_assert_uint_eq(msgid_ticket("<msphub.123456789012345678901.1."
	    "AAAAAAAAAAAAAAAA@h>", SECRET), 0);
	ck_assert_uint_eq(msgid_ticket("<msphub.-1.1.AAAAAAAAAAAAAAAA@h>",
	    SECRET), 0);
	ck_assert_uint_eq(msgid_ticket("<msphub.1.1>", SECRET), 0);
	/* No secret: nothing is made and nothing matches. */
	ck_assert_int_eq(msgid_make(forged, sizeof(forged), 1, 1, "", "h"),
	    -1);
	ck_assert_uint_eq(msgid_ticket(id, ""), 0);
	/* Too small a buffer. */
	ck_assert_int_eq(msgid_make(forged, 20, 1, 1, SECRET, "h"), -1);
}
END_TEST

static Suite *
msgid_suite(void)
{
	Suite	*s = suite_create("msgid");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_forgeries);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(msgid_suite());
}
