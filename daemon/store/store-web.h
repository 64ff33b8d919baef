/*
 * store-web.h: what the web pages keep: the accounts of the tracking
 * office (and optional agency accounts), their sessions, the version of
 * each contact's personal link, and who did what in the audit log.
 */
#ifndef NV_STORE_WEB_H
#define NV_STORE_WEB_H

#include <stdint.h>
#include <time.h>

#include "state.h"

struct store;

struct wuser_row {
	int64_t		 id;
	const char	*name;
	enum web_role	 role;
	int64_t		 agency_id;	/* 0 unless WR_AGENCY */
	const char	*pwhash;	/* only from store_wuser_get; NULL:
					   no password, or not read */
	int		 disabled;
	int		 failures;	/* refused sign-ins in a row */
	time_t		 locked_until;
	time_t		 created_at;
};
typedef void (*wuser_cb)(void *, const struct wuser_row *);

struct wsess_row {
	int64_t		 user_id;	/* 0 for a link's session */
	int64_t		 contact_id;	/* 0 for an account's */
	int64_t		 link_version;	/* the contact's, when opened */
	const char	*csrf;
	time_t		 created_at;
	time_t		 seen_at;
	time_t		 expires_at;
};
typedef void (*wsess_cb)(void *, const struct wsess_row *);

/* 0, or -1 (a name taken is reported by the error text). */
int	store_wuser_add(struct store *, const char *name, enum web_role,
	    int64_t agency_id, const char *pwhash, time_t now, int64_t *id);
/*
 * 1 found (CB called), 0 not found, -1 error.  Only store_wuser_get
 * reads the password hash, from the token file, which must be attached.
 */
int	store_wuser_get(struct store *, const char *name, wuser_cb, void *);
int	store_wuser_by_id(struct store *, int64_t id, wuser_cb, void *);
int	store_wuser_list(struct store *, wuser_cb, void *);
int	store_wuser_set_pw(struct store *, int64_t id, const char *pwhash);
int	store_wuser_disable(struct store *, int64_t id, int disabled);
int	store_wuser_failed(struct store *, int64_t id, int failures,
	    time_t locked_until);

/* ID is the hex digest of the cookie, never the cookie. */
int	store_wsess_add(struct store *, const char *id, int64_t user_id,
	    int64_t contact_id, int64_t link_version, const char *csrf,
	    const char *peer, time_t now, time_t expires);
int	store_wsess_get(struct store *, const char *id, wsess_cb, void *);
int	store_wsess_seen(struct store *, const char *id, time_t now);
int	store_wsess_del(struct store *, const char *id);
/* Signs out every session of an account (a password changed). */
int	store_wsess_del_user(struct store *, int64_t user_id);
/* Forgets sessions expired before NOW. */
int	store_wsess_purge(struct store *, time_t now);

/* A contact's personal-link version: 1 found, 0 no such contact, -1. */
int	store_link_version(struct store *, int64_t contact, int64_t *version);
/* Revokes every link and session of CONTACT. */
int	store_link_bump(struct store *, int64_t contact);

/* The audit log, with who did it ("office:lan", "contact:12"). */
int	store_event_by(struct store *, enum event_kind, int64_t occ_id,
	    const char *actor, const char *detail, time_t now);

#endif
