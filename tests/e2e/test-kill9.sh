# test-kill9: the daemon is killed with SIGKILL while requests are in
# flight.  At the next start each message left "sending" is in doubt and
# is resent with the same idempotency key; none is lost.
. "$(dirname "$0")/lib.sh"

start_hook 200 5000 || finish	# answers held back 5 s
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }
for i in 2 3 4 5; do
	nv contact add --agency SNV --name "Chuyên viên $i" --role focal \
	    --phone 091200001$i >/dev/null
done
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ bị ngắt" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 15 "five requests in flight" hook_has_at_least 5
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""
check "five messages left sending" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sending'")" -eq 5 ]
stop_hook
start_hook 200 0 || finish
start_daemon || finish
wait_for 15 "all five sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE state = 'sent'\")\" -eq 5 ]"
check "the in-doubt resend is logged" \
    grep -q "5 message(s) were in flight" "$T/daemon.err"
check "each key was sent twice (once in doubt), never more" \
    [ "$(cut -f3 "$HOOKLOG" | sort | uniq -c | awk '$1 != 2' | wc -l)" -eq 0 ]
check "five distinct keys" [ "$(cut -f3 "$HOOKLOG" | sort -u | wc -l)" -eq 5 ]
check "status counts five in-doubt messages" \
    sh -c "'$NV' -c '$CONF' status | grep -q 'in doubt:   5 message'"
check "an in-doubt event is in the audit log" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'in-doubt'")" -eq 1 ]
check "integrity_check ok" [ "$(sql "PRAGMA integrity_check")" = ok ]
check "graceful stop exits 0" stop_daemon
finish
