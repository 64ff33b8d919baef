# test-sms: the eSMS and SpeedSMS providers against fakes of their APIs.
# eSMS: the request fields, the text "không dấu", and a crash with the
# requests in flight: the resend reuses the RequestId, eSMS answers 124,
# and no phone gets the message twice.  SpeedSMS: Basic auth with the
# token, and a 429 retried after X-Rate-Limit-Reset.  Twilio: form body,
# Basic auth with the SID and token, a 500 retried, the sid recorded.
. "$(dirname "$0")/lib.sh"

HOOK_API=esms
start_hook 200 4000 || finish	# answers held back 4 s
write_conf "0" "none"
esms_conf
setup_directory || { fail "directory setup"; finish; }
nv contact add --agency SNV --name "Chuyên viên" --role focal \
    --phone 0912000003 >/dev/null
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Báo cáo định kỳ" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 15 "two SMS in flight" hook_has_at_least 2
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""
start_daemon || finish
wait_for 20 "both messages recorded sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE state = 'sent'\")\" -eq 2 ]"
check "each RequestId sent twice (once in doubt)" \
    [ "$(cut -f3 "$HOOKLOG" | sort | uniq -c | awk '$1 != 2' | wc -l)" -eq 0 ]
check "eSMS accepted each RequestId once (100), then said 124" \
    [ "$(grep -c $'\t200/100\t' "$HOOKLOG")" -eq 2 ] &&
    [ "$(grep -c $'\t200/124\t' "$HOOKLOG")" -eq 2 ]
check "Phone in the national form" \
    [ "$(cut -f10 "$HOOKLOG" | sort -u | tr '\n' ' ')" = "0912000001 0912000003 " ]
check "the text went without diacritics" \
    sh -c "cut -f8 '$HOOKLOG' | grep -q 'Nhac viec' &&
        ! cut -f8 '$HOOKLOG' | grep -q 'Nhắc'"
check "the RequestId is the message's idempotency key" \
    [ "$(cut -f3 "$HOOKLOG" | sort -u | head -1 | cut -c1-3)" = "nv-" ]
check "the keys never reach the log" \
    sh -c "! grep -qE 'KEY123|SECRET456' '$T/daemon.err'"
check "graceful stop exits 0" stop_daemon
stop_hook

# SpeedSMS: a 429 first, then success.
rm -f "$HOOKLOG"
HOOK_API=speedsms
start_hook "429:2x1,200" || finish
cat >> "$CONF" <<INI

[provider speed]
type = speedsms
base_url = http://127.0.0.1:$HOOK_PORT
token = tok123
max_segments = 1
INI
sed -i 's/^channels = sms$/channels = speed/' "$CONF"
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ SpeedSMS: xây dựng, triển \
khai và đánh giá kết quả thực hiện kế hoạch cải cách hành chính nhà nước giai \
đoạn 2021-2025 trên địa bàn tỉnh" --lead SNV --due +1s >/dev/null ||
    fail "task add"
wait_for 20 "the SpeedSMS messages sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE provider = 'speed' AND
    state = 'sent'\")\" -eq 2 ]"
# The gap between the 429 and the next request for the same number.
gap=$(awk -F'\t' '$2 == "429" && !t { t = $1; who = $10; next }
    t && $10 == who && !g { g = $1 } END { print g - t }' "$HOOKLOG")
check "429 retried after X-Rate-Limit-Reset (${gap} ms >= 2000)" \
    [ "$gap" -ge 2000 ]
check "Basic auth with the token and x" \
    grep -q $'\tBasic dG9rMTIzOng=\t' "$HOOKLOG"
check "the number in 84 form" grep -q $'\t849120000' "$HOOKLOG"
code=$(sql "SELECT ack_code FROM occurrence WHERE task_id = 2")
check "max_segments = 1: the title was shortened to 160 characters" \
    [ "$(awk -F'\t' 'length($8) > 160' "$HOOKLOG" | wc -l)" -eq 0 ]
check "and the ack code $code survived whole" \
    grep -q "Nhiem vu SpeedSMS: xay dung.*\.\.\..*Ma xac nhan: $code\." \
    "$HOOKLOG"
check "graceful stop exits 0" stop_daemon
stop_hook

# Twilio: a 500, then 201 with the message sid.
rm -f "$HOOKLOG"
HOOK_API=twilio
start_hook "500x1,201" || finish
cat >> "$CONF" <<INI

[provider tw]
type = twilio
base_url = http://127.0.0.1:$HOOK_PORT
api_key = AC123
token = authtok
brandname = +15005550006
ascii = no
INI
sed -i 's/^channels = speed$/channels = tw/' "$CONF"
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ Twilio" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 20 "the Twilio messages sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE provider = 'tw' AND
    state = 'sent'\")\" -eq 2 ]"
check "Basic auth with the Account SID and Auth Token" \
    grep -q $'\tBasic QUMxMjM6YXV0aHRvaw==\t' "$HOOKLOG"
check "To in E.164" grep -q $'\t+849120000' "$HOOKLOG"
check "the body keeps its diacritics with ascii = no" \
    grep -q "Nhắc việc" "$HOOKLOG"
check "the sid is recorded" [ "$(sql "SELECT count(*) FROM message WHERE
    provider = 'tw' AND provider_msg_id LIKE 'SM%'")" -eq 2 ]
check "the 500 was retried, with the server's words in the reason" \
    grep -q "via tw: HTTP 500 Error: scripted error; retry" "$T/daemon.err"
out=$(nv send-test --provider speed --to 0912000009 --dry-run \
    "Nhắc việc: Sở Nội vụ, hạn 31/01")
check "send-test shows the folded text, GSM-7, one segment" \
    sh -c "printf '%s' \"$out\" | grep -q 'Nhac viec: So Noi vu' &&
        printf '%s' \"$out\" | grep -q 'GSM-7, 31 septets, 1 segment'"
out=$(nv send-test --provider tw --to +84912000009 "Thử nghiệm Twilio")
check "send-test sends through the provider and shows the verdict" \
    sh -c "printf '%s' \"$out\" | grep -q 'result:   ok, provider id SM'"
check "graceful stop exits 0" stop_daemon
finish
