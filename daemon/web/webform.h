/*
 * webform.h: the fields of a form (application/x-www-form-urlencoded, as
 * every form of the pages but an upload is sent) or of a query string,
 * parsed by libevent, with the checks every page needs: a field's text
 * is valid UTF-8, within its length and free of control characters,
 * and a missing or refused field says which.
 */
#ifndef NV_WEBFORM_H
#define NV_WEBFORM_H

#include <stddef.h>
#include <stdint.h>

#include <event2/keyvalq_struct.h>

struct web_form {
	struct evkeyvalq q;
	char		 err[256];	/* what was wrong, in Vietnamese */
};

/* An empty form; free it with web_form_free. */
void	web_form_init(struct web_form *);
/* Parses S (a body or a query, may be NULL); 0, or -1 if malformed. */
int	web_form_parse(struct web_form *, const char *s);
void	web_form_free(struct web_form *);
/* The raw value of NAME, or NULL. */
const char *web_form_raw(const struct web_form *, const char *name);
/*
 * NAME's text, checked: NULL with F->err set when it is missing and
 * REQUIRED, longer than MAX bytes, not UTF-8, or holds control
 * characters (a line feed only with MULTILINE).  LABEL names the field
 * in the error.  An empty optional field is "".
 */
const char *web_form_text(struct web_form *, const char *name,
	    const char *label, size_t max, int required, int multiline);
/* A positive id in NAME, or 0 with F->err set. */
int64_t	web_form_id(struct web_form *, const char *name, const char *label);

#endif
