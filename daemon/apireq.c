/*
 * apireq.c: reads the admin API's request bodies: JSON objects whose
 * members must have the right types.  Nothing here touches HTTP or the
 * database, so every reader can be fuzzed on raw bytes (fuzz-api).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apireq.h"

json_t *
apireq_object(const char *buf, size_t len, char *err, size_t errlen)
{
	json_error_t e;
	json_t *j;

	if (len > API_MAX_BODY) {
		snprintf(err, errlen, "body of %zu bytes; at most %d", len,
		    API_MAX_BODY);
		return NULL;
	}
	if ((j = json_loadb(buf, len, 0, &e)) == NULL) {
		snprintf(err, errlen, "bad JSON at line %d, column %d: %s",
		    e.line, e.column, e.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		snprintf(err, errlen, "expected a JSON object");
		return NULL;
	}
	return j;
}

int64_t
apireq_id(const char *s, size_t n)
{
	char buf[24], *end;
	long long v;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtoll(buf, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

/* A string member: *OUT is NULL when absent (or null) and optional. */
static int
str_field(json_t *o, const char *key, int required, const char **out,
    char *err, size_t errlen)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		snprintf(err, errlen, "%s: required", key);
		return -1;
	}
	if (!json_is_string(v)) {
		snprintf(err, errlen, "%s: must be a string", key);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

/* Reads KEYS[i] into OUT[i], required where REQ[i] is 'r'. */
static int
str_fields(json_t *o, const char *const *keys, const char *req,
    const char **out[], char *err, size_t errlen)
{
	int i;

	for (i = 0; keys[i] != NULL; i++)
		if (str_field(o, keys[i], req[i] == 'r', out[i], err,
		    errlen) == -1)
			return -1;
	return 0;
}

/* A member a PATCH may give: F->set when present; null clears it. */
static int
patch_field(json_t *o, const char *key, struct patch_str *f, char *err,
    size_t errlen)
{
	json_t *v = json_object_get(o, key);

	f->set = v != NULL;
	f->value = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		snprintf(err, errlen, "%s: must be a string or null", key);
		return -1;
	}
	f->value = json_string_value(v);
	return 0;
}

static int
bool_field(json_t *o, const char *key, int *out, char *err, size_t errlen)
{
	json_t *v = json_object_get(o, key);

	*out = -1;
	if (v == NULL)
		return 0;
	if (!json_is_boolean(v)) {
		snprintf(err, errlen, "%s: must be true or false", key);
		return -1;
	}
	*out = json_is_true(v);
	return 0;
}

int
apireq_agency(json_t *o, struct agency_req *r, char *err, size_t errlen)
{
	static const char *const keys[] = { "code", "name", "parent", NULL };
	const char **out[] = { &r->code, &r->name, &r->parent };
	json_t *g, *v;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (str_fields(o, keys, "rro", out, err, errlen) == -1)
		return -1;
	g = json_object_get(o, "groups");
	if (g != NULL && !json_is_array(g)) {
		snprintf(err, errlen, "groups: must be an array of strings");
		return -1;
	}
	json_array_foreach(g, i, v) {
		if (!json_is_string(v) || r->ngroups == DIR_MAX_GROUPS) {
			snprintf(err, errlen, "groups: at most %d strings",
			    DIR_MAX_GROUPS);
			return -1;
		}
		r->groups[r->ngroups++] = json_string_value(v);
	}
	return 0;
}

int
apireq_contact(json_t *o, const char **agency, struct contact_row *r,
    char *err, size_t errlen)
{
	static const char *const keys[] = { "agency", "name", "role",
	    "phone", "zalo", "email", "telegram", NULL };
	const char **out[] = { agency, &r->name, &r->role, &r->phone,
	    &r->zalo, &r->email, &r->telegram };

	memset(r, 0, sizeof(*r));
	r->active = 1;
	return str_fields(o, keys, "rrooooo", out, err, errlen);
}

int
apireq_plan(json_t *o, struct plan_row *p, char *err, size_t errlen)
{
	static const char *const keys[] = { "code", "title", "issuer",
	    "date", NULL };
	const char **out[] = { &p->code, &p->title, &p->issuer,
	    &p->issued_on };

	memset(p, 0, sizeof(*p));
	return str_fields(o, keys, "rroo", out, err, errlen);
}

int
apireq_task(json_t *o, struct task_spec *t, char *err, size_t errlen)
{
	static const char *const keys[] = { "plan", "title", "lead",
	    "cooperate", "ref", "policy", "due", "every", "rrule", "start",
	    "report", "quota", NULL };
	const char **out[] = { &t->plan, &t->title, &t->lead, &t->cooperate,
	    &t->ref, &t->policy, &t->due, &t->every, &t->rrule, &t->start,
	    &t->report, &t->quota };
	int ongoing;

	memset(t, 0, sizeof(*t));
	t->via = "admin API";
	if (str_fields(o, keys, "rrrooooooooo", out, err, errlen) == -1 ||
	    bool_field(o, "ongoing", &ongoing, err, errlen) == -1)
		return -1;
	t->ongoing = ongoing == 1;
	return 0;
}

int
apireq_done(json_t *o, struct done_req *r, char *err, size_t errlen)
{
	static const char *const keys[] = { "ack_code", "by", "note", NULL };
	const char **out[] = { &r->ack, &r->by, &r->note };
	json_t *t;

	memset(r, 0, sizeof(*r));
	if (str_fields(o, keys, "ooo", out, err, errlen) == -1)
		return -1;
	t = json_object_get(o, "task");
	if (t != NULL && !json_is_integer(t)) {
		snprintf(err, errlen, "task: must be an integer");
		return -1;
	}
	r->task = t ? json_integer_value(t) : 0;
	if ((r->task == 0) == (r->ack == NULL)) {
		snprintf(err, errlen, "give either task or ack_code");
		return -1;
	}
	return 0;
}

int
apireq_extend(json_t *o, struct extend_req *r, char *err, size_t errlen)
{
	static const char *const keys[] = { "due", "reason", "by", NULL };
	const char **out[] = { &r->due, &r->reason, &r->by };

	return str_fields(o, keys, "rro", out, err, errlen);
}

int
apireq_contact_patch(json_t *o, struct contact_patch *cp, char *err,
    size_t errlen)
{
	static const char *const keys[] = { "name", "role", "phone", "zalo",
	    "email", "telegram", NULL };
	struct patch_str *f[] = { &cp->name, &cp->role, &cp->phone,
	    &cp->zalo, &cp->email, &cp->telegram };
	int i;

	memset(cp, 0, sizeof(*cp));
	for (i = 0; keys[i] != NULL; i++)
		if (patch_field(o, keys[i], f[i], err, errlen) == -1)
			return -1;
	return bool_field(o, "active", &cp->active, err, errlen);
}

int
apireq_patch(json_t *o, const char *const *keys, struct patch_str *f,
    char *err, size_t errlen)
{
	int i;

	for (i = 0; keys[i] != NULL; i++)
		if (patch_field(o, keys[i], &f[i], err, errlen) == -1)
			return -1;
	return 0;
}
