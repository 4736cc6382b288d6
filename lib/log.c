#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_name = "msphub";

void
log_init(const char *name)
{
	log_name = name;
}

static void	log_line(const char *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char		 when[32];
	struct tm	 tm;
	time_t		 t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%d] %s: ", when, log_name, (int)getpid(), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("warn", fmt, ap);
	va_end(ap);
}

/* Returns -1 so that callers can "return log_err(...);" */
int
log_err(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
	return -1;
}
