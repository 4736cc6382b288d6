/*
 * Baseline for bench/run: a FastCGI program that answers every request
 * with one JSON body held in memory, with the same pre-forked process
 * model as the msphub programs.  Measures nginx + FastCGI without any
 * msphub code or SQL.
 *
 *   fcgi-static SOCKET BODYFILE WORKERS
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#define BODY_MAX	(16 * 1024 * 1024)

static char	*body;
static size_t	 body_len;

static int
load(const char *path)
{
	FILE	*f = fopen(path, "rb");
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    n > BODY_MAX || fseek(f, 0, SEEK_SET) != 0)
		return -1;
	body = malloc((size_t)n + 1);
	body_len = fread(body, 1, (size_t)n, f);
	fclose(f);
	return body_len == (size_t)n ? 0 : -1;
}

static void
serve(int fd)
{
	FCGX_Request	r;
	char		head[128], buf[64 * 1024];
	int		n;

	FCGX_InitRequest(&r, fd, 0);
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: "
	    "application/json\r\nContent-Length: %zu\r\n\r\n", body_len);
	while (FCGX_Accept_r(&r) >= 0) {
		/* A POST's body is read, as the API reads it. */
		while (FCGX_GetStr(buf, sizeof(buf), r.in) > 0)
			continue;
		FCGX_PutStr(head, n, r.out);
		FCGX_PutStr(body, (int)body_len, r.out);
		FCGX_Finish_r(&r);
	}
	_exit(0);
}

int
main(int argc, char *argv[])
{
	int	fd, i, workers;

	if (argc != 4 || load(argv[2]) == -1 || (workers = (int)strtol(argv[3],
	    NULL, 10)) < 1 || workers > 64) {
		fprintf(stderr, "usage: fcgi-static SOCKET BODYFILE WORKERS\n");
		return 2;
	}
	unlink(argv[1]);
	if (FCGX_Init() != 0 || (fd = FCGX_OpenSocket(argv[1], 128)) < 0)
		return 1;
	chmod(argv[1], 0666);
	for (i = 0; i < workers; i++)
		if (fork() == 0)
			serve(fd);
	signal(SIGTERM, SIG_DFL);
	while (wait(NULL) > 0)
		;
	return 0;
}
