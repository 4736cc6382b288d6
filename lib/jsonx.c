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

/* NULL on invalid JSON, trailing garbage or nesting over JSONX_DEPTH_MAX. */
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
