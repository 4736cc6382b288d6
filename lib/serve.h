/*
 * The serve loop of every FastCGI program: read configuration, check the
 * schema, listen on MSPHUB_SOCKET_DIR/NAME.sock, pre-fork workers, restart
 * any that die, and stop cleanly on SIGTERM.
 */
#ifndef SERVE_H
#define SERVE_H

struct app;

#define SERVE_WORKERS_DEFAULT	4
#define SERVE_WORKERS_MAX	64
#define SERVE_BACKLOG		128
#define SERVE_RESTART_DELAY_MS	200	/* between restarts of a crashing worker */

int	serve_main(const struct app *, int, char *[]);

#endif
