#!/bin/sh
# scale.sh: the daemon over a large database.  Imports TASKS task rows
# (1,000,000 by default; each a one-off deadline in the coming year, with
# five jobs, stored as they come within the policy's horizon) through the
# real importer and reports its rate, then starts
# nhacviecd on that database and reports the start-up time (exec to
# /healthz answering), the resident memory (VmRSS from /proc) after
# start and after IDLE seconds (60), the wake-ups while idle (returns
# from epoll_wait counted by strace over the same IDLE seconds), and the
# query plans of the next-due queries (each must use an index, never a
# scan of the job or occurrence table).  A script, not a test.
#
#   TASKS=N IDLE=S sh tests/bench/scale.sh [BUILD]
set -u
B=$(cd "${1:-build}" && pwd)
TASKS=${TASKS:-1000000}
IDLE=${IDLE:-60}
NAME=scale
. "$(dirname "$0")/lib.sh"

y=$(( $(date +%Y) + 1 ))
import_setup KH-SCALE "$y" || { echo "$NAME: setup failed" >&2; exit 1; }
nv() { "$B/nhacviec" -c "$T/nv.ini" "$@"; }
awk -v n="$TASKS" -v y="$y" 'BEGIN {
	srand(11)
	print "TT\tNội dung nhiệm vụ\tThời gian thực hiện\tCơ quan chủ trì"
	for (i = 1; i <= n; i++)
		printf "%d\tNhiệm vụ số %d\ttrước ngày %d/%d/%d\tSở số %d\n", i, i,
		    int(rand() * 28) + 1, int(rand() * 12) + 1, y, i % 50 + 1
}' > "$T/tasks.tsv"
t0=$(date +%s%3N)
nv import tasks "$T/tasks.tsv" --plan KH-SCALE --year "$y" > /dev/null 2>&1
t1=$(date +%s%3N)
echo "import:     $TASKS rows in $((t1 - t0)) ms," \
    "$(( TASKS * 1000 / (t1 - t0 > 0 ? t1 - t0 : 1) )) rows/s;" \
    "$(sqlite3 "$T/nv.db" "SELECT count(*) FROM job") jobs;" \
    "database $(( $(stat -c %s "$T/nv.db") / 1048576 )) MiB"

echo "query plans:"
for q in "SELECT min(fire_at) FROM job WHERE state = 'pending'" \
    "SELECT min(expand_at) FROM task WHERE expand_at IS NOT NULL" \
    "SELECT min(plan_at) FROM occurrence WHERE plan_at IS NOT NULL" \
    "SELECT o.id FROM occurrence o JOIN task t ON t.id = o.task_id WHERE o.plan_at <= 0 AND o.state = 'open' ORDER BY o.plan_at LIMIT 1024" \
    "SELECT j.id FROM job j JOIN occurrence o ON o.id = j.occurrence_id WHERE j.state = 'pending' AND j.fire_at <= 0 ORDER BY j.fire_at, j.id LIMIT 1024"; do
	echo "  $q"
	sqlite3 "$T/nv.db" "EXPLAIN QUERY PLAN $q" | sed 's/^/    /'
done

t0=$(date +%s%3N)
"$B/nhacviecd" -c "$T/nv.ini" 2> "$T/nvd.err" &
nvd=$!
until curl -s --max-time 1 --unix-socket "$T/nv.sock" \
    http://localhost/healthz 2>/dev/null | grep -q ok; do
	sleep 0.01
done
t1=$(date +%s%3N)
rss() { awk '/^VmRSS/ { print $2 " " $3 }' "/proc/$nvd/status"; }
echo "start-up:   $((t1 - t0)) ms to /healthz over $TASKS tasks"
echo "memory:     VmRSS $(rss) after start"
if command -v strace >/dev/null 2>&1; then
	timeout "$IDLE" strace -f -e trace=epoll_wait,epoll_pwait -p "$nvd" \
	    -o "$T/strace.txt" 2>/dev/null
	# Completed calls only: the one in progress at the end has no result.
	echo "idle:       $(grep -cE 'epoll_p?wait.*\) += [0-9]+' \
	    "$T/strace.txt")" \
	    "epoll_wait returns in $IDLE s (the next job is $(sqlite3 \
	    "$T/nv.db" "SELECT (min(fire_at) - strftime('%s','now')) / 86400
	    FROM job WHERE state = 'pending'") days away)"
else
	sleep "$IDLE"
	echo "idle:       strace not installed; wake-ups not counted"
fi
echo "memory:     VmRSS $(rss) after $IDLE s idle"
