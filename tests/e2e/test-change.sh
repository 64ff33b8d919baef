# test-change: "task extend" moves a deadline before its reminder fires,
# and the reminder comes at the new time, not the old; "task cancel"
# silences a task; both are in the task's history.
. "$(dirname "$0")/lib.sh"

start_hook 200 || finish
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ gia hạn" --lead SNV \
    --due +3s >/dev/null || fail "task add 1"
nv task add --plan 285/KH-UBND --title "Nhiệm vụ bị hủy" --lead SNV \
    --due +3s >/dev/null || fail "task add 2"
new=$(( $(date +%s) + 6 ))
nv task extend 1 --to "$(TZ=Asia/Ho_Chi_Minh date -d "@$new" '+%Y-%m-%d %H:%M:%S')" \
    --reason "Chờ ý kiến của Bộ" --by "Văn phòng" >/dev/null || fail "extend"
nv task cancel 2 --reason "Không còn phù hợp" >/dev/null || fail "cancel"
wait_for 15 "the extended reminder" hook_has_at_least 1
t=$(cut -f1 "$HOOKLOG" | head -1)
check "it came at the new deadline, not the old one" \
    [ $(( t / 1000 )) -ge "$new" ]
check "only the extended task was reminded" \
    [ "$(grep -c 'Nhiệm vụ bị hủy' "$HOOKLOG")" -eq 0 ]
check "the extension is in the history, with who and why" \
    sh -c "'$NV' -c '$CONF' task show 1 | grep -q 'by Văn phòng: Chờ ý kiến của Bộ'"
check "the cancellation is in the history" \
    sh -c "'$NV' -c '$CONF' task show 2 | grep -q 'cancelled: Không còn phù hợp'"
check "the cancelled task's occurrence is cancelled" \
    [ "$(sql "SELECT state FROM occurrence WHERE task_id = 2")" = cancelled ]
check "graceful stop exits 0" stop_daemon
finish
