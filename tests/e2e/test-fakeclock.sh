# test-fakeclock: day-scale schedules on the fake clock (test builds of the
# same sources, with time read through one clock function).  Whole-day
# offsets land at remind_at local time, escalations follow, and a job
# missed by more than max_lateness is skipped and logged, not sent.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$T/clock"
check "a production build refuses the fake clock" \
    sh -c "! '$NVD' -c /dev/null -t 2>/dev/null"
start_hook 200 || finish
write_conf "-3d -1d 0" "+1d:lead +5d:parent"
cat >> "$CONF" <<'INI'
remind_at = 08:00
max_lateness = 12h
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish

# A deadline ten days ahead at 17:00 local.
due=$(TZ=Asia/Ho_Chi_Minh date -d "+10 days" +%Y-%m-%d)
nv task add --plan 285/KH-UBND --title "Nhiệm vụ dài ngày" --lead SNV \
    --due "$due" >/dev/null || fail "task add"
sql "SELECT kind || ' ' || step || ' ' || fire_at FROM job ORDER BY fire_at" \
    > "$T/jobs.txt"
r1=$(awk 'NR == 1 { print $3 }' "$T/jobs.txt")
check "the -3d reminder is at 08:00 local" \
    [ "$(TZ=Asia/Ho_Chi_Minh date -d "@$r1" +%H:%M)" = "08:00" ]
check "the -3d reminder is 7 days away" \
    [ "$(TZ=Asia/Ho_Chi_Minh date -d "@$r1" +%F)" = \
      "$(TZ=Asia/Ho_Chi_Minh date -d "+7 days" +%F)" ]

# advance_to EPOCH: moves the fake clock there and wakes the daemon.
advance_to() {
	echo $(( $1 - $(date +%s) )) > "$T/clock"
	wake
}
advance_to $((r1 - 60))
sleep 0.3	# the negative check below needs a moment of real time
check "nothing is sent a minute before the first reminder" \
    [ "$(hook_lines)" -eq 0 ]
advance_to "$r1"
wait_for 5 "the -3d reminder" hook_has_at_least 1
r2=$(awk 'NR == 2 { print $3 }' "$T/jobs.txt")
advance_to "$r2"
wait_for 5 "the -1d reminder" hook_has_at_least 2
r3=$(awk 'NR == 3 { print $3 }' "$T/jobs.txt")
advance_to "$r3"
wait_for 5 "the deadline reminder" hook_has_at_least 3
e1=$(awk 'NR == 4 { print $3 }' "$T/jobs.txt")
advance_to "$e1"
wait_for 5 "the first escalation" hook_has_at_least 4
# The daemon is "down" past the second escalation by more than 12 h.
check "stop" stop_daemon
e2=$(awk 'NR == 5 { print $3 }' "$T/jobs.txt")
echo $(( e2 + 86400 - $(date +%s) )) > "$T/clock"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
wait_for 5 "the skip" grep -q "skipped: missed by" "$T/daemon.err"
check "the stale escalation was not sent" [ "$(hook_lines)" -eq 4 ]
check "it is recorded as skipped with a reason" \
    [ "$(sql "SELECT count(*) FROM job WHERE state = 'skipped' AND
        note LIKE 'missed by%'")" -eq 1 ]
check "and in the audit log" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'skipped'")" -eq 1 ]
check "the task is listed as overdue" \
    sh -c "'$NVBIN' -c '$CONF' task list --overdue | grep -q 'Nhiệm vụ dài ngày'"
check "graceful stop exits 0" stop_daemon
finish
