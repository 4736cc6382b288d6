#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "country.h"
#include "field.h"
#include "req.h"

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF, no NUL. */
int
field_utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	uint32_t		 cp, min;

	while (i < len) {
		unsigned char c = s[i];

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

size_t
field_utf8_chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static int
field_fail(struct field_error *err, const struct field_spec *spec,
    const char *code, const char *message)
{
	err->code = code;
	err->message = message;
	err->field = spec->name;
	return -1;
}

/* A text's length outside its limits, named ("At most 200 characters"). */
static int
field_fail_chars(struct arena *a, struct field_error *err,
    const struct field_spec *spec, int most, long long n)
{
	field_fail(err, spec, most ? "too_long" : "too_short", NULL);
	err->message = arena_printf(a, "At %s %lld character%s",
	    most ? "most" : "least", n, n == 1 ? "" : "s");
	return -1;
}

static int
field_text(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	size_t	i, chars;

	if (!field_utf8_valid(s, len))
		return field_fail(err, spec, "invalid_text",
		    "Text must be valid UTF-8 without NUL bytes");
	/* Trim ASCII white space at both ends. */
	while (!(spec->flags & FIELD_NOTRIM) && len > 0 &&
	    isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (!(spec->flags & FIELD_NOTRIM) && len > 0 &&
	    isspace((unsigned char)s[len - 1]))
		len--;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f || (c < 0x20 && !(spec->type == FIELD_MULTILINE &&
		    (c == '\n' || c == '\r' || c == '\t'))))
			return field_fail(err, spec, "invalid_text",
			    "Text must not contain control characters");
	}
	chars = field_utf8_chars(s, len);
	if (chars == 0 && spec->min > 0)
		return field_fail(err, spec, "required", "Must not be empty");
	if ((long long)chars < spec->min)
		return field_fail_chars(a, err, spec, 0, spec->min);
	if (spec->max > 0 && (long long)chars > spec->max)
		return field_fail_chars(a, err, spec, 1, spec->max);
	out->s = arena_strndup(a, s, len);
	out->len = len;
	return 0;
}

static int
field_int(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, long long min, long long max, struct field_value *out,
    struct field_error *err)
{
	char		*end;
	long long	 n;
	size_t		 i = 0;

	if (len > 0 && s[0] == '-')
		i = 1;
	if (len == i || len > 20)
		return field_fail(err, spec, "invalid_integer",
		    "Must be a whole number");
	for (; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return field_fail(err, spec, "invalid_integer",
			    "Must be a whole number");
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end != s + len)
		return field_fail(err, spec, "invalid_integer",
		    "Must be a whole number");
	if (n < min || n > max) {
		field_fail(err, spec, "out_of_range", "Number is out of range");
		err->message = arena_printf(a, "Must be between %lld and %lld",
		    min, max);
		return -1;
	}
	out->i = n;
	return 0;
}

/* Copies the digits at s[*i] to t[*n]; returns how many there were. */
static size_t
field_digits(const char *s, size_t len, size_t *i, char *t, size_t *n)
{
	size_t	k = 0;

	for (; *i < len && isdigit((unsigned char)s[*i]); (*i)++, k++)
		t[(*n)++] = s[*i];
	return k;
}

/*
 * A JSON number (RFC 8259), finite as a double, kept as text: the
 * exponent is written "e" without "+" or leading zeros; the rest stays as
 * sent, so 0.1 is not 0.10000000000000001 and 1.50 keeps its zero.
 */
static int
field_number(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	char	*t, *end;
	size_t	 i = 0, n = 0;
	double	 d;
	int	 neg = 0;

	if (len == 0 || len > FIELD_NUMBER_MAX)
		goto bad;
	t = arena_alloc(a, len + 1);
	if (s[i] == '-')
		t[n++] = s[i++];
	if (i < len && s[i] == '0')
		t[n++] = s[i++];
	else if (field_digits(s, len, &i, t, &n) == 0)
		goto bad;
	if (i < len && s[i] == '.') {
		t[n++] = s[i++];
		if (field_digits(s, len, &i, t, &n) == 0)
			goto bad;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		t[n++] = 'e';
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
		while (i + 1 < len && s[i] == '0' &&
		    isdigit((unsigned char)s[i + 1]))
			i++;
		if (neg && i < len && s[i] != '0')
			t[n++] = '-';
		if (field_digits(s, len, &i, t, &n) == 0)
			goto bad;
	}
	if (i != len)
		goto bad;
	t[n] = '\0';
	errno = 0;
	d = strtod(t, &end);
	if (errno != 0 || end != t + n || !isfinite(d))
		goto bad;
	out->d = d;
	out->s = t;
	out->len = n;
	return 0;
bad:
	return field_fail(err, spec, "invalid_number", "Must be a number");
}

static int
field_date(const struct field_spec *spec, const char *s, size_t len,
    struct field_value *out, struct field_error *err)
{
	static const int mdays[12] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	y, m, d, i, leap;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		goto bad;
	out->i = (long long)y * 10000 + m * 100 + d;
	return 0;
bad:
	return field_fail(err, spec, "invalid_date",
	    "Must be a date as YYYY-MM-DD");
}

/* RFC 1035 host name, at least two labels, lower-cased in place. */
static int
field_domain_ok(char *s, size_t len)
{
	size_t	i, label = 0, labels = 1, last_start = 0;
	int	tld_alpha = 0;

	if (len > 0 && s[len - 1] == '.')
		s[--len] = '\0';
	if (len == 0 || len > FIELD_DOMAIN_MAX)
		return 0;
	for (i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '.';

		if (c == '.') {
			if (label == 0 || label > 63 || s[i - 1] == '-')
				return 0;
			if (i < len) {
				labels++;
				last_start = i + 1;
			}
			label = 0;
			continue;
		}
		c = (char)tolower((unsigned char)c);
		s[i] = c;
		if (!(isalnum((unsigned char)c) || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		label++;
	}
	for (i = last_start; i < len; i++)
		if (isalpha((unsigned char)s[i]))
			tld_alpha = 1;
	return labels >= 2 && tld_alpha;
}

static int
field_email(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~.";
	const char	*at;
	char		*copy;
	size_t		 local, i;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len > FIELD_EMAIL_MAX || memchr(s, '\0', len) != NULL)
		goto bad;
	if ((at = memchr(s, '@', len)) == NULL)
		goto bad;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || s[0] == '.' || s[local - 1] == '.')
		goto bad;
	for (i = 0; i < local; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalnum(c) && strchr(atext, c) == NULL)
			goto bad;
		if (c == '.' && s[i + 1] == '.')
			goto bad;
	}
	copy = arena_strndup(a, s, len);
	for (i = 0; i < local; i++)
		copy[i] = (char)tolower((unsigned char)copy[i]);
	if (!field_domain_ok(copy + local + 1, len - local - 1))
		goto bad;
	out->s = copy;
	out->len = strlen(copy);
	return 0;
bad:
	return field_fail(err, spec, "invalid_email",
	    "Must be an email address like name@example.com");
}

static int
field_domain(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	char	*copy;

	if (memchr(s, '\0', len) != NULL)
		goto bad;
	copy = arena_strndup(a, s, len);
	if (!field_domain_ok(copy, len))
		goto bad;
	out->s = copy;
	out->len = strlen(copy);
	return 0;
bad:
	return field_fail(err, spec, "invalid_domain",
	    "Must be a domain name like example.com");
}

static int
field_url(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	size_t	i, skip, hostlen;
	char	*host;

	if (len > FIELD_URL_MAX || !field_utf8_valid(s, len))
		goto bad;
	if (len > 7 && strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else if (len > 8 && strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else
		goto bad;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		    s[i] == '"' || s[i] == '<' || s[i] == '>' || s[i] == '\\')
			goto bad;
	/* No user info: look for '@' in the whole authority, port included. */
	hostlen = strcspn(s + skip, ":/?#");
	if (hostlen == 0 ||
	    memchr(s + skip, '@', strcspn(s + skip, "/?#")) != NULL)
		goto bad;
	host = arena_strndup(a, s + skip, hostlen);
	if (!field_domain_ok(host, hostlen) && strcmp(host, "localhost") != 0 &&
	    strspn(host, "0123456789.") != hostlen)
		goto bad;
	out->s = arena_strndup(a, s, len);
	out->len = len;
	return 0;
bad:
	return field_fail(err, spec, "invalid_url",
	    "Must be a web address starting with http:// or https://");
}

static int
field_enum(const struct field_spec *spec, const char *s, size_t len,
    struct field_value *out, struct field_error *err)
{
	long long	i;

	for (i = 0; spec->enums[i] != NULL; i++)
		if (strlen(spec->enums[i]) == len &&
		    memcmp(spec->enums[i], s, len) == 0) {
			out->i = i;
			out->s = spec->enums[i];
			out->len = len;
			return 0;
		}
	return field_fail(err, spec, "invalid_choice",
	    "Not one of the allowed values");
}

static int
field_country(struct arena *a, const struct field_spec *spec, const char *s,
    size_t len, struct field_value *out, struct field_error *err)
{
	const struct country	*k = NULL;
	char			 c[3];

	if (len == 2) {
		c[0] = (char)toupper((unsigned char)s[0]);
		c[1] = (char)toupper((unsigned char)s[1]);
		c[2] = '\0';
		k = country_find(c);
	}
	if (k == NULL)
		return field_fail(err, spec, "invalid_country",
		    "Must be an ISO 3166-1 country code like DE or US");
	out->s = k->code;
	out->len = 2;
	return 0;
}

/* A JSON array of distinct names from spec->enums, min..max of them. */
static int
field_list(struct arena *a, const struct field_spec *spec,
    struct json_object *v, struct field_value *out, struct field_error *err)
{
	struct json_object	*e;
	const char		*name;
	size_t			 i, j, n;

	if (!json_object_is_type(v, json_type_array))
		return field_fail(err, spec, "invalid_type",
		    "Must be a JSON array of names");
	n = json_object_array_length(v);
	if ((long long)n < spec->min || (long long)n > spec->max) {
		field_fail(err, spec, "out_of_range", NULL);
		err->message = arena_printf(a, "Must list %lld to %lld names",
		    spec->min, spec->max);
		return -1;
	}
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_string))
			return field_fail(err, spec, "invalid_type",
			    "Must be a JSON array of names");
		name = json_object_get_string(e);
		for (j = 0; spec->enums[j] != NULL; j++)
			if (strcmp(name, spec->enums[j]) == 0)
				break;
		if (spec->enums[j] == NULL)
			return field_fail(err, spec, "invalid_choice",
			    "Not one of the allowed names");
		for (j = 0; j < i; j++)
			if (strcmp(name, json_object_get_string(
			    json_object_array_get_idx(v, j))) == 0)
				return field_fail(err, spec, "duplicate",
				    "A name is listed twice");
	}
	out->obj = v;
	return 0;
}

/* Validates the text form of a value (query strings, JSON strings). */
int
field_from_string(struct arena *a, const struct field_spec *spec,
    const char *s, size_t len, struct field_value *out,
    struct field_error *err)
{
	int	rc;

	memset(out, 0, sizeof(*out));
	out->present = 1;
	if (spec->type != FIELD_TEXT && spec->type != FIELD_MULTILINE &&
	    memchr(s, '\0', len) != NULL)
		return field_fail(err, spec, "invalid_text",
		    "Value must not contain NUL bytes");
	switch (spec->type) {
	case FIELD_TEXT:
	case FIELD_MULTILINE:
		return field_text(a, spec, s, len, out, err);
	case FIELD_INT:
		rc = field_int(a, spec, s, len, spec->min, spec->max, out,
		    err);
		break;
	case FIELD_ID:
		rc = field_int(a, spec, s, len, 1, FIELD_ID_MAX, out, err);
		break;
	case FIELD_NUMBER:
		return field_number(a, spec, s, len, out, err);
	case FIELD_ENUM:
		return field_enum(spec, s, len, out, err);
	case FIELD_BOOL:
		if ((len == 4 && memcmp(s, "true", 4) == 0) ||
		    (len == 1 && s[0] == '1'))
			out->i = 1;
		else if ((len == 5 && memcmp(s, "false", 5) == 0) ||
		    (len == 1 && s[0] == '0'))
			out->i = 0;
		else
			return field_fail(err, spec, "invalid_boolean",
			    "Must be true or false");
		out->s = out->i ? "true" : "false";
		out->len = strlen(out->s);
		return 0;
	case FIELD_DATE:
		rc = field_date(spec, s, len, out, err);
		break;
	case FIELD_EMAIL:
		return field_email(a, spec, s, len, out, err);
	case FIELD_DOMAIN:
		return field_domain(a, spec, s, len, out, err);
	case FIELD_URL:
		return field_url(a, spec, s, len, out, err);
	case FIELD_COUNTRY:
		return field_country(a, spec, s, len, out, err);
	default:
		return field_fail(err, spec, "invalid", "Unknown field type");
	}
	if (rc == 0) {
		out->s = arena_strndup(a, s, len);
		out->len = len;
	}
	return rc;
}

/* Validates a JSON value: numbers and booleans must be JSON-typed. */
int
field_from_json(struct arena *a, const struct field_spec *spec,
    struct json_object *v, struct field_value *out, struct field_error *err)
{
	enum json_type	 t = json_object_get_type(v);
	char		 buf[64];
	const char	*s;

	memset(out, 0, sizeof(*out));
	out->present = 1;
	if (t == json_type_null) {
		if (!(spec->flags & FIELD_NULLABLE))
			return field_fail(err, spec, "required",
			    "Must not be null");
		out->null = 1;
		return 0;
	}
	switch (spec->type) {
	case FIELD_INT:
	case FIELD_ID:
		if (t != json_type_int)
			return field_fail(err, spec, "invalid_integer",
			    "Must be a whole number");
		snprintf(buf, sizeof(buf), "%lld",
		    (long long)json_object_get_int64(v));
		return field_from_string(a, spec, buf, strlen(buf), out, err);
	case FIELD_NUMBER:
		if (t != json_type_int && t != json_type_double)
			return field_fail(err, spec, "invalid_number",
			    "Must be a number");
		/* json-c saturates an integer that does not fit 64 bits. */
		if (t == json_type_int &&
		    (json_object_get_int64(v) == INT64_MIN ||
		    json_object_get_uint64(v) == UINT64_MAX))
			return field_fail(err, spec, "out_of_range",
			    "Number is out of range");
		/* A parsed double prints as the text it was parsed from. */
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		return field_from_string(a, spec, s, strlen(s), out, err);
	case FIELD_OBJECT:
		if (t != json_type_object)
			return field_fail(err, spec, "invalid_type",
			    "Must be a JSON object");
		out->obj = v;
		return 0;
	case FIELD_LIST:
		return field_list(a, spec, v, out, err);
	case FIELD_BOOL:
		if (t != json_type_boolean)
			return field_fail(err, spec, "invalid_boolean",
			    "Must be true or false");
		out->i = json_object_get_boolean(v) ? 1 : 0;
		out->s = out->i ? "true" : "false";
		out->len = strlen(out->s);
		return 0;
	default:
		if (t != json_type_string)
			return field_fail(err, spec, "invalid_type",
			    "Must be a string");
		return field_from_string(a, spec, json_object_get_string(v),
		    (size_t)json_object_get_string_len(v), out, err);
	}
}

static const struct field_spec *
field_spec_find(const struct field_spec *specs, size_t n, const char *name,
    size_t *idx)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(specs[i].name, name) == 0) {
			*idx = i;
			return &specs[i];
		}
	return NULL;
}

static int
field_check_required(const struct field_spec *specs, size_t n,
    const struct field_value *vals, struct field_error *err)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((specs[i].flags & FIELD_REQUIRED) && !vals[i].present)
			return field_fail(err, &specs[i], "required",
			    "This field is required");
	return 0;
}

/* A name the client sent, fit to echo in a JSON error: else NULL. */
static const char *
field_echo(const char *s)
{
	return field_utf8_valid(s, strlen(s)) ? s : NULL;
}

/* A JSON object against a field table: unknown keys are refused. */
int
field_parse_object(struct arena *a, const struct field_spec *specs, size_t n,
    struct json_object *obj, struct field_value *vals, struct field_error *err)
{
	static const struct field_spec	 body = { "body", FIELD_TEXT, 0, 0, 0, NULL };
	static const struct field_spec	 unknown = { NULL, FIELD_TEXT, 0, 0, 0, NULL };
	size_t				 idx;

	memset(vals, 0, n * sizeof(*vals));
	if (obj == NULL || !json_object_is_type(obj, json_type_object))
		return field_fail(err, &body, "invalid_json",
		    "Request body must be a JSON object");
	json_object_object_foreach(obj, key, v) {
		const struct field_spec *spec = field_spec_find(specs, n, key,
		    &idx);

		if (spec == NULL) {
			field_fail(err, &unknown, "unknown_field",
			    "Unknown field");
			err->field = field_echo(arena_strdup(a, key));
			return -1;
		}
		if (field_from_json(a, spec, v, &vals[idx], err) == -1)
			return -1;
	}
	return field_check_required(specs, n, vals, err);
}

/* Query parameters against a field table: unknown or repeated are refused. */
int
field_parse_query(struct arena *a, const struct field_spec *specs, size_t n,
    const struct req *req, struct field_value *vals, struct field_error *err)
{
	static const struct field_spec	 unknown = { NULL, FIELD_TEXT, 0, 0, 0, NULL };
	const struct field_spec		*spec;
	size_t				 i, idx;

	memset(vals, 0, n * sizeof(*vals));
	for (i = 0; i < req->nparams; i++) {
		const struct req_param *p = &req->params[i];

		if ((spec = field_spec_find(specs, n, p->key, &idx)) == NULL) {
			field_fail(err, &unknown, "unknown_parameter",
			    "Unknown query parameter");
			err->field = field_echo(p->key);
			return -1;
		}
		if (vals[idx].present)
			return field_fail(err, spec, "repeated_parameter",
			    "Query parameter given more than once");
		if (field_from_string(a, spec, p->value, p->value_len,
		    &vals[idx], err) == -1)
			return -1;
	}
	return field_check_required(specs, n, vals, err);
}

const struct field_value *
field_find(const struct field_spec *specs, size_t n,
    const struct field_value *vals, const char *name)
{
	size_t	idx;

	if (field_spec_find(specs, n, name, &idx) == NULL)
		return NULL;
	return &vals[idx];
}
