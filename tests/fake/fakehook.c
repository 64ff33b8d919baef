/*
 * fakehook.c: a fake webhook receiver for the end-to-end tests.  It binds
 * 127.0.0.1 only, on the port the test asks for (0: any free one, written
 * to --port-file), and answers by a script such as "500x2,429:3x1,200":
 * two 500s, then one 429 with Retry-After: 3, then 200 for ever.  Every
 * request is appended to --log as one tab-separated line:
 *
 *   time_ms  status  idempotency_key  kind  step  message_id  deadline  text
 *
 * followed by the request path, the recipient (chat_id, Phone, to, To)
 * and, when the request asks for receipts, its callback URL.
 * --delay-ms holds each answer back, so a test can kill the daemon while
 * requests are in flight.  --api telegram answers as the Telegram Bot API
 * does (ok/result, and flood control as parameters.retry_after in the
 * body rather than a header); --api esms answers CodeResult 100 for a new
 * RequestId and 124 for a repeated one; --api speedsms answers its
 * success envelope, and 429 with X-Rate-Limit-Reset; --api zalo runs
 * Zalo's OAuth v4 rotation (refresh token RT-0 first, each one single-use)
 * and ZNS, refusing any access token but the latest with -124, and the OA
 * API's message/cs.  "200=108" in the script makes the provider's own
 * code 108 (for Zalo, -108); a status of 0 drops the connection with no
 * answer, as a gateway that dies mid-request does.  --peers appends the
 * client's port of each request's connection, one a line, so a test can
 * count the links the daemon used.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <sys/queue.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#define MAX_STEPS	32

struct step {
	int		 status;
	int		 retry_after;	/* -1: no header */
	int		 count;		/* -1: for ever */
	int		 code;		/* "200=108": the provider's own code */
};

struct pending {
	LIST_ENTRY(pending) entry;
	int		 code;
	struct evhttp_request *req;
	struct event	*ev;
	int		 status;
	int		 retry_after;
};

static struct step script[MAX_STEPS];
static int nsteps, cur;
static FILE *logfp;
static int delay_ms;
static FILE *peersfp;
static int api_telegram, api_esms, api_speedsms, api_twilio, api_zalo;
static char zalo_refresh[64] = "RT-0";	/* the one valid refresh token */
static char zalo_access[64];		/* the one valid access token */
static int zalo_gen;
static char **seen_ids;		/* eSMS RequestIds accepted so far */
static int nseen;
static long long next_id = 1;
static struct event_base *base;
static LIST_HEAD(, pending) pendings = LIST_HEAD_INITIALIZER(pendings);

static void
parse_script(const char *s)
{
	char *copy = strdup(s), *p = copy, *w;

	while ((w = strsep(&p, ",")) != NULL && nsteps < MAX_STEPS) {
		struct step *st = &script[nsteps++];
		char *x;

		st->retry_after = -1;
		st->count = -1;
		st->code = -1;
		st->status = atoi(w);
		if ((x = strchr(w, '=')) != NULL)
			st->code = atoi(x + 1);
		if ((x = strchr(w, ':')) != NULL)
			st->retry_after = atoi(x + 1);
		if ((x = strchr(w, 'x')) != NULL)
			st->count = atoi(x + 1);
	}
	free(copy);
}

/* The status the script gives the next request, consuming one count. */
static struct step
next_step(void)
{
	struct step s = { 200, -1, -1, -1 };

	while (cur < nsteps && script[cur].count == 0)
		cur++;
	if (cur >= nsteps)
		return s;
	s = script[cur];
	if (script[cur].count > 0)
		script[cur].count--;
	return s;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * eSMS: CodeResult from the script, else 100 for a new RequestId and 124
 * for one it has accepted before, as the real service does.
 */
static int
esms_code(const char *request_id, int scripted)
{
	int i;

	if (scripted >= 0)
		return scripted;
	for (i = 0; request_id != NULL && i < nseen; i++)
		if (strcmp(seen_ids[i], request_id) == 0)
			return 124;
	if (request_id != NULL) {
		/* A crash suite sends tens of thousands: no fixed cap. */
		char **n = realloc(seen_ids, (nseen + 1) * sizeof(*n));

		if (n == NULL)
			abort();
		seen_ids = n;
		seen_ids[nseen++] = strdup(request_id);
	}
	return 100;
}

static void
answer_sms(struct evhttp_request *req, int status, int retry_after,
    int code)
{
	struct evbuffer *b = evbuffer_new();
	char ra[16];

	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	if (api_esms)
		evbuffer_add_printf(b, "{\"CodeResult\":\"%d\","
		    "\"CountRegenerate\":0,\"SMSID\":\"fake-%lld\"}", code,
		    next_id++);
	else if (status == 429) {
		snprintf(ra, sizeof(ra), "%d", retry_after);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "X-Rate-Limit-Reset", ra);
		evbuffer_add_printf(b, "{\"name\":\"Too Many Requests\","
		    "\"message\":\"Rate limit exceeded.\",\"code\":0,"
		    "\"status\":429}");
	} else if (code >= 0)
		evbuffer_add_printf(b, "{\"status\":\"error\",\"code\":"
		    "\"%03d\",\"message\":\"scripted error\"}", code);
	else
		evbuffer_add_printf(b, "{\"status\":\"success\",\"code\":"
		    "\"00\",\"data\":{\"tranId\":%lld,\"totalSMS\":1,"
		    "\"totalPrice\":250,\"invalidPhone\":[]}}", next_id++);
	evhttp_send_reply(req, status, status < 300 ? "OK" : "Not OK", b);
	evbuffer_free(b);
}

static void
answer(struct evhttp_request *req, int status, int retry_after)
{
	struct evbuffer *b = evbuffer_new();
	char ra[16];

	if (retry_after >= 0 && !api_telegram) {
		snprintf(ra, sizeof(ra), "%d", retry_after);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Retry-After", ra);
	}
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	if (api_telegram) {
		if (status == 200)
			evbuffer_add_printf(b, "{\"ok\":true,\"result\":"
			    "{\"message_id\":%lld,\"date\":%lld}}", next_id++,
			    now_ms() / 1000);
		else if (status == 429)
			evbuffer_add_printf(b, "{\"ok\":false,\"error_code\":429,"
			    "\"description\":\"Too Many Requests: retry after "
			    "%d\",\"parameters\":{\"retry_after\":%d}}",
			    retry_after, retry_after);
		else
			evbuffer_add_printf(b, "{\"ok\":false,\"error_code\":%d,"
			    "\"description\":\"%s\"}", status, status == 403 ?
			    "Forbidden: bot was blocked by the user" : "Error");
		evhttp_send_reply(req, status, status < 300 ? "OK" : "Not OK",
		    b);
		evbuffer_free(b);
		return;
	}
	if (api_twilio) {
		if (status < 300)
			evbuffer_add_printf(b, "{\"sid\":\"SM%lld\",\"status\":"
			    "\"queued\",\"error_code\":null}", next_id++);
		else
			evbuffer_add_printf(b, "{\"code\":%d,\"message\":"
			    "\"scripted error\",\"status\":%d}", status == 429 ?
			    20429 : 21211, status);
		evhttp_send_reply(req, status, status < 300 ? "Created" :
		    "Error", b);
		evbuffer_free(b);
		return;
	}
	evbuffer_add_printf(b, "{\"id\":\"fake-%lld\"}", now_ms());
	evhttp_send_reply(req, status, status < 300 ? "OK" : "Not OK", b);
	evbuffer_free(b);
}

static void
delayed(evutil_socket_t fd, short what, void *arg)
{
	struct pending *p = arg;

	if (api_esms || api_speedsms)
		answer_sms(p->req, p->status, p->retry_after, p->code);
	else
		answer(p->req, p->status, p->retry_after);
	LIST_REMOVE(p, entry);
	event_free(p->ev);
	free(p);
}

/* Flattens line breaks and tabs so one request stays one log line. */
static void
put_field(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, logfp);
}

/*
 * Zalo OAuth v4: trades the one valid refresh token for a new pair, and
 * refuses any other (a used one) with -14014, as Zalo does.
 */
static void
zalo_oauth(struct evhttp_request *req, const char *body)
{
	struct evbuffer *b = evbuffer_new();
	struct evkeyvalq q;
	const char *rt;

	TAILQ_INIT(&q);
	evhttp_parse_query_str(body, &q);
	rt = evhttp_find_header(&q, "refresh_token");
	fprintf(logfp, "%lld\toauth\t%s\t-\t0\t0\t-\t-\t/v4/oa/access_token\t-\n",
	    now_ms(), rt ? rt : "-");
	fflush(logfp);
	if (rt != NULL && strcmp(rt, zalo_refresh) == 0 &&
	    evhttp_find_header(evhttp_request_get_input_headers(req),
	    "secret_key") != NULL) {
		zalo_gen++;
		snprintf(zalo_access, sizeof(zalo_access), "AT-%d", zalo_gen);
		snprintf(zalo_refresh, sizeof(zalo_refresh), "RT-%d", zalo_gen);
		evbuffer_add_printf(b, "{\"access_token\":\"%s\","
		    "\"refresh_token\":\"%s\",\"expires_in\":\"90000\"}",
		    zalo_access, zalo_refresh);
	} else
		evbuffer_add_printf(b, "{\"error\":-14014,\"error_name\":"
		    "\"Invalid refresh token\",\"error_description\":"
		    "\"Refresh token is invalid\"}");
	evhttp_clear_headers(&q);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/*
 * ZNS and OA message/cs: checks the access token, then answers by the
 * script's code.  OA messages log the user_id and the text.
 */
static void
zalo_send(struct evhttp_request *req, json_t *j, struct step st)
{
	struct evbuffer *b = evbuffer_new();
	const char *tok = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "access_token");
	int oa = strstr(evhttp_request_get_uri(req), "/oa/message/cs") != NULL;
	int code = st.code >= 0 ? -st.code : 0;

	if (tok == NULL || zalo_access[0] == '\0' ||
	    strcmp(tok, zalo_access) != 0)
		code = -124;
	fprintf(logfp, "%lld\t%d\t%s\t-\t0\t0\t-\t", now_ms(), code,
	    json_string_value(json_object_get(j, "tracking_id")) ?
	    json_string_value(json_object_get(j, "tracking_id")) : "-");
	if (oa)
		put_field(json_string_value(json_object_get(json_object_get(j,
		    "message"), "text")));
	else
		put_field(json_string_value(json_object_get(json_object_get(j,
		    "template_data"), "ten_nhiem_vu")));
	fprintf(logfp, "\t%s\t", oa ? "/v3.0/oa/message/cs" :
	    "/message/template");
	if (oa)
		put_field(json_string_value(json_object_get(json_object_get(j,
		    "recipient"), "user_id")));
	else
		put_field(json_string_value(json_object_get(j, "phone")));
	fputc('\n', logfp);
	fflush(logfp);
	if (code == 0 && oa)
		evbuffer_add_printf(b, "{\"error\":0,\"message\":\"Success\","
		    "\"data\":{\"message_id\":\"oamsg%lld\",\"user_id\":"
		    "\"%s\"}}", next_id++, json_string_value(json_object_get(
		    json_object_get(j, "recipient"), "user_id")));
	else if (code == 0)
		evbuffer_add_printf(b, "{\"error\":0,\"message\":\"Success\","
		    "\"data\":{\"msg_id\":\"zmsg%lld\",\"sent_time\":\"%lld\","
		    "\"quota\":{\"dailyQuota\":\"500\",\"remainingQuota\":"
		    "\"499\"}}}", next_id++, now_ms());
	else
		evbuffer_add_printf(b, "{\"error\":%d,\"message\":\"%s\"}",
		    code, code == -124 ? "Access token invalid" : code == -118 ?
		    "Zalo account not existed" : code == -230 ? "User has not "
		    "interacted with the OA in the past 7 days" : "Error");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
handle(struct evhttp_request *req, void *arg)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	char *body = malloc(len + 1);
	const char *key;
	json_t *j = NULL, *o;
	struct step st;
	struct pending *p;
	struct timeval tv;

	evbuffer_remove(in, body, len);
	body[len] = '\0';
	if (peersfp != NULL) {
		char *addr;
		ev_uint16_t port;

		evhttp_connection_get_peer(evhttp_request_get_connection(req),
		    &addr, &port);
		fprintf(peersfp, "%u\n", (unsigned)port);
		fflush(peersfp);
	}
	if (api_zalo && strstr(evhttp_request_get_uri(req),
	    "/v4/oa/access_token") != NULL) {
		zalo_oauth(req, body);
		free(body);
		return;
	}
	j = json_loads(body, 0, NULL);
	st = next_step();
	if (st.status == 0) {
		key = evhttp_find_header(evhttp_request_get_input_headers(req),
		    "Idempotency-Key");
		fprintf(logfp, "%lld\tdrop\t%s\t-\t0\t0\t-\t-\t", now_ms(),
		    key ? key : "-");
		put_field(evhttp_request_get_uri(req));
		fputs("\t-\n", logfp);
		fflush(logfp);
		json_decref(j);
		free(body);
		evhttp_connection_free(evhttp_request_get_connection(req));
		return;
	}
	if (api_zalo) {
		zalo_send(req, j, st);
		json_decref(j);
		free(body);
		return;
	}
	key = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Idempotency-Key");
	if (api_esms) {
		key = json_string_value(json_object_get(j, "RequestId"));
		if (st.status == 200)
			st.code = esms_code(key, st.code);
	}
	if (api_speedsms || api_twilio)
		key = evhttp_find_header(evhttp_request_get_input_headers(req),
		    "Authorization");
	if (api_twilio) {
		/* Form-encoded: To and Body, logged like the JSON fields. */
		struct evkeyvalq q;

		TAILQ_INIT(&q);
		evhttp_parse_query_str(body, &q);
		json_decref(j);
		j = json_pack("{s:s?, s:s?, s:s?}", "text",
		    evhttp_find_header(&q, "Body"), "chat_id",
		    evhttp_find_header(&q, "To"), "CallbackUrl",
		    evhttp_find_header(&q, "StatusCallback"));
		evhttp_clear_headers(&q);
	}
	if (st.code >= 0)
		fprintf(logfp, "%lld\t%d/%d\t%s\t", now_ms(), st.status,
		    st.code, key ? key : "-");
	else
		fprintf(logfp, "%lld\t%d\t%s\t", now_ms(), st.status,
		    key ? key : "-");
	put_field(json_string_value(json_object_get(j, "kind")));
	fprintf(logfp, "\t%lld\t%lld\t",
	    (long long)json_integer_value(json_object_get(j, "step")),
	    (long long)json_integer_value(json_object_get(j, "id")));
	o = json_object_get(j, "occurrence");
	put_field(json_string_value(json_object_get(o, "deadline")));
	fputc('\t', logfp);
	if (json_object_get(j, "text") != NULL)
		put_field(json_string_value(json_object_get(j, "text")));
	else if (json_object_get(j, "Content") != NULL)
		put_field(json_string_value(json_object_get(j, "Content")));
	else
		put_field(json_string_value(json_object_get(j, "content")));
	fputc('\t', logfp);
	put_field(evhttp_request_get_uri(req));
	fputc('\t', logfp);
	o = json_object_get(j, "chat_id");
	if (o == NULL)
		o = json_object_get(j, "Phone");
	if (o == NULL)
		o = json_array_get(json_object_get(j, "to"), 0);
	if (json_is_integer(o))
		fprintf(logfp, "%lld", (long long)json_integer_value(o));
	else
		put_field(json_string_value(o));
	/* eSMS CallbackUrl, Twilio StatusCallback: an 11th column. */
	if ((o = json_object_get(j, "CallbackUrl")) != NULL) {
		fputc('\t', logfp);
		put_field(json_string_value(o));
	}
	fputc('\n', logfp);
	fflush(logfp);
	json_decref(j);
	free(body);
	if (delay_ms <= 0) {
		if (api_esms || api_speedsms)
			answer_sms(req, st.status, st.retry_after, st.code);
		else
			answer(req, st.status, st.retry_after);
		return;
	}
	p = calloc(1, sizeof(*p));
	p->code = st.code;
	p->req = req;
	p->status = st.status;
	p->retry_after = st.retry_after;
	p->ev = evtimer_new(base, delayed, p);
	LIST_INSERT_HEAD(&pendings, p, entry);
	tv.tv_sec = delay_ms / 1000;
	tv.tv_usec = (delay_ms % 1000) * 1000;
	evtimer_add(p->ev, &tv);
}

static void
on_term(evutil_socket_t sig, short what, void *arg)
{
	event_base_loopbreak(base);
}

int
main(int argc, char **argv)
{
	static const struct option o[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "port-file", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "script", required_argument, NULL, 's' },
		{ "delay-ms", required_argument, NULL, 'd' },
		{ "peers", required_argument, NULL, 'P' },
		{ "api", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct evhttp *http;
	struct evhttp_bound_socket *bs;
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	struct event *ev;
	const char *portfile = NULL, *logpath = "/dev/stdout";
	FILE *pf;
	int ch, port = 0;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'p':
			port = atoi(optarg);
			break;
		case 'f':
			portfile = optarg;
			break;
		case 'l':
			logpath = optarg;
			break;
		case 's':
			parse_script(optarg);
			break;
		case 'd':
			delay_ms = atoi(optarg);
			break;
		case 'P':
			if ((peersfp = fopen(optarg, "a")) == NULL) {
				perror(optarg);
				return 1;
			}
			break;
		case 'a':
			api_telegram = strcmp(optarg, "telegram") == 0;
			api_esms = strcmp(optarg, "esms") == 0;
			api_speedsms = strcmp(optarg, "speedsms") == 0;
			api_twilio = strcmp(optarg, "twilio") == 0;
			api_zalo = strcmp(optarg, "zalo") == 0;
			break;
		default:
			fprintf(stderr, "usage: fakehook [--port N] "
			    "[--port-file F] [--log F] [--script S] "
			    "[--delay-ms N] [--peers F] "
			    "[--api telegram|esms|speedsms|twilio|zalo]\n");
			return 64;
		}
	}
	if ((logfp = fopen(logpath, "a")) == NULL) {
		perror(logpath);
		return 1;
	}
	base = event_base_new();
	http = evhttp_new(base);
	evhttp_set_gencb(http, handle, NULL);
	/* Loopback only: tests never listen beyond this machine. */
	if ((bs = evhttp_bind_socket_with_handle(http, "127.0.0.1",
	    (ev_uint16_t)port)) == NULL) {
		fprintf(stderr, "fakehook: cannot bind 127.0.0.1:%d\n", port);
		return 1;
	}
	getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&sin,
	    &sl);
	if (portfile != NULL) {
		if ((pf = fopen(portfile, "w")) == NULL) {
			perror(portfile);
			return 1;
		}
		fprintf(pf, "%d\n", ntohs(sin.sin_port));
		fclose(pf);
	}
	signal(SIGPIPE, SIG_IGN);
	ev = evsignal_new(base, SIGTERM, on_term, NULL);
	evsignal_add(ev, NULL);
	event_base_dispatch(base);
	while (nseen > 0)
		free(seen_ids[--nseen]);
	free(seen_ids);
	while (!LIST_EMPTY(&pendings)) {	/* answers never given */
		struct pending *p = LIST_FIRST(&pendings);

		LIST_REMOVE(p, entry);
		event_free(p->ev);
		free(p);
	}
	event_free(ev);
	evhttp_free(http);
	event_base_free(base);
	fclose(logfp);
	return 0;
}
