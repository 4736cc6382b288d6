#include "config.h"

#include <errno.h>
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

/*
 * One write(2) per line: workers share their program's log (O_APPEND), so
 * a line written in pieces could interleave with another worker's.  A
 * message is cut to fit LOG_LINE_MAX; its CR and LF become spaces, so one
 * event stays one line.
 */
static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char		 buf[LOG_LINE_MAX], when[32];
	struct tm	 tm;
	time_t		 t = time(NULL);
	size_t		 len, i, off = 0;
	ssize_t		 w;
	int		 n;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(buf, sizeof(buf), "%s %s[%d] %s: ", when, log_name,
	    (int)getpid(), level);
	len = n < 0 ? 0 : (size_t)n;
	if (len > sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	n = vsnprintf(buf + len, sizeof(buf) - len, fmt, ap);
	for (i = len; n > 0 && i < sizeof(buf) - 1 && buf[i] != '\0'; i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
	len = i;
	buf[len++] = '\n';
	while (off < len) {
		if ((w = write(STDERR_FILENO, buf + off, len - off)) == -1 &&
		    errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (size_t)w;
	}
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
