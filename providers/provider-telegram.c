/*
 * provider-telegram.c: Telegram Bot API sendMessage to a contact's chat
 * id.  The bot token is part of the URL path, so URLs of this provider
 * are never logged.
 *
 * Verdicts: ok:true is OK (the message_id is kept); 429 is RETRY after the
 * body's parameters.retry_after (Telegram's flood control, not a header);
 * 403 (the user blocked the bot) and 400 "chat not found" mean this
 * contact cannot be reached here: NEXT_CHANNEL; 401 and 404 mean the token
 * is wrong: FAIL, for the operator; 5xx is RETRY; any other error FAIL
 * with Telegram's description.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "provider.h"
#include "xmalloc.h"

#define TELEGRAM_API	"https://api.telegram.org"

static int	telegram_check(const struct provider_conf *, char *, size_t);
static int	telegram_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	telegram_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_telegram = {
	.name = "telegram",
	.address = "telegram",
	.check = telegram_check,
	.build = telegram_build,
	.classify = telegram_classify,
	.deliver = NULL,
};

static int
telegram_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	const char *s;

	if (pc->token == NULL) {
		snprintf(err, errlen, "token: [provider %s] of type telegram "
		    "needs the bot token", pc->name);
		return -1;
	}
	for (s = pc->token; *s != '\0'; s++)
		if (*s == '/' || *s == '?' || *s == '#' || *s <= ' ') {
			snprintf(err, errlen, "token: not a bot token");
			return -1;
		}
	if (pc->base_url != NULL && strncmp(pc->base_url, "http://", 7) != 0 &&
	    strncmp(pc->base_url, "https://", 8) != 0) {
		snprintf(err, errlen, "base_url: must start with http:// or "
		    "https://");
		return -1;
	}
	return 0;
}

static int
telegram_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	json_t *root;
	char *end;
	long long id;

	/* Numeric ids go as numbers, "@channel" names as strings. */
	id = strtoll(m->address, &end, 10);
	if (*m->address != '\0' && *end == '\0')
		root = json_pack("{s:I, s:s, s:b}", "chat_id", (json_int_t)id,
		    "text", m->body, "disable_web_page_preview", 1);
	else
		root = json_pack("{s:s, s:s, s:b}", "chat_id", m->address,
		    "text", m->body, "disable_web_page_preview", 1);
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	xasprintf(&req->url, "%s/bot%s/sendMessage",
	    pc->base_url ? pc->base_url : TELEGRAM_API, pc->token);
	return 0;
}

static void
telegram_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *v;
	const char *desc = NULL;
	long long code;

	res->retry_after = -1;
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	if (root != NULL)
		desc = json_string_value(json_object_get(root, "description"));
	if (r->status == 200 && root != NULL &&
	    json_is_true(json_object_get(root, "ok"))) {
		v = json_object_get(json_object_get(root, "result"),
		    "message_id");
		if (json_is_integer(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%lld", (long long)json_integer_value(v));
		prov_result_set(res, PROV_OK, NULL);
		goto out;
	}
	code = root != NULL && json_is_integer(json_object_get(root,
	    "error_code")) ? json_integer_value(json_object_get(root,
	    "error_code")) : r->status;
	if (code == 429 || r->status == 429) {
		v = json_object_get(json_object_get(root, "parameters"),
		    "retry_after");
		res->retry_after = json_is_integer(v) ?
		    (int64_t)json_integer_value(v) : r->retry_after;
		prov_result_set(res, PROV_RETRY, "Telegram flood control");
	} else if (r->status >= 500 || r->status == 0)
		prov_result_http(res, PROV_RETRY, r);
	else if (code == 403 || (code == 400 && desc != NULL &&
	    strcasestr(desc, "chat not found") != NULL))
		prov_result_set(res, PROV_NEXT_CHANNEL, "Telegram %lld: %s",
		    code, desc ? desc : "forbidden");
	else if (code == 401 || code == 404)
		prov_result_set(res, PROV_FAIL, "Telegram %lld: the bot token "
		    "is not valid; check [provider %s]", code, pc->name);
	else
		prov_result_set(res, PROV_FAIL, "Telegram %lld: %s", code,
		    desc ? desc : "error");
out:
	json_decref(root);
}
