/*
 * ics.c: an agency's deadlines as an iCalendar feed, built with libical.
 * Each occurrence of a task the agency leads or cooperates on is a VEVENT
 * at its deadline (no DTEND: a deadline is a moment), with a reminder the
 * day before, and STATUS CANCELLED for cancelled ones.  A task it only
 * cooperates on says so (summary, description, CATEGORIES "Phối hợp"),
 * the lead's being "Chủ trì".  Done tasks stay, marked as such: the
 * calendar is also a record.
 *
 * The UID, occ-N-INSTALL@HOST, stays the same across refreshes so
 * calendar apps update rather than duplicate, and holds the database's
 * random install id and this host's name (public_url's, else the
 * machine's), so two installations or a rebuilt database never merge.
 *
 * Heads subscribe from their phone's calendar with a feed token: the
 * agency code sealed with the ack key, so the URL cannot be guessed or
 * turned into another agency's.
 *
 * A feed is bounded, since anyone with its URL may ask for it often:
 * ICS_BACK days of history, ICS_AHEAD days ahead (a plan's year), at
 * most ICS_MAX_EVENTS events, and text cut on character boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libical/ical.h>

#include "ack.h"
#include "ics.h"
#include "safetext.h"
#include "store.h"
#include "tztime.h"
#include "xmalloc.h"

#define ICS_BACK	90
#define ICS_AHEAD	400
#define ICS_MAX_EVENTS	5000

struct ics_ctx {
	icalcomponent	*cal;
	time_t		 now;
	int		 events;
	const char	*install;
	char		 host[256];
};

/* The host of PUBLIC_URL, else this machine's name. */
static void
uid_host(const char *public_url, char *out, size_t len)
{
	const char *h;
	size_t n;

	if (public_url != NULL && (h = strstr(public_url, "://")) != NULL) {
		h += 3;
		n = strcspn(h, ":/?#");
		if (n > 0 && n < len) {
			snprintf(out, len, "%.*s", (int)n, h);
			return;
		}
	}
	if (gethostname(out, len) == -1 || out[0] == '\0')
		snprintf(out, len, "nhacviec");
	out[len - 1] = '\0';
}

static struct icaltimetype
utc(time_t t)
{
	return icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
}

static void
add_event(void *arg, const struct deadline_row *d)
{
	struct ics_ctx *c = arg;
	icalcomponent *ev, *alarm;
	struct icaltriggertype trig;
	char uid[400], summary[512], desc[1100], due[32], *s;
	int done = d->state == OCC_DONE;

	if (d->due_at > c->now + ICS_AHEAD * 86400 ||
	    c->events >= ICS_MAX_EVENTS)
		return;
	c->events++;
	fmt_local(d->due_at, due, sizeof(due));
	snprintf(uid, sizeof(uid), "occ-%lld%s%s@%s", (long long)d->occ_id,
	    c->install[0] ? "-" : "", c->install, c->host);
	xasprintf(&s, "%s%s%s", done ? "[Đã xong] " : "Hạn: ", d->coop ?
	    "[Phối hợp] " : "", d->title);
	text_fit(summary, sizeof(summary), s);
	free(s);
	xasprintf(&s, "Nhiệm vụ%s%s: %s\nKế hoạch: %s\n"
	    "Chủ trì: %s\n%sHạn: %s\nMã xác nhận: %s", d->ref ? " " : "",
	    d->ref ? d->ref : "", d->title, d->plan, d->agency_name,
	    d->coop ? "Vai trò: phối hợp\n" : "", due, d->ack_code);
	text_fit(desc, sizeof(desc), s);
	free(s);
	ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
	    icalproperty_new_uid(uid),
	    icalproperty_new_categories(d->coop ? "Phối hợp" : "Chủ trì"),
	    icalproperty_new_dtstamp(utc(c->now)),
	    icalproperty_new_dtstart(utc(d->due_at)),
	    icalproperty_new_summary(summary),
	    icalproperty_new_description(desc),
	    icalproperty_new_status(d->state == OCC_CANCELLED ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
	    (void *)0);
	if (d->state == OCC_OPEN) {
		memset(&trig, 0, sizeof(trig));
		trig.time = icaltime_null_time();
		trig.duration = icaldurationtype_from_int(-86400);
		alarm = icalcomponent_vanew(ICAL_VALARM_COMPONENT,
		    icalproperty_new_action(ICAL_ACTION_DISPLAY),
		    icalproperty_new_trigger(trig),
		    icalproperty_new_description(summary),
		    (void *)0);
		icalcomponent_add_component(ev, alarm);
	}
	icalcomponent_add_component(c->cal, ev);
}

char *
ics_agency(struct store *s, const char *agency, const char *public_url,
    time_t now)
{
	struct ics_ctx c;
	icalproperty *name;
	char *out, title[128];

	c.now = now;
	c.events = 0;
	c.install = store_install_id(s);
	uid_host(public_url, c.host, sizeof(c.host));
	c.cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//nhacviec//nhacviec " NHACVIEC_VERSION
	    "//VI"),
	    icalproperty_new_calscale("GREGORIAN"),
	    (void *)0);
	snprintf(title, sizeof(title), "Hạn nhiệm vụ — %s", agency);
	name = icalproperty_new_x(title);
	icalproperty_set_x_name(name, "X-WR-CALNAME");
	icalcomponent_add_property(c.cal, name);
	if (store_agency_deadlines(s, agency, now - ICS_BACK * 86400, add_event,
	    &c) == -1) {
		icalcomponent_free(c.cal);
		return NULL;
	}
	out = icalcomponent_as_ical_string_r(c.cal);
	icalcomponent_free(c.cal);
	return out;
}

/*
 * The token carries the agency's feed version: "nhacviec feed revoke"
 * bumps it, and every token made before stops working, without touching
 * the ack key (and so every ack link).
 */
int
ics_token_make(const char *key, const char *agency, int64_t version,
    char *out, size_t outlen)
{
	unsigned char raw[ACK_TOKEN_MAX / 4 * 3];
	size_t n = strlen(agency);

	if (n == 0 || n + 5 + 16 > sizeof(raw) ||	/* 16: the MAC */
	    version < 0 || version > UINT32_MAX)
		return -1;
	raw[0] = TOKEN_FEED_V;
	raw[1] = (unsigned char)(version >> 24);
	raw[2] = (unsigned char)(version >> 16);
	raw[3] = (unsigned char)(version >> 8);
	raw[4] = (unsigned char)version;
	memcpy(raw + 5, agency, n);
	return token_seal(key, raw, n + 5, out, outlen);
}

int
ics_token_parse(const char *key, const char *token, char *agency,
    size_t len, int64_t *version)
{
	unsigned char raw[ACK_TOKEN_MAX];
	size_t n, off;

	if (token_open(key, token, raw, sizeof(raw), &n) == -1 || n < 2)
		return -1;
	if (raw[0] == TOKEN_FEED) {
		off = 1;
		*version = 0;
	} else if (raw[0] == TOKEN_FEED_V && n > 5) {
		off = 5;
		*version = (int64_t)raw[1] << 24 | raw[2] << 16 | raw[3] << 8 |
		    raw[4];
	} else
		return -1;
	if (n - off + 1 > len)
		return -1;
	memcpy(agency, raw + off, n - off);
	agency[n - off] = '\0';
	return 0;
}
