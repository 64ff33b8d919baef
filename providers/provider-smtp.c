/*
 * provider-smtp.c: e-mail through libcurl's SMTP.  The message is built
 * here as RFC 5322 text, UTF-8 throughout: the subject as an RFC 2047
 * encoded word, the body base64 in 76-character lines, so Vietnamese
 * survives any relay, 7-bit or not.
 *
 * TLS is required: smtps:// is TLS from the first byte, and on smtp://
 * the dispatcher demands STARTTLS (CURLUSESSL_ALL), with certificates
 * verified as for every other transfer.  Only a relay on this host may
 * be spoken to in the clear (starttls = no), since the message then
 * never crosses a network.
 *
 * Verdicts follow the SMTP reply code: 2xx accepted; 4xx and no answer
 * are transient; 530/534/535 mean the credentials are wrong (an operator
 * must act); 550-553 and 501 say the mailbox cannot be reached, so the
 * next channel is tried.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/evp.h>

#include "clock.h"
#include "log.h"
#include "mailhdr.h"
#include "provider.h"
#include "tztime.h"
#include "xmalloc.h"

static int	smtp_check(const struct provider_conf *, char *, size_t);
static int	smtp_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	smtp_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_smtp = {
	.name = "smtp",
	.address = "email",
	.check = smtp_check,
	.build = smtp_build,
	.classify = smtp_classify,
	.deliver = NULL,
};

/* The bare address of "Name <addr>" or "addr". */
static void
bare_address(const char *s, char *out, size_t len)
{
	const char *lt = strrchr(s, '<'), *gt;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		snprintf(out, len, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, len, "%s", s);
}

/*
 * Whether the host of an smtp:// URL is this machine: the host exactly,
 * after any user@ and before any :port or /path, so that
 * smtp://127.0.0.1.attacker.example is another host, as it is.
 */
int
smtp_url_is_local(const char *url)
{
	static const char *const local[] = { "127.0.0.1", "localhost",
	    "[::1]" };
	const char *h = strstr(url, "://"), *end, *at;
	size_t i, n;

	if (h == NULL)
		return 0;
	h += 3;
	end = h + strcspn(h, "/?#");
	if ((at = memchr(h, '@', (size_t)(end - h))) != NULL)
		h = at + 1;
	if (*h == '[')
		n = (size_t)(strchr(h, ']') != NULL && strchr(h, ']') < end ?
		    strchr(h, ']') + 1 - h : 0);
	else
		n = strcspn(h, ":/?#");
	if (n == 0 || (h[n] != '\0' && h[n] != ':' && h[n] != '/'))
		return 0;
	/* After the host: nothing, a path, or a port of digits only. */
	if (h[n] == ':' && (h[n + 1] == '\0' ||
	    strspn(h + n + 1, "0123456789") != strcspn(h + n + 1, "/")))
		return 0;
	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++)
		if (strlen(local[i]) == n && strncasecmp(h, local[i], n) == 0)
			return 1;
	return 0;
}

static int
smtp_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->url == NULL || (strncmp(pc->url, "smtp://", 7) != 0 &&
	    strncmp(pc->url, "smtps://", 8) != 0)) {
		snprintf(err, errlen, "url: [provider %s] of type smtp needs "
		    "smtps://HOST[:465] or smtp://HOST:587", pc->name);
		return -1;
	}
	if (pc->from == NULL || strchr(pc->from, '@') == NULL) {
		snprintf(err, errlen, "from: [provider %s] needs the sender's "
		    "address", pc->name);
		return -1;
	}
	if (strpbrk(pc->from, "\r\n") != NULL) {
		snprintf(err, errlen, "from: line breaks are not allowed");
		return -1;
	}
	if ((pc->username == NULL) != (pc->password == NULL)) {
		snprintf(err, errlen, "password_file: username and "
		    "password_file go together");
		return -1;
	}
	if (!pc->starttls && strncmp(pc->url, "smtp://", 7) == 0 &&
	    !smtp_url_is_local(pc->url)) {
		snprintf(err, errlen, "starttls: only a relay on this host "
		    "(127.0.0.1, localhost) may be used without TLS");
		return -1;
	}
	return 0;
}

/* BODY as base64 in lines of 76, CRLF-terminated. */
static char *
encode_body(const char *body)
{
	size_t len = strlen(body), off, n, cap = (len / 57 + 1) * 80 + 1;
	char *out = xmalloc(cap), *o = out;

	*o = '\0';
	for (off = 0; off < len; off += n) {
		n = len - off < 57 ? len - off : 57;
		o += EVP_EncodeBlock((unsigned char *)o,
		    (const unsigned char *)body + off, (int)n);
		*o++ = '\r';
		*o++ = '\n';
		*o = '\0';
	}
	return out;
}

/*
 * The Message-ID: the message's stored id (job, contact, a random part
 * and the install id, so a resend keeps it and two installations never
 * share one) at the sender's domain.
 */
static char *
message_id(const char *from, const struct prov_msg *m)
{
	const char *at = strrchr(from, '@');
	char *id;

	if (m->mail_id != NULL && m->mail_id[0] != '\0')
		xasprintf(&id, "<%s@%s>", m->mail_id, at + 1);
	else
		xasprintf(&id, "<%s@%s>", m->idem_key, at + 1);
	return id;
}

static int
smtp_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char from[256], date[64], *subject, *h_subj, *h_from, *h_to, *h_id;
	char *body_enc, *mid, *to;
	struct tm tm;
	time_t now = clock_now();

	if (m->address == NULL || strchr(m->address, '@') == NULL ||
	    strpbrk(m->address, "\r\n<> \t\"") != NULL) {
		snprintf(err, errlen, "not an e-mail address: %s",
		    m->address ? m->address : "");
		return -1;
	}
	bare_address(pc->from, from, sizeof(from));
	subject = prov_render(pc->subject, m);
	h_subj = mailhdr_text("Subject", subject);
	h_from = mailhdr_mailbox("From", pc->from);
	xasprintf(&to, "<%s>", m->address);
	h_to = mailhdr_mailbox("To", to);
	mid = message_id(from, m);
	h_id = mailhdr_mailbox("Message-ID", mid);
	body_enc = encode_body(m->body);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	xasprintf(&req->body, "Date: %s\r\n"
	    "%s\r\n"
	    "%s\r\n"
	    "%s\r\n"
	    "%s\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "%s", date, h_from, h_to, h_subj, h_id, body_enc);
	free(to);
	free(mid);
	free(h_id);
	free(h_to);
	free(h_from);
	free(subject);
	free(h_subj);
	free(body_enc);
	req->bodylen = strlen(req->body);
	req->url = xstrdup(pc->url);
	xasprintf(&req->mail_from, "<%s>", from);
	xasprintf(&req->mail_rcpt, "<%s>", m->address);
	req->user = pc->username;
	req->pass = pc->password;
	req->starttls = pc->starttls;
	return 0;
}

/*
 * The verdict from the last reply code; the reason quotes the relay's
 * own words (r->body: its last reply, such as "550 5.1.1 <...>:
 * Recipient address rejected"), cleaned for a log line.
 */
static void
smtp_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	char said[PROV_REASON_TEXT];

	res->retry_after = -1;
	prov_clean_text(r->body, r->bodylen, said, sizeof(said));
	if (r->status >= 200 && r->status < 300)
		prov_result_set(res, PROV_OK, NULL);
	else if (r->status == 0 || (r->status >= 400 && r->status < 500))
		prov_result_set(res, PROV_RETRY, "SMTP %ld: %s", r->status,
		    said);
	else if (r->status == 530 || r->status == 534 || r->status == 535) {
		res->alert = 1;
		prov_result_set(res, PROV_CONFIG, "SMTP %ld: the relay refused "
		    "the login (check username and password_file): %s",
		    r->status, said);
	} else if ((r->status >= 550 && r->status <= 553) || r->status == 501)
		prov_result_set(res, PROV_NEXT_CHANNEL, "SMTP %ld: %s",
		    r->status, said);
	else
		prov_result_set(res, PROV_FAIL, "SMTP %ld: %s", r->status,
		    said);
	(void)pc;
}
