/*
 * tmpl.h: message templates with {{placeholder}} fields.  Templates are
 * checked when the config loads, so a typo in a placeholder is a config
 * error and never a half-rendered message on an official's phone.
 */
#ifndef NV_TMPL_H
#define NV_TMPL_H

#include <stddef.h>

enum tmpl_var {
	TV_TASK = 0,
	TV_PLAN,
	TV_AGENCY,
	TV_LEAD,
	TV_DUE,
	TV_DAYS_LEFT,
	TV_ACK_CODE,
	TV_STEP,
	TV_QUOTA,
	TV_ACK_URL,		/* the ack link, or empty without public_url */
	TV_WEB_URL,		/* the contact's personal link to its pages */
	TV_NMSGVARS,		/* the above are for message texts */
	TV_TEXT = TV_NMSGVARS,	/* the rendered message */
	TV_TO,			/* the recipient's address */
	TV_KEY,			/* the idempotency key */
	TV_ID,			/* the message id */
	TV_NVARS
};

/* Escapes a value for where it lands (JSON string, URL, form). */
typedef char	*(*tmpl_escape_fn)(const char *);

struct tmpl_vars {
	const char	*v[TV_NVARS];
};

int	 tmpl_check(const char *text, char *err, size_t errlen);
int	 tmpl_check_request(const char *text, char *err, size_t errlen);
char	*tmpl_render(const char *text, const struct tmpl_vars *);
char	*tmpl_render_esc(const char *text, const struct tmpl_vars *,
	    tmpl_escape_fn);
const char *tmpl_var_name(enum tmpl_var);

#endif
