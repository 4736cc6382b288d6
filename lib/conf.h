/*
 * Configuration: KEY=VALUE lines from the file named by MSPHUB_CONFIG,
 * overridden by the environment.  Keys are the MSPHUB_* names.
 */
#ifndef CONF_H
#define CONF_H

#define CONF_LINE_MAX	1024
#define CONF_KEYS_MAX	64

int		 conf_load(void);
const char	*conf_get(const char *, const char *);
long		 conf_long(const char *, long, long, long);

#endif
