/*
 * The response: a status, a few headers and a body.  Header values with
 * CR or LF are refused, so no caller can split a response.  JSON error
 * bodies have one shape: {"error":{"code","message","field"?}}.
 */
#ifndef RESP_H
#define RESP_H

#include <stddef.h>

struct arena;
struct json_object;

#define RESP_HEADERS_MAX	16

struct resp_header {
	const char	*name;
	const char	*value;
};

/* A body written piece by piece (a download's chunks, never joined). */
struct resp_piece {
	const char	*s;
	size_t		 len;
};

struct resp {
	int			 status;
	struct resp_header	 headers[RESP_HEADERS_MAX];
	size_t			 nheaders;
	const char		*body;
	size_t			 body_len;	/* of the pieces if no body */
	const char		*type;		/* NULL: application/json */
	const struct resp_piece	*pieces;	/* when body is NULL */
	size_t			 npieces;
};

const char	*resp_status_text(int);
int		 resp_header(struct resp *, const char *, const char *);
int		 resp_json(struct resp *, struct arena *, int,
		    struct json_object *);
int		 resp_error(struct resp *, struct arena *, int, const char *,
		    const char *, const char *);
int		 resp_error_with(struct resp *, struct arena *, int,
		    const char *, const char *, const char *,
		    const char *, struct json_object *);
int		 resp_empty(struct resp *, int);
int		 resp_bytes(struct resp *, int, const char *, const char *,
		    size_t);
int		 resp_pieces(struct resp *, int, const char *,
		    const struct resp_piece *, size_t);
char		*resp_head(const struct resp *, struct arena *, size_t *);

#endif
