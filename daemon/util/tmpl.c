/*
 * tmpl.c: checks and renders {{name}} templates.  Text outside the braces
 * is copied byte for byte, so UTF-8 Vietnamese passes through untouched.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"
#include "xmalloc.h"
#include "nls.h"

static const char *const var_names[TV_NVARS] = {
	[TV_TASK] = "task",
	[TV_PLAN] = "plan",
	[TV_AGENCY] = "agency",
	[TV_LEAD] = "lead",
	[TV_DUE] = "due",
	[TV_DAYS_LEFT] = "days_left",
	[TV_ACK_CODE] = "ack_code",
	[TV_STEP] = "step",
	[TV_QUOTA] = "quota",
	[TV_ACK_URL] = "ack_url",
	[TV_WEB_URL] = "web_url",
	[TV_TEXT] = "text",
	[TV_TO] = "to",
	[TV_KEY] = "key",
	[TV_ID] = "id",
};

const char *
tmpl_var_name(enum tmpl_var v)
{
	return var_names[v];
}

/*
 * Finds the placeholder starting at P (just after "{{").  Returns its
 * index and sets *END past the closing "}}", or -1 (unknown) / -2
 * (unterminated) with the name copied to NAME.
 */
static int
placeholder(const char *p, const char **end, char *name, size_t namelen)
{
	const char *q, *s, *e;
	size_t n;
	int i;

	if ((q = strstr(p, "}}")) == NULL)
		return -2;
	s = p;
	e = q;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	n = (size_t)(e - s);
	snprintf(name, namelen, "%.*s", (int)n, s);
	*end = q + 2;
	for (i = 0; i < TV_NVARS; i++)
		if (strlen(var_names[i]) == n && memcmp(var_names[i], s, n) == 0)
			return i;
	return -1;
}

/*
 * Returns 0 if every placeholder is known among the first NVARS and
 * closed, else -1 and why.
 */
static int
check(const char *text, int nvars, char *err, size_t errlen)
{
	const char *p = text, *end;
	char name[64], known[256];
	size_t kl = 0;
	int i;

	while ((p = strstr(p, "{{")) != NULL) {
		i = placeholder(p + 2, &end, name, sizeof(name));
		if (i == -2) {
			snprintf(err, errlen, _("unterminated \"{{\" in "
			    "template"));
			return -1;
		}
		if (i == -1 || i >= nvars) {
			for (i = 0; i < nvars; i++)
				kl += (size_t)snprintf(known + kl,
				    sizeof(known) - kl, "%s%s", i ? ", " : "",
				    var_names[i]);
			snprintf(err, errlen, _("unknown placeholder {{%s}} "
			    "(known: %s)"), name, known);
			return -1;
		}
		p = end;
	}
	return 0;
}

/* Message texts: the task's fields. */
int
tmpl_check(const char *text, char *err, size_t errlen)
{
	return check(text, TV_NMSGVARS, err, errlen);
}

/* Request templates (URL, body) may also name the text and recipient. */
int
tmpl_check_request(const char *text, char *err, size_t errlen)
{
	return check(text, TV_NVARS, err, errlen);
}

/* Renders a checked template; a missing value renders as empty. */
char *
tmpl_render(const char *text, const struct tmpl_vars *vars)
{
	return tmpl_render_esc(text, vars, NULL);
}

/* As tmpl_render, with each value passed through ESC when it is set. */
char *
tmpl_render_esc(const char *text, const struct tmpl_vars *vars,
    tmpl_escape_fn esc)
{
	const char *p = text, *q, *end, *val;
	char name[64], *out, *escaped = NULL;
	size_t len = 0, cap = strlen(text) + 256, n;
	int i;

	out = xmalloc(cap);
	while (*p != '\0') {
		if ((q = strstr(p, "{{")) == NULL)
			q = p + strlen(p);
		n = (size_t)(q - p);
		val = NULL;
		end = q;
		if (*q != '\0') {
			i = placeholder(q + 2, &end, name, sizeof(name));
			if (i >= 0) {
				val = vars->v[i] ? vars->v[i] : "";
				if (esc != NULL)
					val = escaped = esc(val);
			} else	/* unchecked text: keep the braces literally */
				end = q + 2, n += 2;
		}
		if (len + n + (val ? strlen(val) : 0) + 1 > cap) {
			cap = (len + n + (val ? strlen(val) : 0) + 1) * 2;
			out = xreallocarray(out, 1, cap);
		}
		memcpy(out + len, p, n);
		len += n;
		if (val != NULL) {
			memcpy(out + len, val, strlen(val));
			len += strlen(val);
		}
		free(escaped);
		escaped = NULL;
		p = end;
	}
	out[len] = '\0';
	return out;
}
