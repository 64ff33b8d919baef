/*
 * fuzz-text.c: libFuzzer target for the parsers of typed-in text:
 * deadlines, durations, phone numbers, templates and schedules
 * (shorthands and RRULEs); and mail header fields made of any text, whose
 * lines must stay within 78 and whose only line breaks are folds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailhdr.h"
#include "names.h"
#include "phone.h"
#include "phrase.h"
#include "recur.h"
#include "smstext.h"
#include "tmpl.h"
#include "tztime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Aborts unless every break in H is CRLF SP; with MAX, lines within it. */
static void
check_folded(const char *h, size_t max)
{
	const char *line = h, *p;

	for (p = h; *p != '\0'; p++) {
		if (*p == '\n' || (*p == '\r' && (p[1] != '\n' || p[2] != ' ')))
			abort();
		if (*p == '\r') {
			if (max > 0 && (size_t)(p - line) > max)
				abort();
			line = p + 2;
			p++;
		}
	}
	if (max > 0 && (size_t)(p - line) > max)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct tmpl_vars v;
	char *s, err[256], out[64], *r, rr[256];
	time_t t, n;
	int64_t d;
	int i, tod;

	if (!init) {
		tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
		init = 1;
	}
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)parse_when(s, 1700000000, 17 * 3600, &t, err, sizeof(err));
	(void)parse_duration(s, &d);
	(void)phone_normalize(s, out, sizeof(out));
	/* Schedules as typed on the command line or found in a plan. */
	if (recur_shorthand(s, rr, sizeof(rr), &tod, err, sizeof(err)) == 0)
		(void)recur_next(rr, 1700000000, 1700000000, &n);
	if (recur_check(s, err, sizeof(err)) == 0)
		(void)recur_next(s, 1700000000, 1800000000, &n);
	memset(&v, 0, sizeof(v));
	for (i = 0; i < TV_NVARS; i++)
		v.v[i] = "giá trị";
	if (tmpl_check(s, err, sizeof(err)) == 0) {
		r = tmpl_render(s, &v);
		free(r);
	}
	/* Timing phrases as they come from plan tables. */
	{
		struct phrase ph;
		char vi[256], en[256];

		struct ymd dues[5], jan1 = { 2023, 1, 1 };
		char why[256];
		int k;

		phrase_parse(s, size % 2 ? 2023 : 0, &ph);
		phrase_describe(&ph, vi, sizeof(vi), en, sizeof(en));
		for (k = 0; k < ph.nsched; k++)
			(void)phrase_dues(&ph.sched[k], jan1, dues, 5);
		/*
		 * The cardinal rule: every word read, a filler, or listed
		 * unread with the reading flagged; vague words always flag.
		 */
		if (phrase_invariant(s, why, sizeof(why)) != 0) {
			fprintf(stderr, "phrase invariant: %s\n", why);
			abort();
		}
		/* Unread words never leave a reading unflagged. */
		if (ph.unread[0] != '\0' && !ph.ambiguous)
			abort();
	}
	/* Agency names of plan cells against a small directory. */
	{
		static const struct name_entry dir[] = {
			{ "SNV", "Sở Nội vụ", "so-nganh", NULL },
			{ "VP", "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", NULL, NULL },
			{ "HVC", "UBND huyện Văn Chấn", "huyen", NULL },
		};
		struct name_dir *nd = names_new(dir, 3);
		struct name_hit hits[16];
		int close[3];

		(void)names_resolve(nd, s, hits, 16);
		(void)names_closest(nd, s, close, 3);
		names_free(nd);
	}
	/* Mail headers: an address cannot fold, so only the text's length. */
	r = mailhdr_text("Subject", s);
	check_folded(r, MAILHDR_LINE);
	free(r);
	r = mailhdr_mailbox("From", s);
	check_folded(r, 0);
	free(r);
	/* Fitting SMS text: the parts are pieces of the text itself. */
	if (size > 8) {
		const char *parts[2] = { s + size / 2, "giá trị" };

		r = sms_fit(s, 1 + (int)(data[0] % 3), parts, 2, s + size - 3);
		free(r);
	}
	free(s);
	return 0;
}
