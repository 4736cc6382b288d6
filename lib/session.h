/*
 * Sessions (DESIGN.md §7): 256-bit random tokens in an HttpOnly cookie,
 * only their SHA-256 stored; idle and absolute expiry; a CSRF token
 * derived from the session token, required on unsafe methods.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stdint.h>

struct arena;
struct db;

#define SESSION_COOKIE		"msphub_session"
#define SESSION_TOKEN_BYTES	32
#define SESSION_TOKEN_LEN	43	/* base64url, unpadded */
#define SESSION_IDLE_DEFAULT	(2 * 3600)
#define SESSION_MAX_DEFAULT	(12 * 3600)
#define SESSION_TOUCH_SLACK	60	/* seconds before idle expiry moves */

enum role {
	ROLE_ADMIN,
	ROLE_TECHNICIAN,
	ROLE_ACCOUNT_MANAGER,
	ROLE_READ_ONLY,
	ROLE__MAX
};

extern const char *const role_names[ROLE__MAX + 1];

struct session_user {
	uint64_t	 id;
	const char	*email;
	const char	*name;
	enum role	 role;
	const char	*token;		/* the cookie value */
	const char	*csrf;		/* set by session_create only */
};

int	 session_create(struct db *, struct arena *, uint64_t, const char *,
	    const char *, struct session_user *);
int	 session_load(struct db *, struct arena *, const char *,
	    struct session_user *);
int	 session_purge(struct db *, struct arena *);
int	 session_destroy(struct db *, struct arena *, const char *);
int	 session_destroy_user(struct db *, struct arena *, uint64_t);
char	*session_csrf(struct arena *, const char *);
int	 session_csrf_ok(const char *, const char *);
char	*session_cookie(struct arena *, const char *);
enum role role_parse(const char *);

#endif
