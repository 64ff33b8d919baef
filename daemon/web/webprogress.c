/*
 * webprogress.c: an agency reports on a task it leads: progress (a text
 * and files) or done (the result, the number of the document that
 * reports it, and files), at /w/tasks/ID/report and /w/tasks/ID/done.
 *
 * Files are judged by their content (webfiletype.c) and all of them
 * before any is kept; they are written to the content-addressed store
 * (core's blobstore.c) before the rows that name them, and the rows (the
 * report, its files, the deadline closed through done_mark_in, the
 * audit) go in one transaction.  A failure after the files are written
 * leaves files no row names, never a row without its file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <unistr.h>

#include "blobstore.h"
#include "config.h"
#include "done.h"
#include "log.h"
#include "safetext.h"
#include "store.h"
#include "store-wagency.h"
#include "store-web.h"
#include "webagency.h"
#include "webfiletype.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"
#include "webupload.h"

#define BODY_MAX	4000	/* bytes of a report's text */
#define DOC_MAX		64	/* of a document number */
#define NAME_MAX_LEN	200	/* of a file's name */

/* The most bytes of files one form may carry. */
static size_t
upload_max(const struct web_ctx *ctx)
{
	return ctx->conf != NULL && ctx->conf->web_upload_max > 0 ?
	    (size_t)ctx->conf->web_upload_max : 10 * 1024 * 1024;
}

static void
size_text(char *buf, size_t len, size_t n)
{
	if (n >= 1024 * 1024)
		snprintf(buf, len, "%.1f MB", (double)n / (1024 * 1024));
	else
		snprintf(buf, len, "%zu KB", (n + 1023) / 1024);
}

static void
report_form(struct web_call *c, const struct wa_task *t, int done, int code,
    const char *error)
{
	struct evbuffer *b = evbuffer_new();
	const char *body = web_form_raw(&c->form, "body");
	const char *doc = web_form_raw(&c->form, "doc");
	char action[64], max[32];

	if (b == NULL)
		return;
	size_text(max, sizeof(max), upload_max(c->ctx));
	web_page_begin(b, done ? "Báo hoàn thành" : "Báo cáo tiến độ", c->who);
	evbuffer_add_printf(b, "<h1>%s</h1>", done ? "Báo hoàn thành" :
	    "Báo cáo tiến độ");
	wa_task_head(b, t, c->ctx->now);
	evbuffer_add_printf(b, "<div class=\"card\">");
	if (error != NULL)
		wa_error(b, error);
	snprintf(action, sizeof(action), "/w/tasks/%lld/%s", (long long)t->id,
	    done ? "done" : "report");
	web_form_open(b, c->who, action, 1);
	evbuffer_add_printf(b, "<input type=\"hidden\" name=\"occ\" "
	    "value=\"%lld\"><label for=\"body\">%s</label><textarea id=\"body\""
	    " name=\"body\" required maxlength=\"%d\">", (long long)t->occ,
	    done ? "Kết quả thực hiện" : "Tiến độ, việc đã làm", BODY_MAX);
	web_esc(b, body != NULL ? body : "");
	evbuffer_add_printf(b, "</textarea>");
	if (done) {
		evbuffer_add_printf(b, "<label for=\"doc\">Số văn bản báo cáo"
		    "</label><input id=\"doc\" name=\"doc\" required "
		    "maxlength=\"%d\" placeholder=\"123/BC-SNV\" value=\"",
		    DOC_MAX);
		web_esc(b, doc != NULL ? doc : "");
		evbuffer_add_printf(b, "\">");
	}
	evbuffer_add_printf(b, "<label for=\"files\">Tệp đính kèm (không bắt "
	    "buộc)</label><input id=\"files\" name=\"files\" type=\"file\" "
	    "multiple accept=\".pdf,.docx,.xlsx,.jpg,.jpeg,.png\">"
	    "<p class=\"muted\">PDF, Word (DOCX), Excel (XLSX), ảnh JPEG hoặc "
	    "PNG; tối đa %d tệp, cộng lại không quá %s.</p>"
	    "<button id=\"send\">%s</button> <a href=\"/w/\">Quay lại</a>"
	    "</form></div>", WEB_UPLOAD_MAX_FILES, max, done ?
	    "Báo hoàn thành" : "Gửi báo cáo");
	wa_reports(b, c->ctx->store, t->occ);
	web_page_end(c->resp, b, code);
	evbuffer_free(b);
}

/* A file's name as sent: shown and offered back, so checked. */
static int
name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= NAME_MAX_LEN &&
	    u8_check((const uint8_t *)name, n) == NULL &&
	    !text_has_control(name, 0) && strpbrk(name, "/\\\"") == NULL &&
	    name[0] != '.';
}

/*
 * Checks C's files: 0 with each file's type in MIMES (an empty file
 * input, no name and no bytes, is skipped: MIMES[i] NULL), or -1 with
 * ERR and *CODE.
 */
static int
files_check(struct web_call *c, const char **mimes, char *err, size_t errlen,
    int *code)
{
	size_t total = 0, max = upload_max(c->ctx);
	char lim[32];
	int i;

	if (c->nfiles > WEB_UPLOAD_MAX_FILES) {
		snprintf(err, errlen, "Gửi được tối đa %d tệp một lần.",
		    WEB_UPLOAD_MAX_FILES);
		*code = 413;
		return -1;
	}
	size_text(lim, sizeof(lim), max);
	for (i = 0; i < c->nfiles; i++) {
		const struct web_upload *u = &c->files[i];

		mimes[i] = NULL;
		if (u->name[0] == '\0' && u->len == 0)
			continue;
		if (!name_ok(u->name)) {
			snprintf(err, errlen, "Tên tệp thứ %d không dùng được; "
			    "xin đặt lại tên tệp (không quá %d ký tự, không "
			    "có / \\ \").", i + 1, NAME_MAX_LEN);
			*code = 400;
			return -1;
		}
		total += u->len;
		if (u->len > max || total > max) {
			snprintf(err, errlen, "Tệp “%s” làm tổng dung lượng "
			    "vượt %s.", u->name, lim);
			*code = 413;
			return -1;
		}
		if (web_filetype(u->data, u->len, u->name, &mimes[i], err,
		    errlen) == -1) {
			*code = 415;
			return -1;
		}
	}
	return 0;
}

/* Writes C's checked files to the store: 0, or -1 (logged). */
static int
files_put(struct web_call *c, const char **mimes, char (*shas)[BLOB_HEX])
{
	int i;

	for (i = 0; i < c->nfiles; i++) {
		if (mimes[i] == NULL)
			continue;
		if (blob_put(c->ctx->state_dir, c->files[i].data,
		    c->files[i].len, shas[i]) == -1) {
			log_warn("web: cannot keep an uploaded file under %s",
			    c->ctx->state_dir);
			return -1;
		}
	}
	return 0;
}

/* The rows that name the files, inside the caller's transaction. */
static int
files_rows(struct web_call *c, int64_t report, const char **mimes,
    char (*shas)[BLOB_HEX])
{
	int i;

	for (i = 0; i < c->nfiles; i++)
		if (mimes[i] != NULL && (store_upload_add(c->ctx->store,
		    shas[i], c->files[i].len, mimes[i], c->ctx->now) == -1 ||
		    store_wreport_file(c->ctx->store, report, shas[i],
		    c->files[i].name) == -1))
			return -1;
	return 0;
}

static void
report_post(struct web_call *c, int done)
{
	struct store *s = c->ctx->store;
	const char *mimes[WEB_UPLOAD_MAX_FILES + 1];
	char shas[WEB_UPLOAD_MAX_FILES + 1][BLOB_HEX];
	char err[512], actor[160], detail[200];
	const char *body, *doc = NULL;
	struct done_result dr;
	struct wa_task t;
	int64_t report;
	int code = 400, nfiles = 0, i, rc;

	if (wa_task_load(c, &t) == -1)
		return;
	if ((body = web_form_text(&c->form, "body", done ? "Kết quả thực "
	    "hiện" : "Tiến độ", BODY_MAX, 1, 1)) == NULL || (done &&
	    (doc = web_form_text(&c->form, "doc", "Số văn bản", DOC_MAX, 1,
	    0)) == NULL)) {
		report_form(c, &t, done, 400, c->form.err);
		return;
	}
	if (files_check(c, mimes, err, sizeof(err), &code) == -1) {
		report_form(c, &t, done, code, err);
		return;
	}
	for (i = 0; i < c->nfiles; i++)
		nfiles += mimes[i] != NULL;
	if (files_put(c, mimes, shas) == -1)
		goto busy;
	websess_actor(c->who, actor, sizeof(actor));
	if (store_begin(s) == -1)
		goto busy;
	if (done) {
		rc = done_mark_in(s, c->ctx->conf, 0, t.ack, c->who->name,
		    "web", body, actor, c->ctx->now, &dr);
		if (rc == -1)
			goto fail;
		if (rc != 1 || !dr.changed) {
			store_rollback(s);
			web_message(c->resp, c->who, 409, "Nhiệm vụ đã đóng",
			    "Hạn này của nhiệm vụ đã hoàn thành hoặc đã đóng.");
			return;
		}
	}
	if (store_wreport_add(s, t.occ, done ? RPT_DONE : RPT_PROGRESS, body,
	    doc, c->who->contact_id, c->who->user_id, c->ctx->now, &report) ==
	    -1 || files_rows(c, report, mimes, shas) == -1)
		goto fail;
	/* Done is in the audit already, by done_mark_in, with ACTOR. */
	snprintf(detail, sizeof(detail), "progress report %lld with %d "
	    "file(s)", (long long)report, nfiles);
	if ((!done && store_event_by(s, EV_PROGRESS, t.occ, actor, detail,
	    c->ctx->now) == -1) || store_commit(s) == -1)
		goto fail;
	if (done) {
		/* Its jobs were cancelled: the loop plans again. */
		c->ctx->flags |= WEB_WAKE;
		log_info("task %lld (ack %s) reported done on the web by %s",
		    (long long)t.id, t.ack, actor);
	}
	web_redirect(c->resp, done ? "/w/?sent=done" : "/w/?sent=progress");
	return;
fail:
	store_rollback(s);
busy:
	log_warnx("web: report on task %lld: %s", (long long)t.id,
	    store_error(s));
	web_message(c->resp, c->who, 503, "Chưa ghi được",
	    "Máy chủ chưa ghi được báo cáo. Xin thử lại sau ít phút.");
}

void
page_report_form(struct web_call *c)
{
	struct wa_task t;

	if (wa_task_load(c, &t) == 0)
		report_form(c, &t, 0, 200, NULL);
}

void
page_report(struct web_call *c)
{
	report_post(c, 0);
}

void
page_done_form(struct web_call *c)
{
	struct wa_task t;

	if (wa_task_load(c, &t) == 0)
		report_form(c, &t, 1, 200, NULL);
}

void
page_done(struct web_call *c)
{
	report_post(c, 1);
}
