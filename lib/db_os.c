#include "config.h"

#include "db_os.h"

const struct db_sql os_sql[OS_SQL__MAX] = {
	{ "SELECT o.os_name, o.os_version, o.end_of_support, "
	  OS_LIFECYCLE_ENDED " FROM os_lifecycle o "
	  "ORDER BY o.os_name, o.end_of_support IS NULL, o.end_of_support, "
	  "o.os_version", DB_SAFE }, /* OS_SQL_LIST */
};
