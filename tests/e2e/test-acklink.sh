# test-acklink: the ack link, in real headless Chromium.  Opening the
# link shows the task and changes nothing; clicking "Xác nhận hoàn thành"
# marks it done as the contact the link went to and cancels the rest;
# opening it again says so.  A tampered token gets 403, a second confirm
# 409, an expired link (on the fake clock) 410, a POST another site made
# the browser send 403: none changes a thing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$NHACVIEC_FAKE_CLOCK"
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
start_hook 200 || finish
write_conf "0" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key\nack_ttl = 1h|" \
    "$CONF"
cat >> "$CONF" <<'INI'

[template default]
reminder = [Nhắc việc] {{agency}}: "{{task}}" hạn {{due}}. Xác nhận: {{ack_url}}
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

nv task add --plan 285/KH-UBND --title 'Báo cáo <quý> & "năm"' --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the reminder" hook_has_at_least 1
link=$(grep -o "$PUB_URL/a/[A-Za-z0-9_-]*" "$HOOKLOG" | head -1)
check "the reminder carries an ack link ($link)" [ -n "$link" ]
# The site's proxy would map public_url onto the listener; so do we.
url="$PUB${link#"$PUB_URL"}"
state() { sql "SELECT state FROM occurrence"; }

# A form another site makes a browser post: refused, nothing changed.
check "a POST from another site (Sec-Fetch-Site) gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
        -H 'Sec-Fetch-Site: cross-site' "$url")" = 403 ]
check "a POST with a foreign Origin gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
        -H 'Origin: https://evil.example' "$url")" = 403 ]
check "and neither changed anything" [ "$(state)" = open ]
wd_start || { fail "chromium via chromedriver"; finish; }
wd_open "$url"
check "the page shows the task, escaped" \
    [ "$(wd_text '#task')" = 'Báo cáo <quý> & "năm"' ]
check "and the confirm button" \
    [ "$(wd_text '#confirm')" = "Xác nhận hoàn thành" ]
check "opening the link changed nothing" [ "$(state)" = open ]
check "the escalation is still pending" \
    [ "$(sql "SELECT count(*) FROM job WHERE state = 'pending'")" -eq 1 ]
wd_click '#confirm'
# On a loaded machine the answer may still be loading when asked for.
confirmed() { [ "$(wd_text '#heading')" = "Đã xác nhận hoàn thành" ]; }
wait_for 10 "the page to say it is confirmed" confirmed &&
    ok "after the click the page says it is confirmed"
check "the task is done, by the contact the link went to, via link" \
    [ "$(sql "SELECT state || '|' || done_via || '|' || done_by FROM
        occurrence")" = "done|link|Giám đốc Sở Nội vụ" ]
check "its escalation was cancelled" \
    [ "$(sql "SELECT count(*) FROM job WHERE state = 'pending'")" -eq 0 ]
wd_open "$url"
wd_text '#message' > "$T/again"
check "opening it again says who confirmed" \
    grep -q 'bởi Giám đốc Sở Nội vụ' "$T/again"
wd_stop

code() { curl -s -o "$T/page" -w '%{http_code}' "$@"; }
tok=${url##*/}
bad="${tok%?}$( [ "${tok#"${tok%?}"}" = A ] && echo B || echo A)"
check "a tampered token gets 403 and a page that says so" \
    [ "$(code "$PUB/a/$bad")" = 403 ] && grep -q 'không hợp lệ' "$T/page"
check "confirming twice is a 409 that changes nothing" \
    [ "$(code -X POST "$PUB/a/$tok")" = 409 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'done'")" -eq 1 ]
curl -s -D "$T/headers" -o /dev/null "$PUB/a/$tok"
check "the page keeps out of caches and frames" \
    sh -c "grep -qi '^Cache-Control: no-store' '$T/headers' &&
        grep -qi '^X-Frame-Options: DENY' '$T/headers'"

# An expired link: a second task, then the clock past ack_ttl.
nv task add --plan 285/KH-UBND --title "Hết hạn" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the second reminder" hook_has_at_least 2
link2=$(grep -o "$PUB_URL/a/[A-Za-z0-9_-]*" "$HOOKLOG" | sed -n 2p)
set_clock "$(TZ=Asia/Ho_Chi_Minh date -d '+3 hours' '+%Y-%m-%d %H:%M')"
check "an expired link gets 410 and a page that says so" \
    [ "$(code -X POST "$PUB${link2#"$PUB_URL"}")" = 410 ] &&
    grep -q 'đã hết hạn' "$T/page"
check "and the task stays open" \
    [ "$(sql "SELECT state FROM occurrence o JOIN task t ON t.id = o.task_id
        WHERE t.title = 'Hết hạn'")" = open ]
check "graceful stop exits 0" stop_daemon
finish
