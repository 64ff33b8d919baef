# test-reply: confirming by SMS.  The head of the lead agency answers a
# reminder with "xong <code>" through SpeedSMS's incoming webhook: the
# task is done by that contact, via sms, and a confirmation goes back.  A
# wrong code and a sender from another agency get the same refusal (one a
# day per number, remembered across a restart) and event rows, and change
# nothing; a number that is no contact's gets no answer at all.
. "$(dirname "$0")/lib.sh"

SECRET=sp-0123456789abcdefXYZ
HOOK_API=speedsms
start_hook 200 || finish
write_conf "0" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0|" "$CONF"
sed -i 's/^channels = hook$/channels = speed/' "$CONF"
cat >> "$CONF" <<INI

[provider speed]
type = speedsms
base_url = http://127.0.0.1:$HOOK_PORT
token = tok123
callback_secret = $SECRET
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
nv agency add STC --name "Sở Tài chính" >/dev/null
nv contact add --agency STC --name "Giám đốc Sở Tài chính" \
    --phone 0912000009 >/dev/null
start_daemon || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

nv task add --plan 285/KH-UBND --title "Báo cáo quý IV" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the reminder" hook_has_at_least 1
code=$(sql "SELECT ack_code FROM occurrence")
lower=$(printf '%s' "$code" | tr 'A-Z' 'a-z')
incoming() {	# incoming PHONE TEXT
	curl -s -o /dev/null -w '%{http_code}' -X POST \
	    -H 'Content-Type: application/json' \
	    --data "{\"type\":\"incoming\",\"phone\":\"$1\",\"content\":\"$2\"}" \
	    "$PUB/cb/speed/$SECRET"
}
hook_has() { grep -q "$1" "$HOOKLOG"; }

check "a reply from a stranger to another agency's task is taken (200)" \
    [ "$(incoming 84912000009 "XONG $code")" = 200 ]
REFUSAL='Chua ghi nhan hoan thanh: ma xac nhan khong dung, hoac khong thuoc'
wait_for 5 "the refusal" hook_has "$REFUSAL"
check "and refused politely, in không dấu, to the sender" \
    sh -c "grep '$REFUSAL' '$HOOKLOG' | grep -q '849120000'09'\$'"
check "nothing changed" [ "$(sql "SELECT state FROM occurrence")" = open ]
check "an unknown code is refused too" \
    [ "$(incoming 84912000001 "XONG ZZZZZ")" = 200 ]
wait_for 5 "the second refusal" sh -c "grep '$REFUSAL' '$HOOKLOG' |
    grep -q '84912000001\$'"
check "both refusals are in the event log" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'reply-refused'")" -eq 2 ]
check "a second wrong code the same day: a row, but no second answer" \
    [ "$(incoming 84912000001 "XONG YYYYY")" = 200 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'reply-refused'")" -eq 3 ]
check "a number that is no contact's: no row" \
    [ "$(incoming 84988777666 "XONG $code")" = 200 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'reply-refused'")" -eq 3 ]
sleep 1
check "and no answer to either" \
    [ "$(grep -c "$REFUSAL" "$HOOKLOG")" -eq 2 ]
check "the two answers are in the event log, by number" \
    [ "$(sql "SELECT group_concat(detail, ' ') FROM (SELECT detail FROM
        event WHERE kind = 'refusal-answered' ORDER BY detail)")" = \
        "+84912000001 +84912000009" ]
# The day is remembered across a restart.
stop_daemon
start_daemon || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
check "after a restart, a wrong code again the same day: a row" \
    [ "$(incoming 84912000001 "XONG XXXXX")" = 200 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'reply-refused'")" -eq 4 ]
sleep 1
check "but still no second answer" \
    [ "$(grep -c "$REFUSAL" "$HOOKLOG")" -eq 2 ]
check "other texts are not replies and get no answer" \
    [ "$(incoming 84912000001 "Xin hỏi lịch họp")" = 200 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'reply-refused'")" -eq 4 ]

check "the head's \"xong $lower\" is taken" \
    [ "$(incoming 84912000001 "Xong $lower, đã gửi")" = 200 ]
wait_for 5 "the task done" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT state FROM
    occurrence\")\" = done ]"
check "done via sms by the head" \
    [ "$(sql "SELECT done_via || '|' || done_by FROM occurrence")" = \
        "sms|Giám đốc Sở Nội vụ" ]
check "the escalation was cancelled" \
    [ "$(sql "SELECT count(*) FROM job WHERE state = 'pending'")" -eq 0 ]
wait_for 5 "the confirmation" hook_has 'Da ghi nhan hoan thanh'
check "the confirmation went to the head's number" \
    sh -c "grep -F 'Da ghi nhan hoan thanh: \"Bao cao quy IV\" (ma $code)' \
        '$HOOKLOG' | grep -q '84912000001\$'"
check "graceful stop exits 0" stop_daemon
finish
