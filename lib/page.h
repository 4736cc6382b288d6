/*
 * Keyset paging (DESIGN.md §5).  A list is read in pages ordered by
 * (sort key, id); the cursor handed out as "next" carries the last row's
 * sort key and id, so a row renamed or deleted between two pages skips
 * nothing and repeats nothing.  Cursors are opaque to clients: base64url
 * of "<id>:<key>" (no key when the order is the id alone).
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct ctx;
struct db_res;
struct field_value;
struct json_object;

#define PAGE_DEFAULT	50
#define PAGE_MAX	200
#define PAGE_CURSOR_MAX	1000	/* characters of an encoded cursor */

struct page {
	long		 limit;
	int		 after;		/* a cursor was given */
	uint64_t	 after_id;
	const char	*after_key;	/* its sort key, or NULL */
};

#define PAGE_NO_KEY	((size_t)-1)

char	*page_cursor(struct arena *, const char *, uint64_t);
int	 page_cursor_parse(struct arena *, const char *, struct page *);
int	 page_from_query(struct ctx *, const struct field_value *,
	    const struct field_value *, int, struct page *);
size_t	 page_rows(const struct page *, const struct db_res *);
int	 page_reply(struct ctx *, struct json_object *, const struct page *,
	    const struct db_res *, size_t, size_t);
int	 page_reply_total(struct ctx *, struct json_object *,
	    const struct page *, const struct db_res *, size_t, size_t,
	    long long);

#endif
