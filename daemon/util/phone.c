/*
 * phone.c: normalises phone numbers as people write them ("0912 345 678",
 * "+84-912.345.678", "84912345678", "912345678" after a spreadsheet ate
 * the leading zero) to E.164 (+84912345678).  Mobile numbers still written
 * in the 11-digit form retired in 2018 are converted to their 10-digit
 * successors, since the old prefixes no longer route.  Mobile numbers
 * must carry a prefix that a carrier holds, so a typo in the second or
 * third digit is caught at input rather than by a gateway's error code.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "nls.h"

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

/*
 * Mobile prefixes of the national number (after 0 or 84) by carrier, as
 * assigned since the 2018 renumbering.  030x and 051x, which some lists
 * give MobiFone, are left out until they are seen in use.
 */
static const struct {
	const char	*prefix;
	const char	*carrier;
} carriers[] = {
	{ "32", "Viettel" }, { "33", "Viettel" }, { "34", "Viettel" },
	{ "35", "Viettel" }, { "36", "Viettel" }, { "37", "Viettel" },
	{ "38", "Viettel" }, { "39", "Viettel" }, { "86", "Viettel" },
	{ "96", "Viettel" }, { "97", "Viettel" }, { "98", "Viettel" },
	{ "81", "VinaPhone" }, { "82", "VinaPhone" }, { "83", "VinaPhone" },
	{ "84", "VinaPhone" }, { "85", "VinaPhone" }, { "88", "VinaPhone" },
	{ "91", "VinaPhone" }, { "94", "VinaPhone" },
	{ "70", "MobiFone" }, { "76", "MobiFone" }, { "77", "MobiFone" },
	{ "78", "MobiFone" }, { "79", "MobiFone" }, { "89", "MobiFone" },
	{ "90", "MobiFone" }, { "93", "MobiFone" },
	{ "52", "Vietnamobile" }, { "56", "Vietnamobile" },
	{ "58", "Vietnamobile" }, { "92", "Vietnamobile" },
	{ "59", "Gmobile" }, { "993", "Gmobile" }, { "994", "Gmobile" },
	{ "995", "Gmobile" }, { "996", "Gmobile" }, { "997", "Gmobile" },
	{ "87", "Itelecom" }, { "998", "Itelecom" }, { "999", "Itelecom" },
	{ "55", "Reddi" },
};

/*
 * The carrier of an E.164 Vietnamese number, "landline" for fixed lines
 * (which take neither SMS nor Zalo), or NULL for an unassigned prefix.
 */
const char *
phone_carrier(const char *e164)
{
	const char *nat;
	size_t i;

	if (strncmp(e164, "+84", 3) != 0)
		return NULL;
	nat = e164 + 3;
	if (nat[0] == '2' && strlen(nat) == 10)
		return "landline";
	if (strlen(nat) != 9)
		return NULL;
	for (i = 0; i < sizeof(carriers) / sizeof(carriers[0]); i++)
		if (strncmp(nat, carriers[i].prefix,
		    strlen(carriers[i].prefix)) == 0)
			return carriers[i].carrier;
	return NULL;
}

/*
 * Returns 0 with OUT set to +84..., -1 if IN is not written as a VN
 * number, or -2 if it is a mobile number no carrier holds.
 */
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
				return phone_carrier(out) == NULL ? -2 : 0;
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
	return phone_carrier(out) == NULL ? -2 : 0;
}

/* Why phone_normalize() refused a number, for error messages. */
const char *
phone_error(int rc)
{
	return rc == -2 ? _("no carrier holds that mobile prefix") :
	    _("not a Vietnamese phone number (0..., 84... or +84...)");
}
