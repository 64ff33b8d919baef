#!/bin/sh
# import.sh: how fast a plan's task table goes in.  Generates ROWS task
# rows (100000 by default; the design's goal is 1,000,000 in 10 s) over 50
# agencies, with the timing phrases of real plans, and times the dry run
# (reading, name matching, phrase parsing) and the import (the same, plus
# each task's occurrence, and the jobs already within the policy's
# horizon, written in one transaction).  Prints rows per second for both,
# the import's CPU time (less disturbed than the wall time on a shared
# machine) and the database's size.  A script, not a test: it never fails
# on a slow machine.
set -u
B=${1:-build}
ROWS=${ROWS:-100000}
NAME=import.sh
. "$(dirname "$0")/lib.sh"

import_setup KH-BENCH 2027 || { echo "$NAME: setup failed" >&2; exit 1; }
nv() { "$B/nhacviec" -c "$T/nv.ini" "$@"; }
awk -v n="$ROWS" 'BEGIN {
	srand(7)
	print "TT\tNội dung nhiệm vụ\tThời gian thực hiện\tCơ quan chủ trì\tCơ quan phối hợp"
	split("trước ngày %d/%d/2027|chậm nhất ngày %d/%d/2027|Quý III/2027|tháng %d/2027|Trong quý II", f, "|")
	for (i = 1; i <= n; i++) {
		k = int(rand() * 5) + 1
		d = int(rand() * 28) + 1; m = int(rand() * 12) + 1
		w = sprintf(f[k], k <= 2 ? d : m, m)
		printf "%d\tNhiệm vụ số %d của kế hoạch\t%s\tSở số %d\tSở số %d\n", i, i, w, i % 50 + 1, (i + 7) % 50 + 1
	}
}' > "$T/tasks.tsv"
echo "== $ROWS task rows, $(wc -c < "$T/tasks.tsv") bytes, 51 agencies"

ms() { date +%s%3N; }
# The CPU seconds (user + system) of the commands run so far: "times" of
# this shell (not of a subshell, which has run nothing), into $T/times.
cpu() {
	awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' \
	    "$T/times"
}
t0=$(ms)
nv import tasks "$T/tasks.tsv" --plan KH-BENCH --year 2027 --dry-run \
    > /dev/null 2>&1
t1=$(ms)
times > "$T/times"
c1=$(cpu)
nv import tasks "$T/tasks.tsv" --plan KH-BENCH --year 2027 > "$T/out.txt" 2>&1
t2=$(ms)
times > "$T/times"
c2=$(cpu)
dry=$((t1 - t0))
imp=$((t2 - t1))
tasks=$(sqlite3 "$T/nv.db" "SELECT count(*) FROM task")
jobs=$(sqlite3 "$T/nv.db" "SELECT count(*) FROM job")
echo "dry run:  $dry ms, $(( ROWS * 1000 / (dry > 0 ? dry : 1) )) rows/s (read, match, parse)"
echo "import:   $imp ms, $(( ROWS * 1000 / (imp > 0 ? imp : 1) )) rows/s ($tasks tasks, $jobs jobs written)"
echo "cpu:      $(echo "$c1 $c2 $ROWS" | awk '{ printf "%.2f s, %.1f us a row", $2 - $1, ($2 - $1) * 1e6 / $3 }') (user + system)"
size=$(stat -c %s "$T/nv.db")
echo "database: $((size / 1048576)) MiB, $((size / 1048576 * 1000000 / ROWS)) MiB per 1000000 tasks"
echo "goal:     1000000 rows in 10 s = 100000 rows/s"
