/*
 * phone.c: normalises phone numbers as people write them ("0912 345 678",
 * "+84-912.345.678", "84912345678", "912345678" after a spreadsheet ate
 * the leading zero) to E.164 (+84912345678).  Mobile numbers still written
 * in the 11-digit form retired in 2018 are converted to their 10-digit
 * successors, since the old prefixes no longer route.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"

/* The 2018 renumbering of mobile prefixes (old 4 digits -> new 3). */
static const struct {
	const char	*old;
	const char	*new;
} renumbered[] = {
	{ "120", "70" }, { "121", "79" }, { "122", "77" }, { "126", "76" },
	{ "128", "78" }, { "123", "83" }, { "124", "84" }, { "125", "85" },
	{ "127", "81" }, { "129", "82" }, { "162", "32" }, { "163", "33" },
	{ "164", "34" }, { "165", "35" }, { "166", "36" }, { "167", "37" },
	{ "168", "38" }, { "169", "39" }, { "186", "56" }, { "188", "58" },
	{ "199", "59" },
};

/* Returns 0 with OUT set to +84..., or -1 if IN is not a VN number. */
int
phone_normalize(const char *in, char *out, size_t outlen)
{
	char d[32], *nat;
	size_t n = 0, i;

	for (; *in != '\0'; in++) {
		if (isdigit((unsigned char)*in)) {
			if (n + 1 >= sizeof(d))
				return -1;
			d[n++] = *in;
		} else if (*in == '+' && n == 0)
			continue;
		else if (*in != ' ' && *in != '.' && *in != '-' &&
		    *in != '(' && *in != ')')
			return -1;
	}
	d[n] = '\0';
	/* The national significant number, without 0 or 84 in front. */
	if (n >= 11 && strncmp(d, "84", 2) == 0)
		nat = d + 2;
	else if (d[0] == '0')
		nat = d + 1;
	else
		nat = d;
	if (strlen(nat) == 10) {
		for (i = 0; i < sizeof(renumbered) / sizeof(renumbered[0]);
		    i++) {
			if (strncmp(nat, renumbered[i].old, 3) == 0) {
				snprintf(out, outlen, "+84%s%s",
				    renumbered[i].new, nat + 3);
				return 0;
			}
		}
		/* Ten digits after the trunk: only landlines (2xx) exist. */
		if (nat[0] != '2')
			return -1;
	} else if (strlen(nat) != 9)
		return -1;
	if (nat[0] == '0' || nat[0] == '1')
		return -1;
	snprintf(out, outlen, "+84%s", nat);
	return 0;
}
