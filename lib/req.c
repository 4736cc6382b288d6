#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "req.h"

static const char *const req_methods[REQ__MAX] = {
	"GET",		/* REQ_GET */
	"POST",		/* REQ_POST */
	"PUT",		/* REQ_PUT */
	"PATCH",	/* REQ_PATCH */
	"DELETE",	/* REQ_DELETE */
	"HEAD",		/* REQ_HEAD */
};

enum req_method
req_method_parse(const char *s)
{
	enum req_method	m;

	if (s == NULL)
		return REQ__MAX;
	for (m = 0; m < REQ__MAX; m++)
		if (strcmp(req_methods[m], s) == 0)
			return m;
	return REQ__MAX;
}

const char *
req_method_name(enum req_method m)
{
	return m < REQ__MAX ? req_methods[m] : "?";
}

int
req_method_unsafe(enum req_method m)
{
	return m != REQ_GET && m != REQ_HEAD;
}

static int
req_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decodes s[0..len) into a new arena string.  plus: '+' means space
 * (query strings).  Returns NULL on a malformed percent escape.
 */
static char *
req_decode(struct arena *a, const char *s, size_t len, int plus,
    size_t *outlen)
{
	char	*out = arena_alloc(a, len + 1);
	size_t	 i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return NULL;
			hi = req_hex((unsigned char)s[i + 1]);
			lo = req_hex((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (plus && s[i] == '+')
			out[o++] = ' ';
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Query string: a=1&b=2; repeated keys are all kept, in order. */
enum req_error
req_parse_query(struct arena *a, const char *qs, struct req *r)
{
	const char	*p, *amp, *eq;
	size_t		 n = 0, klen, vlen;

	r->params = NULL;
	r->nparams = 0;
	if (qs == NULL || *qs == '\0')
		return REQ_OK;
	if (strlen(qs) > REQ_QUERY_MAX)
		return REQ_ERR_TOO_LARGE;
	r->params = arena_calloc(a, REQ_PARAMS_MAX, sizeof(*r->params));
	for (p = qs; *p != '\0'; p = *amp ? amp + 1 : amp) {
		struct req_param *prm;
		char *key;

		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;	/* "a=1&&b=2" */
		if (n == REQ_PARAMS_MAX)
			return REQ_ERR_TOO_LARGE;
		eq = memchr(p, '=', (size_t)(amp - p));
		prm = &r->params[n];
		if (eq == NULL) {
			eq = amp;
			prm->value = "";
			prm->value_len = 0;
		} else {
			char *v = req_decode(a, eq + 1, (size_t)(amp - eq - 1),
			    1, &vlen);

			if (v == NULL)
				return REQ_ERR_MALFORMED;
			prm->value = v;
			prm->value_len = vlen;
		}
		key = req_decode(a, p, (size_t)(eq - p), 1, &klen);
		if (key == NULL || klen == 0 || strlen(key) != klen)
			return REQ_ERR_MALFORMED;
		prm->key = key;
		n++;
	}
	r->nparams = n;
	return REQ_OK;
}

/* Cookie header: "a=1; b=2" (RFC 6265 §4.2.1); values are not decoded. */
enum req_error
req_parse_cookies(struct arena *a, const char *hdr, struct req *r)
{
	const char	*p, *semi, *eq;
	size_t		 n = 0;

	r->cookies = NULL;
	r->ncookies = 0;
	if (hdr == NULL || *hdr == '\0')
		return REQ_OK;
	if (strlen(hdr) > REQ_COOKIE_MAX)
		return REQ_ERR_TOO_LARGE;
	r->cookies = arena_calloc(a, REQ_COOKIES_MAX, sizeof(*r->cookies));
	for (p = hdr; *p != '\0'; p = *semi ? semi + 1 : semi) {
		const char *k, *ke, *v, *ve;

		semi = p + strcspn(p, ";");
		k = p;
		while (k < semi && (*k == ' ' || *k == '\t'))
			k++;
		if ((eq = memchr(k, '=', (size_t)(semi - k))) == NULL)
			continue;	/* not a cookie pair: ignored */
		ke = eq;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		v = eq + 1;
		ve = semi;
		while (v < ve && (*v == ' ' || *v == '\t'))
			v++;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		if (ke == k)
			continue;
		if (n == REQ_COOKIES_MAX)
			return REQ_ERR_TOO_LARGE;
		r->cookies[n].key = arena_strndup(a, k, (size_t)(ke - k));
		r->cookies[n].value = arena_strndup(a, v, (size_t)(ve - v));
		r->cookies[n].value_len = (size_t)(ve - v);
		n++;
	}
	r->ncookies = n;
	return REQ_OK;
}

/* "application/json", optionally with "; charset=utf-8". */
int
req_content_type_json(const char *ct)
{
	const char	*p;

	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0)
		return 0;
	p = ct + 16;
	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 1;
	if (*p++ != ';')
		return 0;
	while (*p == ' ')
		p++;
	return strcasecmp(p, "charset=utf-8") == 0 ||
	    strcasecmp(p, "charset=\"utf-8\"") == 0;
}

const char *
req_param(const struct req *r, const char *key)
{
	size_t	i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].key, key) == 0)
			return r->params[i].value;
	return NULL;
}

const char *
req_cookie(const struct req *r, const char *key)
{
	size_t	i;

	for (i = 0; i < r->ncookies; i++)
		if (strcmp(r->cookies[i].key, key) == 0)
			return r->cookies[i].value;
	return NULL;
}

/* -1 when absent or not a plain decimal number. */
long long
req_parse_content_length(const char *s)
{
	long long	n = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s) || n > (1LL << 50))
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/*
 * A request header by name ("Idempotency-Key"), from the FastCGI params
 * (HTTP_IDEMPOTENCY_KEY; CONTENT_TYPE and CONTENT_LENGTH have no prefix).
 */
const char *
req_header(const struct req *r, const char *name)
{
	char	 key[sizeof("HTTP_") + REQ_HEADER_NAME_MAX];
	size_t	 i, n = strlen(name), off = 5;
	char	**e;

	if (r->env == NULL || n == 0 || n > REQ_HEADER_NAME_MAX)
		return NULL;
	if (strcasecmp(name, "Content-Type") == 0 ||
	    strcasecmp(name, "Content-Length") == 0)
		off = 0;
	memcpy(key, "HTTP_", off);
	for (i = 0; i < n; i++)
		key[off + i] = name[i] == '-' ? '_' :
		    (char)toupper((unsigned char)name[i]);
	n += off;
	for (e = r->env; *e != NULL; e++)
		if (strncmp(*e, key, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* 1 when the media type of ct (parameters aside) is one of types. */
int
req_content_type_in(const char *ct, const char *const *types)
{
	size_t	n;

	if (ct == NULL || types == NULL)
		return 0;
	n = strcspn(ct, "; \t");
	for (; *types != NULL; types++)
		if (strlen(*types) == n && strncasecmp(ct, *types, n) == 0)
			return 1;
	return 0;
}

/* Reads up to n body bytes; returns how many came before the end. */
size_t
req_read(struct req *r, char *buf, size_t n)
{
	size_t	got = 0;
	int	k, want;

	while (r->read != NULL && got < n) {
		want = n - got > INT_MAX ? INT_MAX : (int)(n - got);
		if ((k = r->read(r->read_arg, buf + got, want)) <= 0)
			break;
		got += (size_t)k;
	}
	return got;
}
