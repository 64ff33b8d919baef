/*
 * provider-zalo-webhook.c: the delivery events of a Zalo app's webhook,
 * shared by the ZNS and OA providers since Zalo sends every event of the
 * app to one URL.
 *
 * "user_received_message" says a message reached the phone; ZNS receipts
 * carry message.msg_id (and our tracking_id), OA receipts message.msg_id
 * or a msg_ids list.  "user_send_text" is a follower writing to the OA,
 * which may be a reply ("XONG K7Q2M").  Other events (a follow, a
 * sticker) are answered 200 with nothing recorded.  Zalo also signs
 * events (X-ZEvent-Signature), but the formula is not published where it
 * could be checked, so authenticity rests on the secret in the URL.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "provider.h"

static int
add_id(struct receipt *r, int n, json_t *v)
{
	if (n >= PROV_MAX_RECEIPTS || !json_is_string(v) ||
	    json_string_length(v) == 0)
		return n;
	snprintf(r[n].provider_id, sizeof(r[n].provider_id), "%s",
	    json_string_value(v));
	r[n].delivered = 1;
	r[n].reason[0] = '\0';
	return n + 1;
}

int
zalo_receipt(const struct provider_conf *pc, const struct cb_req *cb,
    struct receipt *r, char *err, size_t errlen)
{
	json_t *root, *msg, *v;
	const char *ev;
	size_t i;
	int n = 0;

	root = cb->body ? json_loadb(cb->body, cb->bodylen, 0, NULL) : NULL;
	if ((ev = json_string_value(json_object_get(root, "event_name"))) ==
	    NULL) {
		snprintf(err, errlen, "Zalo event without event_name");
		json_decref(root);
		return -1;
	}
	/* A follower writing to the OA: a reply such as "XONG K7Q2M". */
	if (strcmp(ev, "user_send_text") == 0) {
		const char *from = json_string_value(json_object_get(
		    json_object_get(root, "sender"), "id"));
		const char *tx = json_string_value(json_object_get(
		    json_object_get(root, "message"), "text"));

		if (from == NULL || tx == NULL) {
			snprintf(err, errlen, "Zalo user_send_text without "
			    "sender.id and message.text");
			json_decref(root);
			return -1;
		}
		r->is_reply = 1;
		snprintf(r->from, sizeof(r->from), "%s", from);
		snprintf(r->text, sizeof(r->text), "%s", tx);
		json_decref(root);
		return 1;
	}
	if (strcmp(ev, "user_received_message") != 0) {
		json_decref(root);
		return 0;
	}
	msg = json_object_get(root, "message");
	n = add_id(r, n, json_object_get(msg, "msg_id"));
	json_array_foreach(json_object_get(msg, "msg_ids"), i, v)
		n = add_id(r, n, v);
	if (n == 0)
		n = add_id(r, n, json_object_get(msg, "tracking_id"));
	json_decref(root);
	if (n == 0) {
		snprintf(err, errlen, "Zalo user_received_message without "
		    "msg_id");
		return -1;
	}
	(void)pc;
	return n;
}
