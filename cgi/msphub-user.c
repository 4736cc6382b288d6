/*
 * msphub-user: create a user, or update the one with that email, from
 * the command line (first admin, demo data, password resets).
 *
 *   msphub-user --email E --name N --role R [--password-stdin]
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "db_user.h"
#include "dispatch.h"
#include "field.h"
#include "jsonx.h"
#include "log.h"
#include "password.h"
#include "session.h"

static int
usage(void)
{
	fprintf(stderr, "usage: msphub-user --email EMAIL --name NAME "
	    "--role admin|technician|account_manager|read_only "
	    "[--password-stdin]\n");
	return 2;
}

static char *
read_password(struct arena *a)
{
	char	buf[PASSWORD_MAX + 2];
	size_t	len;

	if (fgets(buf, sizeof(buf), stdin) == NULL)
		return NULL;
	len = strcspn(buf, "\r\n");
	buf[len] = '\0';
	return arena_strdup(a, buf);
}

static int
user_upsert(struct ctx *c, const char *email, const char *name,
    const char *role, const char *pw)
{
	struct db_res	 res;
	const char	*hash = NULL;
	uint64_t	 id;

	if (pw != NULL && (hash = password_hash(c->arena, pw)) == NULL)
		return -1;
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_BY_EMAIL], &res,
	    db_str(email)) == -1)
		return -1;
	if (res.nrows == 0) {
		if (hash == NULL)
			return log_err("a new user needs --password-stdin");
		if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_INSERT], &res,
		    db_str(email), db_str(name), db_str(role),
		    db_str(hash), db_i64(1)) == -1)
			return -1;
		return audit_add(c, "user.created", "user", res.insert_id, 0,
		    NULL);
	}
	id = db_get_u64(&res, 0, 0);
	if (DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_GET], &res,
	    db_u64(id)) == -1 ||
	    DB_EXEC(c->db, c->arena, &user_sql[USER_SQL_UPDATE], NULL,
	    db_str(name), db_str(role), db_i64(1), db_u64(id),
	    db_u64(db_get_u64(&res, 0, 5))) == -1)
		return -1;
	if (hash != NULL && DB_EXEC(c->db, c->arena,
	    &user_sql[USER_SQL_SET_PASSWORD], NULL, db_str(hash),
	    db_u64(id)) == -1)
		return -1;
	return audit_add(c, "user.updated", "user", id, 0, NULL);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct field_spec email_spec =
	    { "email", FIELD_EMAIL, 0, 0, 0, NULL };
	struct field_value	 email;
	struct field_error	 err;
	struct ctx		 c;
	const char		*raw_email = NULL, *name = NULL, *role = NULL;
	char			*pw = NULL;
	int			 ch, want_pw = 0, rc;

	log_init("msphub-user");
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'e': raw_email = optarg; break;
		case 'n': name = optarg; break;
		case 'r': role = optarg; break;
		case 'p': want_pw = 1; break;
		default: return usage();
		}
	}
	if (raw_email == NULL || name == NULL || role == NULL ||
	    role_parse(role) == ROLE__MAX)
		return usage();
	memset(&c, 0, sizeof(c));
	c.arena = arena_new();
	c.user.name = "msphub-user (command line)";
	if (field_from_string(c.arena, &email_spec, raw_email,
	    strlen(raw_email), &email, &err) == -1) {
		log_err("%s: %s", raw_email, err.message);
		return 1;
	}
	if (want_pw) {
		pw = read_password(c.arena);
		if (pw == NULL || field_utf8_chars(pw, strlen(pw)) < PASSWORD_MIN) {
			log_err("the password needs %d characters or more",
			    PASSWORD_MIN);
			return 1;
		}
	}
	if (conf_load() == -1 || (c.db = db_open()) == NULL)
		return 1;
	rc = user_upsert(&c, email.s, name, role, pw);
	db_close(c.db);
	arena_free(c.arena);
	return rc == 0 ? 0 : 1;
}
