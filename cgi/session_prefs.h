/* cgi/session: a user's own preferences (K1). */
#ifndef CGI_SESSION_PREFS_H
#define CGI_SESSION_PREFS_H

struct ctx;

#define PREFS_BODY_MAX	4096	/* bytes of one value */

enum prefs_key_id {
	PREFS_KEY_CONTACT_COLUMNS,
	PREFS_KEY__MAX
};

int	prefs_get(struct ctx *);
int	prefs_put(struct ctx *);

#endif
