/*
 * webupload.c: multipart/form-data bodies (RFC 7578 over RFC 2046), the
 * forms that carry files.  Debian ships no C library for this, so it is
 * read here, strictly: the body must start with the first delimiter (no
 * preamble, which browsers never send), every line ends with CRLF, a
 * part's headers are bounded and unfolded, its Content-Disposition is
 * form-data with a name, and the close delimiter ends the body (an
 * optional CRLF after it, nothing more).  Text fields become the call's
 * form (valid UTF-8, no control characters but line feeds, no field
 * twice: the CSRF field among them is checked by web.c afterwards);
 * files point into the request's body and keep only the last segment of
 * the name the browser sent.  Anything malformed is a 400, anything over
 * a bound a 413, and the page never runs.
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/keyvalq_struct.h>
#include <unistr.h>

#include "safetext.h"
#include "webhtml.h"
#include "webupload.h"
#include "xmalloc.h"

#define MAX_BOUNDARY	70		/* RFC 2046 */
#define MAX_PARTS	32
#define MAX_PART_HDR	2048		/* one part's header bytes */
#define MAX_FIELD	8192		/* one text field's bytes */

struct mp_err {
	int		 code;		/* 400 or 413 */
	char		 text[256];
};

/* One part's Content-Disposition. */
struct mp_disp {
	char		 name[64];
	char		 file[256];
	int		 has_file;	/* filename or filename* given */
	int		 has_star;	/* filename* given: it wins */
};

static int
mp_fail(struct mp_err *e, int code, const char *text)
{
	e->code = code;
	snprintf(e->text, sizeof(e->text), "%s", text);
	return -1;
}

/* Whether C may be in a boundary (RFC 2046 bchars). */
static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL;
}

/* Whether C is an RFC 9110 token character. */
static int
tchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' &&
	    strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const char *
skip_ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * Reads a parameter list "; name=value; ..." from S to END, calling FN
 * for each with the value unquoted into VAL.  A quoted-string takes no
 * backslash escapes: browsers send a file's "\" as itself (a Windows
 * path) and escape a quote as %22, so a backslash is a character and a
 * quote inside the value ends it.
 */
static int
mp_params(const char *s, const char *end, struct mp_err *e,
    int (*fn)(void *, const char *, size_t, const char *, size_t,
    struct mp_err *), void *arg)
{
	const char *n, *v;
	size_t nlen, vlen;

	for (;;) {
		s = skip_ows(s, end);
		if (s == end)
			return 0;
		if (*s++ != ';')
			return mp_fail(e, 400, "Tham số của tiêu đề không "
			    "đọc được.");
		s = skip_ows(s, end);
		for (n = s; s < end && tchar((unsigned char)*s); s++)
			;
		if ((nlen = s - n) == 0 || s == end || *s++ != '=')
			return mp_fail(e, 400, "Tham số của tiêu đề không "
			    "đọc được.");
		if (s < end && *s == '"') {
			for (v = ++s; s < end && *s != '"'; s++)
				if ((unsigned char)*s < 0x20 || *s == 0x7f)
					return mp_fail(e, 400, "Tham số của "
					    "tiêu đề có ký tự điều khiển.");
			if (s == end)
				return mp_fail(e, 400, "Tham số của tiêu đề "
				    "thiếu dấu ngoặc kép đóng.");
			vlen = s++ - v;
		} else {
			for (v = s; s < end && tchar((unsigned char)*s); s++)
				;
			if ((vlen = s - v) == 0)
				return mp_fail(e, 400, "Tham số của tiêu đề "
				    "không có giá trị.");
		}
		if (fn(arg, n, nlen, v, vlen, e) == -1)
			return -1;
	}
}

static int
ct_param(void *arg, const char *n, size_t nlen, const char *v, size_t vlen,
    struct mp_err *e)
{
	char *b = arg;
	size_t i;

	if (nlen != 8 || strncasecmp(n, "boundary", 8) != 0)
		return 0;
	if (b[0] != '\0')
		return mp_fail(e, 400, "Ranh giới multipart có hai lần.");
	if (vlen < 1 || vlen > MAX_BOUNDARY || v[vlen - 1] == ' ')
		return mp_fail(e, 400, "Ranh giới multipart không đúng độ "
		    "dài (1–70 ký tự).");
	for (i = 0; i < vlen; i++)
		if (!bchar((unsigned char)v[i]))
			return mp_fail(e, 400, "Ranh giới multipart có ký tự "
			    "không được phép.");
	memcpy(b, v, vlen);
	b[vlen] = '\0';
	return 0;
}

/* The boundary of Content-Type CT into B (MAX_BOUNDARY + 1). */
static int
mp_boundary(const char *ct, char *b, struct mp_err *e)
{
	const char *end = ct + strlen(ct);

	b[0] = '\0';
	if (strncasecmp(ct, "multipart/form-data", 19) != 0)
		return mp_fail(e, 400, "Không phải multipart/form-data.");
	if (mp_params(ct + 19, end, e, ct_param, b) == -1)
		return -1;
	if (b[0] == '\0')
		return mp_fail(e, 400, "Thiếu ranh giới multipart.");
	return 0;
}

/* Whether S (LEN bytes) is UTF-8 without control characters. */
static int
mp_text_ok(const char *s, size_t len, int allow_lf)
{
	char *z;
	int ok;

	if (memchr(s, '\0', len) != NULL ||
	    u8_check((const uint8_t *)s, len) != NULL)
		return 0;
	z = xmalloc(len + 1);
	memcpy(z, s, len);
	z[len] = '\0';
	ok = !text_has_control(z, allow_lf);
	free(z);
	return ok;
}

/* Decodes RFC 5987's ext-value "UTF-8'lang'pct-encoded" into OUT. */
static int
mp_ext_value(const char *v, size_t vlen, char *out, size_t outsz,
    struct mp_err *e)
{
	const char *end = v + vlen, *q;
	size_t o = 0;
	int hi, lo;

	if (vlen < 7 || strncasecmp(v, "UTF-8'", 6) != 0)
		return mp_fail(e, 400, "Tên tệp (filename*) không phải "
		    "UTF-8.");
	if ((q = memchr(v + 6, '\'', vlen - 6)) == NULL)
		return mp_fail(e, 400, "Tên tệp (filename*) không đọc "
		    "được.");
	for (q++; q < end; q++) {
		if (o + 1 >= outsz)
			return mp_fail(e, 413, "Tên tệp dài quá 255 byte.");
		if (*q != '%') {
			/* attr-char: a token character but * ' %. */
			if (!tchar((unsigned char)*q) || *q == '*' ||
			    *q == '\'')
				return mp_fail(e, 400, "Tên tệp (filename*) "
				    "có ký tự không được phép.");
			out[o++] = *q;
			continue;
		}
		if (end - q < 3 || (hi = hexval(q[1])) == -1 ||
		    (lo = hexval(q[2])) == -1)
			return mp_fail(e, 400, "Tên tệp (filename*) có mã "
			    "%XX không đọc được.");
		out[o++] = (char)(hi << 4 | lo);
		q += 2;
	}
	out[o] = '\0';
	return 0;
}

static int
cd_param(void *arg, const char *n, size_t nlen, const char *v, size_t vlen,
    struct mp_err *e)
{
	struct mp_disp *d = arg;

	if (nlen == 4 && strncasecmp(n, "name", 4) == 0) {
		if (d->name[0] != '\0')
			return mp_fail(e, 400, "Phần có tên hai lần.");
		if (vlen == 0)
			return mp_fail(e, 400, "Phần có tên rỗng.");
		if (vlen >= sizeof(d->name))
			return mp_fail(e, 413, "Tên trường dài quá 63 byte.");
		memcpy(d->name, v, vlen);
		d->name[vlen] = '\0';
		return 0;
	}
	if (nlen == 9 && strncasecmp(n, "filename*", 9) == 0) {
		if (d->has_star)
			return mp_fail(e, 400, "Tên tệp có hai lần.");
		if (mp_ext_value(v, vlen, d->file, sizeof(d->file), e) == -1)
			return -1;
		d->has_file = d->has_star = 1;
		return 0;
	}
	if (nlen == 8 && strncasecmp(n, "filename", 8) == 0) {
		if (d->has_file && !d->has_star)
			return mp_fail(e, 400, "Tên tệp có hai lần.");
		if (vlen >= sizeof(d->file))
			return mp_fail(e, 413, "Tên tệp dài quá 255 byte.");
		d->has_file = 1;
		if (!d->has_star) {
			memcpy(d->file, v, vlen);
			d->file[vlen] = '\0';
		}
		return 0;
	}
	return 0;			/* other parameters: not ours */
}

/*
 * The name a browser sent, checked, cut to its last path segment (old
 * browsers send "C:\...\plan.docx").  "" stays "" (no file chosen).
 */
static int
mp_file_name(char *f, struct mp_err *e)
{
	char *last;
	size_t len;

	if (!mp_text_ok(f, strlen(f), 0))
		return mp_fail(e, 400, "Tên tệp không phải văn bản UTF-8 "
		    "hoặc có ký tự điều khiển.");
	if (f[0] == '\0')
		return 0;
	last = f + strlen(f);
	while (last > f && last[-1] != '/' && last[-1] != '\\')
		last--;
	len = strlen(last);
	memmove(f, last, len + 1);
	if (len == 0 || strcmp(f, ".") == 0 || strcmp(f, "..") == 0)
		return mp_fail(e, 400, "Tên tệp không có tên, chỉ có đường "
		    "dẫn.");
	return 0;
}

/* Reads one part's headers at P (up to END) into D; P moves past them. */
static int
mp_headers(const char **pp, const char *end, struct mp_disp *d,
    struct mp_err *e)
{
	const char *p = *pp, *start = *pp, *eol, *colon, *v;
	int seen_cd = 0;

	memset(d, 0, sizeof(*d));
	/* Look no further than the bound for the end of a line. */
	if (end - start > MAX_PART_HDR + 2)
		end = start + MAX_PART_HDR + 2;
	for (;;) {
		eol = memmem(p, end - p, "\r\n", 2);
		if (eol == NULL || eol - start > MAX_PART_HDR) {
			if (end - start > MAX_PART_HDR)
				return mp_fail(e, 413, "Tiêu đề của một phần "
				    "dài quá.");
			return mp_fail(e, 400, "Tiêu đề của một phần không "
			    "kết thúc.");
		}
		if (eol == p)
			break;
		if (*p == ' ' || *p == '\t')
			return mp_fail(e, 400, "Tiêu đề gấp dòng không được "
			    "nhận.");
		for (colon = p; colon < eol && tchar((unsigned char)*colon);
		    colon++)
			;
		if (colon == p || colon == eol || *colon != ':')
			return mp_fail(e, 400, "Tiêu đề của một phần không "
			    "đọc được.");
		for (v = colon + 1; v < eol; v++)
			if (((unsigned char)*v < 0x20 && *v != '\t') ||
			    *v == 0x7f)
				return mp_fail(e, 400, "Tiêu đề của một phần "
				    "có ký tự điều khiển.");
		v = skip_ows(colon + 1, eol);
		if (colon - p == 19 &&
		    strncasecmp(p, "Content-Disposition", 19) == 0) {
			if (seen_cd++)
				return mp_fail(e, 400, "Content-Disposition "
				    "có hai lần.");
			if (eol - v < 9 || strncasecmp(v, "form-data", 9) != 0
			    || (eol - v > 9 && v[9] != ';' && v[9] != ' ' &&
			    v[9] != '\t'))
				return mp_fail(e, 400, "Phần không phải "
				    "form-data.");
			if (mp_params(v + 9, eol, e, cd_param, d) == -1)
				return -1;
		} else if (colon - p == 25 &&
		    strncasecmp(p, "Content-Transfer-Encoding", 25) == 0) {
			/* RFC 7578 4.7: only the identity encodings. */
			size_t n = eol - v;

			while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			if (!((n == 6 && strncasecmp(v, "binary", 6) == 0) ||
			    (n == 4 && strncasecmp(v, "8bit", 4) == 0) ||
			    (n == 4 && strncasecmp(v, "7bit", 4) == 0)))
				return mp_fail(e, 400, "Mã hoá truyền tải của "
				    "phần không được nhận.");
		}
		p = eol + 2;
	}
	if (!seen_cd || d->name[0] == '\0')
		return mp_fail(e, 400, "Phần thiếu Content-Disposition với "
		    "tên trường.");
	if (!mp_text_ok(d->name, strlen(d->name), 0))
		return mp_fail(e, 400, "Tên trường không phải văn bản UTF-8 "
		    "hoặc có ký tự điều khiển.");
	if (d->has_file && mp_file_name(d->file, e) == -1)
		return -1;
	*pp = eol + 2;
	return 0;
}

/* Adds a text field to FORM, CRLF made LF; refuses one sent twice. */
static int
mp_field(struct web_form *form, const char *name, const char *v,
    size_t len, struct mp_err *e)
{
	struct evkeyval *kv;
	char *val;
	size_t i, o;

	if (len > MAX_FIELD)
		return mp_fail(e, 413, "Một trường của biểu mẫu dài quá.");
	if (web_form_raw(form, name) != NULL)
		return mp_fail(e, 400, "Một trường của biểu mẫu có hai lần.");
	val = xmalloc(len + 1);
	for (i = o = 0; i < len; i++)
		if (!(v[i] == '\r' && i + 1 < len && v[i + 1] == '\n'))
			val[o++] = v[i];
	val[o] = '\0';
	if (!mp_text_ok(val, o, 1)) {
		free(val);
		return mp_fail(e, 400, "Một trường của biểu mẫu không phải "
		    "văn bản UTF-8 hoặc có ký tự điều khiển.");
	}
	/* As libevent's own parser stores them: evhttp_clear_headers frees. */
	kv = xcalloc(1, sizeof(*kv));
	kv->key = xstrdup(name);
	kv->value = val;
	TAILQ_INSERT_TAIL(&form->q, kv, next);
	return 0;
}

static int
mp_parse(struct web_call *c, const char *ct, struct mp_err *e)
{
	const char *body = c->req->body, *end = body + c->req->bodylen;
	const char *p, *next;
	char b[MAX_BOUNDARY + 1], delim[MAX_BOUNDARY + 5];
	struct mp_disp d;
	struct web_upload *u;
	size_t dlen;
	int nparts = 0;

	if (mp_boundary(ct, b, e) == -1)
		return -1;
	/* Every delimiter but the first is preceded by CRLF. */
	dlen = snprintf(delim, sizeof(delim), "\r\n--%s", b);
	if ((size_t)(end - body) < dlen - 2 ||
	    memcmp(body, delim + 2, dlen - 2) != 0)
		return mp_fail(e, 400, "Nội dung không bắt đầu bằng ranh "
		    "giới multipart.");
	p = body + dlen - 2;
	for (;;) {
		/* After a delimiter: "--" closes, CRLF opens a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			p += 2;
			if (p == end || (end - p == 2 && p[0] == '\r' &&
			    p[1] == '\n'))
				return 0;
			return mp_fail(e, 400, "Có dữ liệu sau ranh giới "
			    "cuối.");
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return mp_fail(e, 400, "Ranh giới multipart không "
			    "kết thúc bằng CRLF.");
		p += 2;
		if (++nparts > MAX_PARTS)
			return mp_fail(e, 413, "Biểu mẫu có quá nhiều phần.");
		if (mp_headers(&p, end, &d, e) == -1)
			return -1;
		if ((next = memmem(p, end - p, delim, dlen)) == NULL)
			return mp_fail(e, 400, "Thiếu ranh giới cuối của "
			    "biểu mẫu.");
		if (!d.has_file) {
			if (mp_field(&c->form, d.name, p, next - p, e) == -1)
				return -1;
		} else if (d.file[0] != '\0' || next != p) {
			/* A file input left empty sends filename="". */
			if (d.file[0] == '\0')
				return mp_fail(e, 400, "Tệp gửi lên không có "
				    "tên.");
			if (c->nfiles >= WEB_UPLOAD_MAX_FILES)
				return mp_fail(e, 413, "Gửi quá nhiều tệp một "
				    "lần.");
			if (c->files == NULL)
				c->files = xcalloc(WEB_UPLOAD_MAX_FILES,
				    sizeof(*c->files));
			u = &c->files[c->nfiles++];
			snprintf(u->field, sizeof(u->field), "%s", d.name);
			snprintf(u->name, sizeof(u->name), "%s", d.file);
			u->data = p;
			u->len = next - p;
		}
		p = next + dlen;
	}
}

int
web_upload_parse(struct web_call *c, const char *ct)
{
	struct mp_err e;

	if (mp_parse(c, ct, &e) == 0)
		return 0;
	web_form_free(&c->form);
	web_upload_free(c);
	web_message(c->resp, c->who, e.code, e.code == 413 ?
	    "Gửi lên quá lớn" : "Không nhận được", e.text);
	return -1;
}

const struct web_upload *
web_upload_file(const struct web_call *c, const char *field)
{
	int i;

	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].field, field) == 0)
			return &c->files[i];
	return NULL;
}

void
web_upload_free(struct web_call *c)
{
	free(c->files);
	c->files = NULL;
	c->nfiles = 0;
}
