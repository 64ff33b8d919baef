# test-receipts: delivery receipts on the public listener.  eSMS's GET
# callback, a SpeedSMS report and a signed Twilio StatusCallback turn sent
# messages into delivered; an undelivered one fails and goes on to the
# next channel.  A wrong secret, a forged signature and a malformed body
# are refused (403, 403, 400) and the daemon carries on.
. "$(dirname "$0")/lib.sh"

PUB_URL=https://nhacviec.example.gov.vn
ES_SECRET=es-0123456789abcdefXYZ
SP_SECRET=sp-0123456789abcdefXYZ
TW_SECRET=tw-0123456789abcdefXYZ
TW_TOKEN=twilio-auth-token-42

# start_public: starts the daemon and sets PUB to its receipt listener.
start_public() {
	start_daemon || return 1
	PUB=http://127.0.0.1:$(sed -n \
	    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
	    "$T/daemon.err" | tail -1)
}

HOOK_API=esms
start_hook 200 || finish
write_conf "0" "none"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL|" \
    "$CONF"
cat >> "$CONF" <<INI
channels = sms console

[provider sms]
type = esms
base_url = http://127.0.0.1:$HOOK_PORT
api_key = KEY123
secret_key = SECRET456
brandname = UBND_YENBAI
callback_secret = $ES_SECRET

[provider console]
type = console
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
start_public || finish
check "the public listener took a port ($PUB)" [ -n "${PUB##*:}" ]

sent() { sqlite3 "$DB" "SELECT count(*) FROM message WHERE state = '$1'
    AND provider = '$2'"; }
code_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

nv task add --plan 285/KH-UBND --title "Nhận báo cáo" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the eSMS send" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent'\")\" -eq 1 ]"
id=$(sql "SELECT id FROM message WHERE state = 'sent'")
smsid=$(sql "SELECT provider_msg_id FROM message WHERE id = $id")
key=$(sql "SELECT idem_key FROM message WHERE id = $id")
check "the eSMS request carried our CallbackUrl" \
    grep -q $'\t'"$PUB_URL/cb/sms/$ES_SECRET\$" "$HOOKLOG"
check "a wrong secret is refused with 403" \
    [ "$(code_of "$PUB/cb/sms/wrong-secret-0123456789?SMSID=$smsid&SendStatus=5&SendSuccess=1")" = 403 ]
check "an unknown provider looks the same: 403" \
    [ "$(code_of "$PUB/cb/nobody/$ES_SECRET?SMSID=x&SendStatus=5")" = 403 ]
check "a callback without SMSID is malformed: 400" \
    [ "$(code_of "$PUB/cb/sms/$ES_SECRET?foo=bar")" = 400 ]
check "an interim status (7, at the carrier) changes nothing" \
    [ "$(code_of "$PUB/cb/sms/$ES_SECRET?SMSID=$smsid&SendStatus=7&RequestId=$key")" = 200 ] &&
    [ "$(sent sent sms)" -eq 1 ]
check "the final callback is taken (200)" \
    [ "$(code_of "$PUB/cb/sms/$ES_SECRET?SMSID=$smsid&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=0&TotalReceiver=1&TotalSent=1&RequestId=$key&TypeId=2&telcoid=3&phonenumber=0912000001")" = 200 ]
check "and the message is delivered" [ "$(sent delivered sms)" -eq 1 ]
check "the secret never reaches the log" \
    sh -c "! grep -q '$ES_SECRET' '$T/daemon.err'"
# One line for the first refusal, with the address; the rest are counted
# for a summary (at the minute, or at the stop), never a line each.
check "the first refusal was logged, with the client's address" \
    [ "$(grep -c 'request from 127.0.0.1 refused' "$T/daemon.err")" -eq 1 ]
check "and the refusals were counted" \
    [ "$(curl -s --unix-socket "$SOCK" http://localhost/v1/status |
    jq .since_start.receipts_refused)" -eq 3 ]
check "the daemon is still healthy" healthy
check "graceful stop exits 0" stop_daemon
stop_hook

# SpeedSMS: its report by tranId.
rm -f "$HOOKLOG"
HOOK_API=speedsms
start_hook 200 || finish
cat >> "$CONF" <<INI

[provider speed]
type = speedsms
base_url = http://127.0.0.1:$HOOK_PORT
token = tok123
callback_secret = $SP_SECRET
INI
sed -i 's/^channels = sms console$/channels = speed console/' "$CONF"
start_public || finish
nv task add --plan 285/KH-UBND --title "Báo cáo SpeedSMS" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the SpeedSMS send" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent' AND provider = 'speed'\")\" -eq 1 ]"
tran=$(sql "SELECT provider_msg_id FROM message WHERE provider = 'speed'")
check "a malformed report is refused with 400" \
    [ "$(code_of -X POST -d '{"tranId":' "$PUB/cb/speed/$SP_SECRET")" = 400 ]
check "an incoming SMS is no receipt, but is accepted" \
    [ "$(code_of -X POST -H 'Content-Type: application/json' \
        -d '{"type":"incoming","phone":"84912000001","content":"OK"}' \
        "$PUB/cb/speed/$SP_SECRET")" = 200 ]
check "the report is taken" \
    [ "$(code_of -X POST -H 'Content-Type: application/json' \
        -d "{\"type\":\"report\",\"tranId\":$tran,\"phone\":\"84912000001\",\"status\":0}" \
        "$PUB/cb/speed/$SP_SECRET")" = 200 ]
check "and the SpeedSMS message is delivered" [ "$(sent delivered speed)" -eq 1 ]
check "graceful stop exits 0" stop_daemon
stop_hook

# Twilio: signed StatusCallbacks; undelivered moves to the next channel.
rm -f "$HOOKLOG"
HOOK_API=twilio
start_hook 201 || finish
cat >> "$CONF" <<INI

[provider tw]
type = twilio
base_url = http://127.0.0.1:$HOOK_PORT
api_key = AC123
token = $TW_TOKEN
brandname = +15005550006
ascii = no
callback_secret = $TW_SECRET
INI
sed -i 's/^channels = speed console$/channels = tw console/' "$CONF"
start_public || finish
nv task add --plan 285/KH-UBND --title "Báo cáo Twilio" --lead SNV \
    --due +1s >/dev/null
nv task add --plan 285/KH-UBND --title "Không tới máy" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the Twilio sends" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent' AND provider = 'tw'\")\" -eq 2 ]"
sid1=$(sql "SELECT provider_msg_id FROM message WHERE provider = 'tw'
    ORDER BY id LIMIT 1")
sid2=$(sql "SELECT provider_msg_id FROM message WHERE provider = 'tw'
    ORDER BY id DESC LIMIT 1")

# twilio_post SID STATUS [ERRORCODE] [SIGNATURE]: posts a StatusCallback
# signed as Twilio does: HMAC-SHA1 of the URL and the sorted parameters.
twilio_post() {
	url="$PUB_URL/cb/tw/$TW_SECRET"
	data="AccountSid=AC123&ApiVersion=2010-04-01&MessageSid=$1&MessageStatus=$2"
	signed="${url}AccountSidAC123ApiVersion2010-04-01MessageSid$1MessageStatus$2"
	if [ -n "${3:-}" ]; then
		data="ErrorCode=$3&$data"
		signed="${url}AccountSidAC123ApiVersion2010-04-01ErrorCode$3MessageSid$1MessageStatus$2"
	fi
	sig=${4:-$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$TW_TOKEN" \
	    -binary | base64)}
	code_of -X POST -H "X-Twilio-Signature: $sig" --data "$data" \
	    "$PUB/cb/tw/$TW_SECRET"
}
check "StatusCallback was asked for in the request" \
    grep -q $'\t'"$PUB_URL/cb/tw/$TW_SECRET\$" "$HOOKLOG"
check "a forged signature is refused with 403" \
    [ "$(twilio_post "$sid1" delivered '' 'Zm9yZ2VkLXNpZ25hdHVyZQ==')" = 403 ]
check "an unsigned callback is refused with 403" \
    [ "$(code_of -X POST --data "MessageSid=$sid1&MessageStatus=delivered" \
        "$PUB/cb/tw/$TW_SECRET")" = 403 ]
check "the forgery changed nothing" [ "$(sent sent tw)" -eq 2 ]
check "a signed 'delivered' is taken" [ "$(twilio_post "$sid1" delivered)" = 200 ]
check "and that message is delivered" [ "$(sent delivered tw)" -eq 1 ]
check "a signed 'undelivered' (30003) is taken" \
    [ "$(twilio_post "$sid2" undelivered 30003)" = 200 ]
check "that message failed, with Twilio's error code" \
    [ -n "$(sql "SELECT id FROM message WHERE provider_msg_id = '$sid2'
        AND state = 'failed' AND last_error LIKE '%30003%'")" ]
wait_for 10 "the next channel after the failed delivery" sh -c "[ \"\$(sqlite3 \
    '$DB' \"SELECT count(*) FROM message WHERE provider = 'console' AND
    state = 'sent' AND prev_id IS NOT NULL\")\" -eq 1 ]"
check "a repeated receipt is accepted and changes nothing" \
    [ "$(twilio_post "$sid1" delivered)" = 200 ] &&
    [ "$(sent delivered tw)" -eq 1 ]
check "status counts the receipts" \
    sh -c "'$NV' -c '$CONF' status --json | grep -q '\"delivered\": *1'"
check "the daemon is still healthy" healthy
check "graceful stop exits 0" stop_daemon
finish
