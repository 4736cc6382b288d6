/*
 * The FastCGI side of every program: read configuration, take
 * MSPHUB_SOCKET_DIR/NAME.lock, check the schema, listen on NAME.sock and
 * run the accept loop in the workers of a supervisor (supervisor.h).
 */
#ifndef SERVE_H
#define SERVE_H

struct app;

#define SERVE_WORKERS_DEFAULT	4
#define SERVE_BACKLOG		128
#define SERVE_PATH_MAX		512	/* socket and lock paths */

int	serve_main(const struct app *, int, char *[]);
int	serve_check_schema(void);

#endif
