# test-systemd: the daemon's side of systemd, with a stand-in notification
# socket: READY=1 once it can take work, with a STATUS line; WATCHDOG=1 at
# half of WATCHDOG_USEC from the event loop; RELOADING=1 then READY=1 on
# SIGHUP; STOPPING=1 on SIGTERM.  And the unit's sandbox: systemd-analyze
# security must rate its exposure 2.0 or better.
. "$(dirname "$0")/lib.sh"

start_notifysock || finish

start_hook 200 || finish
write_conf "0" "none"
NOTIFY_SOCKET=$NSOCK WATCHDOG_USEC=1000000 start_daemon || finish
notified() { grep -q " $1" "$NLOG" 2>/dev/null; }
wait_for 5 "READY=1" notified READY=1
check "READY=1 comes with a STATUS line of queue counts" \
    grep -q ' STATUS=queued 0, sending 0, sent 0, delivered 0' "$NLOG"
wait_for 5 "three watchdog pings" sh -c "[ \"\$(grep -c ' WATCHDOG=1' '$NLOG')\" -ge 3 ]"
# Pings are 500 ms apart (half of WATCHDOG_USEC); systemd would act only
# on a gap of a whole second.
gaps=$(awk '/ WATCHDOG=1/ { if (p) print $1 - p; p = $1 }' "$NLOG" |
    sort -n | tail -1)
check "the largest gap between pings ($gaps ms) is under WATCHDOG_USEC" \
    [ "$gaps" -lt 1000 ]
check "the daemon logged the watchdog period" \
    grep -q 'systemd watchdog: a ping every 500 ms' "$T/daemon.err"
kill -HUP "$DAEMON_PID"
wait_for 5 "READY=1 after the reload" sh -c "awk '/ RELOADING=1/ { r = 1 }
    r && / READY=1/ { ok = 1 } END { exit !ok }' '$NLOG'"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
rc=$?
DAEMON_PID=""
check "graceful stop exits 0" [ "$rc" -eq 0 ]
check "STOPPING=1 was sent" notified STOPPING=1

# The unit as installed, judged by systemd itself.
sed -e 's#@sbindir@#/usr/sbin#g' -e 's#@sysconfdir@#/etc#g' \
    "$(dirname "$0")/../../systemd/nhacviecd.service.in" > "$T/nhacviecd.service"
systemd-analyze security --offline=true "$T/nhacviecd.service" \
    > "$T/security.txt" 2>&1
level=$(sed -n 's/.*Overall exposure level for nhacviecd.service: \([0-9.]*\).*/\1/p' \
    "$T/security.txt")
check "systemd-analyze security rates the unit ${level:-?} (2.0 or less)" \
    awk -v l="${level:-99}" 'BEGIN { exit !(l <= 2.0) }'
check "and the unit is Type=notify with a watchdog" \
    sh -c "grep -q '^Type=notify' '$T/nhacviecd.service' &&
        grep -q '^WatchdogSec=' '$T/nhacviecd.service'"
kill "$NS_PID"
finish
