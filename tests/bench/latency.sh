#!/bin/sh
# latency.sh: how long after its due second a reminder reaches the
# provider, on an otherwise idle system.  The design's target: p99 within
# 50 ms.  Each of N tasks (default 40) has one reminder, at its deadline,
# one second apart, so every wake-up is a cold one from an idle loop.
#
#   sh tests/bench/latency.sh [BUILD] [N]
set -u
B=$(cd "${1:-build}" && pwd)
N=${2:-40}
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=latency
. "$HERE/lib.sh"
start_sink
# One contact gets every reminder: without "digest = 0" they would go
# as one digest, and the bench would time one message.
webhook_conf "" "" "digest = 0"
nv() { "$B/nhacviec" -c "$T/nv.ini" "$@" >/dev/null; }
nv agency add UBND --name "UBND tỉnh"
nv contact add --agency UBND --name "Chủ tịch" --phone 0913000001
nv plan add BENCH --title "Đo độ trễ"
"$B/nhacviecd" -c "$T/nv.ini" 2> "$T/nvd.err" &
nvd=$!
base=$(( $(date +%s) + 3 ))
i=0
while [ $i -lt "$N" ]; do
	nv task add --plan BENCH --lead UBND --title "Nhiệm vụ $i" \
	    --due "$(TZ=Asia/Ho_Chi_Minh date -d "@$((base + i))" '+%Y-%m-%d %H:%M:%S')"
	i=$((i + 1))
done
end=$(( base + N + 10 ))
while [ "$(wc -l < "$T/hook.log")" -lt "$N" ] && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.2
done
kill -TERM $nvd
wait $nvd
nvd=""
sqlite3 "$T/nv.db" "SELECT id, fire_at FROM job" > "$T/fire.txt"
# A key is nv-INSTALL-JOB-CONTACT: the job is the next to last part.
awk -F'\t' 'NR == FNR { split($0, a, "|"); fire[a[1]] = a[2]; next }
    { n = split($3, k, "-"); print $1 - fire[k[n - 1]] * 1000 }' \
    "$T/fire.txt" "$T/hook.log" | sort -n > "$T/lat.txt"
awk '{ v[NR] = $1; s += $1 } END {
	if (NR == 0) { print "latency: nothing arrived"; exit 1 }
	p50 = v[int((NR + 1) * 0.50)]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
	if (p99 == "") p99 = v[NR]
	printf "reminders: %d, lateness after the due second (ms): " \
	    "min %d, mean %.1f, p50 %d, p99 %d, max %d (target p99 <= 50)\n",
	    NR, v[1], s / NR, p50, p99, v[NR] }' "$T/lat.txt"
