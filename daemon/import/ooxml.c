/*
 * ooxml.c: reading the XML parts of a .docx or .xlsx without trusting
 * them.  The archive is opened by libzip from memory; a part is inflated
 * as libxml2's reader asks for it, so memory stays bounded whatever the
 * part claims its size is, and inflating stops at TG_MAX_MEMBER (a zip
 * bomb is refused, not unpacked).  XML_PARSE_NONET and no NOENT/DTDLOAD:
 * entities are never expanded, and a document with a DOCTYPE is refused
 * outright.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "ooxml.h"
#include "tgrid.h"
#include "xmalloc.h"

struct ooxml {
	zip_t		*z;
};

struct ooxml_part {
	zip_file_t	*f;
	xmlTextReaderPtr r;
	char		 name[128];
	size_t		 total;
	int		 toobig, corrupt, doctype;
	char		 head[4096];	/* the prolog, where a DTD would be */
	size_t		 nhead;
	char		 xmlerr[160];
};

/* libxml2 would print its errors; they are kept for the message instead. */
static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

struct ooxml *
ooxml_open(const char *data, size_t len, char *err, size_t errlen)
{
	struct ooxml *o;
	zip_source_t *src;
	zip_error_t ze;

	xmlSetGenericErrorFunc(NULL, quiet);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL) {
		snprintf(err, errlen, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	if ((o->z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		snprintf(err, errlen, "not a readable ZIP archive: %s (tệp "
		    "nén hỏng)", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		free(o);
		return NULL;
	}
	zip_error_fini(&ze);
	return o;
}

void
ooxml_close(struct ooxml *o)
{
	if (o == NULL)
		return;
	zip_discard(o->z);
	free(o);
}

int
ooxml_has(struct ooxml *o, const char *name)
{
	return zip_name_locate(o->z, name, 0) >= 0;
}

static int
part_read(void *ctx, char *buf, int len)
{
	struct ooxml_part *p = ctx;
	zip_int64_t n;
	size_t want = (size_t)len;

	if (p->total >= TG_MAX_MEMBER) {
		p->toobig = 1;
		return -1;
	}
	if (want > TG_MAX_MEMBER - p->total)
		want = TG_MAX_MEMBER - p->total;
	if ((n = zip_fread(p->f, buf, want)) < 0) {
		p->corrupt = 1;
		return -1;
	}
	/*
	 * Refused before libxml2 reads a DTD, so no entity is ever declared.
	 * The prolog is kept across reads: libxml2 first asks for 4 bytes.
	 */
	if (p->nhead < sizeof(p->head)) {
		size_t k = (size_t)n < sizeof(p->head) - p->nhead ? (size_t)n :
		    sizeof(p->head) - p->nhead;

		memcpy(p->head + p->nhead, buf, k);
		p->nhead += k;
		if (memmem(p->head, p->nhead, "<!DOCTYPE", 9) != NULL) {
			p->doctype = 1;
			return -1;
		}
	}
	p->total += (size_t)n;
	return (int)n;
}

static int
part_noclose(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
part_error(void *arg, xmlErrorPtr e)
{
	struct ooxml_part *p = arg;
	size_t n;

	if (p->xmlerr[0] != '\0' || e == NULL || e->message == NULL)
		return;
	snprintf(p->xmlerr, sizeof(p->xmlerr), "line %d: %s", e->line,
	    e->message);
	n = strlen(p->xmlerr);
	while (n > 0 && p->xmlerr[n - 1] == '\n')
		p->xmlerr[--n] = '\0';
}

struct ooxml_part *
ooxml_part_open(struct ooxml *o, const char *name, char *err, size_t errlen)
{
	struct ooxml_part *p;
	zip_file_t *f;

	if ((f = zip_fopen(o->z, name, 0)) == NULL) {
		snprintf(err, errlen, "%s: %s (phần %s hỏng hoặc thiếu)", name,
		    zip_error_strerror(zip_get_error(o->z)), name);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->f = f;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->r = xmlReaderForIO(part_read, part_noclose, p, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (p->r == NULL) {
		snprintf(err, errlen, "%s: cannot be read as XML", name);
		zip_fclose(f);
		free(p);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(p->r, part_error, p);
	return p;
}

xmlTextReaderPtr
ooxml_part_reader(struct ooxml_part *p)
{
	return p->r;
}

int
ooxml_part_next(struct ooxml_part *p, char *err, size_t errlen)
{
	int rc = xmlTextReaderRead(p->r);

	if (rc == 1 && xmlTextReaderNodeType(p->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		snprintf(err, errlen, "%s: has a DOCTYPE, which no Office "
		    "document has; refused (có khai báo DOCTYPE: từ chối)",
		    p->name);
		return -1;
	}
	if (rc == 1 && xmlTextReaderNodeType(p->r) ==
	    XML_READER_TYPE_ENTITY_REFERENCE) {
		snprintf(err, errlen, "%s: refers to an entity, which no Office "
		    "document does; refused", p->name);
		return -1;
	}
	if (rc != -1)
		return rc;
	if (p->doctype)
		snprintf(err, errlen, "%s: has a DOCTYPE, which no Office "
		    "document has; refused (có khai báo DOCTYPE: từ chối)",
		    p->name);
	else if (p->toobig)
		snprintf(err, errlen, "%s: unpacks to more than %d MiB; a zip "
		    "bomb or no plan document (giải nén quá %d MiB: từ chối)",
		    p->name, TG_MAX_MEMBER / (1024 * 1024),
		    TG_MAX_MEMBER / (1024 * 1024));
	else if (p->corrupt)
		snprintf(err, errlen, "%s: the archive is damaged (tệp nén "
		    "hỏng)", p->name);
	else
		snprintf(err, errlen, "%s: not well-formed XML%s%s (XML hỏng)",
		    p->name, p->xmlerr[0] ? ", " : "", p->xmlerr);
	return -1;
}

void
ooxml_part_close(struct ooxml_part *p)
{
	if (p == NULL)
		return;
	xmlFreeTextReader(p->r);
	zip_fclose(p->f);
	free(p);
}

char *
ooxml_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (strcmp((const char *)xmlTextReaderConstLocalName(r),
		    local) == 0) {
			v = xstrdup(xmlTextReaderConstValue(r) ? (const char *)
			    xmlTextReaderConstValue(r) : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

int
ooxml_is_start(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

int
ooxml_is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}
