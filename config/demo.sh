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
nv() { "$B/nhacviec" -c "$D/demo.ini" "$@"; }

echo "nhacviec demo: database and config in $D"
load() {
	while IFS='|' read -r code parent name; do
		[ -z "$code" ] && continue
		if [ -n "$parent" ]; then
			nv agency add "$code" --name "$name" --parent "$parent"
		else
			nv agency add "$code" --name "$name"
		fi
	done < "$HERE/demo-agencies.txt"
	while IFS='|' read -r agency role name phone; do
		[ -z "$agency" ] && continue
		nv contact add --agency "$agency" --role "$role" \
		    --name "$name" --phone "$phone"
	done < "$HERE/demo-contacts.txt"
	nv plan add 285/KH-UBND --issuer "UBND tỉnh Yên Bái" \
	    --date 30/12/2022 --title "Kế hoạch thông tin, tuyên truyền cải \
cách hành chính năm 2023 trên địa bàn tỉnh Yên Bái"
}
load >/dev/null || { echo "demo: loading the sample plan failed" >&2; exit 1; }

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
while IFS='|' read -r ref lead coop due title policy quota; do
	[ -z "$ref" ] && continue
	set -- --plan 285/KH-UBND --ref "$ref" --lead "$lead" --due "$due" \
	    --title "$title" --policy "$policy"
	[ -n "$coop" ] && set -- "$@" --cooperate "$coop"
	[ -n "$quota" ] && set -- "$@" --quota "$quota"
	out=$(nv task add "$@")
	echo "  $lead: $out"
	echo "$lead $(echo "$out" | sed -n 's/.*ack code \([A-Z0-9]*\),.*/\1/p')" \
	    >> "$D/acks"
done < "$HERE/demo-tasks.txt"
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
