# lib.sh: helpers shared by the end-to-end tests.  Each test runs the real
# nhacviecd and nhacviec binaries against fakehook on 127.0.0.1, in a
# private directory with its own database, config and control socket.
# Waits poll for the condition they need; nothing sleeps blindly.

set -u
: "${BUILD:?BUILD must name the build directory}"
# Configs others could read are refused: files here are 0640 at most.
umask 027
NVD="$BUILD/nhacviecd"
NV="$BUILD/nhacviec"
HOOK="$BUILD/tests/fakehook"
T=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-e2e.XXXXXX")
CONF="$T/nhacviec.ini"
DB="$T/nhacviec.db"
SOCK="$T/control.sock"
HOOKLOG="$T/hook.log"
DAEMON_PID=""
HOOK_PID=""
HOOK_PORT=0
FAILS=0

cleanup() {
	[ -n "$DAEMON_PID" ] && kill -9 "$DAEMON_PID" 2>/dev/null
	[ -n "$HOOK_PID" ] && kill "$HOOK_PID" 2>/dev/null
	wait 2>/dev/null
	if [ "$FAILS" -eq 0 ] && [ -z "${KEEP:-}" ]; then
		rm -rf "$T"
	else
		echo "  (kept $T for inspection)"
	fi
}
trap cleanup EXIT

fail() {
	echo "  FAIL: $*"
	FAILS=$((FAILS + 1))
}

ok() {
	echo "  ok: $*"
}

check() {	# check "what" command...
	what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

now_ms() {
	date +%s%3N
}

# wait_for SECONDS "what" command...: polls every 50 ms.
wait_for() {
	limit=$1
	what=$2
	shift 2
	end=$(( $(now_ms) + limit * 1000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.05
	done
	fail "timed out after ${limit}s waiting for: $what"
	return 1
}

# start_hook [script] [delay_ms]: (re)starts fakehook on HOOK_PORT.
start_hook() {
	rm -f "$T/hook.port"
	"$HOOK" --port "$HOOK_PORT" --port-file "$T/hook.port" \
	    --log "$HOOKLOG" --script "${1:-200}" --delay-ms "${2:-0}" \
	    ${HOOK_API:+--api "$HOOK_API"} ${HOOK_PEERS:+--peers "$HOOK_PEERS"} &
	HOOK_PID=$!
	wait_for 10 "fakehook to listen" test -s "$T/hook.port" || return 1
	HOOK_PORT=$(cat "$T/hook.port")
}

stop_hook() {
	kill "$HOOK_PID" 2>/dev/null
	wait "$HOOK_PID" 2>/dev/null
	HOOK_PID=""
}

# write_conf REMIND ESCALATE [extra provider lines]: a webhook-only config.
# Tests fire jobs seconds apart; digests are off unless DIGEST says.
write_conf() {
	cat > "$CONF" <<CONF
[daemon]
database = $DB
control_socket = $SOCK
timezone = Asia/Ho_Chi_Minh
shutdown_grace = ${GRACE:-2s}

[provider hook]
type = webhook
url = http://127.0.0.1:$HOOK_PORT/hook
retry_base = 1s
retry_max = 2s
max_lifetime = 1h
timeout = 10s
${3:-}

[policy default]
remind = $1
escalate = $2
channels = hook
max_lateness = 1h
workdays_only = no
deadline_rule = keep
digest = ${DIGEST:-0}
CONF
}

# esms_conf [extra lines]: after write_conf, the policy's channel becomes
# an eSMS provider "sms" on the fake (its secret file mode set).
esms_conf() {
	cat >> "$CONF" <<INI
channels = sms

[provider sms]
type = esms
base_url = http://127.0.0.1:$HOOK_PORT
api_key = KEY123
secret_key = SECRET456
brandname = UBND_YENBAI
retry_base = 1s
retry_max = 2s
${1:-}
INI
	chmod 600 "$CONF"
}

# start_notifysock: a stand-in for systemd's notification socket, NSOCK,
# whose datagrams go to NLOG, one a line with its time in ms.
start_notifysock() {
	NSOCK="$T/notify.sock"
	NLOG="$T/notify.log"
	"$BUILD/tests/notifysock" "$NSOCK" "$NLOG" &
	NS_PID=$!
	trap 'kill $NS_PID 2>/dev/null; cleanup' EXIT
	wait_for 5 "the notification socket" test -S "$NSOCK"
}

healthy() {
	curl -s --max-time 1 --unix-socket "$SOCK" http://localhost/healthz \
	    2>/dev/null | grep -q ok
}

# start_daemon [binary]: runs nhacviecd and waits until /healthz answers.
start_daemon() {
	"${1:-$NVD}" -c "$CONF" >>"$T/daemon.out" 2>>"$T/daemon.err" &
	DAEMON_PID=$!
	wait_for 10 "the daemon to answer /healthz" healthy
}

stop_daemon() {
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID"
	rc=$?
	DAEMON_PID=""
	return $rc
}

# set_clock "YYYY-MM-DD HH:MM" (local): moves a fake clock there (the file
# $NHACVIEC_FAKE_CLOCK, read by the test builds) and wakes the daemon.
set_clock() {
	echo $(( $(TZ=Asia/Ho_Chi_Minh date -d "$1" +%s) - $(date +%s) )) \
	    > "$NHACVIEC_FAKE_CLOCK"
	wake
}

wake() {
	curl -s --max-time 2 --unix-socket "$SOCK" -X POST \
	    http://localhost/v1/wake >/dev/null
}

nv() {
	"${NVBIN:-$NV}" -c "$CONF" "$@"
}

sql() {
	sqlite3 -cmd ".timeout 5000" "$DB" "$@"
}

hook_lines() {
	if [ -f "$HOOKLOG" ]; then wc -l < "$HOOKLOG"; else echo 0; fi
}

hook_has_at_least() {
	[ "$(hook_lines)" -ge "$1" ]
}

# setup_directory: a lead agency with a parent, one head contact each.
setup_directory() {
	nv agency add UBND --name "Ủy ban nhân dân tỉnh" >/dev/null &&
	nv agency add SNV --name "Sở Nội vụ" --parent UBND >/dev/null &&
	nv contact add --agency SNV --name "Giám đốc Sở Nội vụ" \
	    --phone 0912000001 >/dev/null &&
	nv contact add --agency UBND --name "Chủ tịch UBND tỉnh" \
	    --phone 0912000002 >/dev/null &&
	nv plan add 285/KH-UBND --title "Kế hoạch CCHC 2023" >/dev/null
}

# finish: a sanitizer report in the daemon's stderr fails the test.
finish() {
	if [ -f "$T/daemon.err" ] && grep -qE \
	    'runtime error|AddressSanitizer|LeakSanitizer' "$T/daemon.err"; then
		fail "sanitizer report in daemon stderr"
		grep -E -A5 'runtime error|Sanitizer' "$T/daemon.err" | head -40
	fi
	if [ "$FAILS" -ne 0 ]; then
		echo "  --- daemon stderr (tail) ---"
		tail -n 30 "$T/daemon.err" 2>/dev/null
		exit 1
	fi
	exit 0
}
