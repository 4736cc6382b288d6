/*
 * Unit tests for lib/webhook_sig.c.  The Standard Webhooks vector is the
 * published one (standard-webhooks reference libraries and Svix:
 * secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, id
 * msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330, body
 * {"test": 2432232314}); the GitHub one is from GitHub's "Validating
 * webhook deliveries" (secret "It's a Secret to Everybody", body
 * "Hello, World!").  Both checked with openssl dgst -sha256 -hmac.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <check.h>

#include "unit.h"

#include "webhook_sig.h"

#define SW_SECRET	"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define SW_ID		"msg_p5jXN8AQM9LWM0D4loKWxJek"
#define SW_TS		"1614265330"
#define SW_NOW		1614265330
#define SW_BODY		"{\"test\": 2432232314}"
#define SW_SIG		"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
#define SW_OTHER	"v1,bm9wZQ=="
#define GH_SECRET	"It's a Secret to Everybody"
#define GH_BODY		"Hello, World!"
#define GH_SIG		"sha256=757107ea0eb2509fc211221cce984b8a37570b6d" \
			"7586c22c46f4379c8b043e17"

struct sig_case {
	enum webhook_sig_scheme	 scheme;
	const char		*secret;
	const char		*id;
	const char		*ts;
	const char		*sig;	/* webhook-signature / X-Hub-... */
	const char		*body;
	long			 now_off;
	enum webhook_sig_result	 want;
};

static const struct sig_case	*cur;

static const char *
header(void *arg, const char *name)
{
	(void)arg;
	if (strcasecmp(name, "webhook-id") == 0)
		return cur->id;
	if (strcasecmp(name, "webhook-timestamp") == 0)
		return cur->ts;
	if (strcasecmp(name, "webhook-signature") == 0 ||
	    strcasecmp(name, "X-Hub-Signature-256") == 0)
		return cur->sig;
	return NULL;
}

START_TEST(test_vectors)
{
	static const struct sig_case cases[] = {
		/* The published vector, with and without the prefix. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET + 6, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_OK },
		/* Key rotation: any of several signatures. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS,
		    SW_OTHER " " SW_SIG, SW_BODY, 0, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS,
		    SW_SIG " " SW_OTHER, SW_BODY, 0, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_OTHER,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		/* Anything changed: body, id, timestamp, version, secret. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    "{\"test\": 2432232315}", 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, "msg_other", SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, "1614265331", SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS,
		    "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SW_BODY,
		    0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, "whsec_bm9wZQ==", SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, "whsec_not base64", SW_ID, SW_TS,
		    SW_SIG, SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, "", SW_ID, SW_TS, SW_SIG, SW_BODY, 0,
		    WEBHOOK_SIG_BAD },
		/* A signature cut short or padded is no match. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS,
		    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE", SW_BODY,
		    0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG "=",
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		/* Missing headers. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, NULL, SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, NULL, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, NULL,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, "", SW_BODY,
		    0, WEBHOOK_SIG_BAD },
		/* The timestamp: +-5 minutes, digits only. */
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 300, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, -300, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 301, WEBHOOK_SIG_STALE },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, -301, WEBHOOK_SIG_STALE },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, "-1614265330",
		    SW_SIG, SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_STANDARD, SW_SECRET, SW_ID, "99999999999999",
		    SW_SIG, SW_BODY, 0, WEBHOOK_SIG_BAD },
		/* GitHub. */
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL, GH_SIG, GH_BODY,
		    0, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL,
		    "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D"
		    "7586C22C46F4379C8B043E17", GH_BODY, 0, WEBHOOK_SIG_OK },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL, GH_SIG,
		    "Hello, World?", 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_GITHUB, "another secret", NULL, NULL, GH_SIG,
		    GH_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL,
		    "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"
		    "7586c22c46f4379c8b043e17", GH_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL,
		    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d"
		    "7586c22c46f4379c8b043e1", GH_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL,
		    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d"
		    "7586c22c46f4379c8b043e1g", GH_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG_GITHUB, GH_SECRET, NULL, NULL, NULL, GH_BODY, 0,
		    WEBHOOK_SIG_BAD },
		/* The other scheme's headers do not count. */
		{ WEBHOOK_SIG_GITHUB, SW_SECRET, SW_ID, SW_TS, SW_SIG,
		    SW_BODY, 0, WEBHOOK_SIG_BAD },
		{ WEBHOOK_SIG__MAX, SW_SECRET, SW_ID, SW_TS, SW_SIG, SW_BODY,
		    0, WEBHOOK_SIG_BAD },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cur = &cases[i];
		ck_assert_msg(webhook_sig_verify(cur->scheme, cur->secret,
		    cur->body, strlen(cur->body), SW_NOW + cur->now_off, header,
		    NULL) == cur->want, "case %zu", i);
	}
}
END_TEST

static Suite *
webhook_sig_suite(void)
{
	Suite	*s = suite_create("webhook_sig");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_vectors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(webhook_sig_suite());
}
