/*
 * cli-phrase.c: "nhacviec phrase PHRASE": one timing phrase read by the
 * same reader the import uses, so a plan can be checked before it is
 * imported: the kind, the rule in Vietnamese and English, the first five
 * due days (and how a day off moves them), from and until, whether a
 * default was chosen, and the words not read.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "phrase.h"
#include "safetext.h"
#include "tztime.h"

#define NDUES	5

static void
iso(char *b, size_t len, const struct ymd *d)
{
	if (d->y == 0)
		b[0] = '\0';
	else
		snprintf(b, len, "%04d-%02d-%02d", d->y, d->m, d->d);
}

/* The first NDUES due days over all schedules, in order. */
static int
all_dues(const struct phrase *ph, struct ymd start, struct ymd *out,
    int *which)
{
	struct ymd d[NDUES];
	int k, i, j, n = 0, m;

	for (k = 0; k < ph->nsched; k++) {
		m = phrase_dues(&ph->sched[k], start, d, NDUES);
		for (i = 0; i < m; i++) {
			for (j = n; j > 0 && (out[j - 1].y > d[i].y ||
			    (out[j - 1].y == d[i].y && (out[j - 1].m > d[i].m ||
			    (out[j - 1].m == d[i].m && out[j - 1].d > d[i].d))));
			    j--) {
				if (j < NDUES) {
					out[j] = out[j - 1];
					which[j] = which[j - 1];
				}
			}
			if (j < NDUES) {
				out[j] = d[i];
				which[j] = k;
				if (n < NDUES)
					n++;
			}
		}
	}
	return n;
}

int
cmd_phrase(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "plan-date", required_argument, NULL, 'd' },
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct phrase ph;
	struct ymd start = { 0, 0, 0 }, dues[NDUES], to;
	struct tm tm;
	time_t now = clock_now();
	char vi[1024], en[1024], a[16], b[16], mv[256];
	json_t *j, *arr, *moves;
	int ch, year = 0, n, k, which[NDUES];
	char *end;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if (parse_date(optarg, &start.y, &start.m,
			    &start.d) == -1)
				return cli_err(EX_USAGE, "--plan-date: \"%s\" "
				    "is not YYYY-MM-DD", optarg);
			break;
		case 'y':
			year = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || year < 1900 || year > 2199)
				return cli_err(EX_USAGE, "--year: a year from "
				    "1900 to 2199");
			break;
		default:
			return cli_usage("phrase", NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage("phrase", NULL);
	if (year == 0)
		year = start.y;
	if (year == 0) {
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	if (start.y == 0) {
		start.y = year;
		start.m = start.d = 1;
	}
	phrase_parse(argv[optind], year, &ph);
	phrase_describe(&ph, vi, sizeof(vi), en, sizeof(en));
	n = all_dues(&ph, start, dues, which);
	if (c->json) {
		j = json_object();
		json_object_set_new(j, "phrase", json_string(argv[optind]));
		json_object_set_new(j, "kind", json_string(
		    phrase_kind_name(ph.kind)));
		json_object_set_new(j, "rule", json_pack("{s:s, s:s, s:s}",
		    "vi", vi, "en", en, "constructions", ph.rule));
		arr = json_array();
		moves = json_array();
		for (k = 0; k < n; k++) {
			iso(a, sizeof(a), &dues[k]);
			json_array_append_new(arr, json_string(a));
			if (c->conf != NULL && phrase_move(c->conf, NULL,
			    &ph.sched[which[k]], dues[k], &to, mv, sizeof(mv)))
				json_array_append_new(moves, json_string(mv));
		}
		json_object_set_new(j, "dues", arr);
		json_object_set_new(j, "moves", moves);
		iso(a, sizeof(a), &ph.from);
		iso(b, sizeof(b), ph.kind == PH_WINDOW ? &ph.due : &ph.until);
		json_object_set_new(j, "from", a[0] ? json_string(a) :
		    json_null());
		json_object_set_new(j, "until", b[0] ? json_string(b) :
		    json_null());
		json_object_set_new(j, "ambiguous", json_boolean(ph.ambiguous));
		json_object_set_new(j, "notes", json_string(ph.note));
		json_object_set_new(j, "unread", json_string(ph.unread));
		arr = json_array();
		for (k = 0; k < ph.nsched; k++) {
			phrase_sched_describe(&ph.sched[k], vi, sizeof(vi), en,
			    sizeof(en));
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:s}", "kind", phrase_kind_name(ph.sched[k].kind),
			    "vi", vi, "en", en, "rrule", ph.sched[k].rrule));
		}
		json_object_set_new(j, "schedules", arr);
		cli_print_json(j);
		return ph.kind == PH_UNKNOWN ? EX_DATAERR : 0;
	}
	/* The phrase's words are echoed, made safe for a terminal. */
	printf("phrase:    %s\nkind:      %s\nrule:      %s\n           %s\n"
	    "read by:   %s\n", text_tty(argv[optind]), phrase_kind_name(ph.kind),
	    text_tty(vi), text_tty(en), ph.rule);
	for (k = 0; k < n; k++) {
		mv[0] = '\0';
		if (c->conf != NULL)
			phrase_move(c->conf, NULL, &ph.sched[which[k]],
			    dues[k], &to, mv, sizeof(mv));
		printf("%s %02d/%02d/%04d%s%s\n", k ? "          " : "dues:     ",
		    dues[k].d, dues[k].m, dues[k].y, mv[0] ? "  moves: " : "",
		    mv);
	}
	if (ph.from.y != 0)
		printf("from:      %02d/%02d/%04d\n", ph.from.d, ph.from.m,
		    ph.from.y);
	if (ph.until.y != 0)
		printf("until:     %02d/%02d/%04d\n", ph.until.d, ph.until.m,
		    ph.until.y);
	printf("ambiguous: %s\n", ph.ambiguous ? "yes" : "no");
	if (ph.note[0] != '\0')
		printf("notes:     %s\n", text_tty(ph.note));
	if (ph.unread[0] != '\0')
		printf("unread:    %s\n", text_tty(ph.unread));
	if (c->conf == NULL)
		printf("(no configuration: moves off days off not shown)\n");
	return ph.kind == PH_UNKNOWN ? EX_DATAERR : 0;
}
