/*
 * webpages.h: the pages, by file.  Each is a web_page_fn that web.c's
 * route table points at.
 */
#ifndef NV_WEBPAGES_H
#define NV_WEBPAGES_H

#include "webroute.h"

/* weblogin.c */
web_page_fn	page_login_form, page_login, page_logout, page_link,
		page_link_open;
/* webdash.c: the office's dashboard */
web_page_fn	page_dashboard;
/* webagency.c: an agency's own tasks */
web_page_fn	page_agency_home;
/* web.c */
web_page_fn	page_home, page_css;

#endif
