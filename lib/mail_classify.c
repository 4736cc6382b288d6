/*
 * lib/mail_classify: the first rule that matches decides.  Bounces first
 * (a DSN is often also marked auto-submitted), then auto-replies and list
 * mail; a bare null return path last, since RFC 3834 auto-replies are
 * sent with one too.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "mail_classify.h"
#include "mime.h"

#define MAIL_TOKEN_MAX	64

const char *const mail_class_names[MAIL_CLASS__MAX] = {
	"normal",		/* MAIL_CLASS_NORMAL */
	"bounce",		/* MAIL_CLASS_BOUNCE */
	"auto_reply",		/* MAIL_CLASS_AUTO_REPLY */
	"list",			/* MAIL_CLASS_LIST */
};

enum mail_match {
	MAIL_MATCH_PRESENT,	/* any value */
	MAIL_MATCH_ONE_OF,	/* its first token is one of values */
	MAIL_MATCH_NONE_OF,	/* present, first token none of values */
	MAIL_MATCH__MAX
};

struct mail_rule {
	enum mime_hdr		 hdr;
	enum mail_match		 match;
	const char *const	*values;
	enum mail_class		 cls;
};

static const char *const mail_report[] = { "multipart/report", NULL };
static const char *const mail_dsn[] = { "delivery-status", NULL };
static const char *const mail_daemons[] = {
	"mailer-daemon", "postmaster", NULL
};
static const char *const mail_no[] = { "no", NULL };
static const char *const mail_list[] = { "list", NULL };
static const char *const mail_bulk[] = {
	"bulk", "junk", "auto_reply", NULL
};
static const char *const mail_null[] = { "<>", NULL };

static const struct mail_rule mail_rules[] = {
	{ MIME_H_REPORT_TYPE, MAIL_MATCH_ONE_OF, mail_dsn, MAIL_CLASS_BOUNCE },
	{ MIME_H_X_FAILED_RECIPIENTS, MAIL_MATCH_PRESENT, NULL,
	    MAIL_CLASS_BOUNCE },
	{ MIME_H_FROM_LOCAL, MAIL_MATCH_ONE_OF, mail_daemons,
	    MAIL_CLASS_BOUNCE },
	{ MIME_H_AUTO_SUBMITTED, MAIL_MATCH_NONE_OF, mail_no,
	    MAIL_CLASS_AUTO_REPLY },
	{ MIME_H_X_AUTOREPLY, MAIL_MATCH_PRESENT, NULL, MAIL_CLASS_AUTO_REPLY },
	{ MIME_H_X_AUTORESPOND, MAIL_MATCH_PRESENT, NULL,
	    MAIL_CLASS_AUTO_REPLY },
	{ MIME_H_X_AUTO_RESPONSE_SUPPRESS, MAIL_MATCH_PRESENT, NULL,
	    MAIL_CLASS_AUTO_REPLY },
	{ MIME_H_LIST_ID, MAIL_MATCH_PRESENT, NULL, MAIL_CLASS_LIST },
	{ MIME_H_PRECEDENCE, MAIL_MATCH_ONE_OF, mail_list, MAIL_CLASS_LIST },
	{ MIME_H_PRECEDENCE, MAIL_MATCH_ONE_OF, mail_bulk,
	    MAIL_CLASS_AUTO_REPLY },
	{ MIME_H_CONTENT_TYPE, MAIL_MATCH_ONE_OF, mail_report,
	    MAIL_CLASS_BOUNCE },
	{ MIME_H_RETURN_PATH, MAIL_MATCH_ONE_OF, mail_null, MAIL_CLASS_BOUNCE },
};

/* The value's first token: up to ';' or white space, spaces dropped. */
static void
mail_token(const char *v, char *out, size_t max)
{
	size_t	n = 0;

	while (*v == ' ' || *v == '\t')
		v++;
	while (*v != '\0' && *v != ';' && *v != ' ' && *v != '\t' &&
	    n + 1 < max)
		out[n++] = *v++;
	out[n] = '\0';
}

static int
mail_rule_matches(const struct mail_rule *r, const struct mime_mail *m)
{
	char	tok[MAIL_TOKEN_MAX];

	if (m->hdr[r->hdr] == NULL)
		return 0;
	mail_token(m->hdr[r->hdr], tok, sizeof(tok));
	switch (r->match) {
	case MAIL_MATCH_ONE_OF:
		return mime_in(r->values, tok);
	case MAIL_MATCH_NONE_OF:
		return !mime_in(r->values, tok);
	default:
		return 1;
	}
}

enum mail_class
mail_classify(const struct mime_mail *m)
{
	size_t	i;

	for (i = 0; i < sizeof(mail_rules) / sizeof(mail_rules[0]); i++)
		if (mail_rule_matches(&mail_rules[i], m))
			return mail_rules[i].cls;
	return MAIL_CLASS_NORMAL;
}
