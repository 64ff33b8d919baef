/*
 * cli-send.c: "nhacviec send-test": one message through one provider, to
 * check credentials and what the recipient will see.  It shows the final
 * text (folded "không dấu" if the provider says so), its SMS encoding and
 * segment count, then sends it with a blocking request, unless --dry-run,
 * and prints the provider's verdict.  Nothing is queued or stored.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <curl/curl.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "phone.h"
#include "provider.h"
#include "smstext.h"
#include "store.h"
#include "xmalloc.h"

/* Sends REQ and classifies the answer with PC's provider. */
static int
send_now(const struct provider_conf *pc, struct http_req *req,
    struct prov_result *res)
{
	struct curl_slist *h = NULL;
	struct http_resp resp;
	struct cli_buf b = { NULL, 0 };
	curl_off_t ra = -1;
	CURL *e;
	CURLcode rc;
	int i;

	if ((e = curl_easy_init()) == NULL)
		return -1;
	for (i = 0; i < req->nheaders; i++)
		h = curl_slist_append(h, req->headers[i]);
	curl_easy_setopt(e, CURLOPT_URL, req->url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)req->bodylen);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, cli_buf_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)pc->timeout * 1000);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	memset(&resp, 0, sizeof(resp));
	resp.retry_after = resp.rate_reset = -1;
	memset(res, 0, sizeof(*res));
	res->retry_after = -1;
	if ((rc = curl_easy_perform(e)) != CURLE_OK)
		prov_result_set(res, PROV_RETRY, "%s", curl_easy_strerror(rc));
	else {
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &resp.status);
		if (curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK &&
		    ra > 0)
			resp.retry_after = ra;
		resp.body = b.p;
		resp.bodylen = b.n;
		pc->ops->classify(pc, &resp, res);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(e);
	free(b.p);
	return 0;
}

int
cmd_send_test(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "provider", required_argument, NULL, 'p' },
		{ "to", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const struct provider_conf *pc;
	const char *pname = NULL, *to = NULL;
	struct prov_msg m;
	struct prov_result res;
	struct sms_count sc;
	struct http_req req;
	char addr[64], err[256], *shown, key[80], mail_id[80];
	const char *inst;
	long long now_ms;
	int ch, dry = 0, prc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'p')
			pname = optarg;
		else if (ch == 't')
			to = optarg;
		else if (ch == 'n')
			dry = 1;
		else
			return cli_usage("send-test", NULL);
	}
	if (optind + 1 != argc || pname == NULL || to == NULL)
		return cli_usage("send-test", NULL);
	if ((pc = config_provider(c->conf, pname)) == NULL)
		return cli_err(EX_DATAERR, "--provider: no [provider %s] in %s",
		    pname, c->conf->path);
	snprintf(addr, sizeof(addr), "%s", to);
	if (strcmp(pc->address, "phone") == 0 &&
	    (prc = phone_normalize(to, addr, sizeof(addr))) < 0)
		return cli_err(EX_DATAERR, "--to: \"%s\": %s", to,
		    phone_error(prc));
	/*
	 * Each test its own key and Message-ID, with the install id: a
	 * receiver that drops repeats must not drop the second test.
	 */
	inst = c->store != NULL ? store_install_id(c->store) : "";
	now_ms = clock_now_ms();
	snprintf(key, sizeof(key), "nv-test-%s%s%lld", inst, inst[0] ? "-" : "",
	    now_ms);
	snprintf(mail_id, sizeof(mail_id), "nv.test.%lld%s%s", now_ms,
	    inst[0] ? "." : "", inst);
	memset(&m, 0, sizeof(m));
	m.idem_key = key;
	m.mail_id = mail_id;
	m.address = addr;
	m.body = argv[optind];
	m.task_title = "send-test";
	m.contact_name = "send-test";
	m.agency_name = "send-test";
	m.due_at = clock_now();
	m.attempts = 1;
	if (pc->ops->sms) {
		if ((shown = prov_sms_text(pc, &m, err, sizeof(err))) == NULL)
			return cli_err(EX_DATAERR, "%s", err);
	} else
		shown = xstrdup(m.body);
	if (sms_count(shown, &sc) == -1) {
		free(shown);
		return cli_err(EX_DATAERR, "the text is not valid UTF-8");
	}
	printf("provider: %s (type %s), to %s\ntext:     %s\n"
	    "encoding: %s, %zu %s, %d segment(s) of up to %zu\n", pc->name,
	    pc->type, addr, shown, sc.encoding == SMS_GSM7 ? "GSM-7" : "UCS-2",
	    sc.units, sc.encoding == SMS_GSM7 ? "septets" : "UTF-16 units",
	    sc.segments, sc.per_segment);
	free(shown);
	if (dry)
		return 0;
	if (pc->ops->deliver != NULL) {
		memset(&res, 0, sizeof(res));
		pc->ops->deliver(pc, &m, &res);
	} else {
		memset(&req, 0, sizeof(req));
		if (pc->ops->build(pc, &m, &req, err, sizeof(err)) == -1) {
			http_req_free(&req);
			return cli_err(EX_DATAERR, "cannot build the request: %s",
			    err);
		}
		send_now(pc, &req, &res);
		http_req_free(&req);
	}
	printf("result:   %s%s%s%s%s\n", prov_outcome_name(res.outcome),
	    res.reason[0] ? ": " : "", res.reason, res.provider_id[0] ?
	    ", provider id " : "", res.provider_id);
	return res.outcome == PROV_OK ? 0 : EX_UNAVAILABLE;
}
