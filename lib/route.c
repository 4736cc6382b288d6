#include "config.h"

#include <string.h>

#include "arena.h"
#include "field.h"
#include "route.h"

/* A path id: 1..FIELD_ID_MAX, digits only, no leading zero. */
static int
route_id(const char *s, size_t len, uint64_t *out)
{
	uint64_t	v = 0;
	size_t		i;

	if (len == 0 || len > 16 || s[0] == '0')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > (uint64_t)FIELD_ID_MAX)
		return 0;
	*out = v;
	return 1;
}

/* 1 when path matches pattern; ids receives the {id} segments in order. */
int
route_match(const char *pattern, const char *path, uint64_t *ids,
    size_t *nids)
{
	const char	*p = pattern, *s = path;
	size_t		 n = 0;

	while (*p != '\0' && *s != '\0') {
		size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");

		if (plen == 4 && strncmp(p, "{id}", 4) == 0) {
			if (n == ROUTE_IDS_MAX || !route_id(s, slen, &ids[n]))
				return 0;
			n++;
		} else if (plen != slen || strncmp(p, s, plen) != 0)
			return 0;
		p += plen;
		s += slen;
		if (*p != *s)
			return 0;
		if (*p == '/') {
			p++;
			s++;
		}
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	*nids = n;
	return 1;
}

/*
 * The index of the route for method and path, or -1.  *path_known is
 * set when some route has the path with another method (405, not 404).
 */
int
route_find(const struct route *routes, size_t n, enum req_method m,
    const char *path, uint64_t *ids, size_t *nids, int *path_known)
{
	size_t	i;

	*path_known = 0;
	for (i = 0; i < n; i++) {
		if (!route_match(routes[i].pattern, path, ids, nids))
			continue;
		if (routes[i].method == m ||
		    (m == REQ_HEAD && routes[i].method == REQ_GET))
			return (int)i;
		*path_known = 1;
	}
	return -1;
}

/* The Allow header for a path: its methods, comma separated. */
char *
route_allowed(const struct route *routes, size_t n, const char *path,
    struct arena *a)
{
	uint64_t	 ids[ROUTE_IDS_MAX];
	size_t		 i, nids;
	char		*out = "";

	for (i = 0; i < n; i++)
		if (route_match(routes[i].pattern, path, ids, &nids))
			out = arena_printf(a, "%s%s%s%s", out,
			    *out ? ", " : "", req_method_name(routes[i].method),
			    routes[i].method == REQ_GET ? ", HEAD" : "");
	return out;
}
