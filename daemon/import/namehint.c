/*
 * namehint.c: turning "no agency matches" into something a province can
 * act on.  names_resolve works on folded words ("uy ban"), which are not
 * what the plan says; the message quotes the plan's own words instead,
 * and gives the directory line that teaches the phrase (the "Tên khác"
 * column), to be imported with "nhacviec import agencies".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "namehint.h"
#include "names.h"
#include "xmalloc.h"

/* Trims spaces and list marks ("- ", "+ ", "•") around a piece. */
static char *
trim_piece(char *p)
{
	size_t n;

	while (*p == ' ' || *p == '-' || *p == '+' || *p == '\t')
		p++;
	if (strncmp(p, "•", strlen("•")) == 0)
		p += strlen("•");
	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n > 0 && strchr(" .\t", p[n - 1]) != NULL)
		p[--n] = '\0';
	return p;
}

/* The smallest piece of CELL split at SEPS whose normal form holds TEXT. */
static int
find_piece(const char *cell, const char *seps, const char *text, char *out,
    size_t len)
{
	char *copy = xstrdup(cell), *p = copy, *one, *t, *norm;
	size_t best = (size_t)-1;

	while ((one = strsep(&p, seps)) != NULL) {
		t = trim_piece(one);
		norm = names_norm(t);
		if (strstr(norm, text) != NULL && strlen(t) < best) {
			best = strlen(t);
			snprintf(out, len, "%s", t);
		}
		free(norm);
	}
	free(copy);
	return best != (size_t)-1;
}

void
name_as_written(const char *cell, const char *text, char *out, size_t len)
{
	if (find_piece(cell, ";\n,", text, out, len) ||
	    find_piece(cell, ";\n", text, out, len)) {
		csv_squeeze(out);
		return;
	}
	snprintf(out, len, "%s", cell);
	csv_squeeze(out);
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void
field(char *out, size_t len, const char *s)
{
	size_t o = strlen(out);
	const char *p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\n;") == NULL) {
		snprintf(out + o, len - o, "%s", s);
		return;
	}
	if (o + 1 < len)
		out[o++] = '"';
	for (p = s; *p != '\0' && o + 3 < len; p++) {
		if (*p == '"')
			out[o++] = '"';
		out[o++] = *p;
	}
	if (o + 1 < len)
		out[o++] = '"';
	out[o < len ? o : len - 1] = '\0';
}

void
name_teach_line(const struct name_entry *e, const char *parent,
    const char *aliases, const char *phrase, char *out, size_t len)
{
	char al[1024];
	size_t o;

	out[0] = '\0';
	if (e == NULL) {
		/* A new agency: its code is for the province to choose. */
		snprintf(out, len, "MÃ-MỚI,");
		field(out, len, phrase);
		o = strlen(out);
		snprintf(out + o, len - o, ",,,");
		return;
	}
	snprintf(al, sizeof(al), "%s%s%s", aliases ? aliases : "",
	    aliases && *aliases ? "; " : "", phrase);
	field(out, len, e->code);
	o = strlen(out);
	snprintf(out + o, len - o, ",");
	field(out, len, e->name);
	o = strlen(out);
	snprintf(out + o, len - o, ",");
	field(out, len, parent);
	o = strlen(out);
	snprintf(out + o, len - o, ",");
	field(out, len, e->groups);
	o = strlen(out);
	snprintf(out + o, len - o, ",");
	field(out, len, al);
}
