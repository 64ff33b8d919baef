# fault-input: bad input at every edge while the daemon runs.  Malformed
# and oversized admin requests, broken and oversized callbacks, raw
# garbage on the public port, a garbage config sent by SIGHUP and a CSV
# with broken quoting: each is answered with a clear error, and the
# daemon neither crashes nor stops working (a reminder still goes out at
# the end; in the sanitizer build any memory error fails the scenario).
. "$(dirname "$0")/lib.sh"

SECRET=es-0123456789abcdefXYZ
HOOK_API=esms
start_hook 200 || finish
write_conf "0" "none"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = https://nv.example.gov.vn|" \
    "$CONF"
esms_conf "callback_secret = $SECRET"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
PORT=${PUB##*:}

admin() {	# admin METHOD PATH [curl args]: the status code
	m=$1 p=$2
	shift 2
	curl -s -o "$T/body" -w '%{http_code}' --max-time 5 \
	    --unix-socket "$SOCK" -X "$m" "$@" "http://localhost$p"
}
# expect WHAT CODE ACTUAL: the code, and the daemon still answering.
expect() {
	check "$1: $2 (got $3), the daemon still up" \
	    sh -c "[ '$3' = '$2' ] && curl -s --max-time 2 --unix-socket '$SOCK' \
	        http://localhost/healthz | grep -q ok"
}

expect "admin: JSON cut short" 400 "$(admin POST /v1/tasks -d '{"plan": ')"
check "  and the error says where" grep -q 'JSON\|json' "$T/body"
expect "admin: an array for an object" 400 "$(admin POST /v1/tasks -d '[1,2,3]')"
expect "admin: a number for the title" 400 \
    "$(admin POST /v1/tasks -d '{"plan":"285/KH-UBND","title":5,"lead":"SNV","due":"+1d"}')"
check "  and the error names the field" grep -q 'title' "$T/body"
expect "admin: bytes that are not UTF-8" 400 \
    "$(printf '{"plan":"285/KH-UBND","title":"\xff\xfe","lead":"SNV","due":"+1d"}' |
        admin POST /v1/tasks --data-binary @-)"
expect "admin: a deeply nested body" 400 \
    "$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; }' |
        admin POST /v1/tasks --data-binary @-)"
head -c 3000000 /dev/zero | tr '\0' 'a' > "$T/huge"
expect "admin: a 3 MB body" 413 "$(admin POST /v1/tasks --data-binary @"$T/huge")"
expect "admin: an unknown agency" 404 "$(admin PATCH /v1/agencies/NOPE -d '{}')"
expect "admin: a wrong method" 405 "$(admin POST /v1/status)"

code_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
expect "callback: a wrong secret" 403 "$(code_of "$PUB/cb/sms/wrong-secret-0123456789?SMSID=1")"
expect "callback: fields missing" 400 "$(code_of "$PUB/cb/sms/$SECRET?foo=bar")"
# An id no message has is acknowledged (the gateway would only retry it)
# and changes nothing.
expect "callback: garbage escapes, no such message" 200 \
    "$(code_of "$PUB/cb/sms/$SECRET?SMSID=%ZZ%00&SendStatus=%ff")"
expect "callback: a 1 MB body" 413 \
    "$(code_of -X POST --data-binary @"$T/huge" "$PUB/cb/sms/$SECRET")"
raw() {	# raw FILE: sends FILE's bytes on the public port, reads the answer
	( trap '' PIPE
	  exec 3<>"/dev/tcp/127.0.0.1/$PORT" &&
	  cat "$1" >&3 && timeout 2 cat <&3 >/dev/null ) 2>/dev/null
}
head -c 4096 /dev/urandom > "$T/random"
raw "$T/random"
check "public: 4 KB of random bytes on the port, the daemon still up" healthy
printf 'GET /%s HTTP/1.1\r\n' "$(head -c 40000 /dev/zero | tr '\0' 'x')" \
    > "$T/longline"
raw "$T/longline"
check "public: a 40 KB request line, the daemon still up" healthy

cp "$CONF" "$T/good.ini"
head -c 4096 /dev/urandom > "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 5 "the reload to be refused" \
    grep -q "reload failed, keeping the running config" "$T/daemon.err"
check "SIGHUP with a garbage config: refused, the daemon still up" healthy
cp "$T/good.ini" "$CONF"

printf 'Mã;Tên cơ quan;Cấp trên\nX1;"Cơ quan "lỗi" ngoặc;UBND\nX2;Cơ quan hai;UBND\n' \
    > "$T/quotes.csv"
nv import agencies "$T/quotes.csv" > "$T/quotes.out" 2>&1
rc=$?
check "CSV with broken quoting: refused (exit $rc) with the file and row" \
    sh -c "[ $rc -ne 0 ] && grep -q 'quotes.csv: row 2' '$T/quotes.out'"
check "  and nothing written" \
    [ "$(sql "SELECT count(*) FROM agency WHERE code IN ('X1','X2')")" -eq 0 ]

nv task add --plan 285/KH-UBND --title "Sau các lỗi" --lead SNV --due +1s \
    >/dev/null || fail "task add"
wait_for 15 "a reminder after all that" hook_has_at_least 1
check "the daemon still delivers" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq 1 ]
check "graceful stop exits 0" stop_daemon
finish
