/*
 * webroute.h: one call of a page, as web.c's route table dispatches it.
 * The table says which roles may open each route; web.c has already
 * loaded the session, refused who may not, and, for a POST, parsed the
 * form and checked its CSRF token, before the page's function runs.
 */
#ifndef NV_WEBROUTE_H
#define NV_WEBROUTE_H

#include <stdint.h>

#include "web.h"
#include "webform.h"

struct web_upload;

struct web_call {
	struct web_ctx	*ctx;
	const struct web_req *req;
	struct web_who	*who;
	struct web_resp	*resp;
	int64_t		 id;		/* the pattern's "#" segment */
	char		 seg[128];	/* its "*" segment, decoded */
	struct web_form	 query;		/* the query string */
	struct web_form	 form;		/* a POST's fields */
	struct web_upload *files;	/* a multipart POST's files */
	int		 nfiles;
};

typedef void web_page_fn(struct web_call *);

/* Roles a route admits (a mask of 1 << enum web_role). */
#define WEB_ANYONE	(1 << WR_NONE | 1 << WR_VIEWER | 1 << WR_OFFICE | \
			 1 << WR_AGENCY)
#define WEB_OFFICE	(1 << WR_OFFICE)
#define WEB_STAFF	(1 << WR_VIEWER | 1 << WR_OFFICE)
#define WEB_AGENCY	(1 << WR_AGENCY)
#define WEB_SIGNED_IN	(WEB_STAFF | WEB_AGENCY)

#endif
