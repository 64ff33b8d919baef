/*
 * webhtml.c: the frame of every page.  Pages are server-rendered HTML
 * that works without JavaScript, under a Content-Security-Policy that
 * allows nothing but this site's stylesheet and forms: no script at all,
 * no frames, no other origin.  Everything that came from outside (a
 * task's title, an agency's name, a report) goes through web_esc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "tztime.h"
#include "webhtml.h"

const char web_css[] =
	"*{box-sizing:border-box}"
	"body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;"
	"color:#1d2733;line-height:1.45}"
	"header{background:#0b4f6c;color:#fff;padding:.5em 1em;"
	"display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center}"
	"header a,header button{color:#fff;text-decoration:none;"
	"background:none;border:0;font:inherit;padding:0;margin:0;"
	"cursor:pointer}"
	"header .who{margin-left:auto;font-size:.9em;opacity:.9}"
	"header form{display:inline}"
	"main{max-width:72em;margin:0 auto;padding:1em}"
	"h1{font-size:1.3em;margin:.2em 0 .6em}"
	"h2{font-size:1.1em;margin:1.2em 0 .4em}"
	".card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;"
	"padding:1em;margin-bottom:1em}"
	"table{border-collapse:collapse;width:100%;background:#fff}"
	"th,td{text-align:left;padding:.45em .5em;border-bottom:1px solid #e3e7eb;"
	"vertical-align:top}"
	"th{background:#eef2f5;font-weight:600;font-size:.9em}"
	".wrap{overflow-x:auto}"
	".num{text-align:right;font-variant-numeric:tabular-nums}"
	".late{color:#a31d1d;font-weight:600}.ok{color:#0b6e3f}"
	".muted{color:#5b6775;font-size:.9em}"
	".badge{display:inline-block;padding:0 .45em;border-radius:4px;"
	"font-size:.85em;background:#e3e7eb}"
	".badge.late{background:#fbe3e3}.badge.ok{background:#dff3e8}"
	".badge.wait{background:#fff1cc}"
	"label{display:block;margin:.6em 0 .2em;font-weight:600}"
	"input,select,textarea{font:inherit;padding:.5em;width:100%;"
	"max-width:36em;border:1px solid #b8c2cc;border-radius:6px}"
	"textarea{min-height:6em}"
	"button,.button{font:inherit;padding:.55em 1.1em;border:0;"
	"border-radius:6px;background:#0b6e3f;color:#fff;cursor:pointer;"
	"margin-top:.6em;display:inline-block;text-decoration:none}"
	"button.secondary{background:#5b6775}button.danger{background:#a31d1d}"
	".filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:end}"
	".filters label{margin:0;font-weight:400;font-size:.9em}"
	".filters select,.filters input{width:auto}"
	".err{background:#fbe3e3;border-left:4px solid #a31d1d;padding:.6em}"
	".note{background:#dff3e8;border-left:4px solid #0b6e3f;padding:.6em}"
	/* The office's pages (webdash.c, webtask.c, ...). */
	".stats{display:flex;flex-wrap:wrap;gap:.6em;margin:.4em 0}"
	".stat{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;"
	"padding:.5em .9em;flex:1 1 9em}"
	".stat b{display:block;font-size:1.8em;line-height:1.2}"
	".stat.late b{color:#a31d1d}.stat.ok b{color:#0b6e3f}"
	".stat.wait b{color:#8a6100}"
	".stat.late,.stat.ok{color:inherit;font-weight:400}"
	".filters select,.filters input{height:2.6em}"
	".actions{display:flex;flex-wrap:wrap;gap:1em}"
	".actions form{flex:1 1 16em;background:#fff;border-radius:8px;"
	"box-shadow:0 1px 3px #0002;padding:.2em 1em 1em}"
	".actions h3{font-size:1em;margin:.6em 0 0}"
	"td form{display:inline}td form button{margin:.2em 0;"
	"padding:.3em .7em;font-size:.9em}"
	"code{font-size:.85em;overflow-wrap:anywhere}"
	"dl.kv{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.2em 1em;margin:0}dl.kv dt{color:#5b6775}dl.kv dd{margin:0}"
	".body{white-space:pre-wrap;overflow-wrap:anywhere}"
	"@media (max-width:40em){table.stack td.num{text-align:left}}"
	/* webimport.c, webreport.c: the dry run's rows and the report. */
	"table.dry tr.bad{background:#fdf1f1}"
	"table.dry tr.warn{background:#fffaeb}"
	"table.dry tr.section td{background:#eef2f5;font-weight:600}"
	"table.dry .phrase{font-style:italic}"
	".flag{padding:.15em .4em;margin:.1em 0;border-radius:4px;"
	"font-size:.9em}"
	".flag.bad{background:#fbe3e3;color:#7a1414}"
	".flag.warn{background:#fff1cc;color:#5c4400}"
	"#summary li.warn{color:#5c4400}#summary li.late{color:#a31d1d}"
	"label.check{font-weight:400}"
	"label.check input{width:auto;margin-right:.4em}"
	"pre.log{white-space:pre-wrap;font-size:.85em}"
	"table.report tr.total td{font-weight:700;background:#eef2f5}"
	"a.button.secondary{background:#5b6775}"
	"table.dry td:nth-child(2){min-width:12em}"
	"table.dry td:nth-child(3){min-width:11em}"
	".filters select{max-width:100%}"
	"#overdue td.late{white-space:nowrap}"
	"@media (max-width:40em){table.stack td.num{text-align:left}"
	".filters label,.filters select{max-width:100%;min-width:0}"
	"#agency{width:100%}}"
	"@media print{.noprint{display:none}table.dry tr.bad,"
	"table.dry tr.warn{background:none}}"
	"@media (max-width:40em){main{padding:.5em}"
	"table.stack thead{display:none}"
	"table.stack tr{display:block;border-bottom:1px solid #c9d1d9;"
	"padding:.3em 0}"
	"table.stack td{display:block;border:0;padding:.15em .5em}"
	"table.stack td[data-l]::before{content:attr(data-l) \": \";"
	"color:#5b6775;font-size:.85em}}"
	"@media print{header,form,.filters{display:none}body{background:#fff}"
	".card{box-shadow:none}}";

void
web_esc(struct evbuffer *b, const char *s)
{
	const char *run;

	for (run = s; s != NULL && *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		evbuffer_add(b, run, (size_t)(s - run));
		evbuffer_add(b, rep, strlen(rep));
		run = s + 1;
	}
	if (s != NULL)
		evbuffer_add(b, run, (size_t)(s - run));
}

void
web_printf(struct evbuffer *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	evbuffer_add_vprintf(b, fmt, ap);
	va_end(ap);
}

void
web_time(struct evbuffer *b, time_t t)
{
	char buf[40];

	fmt_local(t, buf, sizeof(buf));
	web_esc(b, buf);
}

void
web_date(struct evbuffer *b, time_t t)
{
	char buf[40];

	fmt_local_date(t, buf, sizeof(buf));
	web_esc(b, buf);
}

void
web_form_open(struct evbuffer *b, const struct web_who *who,
    const char *action, int multipart)
{
	evbuffer_add_printf(b, "<form method=\"post\" action=\"");
	web_esc(b, action);
	evbuffer_add_printf(b, "\"%s><input type=\"hidden\" name=\"csrf\" "
	    "value=\"", multipart ? " enctype=\"multipart/form-data\"" : "");
	if (who != NULL)
		web_esc(b, who->csrf);
	evbuffer_add_printf(b, "\">");
}

void
web_page_begin(struct evbuffer *b, const char *title,
    const struct web_who *who)
{
	evbuffer_add_printf(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">"
	    "<meta name=\"robots\" content=\"noindex\">"
	    "<link rel=\"stylesheet\" href=\"/w/s.css\"><title>");
	web_esc(b, title);
	evbuffer_add_printf(b, " — Nhắc việc</title></head><body><header>"
	    "<a href=\"/w/\"><b>Nhắc việc</b></a>");
	if (who != NULL && (who->role == WR_OFFICE || who->role == WR_VIEWER))
		evbuffer_add_printf(b, "<a href=\"/w/\">Tổng quan</a>"
		    "<a href=\"/w/plans\">Kế hoạch</a>"
		    "<a href=\"/w/agencies\">Đơn vị</a>"
		    "<a href=\"/w/extensions\">Gia hạn</a>"
		    "<a href=\"/w/reports\">Báo cáo</a>%s",
		    who->role == WR_OFFICE ?
		    "<a href=\"/w/import\">Nhập kế hoạch</a>" : "");
	else if (who != NULL && who->role == WR_AGENCY)
		evbuffer_add_printf(b, "<a href=\"/w/\">Nhiệm vụ của đơn vị"
		    "</a>");
	if (who != NULL && who->role != WR_NONE) {
		evbuffer_add_printf(b, "<span class=\"who\">");
		web_esc(b, who->name);
		evbuffer_add_printf(b, "</span>");
		web_form_open(b, who, "/w/logout", 0);
		evbuffer_add_printf(b, "<button>Đăng xuất</button></form>");
	}
	evbuffer_add_printf(b, "</header><main>");
}

void
web_page_end(struct web_resp *resp, struct evbuffer *b, int code)
{
	evbuffer_add_printf(b, "</main></body></html>\n");
	resp->code = code;
	switch (code) {
	case 200: resp->reason = "OK"; break;
	case 400: resp->reason = "Bad Request"; break;
	case 401: resp->reason = "Unauthorized"; break;
	case 403: resp->reason = "Forbidden"; break;
	case 404: resp->reason = "Not Found"; break;
	case 405: resp->reason = "Method Not Allowed"; break;
	case 409: resp->reason = "Conflict"; break;
	case 413: resp->reason = "Payload Too Large"; break;
	case 415: resp->reason = "Unsupported Media Type"; break;
	case 429: resp->reason = "Too Many Requests"; break;
	case 503: resp->reason = "Service Unavailable"; break;
	default: resp->reason = code < 400 ? "OK" : "Error"; break;
	}
	web_resp_header(resp, "Content-Type", "text/html; charset=utf-8");
	/* Pages hold what one agency or the office may see: no caching. */
	web_resp_header(resp, "Cache-Control", "no-store");
	web_resp_header(resp, "X-Frame-Options", "DENY");
	web_resp_header(resp, "X-Content-Type-Options", "nosniff");
	web_resp_header(resp, "Referrer-Policy", "no-referrer");
	web_resp_header(resp, "Content-Security-Policy",
	    "default-src 'none'; style-src 'self'; img-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	evbuffer_add_buffer(resp->body, b);
}

void
web_message(struct web_resp *resp, const struct web_who *who, int code,
    const char *title, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	web_page_begin(b, title, who);
	evbuffer_add_printf(b, "<div class=\"card\"><h1>");
	web_esc(b, title);
	evbuffer_add_printf(b, "</h1><p>");
	web_esc(b, text);
	evbuffer_add_printf(b, "</p><p><a href=\"/w/\">Về trang chính</a>"
	    "</p></div>");
	/* An earlier page may have been started: only this one is sent. */
	evbuffer_drain(resp->body, evbuffer_get_length(resp->body));
	web_page_end(resp, b, code);
	evbuffer_free(b);
}

void
web_redirect(struct web_resp *resp, const char *location)
{
	resp->code = 303;
	resp->reason = "See Other";
	web_resp_header(resp, "Location", location);
	web_resp_header(resp, "Cache-Control", "no-store");
	web_resp_header(resp, "Content-Type", "text/plain; charset=utf-8");
	evbuffer_add_printf(resp->body, "%s\n", location);
}
