/*
 * Unit tests for lib/mime.c and lib/mail_classify.c over the golden
 * messages in tests/data/mail: each file with what its parse must give.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"

#include "arena.h"
#include "mail_classify.h"
#include "mime.h"

/* One golden message; NULL fields are not checked, text is a substring. */
struct golden {
	const char	*file;
	const char	*err;		/* substring of the error, or NULL */
	const char	*from;
	const char	*subject;
	enum mail_class	 cls;
	const char	*text;
	const char	*not_text;	/* must not be in the text */
	size_t		 natt;
	const char	*att_name;	/* the first attachment's */
	const char	*att_type;
};

static const struct golden goldens[] = {
	{ "plain.eml", NULL, "alice@acme.example", "Printer on floor 2",
	    MAIL_CLASS_NORMAL, "jammed.\n\nThanks, Alice", "\n\n\n", 0,
	    NULL, NULL },
	{ "folded-encoded-subject.eml", NULL, "juergen@acme.example",
	    "Drucker defekt \xc3\xbc" "berall", MAIL_CLASS_NORMAL, "Hallo",
	    NULL, 0, NULL, NULL },
	{ "rfc2231-filename.eml", NULL, "alice@acme.example", "invoice",
	    MAIL_CLASS_NORMAL, "See attached.", NULL, 1,
	    "Rechnung M\xc3\xa4rz.pdf", "application/pdf" },
	{ "nested-multipart.eml", NULL, NULL, "nested", MAIL_CLASS_NORMAL,
	    "Plain wins.", "HTML", 1, "shot.png", "image/png" },
	{ "windows-1252.eml", NULL, NULL, NULL, MAIL_CLASS_NORMAL,
	    "\xe2\x80\x9c" "Caf\xc3\xa9\xe2\x80\x9d costs 5 \xe2\x82\xac",
	    NULL, 0, NULL, NULL },
	{ "iso-2022-jp.eml", NULL, "taro@example.jp",
	    "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf",
	    MAIL_CLASS_NORMAL,
	    "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf",
	    NULL, 0, NULL, NULL },
	{ "dsn.eml", NULL, "MAILER-DAEMON@mx.msp.example", NULL,
	    MAIL_CLASS_BOUNCE, "could not be delivered", NULL, 2, NULL,
	    "message/rfc822" },
	{ "x-failed-recipients.eml", NULL, NULL, NULL, MAIL_CLASS_BOUNCE,
	    NULL, NULL, 0, NULL, NULL },
	{ "exchange-oof.eml", NULL, "bob@acme.example", NULL,
	    MAIL_CLASS_AUTO_REPLY, "out of the office", NULL, 0, NULL, NULL },
	{ "rfc3834-auto-reply.eml", NULL, NULL, NULL, MAIL_CLASS_AUTO_REPLY,
	    NULL, NULL, 0, NULL, NULL },
	{ "auto-submitted-no.eml", NULL, NULL, NULL, MAIL_CLASS_NORMAL,
	    NULL, NULL, 0, NULL, NULL },
	{ "list-mail.eml", NULL, NULL, NULL, MAIL_CLASS_LIST, "News.", NULL,
	    0, NULL, NULL },
	{ "precedence-bulk.eml", NULL, NULL, NULL, MAIL_CLASS_AUTO_REPLY,
	    NULL, NULL, 0, NULL, NULL },
	{ "bad-base64.eml", NULL, NULL, "broken", MAIL_CLASS_NORMAL, "Hello",
	    NULL, 0, NULL, NULL },
	{ "missing-boundary.eml", NULL, "alice@acme.example", "no boundary",
	    MAIL_CLASS_NORMAL, NULL, NULL, 0, NULL, NULL },
	{ "html-only.eml", NULL, NULL, NULL, MAIL_CLASS_NORMAL,
	    "Caf\xc3\xa9 is open.\n\nSecond\nline", "alert", 0, NULL, NULL },
	{ "forwarded.eml", NULL, NULL, "Fwd: hello", MAIL_CLASS_NORMAL,
	    "Forwarding this.", "Inner body", 1, NULL, "message/rfc822" },
	{ "reply-threading.eml", NULL, NULL, NULL, MAIL_CLASS_NORMAL,
	    "Thanks.", NULL, 0, NULL, NULL },
	{ "empty-body.eml", NULL, "alice@acme.example", "empty",
	    MAIL_CLASS_NORMAL, "", NULL, 0, NULL, NULL },
	{ "no-from.eml", "no From address", NULL, NULL, MAIL_CLASS_NORMAL,
	    NULL, NULL, 0, NULL, NULL },
	{ "too-deep.eml", "nested too deeply", NULL, NULL, MAIL_CLASS_NORMAL,
	    NULL, NULL, 0, NULL, NULL },
	{ "attach-apple-mail.eml", NULL, "anna@acme.example", "screen",
	    MAIL_CLASS_NORMAL, "The screen shows this:", NULL, 1,
	    "screen.png", "image/png" },
};

/* An attachment's decoded bytes, Content-ID and disposition. */
struct golden_att {
	const char	*file;
	size_t		 i;
	const char	*data;
	size_t		 size;
	const char	*content_id;
	int		 is_inline;
};

/* A 2x2 red PNG, as attach-apple-mail.eml carries it in base64. */
static const char golden_png[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x02\x08\x02\0\0\0"
    "\xfd\xd4\x9a\x73\0\0\0\x10IDATx\x9c\x63\xf8\xcf\xc0\0\x44\x0c\x10"
    "\x0a\0\x1f\xee\x03\xfd\x8b\x5f\x14\xd4\0\0\0\0IEND\xae\x42\x60\x82";

static const struct golden_att golden_atts[] = {
	{ "rfc2231-filename.eml", 0, "%PDF-1.4 fake", 13, NULL, 0 },
	{ "attach-apple-mail.eml", 0, golden_png, sizeof(golden_png) - 1,
	    "E1F0-apple@acme.example", 1 },
	{ "nested-multipart.eml", 0, NULL, 0, NULL, 1 },
};

static void
check_golden(const struct golden *g)
{
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;
	int			 rc;

	s = unit_slurp("mail", g->file, &len);
	rc = mime_parse(a, s, len, &m, &err);
	if (g->err != NULL) {
		ck_assert_msg(rc == -1 && err != NULL &&
		    strstr(err, g->err) != NULL, "%s: rc %d err %s", g->file,
		    rc, err ? err : "(none)");
		return;
	}
	ck_assert_msg(rc == 0, "%s: %s", g->file, err ? err : "?");
	if (g->from != NULL)
		ck_assert_str_eq(m.from, g->from);
	if (g->subject != NULL)
		ck_assert_str_eq(m.subject, g->subject);
	ck_assert_msg(mail_classify(&m) == g->cls, "%s: class %s", g->file,
	    mail_class_names[mail_classify(&m)]);
	ck_assert_ptr_nonnull(m.text);
	if (g->text != NULL)
		ck_assert_msg(strstr(m.text, g->text) != NULL,
		    "%s: text [%s]", g->file, m.text);
	if (g->not_text != NULL)
		ck_assert_msg(strstr(m.text, g->not_text) == NULL,
		    "%s: text [%s]", g->file, m.text);
	ck_assert_msg(m.natt == g->natt, "%s: %zu attachments", g->file,
	    m.natt);
	if (g->att_name != NULL)
		ck_assert_str_eq(m.att[0].name, g->att_name);
	if (g->att_type != NULL)
		ck_assert_str_eq(m.att[m.natt - 1].type, g->att_type);
}

START_TEST(test_goldens)
{
	check_golden(&goldens[_i]);
}
END_TEST

START_TEST(test_attachment_bytes)
{
	const struct golden_att	*g = &golden_atts[_i];
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", g->file, &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	ck_assert_uint_gt(m.natt, g->i);
	ck_assert_ptr_nonnull(m.att[g->i].data);
	if (g->data != NULL) {
		ck_assert_uint_eq(m.att[g->i].size, g->size);
		ck_assert_mem_eq(m.att[g->i].data, g->data, g->size);
	} else
		ck_assert_uint_gt(m.att[g->i].size, 0);
	if (g->content_id != NULL)
		ck_assert_str_eq(m.att[g->i].content_id, g->content_id);
	else
		ck_assert_ptr_null(m.att[g->i].content_id);
	ck_assert_int_eq(m.att[g->i].is_inline, g->is_inline);
}
END_TEST

START_TEST(test_addresses)
{
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", "plain.eml", &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	ck_assert_str_eq(m.from_name, "Alice Example");
	ck_assert_uint_eq(m.to.n, 1);
	ck_assert_str_eq(m.to.v[0], "help@msp.example");
	ck_assert_uint_eq(m.cc.n, 2);
	ck_assert_str_eq(m.cc.v[1], "carol@acme.example");
	ck_assert_str_eq(m.message_id, "plain-1@acme.example");
	ck_assert_ptr_null(m.in_reply_to);
}
END_TEST

START_TEST(test_threading_headers)
{
	struct mime_mail	 m;
	const char		*err, *s;
	size_t			 len;

	s = unit_slurp("mail", "reply-threading.eml", &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	ck_assert_str_eq(m.in_reply_to, "t1042.abc@msp.example");
	ck_assert_uint_eq(m.references.n, 2);
	ck_assert_str_eq(m.references.v[0], "t1041.x@msp.example");
	ck_assert_str_eq(m.references.v[1], "t1042.abc@msp.example");
	ck_assert_ptr_nonnull(strstr(m.hdr[MIME_H_AUTH_RESULTS],
	    "dmarc=pass"));
	s = unit_slurp("mail", "folded-encoded-subject.eml", &len);
	ck_assert_int_eq(mime_parse(a, s, len, &m, &err), 0);
	ck_assert_str_eq(m.message_id, "folded-2@acme.example");
}
END_TEST

START_TEST(test_limits)
{
	struct mime_mail	 m;
	const char		*err;
	char			*s;
	size_t			 i, n = 0, cap = 64 * (MIME_PARTS_MAX + 10);

	/* One part over the limit, nested only two deep. */
	s = arena_alloc(a, cap);
	n += (size_t)snprintf(s + n, cap - n, "From: a@b.example\r\n"
	    "Content-Type: multipart/mixed; boundary=x\r\n\r\n");
	for (i = 0; i < MIME_PARTS_MAX; i++)
		n += (size_t)snprintf(s + n, cap - n,
		    "--x\r\nContent-Type: text/plain\r\n\r\n%zu\r\n", i);
	n += (size_t)snprintf(s + n, cap - n, "--x--\r\n");
	ck_assert_int_eq(mime_parse(a, s, n, &m, &err), -1);
	ck_assert_str_eq(err, "the message has too many parts");
	ck_assert_int_eq(mime_parse(a, s, MIME_MESSAGE_MAX + 1, &m, &err), -1);
	ck_assert_str_eq(err, "the message is larger than 25 MB");
}
END_TEST

static Suite *
mime_suite(void)
{
	Suite	*s = suite_create("mime");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_loop_test(tc, test_goldens, 0,
	    sizeof(goldens) / sizeof(goldens[0]));
	tcase_add_loop_test(tc, test_attachment_bytes, 0,
	    sizeof(golden_atts) / sizeof(golden_atts[0]));
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_threading_headers);
	tcase_add_test(tc, test_limits);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(mime_suite());
}
