/*
 * cgi/assets: the route table.  The asset handlers are in
 * assets_assets.c, their CSV import and export in assets_csv.c.
 */
#include "config.h"

#include "dispatch.h"
#include "serve.h"

#include "assets.h"

static const char *const csv_types[] = { "text/csv", NULL };

enum assets_route {
	ROUTE_ASSETS_LIST,
	ROUTE_ASSETS_CREATE,
	ROUTE_ASSETS_IMPORT,
	ROUTE_ASSETS_EXPORT,
	ROUTE_ASSETS_GET,
	ROUTE_ASSETS_UPDATE,
	ROUTE_ASSETS_DELETE,
	ROUTE_OS_LIFECYCLE_LIST,
	ROUTE__MAX
};

#define ASSETS	"/api/v1/customers/{id}/assets"

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_ASSETS_LIST] = { REQ_GET, ASSETS, ACCESS_READ, assets_list,
	    ROUTE_QUERY(asset_list_query) },
	[ROUTE_ASSETS_CREATE] = { REQ_POST, ASSETS, ACCESS_WRITE,
	    assets_create, .body = BODY_OBJECT, ROUTE_FIELDS(asset_fields),
	    .required = ROUTE_BIT(ASSET_F_NAME) },
	[ROUTE_ASSETS_IMPORT] = { REQ_POST, ASSETS "/import", ACCESS_WRITE,
	    assets_import, .body = BODY_RAW, .types = csv_types,
	    .body_max = ASSETS_IMPORT_MAX },
	[ROUTE_ASSETS_EXPORT] = { REQ_GET, ASSETS "/export", ACCESS_READ,
	    assets_export },
	[ROUTE_ASSETS_GET] = { REQ_GET, ASSETS "/{id}", ACCESS_READ,
	    assets_get },
	[ROUTE_ASSETS_UPDATE] = { REQ_PATCH, ASSETS "/{id}", ACCESS_WRITE,
	    assets_update, .body = BODY_OBJECT, ROUTE_FIELDS(asset_fields) },
	[ROUTE_ASSETS_DELETE] = { REQ_DELETE, ASSETS "/{id}", ACCESS_WRITE,
	    assets_delete },
	[ROUTE_OS_LIFECYCLE_LIST] = { REQ_GET, "/api/v1/os-lifecycle",
	    ACCESS_READ, os_lifecycle_list },
};

static const struct app assets_app = {
	.name = "assets", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&assets_app, argc, argv);
}
