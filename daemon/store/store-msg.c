/*
 * store-msg.c: the durable outbox (messages and their states), the
 * audit log of events, and the counts behind "status".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "xmalloc.h"

/* Every message query returns these columns, read by read_msg(). */
#define MSG_COLS \
	"SELECT m.id, m.job_id, m.contact_id, m.channel, m.provider," \
	" m.address, m.body, m.idem_key, m.state, m.attempts, m.in_doubt," \
	" m.created_at, m.next_attempt_ms / 1000, m.last_error," \
	" m.provider_msg_id," \
	" j.kind, j.step, t.id, t.ref, t.title, t.policy, p.code, o.id," \
	" o.due_at, o.ack_code, a.code, a.name, c.name, c.role, c.phone," \
	" c.zalo, c.email, c.telegram, j.fire_at, t.lead_id," \
	" coalesce(m.prev_id, 0), m.mail_id, coalesce(m.digest_id, 0)," \
	" m.is_digest" \
	" FROM message m JOIN job j ON j.id = m.job_id" \
	" JOIN occurrence o ON o.id = j.occurrence_id" \
	" JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id" \
	" JOIN contact c ON c.id = m.contact_id" \
	" JOIN agency a ON a.id = c.agency_id "

/* Reads a row of MSG_COLS into M: 0, or -1 for a state or kind unknown. */
static int
read_msg(struct store *s, sqlite3_stmt *st, struct msg_row *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->job_id = sqlite3_column_int64(st, 1);
	m->contact_id = sqlite3_column_int64(st, 2);
	m->channel = sqlite3_column_int(st, 3);
	m->provider = col_text(st, 4);
	m->address = col_text(st, 5);
	m->body = col_text(st, 6);
	m->idem_key = col_text(st, 7);
	if (msg_state_parse(col_text(st, 8), &m->state) == -1)
		return store_bad_word(s, "message state", col_text(st, 8));
	m->attempts = sqlite3_column_int(st, 9);
	m->in_doubt = sqlite3_column_int(st, 10);
	m->created_at = sqlite3_column_int64(st, 11);
	m->next_attempt_at = sqlite3_column_int64(st, 12);
	m->last_error = col_text(st, 13);
	m->provider_msg_id = col_text(st, 14);
	if (job_kind_parse(col_text(st, 15), &m->kind) == -1)
		return store_bad_word(s, "job kind", col_text(st, 15));
	m->step = sqlite3_column_int(st, 16);
	m->task_id = sqlite3_column_int64(st, 17);
	m->task_ref = col_text(st, 18);
	m->task_title = col_text(st, 19);
	m->policy = col_text(st, 20);
	m->plan_code = col_text(st, 21);
	m->occ_id = sqlite3_column_int64(st, 22);
	m->due_at = sqlite3_column_int64(st, 23);
	m->ack_code = col_text(st, 24);
	m->agency_code = col_text(st, 25);
	m->agency_name = col_text(st, 26);
	m->contact_name = col_text(st, 27);
	m->contact_role = col_text(st, 28);
	m->phone = col_text(st, 29);
	m->zalo = col_text(st, 30);
	m->email = col_text(st, 31);
	m->telegram = col_text(st, 32);
	m->fire_at = sqlite3_column_int64(st, 33);
	m->lead_id = sqlite3_column_int64(st, 34);
	m->prev_id = sqlite3_column_int64(st, 35);
	m->mail_id = col_text(st, 36);
	m->digest_id = sqlite3_column_int64(st, 37);
	m->is_digest = sqlite3_column_int(st, 38);
	return 0;
}

/*
 * A message's Message-ID left part: job, contact, a random part and the
 * install id, "nv.J.C.RAND.INSTALL".  SQL, for the inserts below.
 */
#define MAIL_ID(job, contact) \
	"'nv.' || " job " || '.' || " contact " || '.' ||" \
	" lower(hex(randomblob(4))) || '.' ||" \
	" coalesce((SELECT value FROM meta WHERE key = 'install_id'), '')"

int
store_msgs_run(struct store *s, sqlite3_stmt *st, msg_cb cb, void *arg)
{
	struct msg_row m;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_msg(s, st, &m) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		cb(arg, &m);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : store_fail(s, "reading messages");
}

/* The cached statement ID: the message columns, then WHERE (store-digest.c). */
sqlite3_stmt *
store_prep_msgs(struct store *s, enum stmt_id id, const char *where)
{
	sqlite3_stmt *st;
	char *sql;

	if (s->stmts[id] != NULL)
		return store_prep(s, id, NULL);
	xasprintf(&sql, "%s%s", MSG_COLS, where);
	st = store_prep(s, id, sql);
	free(sql);
	return st;
}

/*
 * Queues a message; a second one with the same key is a silent no-op.
 * It goes out at nm->at, or at once when that is 0 or past.
 */
int
store_msg_add(struct store *s, const struct new_msg *nm, int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_ADD, "INSERT INTO message (job_id,"
	    " contact_id, channel, provider, address, body, idem_key,"
	    " created_at, next_attempt_ms, updated_at, mail_id, is_digest)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, max(?8, ?9) * 1000, ?8, "
	    MAIL_ID("?1", "?2") ", ?10)"
	    " ON CONFLICT (idem_key) DO NOTHING");
	sqlite3_bind_int64(st, 1, nm->job_id);
	sqlite3_bind_int64(st, 2, nm->contact_id);
	sqlite3_bind_int(st, 3, nm->channel);
	bind_text(st, 4, nm->provider);
	sqlite3_bind_text(st, 5, nm->address, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, nm->body, -1, SQLITE_TRANSIENT);
	bind_text(st, 7, nm->idem_key);
	sqlite3_bind_int64(st, 8, nm->now);
	sqlite3_bind_int64(st, 9, nm->at);
	sqlite3_bind_int(st, 10, nm->is_digest);
	if (store_step_done(s, st, "queueing message") == -1)
		return -1;
	*id = sqlite3_changes(s->db) ? sqlite3_last_insert_rowid(s->db) : 0;
	return 0;
}

/* The messages a claim takes, in the order they go. */
#define CLAIM_WHERE \
	"m.state = 'queued' AND m.provider = ?1 AND m.next_attempt_ms <= ?2" \
	" AND m.digest_id IS NULL ORDER BY m.next_attempt_ms, m.id LIMIT ?3"

/*
 * Claims up to LIMIT queued messages of PROVIDER that are due: each is
 * handed to CB, then all are marked "sending" with one more attempt, in
 * one statement over the same rows (the same transaction, the same total
 * order).  The caller commits before any request leaves, so a crash can
 * only leave a message "sending" (in doubt), never lost.  Returns the
 * number claimed or -1.
 */
int
store_msgs_claim(struct store *s, const char *provider, int64_t now_ms,
    int limit, msg_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct msg_row m;
	int rc, n = 0;

	if (limit <= 0)
		return 0;
	st = store_prep(s, ST_MSG_DUE, MSG_COLS "WHERE " CLAIM_WHERE);
	bind_text(st, 1, provider);
	sqlite3_bind_int64(st, 2, now_ms);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_msg(s, st, &m) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		m.attempts++;
		cb(arg, &m);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "claiming messages");
	if (n == 0)
		return 0;
	st = store_prep(s, ST_MSG_SENDING, "UPDATE message SET"
	    " state = 'sending', attempts = attempts + 1, updated_at = ?4"
	    " WHERE id IN (SELECT m.id FROM message m WHERE " CLAIM_WHERE ")");
	bind_text(st, 1, provider);
	sqlite3_bind_int64(st, 2, now_ms);
	sqlite3_bind_int(st, 3, n);
	sqlite3_bind_int64(st, 4, now_ms / 1000);
	if (store_step_done(s, st, "marking messages sending") == -1)
		return -1;
	if (sqlite3_changes(s->db) != n) {
		snprintf(s->err, sizeof(s->err), "claiming messages: %d read "
		    "but %d marked sending", n, sqlite3_changes(s->db));
		return -1;
	}
	return n;
}

/* 1 found, 0 not, -1 error. */
int
store_msg_get(struct store *s, int64_t id, msg_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_GET, MSG_COLS "WHERE m.id = ?");
	sqlite3_bind_int64(st, 1, id);
	return store_msgs_run(s, st, cb, arg);
}

/*
 * Records N (at most STORE_SENT_BATCH) messages sent at NOW_MS in one
 * statement, as store_msg_update would one by one; for messages that
 * carry no others (a digest's follow it) and got no provider id.  The
 * unused places of the IN list stay NULL, which matches nothing.
 */
int
store_msgs_sent(struct store *s, const int64_t *ids, int n, int64_t now_ms,
    time_t now)
{
	sqlite3_stmt *st;
	char sql[1024];
	size_t o;
	int i;

	if (n <= 0)
		return 0;
	sql[0] = '\0';
	if (s->stmts[ST_MSGS_SENT] == NULL) {
		o = (size_t)snprintf(sql, sizeof(sql), "UPDATE message SET"
		    " state = 'sent', next_attempt_ms = ?1, last_error = NULL,"
		    " updated_at = ?2, sent_at = ?2 WHERE id IN (");
		for (i = 0; i < STORE_SENT_BATCH && o < sizeof(sql); i++)
			o += (size_t)snprintf(sql + o, sizeof(sql) - o, "%s?%d",
			    i ? "," : "", i + 3);
		if (o < sizeof(sql))
			snprintf(sql + o, sizeof(sql) - o, ")");
	}
	st = store_prep(s, ST_MSGS_SENT, sql);
	sqlite3_bind_int64(st, 1, now_ms);
	sqlite3_bind_int64(st, 2, now);
	for (i = 0; i < STORE_SENT_BATCH; i++)
		if (i < n)
			sqlite3_bind_int64(st, i + 3, ids[i]);
		else
			sqlite3_bind_null(st, i + 3);
	return store_step_done(s, st, "recording messages sent");
}

/* Records the outcome of an attempt; the next one is due at NEXT_MS. */
int
store_msg_update(struct store *s, int64_t id, enum msg_state state,
    int64_t next_ms, const char *last_error,
    const char *provider_msg_id, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_UPDATE, "UPDATE message SET state = ?1,"
	    " next_attempt_ms = ?2, last_error = ?3,"
	    " provider_msg_id = coalesce(?4, provider_msg_id),"
	    " updated_at = ?5,"
	    " sent_at = CASE WHEN ?1 = 'sent' THEN ?5 ELSE sent_at END"
	    " WHERE id = ?6");
	bind_text(st, 1, msg_state_name(state));
	sqlite3_bind_int64(st, 2, next_ms);
	bind_text(st, 3, last_error);
	bind_text(st, 4, provider_msg_id);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, id);
	if (store_step_done(s, st, "updating message") == -1)
		return -1;
	return store_digest_follow(s, id, state, now);
}

/*
 * Queues, on CHANNEL, the message that follows FROM_ID when FROM_ID could
 * not go out: same job, contact and text, its own idempotency key (the
 * first one's plus the channel), and a link back.
 */
int
store_msg_fallback(struct store *s, int64_t from_id, int channel,
    const char *provider, const char *address, time_t now, int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_FALLBACK, "INSERT INTO message (job_id,"
	    " contact_id, channel, provider, address, body, idem_key, prev_id,"
	    " created_at, next_attempt_ms, updated_at, mail_id, is_digest)"
	    " SELECT job_id, contact_id, ?1, ?2, ?3, body,"
	    " substr(idem_key, 1, instr(idem_key || '/', '/') - 1) || '/' || ?1,"
	    " id, ?4, ?4 * 1000, ?4, " MAIL_ID("job_id", "contact_id")
	    ", is_digest FROM message WHERE id = ?5");
	sqlite3_bind_int(st, 1, channel);
	bind_text(st, 2, provider);
	sqlite3_bind_text(st, 3, address, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, from_id);
	if (store_step_done(s, st, "queueing the next channel") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return store_digest_moved(s, from_id, *id);
}

/* The message that fell back from ID: 1 with *NEXT, 0 none, -1 error. */
int
store_msg_next_in_chain(struct store *s, int64_t id, int64_t *next)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_MSG_NEXT_CHAIN, "SELECT id FROM message"
	    " WHERE prev_id = ?");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*next = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading the chain");
}

/*
 * Requeues a failed, dead or cancelled message now, with a fresh
 * lifetime.  Returns 0, 1 if the message is not in such a state, or -1.
 */
int
store_msg_retry(struct store *s, int64_t id, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_RETRY, "UPDATE message SET state = 'queued',"
	    " next_attempt_ms = ?1 * 1000, created_at = ?1, updated_at = ?1"
	    " WHERE id = ?2 AND state IN ('failed','dead','cancelled','queued')");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	if (store_step_done(s, st, "retrying message") == -1)
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

/* Cancels a queued or failed message: 0, 1 if not cancellable, -1. */
int
store_msg_cancel(struct store *s, int64_t id, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_CANCEL, "UPDATE message SET"
	    " state = 'cancelled', updated_at = ?1,"
	    " last_error = 'cancelled by operator'"
	    " WHERE id = ?2 AND state IN ('queued','failed','dead')");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	if (store_step_done(s, st, "cancelling message") == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 1;
	return store_digest_follow(s, id, MSG_CANCELLED, now);
}

int
store_msg_list(struct store *s, const enum msg_state *state, int limit,
    msg_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_LIST, MSG_COLS
	    "WHERE ?1 IS NULL OR m.state = ?1 ORDER BY m.id DESC LIMIT ?2");
	if (state != NULL)
		bind_text(st, 1, msg_state_name(*state));
	sqlite3_bind_int(st, 2, limit);
	return store_msgs_run(s, st, cb, arg) < 0 ? -1 : 0;
}

/* The earliest due time of PROVIDER's queued messages, in ms: 1, 0, -1. */
int
store_next_msg_ms(struct store *s, const char *provider, int64_t *at_ms)
{
	sqlite3_stmt *st;
	time_t t;
	int rc;

	st = store_prep(s, ST_NEXT_MSG, "SELECT min(next_attempt_ms)"
	    " FROM message WHERE state = 'queued' AND provider = ?"
	    " AND digest_id IS NULL");
	bind_text(st, 1, provider);
	if ((rc = store_min_time(s, st, &t, "finding next message")) == 1)
		*at_ms = (int64_t)t;
	return rc;
}

/*
 * At start-up, a message still "sending" may or may not have reached the
 * provider.  It is queued again, keeping its idempotency key, and marked
 * so the count of such messages shows in status.
 */
int
store_recover_in_doubt(struct store *s, time_t now, int64_t *n)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_IN_DOUBT, "UPDATE message SET state = 'queued',"
	    " in_doubt = in_doubt + 1, next_attempt_ms = ?1 * 1000,"
	    " updated_at = ?1,"
	    " last_error = 'in doubt after restart' WHERE state = 'sending'");
	sqlite3_bind_int64(st, 1, now);
	if (store_step_done(s, st, "recovering in-doubt messages") == -1)
		return -1;
	*n = sqlite3_changes(s->db);
	return 0;
}

int
store_counts(struct store *s, time_t now, struct store_counts *c)
{
	sqlite3_stmt *st;
	const char *state;
	enum msg_state ms;
	int64_t n;
	int rc;

	memset(c, 0, sizeof(*c));
	st = store_prep(s, ST_COUNT_MSG, "SELECT state, count(*) FROM message"
	    " GROUP BY state");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		state = col_text(st, 0);
		n = sqlite3_column_int64(st, 1);
		if (msg_state_parse(state, &ms) == -1) {
			sqlite3_reset(st);
			return store_bad_word(s, "message state", state);
		}
		c->msgs[ms] = n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "counting messages");
	st = store_prep(s, ST_COUNT_DOUBT, "SELECT count(*) FROM message"
	    " WHERE in_doubt > 0");
	if (sqlite3_step(st) == SQLITE_ROW)
		c->in_doubt = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = store_prep(s, ST_COUNT_JOBS, "SELECT count(*) FROM job"
	    " WHERE state = 'pending'");
	if (sqlite3_step(st) == SQLITE_ROW)
		c->jobs_pending = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = store_prep(s, ST_COUNT_OCC, "SELECT count(*),"
	    " coalesce(sum(due_at < ?), 0) FROM occurrence WHERE state = 'open'");
	sqlite3_bind_int64(st, 1, now);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->occ_open = sqlite3_column_int64(st, 0);
		c->occ_overdue = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return 0;
}

/*
 * Whether the audit log has a KIND row with DETAIL at SINCE or later:
 * 1 yes, 0 no, -1 error.
 */
int
store_event_seen(struct store *s, enum event_kind kind, const char *detail,
    time_t since)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_EVENT_SEEN, "SELECT 1 FROM event WHERE kind = ?"
	    " AND detail = ? AND at >= ? LIMIT 1");
	bind_text(st, 1, event_kind_name(kind));
	bind_text(st, 2, detail);
	sqlite3_bind_int64(st, 3, since);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading the event log");
}

/* Appends to the audit log; ids of 0 are stored as NULL. */
int
store_event(struct store *s, enum event_kind kind, int64_t occ_id,
    int64_t msg_id, const char *detail, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_EVENT_ADD, "INSERT INTO event (at, kind,"
	    " occurrence_id, message_id, detail) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, event_kind_name(kind));
	if (occ_id != 0)
		sqlite3_bind_int64(st, 3, occ_id);
	if (msg_id != 0)
		sqlite3_bind_int64(st, 4, msg_id);
	bind_text(st, 5, detail);
	return store_step_done(s, st, "logging event");
}

int
store_max_msg_id(struct store *s, int64_t *id)
{
	return store_int64(s, store_prep(s, ST_MAX_MSG, "SELECT"
	    " coalesce(max(id), 0) FROM message"), id, "reading message ids")
	    == 1 ? 0 : -1;
}

/* Messages with an id above AFTER_ID, in the order their jobs fire. */
int
store_msg_list_after(struct store *s, int64_t after_id, msg_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_AFTER, MSG_COLS "WHERE m.id > ?"
	    " ORDER BY j.fire_at, m.id");
	sqlite3_bind_int64(st, 1, after_id);
	return store_msgs_run(s, st, cb, arg) < 0 ? -1 : 0;
}

/*
 * A provider's saved state (OAuth tokens), in the token database
 * (store-tokens.c): 1 found, 0 not, -1 error.
 */
int
store_pstate_get(struct store *s, const char *provider, const char *key,
    char *buf, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_PSTATE_GET, "SELECT value FROM"
	    " tokens.provider_state WHERE provider = ? AND key = ?");
	bind_text(st, 1, provider);
	bind_text(st, 2, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(buf, len, "%s", col_text(st, 0) ? col_text(st, 0) :
		    "");
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading provider state");
}

int
store_pstate_set(struct store *s, const char *provider, const char *key,
    const char *value, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_PSTATE_SET, "INSERT INTO tokens.provider_state"
	    " (provider, key, value, updated_at) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (provider, key) DO UPDATE SET value = ?3,"
	    " updated_at = ?4");
	bind_text(st, 1, provider);
	bind_text(st, 2, key);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(s, st, "saving provider state");
}

/*
 * The message PROVIDER knows as PID, or whose idempotency key is PID: 1
 * with *ID and *STATE set, 0 if there is none, -1 on errors.
 */
int
store_msg_by_pid(struct store *s, const char *provider, const char *pid,
    int64_t *id, enum msg_state *state)
{
	sqlite3_stmt *st;
	int rc;

	/* Some receipts carry our own key (eSMS RequestId, ZNS tracking_id). */
	st = store_prep(s, ST_MSG_BY_PID, "SELECT id, state FROM message"
	    " WHERE provider = ?1 AND provider_msg_id = ?2"
	    " UNION ALL SELECT id, state FROM message"
	    " WHERE idem_key = ?2 AND provider = ?1 LIMIT 1");
	bind_text(st, 1, provider);
	bind_text(st, 2, pid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = msg_state_parse(col_text(st, 1), state) == -1 ?
		    store_bad_word(s, "message state", col_text(st, 1)) : 1;
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "finding a message by provider id");
	return 0;
}

/*
 * A receipt's verdict: only a message the provider accepted (sent) moves,
 * so a late or repeated receipt never undoes a later state.
 */
int
store_msg_receipt(struct store *s, int64_t id, int delivered,
    const char *reason, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_MSG_RECEIPT, "UPDATE message SET state = ?1,"
	    " last_error = coalesce(?2, last_error), updated_at = ?3"
	    " WHERE id = ?4 AND state = 'sent'");
	bind_text(st, 1, msg_state_name(delivered ? MSG_DELIVERED :
	    MSG_FAILED));
	bind_text(st, 2, reason);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	if (store_step_done(s, st, "recording a receipt") == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	if (store_digest_follow(s, id, delivered ? MSG_DELIVERED : MSG_FAILED,
	    now) == -1)
		return -1;
	return 1;
}

/* Calls CB with the message count of each provider and state. */
int
store_msg_count_by_provider(struct store *s, void (*cb)(void *,
    const char *, enum msg_state, int64_t), void *arg)
{
	sqlite3_stmt *st;
	enum msg_state ms;
	int rc;

	st = store_prep(s, ST_COUNT_BY_PROVIDER, "SELECT provider, state,"
	    " count(*) FROM message GROUP BY provider, state");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (msg_state_parse(col_text(st, 1), &ms) == -1) {
			rc = store_bad_word(s, "message state",
			    col_text(st, 1));
			sqlite3_reset(st);
			return rc;
		}
		cb(arg, col_text(st, 0), ms, sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "counting messages by provider");
	return 0;
}

/* When the oldest queued message was queued: 1 with *AT, 0 if none. */
int
store_oldest_queued(struct store *s, time_t *at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_OLDEST_QUEUED, "SELECT min(created_at) FROM"
	    " message WHERE state = 'queued'");
	return store_min_time(s, st, at, "finding the oldest queued message");
}
