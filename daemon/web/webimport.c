/*
 * webimport.c: importing a plan's task table through the web pages, for
 * the office.  GET /w/import is the form; POST /w/import keeps the file
 * (blobstore.c, by its SHA-256) and runs the same dry run as "nhacviec
 * import tasks --dry-run --json", shown as a table: every row with what
 * was read of it and every problem marked, since what is not understood
 * is refused, never guessed.  POST /w/import/confirm names the kept
 * file by its digest, with the same options, and imports it for real.
 *
 * The import runs inside the daemon's loop, so the web takes tables of
 * WEB_IMPORT_MAX_ROWS rows at most (the listener bounds the file's size
 * too); a bigger one is refused with the CLI command to use instead.
 * A dry run for a new plan adds the plan inside a transaction that is
 * rolled back: the database is left as it was.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <jansson.h>

#include "blobstore.h"
#include "config.h"
#include "directory.h"
#include "import.h"
#include "log.h"
#include "store.h"
#include "store-web.h"
#include "tabfile.h"
#include "tgrid.h"
#include "tstruct.h"
#include "tztime.h"
#include "webdryrun.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"
#include "webupload.h"
#include "xmalloc.h"

#define WEB_IMPORT_MAX_ROWS	1000

/* What the office chose in the form. */
struct imp_opts {
	const char	*plan;		/* the plan's code */
	const char	*title;		/* a new plan's title, or NULL */
	int		 year;		/* 0: the plan's, else this year */
	const char	*policy;	/* NULL: the default */
	const char	*name;		/* the file's name as sent */
	int		 skip_bad;
};

struct plan_pick {
	struct evbuffer	*b;
	const char	*chosen;
	const char	*code;		/* plan_year: the plan asked about */
	int		 year;
};

static void
plan_option_cb(void *arg, const struct plan_row *p)
{
	struct plan_pick *pp = arg;

	evbuffer_add_printf(pp->b, "<option value=\"");
	web_esc(pp->b, p->code);
	evbuffer_add_printf(pp->b, "\"%s>", pp->chosen != NULL &&
	    strcmp(pp->chosen, p->code) == 0 ? " selected" : "");
	web_esc(pp->b, p->code);
	evbuffer_add_printf(pp->b, " — ");
	web_esc(pp->b, p->title);
	evbuffer_add_printf(pp->b, "</option>");
}

static void
plan_year_cb(void *arg, const struct plan_row *p)
{
	struct plan_pick *pp = arg;

	/* As the CLI: the year of the plan's period, else of its date. */
	if (strcmp(p->code, pp->code) == 0 && p->period_from != NULL)
		pp->year = atoi(p->period_from);
	else if (strcmp(p->code, pp->code) == 0 && p->issued_on != NULL)
		pp->year = atoi(p->issued_on);
}

static void
import_form(struct web_call *c, struct evbuffer *b)
{
	struct plan_pick pp = { b, web_form_raw(&c->form, "plan"), NULL, 0 };
	const struct policy *p;
	const char *v;

	evbuffer_add_printf(b, "<div class=\"card\">");
	web_form_open(b, c->who, "/w/import", 1);
	evbuffer_add_printf(b, "<label for=\"plan\">Kế hoạch</label>"
	    "<select id=\"plan\" name=\"plan\">"
	    "<option value=\"\">Kế hoạch mới (điền mã và tên dưới đây)"
	    "</option>");
	if (store_plan_list(c->ctx->store, plan_option_cb, &pp) == -1)
		log_warnx("web import: %s", store_error(c->ctx->store));
	evbuffer_add_printf(b, "</select>"
	    "<label for=\"code\">Mã kế hoạch mới</label>"
	    "<input id=\"code\" name=\"code\" maxlength=\"63\" "
	    "placeholder=\"285/KH-UBND\" value=\"");
	if ((v = web_form_raw(&c->form, "code")) != NULL)
		web_esc(b, v);
	evbuffer_add_printf(b, "\"><label for=\"title\">Tên kế hoạch mới"
	    "</label><input id=\"title\" name=\"title\" maxlength=\"300\" "
	    "value=\"");
	if ((v = web_form_raw(&c->form, "title")) != NULL)
		web_esc(b, v);
	evbuffer_add_printf(b, "\"><label for=\"year\">Năm</label>"
	    "<input id=\"year\" name=\"year\" inputmode=\"numeric\" "
	    "maxlength=\"4\" placeholder=\"năm của kế hoạch\" value=\"");
	if ((v = web_form_raw(&c->form, "year")) != NULL)
		web_esc(b, v);
	evbuffer_add_printf(b, "\"><p class=\"muted\">Năm cho các ngày không "
	    "ghi năm; để trống: năm của kế hoạch.</p>"
	    "<label for=\"policy\">Chính sách nhắc</label>"
	    "<select id=\"policy\" name=\"policy\">"
	    "<option value=\"\">Mặc định</option>");
	v = web_form_raw(&c->form, "policy");
	TAILQ_FOREACH(p, &c->ctx->conf->policies, entry) {
		evbuffer_add_printf(b, "<option value=\"");
		web_esc(b, p->name);
		evbuffer_add_printf(b, "\"%s>", v != NULL &&
		    strcmp(v, p->name) == 0 ? " selected" : "");
		web_esc(b, p->name);
		evbuffer_add_printf(b, "</option>");
	}
	evbuffer_add_printf(b, "</select>"
	    "<label for=\"file\">Tệp bảng nhiệm vụ (.docx, .xlsx, .csv, .tsv)"
	    "</label><input id=\"file\" name=\"file\" type=\"file\" "
	    "accept=\".docx,.xlsx,.csv,.tsv\" required>"
	    "<p class=\"muted\">Bảng có tối đa %d dòng; bảng lớn hơn xin nhập "
	    "bằng lệnh <code>nhacviec import tasks</code>.</p>"
	    "<button id=\"dry\">Đọc thử</button></form></div>",
	    WEB_IMPORT_MAX_ROWS);
}

static void
import_page(struct web_call *c, int code, const char *error)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	web_page_begin(b, "Nhập kế hoạch", c->who);
	evbuffer_add_printf(b, "<h1>Nhập kế hoạch</h1>");
	if (error != NULL) {
		evbuffer_add_printf(b, "<p class=\"err\" id=\"error\">");
		web_esc(b, error);
		evbuffer_add_printf(b, "</p>");
	}
	evbuffer_add_printf(b, "<p>Đọc thử trước: không ghi gì, chỉ cho xem "
	    "từng dòng được hiểu thế nào. Sau khi xem, bấm “Nhập” để nhập "
	    "thật.</p>");
	import_form(c, b);
	web_page_end(c->resp, b, code);
	evbuffer_free(b);
}

void
page_import_form(struct web_call *c)
{
	import_page(c, 200, NULL);
}

/* Whether NAME ends in one of the table kinds the form takes. */
static int
name_ok(const char *name)
{
	static const char *const ext[] = { ".docx", ".xlsx", ".csv", ".tsv" };
	size_t n = strlen(name), i, e;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		e = strlen(ext[i]);
		if (n > e && strcasecmp(name + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* The form's options into O; NULL, or what was wrong. */
static const char *
read_opts(struct web_call *c, struct imp_opts *o)
{
	struct web_form *f = &c->form;
	struct plan_pick pp;
	const char *plan, *code, *y, *pol;
	char now[32];
	int64_t id;
	int rc;

	memset(o, 0, sizeof(*o));
	if ((plan = web_form_text(f, "plan", "Kế hoạch", 63, 0, 0)) == NULL ||
	    (code = web_form_text(f, "code", "Mã kế hoạch mới", 63, 0, 0)) ==
	    NULL || (o->title = web_form_text(f, "title", "Tên kế hoạch mới",
	    300, 0, 0)) == NULL || (y = web_form_text(f, "year", "Năm", 4, 0,
	    0)) == NULL || (pol = web_form_text(f, "policy", "Chính sách "
	    "nhắc", 63, 0, 0)) == NULL)
		return f->err;
	if (*plan != '\0') {
		o->plan = plan;
		o->title = NULL;
		if ((rc = store_plan_get(c->ctx->store, plan, &id)) == -1)
			return "Không đọc được cơ sở dữ liệu.";
		if (rc == 0)
			return "Không có kế hoạch này.";
	} else {
		if (*code == '\0')
			return "Chọn một kế hoạch, hoặc điền mã của kế hoạch "
			    "mới.";
		if (!dir_valid_code(code))
			return "Mã kế hoạch không có dấu cách hay dấu phẩy, dài "
			    "tối đa 63 byte.";
		if (*o->title == '\0')
			return "Kế hoạch mới cần có tên.";
		if ((rc = store_plan_get(c->ctx->store, code, &id)) == -1)
			return "Không đọc được cơ sở dữ liệu.";
		if (rc == 1)
			return "Đã có kế hoạch với mã này: chọn nó trong danh "
			    "sách.";
		o->plan = code;
	}
	if (*y != '\0') {
		if (strspn(y, "0123456789") != strlen(y) ||
		    (o->year = atoi(y)) < 1990 || o->year > 2100)
			return "Năm là một năm như 2026.";
	}
	if (*pol != '\0') {
		if (config_policy(c->ctx->conf, pol) == NULL)
			return "Không có chính sách nhắc này.";
		o->policy = pol;
	}
	if (o->year == 0 && o->title == NULL) {
		pp.code = o->plan;
		pp.year = 0;
		pp.b = NULL;
		pp.chosen = NULL;
		if (store_plan_list(c->ctx->store, plan_year_cb, &pp) == -1)
			return "Không đọc được cơ sở dữ liệu.";
		o->year = pp.year;
	}
	if (o->year == 0) {
		fmt_local(c->ctx->now, now, sizeof(now));
		o->year = atoi(now + 6);
	}
	o->skip_bad = web_form_raw(f, "skip_bad") != NULL &&
	    strcmp(web_form_raw(f, "skip_bad"), "1") == 0;
	return NULL;
}

/*
 * The rows of the table at PATH, shown as NAME: 0 and *N, or -1 with
 * ERR.  Read before the import so a table too big for the loop is
 * refused before any time is spent on it.
 */
static int
count_rows(const char *path, const char *data, size_t len, const char *name,
    int *n, char *err, size_t errlen)
{
	struct tbook book;
	struct tab_table tt;
	int rc;

	memset(&tt, 0, sizeof(tt));
	rc = data != NULL ? tabfile_read_mem(name, data, len, &book, err,
	    errlen) : tabfile_read(path, &book, err, errlen);
	if (rc == -1)
		return -1;
	if ((rc = tab_table_build(&book, 0, &tt, err, errlen)) == -1) {
		/* The reasons name no file. */
		char *m = xstrdup(err);

		snprintf(err, errlen, "%s: %s", name, m);
		free(m);
	}
	*n = tt.n;
	tab_table_free(&tt);
	tbook_free(&book);
	return rc;
}

/* MSG with every PATH in it shown as NAME (the server's paths stay). */
static void
show_name(char *msg, size_t len, const char *path, const char *name)
{
	char *p, *out;
	size_t pl = strlen(path);

	while ((p = strstr(msg, path)) != NULL) {
		if (asprintf(&out, "%.*s%s%s", (int)(p - msg), msg, name,
		    p + pl) == -1)
			return;
		snprintf(msg, len, "%s", out);
		free(out);
	}
}

/* A and B one after the other, PATH in them shown as NAME; a new string. */
static char *
shown(const char *a, const char *b, const char *path, const char *name)
{
	struct evbuffer *e = evbuffer_new();
	const char *parts[2] = { a, b }, *s, *p;
	char *out;
	size_t len;
	int i;

	if (e == NULL)
		return NULL;
	for (i = 0; i < 2; i++)
		for (s = parts[i]; s != NULL && *s != '\0'; s = p +
		    strlen(path)) {
			if ((p = strstr(s, path)) == NULL) {
				evbuffer_add(e, s, strlen(s));
				break;
			}
			evbuffer_add(e, s, p - s);
			evbuffer_add(e, name, strlen(name));
		}
	len = evbuffer_get_length(e);
	out = malloc(len + 1);
	if (out != NULL) {
		evbuffer_remove(e, out, len);
		out[len] = '\0';
	}
	evbuffer_free(e);
	return out;
}

/*
 * Runs the importer on PATH as the CLI does.  DRY: a dry run whose JSON
 * goes to *OUT (a new reference, or NULL when the table could not be
 * read at all); else the import, its report lines into OUTTEXT.  0, or
 * -1 with MSG (which may come with *OUT still set: the rows and why).
 */
static int
run_import(struct web_call *c, const struct imp_opts *o, const char *path,
    int dry, json_t **out, char **outtext, struct import_stats *st,
    char *msg, size_t msglen)
{
	struct store *s = c->ctx->store;
	struct plan_row pr;
	json_error_t je;
	char *obuf = NULL, *ebuf = NULL;
	size_t olen = 0, elen = 0;
	FILE *of, *ef;
	int64_t id;
	int rc, began = 0;

	*out = NULL;
	if ((of = open_memstream(&obuf, &olen)) == NULL ||
	    (ef = open_memstream(&ebuf, &elen)) == NULL) {
		if (of != NULL)
			fclose(of);
		free(obuf);
		snprintf(msg, msglen, "Hết bộ nhớ.");
		return -1;
	}
	memset(&pr, 0, sizeof(pr));
	pr.code = o->plan;
	pr.title = o->title;
	rc = 0;
	if (o->title != NULL && dry) {
		/* The new plan only for the dry run to read against. */
		if ((rc = store_begin(s)) == 0) {
			began = 1;
			rc = store_plan_add(s, &pr, c->ctx->now, &id);
		}
	} else if (o->title != NULL) {
		rc = dir_plan_add(s, &pr, c->ctx->now, &id, msg, msglen) == 0 ?
		    0 : -1;
		if (rc == -1) {
			fclose(of);
			fclose(ef);
			free(obuf);
			free(ebuf);
			return -1;
		}
	}
	if (rc == -1)
		snprintf(msg, msglen, "%s", store_error(s));
	else
		rc = import_tasks(s, c->ctx->conf, path, o->plan, o->year,
		    o->policy, dry, o->skip_bad, 0, dry, c->ctx->now, of, ef,
		    NULL, st, msg, msglen);
	if (began)
		store_rollback(s);
	/*
	 * The importer widens the cache for one big transaction, as suits
	 * the CLI's short process; the daemon's connection lives on, so it
	 * gets SQLite's default (2000 KiB) back.
	 */
	if (!dry)
		(void)store_cache_kib(s, 2000);
	fclose(of);
	fclose(ef);
	if (dry && olen > 0)
		*out = json_loadb(obuf, olen, 0, &je);
	if (outtext != NULL)
		*outtext = shown(obuf, ebuf, path, o->name);
	free(obuf);
	free(ebuf);
	if (rc == -1)
		show_name(msg, msglen, path, o->name);
	return rc;
}

static void
hidden(struct evbuffer *b, const char *name, const char *value)
{
	evbuffer_add_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"",
	    name);
	web_esc(b, value != NULL ? value : "");
	evbuffer_add_printf(b, "\">");
}

/* The dry run's page: summary, table, and the form to import. */
static void
dry_page(struct web_call *c, const struct imp_opts *o, const char *sha,
    json_t *res, const char *error)
{
	struct evbuffer *b = evbuffer_new();
	json_t *sum = json_object_get(res, "summary");
	char year[8];
	long long notu;

	if (b == NULL)
		return;
	web_page_begin(b, "Đọc thử", c->who);
	evbuffer_add_printf(b, "<h1>Đọc thử: ");
	web_esc(b, o->name);
	evbuffer_add_printf(b, "</h1><p class=\"muted\">Kế hoạch ");
	web_esc(b, o->plan);
	if (o->title != NULL) {
		evbuffer_add_printf(b, " (mới: ");
		web_esc(b, o->title);
		evbuffer_add_printf(b, ")");
	}
	evbuffer_add_printf(b, ", năm %d. Chưa ghi gì vào cơ sở dữ liệu."
	    "</p>", o->year);
	if (error != NULL) {
		evbuffer_add_printf(b, "<p class=\"err\" id=\"error\">");
		web_esc(b, error);
		evbuffer_add_printf(b, "</p>");
	}
	notu = json_integer_value(json_object_get(sum, "not_understood"));
	evbuffer_add_printf(b, "<div class=\"card\" id=\"summary\"><ul>"
	    "<li><b>%lld</b> dòng nhiệm vụ</li>"
	    "<li><b>%lld</b> nhiệm vụ sẽ thêm (mỗi cơ quan chủ trì một "
	    "nhiệm vụ)</li><li><b>%lld</b> đã nhập trước đây</li>"
	    "<li%s><b>%lld</b> dòng hiểu chưa chắc chắn</li>"
	    "<li%s><b>%lld</b> dòng không hiểu</li></ul>",
	    (long long)json_integer_value(json_object_get(sum, "task_rows")),
	    (long long)json_integer_value(json_object_get(sum, "to_add")),
	    (long long)json_integer_value(json_object_get(sum,
	    "already_imported")),
	    json_integer_value(json_object_get(sum, "ambiguous")) > 0 ?
	    " class=\"warn\"" : "",
	    (long long)json_integer_value(json_object_get(sum, "ambiguous")),
	    notu > 0 ? " class=\"late\"" : "", notu);
	web_form_open(b, c->who, "/w/import/confirm", 0);
	hidden(b, "sha", sha);
	hidden(b, "name", o->name);
	if (o->title != NULL) {
		hidden(b, "plan", "");
		hidden(b, "code", o->plan);
		hidden(b, "title", o->title);
	} else
		hidden(b, "plan", o->plan);
	snprintf(year, sizeof(year), "%d", o->year);
	hidden(b, "year", year);
	hidden(b, "policy", o->policy);
	if (notu > 0)
		evbuffer_add_printf(b, "<label class=\"check\"><input "
		    "type=\"checkbox\" name=\"skip_bad\" value=\"1\" "
		    "id=\"skip_bad\"> Bỏ qua %lld dòng không hiểu, chỉ nhập "
		    "các dòng đọc được</label>", notu);
	evbuffer_add_printf(b, "<button id=\"confirm\">Nhập</button> "
	    "<a class=\"button secondary\" href=\"/w/import\">Chọn tệp khác"
	    "</a></form></div>");
	web_dry_table(b, json_object_get(res, "rows"));
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}

void
page_import_dry(struct web_call *c)
{
	const struct web_upload *u = web_upload_file(c, "file");
	struct import_stats st;
	struct imp_opts o;
	const char *why;
	char sha[BLOB_HEX], path[4096], msg[1024];
	json_t *res = NULL;
	int n, rc;

	if ((why = read_opts(c, &o)) != NULL) {
		import_page(c, 400, why);
		return;
	}
	if (u == NULL || u->len == 0) {
		import_page(c, 400, "Chưa chọn tệp, hoặc tệp rỗng.");
		return;
	}
	o.name = u->name;
	if (!name_ok(u->name)) {
		import_page(c, 415, "Chỉ nhận tệp .docx, .xlsx, .csv hoặc "
		    ".tsv.");
		return;
	}
	if (count_rows(NULL, u->data, u->len, u->name, &n, msg,
	    sizeof(msg)) == -1) {
		import_page(c, 400, msg);
		return;
	}
	if (n > WEB_IMPORT_MAX_ROWS) {
		snprintf(msg, sizeof(msg), "%s có %d dòng, quá %d dòng mà trang "
		    "web nhận: xin nhập bằng lệnh nhacviec import tasks.",
		    u->name, n, WEB_IMPORT_MAX_ROWS);
		import_page(c, 413, msg);
		return;
	}
	if (blob_put(c->ctx->state_dir, u->data, u->len, sha) == -1 ||
	    blob_path(c->ctx->state_dir, sha, path, sizeof(path)) == -1) {
		log_warn("web import: keeping %s", u->name);
		import_page(c, 500, "Không lưu được tệp trên máy chủ.");
		return;
	}
	if ((rc = run_import(c, &o, path, 1, &res, NULL, &st, msg,
	    sizeof(msg))) == -1 && res == NULL) {
		import_page(c, 400, msg);
		return;
	}
	if (rc == -1 && st.bad > 0)
		snprintf(msg, sizeof(msg), "%d dòng trong số %d không hiểu: "
		    "xem cột “Vấn đề” bên dưới.", st.bad, st.rows);
	dry_page(c, &o, sha, res, rc == -1 ? msg : NULL);
	json_decref(res);
}

void
page_import_confirm(struct web_call *c)
{
	struct import_stats st;
	struct imp_opts o;
	struct evbuffer *b;
	struct stat sb;
	const char *why, *sha, *name;
	char path[4096], msg[1024], detail[1024], actor[160], *text = NULL;
	json_t *unused;
	int n, rc;

	if ((why = read_opts(c, &o)) != NULL) {
		import_page(c, 400, why);
		return;
	}
	sha = web_form_raw(&c->form, "sha");
	if ((name = web_form_text(&c->form, "name", "Tên tệp", 255, 1, 0)) ==
	    NULL || blob_path(c->ctx->state_dir, sha, path, sizeof(path)) ==
	    -1 || stat(path, &sb) == -1) {
		import_page(c, 400, "Không còn tệp đã đọc thử: xin gửi lại "
		    "tệp.");
		return;
	}
	o.name = name;
	if (count_rows(path, NULL, 0, name, &n, msg, sizeof(msg)) == -1 ||
	    n > WEB_IMPORT_MAX_ROWS) {
		import_page(c, n > WEB_IMPORT_MAX_ROWS ? 413 : 400,
		    n > WEB_IMPORT_MAX_ROWS ? "Bảng quá lớn cho trang web: "
		    "xin nhập bằng lệnh nhacviec import tasks." : msg);
		return;
	}
	/*
	 * A new plan is added before its tasks, in a transaction of its
	 * own: read the table against it first, so that a table that will
	 * not import leaves no empty plan behind.
	 */
	rc = 0;
	if (o.title != NULL) {
		rc = run_import(c, &o, path, 1, &unused, NULL, &st, msg,
		    sizeof(msg));
		json_decref(unused);
	}
	if (rc == 0)
		rc = run_import(c, &o, path, 0, &unused, &text, &st, msg,
		    sizeof(msg));
	websess_actor(c->who, actor, sizeof(actor));
	if (rc == 0) {
		snprintf(detail, sizeof(detail), "plan %s: %s (sha256 %s): "
		    "%d added, %d updated from %d row(s)%s", o.plan, name, sha,
		    st.added, st.updated, st.rows, st.bad ? ", bad rows "
		    "skipped" : "");
		if (store_event_by(c->ctx->store, EV_WEB_IMPORT, 0, actor,
		    detail, c->ctx->now) == -1)
			log_warnx("web import: audit: %s",
			    store_error(c->ctx->store));
		c->ctx->flags |= WEB_WAKE;
	}
	if ((b = evbuffer_new()) == NULL) {
		free(text);
		return;
	}
	web_page_begin(b, "Nhập kế hoạch", c->who);
	evbuffer_add_printf(b, "<h1>Nhập kế hoạch: ");
	web_esc(b, name);
	evbuffer_add_printf(b, "</h1>");
	if (rc == -1) {
		evbuffer_add_printf(b, "<p class=\"err\" id=\"error\">Chưa nhập "
		    "gì: ");
		web_esc(b, msg);
		evbuffer_add_printf(b, "</p>");
		if (st.bad > 0 && !o.skip_bad)
			evbuffer_add_printf(b, "<p>Để chỉ nhập các dòng đọc "
			    "được, đọc thử lại và đánh dấu ô “Bỏ qua”.</p>");
	} else {
		evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">Đã nhập "
		    "vào kế hoạch ");
		web_esc(b, o.plan);
		evbuffer_add_printf(b, ": <b>%d</b> nhiệm vụ mới, <b>%d</b> "
		    "cập nhật, từ %d dòng%s.</p>", st.added, st.updated,
		    st.rows, st.bad ? "; các dòng không hiểu đã bỏ qua" : "");
	}
	if (text != NULL && *text != '\0') {
		evbuffer_add_printf(b, "<div class=\"card\"><h2>Chi tiết</h2>"
		    "<pre class=\"log\">");
		web_esc(b, text);
		evbuffer_add_printf(b, "</pre></div>");
	}
	evbuffer_add_printf(b, "<p><a href=\"/w/import\">Nhập tệp khác</a>"
	    "</p>");
	web_page_end(c->resp, b, rc == 0 ? 200 : 400);
	evbuffer_free(b);
	free(text);
}
