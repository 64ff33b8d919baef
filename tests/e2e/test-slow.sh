# test-slow: a slow provider does not hold up another.  One webhook takes
# 6 s to answer each request (max_inflight 1, so its queue backs up); the
# other answers at once.  Messages for the fast one go out on time while
# the slow one's are still in flight.
. "$(dirname "$0")/lib.sh"

start_hook 200 6000 || finish		# the slow gateway
"$HOOK" --port 0 --port-file "$T/fast.port" --log "$T/fast.log" \
    --script 200 &
FAST_PID=$!
trap 'kill $FAST_PID 2>/dev/null; cleanup' EXIT
wait_for 10 "the fast hook to listen" test -s "$T/fast.port" || finish
write_conf "0" "none" "max_inflight = 1"
cat >> "$CONF" <<INI

[provider fast]
type = webhook
url = http://127.0.0.1:$(cat "$T/fast.port")/hook

[policy fast]
remind = 0
escalate = none
channels = fast
workdays_only = no
deadline_rule = keep
INI
setup_directory || { fail "directory setup"; finish; }
nv contact add --agency SNV --name "Chuyên viên" --role focal \
    --phone 0912000003 >/dev/null
start_daemon || finish

nv task add --plan 285/KH-UBND --title "Qua cổng chậm" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the slow gateway to take its first request" hook_has_at_least 1
t0=$(now_ms)
nv task add --plan 285/KH-UBND --title "Qua cổng nhanh" --lead SNV \
    --policy fast --due +1s >/dev/null
wait_for 10 "both fast messages" sh -c "[ \"\$(wc -l < '$T/fast.log'
    2>/dev/null || echo 0)\" -ge 2 ]"
t1=$(now_ms)
# Held up behind the slow one, it could not be done before 6 s had passed.
check "the fast provider delivered before the slow one answered ($((t1 - t0)) ms)" \
    [ $((t1 - t0)) -lt 5500 ]
check "while the slow one was still on its first request" \
    [ "$(sql "SELECT count(*) FROM message WHERE provider = 'hook' AND
        state IN ('sending', 'queued')")" -eq 2 ]
wait_for 5 "the fast messages recorded sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE provider = 'fast' AND
    state = 'sent'\")\" -eq 2 ]"
wait_for 20 "the slow messages to finish too" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE provider = 'hook' AND
    state = 'sent'\")\" -eq 2 ]"
check "graceful stop exits 0" stop_daemon
kill "$FAST_PID"
finish
