/*
 * lib/mime: GMime 3 does the MIME structure, RFC 2047/2231, transfer
 * encodings and charsets; libxml2's HTML parser turns an HTML-only body
 * into text.  Limits are checked while the tree is walked.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>

#include "arena.h"
#include "mime.h"

const char *const mime_hdr_names[MIME_H__MAX] = {
	"Return-Path",			/* MIME_H_RETURN_PATH */
	"Auto-Submitted",		/* MIME_H_AUTO_SUBMITTED */
	"X-Autoreply",			/* MIME_H_X_AUTOREPLY */
	"X-Autorespond",		/* MIME_H_X_AUTORESPOND */
	"X-Auto-Response-Suppress",	/* MIME_H_X_AUTO_RESPONSE_SUPPRESS */
	"Precedence",			/* MIME_H_PRECEDENCE */
	"List-Id",			/* MIME_H_LIST_ID */
	"X-Failed-Recipients",		/* MIME_H_X_FAILED_RECIPIENTS */
	"Authentication-Results",	/* MIME_H_AUTH_RESULTS */
	"X-Spam-Flag",			/* MIME_H_X_SPAM_FLAG */
	NULL,				/* MIME_H_CONTENT_TYPE */
	NULL,				/* MIME_H_REPORT_TYPE */
	NULL,				/* MIME_H_FROM_LOCAL */
};

/*
 * Labels mail clients use for windows-1252 text: its C1 range holds the
 * curly quotes and the euro that "iso-8859-1" mail really carries.
 */
static const char *const mime_cp1252_labels[] = {
	"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", NULL
};

/* Elements whose text is not the message's. */
static const char *const mime_html_skip[] = {
	"script", "style", "head", "title", "template", NULL
};

/* Elements that end a paragraph or a line. */
static const char *const mime_html_blocks[] = {
	"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
	"table", "blockquote", "pre", "ul", "ol", "hr", "section", "article",
	NULL
};

struct mime_walk {
	struct arena		*a;
	struct mime_mail	*m;
	GByteArray		*plain;
	GByteArray		*html;
	size_t			 attcap;
	const char		*err;
};

/* Whether s is one of the NULL-ended list, ignoring case. */
int
mime_in(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcasecmp(*list, s) == 0)
			return 1;
	return 0;
}

static const char *
mime_dup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strdup(a, s);
}

void
mime_init(void)
{
	static int	done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

static void
mime_addrs(struct arena *a, InternetAddressList *l, struct mime_addrs *out,
    size_t max)
{
	InternetAddress	*ia;
	int		 i, n;

	n = l == NULL ? 0 : internet_address_list_length(l);
	out->v = arena_calloc(a, n > 0 ? (size_t)n : 1, sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < n && out->n < max; i++) {
		ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			out->v[out->n++] = arena_strdup(a,
			    internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia)));
	}
}

static void
mime_from(struct arena *a, GMimeMessage *msg, struct mime_mail *m)
{
	InternetAddressList	*l = g_mime_message_get_from(msg);
	InternetAddress		*ia;
	const char		*at;

	if (l == NULL || internet_address_list_length(l) < 1)
		return;
	ia = internet_address_list_get_address(l, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
		return;
	m->from = arena_strdup(a, internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(ia)));
	m->from_name = mime_dup(a, internet_address_get_name(ia));
	m->from_idn = mime_dup(a, internet_address_mailbox_get_idn_addr(
	    INTERNET_ADDRESS_MAILBOX(ia)));
	if (*m->from == '\0') {
		m->from = NULL;
		return;
	}
	at = strrchr(m->from, '@');
	m->hdr[MIME_H_FROM_LOCAL] = at == NULL ? m->from :
	    arena_strndup(a, m->from, (size_t)(at - m->from));
}

static void
mime_refs(struct arena *a, const char *v, struct mime_addrs *out)
{
	GMimeReferences	*r;
	int		 i, n;

	out->v = NULL;
	out->n = 0;
	if (v == NULL || (r = g_mime_references_parse(NULL, v)) == NULL)
		return;
	n = g_mime_references_length(r);
	out->v = arena_calloc(a, n > 0 ? (size_t)n : 1, sizeof(*out->v));
	for (i = 0; i < n && out->n < MIME_REFS_MAX; i++)
		out->v[out->n++] = arena_strdup(a,
		    g_mime_references_get_message_id(r, i));
	g_mime_references_free(r);
}

/* The part's content, transfer-decoded and converted to UTF-8. */
static GByteArray *
mime_utf8(GMimeObject *o)
{
	GMimeDataWrapper	*dw = g_mime_part_get_content(GMIME_PART(o));
	GMimeStream		*mem, *filt;
	GMimeFilter		*f = NULL;
	GByteArray		*ba;
	const char		*cs;

	ba = g_byte_array_new();
	if (dw == NULL)
		return ba;
	mem = g_mime_stream_mem_new_with_byte_array(ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	filt = g_mime_stream_filter_new(mem);
	cs = g_mime_object_get_content_type_parameter(o, "charset");
	if (cs == NULL || mime_in(mime_cp1252_labels, cs))
		cs = "windows-1252";
	if (strcasecmp(cs, "utf-8") != 0 &&
	    (f = g_mime_filter_charset_new(cs, "UTF-8")) != NULL) {
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(filt), f);
		g_object_unref(f);
	}
	g_mime_data_wrapper_write_to_stream(dw, filt);
	g_mime_stream_flush(filt);
	g_object_unref(filt);
	g_object_unref(mem);
	return ba;
}

static void
mime_bytes_free(void *p)
{
	g_byte_array_free(p, TRUE);
}

/*
 * A part's transfer-decoded bytes (a forwarded message's as it came),
 * owned by the arena: never more than the message, so not counted twice.
 */
static void
mime_bytes(struct arena *a, GMimeObject *o, struct mime_attachment *at)
{
	GMimeDataWrapper *dw = GMIME_IS_PART(o) ?
			    g_mime_part_get_content(GMIME_PART(o)) : NULL;
	GByteArray	*ba;
	GMimeStream	*mem;
	GMimeMessage	*inner;
	gint64		 n;

	/* Sized by the encoded bytes, which the decoded never exceed. */
	n = dw == NULL ? 0 : g_mime_stream_length(
	    g_mime_data_wrapper_get_stream(dw));
	ba = g_byte_array_sized_new(n > 0 ? (guint)n : 0);
	mem = g_mime_stream_mem_new_with_byte_array(ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	arena_cleanup_add(a, mime_bytes_free, ba);
	if (dw != NULL)
		g_mime_data_wrapper_write_to_stream(dw, mem);
	else if (GMIME_IS_MESSAGE_PART(o) && (inner =
	    g_mime_message_part_get_message(GMIME_MESSAGE_PART(o))) != NULL)
		g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
	g_object_unref(mem);
	/* An empty GByteArray has no data at all. */
	at->data = ba->data == NULL ? "" : (const char *)ba->data;
	at->size = ba->len;
}

static void
mime_attach(struct mime_walk *w, GMimeObject *o, const char *name)
{
	struct mime_attachment	*at;
	GMimeContentType	*ct = g_mime_object_get_content_type(o);
	GMimeContentDisposition	*cd = g_mime_object_get_content_disposition(o);
	char			*type, *valid;

	if (w->m->natt == w->attcap) {
		w->attcap = w->attcap == 0 ? 8 : w->attcap * 2;
		at = arena_calloc(w->a, w->attcap, sizeof(*at));
		if (w->m->natt > 0)
			memcpy(at, w->m->att, w->m->natt * sizeof(*at));
		w->m->att = at;
	}
	at = &w->m->att[w->m->natt++];
	type = g_mime_content_type_get_mime_type(ct);
	at->type = arena_strdup(w->a, type);
	g_free(type);
	if (name != NULL) {
		valid = g_utf8_make_valid(name, -1);
		at->name = arena_strdup(w->a, valid);
		g_free(valid);
	}
	at->content_id = mime_dup(w->a, g_mime_object_get_content_id(o));
	mime_bytes(w->a, o, at);
	/* No disposition: a part named by a Content-ID is shown in the text. */
	at->is_inline = cd != NULL ? g_mime_content_disposition_is_attachment(
	    cd) == FALSE : at->content_id != NULL;
}

static void
mime_leaf(struct mime_walk *w, GMimeObject *o)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(o);
	GMimeContentDisposition	*cd = g_mime_object_get_content_disposition(o);
	const char		*name = g_mime_part_get_filename(GMIME_PART(o));
	GByteArray		*more;
	int			 attached;

	attached = name != NULL || (cd != NULL &&
	    g_mime_content_disposition_is_attachment(cd));
	if (!attached && w->plain == NULL &&
	    g_mime_content_type_is_type(ct, "text", "plain"))
		w->plain = mime_utf8(o);
	else if (!attached && g_mime_content_type_is_type(ct, "text",
	    "plain")) {
		/* Apple Mail: text, image, text; every text part is kept. */
		more = mime_utf8(o);
		g_byte_array_append(w->plain, (const guint8 *)"\n", 1);
		g_byte_array_append(w->plain, more->data, more->len);
		g_byte_array_free(more, TRUE);
	} else if (!attached && w->html == NULL &&
	    g_mime_content_type_is_type(ct, "text", "html"))
		w->html = mime_utf8(o);
	else if (!attached && g_mime_content_type_is_type(ct, "text", "*"))
		return;
	else
		mime_attach(w, o, name);
}

static int
mime_walk(struct mime_walk *w, GMimeObject *o, int depth)
{
	GMimeMultipart	*mp;
	GMimeMessage	*inner;
	int		 i, n;

	if (depth > MIME_DEPTH_MAX) {
		w->err = "the message's parts are nested too deeply";
		return -1;
	}
	if (++w->m->nparts > MIME_PARTS_MAX) {
		w->err = "the message has too many parts";
		return -1;
	}
	if (GMIME_IS_MULTIPART(o)) {
		mp = GMIME_MULTIPART(o);
		n = g_mime_multipart_get_count(mp);
		for (i = 0; i < n; i++)
			if (mime_walk(w, g_mime_multipart_get_part(mp, i),
			    depth + 1) == -1)
				return -1;
	} else if (GMIME_IS_MESSAGE_PART(o)) {
		/* A forwarded message is an attachment, limits still count. */
		mime_attach(w, o, g_mime_object_get_content_disposition_parameter(
		    o, "filename"));
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (inner != NULL && g_mime_message_get_mime_part(inner) != NULL) {
			struct mime_walk	sub = *w;
			struct mime_mail	m2 = *w->m;

			sub.m = &m2;
			sub.plain = sub.html = NULL;
			sub.attcap = 0;
			m2.natt = 0;
			m2.att = NULL;
			i = mime_walk(&sub, g_mime_message_get_mime_part(inner),
			    depth + 1);
			if (sub.plain != NULL)
				g_byte_array_free(sub.plain, TRUE);
			if (sub.html != NULL)
				g_byte_array_free(sub.html, TRUE);
			w->m->nparts = m2.nparts;
			w->err = sub.err;
			return i;
		}
	} else if (GMIME_IS_PART(o))
		mime_leaf(w, o);
	return 0;
}

static void
mime_html_text(xmlNode *n, GString *out)
{
	const char	*p;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			for (p = (const char *)n->content; p != NULL && *p; p++) {
				if (isspace((unsigned char)*p)) {
					if (out->len > 0 &&
					    !isspace((unsigned char)
					    out->str[out->len - 1]))
						g_string_append_c(out, ' ');
				} else
					g_string_append_c(out, *p);
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE ||
		    mime_in(mime_html_skip, (const char *)n->name))
			continue;
		mime_html_text(n->children, out);
		if (mime_in(mime_html_blocks, (const char *)n->name)) {
			while (out->len > 0 && out->str[out->len - 1] == ' ')
				g_string_truncate(out, out->len - 1);
			g_string_append(out, strcasecmp((const char *)n->name,
			    "p") == 0 || (n->name[0] == 'h' &&
			    isdigit(n->name[1])) ? "\n\n" : "\n");
		}
	}
}

/* HTML (UTF-8 already) to text: paragraphs kept, markup dropped. */
static GString *
mime_html(const GByteArray *html)
{
	GString		*out = g_string_new(NULL);
	htmlDocPtr	 doc;

	doc = htmlReadMemory((const char *)html->data,
	    (int)(html->len > MIME_HTML_MAX ? MIME_HTML_MAX : html->len),
	    NULL, "UTF-8", HTML_PARSE_IGNORE_ENC | HTML_PARSE_RECOVER |
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc != NULL) {
		mime_html_text(xmlDocGetRootElement(doc), out);
		xmlFreeDoc(doc);
	}
	return out;
}

/*
 * The text as the arena's UTF-8: invalid bytes replaced, CRs dropped, at
 * most two line ends in a row, trimmed, capped; a NUL ends it.
 */
static const char *
mime_clean(struct arena *a, const char *s, size_t len)
{
	char	*valid, *out;
	size_t	 i, n = 0, nl = 0;

	/* An empty part's GByteArray has no data at all. */
	if (s == NULL || len == 0)
		return "";
	if (len > MIME_TEXT_MAX)
		len = MIME_TEXT_MAX;
	valid = g_utf8_make_valid(s, (gssize)len);
	/* Replacement characters can make it longer: cap on a boundary. */
	if ((len = strlen(valid)) > MIME_TEXT_MAX)
		for (len = MIME_TEXT_MAX; len > 0 &&
		    ((unsigned char)valid[len] & 0xc0) == 0x80; len--)
			continue;
	out = arena_alloc(a, len + 1);
	for (i = 0; i < len; i++) {
		if (valid[i] == '\r')
			continue;
		if (valid[i] == '\n' && (n == 0 || ++nl > 2))
			continue;
		if (valid[i] != '\n')
			nl = 0;
		out[n++] = valid[i];
	}
	while (n > 0 && isspace((unsigned char)out[n - 1]))
		n--;
	out[n] = '\0';
	g_free(valid);
	return out;
}

static void
mime_body(struct mime_walk *w)
{
	GString	*s;

	if (w->plain != NULL)
		w->m->text = mime_clean(w->a, (const char *)w->plain->data,
		    w->plain->len);
	else if (w->html != NULL) {
		s = mime_html(w->html);
		w->m->text = mime_clean(w->a, s->str, s->len);
		w->m->text_from_html = 1;
		g_string_free(s, TRUE);
	} else
		w->m->text = "";
}

/* Every header called name, top first: several A-R headers may come. */
static void
mime_all(struct arena *a, GMimeObject *o, const char *name,
    struct mime_addrs *out, size_t max)
{
	GMimeHeaderList	*l = g_mime_object_get_header_list(o);
	GMimeHeader	*h;
	int		 i, n = g_mime_header_list_get_count(l);

	out->v = arena_calloc(a, max, sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < n && out->n < max; i++) {
		h = g_mime_header_list_get_header_at(l, i);
		if (g_ascii_strcasecmp(g_mime_header_get_name(h), name) == 0 &&
		    g_mime_header_get_value(h) != NULL)
			out->v[out->n++] = arena_strdup(a,
			    g_mime_header_get_value(h));
	}
}

static void
mime_headers(struct arena *a, GMimeMessage *msg, struct mime_mail *m)
{
	GMimeObject		*top = GMIME_OBJECT(msg);
	GMimeObject		*body = g_mime_message_get_mime_part(msg);
	GMimeContentType	*ct;
	struct mime_addrs	 irt;
	char			*type, *lower;
	size_t			 i;

	for (i = 0; i < MIME_H__MAX; i++)
		if (mime_hdr_names[i] != NULL)
			m->hdr[i] = mime_dup(a, g_mime_object_get_header(top,
			    mime_hdr_names[i]));
	if (body != NULL) {
		ct = g_mime_object_get_content_type(body);
		type = g_mime_content_type_get_mime_type(ct);
		lower = g_ascii_strdown(type, -1);
		m->hdr[MIME_H_CONTENT_TYPE] = arena_strdup(a, lower);
		g_free(lower);
		g_free(type);
		m->hdr[MIME_H_REPORT_TYPE] = mime_dup(a,
		    g_mime_content_type_get_parameter(ct, "report-type"));
	}
	mime_from(a, msg, m);
	mime_addrs(a, g_mime_message_get_to(msg), &m->to, MIME_ADDRS_MAX);
	mime_addrs(a, g_mime_message_get_cc(msg), &m->cc, MIME_ADDRS_MAX);
	m->subject = mime_dup(a, g_mime_message_get_subject(msg));
	m->message_id = mime_dup(a, g_mime_message_get_message_id(msg));
	mime_refs(a, g_mime_object_get_header(top, "References"),
	    &m->references);
	mime_refs(a, g_mime_object_get_header(top, "In-Reply-To"), &irt);
	m->in_reply_to = irt.n > 0 ? irt.v[0] : NULL;
	mime_all(a, top, "Authentication-Results", &m->auth_results,
	    MIME_AUTH_RESULTS_MAX);
}

/*
 * Parses len bytes of a message into *m (memory from a).  0, or -1 with
 * *err a sentence for the admin list.
 */
int
mime_parse(struct arena *a, const char *buf, size_t len, struct mime_mail *m,
    const char **err)
{
	struct mime_walk	 w;
	GMimeStream		*st;
	GMimeParser		*p;
	GMimeMessage		*msg;
	GMimeObject		*body;
	int			 rc = 0;

	memset(m, 0, sizeof(*m));
	memset(&w, 0, sizeof(w));
	w.a = a;
	w.m = m;
	*err = NULL;
	if (len > MIME_MESSAGE_MAX) {
		*err = "the message is larger than 25 MB";
		return -1;
	}
	mime_init();
	st = g_mime_stream_mem_new_with_buffer(buf, len);
	p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(st);
	if (msg == NULL) {
		*err = "the data is not a mail message";
		return -1;
	}
	mime_headers(a, msg, m);
	if (m->from == NULL) {
		*err = "the message has no From address";
		rc = -1;
	} else if ((body = g_mime_message_get_mime_part(msg)) != NULL &&
	    mime_walk(&w, body, 1) == -1) {
		*err = w.err;
		rc = -1;
	}
	if (rc == 0)
		mime_body(&w);
	if (w.plain != NULL)
		g_byte_array_free(w.plain, TRUE);
	if (w.html != NULL)
		g_byte_array_free(w.html, TRUE);
	g_object_unref(msg);
	return rc;
}
