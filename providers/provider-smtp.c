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

/* "=?UTF-8?B?...?=" words for a header, or the text as is if ASCII. */
static char *
encode_header(const char *s)
{
	const unsigned char *p;
	unsigned char b64[64];
	char *out = NULL, *o;
	size_t len = strlen(s), off, n, cap;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p >= 0x80 || *p < 0x20)
			break;
	if (*p == '\0')
		return xstrdup(s);
	/*
	 * 39 bytes make 52 base64 characters: a 64-character word, so even
	 * "Subject: " and the first word stay within 78 on a line.
	 */
	cap = (len / 39 + 1) * 80 + 1;
	out = o = xmalloc(cap);
	for (off = 0; off < len; off += n) {
		n = len - off < 39 ? len - off : 39;
		/* Never split a UTF-8 sequence between two words. */
		while (off + n < len &&
		    ((unsigned char)s[off + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(b64, (const unsigned char *)s + off, (int)n);
		o += snprintf(o, cap - (size_t)(o - out), "%s=?UTF-8?B?%s?=",
		    off ? "\r\n " : "", b64);
	}
	return out;
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

/* "Name <addr>" with the name as encoded words when it is not ASCII. */
static char *
encode_mailbox(const char *s)
{
	const char *lt = strrchr(s, '<');
	char *name, *enc, *out;

	if (lt == NULL || lt == s)
		return xstrdup(s);
	name = xstrndup(s, (size_t)(lt - s));
	name[strcspn(name, "\r\n")] = '\0';
	while (name[0] != '\0' && name[strlen(name) - 1] == ' ')
		name[strlen(name) - 1] = '\0';
	enc = encode_header(name);
	xasprintf(&out, "%s %s", enc, lt);
	free(name);
	free(enc);
	return out;
}

static int
smtp_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char from[256], date[64], *subject, *subj_enc, *body_enc, *from_enc;
	struct tm tm;
	time_t now = clock_now();

	if (m->address == NULL || strchr(m->address, '@') == NULL ||
	    strpbrk(m->address, "\r\n<>") != NULL) {
		snprintf(err, errlen, "not an e-mail address: %s",
		    m->address ? m->address : "");
		return -1;
	}
	bare_address(pc->from, from, sizeof(from));
	subject = prov_render(pc->subject, m);
	subject[strcspn(subject, "\r\n")] = '\0';
	subj_enc = encode_header(subject);
	from_enc = encode_mailbox(pc->from);
	body_enc = encode_body(m->body);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	xasprintf(&req->body, "Date: %s\r\n"
	    "From: %s\r\n"
	    "To: <%s>\r\n"
	    "Subject: %s\r\n"
	    "Message-ID: <%s@nhacviec>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "%s", date, from_enc, m->address, subj_enc, m->idem_key, body_enc);
	free(from_enc);
	free(subject);
	free(subj_enc);
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

static void
smtp_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	res->retry_after = -1;
	if (r->status >= 200 && r->status < 300)
		prov_result_set(res, PROV_OK, NULL);
	else if (r->status == 0 || (r->status >= 400 && r->status < 500))
		prov_result_set(res, PROV_RETRY, "SMTP %ld: %.*s", r->status,
		    (int)r->bodylen, r->body ? r->body : "");
	else if (r->status == 530 || r->status == 534 || r->status == 535) {
		res->alert = 1;
		prov_result_set(res, PROV_FAIL, "SMTP %ld: the relay refused "
		    "the login (check username and password_file)", r->status);
	} else if ((r->status >= 550 && r->status <= 553) || r->status == 501)
		prov_result_set(res, PROV_NEXT_CHANNEL, "SMTP %ld: %.*s",
		    r->status, (int)r->bodylen, r->body ? r->body : "");
	else
		prov_result_set(res, PROV_FAIL, "SMTP %ld: %.*s", r->status,
		    (int)r->bodylen, r->body ? r->body : "");
	(void)pc;
}
