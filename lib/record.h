/*
 * A record described by a field table: the same table validates input,
 * binds the columns, renders JSON, merges a PATCH and computes the
 * audit diff.  Values are held in their canonical text form; NULL is
 * SQL NULL.  Booleans are "1"/"0".
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>

struct arena;
struct db_arg;
struct db_res;
struct field_spec;
struct field_value;
struct json_object;

const char	**record_from_row(struct arena *, const struct db_res *, size_t,
		    size_t, size_t);
void		  record_to_json(const struct field_spec *, size_t,
		    const char *const *, struct json_object *);
struct json_object *record_value_json(const struct field_spec *,
		    const char *);
const char	**record_merge(struct arena *, const struct field_spec *,
		    size_t, const char *const *, const struct field_value *);
int		  record_diff(const struct field_spec *, size_t,
		    const char *const *, const char *const *,
		    struct json_object *);
void		  record_args(const char *const *, size_t, struct db_arg *);

#endif
