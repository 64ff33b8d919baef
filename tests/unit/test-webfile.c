/*
 * test-webfile.c: the files an agency sends with a report.  Their type
 * is found by content (webfiletype.c): small PDF, DOCX, XLSX, JPEG and
 * PNG files made here are taken under their own names; a program or a
 * web page renamed .pdf, a picture named .pdf, a macro-enabled document
 * and a plain ZIP are refused.  They are kept by content
 * (core's blobstore.c, read back by webfilestore.c): stored once under
 * blobs/ab/abcdef..., read back whole,
 * refused once altered on disk, and no name reaches outside the folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <zip.h>

#include "blobstore.h"
#include "webfilestore.h"
#include "webfiletype.h"

struct blob {
	char	*data;
	size_t	 len;
};

static const char pdf[] =
	"%PDF-1.4\n"
	"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
	"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
	" endobj\n"
	"trailer << /Root 1 0 R >>\n%%EOF\n";

static const char html[] = "<!DOCTYPE html>\n<html><head><title>x</title>"
	"</head><body><script>alert(document.cookie)</script></body></html>\n";

/* A ZIP of NAME/TEXT pairs (NULL-ended), made with libzip. */
static struct blob
zip_of(const char *const *parts)
{
	char path[] = "/tmp/test-webfile-XXXXXX";
	struct blob b = { NULL, 0 };
	zip_source_t *src;
	struct stat sb;
	zip_t *z;
	FILE *f;
	int fd;

	fd = mkstemp(path);
	assert_true(fd != -1);
	close(fd);
	z = zip_open(path, ZIP_TRUNCATE, NULL);
	assert_non_null(z);
	for (; parts[0] != NULL; parts += 2) {
		src = zip_source_buffer(z, parts[1], strlen(parts[1]), 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, parts[0], src, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(stat(path, &sb), 0);
	b.len = (size_t)sb.st_size;
	b.data = malloc(b.len);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(b.data, 1, b.len, f), b.len);
	fclose(f);
	unlink(path);
	return b;
}

#define CT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=" \
	"\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"

static struct blob
docx(const char *main_type)
{
	char ct[600];
	const char *parts[] = { "[Content_Types].xml", ct,
	    "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w="
	    "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body>"
	    "</w:document>", NULL };

	snprintf(ct, sizeof(ct), CT_HEAD "<Override PartName=\"/word/"
	    "document.xml\" ContentType=\"%s\"/></Types>", main_type);
	return zip_of(parts);
}

static struct blob
xlsx(void)
{
	const char *parts[] = { "[Content_Types].xml", CT_HEAD
	    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	    "</Types>", "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook "
	    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
	    "main\"><sheets/></workbook>", NULL };

	return zip_of(parts);
}

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static size_t
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* A PNG chunk of TYPE and DATA at P: its length. */
static size_t
chunk(unsigned char *p, const char *type, const unsigned char *data,
    size_t n)
{
	size_t o = put32(p, (uint32_t)n);

	memcpy(p + o, type, 4);
	if (n > 0)	/* IEND has no data: memcpy may not take NULL */
		memcpy(p + o + 4, data, n);
	o += 4 + n;
	return o + put32(p + o, crc32_of(p + 4, 4 + n));
}

/* A 1x1 RGB PNG, its pixel in an uncompressed deflate block. */
static struct blob
png(void)
{
	static unsigned char out[128];
	unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 };
	/* zlib header, a final stored block of 4 bytes, Adler-32. */
	unsigned char idat[] = { 0x78, 0x01, 0x01, 4, 0, 0xfb, 0xff,
	    0, 0x0b, 0x4f, 0x6c, 0, 0, 0, 0 };
	uint32_t a = 1, b = 0;
	size_t n = 0;
	int i;

	for (i = 7; i < 11; i++) {
		a = (a + idat[i]) % 65521;
		b = (b + a) % 65521;
	}
	put32(idat + 11, b << 16 | a);
	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	n = 8;
	n += chunk(out + n, "IHDR", ihdr, sizeof(ihdr));
	n += chunk(out + n, "IDAT", idat, sizeof(idat));
	n += chunk(out + n, "IEND", NULL, 0);
	return (struct blob){ (char *)out, n };
}

/* The start of a JFIF file, as cameras and phones write it. */
static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10,
	'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xdb, 0, 0x43,
	0, 8, 6, 6, 7, 6, 5, 8, 7, 7, 7, 9, 9, 8, 10, 12, 20, 13, 12, 11, 11,
	12, 25, 18, 19, 15, 20, 29, 26, 31, 30, 29, 26, 28, 28, 32, 36, 46,
	39, 32, 34, 44, 35, 28, 28, 40, 55, 41, 44, 48, 49, 52, 52, 52, 31,
	39, 57, 61, 56, 50, 60, 46, 51, 52, 50, 0xff, 0xd9 };

static const char *
type_of(const char *data, size_t len, const char *name)
{
	static char err[512];
	const char *mime;

	if (web_filetype(data, len, name, &mime, err, sizeof(err)) == -1)
		return NULL;
	return mime;
}

static void
test_taken(void **state)
{
	struct blob d = docx("application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document.main+xml"), x = xlsx(), p = png();

	assert_string_equal(type_of(pdf, sizeof(pdf) - 1, "bao-cao.pdf"),
	    "application/pdf");
	assert_string_equal(type_of(pdf, sizeof(pdf) - 1, "BÁO CÁO.PDF"),
	    "application/pdf");
	assert_string_equal(type_of(d.data, d.len, "bao-cao.docx"),
	    "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	assert_string_equal(type_of(x.data, x.len, "so-lieu.xlsx"),
	    "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet");
	assert_string_equal(type_of(p.data, p.len, "anh.png"), "image/png");
	assert_string_equal(type_of((const char *)jpeg, sizeof(jpeg),
	    "anh.jpg"), "image/jpeg");
	assert_string_equal(type_of((const char *)jpeg, sizeof(jpeg),
	    "anh.JPEG"), "image/jpeg");
	free(d.data);
	free(x.data);
}

static void
test_refused(void **state)
{
	struct blob d = docx("application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document.main+xml"), p = png();
	struct blob m = docx("application/vnd.ms-word.document."
	    "macroEnabled.main+xml");
	const char *zparts[] = { "readme.txt", "not an office file", NULL };
	struct blob z = zip_of(zparts);
	char exe[512], err[512];
	const char *mime;

	/* A Windows program: "MZ", the PE offset, "PE\0\0". */
	memset(exe, 0, sizeof(exe));
	memcpy(exe, "MZ\x90\0\3\0\0\0\4\0\0\0\xff\xff", 14);
	exe[0x3c] = (char)0x80;
	memcpy(exe + 0x80, "PE\0\0\x4c\x01", 6);
	assert_null(type_of(exe, sizeof(exe), "bao-cao.pdf"));
	assert_int_equal(web_filetype(html, sizeof(html) - 1, "bao-cao.pdf",
	    &mime, err, sizeof(err)), -1);
	assert_null(mime);
	assert_non_null(strstr(err, "text/html"));
	assert_null(type_of(html, sizeof(html) - 1, "trang.html"));
	/* Allowed content under another type's name. */
	assert_null(type_of(p.data, p.len, "bao-cao.pdf"));
	assert_null(type_of(d.data, d.len, "bao-cao.xlsx"));
	assert_null(type_of(pdf, sizeof(pdf) - 1, "bao-cao"));
	assert_null(type_of(m.data, m.len, "bao-cao.docx"));
	assert_null(type_of(z.data, z.len, "bao-cao.docx"));
	assert_null(type_of("", 0, "rong.pdf"));
	/* A PDF header alone past the first bytes is not a PDF. */
	assert_null(type_of("hello %PDF-1.4", 14, "x.pdf"));
	free(d.data);
	free(m.data);
	free(z.data);
}

static void
test_store(void **state)
{
	char dir[] = "/tmp/test-webfile-dir-XXXXXX", sha[BLOB_HEX],
	    sha2[BLOB_HEX], path[4096], err[512];
	struct evbuffer *out = evbuffer_new();
	struct stat sb;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(blob_put(dir, pdf, sizeof(pdf) - 1, sha), 0);
	/* Its name is its digest, under a folder of its first two digits. */
	assert_int_equal(blob_path(dir, sha, path, sizeof(path)), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal((size_t)sb.st_size, sizeof(pdf) - 1);
	assert_int_equal(sb.st_mode & 077, 0);
	assert_memory_equal(strrchr(path, '/') - 2, sha, 2);
	assert_string_equal(strrchr(path, '/') + 1, sha);
	/* Again: the same name, kept once. */
	assert_int_equal(blob_put(dir, pdf, sizeof(pdf) - 1, sha2), 0);
	assert_string_equal(sha, sha2);
	assert_int_equal(web_file_get(dir, sha, out, err, sizeof(err)), 0);
	assert_int_equal(evbuffer_get_length(out), sizeof(pdf) - 1);
	assert_memory_equal(evbuffer_pullup(out, -1), pdf, sizeof(pdf) - 1);
	evbuffer_drain(out, evbuffer_get_length(out));
	/* Altered on disk: refused, not served. */
	f = fopen(path, "r+");
	assert_non_null(f);
	fputc('X', f);
	fclose(f);
	assert_int_equal(web_file_get(dir, sha, out, err, sizeof(err)), -1);
	assert_int_equal(evbuffer_get_length(out), 0);
	assert_non_null(strstr(err, "altered"));
	/* Names that are not digests reach nothing. */
	assert_int_equal(web_file_get(dir, "../../../../etc/passwd", out, err,
	    sizeof(err)), -1);
	assert_int_equal(blob_path(dir, "ABCDEF0123456789abcdef0123456789abcdef"
	    "0123456789abcdef01234567", path, sizeof(path)), -1);
	assert_int_equal(web_file_get(dir, "0000000000000000000000000000000000"
	    "000000000000000000000000000000", out, err, sizeof(err)), -1);
	assert_int_equal(evbuffer_get_length(out), 0);
	assert_int_equal(blob_path(dir, sha, path, sizeof(path)), 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/blobs/%.2s", dir, sha);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/blobs", dir);
	rmdir(path);
	assert_int_equal(rmdir(dir), 0);
	evbuffer_free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_store),
	};

	return cmocka_run_group_tests_name("webfile", tests, NULL, NULL);
}
