/*
 * fuzz-output.c: libFuzzer target for text on its way out: a log line
 * or a terminal line (text_escape), a CSV report cell (the formula
 * guard, then libcsv's quoting), an ICS text property (libical's
 * folding and escaping of what ics.c gives it, cut to fit).  It checks
 * the invariants, not only that nothing crashes: an escaped line holds
 * no control byte and is valid UTF-8; a CSV cell read back by libcsv is
 * the text, guarded, and never starts a formula; text cut to fit stays
 * UTF-8 and a prefix, and an ICS line parsed back gives the same text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <libical/ical.h>
#include <unistr.h>

#include "safetext.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct back {
	char	*cell;
	int	 n;
};

static void
on_cell(void *s, size_t len, void *arg)
{
	struct back *b = arg;

	if (b->n++ == 0) {
		b->cell = malloc(len + 1);
		memcpy(b->cell, s, len);
		b->cell[len] = '\0';
	}
}

static void
check_csv(const char *s)
{
	struct csv_parser p;
	struct back b = { NULL, 0 };
	char *g, *q;
	size_t n;

	/* The report's own cell writer. */
	g = text_csv_cell(s);
	if (g[0] != '\0' && strchr("=+-@\t\r", g[0]) != NULL)
		abort();
	n = csv_write(NULL, 0, g, strlen(g));
	q = malloc(n + 1);
	csv_write(q, n, g, strlen(g));
	csv_init(&p, CSV_STRICT);
	csv_parse(&p, q, n, on_cell, NULL, &b);
	csv_fini(&p, on_cell, NULL, &b);
	if (b.n != 1 || strcmp(b.cell, g) != 0)
		abort();
	csv_free(&p);
	free(b.cell);
	free(q);
	free(g);
}

static void
check_ics(const char *s)
{
	icalproperty *p, *back;
	char fit[64], *line, *t;
	const char *v;
	size_t n;

	if (u8_check((const uint8_t *)s, strlen(s)) != NULL)
		return;		/* ics.c gets UTF-8 from the store */
	/* Cut as ics.c cuts a summary: still UTF-8, a prefix of the text. */
	text_fit(fit, sizeof(fit), s);
	if (u8_check((const uint8_t *)fit, strlen(fit)) != NULL ||
	    strncmp(fit, s, strlen(fit)) != 0 ||
	    (strlen(s) < sizeof(fit) && strcmp(fit, s) != 0))
		abort();
	/*
	 * Text without controls (as input allows) comes back the same, but
	 * for blanks around it, which libical's reader drops.
	 */
	n = strlen(fit);
	while (n > 0 && fit[n - 1] == ' ')
		fit[--n] = '\0';
	t = fit + strspn(fit, " ");
	if (*t == '\0' || text_has_control(t, 1))
		return;
	p = icalproperty_new_summary(t);
	line = icalproperty_as_ical_string_r(p);
	back = icalproperty_new_from_string(line);
	v = back != NULL ? icalproperty_get_summary(back) : NULL;
	if (v == NULL || strcmp(v, t) != 0)
		abort();
	icalproperty_free(back);
	icalproperty_free(p);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[512];
	const unsigned char *o;
	size_t n;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = text_escape(out, sizeof(out), s);
	if (n != strlen(out) || n >= sizeof(out))
		abort();
	for (o = (const unsigned char *)out; *o != '\0'; o++)
		if (*o < 0x20 || *o == 0x7f)
			abort();
	if (u8_check((const uint8_t *)out, n) != NULL)
		abort();
	if (text_has_control(out, 0))
		abort();
	check_csv(s);
	check_ics(s);
	free(s);
	return 0;
}
