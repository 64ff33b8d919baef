/*
 * webform.c: a form's fields, parsed by libevent's query parser, and the
 * checks on each: what a page takes from a form is valid UTF-8, bounded,
 * and free of control characters, or the page says which field was
 * wrong and changes nothing.
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <unistr.h>

#include "safetext.h"
#include "webform.h"

void
web_form_init(struct web_form *f)
{
	TAILQ_INIT(&f->q);
	f->err[0] = '\0';
}

int
web_form_parse(struct web_form *f, const char *s)
{
	web_form_free(f);
	f->err[0] = '\0';
	if (s == NULL || *s == '\0')
		return 0;
	if (evhttp_parse_query_str(s, &f->q) == -1) {
		web_form_free(f);
		return -1;
	}
	return 0;
}

void
web_form_free(struct web_form *f)
{
	evhttp_clear_headers(&f->q);
	TAILQ_INIT(&f->q);
}

const char *
web_form_raw(const struct web_form *f, const char *name)
{
	return evhttp_find_header(&f->q, name);
}

const char *
web_form_text(struct web_form *f, const char *name, const char *label,
    size_t max, int required, int multiline)
{
	const char *v = web_form_raw(f, name);
	size_t len;

	if (v == NULL || *v == '\0') {
		if (!required)
			return "";
		snprintf(f->err, sizeof(f->err), "Thiếu “%s”.", label);
		return NULL;
	}
	if (multiline) {
		/* Browsers send a textarea's lines with CRLF. */
		char *w = (char *)v, *r;

		for (r = w; *r != '\0'; r++)
			if (!(r[0] == '\r' && r[1] == '\n'))
				*w++ = *r;
		*w = '\0';
	}
	len = strlen(v);
	if (len > max) {
		snprintf(f->err, sizeof(f->err), "“%s” dài quá %zu ký tự.",
		    label, max);
		return NULL;
	}
	if (u8_check((const uint8_t *)v, len) != NULL) {
		snprintf(f->err, sizeof(f->err), "“%s” không phải văn bản "
		    "UTF-8.", label);
		return NULL;
	}
	if (text_has_control(v, multiline)) {
		snprintf(f->err, sizeof(f->err), "“%s” có ký tự điều khiển.",
		    label);
		return NULL;
	}
	return v;
}

int64_t
web_form_id(struct web_form *f, const char *name, const char *label)
{
	const char *v = web_form_raw(f, name);
	char *end;
	long long n;

	if (v == NULL || *v < '1' || *v > '9') {
		snprintf(f->err, sizeof(f->err), "“%s” không hợp lệ.", label);
		return 0;
	}
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n <= 0) {
		snprintf(f->err, sizeof(f->err), "“%s” không hợp lệ.", label);
		return 0;
	}
	return n;
}
