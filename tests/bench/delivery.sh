#!/bin/sh
# delivery.sh: delivery throughput with durable state, side by side with
# wrk on the same local sink (fakehook) at the same concurrency.  The
# design's target: nhacviecd reaches at least 50% of wrk's raw rate.
#
#   sh tests/bench/delivery.sh [BUILD] [MESSAGES] [CONCURRENCY]
#
# Everything runs on 127.0.0.1 and stops by itself.
set -u
B=$(cd "${1:-build}" && pwd)
N=${2:-20000}
C=${3:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=delivery
. "$HERE/lib.sh"

if ! command -v wrk >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y -qq wrk >/dev/null 2>&1 ||
		    { echo "delivery: cannot install wrk" >&2; exit 1; }
	else
		echo "delivery: needs wrk (apt-get install wrk)" >&2
		exit 1
	fi
fi

start_sink

echo "== wrk: $C connections, 10 s, POST of a webhook body to the sink"
wrk -t2 -c"$C" -d10s -s "$HERE/post.lua" "http://127.0.0.1:$port/hook" \
    > "$T/wrk.txt"
wrk_rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$T/wrk.txt")
grep -E 'Requests/sec|Latency' "$T/wrk.txt"
: > "$T/hook.log"

per=500				# contacts per agency: one job, 500 messages
tasks=$(( (N + per - 1) / per ))
N=$((tasks * per))
webhook_conf "batch = 1024" "max_inflight = $C
rate = 0" "remind_roles = head focal"
nv() { "$B/nhacviec" -c "$T/nv.ini" "$@" >/dev/null; }
nv agency add UBND --name "UBND tỉnh"
nv plan add BENCH --title "Đo thông lượng"
i=0
while [ $i -lt $per ]; do
	nv contact add --agency UBND --role focal --name "Chuyên viên $i" \
	    --phone "09130$(printf %05d $i)"
	i=$((i + 1))
done
i=0
while [ $i -lt $tasks ]; do
	nv task add --plan BENCH --lead UBND --due +20s \
	    --title "Nhiệm vụ $i"
	i=$((i + 1))
done
echo "== nhacviecd: $tasks jobs x $per recipients = $N messages," \
    "max_inflight $C, every state change committed (synchronous=FULL)"
"$B/nhacviecd" -c "$T/nv.ini" 2> "$T/nvd.err" &
nvd=$!
if [ -n "${PERF_OUT:-}" ]; then
	perf record -F 2000 -g -o "$PERF_OUT" -p $nvd 2>/dev/null &
	perfpid=$!
fi
end=$(( $(date +%s) + 120 ))
while [ "$(wc -l < "$T/hook.log")" -lt "$N" ] && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.2
done
[ -n "${PERF_OUT:-}" ] && kill -INT $perfpid && wait $perfpid
kill -TERM $nvd
wait $nvd
nvd=""
got=$(wc -l < "$T/hook.log")
nv_rps=$(awk -F'\t' 'NR == 1 { a = $1 } { b = $1 } END {
	if (b > a) printf "%d", (NR - 1) * 1000 / (b - a); else print 0 }' \
    "$T/hook.log")
sent=$(sqlite3 "$T/nv.db" "SELECT count(*) FROM message WHERE state = 'sent'")
echo "delivered $got requests, $sent messages recorded sent"
echo "wrk:        $wrk_rps requests/s"
echo "nhacviecd:  $nv_rps messages/s (first to last request at the sink)"
awk -v a="$nv_rps" -v b="$wrk_rps" 'BEGIN {
	printf "ratio:      %.0f%% of wrk (target: 50%%)\n", 100 * a / b }'
