/*
 * json-c glue: objects whose lifetime is the request arena, body parsing
 * with a depth limit (and no key json-c would cut at \u0000, no lone
 * surrogate escape), and builders that turn NULL into JSON null.
 */
#ifndef JSONX_H
#define JSONX_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct json_object;

#define JSONX_DEPTH_MAX	16

struct json_object	*jsonx_object(struct arena *);
struct json_object	*jsonx_array(struct arena *);
struct json_object	*jsonx_own(struct arena *, struct json_object *);
struct json_object	*jsonx_parse(struct arena *, const char *, size_t);
void			 jsonx_add_str(struct json_object *, const char *,
			    const char *);
void			 jsonx_add_u64(struct json_object *, const char *,
			    uint64_t);
void			 jsonx_add_bool(struct json_object *, const char *, int);
struct json_object	*jsonx_data(struct arena *, struct json_object *);

#endif
