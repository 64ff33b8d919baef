# test-restart: a daemon stopped and started again keeps every state: the
# jobs it fired are not fired again, and the rest still fire on time.
. "$(dirname "$0")/lib.sh"

start_hook 200 || finish
write_conf "-4s -2s 0" "+2s:lead"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ khởi động lại" --lead SNV \
    --due +6s >/dev/null || fail "task add"
wait_for 10 "the first reminder" hook_has_at_least 1
check "graceful stop exits 0" stop_daemon
n1=$(hook_lines)
fired=$(sql "SELECT count(*) FROM job WHERE state = 'fired'")
check "the fired job is recorded as fired" [ "$fired" -ge 1 ]
check "its message is recorded as sent" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq "$n1" ]
start_daemon || finish
wait_for 15 "all four notifications" hook_has_at_least 4
check "exactly four notifications, no repeats" [ "$(hook_lines)" -eq 4 ]
check "four distinct keys" [ "$(cut -f3 "$HOOKLOG" | sort -u | wc -l)" -eq 4 ]
check "no message was in doubt" \
    [ "$(sql "SELECT count(*) FROM message WHERE in_doubt > 0")" -eq 0 ]
check "every job fired" \
    [ "$(sql "SELECT count(*) FROM job WHERE state <> 'fired'")" -eq 0 ]
check "graceful stop exits 0" stop_daemon
finish
