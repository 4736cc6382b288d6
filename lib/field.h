/*
 * Input validation by table.  A route names its query and body fields as
 * arrays of struct field_spec; the dispatcher checks every value before a
 * handler runs, so handlers only see typed, range-checked values.
 * Every string is checked for valid UTF-8 and the absence of NUL bytes.
 */
#ifndef FIELD_H
#define FIELD_H

#include <stddef.h>

struct arena;
struct json_object;
struct req;

#define FIELD_URL_MAX		2048
#define FIELD_EMAIL_MAX		254
#define FIELD_DOMAIN_MAX	253
#define FIELD_NUMBER_MAX	40	/* characters of a number's text */
#define FIELD_ID_MAX		9007199254740991LL	/* 2^53 - 1: exact in JS */

enum field_type {
	FIELD_TEXT,		/* one line, trimmed; min/max in characters */
	FIELD_MULTILINE,	/* text that may hold newlines and tabs */
	FIELD_INT,		/* integer in [min, max] */
	FIELD_ID,		/* record id, 1 .. FIELD_ID_MAX */
	FIELD_NUMBER,		/* JSON number, finite; s keeps its text */
	FIELD_ENUM,		/* one of enums[]; i = its index */
	FIELD_BOOL,		/* true/false (query: true/false/1/0) */
	FIELD_DATE,		/* YYYY-MM-DD, a real calendar date */
	FIELD_EMAIL,		/* local@domain, domain lower-cased */
	FIELD_DOMAIN,		/* DNS name, two labels or more, lower-cased */
	FIELD_URL,		/* absolute http(s) URL */
	FIELD_COUNTRY,		/* ISO 3166-1 alpha-2, upper-cased */
	FIELD_OBJECT,		/* a JSON object the handler checks itself */
	FIELD_LIST,		/* array of distinct enums[] names, min..max */
	FIELD__MAX
};

#define FIELD_REQUIRED	0x01	/* must be present */
#define FIELD_NULLABLE	0x02	/* JSON null accepted: clears the value */
#define FIELD_NOTRIM	0x04	/* text kept as sent (passwords) */

struct field_spec {
	const char		*name;
	enum field_type		 type;
	unsigned		 flags;
	long long		 min;	/* characters, or value for INT */
	long long		 max;
	const char *const	*enums;	/* FIELD_ENUM: NULL-terminated */
};

#define FIELD_SET(a)	(a), (sizeof(a) / sizeof((a)[0]))

struct field_value {
	int		 present;
	int		 null;
	const char	*s;	/* canonical text form, NUL-terminated */
	size_t		 len;
	long long	 i;	/* INT, ID, BOOL (0/1), ENUM index */
	double		 d;	/* NUMBER */
	struct json_object *obj; /* OBJECT */
};

struct field_error {
	const char	*code;		/* lower_snake */
	const char	*message;
	const char	*field;
};

int	 field_utf8_valid(const char *, size_t);
size_t	 field_utf8_chars(const char *, size_t);
int	 field_from_string(struct arena *, const struct field_spec *,
	    const char *, size_t, struct field_value *, struct field_error *);
int	 field_from_json(struct arena *, const struct field_spec *,
	    struct json_object *, struct field_value *, struct field_error *);
int	 field_parse_object(struct arena *, const struct field_spec *, size_t,
	    struct json_object *, struct field_value *, struct field_error *);
int	 field_parse_query(struct arena *, const struct field_spec *, size_t,
	    const struct req *, struct field_value *, struct field_error *);
const struct field_value *field_find(const struct field_spec *, size_t,
	    const struct field_value *, const char *);

#endif
