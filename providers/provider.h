/*
 * provider.h: the interface every messaging provider implements.
 *
 * A provider is a const table of pure functions.  It never touches curl,
 * libevent or SQLite: the dispatcher hands it a message and gets back an
 * HTTP request, then hands it the HTTP response and gets back a verdict.
 * That keeps each provider testable on canned bodies with no network.
 *
 * Return convention: functions returning int give 0 on success and -1 on
 * error, with a reason written to the caller's err buffer.
 */
#ifndef NV_PROVIDER_H
#define NV_PROVIDER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <time.h>

#include "tmpl.h"

#define PROV_CONF_HEADERS	16	/* params or headers a section may set */
#define PROV_MAX_HEADERS	(PROV_CONF_HEADERS + 8)

struct provider_ops;

/* A [provider NAME] section of the configuration, as loaded. */
struct provider_conf {
	TAILQ_ENTRY(provider_conf) entry;
	char		*name;
	int		 line;
	char		*type;
	const struct provider_ops *ops;
	char		*url;
	char		*base_url;	/* API root, for tests and proxies */
	char		*token;		/* secret */
	char		*api_key;	/* secret (eSMS) */
	char		*secret_key;	/* secret (eSMS) */
	char		*brandname;
	int		 sms_type;
	int		 sandbox;
	int		 ascii;		/* SMS "không dấu" */
	int		 max_segments;	/* SMS: 0 for no limit */
	char		*app_id;	/* Zalo */
	char		*oauth_url;
	char		*template_id;
	char		*mode;		/* Zalo: "development" */
	char		*token_from;	/* Zalo: share this provider's token */
	char		*method;	/* http: GET, POST, PUT */
	char		*body;		/* http: request body template */
	char		*body_type;	/* http: json or form */
	char		*success_status; /* http: "2xx", "200 201", ... */
	char		*success_field;	/* http: a JSON path that must match */
	char		*success_value;
	char		*retry_status;	/* http: statuses worth retrying */
	char		*id_field;	/* http: the JSON path of the gateway's id */
	char		*callback_secret; /* secret: the /cb/NAME/SECRET token */
	char		*callback_from;	/* addresses callbacks may come from */
	char		*username;	/* smtp */
	char		*password;	/* smtp: read from password_file */
	char		*from;		/* smtp: the sender */
	char		*subject;	/* smtp: subject template */
	int		 starttls;	/* smtp: require STARTTLS */
	char		*ca_file;	/* CAs to trust instead of the system's */
	char		*ca_path;	/* a directory of hashed CA files */
	int64_t		 tls_retry;	/* a paused provider is tried again */
	char		*callback_url;	/* public_url's receipt URL, or NULL */
	/* Whose rotating token this provider uses (itself), or NULL. */
	const struct provider_conf *auth;
	char		*params[PROV_CONF_HEADERS];	/* "name {{placeholder}}" */
	int		 nparams;
	char		*headers[PROV_CONF_HEADERS];
	int		 nheaders;
	char		*address;	/* contact field: phone, zalo, ... */
	int		 max_inflight;
	double		 rate;		/* requests per second; 0: no limit */
	int		 burst;
	int64_t		 retry_base;
	int64_t		 retry_max;
	int64_t		 max_lifetime;
	int64_t		 timeout;
};


enum prov_outcome {
	PROV_OK = 0,		/* accepted; provider_id may be set */
	PROV_RETRY,		/* try again later, after retry_after if >= 0 */
	PROV_FAIL,		/* permanent; reason says why */
	PROV_NEXT_CHANNEL,	/* this channel cannot reach the recipient */
	PROV_REAUTH,		/* credentials need refreshing, then retry */
	/*
	 * The provider cannot work as configured (TLS, certificate, login,
	 * DNS): this message goes to the next channel, and the dispatcher
	 * pauses the provider and raises one alert.
	 */
	PROV_CONFIG,
};

/* What a provider may use of a message; strings are owned by the caller. */
struct prov_msg {
	int64_t		 id;
	const char	*idem_key;
	const char	*mail_id;	/* Message-ID's left part, or NULL */
	int		 kind;		/* enum job_kind */
	int		 step;
	const char	*address;	/* the recipient on this channel */
	const char	*body;		/* the rendered text */
	int		 attempts;
	int64_t		 task_id;
	const char	*task_ref;
	const char	*task_title;
	const char	*plan_code;
	int64_t		 occurrence_id;
	time_t		 due_at;
	const char	*ack_code;
	const char	*agency_code;	/* the recipient's agency */
	const char	*agency_name;
	const char	*contact_name;
	const char	*contact_role;
	const char	*phone;
	const char	*zalo;
	const char	*email;
	const char	*telegram;
	const char	*access_token;	/* OAuth providers: the current token */
};

/* A request to send; build() fills it, http_req_free() releases it. */
struct http_req {
	char		*url;
	const char	*method;	/* NULL: POST; else "GET" or "PUT" */
	char		*body;
	size_t		 bodylen;
	/* SMTP (smtp:// or smtps:// URLs): the envelope, else NULL. */
	char		*mail_from;
	char		*mail_rcpt;
	const char	*user;		/* AUTH, owned by the config */
	const char	*pass;
	int		 starttls;	/* smtp://: insist on STARTTLS */
	char		*headers[PROV_MAX_HEADERS];	/* "Name: value" */
	int		 nheaders;
};

/* A response as the dispatcher saw it; nothing here is owned by classify. */
struct http_resp {
	long		 status;	/* 0 when no answer came back; SMTP: the
					   last reply code */
	const char	*body;	/* SMTP: the relay's last reply */
	size_t		 bodylen;
	int64_t		 retry_after;	/* seconds from Retry-After, or -1 */
	int64_t		 rate_reset;	/* seconds from X-Rate-Limit-Reset, or -1 */
	const char	*status_line;	/* "HTTP/1.1 503 Busy", or NULL */
};

/* A delivery-receipt callback as the public listener received it. */
struct cb_req {
	const char	*method;	/* "GET", "POST" */
	const char	*url;		/* public_url + path and query */
	const char	*query;		/* after '?', or NULL */
	const char	*body;
	size_t		 bodylen;
	const char	*signature;	/* X-Twilio-Signature, or NULL */
};

/*
 * What a callback says: one message's fate (a receipt), or a text a
 * contact sent in (a reply, such as "XONG K7Q2M").
 */
struct receipt {
	int		 is_reply;
	char		 provider_id[128];
	int		 delivered;	/* 1 delivered, 0 failed, -1 interim */
	char		 reason[200];
	char		 from[64];	/* reply: the sender's address */
	char		 text[320];	/* reply: what they wrote */
};

#define PROV_MAX_RECEIPTS	16

/* A token pair from an OAuth refresh. */
struct prov_tokens {
	char		 access[1024];
	char		 refresh[1024];
	int64_t		 expires_in;	/* seconds */
};

struct prov_result {
	enum prov_outcome outcome;
	int		 alert;		/* the operator must act (quota, money) */
	int64_t		 retry_after;	/* seconds, or -1 for "use backoff" */
	char		 provider_id[128];
	char		 reason[256];
	char		 notice[160];	/* for the operator's log, e.g. a quota
					   running low; "" when none */
};

/* What a provider is, for the parts of nhacviec that must know. */
#define PROV_F_IMPLICIT	0x1	/* a channel may name it with no section */
#define PROV_F_SIGNED	0x2	/* signs receipts over the URL it called,
				   so public_url must be known */
#define PROV_F_TEMPLATES 0x4	/* sends approved templates only: a reply is
				   answered by a free-text provider that
				   shares its token */

struct provider_ops {
	/* The config's "type =" value. */
	const char	*name;
	unsigned	 flags;		/* PROV_F_* */
	/* The contact field used as the address unless "address =" says. */
	const char	*address;
	/* Sends SMS text: ascii and max_segments apply. */
	int		 sms;
	/*
	 * The API's documented request limit as a token bucket (requests a
	 * second and burst), or 0: rate and burst are held within it.
	 */
	double		 max_rate;
	int		 max_burst;
	/*
	 * Optional.  Validates the provider's section after parsing; called
	 * at config load, may not block.
	 */
	int		(*check)(const struct provider_conf *, char *err,
			    size_t errlen);
	/*
	 * Builds the HTTP request for a message.  NULL for providers that
	 * deliver locally.  The request's strings become the caller's and
	 * are released with http_req_free().
	 */
	int		(*build)(const struct provider_conf *,
			    const struct prov_msg *, struct http_req *,
			    char *err, size_t errlen);
	/* Turns an HTTP response into a verdict.  Pure, never blocks. */
	void		(*classify)(const struct provider_conf *,
			    const struct http_resp *, struct prov_result *);
	/*
	 * Delivers without HTTP (the console).  NULL for HTTP providers.
	 * Called from the event loop; must not block for long.
	 */
	void		(*deliver)(const struct provider_conf *,
			    const struct prov_msg *, struct prov_result *);
	/*
	 * Optional, for providers whose access token rotates (Zalo OAuth
	 * v4).  refresh_build makes the request that trades a refresh token
	 * for a new pair; refresh_parse reads its answer: 0 with the pair,
	 * -1 to try again later, -2 when the refresh token is dead and a
	 * person must authorize again.  Both are pure.
	 */
	int		(*refresh_build)(const struct provider_conf *,
			    const char *refresh_token, struct http_req *,
			    char *err, size_t errlen);
	int		(*refresh_parse)(const struct provider_conf *,
			    const struct http_resp *, struct prov_tokens *,
			    char *err, size_t errlen);
	/*
	 * Optional: parses a delivery-receipt callback into up to
	 * PROV_MAX_RECEIPTS receipts.  Returns how many (0 for events
	 * that carry none), -1 if malformed, -2 if its signature is
	 * wrong.  Pure.
	 */
	int		(*receipt)(const struct provider_conf *,
			    const struct cb_req *, struct receipt *,
			    char *err, size_t errlen);
};

extern const struct provider_ops *const provider_table[];

const struct provider_ops *provider_find(const char *type);
void		 http_req_free(struct http_req *);
void		 http_req_header(struct http_req *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 prov_result_set(struct prov_result *, enum prov_outcome,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char	*prov_outcome_name(enum prov_outcome);

/* How much of a server's own words a reason keeps. */
#define PROV_REASON_TEXT	160
void		 prov_clean_text(const char *s, size_t len, char *out,
		    size_t outlen);
void		 prov_resp_text(const struct http_resp *, char *out,
		    size_t outlen);
void		 prov_result_http(struct prov_result *, enum prov_outcome,
		    const struct http_resp *);
int		 prov_header_is_secret(const char *header);
int		 prov_phone_national(const char *e164, char *out, size_t len);
char		*prov_render(const char *tmpl, const struct prov_msg *);
char		*prov_render_esc(const char *tmpl, const struct prov_msg *,
		    const char *text, tmpl_escape_fn);
int		 prov_json_body(struct http_req *, void *json, char *err,
		    size_t errlen);
int		 prov_basic_auth(struct http_req *, const char *user,
		    const char *pass, char *err, size_t errlen);
char		*prov_url_escape(const char *);
char		*prov_sms_text(const struct provider_conf *,
		    const struct prov_msg *, char *err, size_t errlen);

/* Form and query strings: calls FN for each decoded name and value. */
int		 prov_form_parse(const char *s, size_t len,
		    void (*fn)(void *, const char *, const char *), void *arg);

/* Zalo OAuth v4, shared by zalo_zns and zalo_oa. */
int		 zalo_refresh_build(const struct provider_conf *,
		    const char *refresh_token, struct http_req *, char *err,
		    size_t errlen);
int		 zalo_refresh_parse(const struct provider_conf *,
		    const struct http_resp *, struct prov_tokens *, char *err,
		    size_t errlen);
void		*zalo_envelope(const struct http_resp *, struct prov_result *,
		    const char *api, long long *e, const char **msg);
int		 zalo_receipt(const struct provider_conf *,
		    const struct cb_req *, struct receipt *, char *err,
		    size_t errlen);

extern const struct provider_ops provider_console;
extern const struct provider_ops provider_webhook;
extern const struct provider_ops provider_telegram;
extern const struct provider_ops provider_esms;
extern const struct provider_ops provider_speedsms;
extern const struct provider_ops provider_twilio;
extern const struct provider_ops provider_zalo_zns;
extern const struct provider_ops provider_zalo_oa;
extern const struct provider_ops provider_http;
extern const struct provider_ops provider_smtp;
/* Whether an smtp:// URL's host is exactly this machine's. */
int	smtp_url_is_local(const char *url);

#endif
