# test-outage: while the receiver is down the messages wait with backoff;
# once it is back every one of them arrives, exactly once.
. "$(dirname "$0")/lib.sh"

start_hook 200 || finish
stop_hook	# keep the port, take the receiver away
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }
for i in 2 3 4; do
	nv contact add --agency SNV --name "Chuyên viên $i" --role focal \
	    --phone 091200001$i >/dev/null
done
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ khi mất kết nối" \
    --lead SNV --due +1s >/dev/null || fail "task add"
wait_for 20 "every message to fail at least twice" sh -c "[ \"\$(sqlite3 \
    '$DB' \"SELECT count(*) FROM message WHERE attempts >= 2 AND
    state = 'queued'\")\" -eq 4 ]"
check "nothing reached the dead receiver" [ "$(hook_lines)" -eq 0 ]
start_hook 200 || finish
wait_for 20 "all four messages sent" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE state = 'sent'\")\" -eq 4 ]"
check "four requests after recovery" [ "$(hook_lines)" -eq 4 ]
check "no duplicates" [ "$(cut -f3 "$HOOKLOG" | sort -u | wc -l)" -eq 4 ]
check "connection errors were logged as retries" \
    grep -q "retry" "$T/daemon.err"
check "graceful stop exits 0" stop_daemon
finish
