#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "jsonx.h"

static void
jsonx_put(void *p)
{
	json_object_put(p);
}

/* The arena drops its reference at reset. */
struct json_object *
jsonx_own(struct arena *a, struct json_object *o)
{
	if (o != NULL)
		arena_cleanup_add(a, jsonx_put, o);
	return o;
}

struct json_object *
jsonx_object(struct arena *a)
{
	return jsonx_own(a, json_object_new_object());
}

struct json_object *
jsonx_array(struct arena *a)
{
	return jsonx_own(a, json_object_new_array());
}

/* The 4 hex digits after \\u at s; -1 if they are not hex. */
static long
jsonx_hex4(const char *s)
{
	long	v = 0;
	int	i, d;

	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
			d = (s[i] | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * What json-c lets through but cannot represent: a key holding \u0000
 * (cut at the NUL, so {"name\u0000x":1} would set "name") and an
 * escaped lone surrogate (turned into U+FFFD).  0 if s holds either.
 * Runs on text json-c accepted: every string is closed and every \u
 * has its four hex digits.
 */
static int
jsonx_escapes_ok(const char *s, size_t len)
{
	size_t	i = 0;
	long	cp;
	char	quote;
	int	nul;

	while (i < len) {
		if (s[i] != '"' && s[i] != '\'') {
			i++;
			continue;
		}
		quote = s[i++];
		nul = 0;
		while (i < len && s[i] != quote) {
			if (s[i] != '\\') {
				i++;
				continue;
			}
			if (i + 1 < len && s[i + 1] != 'u') {
				i += 2;
				continue;
			}
			if (len - i < 6 || (cp = jsonx_hex4(s + i + 2)) == -1)
				return 0;
			i += 6;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return 0;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (len - i < 6 || s[i] != '\\' ||
				    s[i + 1] != 'u' ||
				    (cp = jsonx_hex4(s + i + 2)) < 0xdc00 ||
				    cp > 0xdfff)
					return 0;
				i += 6;
			}
			if (cp == 0)
				nul = 1;
		}
		i++;
		if (!nul)
			continue;
		while (i < len && strchr(" \t\r\n", s[i]) != NULL)
			i++;
		if (i < len && s[i] == ':')
			return 0;
	}
	return 1;
}

/*
 * NULL on invalid JSON, trailing garbage, nesting over JSONX_DEPTH_MAX,
 * a key holding \\u0000 or an escaped lone surrogate.
 */
struct json_object *
jsonx_parse(struct arena *a, const char *s, size_t len)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	size_t			 used;

	/* An empty body (s may then be NULL) is not a JSON value. */
	if (s == NULL || len == 0 || len > (size_t)INT32_MAX ||
	    memchr(s, '\0', len) != NULL)
		return NULL;
	if ((tok = json_tokener_new_ex(JSONX_DEPTH_MAX)) == NULL)
		return NULL;
	/* RFC 8259: JSON text is UTF-8; nothing else reaches a handler. */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)len);
	used = json_tokener_get_parse_end(tok);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	} else {
		/* Only white space may follow the value. */
		for (; used < len; used++)
			if (strchr(" \t\r\n", s[used]) == NULL) {
				json_object_put(o);
				o = NULL;
				break;
			}
	}
	json_tokener_free(tok);
	if (o != NULL && !jsonx_escapes_ok(s, len)) {
		json_object_put(o);
		o = NULL;
	}
	if (o == NULL)
		return NULL;
	return jsonx_own(a, o);
}

void
jsonx_add_str(struct json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v == NULL ? NULL :
	    json_object_new_string(v));
}

void
jsonx_add_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

void
jsonx_add_bool(struct json_object *o, const char *key, int v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

/* {"data": v}; v becomes owned by the new root. */
struct json_object *
jsonx_data(struct arena *a, struct json_object *v)
{
	struct json_object	*root = jsonx_object(a);

	json_object_object_add(root, "data", v);
	return root;
}
