/*
 * rowjson.c: rows as JSON objects.  Times are Unix seconds; absent values
 * are null rather than missing, so clients can rely on every key.
 */
#include <string.h>

#include "rowjson.h"

json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

#define S(x)	json_str_or_null(x)

json_t *
agency_json(const struct agency_row *a)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)a->id,
	    "code", a->code, "name", a->name, "parent", S(a->parent_code),
	    "groups", S(a->groups));
}

json_t *
contact_json(const struct contact_row *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b}",
	    "id", (json_int_t)r->id, "agency", r->agency_code, "name", r->name,
	    "role", r->role, "phone", S(r->phone), "zalo", S(r->zalo),
	    "email", S(r->email), "telegram", S(r->telegram), "active",
	    r->active);
}

json_t *
plan_json(const struct plan_row *p)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id",
	    (json_int_t)p->id, "code", p->code, "title", p->title, "issuer",
	    S(p->issuer), "date", S(p->issued_on), "period_from",
	    S(p->period_from), "period_until", S(p->period_until));
}

json_t *
task_json(const struct task_row *t, time_t now)
{
	int overdue = t->occ_id != 0 && t->occ_state == OCC_OPEN &&
	    t->due_at < now;

	json_t *j, *w = json_null();

	if (t->wait_unit != NULL)
		w = json_pack("{s:f, s:s, s:o, s:o}", "n", t->wait_n, "unit",
		    t->wait_unit, "trigger", S(t->wait_trigger), "started",
		    t->started_at ? json_integer(t->started_at) : json_null());
	j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:o, "
	    "s:o, s:b, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)t->id, "plan",
	    t->plan_code,
	    "ref", S(t->ref), "title", t->title, "lead", t->lead_code,
	    "lead_name", t->lead_name, "cooperating", S(t->coop),
	    "policy", t->policy,
	    "due", t->occ_id ? json_integer(t->due_at) : json_null(),
	    "state", t->occ_id ? json_string(occ_state_name(t->occ_state)) :
	    json_null(), "ack_code", S(t->ack_code),
	    "overdue", overdue, "quota", S(t->quota), "form", S(t->form),
	    "note", S(t->note), "content", S(t->content), "section",
	    S(t->section));
	json_object_set_new(j, "waiting", w);
	return j;
}

json_t *
occ_json(const struct occ_row *o)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)o->id, "due", (json_int_t)o->due_at,
	    "state", occ_state_name(o->state), "ack_code", o->ack_code,
	    "done_at", o->done_at ? json_integer(o->done_at) : json_null(),
	    "done_by", S(o->done_by), "done_via", S(o->done_via),
	    "note", S(o->note));
}

/* The outbox by state, as "status" shows it. */
json_t *
counts_json(const struct store_counts *n)
{
	json_t *o = json_object();
	int i;

	for (i = 0; i < MSG_NSTATES; i++)
		json_object_set_new(o, msg_state_name(i),
		    json_integer(n->msgs[i]));
	return o;
}

/*
 * A message; "digest" says it carries others, "in_digest" which digest
 * carries it (it is never sent alone then).
 */
json_t *
msg_json(const struct msg_row *m)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:i, s:i, s:I, "
	    "s:I, s:o, s:o, s:s, s:I, s:b, s:o}", "id", (json_int_t)m->id,
	    "state", msg_state_name(m->state), "kind", job_kind_name(m->kind),
	    "step", m->step,
	    "provider", m->provider, "to", m->address,
	    "contact", m->contact_name, "attempts", m->attempts,
	    "in_doubt", m->in_doubt, "created_at", (json_int_t)m->created_at,
	    "next_attempt_at", (json_int_t)m->next_attempt_at,
	    "last_error", S(m->last_error),
	    "provider_msg_id", S(m->provider_msg_id),
	    "idempotency_key", m->idem_key, "task", (json_int_t)m->task_id,
	    "digest", m->is_digest, "in_digest", m->digest_id ?
	    json_integer(m->digest_id) : json_null());
}
