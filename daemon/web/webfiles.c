/*
 * webfiles.c: a report's file, back to whoever may see the task it was
 * sent with (the office and viewers, the lead agency, the cooperating
 * agencies), at /w/files/SHA256?name=NAME.  Anyone else, or a digest
 * no report names, gets the same 404.  A file is never shown inline:
 * it goes as an attachment of the type its content was found to be,
 * with nosniff and a sandboxing policy, so a file that a browser would
 * take for a page can never run as one on this site.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "blobstore.h"
#include "log.h"
#include "store.h"
#include "store-wagency.h"
#include "webfilestore.h"
#include "webhtml.h"
#include "webpages.h"

/* Content-Disposition for NAME, after RFC 6266 and RFC 8187. */
static void
disposition(const char *name, char *out, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char ascii[256], enc[800];
	const unsigned char *p;
	size_t a = 0, e = 0;

	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		/* One "_" a character the plain name cannot carry. */
		if (a + 1 < sizeof(ascii) && (*p < 0x80 || *p >= 0xc0))
			ascii[a++] = *p >= 0x20 && *p < 0x7f && *p != '"' &&
			    *p != '\\' && *p != '%' ? (char)*p : '_';
		if (e + 4 >= sizeof(enc))
			continue;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			enc[e++] = (char)*p;
		else {
			enc[e++] = '%';
			enc[e++] = hex[*p >> 4];
			enc[e++] = hex[*p & 15];
		}
	}
	ascii[a] = '\0';
	enc[e] = '\0';
	snprintf(out, len, "attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s", ascii, enc);
}

void
page_file(struct web_call *c)
{
	const char *want = web_form_raw(&c->query, "name");
	char mime[128], name[256], cd[1200], err[512], path[4096];
	int64_t agency = 0;
	int rc;

	/* Staff see every file; an agency those of its tasks. */
	if (c->who->role == WR_AGENCY)
		agency = c->who->agency_id;
	if (blob_path(c->ctx->state_dir, c->seg, path, sizeof(path)) == -1 ||
	    (c->who->role == WR_AGENCY &&
	    agency == 0) || (rc = store_upload_visible(c->ctx->store, c->seg,
	    agency, want, mime, sizeof(mime), name, sizeof(name))) == 0) {
		web_message(c->resp, c->who, 404, "Không có tệp này",
		    "Tệp không có, hoặc không thuộc nhiệm vụ tài khoản này "
		    "được xem.");
		return;
	}
	if (rc == -1) {
		log_warnx("web: file %s: %s", c->seg,
		    store_error(c->ctx->store));
		web_message(c->resp, c->who, 503, "Máy chủ đang bận",
		    "Xin thử lại sau giây lát.");
		return;
	}
	if (web_file_get(c->ctx->state_dir, c->seg, c->resp->body, err,
	    sizeof(err)) == -1) {
		log_warnx("web: file %s cannot be served: %s", c->seg, err);
		web_message(c->resp, c->who, 500, "Không đọc được tệp",
		    "Tệp này không đọc được trên máy chủ; xin báo văn phòng "
		    "theo dõi.");
		return;
	}
	disposition(name, cd, sizeof(cd));
	c->resp->code = 200;
	c->resp->reason = "OK";
	web_resp_header(c->resp, "Content-Type", mime);
	web_resp_header(c->resp, "Content-Disposition", cd);
	web_resp_header(c->resp, "X-Content-Type-Options", "nosniff");
	web_resp_header(c->resp, "Content-Security-Policy",
	    "default-src 'none'; sandbox");
	web_resp_header(c->resp, "Cache-Control", "private, no-store");
	web_resp_header(c->resp, "X-Frame-Options", "DENY");
	web_resp_header(c->resp, "Referrer-Policy", "no-referrer");
}
