#!/bin/bash
# peers.sh: the same work done by what people would otherwise use.  N
# distinct notifications (2,000 by default) to the same local sink
# (fakehook) by:
#   - nhacviecd: N reminders falling due at once, each a durable message
#     sent by the webhook provider (every state change committed);
#   - Apprise (Debian apprise), from its Python API in one process (the
#     system's /usr/bin/python3, where Debian installs it);
#   - Prometheus Alertmanager (Debian prometheus-alertmanager): N alerts,
#     one per group, to a webhook receiver;
#   - a plain curl loop, one process per notification.
# Prints notifications/s for each and nhacviecd's ratio to each.  A
# script, not a test; everything stays on 127.0.0.1 and stops by itself.
#
#   bash tests/bench/peers.sh [BUILD] [N]
set -u
B=$(cd "${1:-build}" && pwd)
N=${2:-2000}
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=peers
. "$HERE/lib.sh"

need() {	# need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends "$2" >/dev/null 2>&1 && return 0
	fi
	echo "peers: needs $1 (apt-get install $2); skipping it" >&2
	return 1
}
ms() { date +%s%3N; }
freeport() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_lines N LIMIT_S: until the sink has logged N requests.
wait_lines() {
	end=$(( $(date +%s) + $2 ))
	while [ "$(wc -l < "$T/hook.log")" -lt "$1" ] &&
	    [ "$(date +%s)" -lt "$end" ]; do
		sleep 0.05
	done
	wc -l < "$T/hook.log"
}
# span: first to last request at the sink, in ms.
span() { awk -F'\t' 'NR == 1 { a = $1 } { b = $1 } END { print b - a }' "$T/hook.log"; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%d", (t > 0 ? n * 1000 / t : 0) }'; }

start_sink
URL="http://127.0.0.1:$port/hook"
declare -A R

# nhacviecd
webhook_conf "batch = 1024" "max_inflight = 32
rate = 0"
awk -v n="$N" 'BEGIN {
	print "Mã;Tên cơ quan;Cấp trên;Nhóm;Người đứng đầu;Chức vụ;Điện thoại"
	print "UBND;Ủy ban nhân dân tỉnh;;tinh;Chủ tịch;Chủ tịch;0912999999"
	for (i = 1; i <= n; i++)
		printf "A%d;Cơ quan số %d;UBND;;Thủ trưởng %d;Giám đốc;0912%06d\n", i, i, i, i
}' > "$T/agencies.csv"
due=$(TZ=Asia/Ho_Chi_Minh date -d "+6 seconds" "+chậm nhất lúc %H:%M:%S ngày %d/%m/%Y")
awk -v n="$N" -v due="$due" 'BEGIN {
	print "TT\tNội dung nhiệm vụ\tThời gian thực hiện\tCơ quan chủ trì"
	for (i = 1; i <= n; i++)
		printf "%d\tNhiệm vụ số %d\t%s\tCơ quan số %d\n", i, i, due, i
}' > "$T/tasks.tsv"
nv() { "$B/nhacviec" -c "$T/nv.ini" "$@" >/dev/null; }
nv import agencies "$T/agencies.csv" && nv plan add PEERS --title "So sánh" &&
    nv import tasks "$T/tasks.tsv" --plan PEERS --year "$(date +%Y)" ||
    { echo "peers: setup failed" >&2; exit 1; }
"$B/nhacviecd" -c "$T/nv.ini" 2> "$T/nvd.err" &
nvd=$!
got=$(wait_lines "$N" 120)
kill -TERM $nvd; wait $nvd; nvd=""
t=$(span)
R[nhacviecd]=$(rate "$got" "$t")
echo "nhacviecd:    $got notifications in $t ms: ${R[nhacviecd]}/s (durable)"

# Apprise, one process, its Python API.
: > "$T/hook.log"
if need apprise apprise; then
	t0=$(ms)
	/usr/bin/python3 - "$port" "$N" <<'PY'
import sys, apprise
port, n = sys.argv[1], int(sys.argv[2])
a = apprise.Apprise()
a.add("json://127.0.0.1:%s/hook" % port)
for i in range(n):
    a.notify(title="Nhắc việc %d" % i,
             body="Nhiệm vụ số %d của kế hoạch, hạn 31/01/2027 17:00" % i)
PY
	got=$(wait_lines "$N" 30)
	t=$(( $(ms) - t0 ))
	R[apprise]=$(rate "$got" "$t")
	echo "apprise:      $got notifications in $t ms: ${R[apprise]}/s"
fi

# Alertmanager: N alerts, one group each, to a webhook receiver.
: > "$T/hook.log"
if need prometheus-alertmanager prometheus-alertmanager; then
	amport=$(freeport)
	cat > "$T/am.yml" <<YML
route:
  receiver: sink
  group_by: ['id']
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 1h
receivers:
- name: sink
  webhook_configs:
  - url: $URL
    send_resolved: false
YML
	prometheus-alertmanager --config.file="$T/am.yml" \
	    --storage.path="$T/am" --web.listen-address="127.0.0.1:$amport" \
	    --cluster.listen-address= > "$T/am.log" 2>&1 &
	am=$!
	i=0
	until curl -s "http://127.0.0.1:$amport/-/ready" >/dev/null; do
		sleep 0.1; i=$((i + 1)); [ $i -lt 100 ] || break
	done
	awk -v n="$N" 'BEGIN { printf "["; for (i = 1; i <= n; i++)
		printf "%s{\"labels\":{\"alertname\":\"nhacviec\",\"id\":\"%d\"},\"annotations\":{\"summary\":\"Nhiệm vụ số %d\"}}",
		    (i > 1 ? "," : ""), i, i; print "]" }' > "$T/alerts.json"
	t0=$(ms)
	curl -s -XPOST -H 'Content-Type: application/json' \
	    --data-binary @"$T/alerts.json" "http://127.0.0.1:$amport/api/v2/alerts" >/dev/null
	got=$(wait_lines "$N" 60)
	t=$(( $(ms) - t0 ))
	kill $am; wait $am 2>/dev/null
	R[alertmanager]=$(rate "$got" "$t")
	echo "alertmanager: $got notifications in $t ms: ${R[alertmanager]}/s"
fi

# A plain curl loop.
: > "$T/hook.log"
t0=$(ms)
i=1
while [ $i -le "$N" ]; do
	curl -s -o /dev/null -XPOST -H 'Content-Type: application/json' \
	    -d "{\"id\":$i,\"text\":\"Nhiệm vụ số $i\"}" "$URL"
	i=$((i + 1))
done
t=$(( $(ms) - t0 ))
got=$(wc -l < "$T/hook.log")
R[curl]=$(rate "$got" "$t")
echo "curl loop:    $got notifications in $t ms: ${R[curl]}/s"

for k in apprise alertmanager curl; do
	[ -n "${R[$k]:-}" ] && [ "${R[$k]}" -gt 0 ] &&
	    awk -v a="${R[nhacviecd]}" -v b="${R[$k]}" -v k="$k" 'BEGIN {
		printf "nhacviecd / %-12s %.1fx\n", k ":", a / b }'
done
