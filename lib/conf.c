#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

struct conf_entry {
	char	*key;
	char	*value;
};

static struct conf_entry	conf_file[CONF_KEYS_MAX];
static size_t			conf_nfile;

static char *
conf_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
	    e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
conf_parse_line(char *line, const char *path, int lineno)
{
	char	*eq, *key, *value;

	key = conf_trim(line);
	if (*key == '\0' || *key == '#')
		return 0;
	if ((eq = strchr(key, '=')) == NULL)
		return log_err("%s:%d: expected KEY=VALUE", path, lineno);
	*eq = '\0';
	key = conf_trim(key);
	value = conf_trim(eq + 1);
	if (conf_nfile == CONF_KEYS_MAX)
		return log_err("%s: more than %d keys", path, CONF_KEYS_MAX);
	conf_file[conf_nfile].key = strdup(key);
	conf_file[conf_nfile].value = strdup(value);
	if (conf_file[conf_nfile].key == NULL ||
	    conf_file[conf_nfile].value == NULL)
		return log_err("conf: out of memory");
	conf_nfile++;
	return 0;
}

/* Reads MSPHUB_CONFIG if set; a missing file named there is an error. */
int
conf_load(void)
{
	const char	*path = getenv("MSPHUB_CONFIG");
	char		 line[CONF_LINE_MAX];
	FILE		*f;
	int		 lineno = 0, rc = 0;

	if (path == NULL || *path == '\0')
		return 0;
	if ((f = fopen(path, "r")) == NULL)
		return log_err("%s: %s", path, strerror(errno));
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			rc = log_err("%s:%d: line too long", path, lineno);
		else
			rc = conf_parse_line(line, path, lineno);
	}
	fclose(f);
	return rc;
}

const char *
conf_get(const char *key, const char *fallback)
{
	const char	*v;
	size_t		 i;

	if ((v = getenv(key)) != NULL && *v != '\0')
		return v;
	for (i = conf_nfile; i > 0; i--)
		if (strcmp(conf_file[i - 1].key, key) == 0)
			return conf_file[i - 1].value;
	return fallback;
}

/* A number in [min, max]; anything else logs and gives the default. */
long
conf_long(const char *key, long fallback, long min, long max)
{
	const char	*v = conf_get(key, NULL);
	char		*end;
	long		 n;

	if (v == NULL)
		return fallback;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
		log_warn("%s=%s: not a number in [%ld, %ld], using %ld",
		    key, v, min, max, fallback);
		return fallback;
	}
	return n;
}
