#include "config.h"

#include "db_user.h"

const struct db_sql user_sql[USER_SQL__MAX] = {
	{ "SELECT id, password_hash, active FROM users WHERE email = ?",
	  DB_SAFE }, /* USER_SQL_BY_EMAIL */
	{ "SELECT " USER_COLUMNS " FROM users WHERE id = ?",
	  DB_SAFE }, /* USER_SQL_GET */
	{ "SELECT " USER_COLUMNS " FROM users WHERE id = ? FOR UPDATE",
	  0 }, /* USER_SQL_GET_FOR_UPDATE */
	{ "SELECT " USER_COLUMNS " FROM users WHERE id > ? "
	  "ORDER BY id LIMIT ?", DB_SAFE }, /* USER_SQL_LIST */
	/* Parameters: limit. */
	{ "SELECT id, name, role FROM users WHERE active = 1 "
	  "ORDER BY name, id LIMIT ?", DB_SAFE }, /* USER_SQL_DIRECTORY */
	{ "INSERT INTO users (email, name, role, password_hash, active, "
	  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
	  "UTC_TIMESTAMP(6))", 0 }, /* USER_SQL_INSERT */
	{ "UPDATE users SET name = ?, role = ?, active = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* USER_SQL_UPDATE */
	{ "UPDATE users SET password_hash = ? WHERE id = ?",
	  0 }, /* USER_SQL_SET_PASSWORD */
	{ "UPDATE users SET last_sign_in_at = UTC_TIMESTAMP(6) WHERE id = ?",
	  0 }, /* USER_SQL_SIGNED_IN */
	{ "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 "
	  "AND id <> ? FOR UPDATE", 0 }, /* USER_SQL_ACTIVE_ADMINS */
};
