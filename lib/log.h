/*
 * Logging to stderr, one line per event, prefixed with the program name
 * and pid.  Internal details (SQL errors, paths) go here, never to clients.
 */
#ifndef LOG_H
#define LOG_H

#define LOG_LINE_MAX	4096	/* bytes of a line, newline included */

void	log_init(const char *);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
int	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
