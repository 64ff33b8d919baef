/*
 * web.c: the route table of the pages under /w/, and the checks every
 * request passes before a page sees it: who is asking (websess.c),
 * whether that role may open the route, and for a POST its form and its
 * CSRF token.  A page is found by method and path; a path another method
 * serves is a 405, anything else a 404.  Pages never trust a role the
 * table let through for the object they show: they check the object
 * against WHO themselves (an agency sees its own tasks only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "webhtml.h"
#include "webpages.h"
#include "websess.h"
#include "webupload.h"

static const struct web_route {
	const char	*method;
	const char	*pattern;
	int		 roles;
	web_page_fn	*fn;
} routes[] = {
	{ "GET",  "/w/s.css",		WEB_ANYONE,	page_css },
	{ "GET",  "/w/login",		WEB_ANYONE,	page_login_form },
	{ "POST", "/w/login",		WEB_ANYONE,	page_login },
	{ "POST", "/w/logout",		WEB_SIGNED_IN,	page_logout },
	{ "GET",  "/w/l/*",		WEB_ANYONE,	page_link },
	{ "POST", "/w/l/*",		WEB_ANYONE,	page_link_open },
	{ "POST", "/w/l/*/new",		WEB_ANYONE,	page_link_renew },
	{ "GET",  "/w/",		WEB_SIGNED_IN,	page_home },
	/* An agency's actions on a task it leads; the page checks which. */
	{ "GET",  "/w/tasks/#/report",	WEB_AGENCY,	page_report_form },
	{ "POST", "/w/tasks/#/report",	WEB_AGENCY,	page_report },
	{ "GET",  "/w/tasks/#/done",	WEB_AGENCY,	page_done_form },
	{ "POST", "/w/tasks/#/done",	WEB_AGENCY,	page_done },
	{ "GET",  "/w/tasks/#/extension", WEB_AGENCY,	page_ext_form },
	{ "POST", "/w/tasks/#/extension", WEB_AGENCY,	page_ext },
	{ "GET",  "/w/files/*",		WEB_SIGNED_IN,	page_file },
	/* The tracking office's pages (webdash.c, webplan.c, webdir.c, ...) */
	{ "GET",  "/w/plans",		WEB_STAFF,	page_plans },
	{ "GET",  "/w/plans/#",		WEB_STAFF,	page_plan },
	{ "GET",  "/w/agencies",	WEB_STAFF,	page_agencies },
	{ "GET",  "/w/agencies/*",	WEB_STAFF,	page_agency },
	{ "POST", "/w/agencies/*/link",	WEB_OFFICE,	page_agency_link },
	{ "POST", "/w/agencies/*/revoke", WEB_OFFICE,	page_agency_revoke },
	{ "GET",  "/w/tasks/#",		WEB_SIGNED_IN,	page_task },
	{ "POST", "/w/tasks/#/finish",	WEB_OFFICE,	page_task_finish },
	{ "POST", "/w/tasks/#/extend",	WEB_OFFICE,	page_task_extend },
	{ "POST", "/w/tasks/#/cancel",	WEB_OFFICE,	page_task_cancel },
	{ "POST", "/w/tasks/#/resend",	WEB_OFFICE,	page_task_resend },
	{ "GET",  "/w/extensions",	WEB_STAFF,	page_extensions },
	{ "POST", "/w/extensions/#/approve", WEB_OFFICE, page_ext_approve },
	{ "POST", "/w/extensions/#/decline", WEB_OFFICE, page_ext_decline },
	/* webimport.c, webreport.c */
	{ "GET",  "/w/import",		WEB_OFFICE,	page_import_form },
	{ "POST", "/w/import",		WEB_OFFICE,	page_import_dry },
	{ "POST", "/w/import/confirm",	WEB_OFFICE,	page_import_confirm },
	{ "GET",  "/w/reports",		WEB_STAFF,	page_reports },
	{ "GET",  "/w/reports.csv",	WEB_STAFF,	page_reports_csv },
};

void
page_home(struct web_call *c)
{
	if (c->who->role == WR_AGENCY)
		page_agency_home(c);
	else
		page_dashboard(c);
}

/* Whether PATH fits PATTERN, taking its "*" or "#" segment into C. */
static int
route_match(const char *pattern, const char *path, struct web_call *c)
{
	char *dec;
	size_t n;

	while (*pattern != '\0') {
		if (*pattern == '*' || *pattern == '#') {
			n = strcspn(path, "/");
			if (n == 0 || n >= sizeof(c->seg))
				return 0;
			memcpy(c->seg, path, n);
			c->seg[n] = '\0';
			if (*pattern == '#') {
				char *end;
				long long v;

				if (c->seg[0] < '1' || c->seg[0] > '9')
					return 0;
				v = strtoll(c->seg, &end, 10);
				if (*end != '\0' || v <= 0)
					return 0;
				c->id = v;
			} else {
				dec = evhttp_uridecode(c->seg, 0, NULL);
				if (dec == NULL || strlen(dec) >= sizeof(c->seg)) {
					free(dec);
					return 0;
				}
				snprintf(c->seg, sizeof(c->seg), "%s", dec);
				free(dec);
			}
			pattern++;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *path == '\0';
}

/* Parses a POST's body into C's form and files; -1 answered. */
static int
post_body(struct web_call *c)
{
	const char *ct = web_header(c->req, "Content-Type");

	if (ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if (web_upload_parse(c, ct) == -1)
			return -1;
	} else if (ct == NULL || strncasecmp(ct,
	    "application/x-www-form-urlencoded", 33) != 0) {
		web_message(c->resp, c->who, 415, "Không nhận được",
		    "Biểu mẫu gửi lên không đúng định dạng.");
		return -1;
	} else if (memchr(c->req->body, '\0', c->req->bodylen) != NULL ||
	    web_form_parse(&c->form, c->req->body) == -1) {
		web_message(c->resp, c->who, 400, "Không nhận được",
		    "Biểu mẫu gửi lên không đọc được.");
		return -1;
	}
	return websess_post_ok(c->ctx, c->req, c->who, &c->form, c->resp);
}

void
web_handle(struct web_ctx *ctx, const struct web_req *req,
    struct web_resp *resp)
{
	const struct web_route *r, *hit = NULL;
	struct web_who who;
	struct web_call c;
	const char *m = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
	int other = 0;
	size_t i;

	memset(&c, 0, sizeof(c));
	memset(&who, 0, sizeof(who));
	c.ctx = ctx;
	c.req = req;
	c.who = &who;
	c.resp = resp;
	web_form_init(&c.query);
	web_form_init(&c.form);
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]) && hit == NULL;
	    i++) {
		r = &routes[i];
		if (!route_match(r->pattern, req->path, &c))
			continue;
		if (strcmp(r->method, m) == 0)
			hit = r;
		else
			other = 1;
	}
	if (hit == NULL) {
		if (other)
			web_message(resp, NULL, 405, "Không được phép",
			    "Trang này không nhận yêu cầu kiểu này.");
		else
			web_message(resp, NULL, 404, "Không có trang này",
			    "Địa chỉ không đúng hoặc đã bị thay đổi.");
		return;
	}
	if (hit->fn != page_css)
		websess_load(ctx, req, &who);
	if ((hit->roles & (1 << who.role)) == 0) {
		if (who.role == WR_NONE && strcmp(m, "GET") == 0)
			web_redirect(resp, "/w/login");
		else
			web_message(resp, &who, who.role == WR_NONE ? 401 :
			    403, "Không được phép", who.role == WR_NONE ?
			    "Xin đăng nhập, hoặc mở lại đường dẫn trong tin "
			    "nhắn nhắc việc." :
			    "Tài khoản này không được mở trang này.");
		return;
	}
	if (req->query != NULL && web_form_parse(&c.query, req->query) == -1) {
		web_message(resp, &who, 400, "Không nhận được",
		    "Địa chỉ có tham số không đọc được.");
		return;
	}
	if (strcmp(m, "POST") == 0 && post_body(&c) == -1)
		goto out;
	hit->fn(&c);
out:
	web_form_free(&c.query);
	web_form_free(&c.form);
	web_upload_free(&c);
}

const char *
web_header(const struct web_req *req, const char *name)
{
	return req->header != NULL ? req->header(req->hctx, name) : NULL;
}

void
web_resp_header(struct web_resp *resp, const char *name, const char *value)
{
	evbuffer_add(resp->hdrs, name, strlen(name) + 1);
	evbuffer_add(resp->hdrs, value, strlen(value) + 1);
}

void
page_css(struct web_call *c)
{
	evbuffer_add(c->resp->body, web_css, strlen(web_css));
	c->resp->code = 200;
	c->resp->reason = "OK";
	web_resp_header(c->resp, "Content-Type", "text/css; charset=utf-8");
	web_resp_header(c->resp, "Cache-Control", "max-age=3600");
}
