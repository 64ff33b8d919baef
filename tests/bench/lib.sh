# lib.sh: what the benchmark scripts share: a scratch directory, and the
# fakehook sink started on 127.0.0.1 at a free port.  Sourced with NAME
# set to the script's name (for messages) and B to the build directory.

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
