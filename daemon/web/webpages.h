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
/* webplan.c: the plans */
web_page_fn	page_plans, page_plan;
/* webdir.c: the agencies, as the office sees them */
web_page_fn	page_agencies, page_agency, page_agency_link,
		page_agency_revoke;
/* webtask.c: a task and its history; the office's actions on it */
web_page_fn	page_task, page_task_finish, page_task_extend,
		page_task_cancel, page_task_resend;
/* webext.c: the requests for more time the office decides */
web_page_fn	page_extensions, page_ext_approve, page_ext_decline;
/* webagency.c: an agency's own tasks */
web_page_fn	page_agency_home;
/* webimport.c: a plan's table, read through and imported (office) */
web_page_fn	page_import_form, page_import_dry, page_import_confirm;
/* webreport.c: the report of "nhacviec report", as a page and as CSV */
web_page_fn	page_reports, page_reports_csv;
/* web.c */
web_page_fn	page_home, page_css;

#endif
