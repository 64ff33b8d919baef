# test-broadcast: a weekly broadcast slot on Thursdays at 20:00, run by
# the daemon on the fake clock over four weeks around 30/4-1/5/2026.  The
# alert goes the working day before each slot, never on a holiday or a
# weekend; the escalation of an unconfirmed slot comes the next working
# day, skipping the holidays and the weekend.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
epoch() {
	TZ=Asia/Ho_Chi_Minh date -d "$1" +%s
}
set_clock "2026-04-20 09:00"	# Monday
start_hook 200 || finish
write_conf "none" "+1wd:lead"
cat >> "$CONF" <<'INI'
alert = -1wd
workdays_only = yes
deadline_rule = keep
horizon = 10d
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
set_clock "2026-04-20 09:00"
nv task add --plan 285/KH-UBND --title "Chuyên mục CCHC trên sóng" \
    --lead SNV --every "weekly thu 20:00" --start 2026-04-20 \
    --quota "ít nhất 15 phút" >/dev/null || fail "task add"

# Week 1: alert Wed 22/4, slot Thu 23/4, escalation Fri 24/4.
set_clock "2026-04-22 08:00"
wait_for 5 "the alert for 23/4" hook_has_at_least 1
set_clock "2026-04-24 08:00"
wait_for 5 "the escalation for 23/4" hook_has_at_least 2
nv done "$(sql "SELECT ack_code FROM occurrence ORDER BY due_at LIMIT 1")" \
    >/dev/null || fail "done week 1"
# Week 2: slot Thu 30/4 is a holiday; the alert comes Wed 29/4.
set_clock "2026-04-29 08:00"
wait_for 5 "the alert for 30/4" hook_has_at_least 3
# No escalation on 1/5 (holiday) or the weekend: it comes Mon 4/5.
set_clock "2026-05-03 20:00"
sleep 0.5	# a negative check needs a moment of real time
check "nothing on the holiday or the weekend" [ "$(hook_lines)" -eq 3 ]
set_clock "2026-05-04 08:00"
wait_for 5 "the escalation for 30/4" hook_has_at_least 4
# Week 3: alert Wed 6/5; week 4: alert Wed 13/5.
set_clock "2026-05-06 08:00"
wait_for 5 "the alert for 7/5" hook_has_at_least 5
nv done "$(sql "SELECT ack_code FROM occurrence WHERE state = 'open'
    ORDER BY due_at LIMIT 1 OFFSET 1")" >/dev/null || fail "done week 3"
set_clock "2026-05-13 08:00"
wait_for 5 "the alert for 14/5" hook_has_at_least 6

sql "SELECT j.kind || ' ' || j.fire_at FROM message m JOIN job j ON
    j.id = m.job_id WHERE m.state = 'sent' ORDER BY j.fire_at" > "$T/sent.txt"
want="alert $(epoch '2026-04-22 08:00')
escalation $(epoch '2026-04-24 08:00')
alert $(epoch '2026-04-29 08:00')
escalation $(epoch '2026-05-04 08:00')
alert $(epoch '2026-05-06 08:00')
alert $(epoch '2026-05-13 08:00')"
check "alerts and escalations at the expected working-day times" \
    [ "$(cat "$T/sent.txt")" = "$want" ]
[ "$(cat "$T/sent.txt")" = "$want" ] || { echo "got:"; cat "$T/sent.txt"; }
check "the quota is in the alerts" grep -q "chỉ tiêu: ít nhất 15 phút" \
    "$HOOKLOG"
check "weeks were planned as time moved (4 or more)" \
    [ "$(sql "SELECT count(*) FROM occurrence")" -ge 4 ]
check "graceful stop exits 0" stop_daemon
finish
