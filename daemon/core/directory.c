/*
 * directory.c: the agency directory and plans as people enter them.  Each
 * add runs in its own transaction and checks what the store cannot: code
 * shapes, roles, e-mail and phone numbers (normalized to E.164 with the
 * carrier check), dates.  Refusals name the field, so the CLI, the API
 * and an import line can pass them on as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "directory.h"
#include "phone.h"
#include "safetext.h"
#include "tztime.h"

/* Names reach logs, terminals and spreadsheets: no controls in them. */
#define CONTROL_ERR	"name: control characters (tab, line break, escape " \
	"sequences...) are not allowed / tên không được chứa ký tự điều khiển"

/*
 * Codes are what people type in commands and CSV files: no spaces or
 * commas, but UTF-8 is fine, since document numbers read "2618/QĐ-UBND".
 */
int
dir_valid_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 63)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == ',' || *s == ';' ||
		    *s == 0x7f)
			return 0;
	return 1;
}

/*
 * The checks a contact's fields get however they arrive: a known role
 * (made canonical), an e-mail with an "@", a phone that normalizes (to
 * E.164, in a buffer the caller reads before the next call).  Each of
 * ROLE and PHONE may point at NULL, which passes.
 */
static int
check_contact(const char **role, const char **phone, const char *email,
    char *err, size_t errlen)
{
	static char e164[32];
	int rc;

	if (*role != NULL) {
		if (role_parse(*role) == 0) {
			snprintf(err, errlen, "role: \"%s\": expected head, "
			    "deputy or focal", *role);
			return -1;
		}
		*role = role_name(role_parse(*role));
	}
	if (email != NULL && strchr(email, '@') == NULL) {
		snprintf(err, errlen, "email: \"%s\" is not an e-mail address",
		    email);
		return -1;
	}
	if (*phone != NULL) {
		if ((rc = phone_normalize(*phone, e164, sizeof(e164))) < 0) {
			snprintf(err, errlen, "phone: \"%s\": %s", *phone,
			    phone_error(rc));
			return -1;
		}
		*phone = e164;
	}
	return 0;
}

/* DATE (YYYY-MM-DD or dd/mm/yyyy) as YYYY-MM-DD, or NULL with ERR. */
static const char *
iso_date(const char *date, char *err, size_t errlen)
{
	static char iso[16];
	int y, m, d, n = parse_date(date, &y, &m, &d);

	if (n == 0 || date[n] != '\0') {
		snprintf(err, errlen, "date: expected YYYY-MM-DD or dd/mm/yyyy, "
		    "not \"%s\"", date);
		return NULL;
	}
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return iso;
}

/*
 * A plan's period: given as dates, or a year ("2023"), else read from a
 * title such as "Kế hoạch ... năm 2023" (the last "năm YYYY" in it).
 * Recurrences and standing duties end with it.
 */
static int
plan_period(struct plan_row *p, char *err, size_t errlen)
{
	static char from[16], until[16];
	const char *t, *q;
	int y = 0, m, d, n;

	if (p->period_from != NULL) {
		if ((n = parse_date(p->period_from, &y, &m, &d)) == 0 ||
		    p->period_from[n] != '\0') {
			if (strlen(p->period_from) != 4 ||
			    (y = atoi(p->period_from)) < 1900 || y > 2199) {
				snprintf(err, errlen, "period: \"%s\" is neither "
				    "a year nor a date", p->period_from);
				return -1;
			}
			m = d = 1;
		}
		snprintf(from, sizeof(from), "%04d-%02d-%02d", y, m, d);
		p->period_from = from;
		if (p->period_until == NULL && strlen(from) == 10 &&
		    m == 1 && d == 1) {
			snprintf(until, sizeof(until), "%04d-12-31", y);
			p->period_until = until;
		}
	}
	if (p->period_until != NULL && p->period_until != until) {
		if ((n = parse_date(p->period_until, &y, &m, &d)) == 0 ||
		    p->period_until[n] != '\0') {
			snprintf(err, errlen, "until: expected YYYY-MM-DD, not "
			    "\"%s\"", p->period_until);
			return -1;
		}
		snprintf(until, sizeof(until), "%04d-%02d-%02d", y, m, d);
		p->period_until = until;
	}
	if (p->period_from != NULL || p->period_until != NULL ||
	    p->title == NULL)
		return 0;
	/* "năm 2023" in the title, with or without its accents. */
	for (t = p->title, y = 0; (q = strstr(t, "năm ")) != NULL ||
	    (q = strstr(t, "Năm ")) != NULL || (q = strstr(t, "nam ")) != NULL;
	    t = q + 1) {
		const char *v = q + (q[1] == 'a' ? 4 : 5);

		if (strlen(v) >= 4 && v[0] >= '1' && v[0] <= '2' &&
		    strspn(v, "0123456789") == 4)
			y = atoi(v);
	}
	if (y >= 1900 && y <= 2199) {
		snprintf(from, sizeof(from), "%04d-01-01", y);
		snprintf(until, sizeof(until), "%04d-12-31", y);
		p->period_from = from;
		p->period_until = until;
	}
	return 0;
}

int
dir_agency_add(struct store *s, const char *code, const char *name,
    const char *parent, const char *const *groups, int ngroups, time_t now,
    int64_t *id, char *err, size_t errlen)
{
	if (code == NULL || !dir_valid_code(code)) {
		snprintf(err, errlen, "code: \"%s\": no spaces or commas, at "
		    "most 63 bytes", code ? code : "");
		return -1;
	}
	if (name != NULL && text_has_control(name, 0)) {
		snprintf(err, errlen, "%s", CONTROL_ERR);
		return -1;
	}
	if (name == NULL || *name == '\0') {
		snprintf(err, errlen, "name: the agency needs a name");
		return -1;
	}
	if (store_begin(s) == -1)
		return -2;
	if (store_agency_add(s, code, name, parent, groups, ngroups, now,
	    id) == -1) {
		snprintf(err, errlen, "%s", store_error(s));
		store_rollback(s);
		return -1;
	}
	return store_commit(s) == -1 ? -2 : 0;
}

int
dir_contact_add(struct store *s, const char *agency, struct contact_row *r,
    time_t now, int64_t *id, char *err, size_t errlen)
{
	int rc;

	if (r->name != NULL && text_has_control(r->name, 0)) {
		snprintf(err, errlen, "%s", CONTROL_ERR);
		return -1;
	}
	if (r->name == NULL || *r->name == '\0') {
		snprintf(err, errlen, "name: the contact needs a name");
		return -1;
	}
	if (r->role == NULL)
		r->role = "head";
	if (check_contact(&r->role, &r->phone, r->email, err, errlen) == -1)
		return -1;
	if (store_begin(s) == -1)
		return -2;
	if ((rc = store_agency_get(s, agency ? agency : "", &r->agency_id,
	    NULL)) != 1) {
		store_rollback(s);
		if (rc == -1)
			return -2;
		snprintf(err, errlen, "agency: unknown agency \"%s\"",
		    agency ? agency : "");
		return -1;
	}
	if (store_contact_add(s, r, now, id) == -1) {
		store_rollback(s);
		return -2;
	}
	return store_commit(s) == -1 ? -2 : 0;
}

int
dir_plan_add(struct store *s, struct plan_row *p, time_t now, int64_t *id,
    char *err, size_t errlen)
{
	if (p->code == NULL || !dir_valid_code(p->code)) {
		snprintf(err, errlen, "code: \"%s\": no spaces or commas, at "
		    "most 63 bytes", p->code ? p->code : "");
		return -1;
	}
	if (p->title != NULL && text_has_control(p->title, 1)) {
		snprintf(err, errlen, "title: control characters are not "
		    "allowed / không được chứa ký tự điều khiển");
		return -1;
	}
	if (p->title == NULL || *p->title == '\0') {
		snprintf(err, errlen, "title: the plan needs a title");
		return -1;
	}
	if (p->issued_on != NULL &&
	    (p->issued_on = iso_date(p->issued_on, err, errlen)) == NULL)
		return -1;
	if (plan_period(p, err, errlen) == -1)
		return -1;
	if (store_begin(s) == -1)
		return -2;
	if (store_plan_add(s, p, now, id) == -1) {
		snprintf(err, errlen, "%s", store_error(s));
		store_rollback(s);
		return -1;
	}
	return store_commit(s) == -1 ? -2 : 0;
}

/* Commits a one-statement change: 0, -1 none matched (ERR), -2 store. */
static int
finish_update(struct store *s, int rc, const char *what, char *err,
    size_t errlen)
{
	if (rc == -1) {
		store_rollback(s);
		return -2;
	}
	if (rc == 0) {
		store_rollback(s);
		snprintf(err, errlen, "no %s", what);
		return -1;
	}
	return store_commit(s) == -1 ? -2 : 0;
}

int
dir_contact_update(struct store *s, int64_t id, struct contact_patch *p,
    char *err, size_t errlen)
{
	char what[48];

	if (p->name.set && p->name.value != NULL &&
	    text_has_control(p->name.value, 0)) {
		snprintf(err, errlen, "%s", CONTROL_ERR);
		return -1;
	}
	if (p->name.set && (p->name.value == NULL || *p->name.value == '\0')) {
		snprintf(err, errlen, "name: cannot be empty");
		return -1;
	}
	if (p->role.set && p->role.value == NULL) {
		snprintf(err, errlen, "role: expected head, deputy or focal");
		return -1;
	}
	if (check_contact(&p->role.value, &p->phone.value, p->email.set ?
	    p->email.value : NULL, err, errlen) == -1)
		return -1;
	if (store_begin(s) == -1)
		return -2;
	snprintf(what, sizeof(what), "contact %lld", (long long)id);
	return finish_update(s, store_contact_update(s, id, p), what, err,
	    errlen);
}

int
dir_agency_update(struct store *s, const char *code,
    const struct patch_str *name, const struct patch_str *parent, char *err,
    size_t errlen)
{
	char what[96];
	int64_t pid;
	int rc;

	if (name->set && name->value != NULL &&
	    text_has_control(name->value, 0)) {
		snprintf(err, errlen, "%s", CONTROL_ERR);
		return -1;
	}
	if (name->set && (name->value == NULL || *name->value == '\0')) {
		snprintf(err, errlen, "name: cannot be empty");
		return -1;
	}
	if (store_begin(s) == -1)
		return -2;
	if (parent->set && parent->value != NULL) {
		if ((rc = store_agency_get(s, parent->value, &pid, NULL)) != 1 ||
		    (rc = store_agency_is_above(s, code, parent->value)) != 0) {
			store_rollback(s);
			if (rc == -1)
				return -2;
			snprintf(err, errlen, "parent: \"%s\" %s",
			    parent->value, rc == 0 ? "is not an agency" :
			    "is this agency or below it");
			return -1;
		}
	}
	snprintf(what, sizeof(what), "agency \"%s\"", code);
	return finish_update(s, store_agency_update(s, code, name, parent),
	    what, err, errlen);
}

int
dir_plan_period(struct store *s, const char *code, const char *from,
    const char *until, char *err, size_t errlen)
{
	struct plan_row p;
	char what[96];

	memset(&p, 0, sizeof(p));
	p.period_from = from;
	p.period_until = until;
	if (from == NULL && until == NULL) {
		snprintf(err, errlen, "period: a year, or from and until dates");
		return -1;
	}
	if (plan_period(&p, err, errlen) == -1)
		return -1;
	if (store_begin(s) == -1)
		return -2;
	snprintf(what, sizeof(what), "plan \"%s\"", code);
	return finish_update(s, store_plan_set_period(s, code, p.period_from,
	    p.period_until), what, err, errlen);
}

int
dir_plan_update(struct store *s, const char *code, const struct patch_str *t,
    const struct patch_str *issuer, struct patch_str *date, char *err,
    size_t errlen)
{
	char what[96];

	if (t->set && t->value != NULL && text_has_control(t->value, 1)) {
		snprintf(err, errlen, "title: control characters are not "
		    "allowed / không được chứa ký tự điều khiển");
		return -1;
	}
	if (t->set && (t->value == NULL || *t->value == '\0')) {
		snprintf(err, errlen, "title: cannot be empty");
		return -1;
	}
	if (date->set && date->value != NULL &&
	    (date->value = iso_date(date->value, err, errlen)) == NULL)
		return -1;
	if (store_begin(s) == -1)
		return -2;
	snprintf(what, sizeof(what), "plan \"%s\"", code);
	return finish_update(s, store_plan_update(s, code, t, issuer, date),
	    what, err, errlen);
}

int
dir_task_update(struct store *s, int64_t id, const struct patch_str *t,
    const struct patch_str *ref, const struct patch_str *quota, char *err,
    size_t errlen)
{
	char what[48];

	if (t->set && t->value != NULL && text_has_control(t->value, 1)) {
		snprintf(err, errlen, "title: control characters are not "
		    "allowed / không được chứa ký tự điều khiển");
		return -1;
	}
	if (t->set && (t->value == NULL || *t->value == '\0')) {
		snprintf(err, errlen, "title: cannot be empty");
		return -1;
	}
	if (store_begin(s) == -1)
		return -2;
	snprintf(what, sizeof(what), "task %lld", (long long)id);
	return finish_update(s, store_task_update(s, id, t, ref, quota), what,
	    err, errlen);
}
