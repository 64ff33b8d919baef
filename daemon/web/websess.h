/*
 * websess.h: who is asking.  A session is a random cookie (HttpOnly,
 * SameSite=Strict, Secure behind TLS, path /w/) whose digest the store
 * keeps with its form token and its expiry.  The office signs in with a
 * name and a password; an agency's contact opens a session with the
 * personal link in its reminder, and revoking that link (the contact's
 * link version) ends the sessions it opened.
 */
#ifndef NV_WEBSESS_H
#define NV_WEBSESS_H

#include <stdint.h>

#include "web.h"

struct web_form;

#define WEB_COOKIE	"nv_session"
/* An office session lasts a working day; a link's session a week. */
#define WEB_SESSION_SECS	(12 * 3600)
#define WEB_LINK_SESSION_SECS	(7 * 86400)

/* Fills WHO from the request's cookie; WR_NONE when there is none. */
void	websess_load(struct web_ctx *, const struct web_req *,
	    struct web_who *);
/*
 * Opens a session for an account (USER_ID) or a contact (CONTACT_ID at
 * LINK_VERSION), sets its cookie in RESP and fills WHO.  0 or -1.
 */
int	websess_open(struct web_ctx *, const struct web_req *,
	    struct web_resp *, int64_t user_id, int64_t contact_id,
	    int64_t link_version, struct web_who *);
/* Ends WHO's session and clears the cookie. */
void	websess_close(struct web_ctx *, struct web_resp *,
	    const struct web_who *);
/*
 * Whether a POST may change anything: the form's CSRF field matches the
 * session's (compared in constant time) and the browser says the form
 * came from this site.  0 yes, -1 no (the page is answered 403).
 */
int	websess_post_ok(struct web_ctx *, const struct web_req *,
	    const struct web_who *, struct web_form *, struct web_resp *);
/*
 * Whether a browser's Sec-Fetch-Site (or else Origin, against PUBLIC_URL
 * and HOST) says a form came from this site; 1 or 0.
 */
int	web_same_origin(const char *public_url, const char *sfs,
	    const char *origin, const char *host);
struct weblink_claim;

/* The contact a personal link names, as its pages show it. */
struct web_link_contact {
	int64_t		 agency_id;
	char		 name[128];
	char		 agency[80];	/* its code */
};

/*
 * Whether the link claim CL still stands for its contact: the version
 * is the contact's current one and the contact is active.  1 (L
 * filled), 0 (revoked or gone), -1 on a store error.
 */
int	websess_link_contact(struct web_ctx *, const struct weblink_claim *,
	    struct web_link_contact *);
/* "web:NAME" or "contact:ID", for the audit log. */
const char *websess_actor(const struct web_who *, char *buf, size_t len);

#endif
