# test-recur: a weekly duty on the fake clock.  Occurrences are planned
# ahead within the policy's horizon and then by the daemon as time moves;
# each period is tracked on its own, so a late week stays overdue while
# the next week's reminders go out, and closing one does not close the
# other.  The quota shows in the messages.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
set_clock "2027-03-01 09:00"	# a Monday
start_hook 200 || finish
write_conf "-1d 0" "+1d:lead"
cat >> "$CONF" <<'INI'
horizon = 10d
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
set_clock "2027-03-01 09:00"

nv task add --plan 285/KH-UBND --title "Phát sóng chuyên mục CCHC" \
    --lead SNV --every "weekly wed 17:00" --start 2027-03-01 \
    --quota "ít nhất 01 lần/tuần, 15 phút" > "$T/add.txt" ||
    fail "task add --every"
check "two weeks planned ahead within the 10-day horizon" \
    [ "$(sql "SELECT count(*) FROM occurrence")" -eq 2 ]
check "the first is Wednesday 3/3 at 17:00" \
    [ "$(sql "SELECT min(due_at) FROM occurrence")" -eq \
      "$(TZ=Asia/Ho_Chi_Minh date -d '2027-03-03 17:00' +%s)" ]

set_clock "2027-03-02 08:00"
wait_for 5 "week 1, reminder -1d" hook_has_at_least 1
set_clock "2027-03-03 17:00"
wait_for 5 "week 1, reminder at the deadline" hook_has_at_least 2
set_clock "2027-03-04 08:00"
wait_for 5 "week 1, escalation" hook_has_at_least 3
check "the quota is in the text" grep -q "chỉ tiêu: ít nhất 01 lần/tuần" \
    "$HOOKLOG"
set_clock "2027-03-07 17:00"	# 17/3 enters the horizon
wait_for 5 "the third week to be planned by the daemon" sh -c \
    "[ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM occurrence')\" -eq 3 ]"
set_clock "2027-03-09 08:00"
wait_for 5 "week 2, reminder -1d" hook_has_at_least 4
check "week 1 is still open (late, not closed by week 2)" \
    [ "$(sql "SELECT state FROM occurrence ORDER BY due_at LIMIT 1")" = open ]
ack2=$(sql "SELECT ack_code FROM occurrence ORDER BY due_at LIMIT 1 OFFSET 1")
nv done "$ack2" --by "Đài PT-TH" >/dev/null || fail "done week 2"
check "closing week 2 leaves week 1 open" \
    [ "$(sql "SELECT group_concat(state) FROM (SELECT state FROM
        occurrence ORDER BY due_at)")" = "open,done,open" ]
check "the task is listed as overdue (week 1)" \
    sh -c "'$NVBIN' -c '$CONF' task list --overdue | grep -q 'Phát sóng'"
check "graceful stop exits 0" stop_daemon
finish
