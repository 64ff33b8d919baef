#!/bin/sh
# demo.sh: "make demo".  Loads a small plan taken from Yên Bái's 2023
# administrative-reform publicity plan (285/KH-UBND), with deadlines a few
# seconds ahead, and runs nhacviecd on the console provider.  It stops by
# itself after DEMO_SECONDS (75 by default), or at Ctrl-C.
set -u
B=${1:-build}
SECS=${DEMO_SECONDS:-75}
HERE=$(dirname "$0")
D=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-demo.XXXXXX")
sed "s|@DIR@|$D|g" "$HERE/demo.ini" > "$D/demo.ini"
chmod 640 "$D/demo.ini"
nv() { "$B/nhacviec" -c "$D/demo.ini" "$@"; }

echo "nhacviec demo: database and config in $D"
# The directory and the plan's tasks go in through the importer, as a
# province's would: a spreadsheet of agencies, and the plan's task table
# with its timing column ("chậm nhất lúc 14:30:25 ngày 22/11/2026", set a
# few seconds ahead here so the demo runs in a minute).
load() {
	nv import agencies "$HERE/demo-agencies.csv" &&
	nv contact add --agency SNV --role focal \
	    --name "Chuyên viên CCHC, Sở Nội vụ" --phone 0913000003 &&
	nv plan add 285/KH-UBND --issuer "UBND tỉnh Yên Bái" \
	    --date 30/12/2022 --title "Kế hoạch thông tin, tuyên truyền cải \
cách hành chính năm 2023 trên địa bàn tỉnh Yên Bái"
}
load >/dev/null || { echo "demo: loading the sample plan failed" >&2; exit 1; }

# at SECONDS: the timing phrase of a deadline that many seconds from now.
at() {
	TZ=Asia/Ho_Chi_Minh date -d "@$(( $(date +%s) + $1 ))" \
	    "+chậm nhất lúc %H:%M:%S ngày %d/%m/%Y"
}
for f in demo-broadcast demo-tasks; do
	sed -e "s|@DUE25@|$(at 25)|" -e "s|@DUE30@|$(at 30)|" \
	    "$HERE/$f.tsv" > "$D/$f.tsv"
done

"$B/nhacviecd" -c "$D/demo.ini" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; exit 0' INT TERM
i=0
while [ ! -S "$D/control.sock" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done

echo
echo "Tasks from the plan's appendix.  Policy default: reminders 20 s and"
echo "10 s before and at the deadline; escalations 10 s after to the lead"
echo "agency and 20 s after to its parent.  Policy broadcast (the radio and"
echo "TV station's weekly segment): an alert 15 s before the slot, and"
echo "escalations if the broadcast is not confirmed:"
nv import tasks "$D/demo-broadcast.tsv" --plan 285/KH-UBND --year 2023 \
    --policy broadcast >/dev/null &&
nv import tasks "$D/demo-tasks.tsv" --plan 285/KH-UBND --year 2023 \
    >/dev/null || { echo "demo: importing the tasks failed" >&2; exit 1; }
nv task list | sed 's/^/  /'
sqlite3 "$D/demo.db" "SELECT a.code || ' ' || o.ack_code FROM occurrence o
    JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = t.lead_id" \
    > "$D/acks"
echo

# Báo Yên Bái finishes its task after the first reminder: the rest stop.
sleep 14
ack=$(awk '$1 == "BAOYB" { print $2 }' "$D/acks")
echo ">>> Báo Yên Bái reports its task done: nhacviec done $ack"
nv done "$ack" --by "Tổng Biên tập Báo Yên Bái"
echo

sleep $((SECS - 14))
kill -TERM $pid 2>/dev/null
wait $pid
echo
nv status
echo
nv task list
echo
echo "The demo's database stays in $D; look around with:"
echo "  $B/nhacviec -c $D/demo.ini task show 1"
