/*
 * test-provider.c: the providers' request building and response
 * classification, on canned bodies, with no network.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "provider.h"
#include "tztime.h"

/* The config owns writable strings; these stand in for them. */
static char s_hook[] = "hook", s_webhook[] = "webhook",
    s_url[] = "https://hook.example.vn/nv",
    s_auth[] = "Authorization: Bearer t0k", s_org[] = "X-Org: YB",
    s_console[] = "console";

static struct provider_conf hook = {
	.name = s_hook,
	.type = s_webhook,
	.url = s_url,
	.headers = { s_auth, s_org },
	.nheaders = 2,
};

static struct prov_msg
message(void)
{
	struct prov_msg m;

	memset(&m, 0, sizeof(m));
	m.id = 42;
	m.idem_key = "nv-7-3";
	m.kind = JOB_ESCALATION;
	m.step = 2;
	m.attempts = 1;
	m.address = "+84912345678";
	m.body = "[Quá hạn] Sở Nội vụ: nhiệm vụ \"Ban hành\"";
	m.task_id = 7;
	m.task_ref = "1.2";
	m.task_title = "Ban hành kế hoạch";
	m.plan_code = "285/KH-UBND";
	m.occurrence_id = 9;
	m.due_at = 1675159200;
	m.ack_code = "K7Q2M";
	m.agency_code = "SNV";
	m.agency_name = "Sở Nội vụ";
	m.contact_name = "Nguyễn Văn A";
	m.contact_role = "head";
	m.phone = "+84912345678";
	return m;
}

static int
setup(void **state)
{
	char err[128];

	hook.ops = &provider_webhook;
	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static int
has_header(const struct http_req *r, const char *h)
{
	int i;

	for (i = 0; i < r->nheaders; i++)
		if (strcmp(r->headers[i], h) == 0)
			return 1;
	return 0;
}

static void
test_webhook_build(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128];
	json_t *j;

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_webhook.build(&hook, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "https://hook.example.vn/nv");
	assert_true(has_header(&req, "Idempotency-Key: nv-7-3"));
	assert_true(has_header(&req, "Authorization: Bearer t0k"));
	assert_true(has_header(&req, "X-Org: YB"));
	assert_true(has_header(&req,
	    "Content-Type: application/json; charset=utf-8"));
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 42);
	assert_string_equal(json_string_value(json_object_get(j,
	    "idempotency_key")), "nv-7-3");
	assert_string_equal(json_string_value(json_object_get(j, "kind")),
	    "escalation");
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "occurrence"), "deadline")),
	    "2023-01-31T17:00:00+07:00");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "task"), "title")), "Ban hành kế hoạch");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "agency"), "name")), "Sở Nội vụ");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "contact"), "name")), "Nguyễn Văn A");
	assert_true(json_is_null(json_object_get(json_object_get(j,
	    "contact"), "email")));
	assert_string_equal(json_string_value(json_object_get(j, "text")),
	    m.body);
	json_decref(j);
	http_req_free(&req);
}

static void
test_webhook_build_rejects_bad_utf8(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128];

	memset(&req, 0, sizeof(req));
	m.body = "bad \xff byte";
	assert_int_equal(provider_webhook.build(&hook, &m, &req, err,
	    sizeof(err)), -1);
	http_req_free(&req);
}

/* A body longer than the stack buffer it is first dumped into. */
static void
test_webhook_build_long_text(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128], *text;
	json_t *j;

	text = malloc(6001);
	assert_non_null(text);
	memset(text, 'a', 6000);
	text[6000] = '\0';
	text[3000] = '"';
	m.body = text;
	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_webhook.build(&hook, &m, &req, err,
	    sizeof(err)), 0);
	assert_int_equal(req.bodylen, strlen(req.body));
	assert_non_null(j = json_loadb(req.body, req.bodylen, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(j, "text")),
	    text);
	json_decref(j);
	http_req_free(&req);
	memset(&req, 0, sizeof(req));
	text[5000] = '\xff';
	assert_int_equal(provider_webhook.build(&hook, &m, &req, err,
	    sizeof(err)), -1);
	http_req_free(&req);
	free(text);
}

static struct prov_result
classify(long status, const char *body, int64_t ra)
{
	struct http_resp r = { status, body, body ? strlen(body) : 0, ra, -1,
	    NULL };
	struct prov_result res;

	memset(&res, 0, sizeof(res));
	provider_webhook.classify(&hook, &r, &res);
	return res;
}

static void
test_webhook_classify(void **state)
{
	struct prov_result r;

	r = classify(200, "{\"id\":\"abc-1\"}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "abc-1");
	r = classify(201, "{\"id\":77}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "77");
	r = classify(204, NULL, -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "");
	r = classify(200, "not json", -1);
	assert_int_equal(r.outcome, PROV_OK);
	r = classify(429, "", 30);
	assert_int_equal(r.outcome, PROV_RETRY);
	assert_int_equal(r.retry_after, 30);
	r = classify(503, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	assert_int_equal(r.retry_after, -1);
	assert_string_equal(r.reason, "HTTP 503");
	{
		/* The server's words: the status line and a JSON message. */
		struct http_resp hr = { 503, "{\"error\":{\"message\":"
		    "\"Hết hạn mức\\nquota\"}}", 0, -1, -1,
		    "HTTP/1.1 503 Service Unavailable" };
		char out[PROV_REASON_TEXT], big[600];

		hr.bodylen = strlen(hr.body);
		memset(&r, 0, sizeof(r));
		provider_webhook.classify(&hook, &hr, &r);
		assert_int_equal(r.outcome, PROV_RETRY);
		assert_string_equal(r.reason, "HTTP 503 Service Unavailable: "
		    "Hết hạn mức quota");
		hr.body = "{\"errors\":[{\"message\":\"bad \\u0001 to\"}]}";
		hr.bodylen = strlen(hr.body);
		hr.status = 400;
		hr.status_line = "HTTP/2 400 ";
		provider_webhook.classify(&hook, &hr, &r);
		assert_int_equal(r.outcome, PROV_FAIL);
		assert_string_equal(r.reason, "HTTP 400 bad \\x01 to");
		/* Bytes that are not UTF-8 are escaped; long text is cut. */
		prov_clean_text("a\xff" "b\r\n  c", 9, out, sizeof(out));
		assert_string_equal(out, "a\\xffb c");
		memset(big, 'x', sizeof(big));
		memcpy(big + 150, "ắắắắ", 12);
		prov_clean_text(big, sizeof(big), out, sizeof(out));
		assert_true(strlen(out) < sizeof(out));
		assert_string_equal(out + strlen(out) - 3, "...");
		/* Whole characters up to the cut: 150 x, then the ắ that fit. */
		assert_memory_equal(out + 150, "ắ", 3);
		assert_int_equal((strlen(out) - 150 - 3) % 3, 0);
	}
	r = classify(404, "", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_string_equal(r.reason, "HTTP 404");
	r = classify(400, "{\"error\":\"bad\"}", 10);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = classify(301, "", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
}

static char s_tg[] = "tg", s_tgtype[] = "telegram", s_tok[] = "123:ABC",
    s_base[] = "http://127.0.0.1:9";

static struct provider_conf tg = {
	.name = s_tg,
	.type = s_tgtype,
	.token = s_tok,
	.base_url = s_base,
};

static void
test_telegram_build(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128];
	json_t *j;

	memset(&req, 0, sizeof(req));
	m.address = "555123";
	assert_int_equal(provider_telegram.build(&tg, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/bot123:ABC/"
	    "sendMessage");
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "chat_id")),
	    555123);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
	    m.body);
	json_decref(j);
	http_req_free(&req);
	/* A channel name stays a string. */
	m.address = "@ubnd_yenbai";
	assert_int_equal(provider_telegram.build(&tg, &m, &req, err,
	    sizeof(err)), 0);
	assert_non_null(strstr(req.body, "\"chat_id\":\"@ubnd_yenbai\""));
	http_req_free(&req);
}

static struct prov_result
tg_classify(long status, const char *body)
{
	struct http_resp r = { status, body, body ? strlen(body) : 0, -1, -1,
	    NULL };
	struct prov_result res;

	memset(&res, 0, sizeof(res));
	provider_telegram.classify(&tg, &r, &res);
	return res;
}

static void
test_telegram_classify(void **state)
{
	struct prov_result r;

	r = tg_classify(200, "{\"ok\":true,\"result\":{\"message_id\":42,"
	    "\"chat\":{\"id\":5},\"date\":1746268800,\"text\":\"x\"}}");
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "42");
	r = tg_classify(429, "{\"ok\":false,\"error_code\":429,\"description\":"
	    "\"Too Many Requests: retry after 35\",\"parameters\":"
	    "{\"retry_after\":35}}");
	assert_int_equal(r.outcome, PROV_RETRY);
	assert_int_equal(r.retry_after, 35);
	r = tg_classify(403, "{\"ok\":false,\"error_code\":403,\"description\":"
	    "\"Forbidden: bot was blocked by the user\"}");
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = tg_classify(400, "{\"ok\":false,\"error_code\":400,\"description\":"
	    "\"Bad Request: chat not found\"}");
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = tg_classify(400, "{\"ok\":false,\"error_code\":400,\"description\":"
	    "\"Bad Request: message text is empty\"}");
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_non_null(strstr(r.reason, "message text is empty"));
	r = tg_classify(401, "{\"ok\":false,\"error_code\":401,\"description\":"
	    "\"Unauthorized\"}");
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_null(strstr(r.reason, "123:ABC"));	/* never the token */
	r = tg_classify(502, "<html>bad gateway</html>");
	assert_int_equal(r.outcome, PROV_RETRY);
	r = tg_classify(200, "{\"ok\":false}");
	assert_int_equal(r.outcome, PROV_FAIL);
}

static char s_es[] = "sms", s_estype[] = "esms", s_key[] = "K", s_sec[] = "S",
    s_brand[] = "UBND_YB";

static struct provider_conf es = {
	.name = s_es,
	.type = s_estype,
	.api_key = s_key,
	.secret_key = s_sec,
	.brandname = s_brand,
	.sms_type = 2,
	.ascii = 1,
	.base_url = s_base,
};

static void
test_esms_build(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128];
	json_t *j;

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_esms.build(&es, &m, &req, err, sizeof(err)),
	    0);
	assert_string_equal(req.url, "http://127.0.0.1:9/MainService.svc/json/"
	    "SendMultipleMessage_V4_post_json/");
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "Phone")),
	    "0912345678");
	assert_string_equal(json_string_value(json_object_get(j, "RequestId")),
	    "nv-7-3");
	assert_string_equal(json_string_value(json_object_get(j, "IsUnicode")),
	    "0");
	assert_string_equal(json_string_value(json_object_get(j, "SmsType")),
	    "2");
	assert_string_equal(json_string_value(json_object_get(j, "Content")),
	    "[Qua han] So Noi vu: nhiem vu \"Ban hanh\"");
	json_decref(j);
	http_req_free(&req);
}

static struct prov_result
cls(const struct provider_ops *ops, struct provider_conf *pc, long status,
    const char *body, int64_t reset)
{
	struct http_resp r = { status, body, body ? strlen(body) : 0, -1,
	    reset, NULL };
	struct prov_result res;

	memset(&res, 0, sizeof(res));
	ops->classify(pc, &r, &res);
	return res;
}

static void
test_esms_classify(void **state)
{
	struct prov_result r;

	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"100\","
	    "\"CountRegenerate\":0,\"SMSID\":\"d533459e\"}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "d533459e");
	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"124\","
	    "\"CountRegenerate\":0,\"ErrorMessage\":\"Request exist 1\","
	    "\"SendStatus\":\"5\"}", -1);
	assert_int_equal(r.outcome, PROV_OK);	/* the resend was a duplicate */
	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"101\","
	    "\"ErrorMessage\":\"Authorize Failed\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_non_null(strstr(r.reason, "Authorize Failed"));
	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"108\"}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"177\"}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_esms, &es, 200, "{\"CodeResult\":\"146\","
	    "\"ErrorMessage\":\"Sai template Brandname CSKH\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_esms, &es, 400, "{\"error\":\"Invalid request\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_string_equal(r.reason, "eSMS: Invalid request");
	r = cls(&provider_esms, &es, 503, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
}

static void
test_speedsms(void **state)
{
	static char name[] = "ss", type[] = "speedsms", tok[] = "abc";
	struct provider_conf ss = { .name = name, .type = type, .token = tok,
	    .base_url = s_base, .sms_type = 2, .ascii = 1 };
	struct prov_msg m = message();
	struct http_req req;
	struct prov_result r;
	char err[128];

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_speedsms.build(&ss, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/index.php/sms/send");
	/* base64("abc:x") */
	assert_true(has_header(&req, "Authorization: Basic YWJjOng="));
	assert_non_null(strstr(req.body, "\"to\":[\"84912345678\"]"));
	http_req_free(&req);
	r = cls(&provider_speedsms, &ss, 200, "{\"status\":\"success\","
	    "\"code\":\"00\",\"data\":{\"tranId\":123456,\"totalSMS\":1}}",
	    -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "123456");
	r = cls(&provider_speedsms, &ss, 429, "{\"name\":\"Too Many Requests\","
	    "\"message\":\"Rate limit exceeded.\",\"code\":0,\"status\":429}",
	    17);
	assert_int_equal(r.outcome, PROV_RETRY);
	assert_int_equal(r.retry_after, 17);
	r = cls(&provider_speedsms, &ss, 200, "{\"status\":\"error\","
	    "\"code\":\"105\",\"message\":\"phone invalid\"}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_speedsms, &ss, 200, "{\"status\":\"error\","
	    "\"code\":\"500\",\"message\":\"internal error\"}", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_speedsms, &ss, 200, "{\"status\":\"error\","
	    "\"code\":\"113\",\"message\":\"content too long\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_speedsms, &ss, 404, "", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
}

static void
test_twilio(void **state)
{
	static char name[] = "tw", type[] = "twilio", sid[] = "AC123",
	    tok[] = "tok", from[] = "+15005550006";
	struct provider_conf tw = { .name = name, .type = type,
	    .api_key = sid, .token = tok, .brandname = from,
	    .base_url = s_base, .ascii = 0 };
	struct prov_msg m = message();
	struct http_req req;
	struct prov_result r;
	char err[128];

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_twilio.build(&tw, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/2010-04-01/Accounts/"
	    "AC123/Messages.json");
	assert_true(has_header(&req, "Authorization: Basic QUMxMjM6dG9r"));
	assert_non_null(strstr(req.body, "To=%2B84912345678&From=%2B15005550006"
	    "&Body=%5BQu%C3%A1%20h%E1%BA%A1n%5D"));
	http_req_free(&req);
	r = cls(&provider_twilio, &tw, 201, "{\"sid\":\"SM42\",\"status\":"
	    "\"queued\",\"error_code\":null}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "SM42");
	r = cls(&provider_twilio, &tw, 400, "{\"code\":21211,\"message\":"
	    "\"The 'To' number is not a valid phone number.\",\"more_info\":"
	    "\"https://www.twilio.com/docs/errors/21211\",\"status\":400}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_non_null(strstr(r.reason, "Twilio 21211 (HTTP 400)"));
	r = cls(&provider_twilio, &tw, 429, "{\"code\":20429}", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_twilio, &tw, 500, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
}

static char z_name[] = "zalo", z_type[] = "zalo_zns", z_app[] = "app1",
    z_sec[] = "appsecret", z_tpl[] = "tpl42", z_p1[] = "ten_nhiem_vu {{task}}",
    z_p2[] = "han {{due}}", z_p3[] = "ma {{ack_code}}";

static struct provider_conf zns = {
	.name = z_name, .type = z_type, .app_id = z_app, .secret_key = z_sec,
	.template_id = z_tpl, .params = { z_p1, z_p2, z_p3 }, .nparams = 3,
	.base_url = s_base, .oauth_url = s_base,
};

static void
test_zns_build(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[128];
	json_t *j, *d;

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_zalo_zns.build(&zns, &m, &req, err,
	    sizeof(err)), -1);	/* no token yet */
	http_req_free(&req);
	m.access_token = "AT-1";
	assert_int_equal(provider_zalo_zns.build(&zns, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/message/template");
	assert_true(has_header(&req, "access_token: AT-1"));
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "phone")),
	    "84912345678");
	assert_string_equal(json_string_value(json_object_get(j,
	    "template_id")), "tpl42");
	assert_string_equal(json_string_value(json_object_get(j,
	    "tracking_id")), "nv-7-3");
	d = json_object_get(j, "template_data");
	assert_string_equal(json_string_value(json_object_get(d,
	    "ten_nhiem_vu")), "Ban hành kế hoạch");
	assert_string_equal(json_string_value(json_object_get(d, "han")),
	    "31/01/2023 17:00");
	assert_string_equal(json_string_value(json_object_get(d, "ma")),
	    "K7Q2M");
	json_decref(j);
	http_req_free(&req);
}

static void
test_zns_classify(void **state)
{
	struct prov_result r;

	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":0,\"message\":"
	    "\"Success\",\"data\":{\"msg_id\":\"a4d0243f\",\"sent_time\":"
	    "\"1626926349402\",\"quota\":{\"dailyQuota\":\"500\","
	    "\"remainingQuota\":\"499\"}}}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "a4d0243f");
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-100,\"message\":"
	    "\"Unknown error\"}", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-118,\"message\":"
	    "\"Zalo account not existed\"}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-108}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-114}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-124,\"message\":"
	    "\"Access token invalid\"}", -1);
	assert_int_equal(r.outcome, PROV_REAUTH);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-137}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	assert_true(r.alert);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-150,\"message\":"
	    "\"Out of quota\"}", -1);
	assert_true(r.alert);
	r = cls(&provider_zalo_zns, &zns, 200, "{\"error\":-109,\"message\":"
	    "\"Template ID invalid\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_zalo_zns, &zns, 502, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
}

static void
test_zns_refresh(void **state)
{
	struct http_req req;
	struct http_resp resp;
	struct prov_tokens tk;
	char err[256];

	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_zalo_zns.refresh_build(&zns, "RT-1", &req,
	    err, sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/v4/oa/access_token");
	assert_string_equal(req.body, "refresh_token=RT-1&app_id=app1&"
	    "grant_type=refresh_token");
	assert_true(has_header(&req, "secret_key: appsecret"));
	http_req_free(&req);
	memset(&resp, 0, sizeof(resp));
	resp.status = 200;
	resp.body = "{\"access_token\":\"AT-2\",\"refresh_token\":\"RT-2\","
	    "\"expires_in\":\"90000\"}";
	resp.bodylen = strlen(resp.body);
	assert_int_equal(provider_zalo_zns.refresh_parse(&zns, &resp, &tk, err,
	    sizeof(err)), 0);
	assert_string_equal(tk.access, "AT-2");
	assert_string_equal(tk.refresh, "RT-2");
	assert_int_equal(tk.expires_in, 90000);
	resp.body = "{\"error\":-14014,\"error_name\":\"Invalid refresh token\","
	    "\"error_description\":\"Refresh token is invalid\"}";
	resp.bodylen = strlen(resp.body);
	assert_int_equal(provider_zalo_zns.refresh_parse(&zns, &resp, &tk, err,
	    sizeof(err)), -2);
	assert_non_null(strstr(err, "-14014"));
	resp.body = "{\"error\":-14020}";
	resp.bodylen = strlen(resp.body);
	assert_int_equal(provider_zalo_zns.refresh_parse(&zns, &resp, &tk, err,
	    sizeof(err)), -2);
	resp.status = 503;
	resp.body = "";
	resp.bodylen = 0;
	assert_int_equal(provider_zalo_zns.refresh_parse(&zns, &resp, &tk, err,
	    sizeof(err)), -1);
}

static char oa_name[] = "zalo_oa", oa_type[] = "zalo_oa", oa_from[] = "zalo";

static struct provider_conf oa = {
	.name = oa_name, .type = oa_type, .token_from = oa_from,
	.base_url = s_base,
};

static void
test_oa_build_classify(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	struct prov_result r;
	char err[128];
	json_t *j;

	assert_int_equal(provider_zalo_oa.check(&oa, err, sizeof(err)), 0);
	m.address = "2512523625412515";
	m.access_token = "AT-9";
	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_zalo_oa.build(&oa, &m, &req, err,
	    sizeof(err)), 0);
	assert_string_equal(req.url, "http://127.0.0.1:9/v3.0/oa/message/cs");
	assert_true(has_header(&req, "access_token: AT-9"));
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "recipient"), "user_id")), "2512523625412515");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "message"), "text")), m.body);
	json_decref(j);
	http_req_free(&req);

	r = cls(&provider_zalo_oa, &oa, 200, "{\"error\":0,\"message\":"
	    "\"Success\",\"data\":{\"message_id\":\"e1a60e8890be9de4c4ab\","
	    "\"user_id\":\"31215806834323092\"}}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "e1a60e8890be9de4c4ab");
	r = cls(&provider_zalo_oa, &oa, 200, "{\"error\":-230,\"message\":"
	    "\"User has not interacted with the OA in the past 7 days\"}", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_zalo_oa, &oa, 200, "{\"error\":-124}", -1);
	assert_int_equal(r.outcome, PROV_REAUTH);
	r = cls(&provider_zalo_oa, &oa, 200, "{\"error\":-201,\"message\":"
	    "\"Parameters are invalid\"}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_zalo_oa, &oa, 503, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	oa.token_from = NULL;
	assert_int_equal(provider_zalo_oa.check(&oa, err, sizeof(err)), -1);
	oa.token_from = oa_from;
}

static char h_name[] = "gw", h_type[] = "http",
    h_url[] = "http://127.0.0.1:9/api/sms?to={{to}}&ref={{key}}",
    h_post[] = "POST", h_get[] = "GET", h_json[] = "json", h_form[] = "form",
    h_body[] = "{\"to\": \"{{to}}\", \"text\": \"{{text}}\", "
    "\"task\": \"{{task}}\"}",
    h_fbody[] = "msisdn={{to}}&msg={{text}}",
    h_bad[] = "{\"text\": {{text}}}",
    h_ok[] = "200", h_2xx[] = "2xx", h_retry[] = "429 5xx",
    h_field[] = "result.code", h_value[] = "0", h_id[] = "result.ids.0",
    h_auth[] = "Authorization: Bearer gw-secret";

static struct provider_conf gw = {
	.name = h_name, .type = h_type, .url = h_url, .method = h_post,
	.body = h_body, .body_type = h_json, .success_status = h_ok,
	.retry_status = h_retry, .success_field = h_field,
	.success_value = h_value, .id_field = h_id, .headers = { h_auth },
	.nheaders = 1,
};

static void
test_http_build(void **state)
{
	struct prov_msg m = message();
	struct http_req req;
	char err[256];
	json_t *j;

	assert_int_equal(provider_http.check(&gw, err, sizeof(err)), 0);
	m.task_title = "Báo cáo \"quý\" & năm";
	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_http.build(&gw, &m, &req, err, sizeof(err)),
	    0);
	assert_string_equal(req.url,
	    "http://127.0.0.1:9/api/sms?to=%2B84912345678&ref=nv-7-3");
	assert_null(req.method);	/* POST */
	assert_true(has_header(&req, "Authorization: Bearer gw-secret"));
	assert_true(has_header(&req, "Idempotency-Key: nv-7-3"));
	j = json_loadb(req.body, req.bodylen, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "task")),
	    "Báo cáo \"quý\" & năm");
	assert_string_equal(json_string_value(json_object_get(j, "to")),
	    "+84912345678");
	json_decref(j);
	http_req_free(&req);

	/* Form bodies are URL-encoded; GET needs no body. */
	gw.body = h_fbody;
	gw.body_type = h_form;
	assert_int_equal(provider_http.build(&gw, &m, &req, err, sizeof(err)),
	    0);
	assert_non_null(strstr(req.body, "msisdn=%2B84912345678&msg=%5B"));
	assert_true(has_header(&req,
	    "Content-Type: application/x-www-form-urlencoded"));
	http_req_free(&req);
	gw.body = NULL;
	gw.method = h_get;
	assert_int_equal(provider_http.check(&gw, err, sizeof(err)), 0);
	assert_int_equal(provider_http.build(&gw, &m, &req, err, sizeof(err)),
	    0);
	assert_string_equal(req.method, "GET");
	assert_null(req.body);
	http_req_free(&req);
	gw.method = h_post;
	assert_int_equal(provider_http.check(&gw, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs a body template"));

	/* A body template whose output is not JSON is a config error. */
	gw.body = h_bad;
	gw.body_type = h_json;
	assert_int_equal(provider_http.check(&gw, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not give JSON"));
	gw.body = h_body;
}

static void
test_http_classify(void **state)
{
	struct prov_result r;

	r = cls(&provider_http, &gw, 200, "{\"result\":{\"code\":0,"
	    "\"ids\":[\"gw-881\"]}}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "gw-881");
	r = cls(&provider_http, &gw, 200, "{\"result\":{\"code\":17}}", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	assert_non_null(strstr(r.reason, "result.code is \"17\", not \"0\""));
	r = cls(&provider_http, &gw, 200, "not json", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_http, &gw, 429, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_http, &gw, 503, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_http, &gw, 201, "{}", -1);	/* not in "200" */
	assert_int_equal(r.outcome, PROV_FAIL);
	r = cls(&provider_http, &gw, 400, "", -1);
	assert_int_equal(r.outcome, PROV_FAIL);
	gw.success_status = h_2xx;
	gw.success_field = gw.success_value = NULL;
	r = cls(&provider_http, &gw, 201, "{}", -1);
	assert_int_equal(r.outcome, PROV_OK);
	gw.success_status = h_ok;
	gw.success_field = h_field;
	gw.success_value = h_value;
}

static struct cb_req
cbreq(const char *url, const char *query, const char *body, const char *sig)
{
	struct cb_req cb;

	memset(&cb, 0, sizeof(cb));
	cb.method = body ? "POST" : "GET";
	cb.url = url;
	cb.query = query;
	cb.body = body;
	cb.bodylen = body ? strlen(body) : 0;
	cb.signature = sig;
	return cb;
}

static void
test_receipts(void **state)
{
	static char tname[] = "tw", ttype[] = "twilio", ttok[] = "tok-42";
	struct provider_conf tw = { .name = tname, .type = ttype,
	    .token = ttok };
	struct receipt r[PROV_MAX_RECEIPTS];
	struct cb_req cb;
	char err[256];
	const char *url = "https://nv.example.gov.vn/cb/tw/SECRETSECRETSECRET";
	const char *form = "MessageStatus=undelivered&MessageSid=SM1&"
	    "ErrorCode=30003&AccountSid=AC123";

	/* eSMS: by our RequestId when it is there, else by SMSID. */
	cb = cbreq(url, "SMSID=dc71&SendFailed=0&SendStatus=5&SendSuccess=1"
	    "&RequestId=nv-7-3&TypeId=2", NULL, NULL);
	assert_int_equal(provider_esms.receipt(&es, &cb, r, err, sizeof(err)),
	    1);
	assert_string_equal(r[0].provider_id, "nv-7-3");
	assert_int_equal(r[0].delivered, 1);
	cb = cbreq(url, "SMSID=dc71&SendFailed=1&SendStatus=5&SendSuccess=0"
	    "&RequestId=", NULL, NULL);
	assert_int_equal(provider_esms.receipt(&es, &cb, r, err, sizeof(err)),
	    1);
	assert_string_equal(r[0].provider_id, "dc71");
	assert_int_equal(r[0].delivered, 0);
	cb = cbreq(url, "SMSID=dc71&SendStatus=7", NULL, NULL);
	assert_int_equal(provider_esms.receipt(&es, &cb, r, err, sizeof(err)),
	    1);
	assert_int_equal(r[0].delivered, -1);
	cb = cbreq(url, "foo=%zz&&=", NULL, NULL);
	assert_int_equal(provider_esms.receipt(&es, &cb, r, err, sizeof(err)),
	    -1);

	/* SpeedSMS: status 0 delivered, < 64 on the way, >= 64 failed. */
	cb = cbreq(url, NULL, "{\"type\":\"report\",\"tranId\":881,"
	    "\"phone\":\"84912345678\",\"status\":0}", NULL);
	assert_int_equal(provider_speedsms.receipt(&es, &cb, r, err,
	    sizeof(err)), 1);
	assert_string_equal(r[0].provider_id, "881");
	assert_int_equal(r[0].delivered, 1);
	cb = cbreq(url, NULL, "{\"type\":\"report\",\"tranId\":\"881\","
	    "\"status\":64}", NULL);
	assert_int_equal(provider_speedsms.receipt(&es, &cb, r, err,
	    sizeof(err)), 1);
	assert_int_equal(r[0].delivered, 0);
	/* An incoming SMS is a reply, with its sender and text. */
	memset(r, 0, sizeof(r));
	cb = cbreq(url, NULL, "{\"type\":\"incoming\",\"phone\":"
	    "\"84912345678\",\"content\":\"xong k7q2m\"}", NULL);
	assert_int_equal(provider_speedsms.receipt(&es, &cb, r, err,
	    sizeof(err)), 1);
	assert_true(r[0].is_reply);
	assert_string_equal(r[0].from, "84912345678");
	assert_string_equal(r[0].text, "xong k7q2m");
	cb = cbreq(url, NULL, "[]", NULL);
	assert_int_equal(provider_speedsms.receipt(&es, &cb, r, err,
	    sizeof(err)), -1);

	/* Zalo: user_received_message by msg_id; other events are none. */
	cb = cbreq(url, NULL, "{\"app_id\":\"1\",\"event_name\":"
	    "\"user_received_message\",\"message\":{\"msg_id\":"
	    "\"a4d0243f\",\"delivery_time\":\"1626926350000\","
	    "\"tracking_id\":\"nv-1-1\"}}", NULL);
	assert_int_equal(zalo_receipt(&zns, &cb, r, err, sizeof(err)), 1);
	assert_string_equal(r[0].provider_id, "a4d0243f");
	cb = cbreq(url, NULL, "{\"event_name\":\"follow\"}", NULL);
	assert_int_equal(zalo_receipt(&zns, &cb, r, err, sizeof(err)), 0);
	memset(r, 0, sizeof(r));
	cb = cbreq(url, NULL, "{\"event_name\":\"user_send_text\","
	    "\"sender\":{\"id\":\"2512523625412515\"},\"message\":"
	    "{\"msg_id\":\"m1\",\"text\":\"Xong K7Q2M\"}}", NULL);
	assert_int_equal(zalo_receipt(&zns, &cb, r, err, sizeof(err)), 1);
	assert_true(r[0].is_reply);
	assert_string_equal(r[0].from, "2512523625412515");
	cb = cbreq(url, NULL, "{\"event_name\":\"user_send_text\"}", NULL);
	assert_int_equal(zalo_receipt(&zns, &cb, r, err, sizeof(err)), -1);
	cb = cbreq(url, NULL, "{\"event_name\":\"user_received_message\","
	    "\"message\":{}}", NULL);
	assert_int_equal(zalo_receipt(&zns, &cb, r, err, sizeof(err)), -1);

	/* Twilio: the signature computed by openssl dgst -sha1 -hmac. */
	cb = cbreq(url, NULL, form, "HFrq2NT3mLYcxH7+JxnePGXb550=");
	assert_int_equal(provider_twilio.receipt(&tw, &cb, r, err,
	    sizeof(err)), 1);
	assert_string_equal(r[0].provider_id, "SM1");
	assert_int_equal(r[0].delivered, 0);
	assert_non_null(strstr(r[0].reason, "30003"));
	cb = cbreq(url, NULL, form, "HFrq2NT3mLYcxH7+JxnePGXb551=");
	assert_int_equal(provider_twilio.receipt(&tw, &cb, r, err,
	    sizeof(err)), -2);
	cb = cbreq("https://other.example/cb/tw/SECRETSECRETSECRET", NULL,
	    form, "HFrq2NT3mLYcxH7+JxnePGXb550=");
	assert_int_equal(provider_twilio.receipt(&tw, &cb, r, err,
	    sizeof(err)), -2);
	cb = cbreq(url, NULL, form, NULL);
	assert_int_equal(provider_twilio.receipt(&tw, &cb, r, err,
	    sizeof(err)), -2);
	/* The number's inbound webhook: a reply, signed the same way. */
	memset(r, 0, sizeof(r));
	cb = cbreq(url, NULL, "From=%2B84912345678&Body=Xong+K7Q2M&"
	    "MessageSid=SM9&AccountSid=AC123",
	    "gIrcxdY5fcZVFDkN4dmiXcZusX8=");
	assert_int_equal(provider_twilio.receipt(&tw, &cb, r, err,
	    sizeof(err)), 1);
	assert_true(r[0].is_reply);
	assert_string_equal(r[0].from, "+84912345678");
	assert_string_equal(r[0].text, "Xong K7Q2M");
}

static void
test_smtp(void **state)
{
	static char name[] = "mail", type[] = "smtp",
	    url[] = "smtps://mail.example.gov.vn:465",
	    from[] = "Nhắc việc <nv@example.gov.vn>", who[] = "nv@example.gov.vn",
	    pw[] = "pw", subj[] = "[{{plan}}] {{task}}";
	struct provider_conf pc = { .name = name, .type = type, .url = url,
	    .from = from, .username = who, .password = pw, .subject = subj,
	    .starttls = 1 };
	struct prov_msg m = message();
	struct http_req req;
	struct prov_result r;
	char err[256], *p, *line;

	assert_int_equal(provider_smtp.check(&pc, err, sizeof(err)), 0);
	m.address = "giamdoc@snv.yenbai.gov.vn";
	m.task_title = "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính "
	    "năm 2026 của Sở";
	memset(&req, 0, sizeof(req));
	assert_int_equal(provider_smtp.build(&pc, &m, &req, err, sizeof(err)),
	    0);
	assert_string_equal(req.mail_from, "<nv@example.gov.vn>");
	assert_string_equal(req.mail_rcpt, "<giamdoc@snv.yenbai.gov.vn>");
	assert_string_equal(req.user, "nv@example.gov.vn");
	assert_true(req.starttls);
	/* A long subject folds into several words, none over 75 bytes. */
	assert_non_null(p = strstr(req.body, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(p, "?=\r\n =?UTF-8?B?"));
	for (line = req.body; (p = strstr(line, "\r\n")) != NULL &&
	    p != line; line = p + 2)
		assert_true(p - line <= 78);
	assert_non_null(strstr(req.body, "\r\n\r\nW1F1w6EgaOG6oW5dIFPhu58g"));
	http_req_free(&req);
	/* A header cannot be smuggled in through the address. */
	m.address = "a@b.vn\r\nBcc: x@y.vn";
	assert_int_equal(provider_smtp.build(&pc, &m, &req, err, sizeof(err)),
	    -1);
	http_req_free(&req);

	r = cls(&provider_smtp, &pc, 250, "", -1);
	assert_int_equal(r.outcome, PROV_OK);
	r = cls(&provider_smtp, &pc, 451, "RCPT failed: 451", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_smtp, &pc, 0, "", -1);
	assert_int_equal(r.outcome, PROV_RETRY);
	r = cls(&provider_smtp, &pc, 550, "RCPT failed: 550", -1);
	assert_int_equal(r.outcome, PROV_NEXT_CHANNEL);
	r = cls(&provider_smtp, &pc, 535, "535 5.7.8 Error: authentication "
	    "failed: bad\r\nuser\x01", -1);
	assert_int_equal(r.outcome, PROV_CONFIG);
	assert_true(r.alert);
	/* The relay's words are kept, cleaned for a log line. */
	assert_non_null(strstr(r.reason, "535 5.7.8 Error: authentication "
	    "failed: bad user\\x01"));
	r = cls(&provider_smtp, &pc, 554, "Transaction failed", -1);
	assert_int_equal(r.outcome, PROV_FAIL);

	/* Clear text only to a relay on this host. */
	pc.starttls = 0;
	pc.url = (char *)"smtp://mail.example.gov.vn:587";
	assert_int_equal(provider_smtp.check(&pc, err, sizeof(err)), -1);
	pc.url = (char *)"smtp://127.0.0.1:25";
	assert_int_equal(provider_smtp.check(&pc, err, sizeof(err)), 0);
}

static void
test_console_delivers(void **state)
{
	struct provider_conf pc = { .name = s_console, .type = s_console };
	struct prov_msg m = message();
	struct prov_result r;

	memset(&r, 0, sizeof(r));
	provider_console.deliver(&pc, &m, &r);
	assert_int_equal(r.outcome, PROV_OK);
	assert_string_equal(r.provider_id, "console-42");
}

static void
test_table(void **state)
{
	assert_ptr_equal(provider_find("console"), &provider_console);
	assert_ptr_equal(provider_find("webhook"), &provider_webhook);
	assert_ptr_equal(provider_find("telegram"), &provider_telegram);
	assert_null(provider_find("pigeon"));
	/* Each entry is either local (deliver) or HTTP (build+classify). */
	for (const struct provider_ops *const *p = provider_table; *p; p++)
		assert_true(((*p)->deliver != NULL) ^
		    ((*p)->build != NULL && (*p)->classify != NULL));
	assert_int_equal(prov_header_is_secret("Authorization: x"), 1);
	assert_int_equal(prov_header_is_secret("X-Api-Key: x"), 1);
	assert_int_equal(prov_header_is_secret("Content-Type: x"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_webhook_build),
		cmocka_unit_test(test_webhook_build_rejects_bad_utf8),
		cmocka_unit_test(test_webhook_build_long_text),
		cmocka_unit_test(test_webhook_classify),
		cmocka_unit_test(test_telegram_build),
		cmocka_unit_test(test_telegram_classify),
		cmocka_unit_test(test_esms_build),
		cmocka_unit_test(test_esms_classify),
		cmocka_unit_test(test_speedsms),
		cmocka_unit_test(test_twilio),
		cmocka_unit_test(test_zns_build),
		cmocka_unit_test(test_zns_classify),
		cmocka_unit_test(test_zns_refresh),
		cmocka_unit_test(test_oa_build_classify),
		cmocka_unit_test(test_http_build),
		cmocka_unit_test(test_http_classify),
		cmocka_unit_test(test_receipts),
		cmocka_unit_test(test_smtp),
		cmocka_unit_test(test_console_delivers),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests_name("provider", tests, setup, NULL);
}
