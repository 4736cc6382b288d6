#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "arena.h"
#include "conf.h"
#include "smtp.h"

#define SMTP_SUBJECT_RAW_MAX	900	/* an ASCII subject left as it is */
#define SMTP_URL_MAX		1024
#define SMTP_STARTTLS_SCHEME	"smtp+starttls://"

/* A growing text in the arena. */
struct smtp_buf {
	struct arena	*a;
	char		*p;
	size_t		 len;
	size_t		 cap;
};

static void
smtp_put(struct smtp_buf *b, const char *s, size_t n)
{
	char	*np;

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		np = arena_alloc(b->a, b->cap);
		if (b->len > 0)
			memcpy(np, b->p, b->len);
		b->p = np;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
smtp_puts(struct smtp_buf *b, const char *s)
{
	smtp_put(b, s, strlen(s));
}

/*
 * An addr-spec we may put in a header and an envelope: printable ASCII
 * without spaces, brackets or separators, one '@' not at either end.
 */
int
smtp_addr_ok(const char *s)
{
	const char	*at;
	const char	*p;

	if (s == NULL || strlen(s) > SMTP_ADDR_MAX ||
	    (at = strchr(s, '@')) == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>,;:\"()[]\\", *p))
			return 0;
	return 1;
}

/* One "<...>" ID or, with list, several separated by single spaces. */
static int
smtp_ids_ok(const char *s, int list)
{
	const char	*p;
	int		 open = 0, n = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p < ' ' || *p >= 0x7f)
			return 0;
		if (*p == '<' && !open && (p == s || p[-1] == ' '))
			open = 1, n++;
		else if (*p == '>' && open && (p[1] == '\0' || p[1] == ' '))
			open = 0;
		else if (*p == ' ' ? open || p[-1] != '>' || p[1] == '\0' :
		    !open)
			return 0;
	}
	return !open && (list ? n > 0 : n == 1);
}

/* The subject as one line: controls (CR, LF above all) become spaces. */
static char *
smtp_subject_line(struct arena *a, const char *s)
{
	char	*t = arena_strdup(a, s), *p;

	for (p = t; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	return t;
}

/*
 * RFC 2047: an ASCII subject as it is; any other in B encoded words of
 * whole UTF-8 characters, one a line.
 */
static void
smtp_put_subject(struct smtp_buf *b, const char *s)
{
	unsigned char	 out[4 * SMTP_WORD_BYTES_MAX / 3 + 4];
	const char	*p;
	size_t		 n, len = strlen(s);
	int		 ascii = len <= SMTP_SUBJECT_RAW_MAX &&
			    strstr(s, "=?") == NULL;

	for (p = s; *p != '\0' && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	smtp_puts(b, "Subject: ");
	if (ascii) {
		smtp_puts(b, s);
		smtp_puts(b, "\r\n");
		return;
	}
	for (p = s; *p != '\0'; p += n) {
		n = strlen(p) > SMTP_WORD_BYTES_MAX ? SMTP_WORD_BYTES_MAX :
		    strlen(p);
		while (n > 1 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(out, (const unsigned char *)p, (int)n);
		smtp_puts(b, p == s ? "=?UTF-8?B?" : " =?UTF-8?B?");
		smtp_puts(b, (const char *)out);
		smtp_puts(b, "?=\r\n");
	}
}

/* The line's next token, folding the line first when it would not fit. */
static void
smtp_qp_token(struct smtp_buf *b, size_t *col, const char *t, size_t n)
{
	if (*col + n > SMTP_QP_LINE_MAX - 1) {
		smtp_puts(b, "=\r\n");
		*col = 0;
	}
	smtp_put(b, t, n);
	*col += n;
}

/*
 * Quoted-printable (RFC 2045) with CRLF line ends.  A space or tab before
 * a line end and a dot starting a line are encoded.
 */
static void
smtp_put_qp(struct smtp_buf *b, const char *s)
{
	const unsigned char	*p;
	char			 hex[4];
	size_t			 col = 0;
	int			 end;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n') {
			if (*p == '\r' && p[1] == '\n')
				p++;
			smtp_puts(b, "\r\n");
			col = 0;
			continue;
		}
		end = p[1] == '\0' || p[1] == '\r' || p[1] == '\n';
		if ((*p > ' ' && *p < 0x7f && *p != '=' &&
		    !(*p == '.' && col == 0)) ||
		    ((*p == ' ' || *p == '\t') && !end))
			smtp_qp_token(b, &col, (const char *)p, 1);
		else {
			snprintf(hex, sizeof(hex), "=%02X", *p);
			smtp_qp_token(b, &col, hex, 3);
		}
	}
	smtp_puts(b, "\r\n");
}

static void
smtp_put_date(struct smtp_buf *b, time_t t)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec"
	};
	struct tm	tm;
	char		line[64];

	gmtime_r(&t, &tm);
	snprintf(line, sizeof(line), "Date: %s, %02d %s %04d %02d:%02d:%02d "
	    "+0000\r\n", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	smtp_puts(b, line);
}

static void
smtp_put_header(struct smtp_buf *b, const char *name, const char *value)
{
	smtp_puts(b, name);
	smtp_puts(b, ": ");
	smtp_puts(b, value);
	smtp_puts(b, "\r\n");
}

/* References, one ID a line: any number of them stays under 998. */
static void
smtp_put_refs(struct smtp_buf *b, const char *refs)
{
	const char	*p, *sp;

	smtp_puts(b, "References:");
	for (p = refs; *p != '\0'; p = *sp == '\0' ? sp : sp + 1) {
		if ((sp = strchr(p, ' ')) == NULL)
			sp = p + strlen(p);
		smtp_puts(b, p == refs ? " " : "\r\n ");
		smtp_put(b, p, (size_t)(sp - p));
	}
	smtp_puts(b, "\r\n");
}

/*
 * The message of m, CRLF line ends, with its length in *len; or NULL
 * with *why when a header value would break the header (a CR or LF, an
 * address that is not a plain addr-spec): nothing is ever injected.
 */
char *
smtp_message(struct arena *a, const struct smtp_mail *m, size_t *len,
    const char **why)
{
	struct smtp_buf	 b = { a, NULL, 0, 0 };

	if (!smtp_addr_ok(m->from))
		return *why = "the sender address is not a plain address",
		    NULL;
	if (!smtp_addr_ok(m->to))
		return *why = "the recipient address is not a plain address",
		    NULL;
	if (m->message_id == NULL || !smtp_ids_ok(m->message_id, 0) ||
	    (m->in_reply_to != NULL && !smtp_ids_ok(m->in_reply_to, 0)) ||
	    (m->refs != NULL && !smtp_ids_ok(m->refs, 1)))
		return *why = "a Message-ID is malformed", NULL;
	smtp_put_header(&b, "From", m->from);
	smtp_put_header(&b, "To", m->to);
	smtp_put_subject(&b, smtp_subject_line(a, m->subject));
	smtp_put_date(&b, m->date);
	smtp_put_header(&b, "Message-ID", m->message_id);
	if (m->in_reply_to != NULL)
		smtp_put_header(&b, "In-Reply-To", m->in_reply_to);
	if (m->refs != NULL)
		smtp_put_refs(&b, m->refs);
	smtp_puts(&b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n");
	if (m->auto_submitted)
		smtp_puts(&b, "Auto-Submitted: auto-generated\r\n");
	smtp_puts(&b, "X-Auto-Response-Suppress: All\r\n\r\n");
	smtp_put_qp(&b, m->marker == NULL ? m->body : arena_printf(a,
	    "%s\n\n%s", m->marker, m->body));
	*len = b.len;
	return b.p;
}

struct smtp_upload {
	const char	*p;
	size_t		 left;
};

static size_t
smtp_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct smtp_upload	*u = arg;
	size_t			 n = size * nitems;

	if (n > u->left)
		n = u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/*
 * What a failure means: a 5xx reply refuses the message for good
 * (unknown recipient, a message the server will never take); a 4xx, a
 * timeout, no connection, TLS or login trouble may pass: try again.
 */
static enum smtp_result
smtp_classify(CURLcode rc, long code)
{
	switch (rc) {
	case CURLE_OK:
		return SMTP_SENT;
	case CURLE_LOGIN_DENIED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		return SMTP_RETRY;
	default:
		return code >= 500 && code < 600 ? SMTP_PERMANENT : SMTP_RETRY;
	}
}

/*
 * Sends msg (len bytes) to m->to from m->from through url, giving up
 * after timeout seconds; on failure err holds what the server or libcurl
 * said.
 */
enum smtp_result
smtp_send(const char *url, const struct smtp_mail *m, const char *msg,
    size_t len, long timeout, char *err, size_t errsize)
{
	struct smtp_upload	 up = { msg, len };
	struct curl_slist	*rcpt = NULL;
	char			 u[SMTP_URL_MAX], from[SMTP_ADDR_MAX + 3];
	char			 to[SMTP_ADDR_MAX + 3];
	char			 ebuf[CURL_ERROR_SIZE] = "";
	const char		*user = conf_get("MSPHUB_SMTP_USER", NULL);
	const char		*pass = conf_get("MSPHUB_SMTP_PASSWORD", NULL);
	long			 ssl = CURLUSESSL_TRY, code = 0;
	CURL			*curl;
	CURLcode		 rc;
	enum smtp_result	 res;

	if (strncmp(url, SMTP_STARTTLS_SCHEME,
	    strlen(SMTP_STARTTLS_SCHEME)) == 0) {
		snprintf(u, sizeof(u), "smtp://%s",
		    url + strlen(SMTP_STARTTLS_SCHEME));
		ssl = CURLUSESSL_ALL;
	} else
		snprintf(u, sizeof(u), "%s", url);
	snprintf(from, sizeof(from), "<%s>", m->from);
	snprintf(to, sizeof(to), "<%s>", m->to);
	if ((curl = curl_easy_init()) == NULL ||
	    (rcpt = curl_slist_append(NULL, to)) == NULL) {
		curl_easy_cleanup(curl);
		snprintf(err, errsize, "out of memory");
		return SMTP_RETRY;
	}
	curl_easy_setopt(curl, CURLOPT_URL, u);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_USE_SSL, ssl);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, ebuf);
	if (user != NULL)
		curl_easy_setopt(curl, CURLOPT_USERNAME, user);
	if (pass != NULL)
		curl_easy_setopt(curl, CURLOPT_PASSWORD, pass);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &up);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	res = smtp_classify(rc, code);
	if (res != SMTP_SENT && code > 0)
		snprintf(err, errsize, "SMTP %ld: %s", code, ebuf[0] != '\0' ?
		    ebuf : curl_easy_strerror(rc));
	else if (res != SMTP_SENT)
		snprintf(err, errsize, "%s", ebuf[0] != '\0' ? ebuf :
		    curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	return res;
}
