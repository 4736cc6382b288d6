/*
 * Unit tests for lib/log.c: a line is one write(2), so processes sharing
 * a log (workers of one program, stderr opened O_APPEND) never interleave.
 */
#include "config.h"

#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "unit.h"
#include "log.h"

#define WRITERS		8
#define LINES		500
#define PAYLOAD		1500	/* bytes of x per line */

static char	path[] = "/tmp/test_log.XXXXXX";

static void
setup(void)
{
	int	fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void
teardown(void)
{
	unlink(path);
}

/* Points stderr at the shared log, as ./stack's >> does. */
static void
stderr_to_log(void)
{
	int	fd = open(path, O_WRONLY | O_APPEND);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	close(fd);
}

START_TEST(test_lines_whole_across_processes)
{
	char	 payload[PAYLOAD + 1], *line = NULL, want[64];
	size_t	 cap = 0, n = 0;
	ssize_t	 len;
	pid_t	 pid;
	int	 w, i, status, id, seq;
	FILE	*f;

	memset(payload, 'x', PAYLOAD);
	payload[PAYLOAD] = '\0';
	for (w = 0; w < WRITERS; w++) {
		ck_assert_int_ge(pid = fork(), 0);
		if (pid == 0) {
			stderr_to_log();
			log_init("test_log");
			for (i = 0; i < LINES; i++)
				log_info("writer %d line %d %s.", w, i,
				    payload);
			_exit(0);
		}
	}
	for (w = 0; w < WRITERS; w++) {
		ck_assert_int_gt(wait(&status), 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	while ((len = getline(&line, &cap, f)) != -1) {
		char *p = strstr(line, "] info: writer ");

		ck_assert_msg(p != NULL && strncmp(line + 20,
		    " test_log[", 10) == 0, "line %zu torn: %.80s", n, line);
		ck_assert_int_eq(sscanf(p, "] info: writer %d line %d ", &id,
		    &seq), 2);
		snprintf(want, sizeof(want), "] info: writer %d line %d ", id,
		    seq);
		p += strlen(want);
		ck_assert_msg(strspn(p, "x") == PAYLOAD &&
		    strcmp(p + PAYLOAD, ".\n") == 0, "line %zu torn", n);
		n++;
	}
	free(line);
	fclose(f);
	ck_assert_uint_eq(n, WRITERS * LINES);
}
END_TEST

/* A message over LOG_LINE_MAX is cut; its newlines do not make lines. */
START_TEST(test_long_and_multiline_messages)
{
	char	*big = malloc(LOG_LINE_MAX * 2), buf[LOG_LINE_MAX * 3];
	FILE	*f;
	size_t	 got;

	memset(big, 'y', LOG_LINE_MAX * 2 - 1);
	big[LOG_LINE_MAX * 2 - 1] = '\0';
	stderr_to_log();
	log_init("test_log");
	log_warn("%s", big);
	log_err("two\nlines\r");
	free(big);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	got = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[got] = '\0';
	ck_assert_ptr_eq(strchr(buf, '\n'), buf + LOG_LINE_MAX - 1);
	ck_assert_ptr_nonnull(strstr(buf + LOG_LINE_MAX,
	    " error: two lines \n"));
	ck_assert_ptr_eq(strchr(buf + LOG_LINE_MAX, '\n'), buf + got - 1);
}
END_TEST

static Suite *
log_suite(void)
{
	Suite	*s = suite_create("log");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lines_whole_across_processes);
	tcase_add_test(tc, test_long_and_multiline_messages);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(log_suite());
}
