/*
 * webfiletype.c: a file's type by its content (webfiletype.h).
 *
 * libmagic names the family; a PDF must also begin with its header.  A
 * DOCX or XLSX is a ZIP archive whatever libmagic calls it, so its
 * [Content_Types].xml is read (streamed, no DTD, through ooxml.c) for
 * the content type of its main part: a macro-enabled document or a
 * template declares another one and is refused, as is any archive
 * that carries a VBA project.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <magic.h>

#include "log.h"
#include "ooxml.h"
#include "webfiletype.h"

#define MIME_DOCX "application/vnd.openxmlformats-officedocument." \
	"wordprocessingml.document"
#define MIME_XLSX "application/vnd.openxmlformats-officedocument." \
	"spreadsheetml.sheet"

static const struct ftype {
	const char	*mime;
	const char	*label;
	const char	*exts;		/* ".a.b." */
} types[] = {
	{ "application/pdf",	"PDF",		".pdf." },
	{ MIME_DOCX,		"Word (DOCX)",	".docx." },
	{ MIME_XLSX,		"Excel (XLSX)",	".xlsx." },
	{ "image/jpeg",		"ảnh JPEG",	".jpg.jpeg." },
	{ "image/png",		"ảnh PNG",	".png." },
};

static magic_t cookie;

/* libmagic's MIME type of DATA, or NULL when it cannot say. */
static const char *
magic_type(const char *data, size_t len)
{
	if (cookie == NULL) {
		if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) ==
		    NULL)
			return NULL;
		if (magic_load(cookie, NULL) == -1) {
			log_warnx("web: cannot load the magic database: %s",
			    magic_error(cookie));
			magic_close(cookie);
			cookie = NULL;
			return NULL;
		}
	}
	return magic_buffer(cookie, data, len);
}

/* The content type [Content_Types].xml gives the main part, or "". */
static void
ooxml_main(struct ooxml *o, char *out, size_t len)
{
	static const char *const mains[] = { "/word/document.xml",
	    "/xl/workbook.xml" };
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	char err[200], *part, *ct;
	size_t i;

	out[0] = '\0';
	if ((p = ooxml_part_open(o, "[Content_Types].xml", err,
	    sizeof(err))) == NULL)
		return;
	r = ooxml_part_reader(p);
	while (ooxml_part_next(p, err, sizeof(err)) == 1) {
		if (!ooxml_is_start(r, "Override"))
			continue;
		part = ooxml_attr(r, "PartName");
		ct = ooxml_attr(r, "ContentType");
		for (i = 0; part != NULL && ct != NULL &&
		    i < sizeof(mains) / sizeof(mains[0]); i++)
			if (strcasecmp(part, mains[i]) == 0)
				snprintf(out, len, "%s", ct);
		free(part);
		free(ct);
	}
	ooxml_part_close(p);
}

/* Which Office document DATA is: its MIME type, or NULL with ERR. */
static const char *
office_type(const char *data, size_t len, char *err, size_t errlen)
{
	struct ooxml *o;
	char main[200], zerr[200];
	const char *mime = NULL;

	if ((o = ooxml_open(data, len, zerr, sizeof(zerr))) == NULL) {
		snprintf(err, errlen, "là tệp nén hỏng, không mở được");
		return NULL;
	}
	ooxml_main(o, main, sizeof(main));
	if (ooxml_has(o, "word/vbaProject.bin") ||
	    ooxml_has(o, "xl/vbaProject.bin") ||
	    strcasestr(main, "macroEnabled") != NULL)
		snprintf(err, errlen, "có macro (DOCM, XLSM); xin lưu lại "
		    "thành DOCX hoặc XLSX");
	else if (strcmp(main, "application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document.main+xml") == 0 &&
	    ooxml_has(o, "word/document.xml"))
		mime = MIME_DOCX;
	else if (strcmp(main, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet.main+xml") == 0 &&
	    ooxml_has(o, "xl/workbook.xml"))
		mime = MIME_XLSX;
	else
		snprintf(err, errlen, "là tệp nén, không phải văn bản Word "
		    "(DOCX) hay bảng tính Excel (XLSX)");
	ooxml_close(o);
	return mime;
}

/* Whether NAME ends with one of EXTS (".a.b."), in any case. */
static int
name_fits(const char *name, const char *exts)
{
	const char *dot = strrchr(name, '.');
	char ext[16];
	size_t i, n;

	if (dot == NULL || (n = strlen(dot)) + 2 > sizeof(ext))
		return 0;
	for (i = 0; i < n; i++)
		ext[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] + 32 :
		    dot[i]);
	ext[n] = '.';
	ext[n + 1] = '\0';
	return strstr(exts, ext) != NULL;
}

int
web_filetype(const char *data, size_t len, const char *name,
    const char **mime, char *err, size_t errlen)
{
	const struct ftype *t = NULL;
	const char *m, *office = NULL;
	char why[200];
	size_t i;

	*mime = NULL;
	if (len == 0) {
		snprintf(err, errlen, "Tệp “%s” rỗng.", name);
		return -1;
	}
	if ((m = magic_type(data, len)) == NULL) {
		snprintf(err, errlen, "Chưa xác định được loại của tệp “%s”; "
		    "xin thử lại sau.", name);
		return -1;
	}
	if (strcmp(m, "application/zip") == 0 || strcmp(m, MIME_DOCX) == 0 ||
	    strcmp(m, MIME_XLSX) == 0 ||
	    strcmp(m, "application/octet-stream") == 0) {
		if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
			if ((office = office_type(data, len, why,
			    sizeof(why))) == NULL) {
				snprintf(err, errlen, "Tệp “%s” %s.", name,
				    why);
				return -1;
			}
			/* libmagic may say less, never something else. */
			if (strcmp(m, MIME_DOCX) == 0 || strcmp(m, MIME_XLSX) ==
			    0)
				office = strcmp(m, office) == 0 ? office : NULL;
			m = office != NULL ? office : "application/zip";
		}
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].mime, m) == 0)
			t = &types[i];
	if (t != NULL && strcmp(m, "application/pdf") == 0 &&
	    (len < 5 || memcmp(data, "%PDF-", 5) != 0)) {
		snprintf(err, errlen, "Tệp “%s” không bắt đầu như một tệp PDF "
		    "(có nội dung khác ở trước); không nhận được.", name);
		return -1;
	}
	if (t == NULL) {
		snprintf(err, errlen, "Tệp “%s” có nội dung loại %s, không "
		    "nhận được: chỉ nhận PDF, Word (DOCX), Excel (XLSX) và ảnh "
		    "JPEG, PNG.", name, m);
		return -1;
	}
	if (!name_fits(name, t->exts)) {
		snprintf(err, errlen, "Tệp “%s” là %s nhưng tên không có đuôi "
		    "đúng loại đó; xin đặt lại tên tệp.", name, t->label);
		return -1;
	}
	*mime = t->mime;
	return 0;
}
