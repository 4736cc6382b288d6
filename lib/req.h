/*
 * The request as the dispatcher sees it: method, path, query parameters,
 * cookies, the few headers the API uses, any other header by name, and
 * a reader for the body, which the dispatcher calls once it knows the
 * route and so its limit.
 * The parsers here take plain strings so that they can be fuzzed.
 */
#ifndef REQ_H
#define REQ_H

#include <stddef.h>

struct arena;

#define REQ_PATH_MAX		1024
#define REQ_QUERY_MAX		8192
#define REQ_PARAMS_MAX		64
#define REQ_COOKIE_MAX		4096
#define REQ_COOKIES_MAX		32
#define REQ_HEADER_MAX		1024
#define REQ_HEADER_NAME_MAX	64

enum req_method {
	REQ_GET,
	REQ_POST,
	REQ_PUT,
	REQ_PATCH,
	REQ_DELETE,
	REQ_HEAD,	/* answered by the GET route, without the body */
	REQ__MAX	/* anything else */
};

struct req_param {
	const char	*key;
	const char	*value;		/* decoded, NUL-terminated */
	size_t		 value_len;	/* may hold decoded NUL bytes */
};

struct req {
	enum req_method		 method;
	const char		*path;
	struct req_param	*params;
	size_t			 nparams;
	struct req_param	*cookies;
	size_t			 ncookies;
	const char		*content_type;
	long long		 content_length;	/* -1: not given */
	const char		*csrf_token;
	const char		*if_match;
	const char		*remote_addr;
	const char		*user_agent;
	char			*body;		/* read by the dispatcher */
	size_t			 body_len;
	char			**env;		/* all FastCGI params */
	int			(*read)(void *, char *, int);	/* the body */
	void			*read_arg;
};

enum req_error {
	REQ_OK = 0,
	REQ_ERR_MALFORMED,	/* 400 */
	REQ_ERR_TOO_LARGE	/* 413 for bodies, 414-like for URIs: we say 400 */
};

enum req_method	 req_method_parse(const char *);
const char	*req_method_name(enum req_method);
int		 req_method_unsafe(enum req_method);
enum req_error	 req_parse_query(struct arena *, const char *, struct req *);
enum req_error	 req_parse_cookies(struct arena *, const char *, struct req *);
int		 req_content_type_json(const char *);
const char	*req_param(const struct req *, const char *);
const char	*req_cookie(const struct req *, const char *);
const char	*req_header(const struct req *, const char *);
long long	 req_parse_content_length(const char *);
const char	*req_header(const struct req *, const char *);
int		 req_content_type_in(const char *, const char *const *);
size_t		 req_read(struct req *, char *, size_t);

#endif
