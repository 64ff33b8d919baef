# lib.sh: what the benchmark scripts share: a scratch directory, and the
# fakehook sink started on 127.0.0.1 at a free port.  Sourced with NAME
# set to the script's name (for messages) and B to the build directory.

# Configs others could read are refused: files here are 0640 at most.
umask 027
T=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-bench.XXXXXX")
hook=""
nvd=""
trap 'kill $hook $nvd 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

# start_sink: runs fakehook, logging to $T/hook.log; sets port.
start_sink() {
	[ -x "$B/tests/fakehook" ] ||
	    { echo "$NAME: build first: make $B/tests/fakehook" >&2; exit 1; }
	"$B/tests/fakehook" --port 0 --port-file "$T/port" \
	    --log "$T/hook.log" &
	hook=$!
	i=0
	while [ ! -s "$T/port" ]; do
		sleep 0.05
		i=$((i + 1))
		[ $i -lt 200 ] ||
		    { echo "$NAME: fakehook did not start" >&2; exit 1; }
	done
	port=$(cat "$T/port")
}

# webhook_conf [daemon lines] [provider lines] [policy lines]: $T/nv.ini
# with one provider, "hook", posting to the sink at $port, and a policy of
# one reminder at the deadline, nothing else.
webhook_conf() {
	cat > "$T/nv.ini" <<INI
[daemon]
database = $T/nv.db
control_socket = $T/nv.sock
log_level = warn
${1:-}
[provider hook]
type = webhook
url = http://127.0.0.1:$port/hook
${2:-}
[policy default]
remind = 0
escalate = none
channels = hook
workdays_only = no
deadline_rule = keep
${3:-}
INI
}

# import_setup PLAN YEAR: $T/nv.ini with the usual five jobs a task
# (reminders -3d -1d 0, escalations +1d +3d), a province with 50
# departments S1..S50 (imported), and plan PLAN dated YEAR-01-01.
import_setup() {
	cat > "$T/nv.ini" <<INI
[daemon]
database = $T/nv.db
control_socket = $T/nv.sock

[policy default]
remind = -3d -1d 0
escalate = +1d:lead +3d:parent
workdays_only = no
deadline_rule = keep
INI
	{
		echo "Mã;Tên cơ quan;Cấp trên;Nhóm"
		echo "UBND;Ủy ban nhân dân tỉnh;;tinh"
		i=1
		while [ $i -le 50 ]; do
			echo "S$i;Sở số $i;UBND;so-nganh"
			i=$((i + 1))
		done
	} > "$T/agencies.csv"
	"$B/nhacviec" -c "$T/nv.ini" import agencies "$T/agencies.csv" \
	    >/dev/null &&
	"$B/nhacviec" -c "$T/nv.ini" plan add "$1" --title "Kế hoạch đo" \
	    --date "$2-01-01" >/dev/null
}
