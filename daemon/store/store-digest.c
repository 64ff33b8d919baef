/*
 * store-digest.c: the outbox side of digests.  A digest is a message
 * (is_digest) that carries others: each gathered message keeps its job,
 * occurrence and ack code, points at the digest by digest_id, is never
 * claimed on its own, and follows the digest's state, so "was this
 * contact told" and acks work per task as before.
 */
#include <stdio.h>

#include "store-private.h"

/*
 * Queued messages not yet sent, gathered or fallen back, digests
 * included, in the order grouping needs: by contact, provider and time.
 */
int
store_digest_loose(struct store *s, msg_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep_msgs(s, ST_DIGEST_LOOSE, "WHERE m.state = 'queued'"
	    " AND m.attempts = 0 AND m.digest_id IS NULL"
	    " AND m.prev_id IS NULL"
	    " ORDER BY m.contact_id, m.provider, m.next_attempt_ms, m.id");
	return store_msgs_run(s, st, cb, arg) < 0 ? -1 : 0;
}

/* Puts queued message MSG_ID into digest DIGEST_ID. */
int
store_digest_add_member(struct store *s, int64_t msg_id, int64_t digest_id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DIGEST_ADD_MEMBER, "UPDATE message SET"
	    " digest_id = ?1 WHERE id = ?2 AND state = 'queued'"
	    " AND digest_id IS NULL AND is_digest = 0");
	sqlite3_bind_int64(st, 1, digest_id);
	sqlite3_bind_int64(st, 2, msg_id);
	return store_step_done(s, st, "gathering a message into a digest");
}

/*
 * The messages DIGEST_ID carries and that still stand (a task closed
 * meanwhile has its message cancelled), most urgent deadline first.
 */
int
store_digest_members(struct store *s, int64_t digest_id, msg_cb cb,
    void *arg)
{
	sqlite3_stmt *st;

	st = store_prep_msgs(s, ST_DIGEST_MEMBERS, "WHERE m.digest_id = ?"
	    " AND m.state <> 'cancelled' ORDER BY o.due_at, t.id, m.id");
	sqlite3_bind_int64(st, 1, digest_id);
	return store_msgs_run(s, st, cb, arg);
}

/* Digests queued for a first attempt at or before UNTIL. */
int
store_digests_due(struct store *s, time_t until, msg_cb cb, void *arg)
{
	sqlite3_stmt *st;

	/* The terms of the partial index message_digest_due, to use it. */
	st = store_prep_msgs(s, ST_DIGEST_DUE, "WHERE m.is_digest = 1"
	    " AND m.state = 'queued' AND m.attempts = 0"
	    " AND m.next_attempt_ms <= ? * 1000 ORDER BY m.id");
	sqlite3_bind_int64(st, 1, until);
	return store_msgs_run(s, st, cb, arg) < 0 ? -1 : 0;
}

/*
 * Sets the text of a digest not yet attempted; the same text again (a
 * digest waiting for its provider is written each wake-up) writes nothing.
 */
int
store_digest_body(struct store *s, int64_t id, const char *body, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DIGEST_BODY, "UPDATE message SET body = ?1,"
	    " updated_at = ?2 WHERE id = ?3 AND is_digest AND attempts = 0"
	    " AND body IS NOT ?1");
	sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(s, st, "writing a digest");
}

/* Cancels a queued digest left with nothing to say. */
int
store_digest_drop(struct store *s, int64_t id, const char *why, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DIGEST_DROP, "UPDATE message SET"
	    " state = 'cancelled', last_error = ?1, updated_at = ?2"
	    " WHERE id = ?3 AND is_digest AND state = 'queued'");
	bind_text(st, 1, why);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(s, st, "dropping a digest");
}

/*
 * What became of digest ID becomes of the messages it carries (those not
 * cancelled meanwhile); for any other message it does nothing.
 */
int
store_digest_follow(struct store *s, int64_t id, enum msg_state state,
    time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DIGEST_FOLLOW, "UPDATE message SET state = ?1,"
	    " updated_at = ?2,"
	    " sent_at = CASE WHEN ?1 = 'sent' THEN ?2 ELSE sent_at END"
	    " WHERE digest_id = ?3 AND state <> 'cancelled'");
	bind_text(st, 1, msg_state_name(state));
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(s, st, "updating a digest's messages");
}

/*
 * A digest falling back to another channel takes its messages along:
 * they wait again, now for the new one.
 */
int
store_digest_moved(struct store *s, int64_t from, int64_t to)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DIGEST_MOVED, "UPDATE message SET"
	    " digest_id = ?2, state = CASE WHEN state = 'cancelled'"
	    " THEN state ELSE 'queued' END WHERE digest_id = ?1");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return store_step_done(s, st, "moving a digest's messages");
}
