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
#include "actor.h"
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

/* What one run upserts, as a transaction function. */
struct user_upsert {
	struct db	*db;
	struct arena	*arena;
	const char	*email, *name, *role;
	const char	*hash;		/* NULL: keep the password */
};

static const struct actor user_cli = {
	ACTOR_SYSTEM, 0, "msphub-user (command line)", NULL
};

static int
user_upsert_tx(void *p)
{
	struct user_upsert	*u = p;
	struct json_object	*ch;
	struct db_res		 res;
	uint64_t		 id;

	if (DB_EXEC(u->db, u->arena, &user_sql[USER_SQL_BY_EMAIL], &res,
	    db_str(u->email)) == -1)
		return -1;
	ch = jsonx_object(u->arena);
	if (res.nrows == 0) {
		if (u->hash == NULL) {
			log_err("a new user needs --password-stdin");
			return 1;
		}
		if (DB_EXEC(u->db, u->arena, &user_sql[USER_SQL_INSERT], &res,
		    db_str(u->email), db_str(u->name), db_str(u->role),
		    db_str(u->hash), db_i64(1)) == -1)
			return -1;
		audit_change(ch, "email", NULL, json_object_new_string(u->email));
		audit_change(ch, "name", NULL, json_object_new_string(u->name));
		audit_change(ch, "role", NULL, json_object_new_string(u->role));
		return audit_add(u->db, u->arena, &user_cli, &(struct audit_entry){
		    "user.created", "user", res.insert_id, 0, ch });
	}
	id = db_get_u64(&res, 0, USER_AUTH_COL_ID);
	if (DB_EXEC(u->db, u->arena, &user_sql[USER_SQL_GET_FOR_UPDATE], &res,
	    db_u64(id)) == -1 ||
	    DB_EXEC(u->db, u->arena, &user_sql[USER_SQL_UPDATE], NULL,
	    db_str(u->name), db_str(u->role), db_i64(1), db_u64(id),
	    db_u64(db_get_u64(&res, 0, USER_COL_VERSION))) == -1)
		return -1;
	if (u->hash != NULL && DB_EXEC(u->db, u->arena,
	    &user_sql[USER_SQL_SET_PASSWORD], NULL, db_str(u->hash),
	    db_u64(id)) == -1)
		return -1;
	audit_change(ch, "name", json_object_new_string(
	    db_get(&res, 0, USER_COL_NAME)), json_object_new_string(u->name));
	audit_change(ch, "role", json_object_new_string(
	    db_get(&res, 0, USER_COL_ROLE)), json_object_new_string(u->role));
	if (u->hash != NULL)
		audit_change(ch, "password", NULL,
		    json_object_new_string("changed"));
	return audit_add(u->db, u->arena, &user_cli, &(struct audit_entry){
	    "user.updated", "user", id, 0, ch });
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
	struct user_upsert	 u;
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
	memset(&u, 0, sizeof(u));
	u.arena = arena_new();
	if (field_from_string(u.arena, &email_spec, raw_email,
	    strlen(raw_email), &email, &err) == -1) {
		log_err("%s: %s", raw_email, err.message);
		return 1;
	}
	if (want_pw) {
		pw = read_password(u.arena);
		if (pw == NULL || field_utf8_chars(pw, strlen(pw)) < PASSWORD_MIN) {
			log_err("the password needs %d characters or more",
			    PASSWORD_MIN);
			return 1;
		}
	}
	u.email = email.s;
	u.name = name;
	u.role = role;
	if (pw != NULL && (u.hash = password_hash(u.arena, pw)) == NULL)
		return 1;
	if (conf_load() == -1 || (u.db = db_open()) == NULL)
		return 1;
	rc = db_tx(u.db, user_upsert_tx, &u);
	db_close(u.db);
	arena_free(u.arena);
	return rc == 0 ? 0 : 1;
}
