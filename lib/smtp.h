/*
 * Outbound mail over SMTP with libcurl: one message, one recipient.
 *
 * smtp_message() builds the RFC 5322 text from a queued row (pure, unit
 * tested); smtp_send() hands it to the server of MSPHUB_SMTP_URL:
 *
 *	smtp://host[:port]		STARTTLS when offered (CURLUSESSL_TRY)
 *	smtp+starttls://host[:port]	STARTTLS required (CURLUSESSL_ALL)
 *	smtps://host[:port]		implicit TLS
 *
 * user:password in the URL's authority, or MSPHUB_SMTP_USER and
 * MSPHUB_SMTP_PASSWORD, log in.  TLS certificates are always verified.
 */
#ifndef SMTP_H
#define SMTP_H

#include <stddef.h>
#include <time.h>

struct arena;

#define SMTP_CONNECT_TIMEOUT	10	/* seconds to connect */
#define SMTP_TIMEOUT		60	/* seconds for the whole exchange */
#define SMTP_TIMEOUT_MAX	600	/* MSPHUB_SMTP_TIMEOUT's bound */
#define SMTP_QP_LINE_MAX	76	/* quoted-printable line, RFC 2045 */
#define SMTP_WORD_BYTES_MAX	42	/* UTF-8 bytes in one encoded word */
#define SMTP_ADDR_MAX		320
#define SMTP_ERROR_MAX		500	/* bytes of a kept error */

struct smtp_mail {
	const char	*from;		/* addr-spec */
	const char	*to;		/* addr-spec */
	const char	*subject;	/* UTF-8 */
	const char	*body;		/* UTF-8 text */
	const char	*message_id;	/* "<...>" */
	const char	*in_reply_to;	/* or NULL */
	const char	*refs;		/* space-separated IDs, or NULL */
	const char	*marker;	/* first line of the body, or NULL */
	int		 auto_submitted;
	time_t		 date;
};

enum smtp_result {
	SMTP_SENT,
	SMTP_RETRY,		/* 4xx, timeout, no connection */
	SMTP_PERMANENT,		/* 5xx, a message we cannot send */
	SMTP__MAX
};

int		 smtp_addr_ok(const char *);
char		*smtp_message(struct arena *, const struct smtp_mail *,
		    size_t *, const char **);
enum smtp_result smtp_send(const char *, const struct smtp_mail *,
		    const char *, size_t, long, char *, size_t);

#endif
