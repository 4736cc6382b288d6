/* cgi/session: sign-in (U1) and user administration. */
#ifndef CGI_SESSION_USERS_H
#define CGI_SESSION_USERS_H

#include "field.h"

struct ctx;

#define USERS_DIRECTORY_MAX	1000	/* users a picker offers */

enum user_field {
	USER_F_EMAIL,
	USER_F_NAME,
	USER_F_ROLE,
	USER_F_PASSWORD,
	USER_F_ACTIVE,
	USER_F__MAX
};

extern const struct field_spec user_fields[USER_F__MAX];
extern const struct field_spec user_list_query[2];

int	users_list(struct ctx *);
int	users_directory(struct ctx *);
int	users_get(struct ctx *);
int	users_create(struct ctx *);
int	users_update(struct ctx *);

#endif
