# fault-watchdog: the event loop hung on purpose (the test build's clock
# read blocks for 3 s, as a stuck handler would) stops the sd_notify
# watchdog pings, so systemd (WatchdogSec=, Restart=on-failure in the
# unit) would see it and restart the daemon; when the loop runs again so
# do the pings.
. "$(dirname "$0")/lib.sh"

start_notifysock || finish

export NHACVIEC_FAKE_CLOCK="$T/clock" NHACVIEC_FAKE_STALL="$T/stall"
echo 0 > "$T/clock"
start_hook 200 || finish
write_conf "0" "none"
NOTIFY_SOCKET=$NSOCK WATCHDOG_USEC=1000000 \
    start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
pings() { grep -c ' WATCHDOG=1' "$NLOG"; }
wait_for 5 "three watchdog pings" sh -c "[ \"\$(grep -c ' WATCHDOG=1' '$NLOG')\" -ge 3 ]"
echo 3000 > "$T/stall"
wake &		# the next clock read, in the loop, hangs
wait_for 10 "the stall to begin" sh -c "! test -e '$T/stall'" || finish
n0=$(pings)
sleep 2
check "while the loop hangs no ping is sent" [ "$(pings)" -eq "$n0" ]
wait_for 10 "the pings to resume" sh -c "[ \"\$(grep -c ' WATCHDOG=1' '$NLOG')\" -gt $n0 ]"
gap=$(awk '/ WATCHDOG=1/ { if (p) print $1 - p; p = $1 }' "$NLOG" |
    sort -n | tail -1)
check "the gap ($gap ms) passed WATCHDOG_USEC: systemd would act" \
    [ "$gap" -gt 1000 ]
check "the unit restarts a daemon the watchdog kills" \
    sh -c "grep -q '^WatchdogSec=' '$(dirname "$0")/../../systemd/nhacviecd.service'* &&
        grep -q '^Restart=on-failure' '$(dirname "$0")/../../systemd/nhacviecd.service'*"
check "the daemon is healthy again" healthy
check "graceful stop exits 0" stop_daemon
finish
