/*
 * Unit tests for lib/smtp.c's smtp_message(): the headers of a queued
 * mail, RFC 2047 subjects, quoted-printable bodies, and no header
 * injection whatever a value holds.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <check.h>
#include <openssl/evp.h>

#include "unit.h"
#include "unit_arena.h"

#include "smtp.h"

#define MARKER	"##- reply above -##"

static struct smtp_mail
mail(void)
{
	struct smtp_mail	m = {
		"help@msp.example", "jane@customer.example", "Printer down",
		"Hello Jane,\nit works again.\n", "<msphub.7.1.abc@msp.example>",
		"<in.1@customer.example>",
		"<root@customer.example> <in.1@customer.example>", MARKER, 0, 0
	};

	return m;
}

static char *
build(const struct smtp_mail *m)
{
	const char	*why = NULL;
	size_t		 len;
	char		*s = smtp_message(a, m, &len, &why);

	ck_assert_msg(s != NULL, "refused: %s", why);
	ck_assert_uint_eq(strlen(s), len);
	return s;
}

/* The header block: what comes before the first empty line. */
static char *
head(char *s)
{
	char	*end = strstr(s, "\r\n\r\n");

	ck_assert_ptr_nonnull(end);
	end[2] = '\0';
	return s;
}

/* Every line ends in CRLF and is at most max bytes long. */
static void
lines_ok(const char *s, size_t max)
{
	const char	*p, *nl;

	for (p = s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(nl > p && nl[-1] == '\r', "bare LF at %.20s", p);
		ck_assert_msg((size_t)(nl - 1 - p) <= max, "long line %.40s",
		    p);
		ck_assert_ptr_null(memchr(p, '\r', (size_t)(nl - 1 - p)));
	}
}

START_TEST(test_headers)
{
	struct smtp_mail	 m = mail();
	char			*s = build(&m), *body = strstr(s, "\r\n\r\n") + 4;
	char			*h = head(s);

	ck_assert_msg(strncmp(h, "From: help@msp.example\r\n"
	    "To: jane@customer.example\r\nSubject: Printer down\r\n"
	    "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"
	    "Message-ID: <msphub.7.1.abc@msp.example>\r\n"
	    "In-Reply-To: <in.1@customer.example>\r\n"
	    "References: <root@customer.example>\r\n"
	    " <in.1@customer.example>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "X-Auto-Response-Suppress: All\r\n", strlen(h)) == 0, "%s", h);
	ck_assert_ptr_null(strstr(h, "Auto-Submitted"));
	/* The marker is the body's first line. */
	ck_assert_str_eq(body, MARKER "\r\n\r\nHello Jane,\r\n"
	    "it works again.\r\n\r\n");
	lines_ok(h, 998);

	m.auto_submitted = 1;
	m.in_reply_to = m.refs = m.marker = NULL;
	m.date = 1796256000;	/* 2026-12-03 */
	h = head(build(&m));
	ck_assert_ptr_nonnull(strstr(h, "\r\nAuto-Submitted: auto-generated"
	    "\r\nX-Auto-Response-Suppress: All\r\n"));
	ck_assert_ptr_nonnull(strstr(h,
	    "\r\nDate: Thu, 03 Dec 2026 00:00:00 +0000\r\n"));
	ck_assert_ptr_null(strstr(h, "In-Reply-To"));
	ck_assert_ptr_null(strstr(h, "References"));
}
END_TEST

/* The words of an encoded subject, decoded and joined. */
static char *
subject_decoded(char *h)
{
	static char	 out[4096];
	unsigned char	 dec[256];
	char		*p = strstr(h, "Subject: ") + 9, *q, *end;
	int		 n;
	size_t		 len = 0;

	end = strstr(p, "\r\n");
	while (strncmp(p, "=?UTF-8?B?", 10) == 0) {
		p += 10;
		q = strstr(p, "?=");
		ck_assert_ptr_nonnull(q);
		ck_assert_int_le(q + 2 - (p - 10), 75);	/* RFC 2047 */
		n = EVP_DecodeBlock(dec, (unsigned char *)p, (int)(q - p));
		ck_assert_int_gt(n, 0);
		while (n > 0 && q[-1] == '=' && q--)
			n--;
		/* Each word holds whole characters. */
		ck_assert_msg((dec[0] & 0xc0) != 0x80, "word split a char");
		memcpy(out + len, dec, (size_t)n);
		len += (size_t)n;
		p = strstr(p, "?=") + 2;
		if (p == end && strncmp(end, "\r\n =?", 5) == 0)
			end = strstr(p += 3, "\r\n");
	}
	ck_assert_msg(p == end, "subject ends in %.20s", p);
	out[len] = '\0';
	return out;
}

START_TEST(test_subject)
{
	struct smtp_mail	 m = mail();
	char			 longs[600] = "";
	int			 i;

	m.subject = "Grüße aus Köln – Drucker 🖨 defekt";
	ck_assert_str_eq(subject_decoded(head(build(&m))), m.subject);
	for (i = 0; i < 60; i++)
		strcat(longs, "Ärger ");
	m.subject = longs;
	ck_assert_str_eq(subject_decoded(head(build(&m))), longs);
	lines_ok(head(build(&m)), 78);
	/* An ASCII look-alike of an encoded word is encoded itself. */
	m.subject = "=?UTF-8?B?SGk=?=";
	ck_assert_str_eq(subject_decoded(head(build(&m))), m.subject);
}
END_TEST

START_TEST(test_injection)
{
	struct smtp_mail	 m = mail();
	const char		*why;
	size_t			 len;
	char			*h;

	/* A subject is kept on its line. */
	m.subject = "Hi\r\nBcc: evil@attacker.example\nX-Evil: 1";
	h = head(build(&m));
	ck_assert_ptr_null(strstr(h, "\nBcc:"));
	ck_assert_ptr_null(strstr(h, "\nX-Evil"));
	lines_ok(h, 998);
	m.subject = "Grüße\r\nBcc: evil@attacker.example";
	h = head(build(&m));
	ck_assert_ptr_null(strstr(h, "\nBcc:"));
	ck_assert_str_eq(subject_decoded(h),
	    "Grüße  Bcc: evil@attacker.example");
	/* Addresses and IDs are refused. */
	m = mail();
	m.to = "jane@customer.example\r\nBcc: evil@attacker.example";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	ck_assert_str_eq(why, "the recipient address is not a plain address");
	m.to = "Jane <jane@customer.example>";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m.to = "jane@customer.example, evil@attacker.example";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m = mail();
	m.from = "help@msp.example\nBcc: x@y";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m = mail();
	m.message_id = "<a@b>\r\nBcc: x@y";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	ck_assert_str_eq(why, "a Message-ID is malformed");
	m = mail();
	m.in_reply_to = "<a@b>\nBcc: x@y";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m.in_reply_to = "<a@b> <c@d>";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m = mail();
	m.refs = "<a@b>\r\n<c@d>";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m.refs = "<a@b>  <c@d>";
	ck_assert_ptr_null(smtp_message(a, &m, &len, &why));
	m.refs = "<a@b> <c@d>";
	ck_assert_ptr_nonnull(smtp_message(a, &m, &len, &why));
	ck_assert_int_eq(smtp_addr_ok("x@y"), 1);
	ck_assert_int_eq(smtp_addr_ok("@y"), 0);
	ck_assert_int_eq(smtp_addr_ok("x@"), 0);
	ck_assert_int_eq(smtp_addr_ok("x@y@z"), 0);
	ck_assert_int_eq(smtp_addr_ok("jürgen@y"), 0);
}
END_TEST

START_TEST(test_quoted_printable)
{
	struct smtp_mail	 m = mail();
	char			 longl[400];
	char			*s, *body;

	m.marker = NULL;
	m.body = "a=b \nGrüße\t\n.\n.hidden\r\nlast  ";
	s = build(&m);
	body = strstr(s, "\r\n\r\n") + 4;
	ck_assert_str_eq(body, "a=3Db=20\r\nGr=C3=BC=C3=9Fe=09\r\n=2E\r\n"
	    "=2Ehidden\r\nlast =20\r\n");
	memset(longl, 'x', sizeof(longl) - 1);
	longl[sizeof(longl) - 1] = '\0';
	longl[100] = '=';
	m.body = longl;
	s = build(&m);
	lines_ok(s, 998);
	body = strstr(s, "\r\n\r\n") + 4;
	lines_ok(body, SMTP_QP_LINE_MAX);
	/* Soft breaks undo to the original. */
	ck_assert_ptr_nonnull(strstr(body, "=\r\n"));
}
END_TEST

static Suite *
smtp_suite(void)
{
	Suite	*s = suite_create("smtp");
	TCase	*tc = tcase_create("message");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_headers);
	tcase_add_test(tc, test_subject);
	tcase_add_test(tc, test_injection);
	tcase_add_test(tc, test_quoted_printable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(smtp_suite());
}
