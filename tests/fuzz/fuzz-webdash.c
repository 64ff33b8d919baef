/*
 * fuzz-webdash.c: libFuzzer target for the tracking office's pages,
 * signed in: the dashboard's filters, the plan, agency, task and request
 * pages, and the office's forms (done, extend, cancel, re-send, approve,
 * decline, personal links), on a real SQLite file with a small directory
 * and plan.  The input's first byte picks the session (office, viewer
 * or an agency's contact); then METHOD\nPATH\nQUERY\nBODY, the method
 * by its first character ('0' GET, '1' POST, '2' HEAD).  Every answer
 * must be one of the pages' codes, split no header and echo nothing of
 * the input unescaped; a viewer's or an agency's POST must never be
 * anything but refused.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <openssl/evp.h>

#include "config.h"
#include "store.h"
#include "store-web.h"
#include "tztime.h"
#include "web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CSRF	"cccccccccccccccccccccccccccccccc"
#define NOW	1773100000	/* March 2026 */

static struct store *st;
static struct config *conf;
static char cookies[3][96];

struct hdrs {
	const char	*cookie;
};

static const char *
get_header(const void *arg, const char *name)
{
	const struct hdrs *h = arg;

	if (strcasecmp(name, "Cookie") == 0)
		return h->cookie;
	if (strcasecmp(name, "Content-Type") == 0)
		return "application/x-www-form-urlencoded";
	return NULL;
}

/* A session for USER or CONTACT whose cookie is "nv_session=VALUE". */
static void
session(int i, const char *value, int64_t user, int64_t contact)
{
	unsigned char md[32];
	unsigned int n;
	char id[65];
	int k;

	EVP_Digest(value, strlen(value), md, &n, EVP_sha256(), NULL);
	for (k = 0; k < 32; k++)
		snprintf(id + 2 * k, 3, "%02x", md[k]);
	if (store_wsess_add(st, id, user, contact, contact ? 1 : 0, CSRF,
	    "192.0.2.1", NOW, NOW + 86400) == -1)
		abort();
	snprintf(cookies[i], sizeof(cookies[i]), "nv_session=%s", value);
}

static void
init(void)
{
	struct contact_row c;
	struct plan_row p;
	struct new_task nt;
	char path[64], err[256], ack[8];
	const char *g[] = { "so-nganh" };
	int64_t snv, stttt, plan, office, viewer, contact, task, occ;
	int fd, i;

	if (tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)) == -1)
		abort();
	snprintf(path, sizeof(path), "/tmp/nv-fuzz-webdash.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	if ((st = store_open(path, 0, err, sizeof(err))) == NULL)
		abort();
	unlink(path);
	conf = config_default();
	conf->public_url = strdup("https://nhacviec.example.gov.vn");
	conf->ack_key = strdup("0123456789abcdef0123456789abcdef");
	if (store_agency_add(st, "SNV", "Sở Nội vụ", NULL, g, 1, 1,
	    &snv) == -1 || store_agency_add(st, "STTTT", "Sở TTTT", NULL, g, 1,
	    1, &stttt) == -1)
		abort();
	memset(&c, 0, sizeof(c));
	c.agency_id = snv;
	c.name = "Giám đốc";
	c.role = "head";
	c.phone = "+84912000002";
	c.active = 1;
	if (store_contact_add(st, &c, 1, &contact) == -1)
		abort();
	memset(&p, 0, sizeof(p));
	p.code = "285/KH-UBND";
	p.title = "Kế hoạch";
	if (store_plan_add(st, &p, 1, &plan) == -1)
		abort();
	for (i = 0; i < 4; i++) {
		memset(&nt, 0, sizeof(nt));
		nt.plan_id = plan;
		nt.title = "Nhiệm vụ";
		nt.lead_id = i % 2 ? stttt : snv;
		nt.policy = "default";
		if (store_task_add(st, &nt, 1, &task) == -1)
			abort();
		snprintf(ack, sizeof(ack), "AK%d", i);
		if (store_occ_add(st, task, NOW + (i - 2) * 86400, ack, 1,
		    &occ) == -1 || store_job_add(st, occ, JOB_REMINDER, 1,
		    "lead", NOW + (i - 3) * 86400) == -1)
			abort();
	}
	if (store_wuser_add(st, "lan", WR_OFFICE, 0, NULL, 1, &office) == -1 ||
	    store_wuser_add(st, "xem", WR_VIEWER, 0, NULL, 1, &viewer) == -1)
		abort();
	/* Cookies are 64 hex digits. */
	session(0, "0ff1ce0000000000000000000000000000000000000000000000000000"
	    "000000", office, 0);
	session(1, "0e1e0e0000000000000000000000000000000000000000000000000000"
	    "000000", viewer, 0);
	session(2, "a9e0c10000000000000000000000000000000000000000000000000000"
	    "000000", 0, contact);
}

static char *
next_line(char **in)
{
	char *s = *in, *nl;

	if (s == NULL)
		return NULL;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		*in = nl + 1;
	} else
		*in = NULL;
	return s;
}

/*
 * Whether a tag of BODY holds an event handler: an outside text that
 * reached the HTML raw.  Escaped text may say "onload=" harmlessly (an
 * error page quotes the field it refused), so only inside <...> counts.
 */
static int
handler_in_tag(const char *body)
{
	const char *lt, *gt;
	char tag[1024];
	size_t n;

	for (lt = strchr(body, '<'); lt != NULL; lt = strchr(gt, '<')) {
		if ((gt = strchr(lt, '>')) == NULL)
			return 0;
		n = (size_t)(gt - lt) < sizeof(tag) - 1 ? (size_t)(gt - lt) :
		    sizeof(tag) - 1;
		memcpy(tag, lt, n);
		tag[n] = '\0';
		if (strcasestr(tag, " onload=") != NULL ||
		    strcasestr(tag, " onerror=") != NULL ||
		    strcasestr(tag, " onclick=") != NULL)
			return 1;
	}
	return 0;
}

static void
check(struct web_resp *r, int who, const char *method)
{
	static const int codes[] = { 200, 303, 400, 401, 403, 404, 405, 409,
	    410, 413, 415, 429, 503 };
	size_t i, n = evbuffer_get_length(r->hdrs), bl;
	char *p, *end, *body;
	int known = 0;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		known |= r->code == codes[i];
	if (!known)
		abort();
	/* Only the office changes anything (signing out aside). */
	if (who != 0 && strcmp(method, "POST") == 0 && r->code == 303) {
		p = (char *)evbuffer_pullup(r->hdrs, -1);
		for (end = p + n; p < end; p += strlen(p) + 1)
			if (strcmp(p, "Location") == 0 &&
			    strcmp(p + strlen(p) + 1, "/w/login") != 0 &&
			    strcmp(p + strlen(p) + 1, "/w/") != 0)
				abort();
	}
	p = (char *)evbuffer_pullup(r->hdrs, -1);
	for (end = p + n; p != NULL && p < end; p += strlen(p) + 1)
		if (strpbrk(p, "\r\n") != NULL)
			abort();
	bl = evbuffer_get_length(r->body);
	body = malloc(bl + 1);
	evbuffer_copyout(r->body, body, bl);
	body[bl] = '\0';
	if (strlen(body) != bl || strcasestr(body, "<script") != NULL ||
	    handler_in_tag(body))
		abort();
	free(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "HEAD" };
	struct web_ctx ctx;
	struct web_req req;
	struct web_resp resp;
	struct hdrs h;
	char *buf, *in, *m, *path, *query;
	int who;

	if (st == NULL)
		init();
	if (size < 2 || size > 8192)
		return 0;
	who = data[0] % 3;
	buf = malloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	in = buf;
	m = next_line(&in);
	path = next_line(&in);
	query = next_line(&in);
	if (m == NULL || path == NULL || strncmp(path, "/w/", 3) != 0) {
		free(buf);
		return 0;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.store = st;
	ctx.conf = conf;
	ctx.state_dir = "/nonexistent";
	ctx.now = NOW;
	memset(&req, 0, sizeof(req));
	req.method = methods[(unsigned char)m[0] % 3];
	req.path = path;
	req.query = query != NULL && *query != '\0' ? query : NULL;
	req.peer = "192.0.2.1";
	h.cookie = cookies[who];
	req.header = get_header;
	req.hctx = &h;
	req.body = in != NULL ? in : "";
	req.bodylen = strlen(req.body);
	resp.code = 0;
	resp.reason = NULL;
	resp.hdrs = evbuffer_new();
	resp.body = evbuffer_new();
	web_handle(&ctx, &req, &resp);
	check(&resp, who, req.method);
	evbuffer_free(resp.hdrs);
	evbuffer_free(resp.body);
	free(buf);
	return 0;
}
