/* Password hashing with yescrypt through libxcrypt. */
#ifndef PASSWORD_H
#define PASSWORD_H

struct arena;

#define PASSWORD_MIN	12	/* characters */
#define PASSWORD_MAX	256	/* bytes */

int	 password_init(void);
const char *password_dummy(void);
char	*password_hash(struct arena *, const char *);
int	 password_verify(struct arena *, const char *, const char *);
void	 password_verify_dummy(struct arena *, const char *);

#endif
