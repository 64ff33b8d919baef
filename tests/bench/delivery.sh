#!/bin/sh
# delivery.sh: delivery throughput with every state durable, side by side
# with wrk on the same sink: Debian's nginx-light answering every request
# with 200 {"ok":true} over kept-alive links, one worker.  The sink is a
# real server, so the ratio measures nhacviecd, not a fake.  The design's
# target: at least 0.3 of wrk's rate at 16 and at 64 connections.
#
#   sh tests/bench/delivery.sh [BUILD] [MESSAGES] [CONNECTIONS...]
#
# For each number of connections (default "16 64", the provider's
# max_inflight) it prints wrk's requests/s, nhacviecd's durable
# messages/s (from the first outcome committed "sent" to the last), the
# ratio, and the daemon's CPU time per message (utime + stime from
# /proc/PID/stat, from its start to its last message).  With PERF_OUT
# set, perf records the daemon's call graph into PERF_OUT.C (options in
# PERF_ARGS, default "-F 2000 -g"; "-F 1000 --call-graph dwarf" sees
# through the libraries built without frame pointers).
# Needs nginx-light, wrk and sqlite3 (installed when run as root).
# Everything runs on 127.0.0.1 at free ports and stops by its PID.
set -u
B=$(cd "${1:-build}" && pwd)
N=${2:-20000}
[ $# -ge 2 ] && shift 2 || shift $#
CONNS=${*:-16 64}
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=delivery
. "$HERE/lib.sh"
ngx=""
trap 'kill $ngx $nvd 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
[ -x /usr/sbin/nginx ] || need="$need nginx-light"
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
if [ -n "$need" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "delivery: needs: apt-get install -y$need" >&2
		exit 1
	fi
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $need >/dev/null 2>&1 ||
	    { echo "delivery: cannot install$need" >&2; exit 1; }
fi

# start_nginx: nginx-light under $T/ngx (its own conf, pid, logs and temp
# directories) at a free port of 127.0.0.1; sets port and ngx (its PID).
start_nginx() {
	P=$T/ngx
	mkdir -p "$P/logs" "$P/tmp"
	tries=0
	while :; do
		port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		if ! ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
			cat > "$P/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $P/nginx.pid;
error_log $P/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $P/tmp/body;
	proxy_temp_path $P/tmp/proxy;
	fastcgi_temp_path $P/tmp/fastcgi;
	uwsgi_temp_path $P/tmp/uwsgi;
	scgi_temp_path $P/tmp/scgi;
	keepalive_timeout 65s;
	keepalive_requests 1000000;
	client_body_buffer_size 16k;
	server {
		listen 127.0.0.1:$port;
		default_type application/json;
		location / { return 200 '{"ok":true}'; }
	}
}
CONF
			/usr/sbin/nginx -p "$P" -c "$P/nginx.conf" \
			    2> "$P/logs/stderr" &
			ngx=$!
			i=0
			while [ $i -lt 50 ]; do
				if curl -fs -o /dev/null -X POST -d x \
				    "http://127.0.0.1:$port/hook" 2>/dev/null
				then
					return 0
				fi
				kill -0 $ngx 2>/dev/null || break
				sleep 0.1
				i=$((i + 1))
			done
			kill $ngx 2>/dev/null
			wait $ngx 2>/dev/null
			ngx=""
		fi
		tries=$((tries + 1))
		[ $tries -lt 10 ] ||
		    { echo "delivery: nginx did not start:" \
		    "$(cat "$P/logs/stderr" 2>/dev/null)" >&2; exit 1; }
	done
}

# cpu_ticks PID: utime + stime of PID, in clock ticks.
cpu_ticks() {
	# Fields after the command's ")": state is 3rd, utime 14th, stime 15th.
	sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

start_nginx
echo "== sink: nginx-light $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///')," \
    "one worker, keep-alive, 127.0.0.1:$port"

# One database with every job due is built once, then copied for each
# run, so each run does the same work.  The 40 messages each contact gets
# would otherwise go as one digest: "digest = 0" makes each a request.
per=500				# contacts per agency: one job, 500 messages
tasks=$(( (N + per - 1) / per ))
N=$((tasks * per))
webhook_conf "batch = 1024" "max_inflight = 16
rate = 0" "remind_roles = head focal
digest = 0"
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
	nv task add --plan BENCH --lead UBND --due +1s \
	    --title "Nhiệm vụ $i"
	i=$((i + 1))
done
sleep 1.1
cp "$T/nv.db" "$T/seed.db"
cp "$T/nv.ini" "$T/seed.ini"

CLK=$(getconf CLK_TCK)
for C in $CONNS; do
	echo "== wrk: $C connections, 10 s, POST of a webhook body"
	wrk -t2 -c"$C" -d10s -s "$HERE/post.lua" \
	    "http://127.0.0.1:$port/hook" > "$T/wrk.txt"
	wrk_rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$T/wrk.txt")

	rm -f "$T/nv.db" "$T/nv.db-wal" "$T/nv.db-shm"
	cp "$T/seed.db" "$T/nv.db"
	sed "s/^max_inflight = .*/max_inflight = $C/" "$T/seed.ini" \
	    > "$T/nv.ini"
	echo "== nhacviecd: $tasks jobs x $per recipients = $N messages," \
	    "max_inflight $C, every state change committed" \
	    "(synchronous=FULL)"
	"$B/nhacviecd" -c "$T/nv.ini" 2> "$T/nvd.err" &
	nvd=$!
	t0=$(cpu_ticks $nvd)
	if [ -n "${PERF_OUT:-}" ]; then
		perf record ${PERF_ARGS:--F 2000 -g} -o "$PERF_OUT.$C" -p $nvd \
		    2>/dev/null >/dev/null &
		perfpid=$!
	fi
	end=$(( $(date +%s) + 180 ))
	sent=0
	while [ "$sent" -lt "$N" ] && [ "$(date +%s)" -lt "$end" ]; do
		sleep 0.2
		sent=$(sqlite3 "$T/nv.db" "SELECT count(*) FROM message
		    WHERE state = 'sent'" 2>/dev/null || echo 0)
	done
	t1=$(cpu_ticks $nvd)
	if [ -n "${PERF_OUT:-}" ]; then
		kill -INT $perfpid
		wait $perfpid
	fi
	kill -TERM $nvd
	wait $nvd
	nvd=""
	# A message's next_attempt_ms is the millisecond its "sent" was
	# recorded: the rate is of outcomes committed, first to last.
	nv_rps=$(sqlite3 "$T/nv.db" "SELECT CASE WHEN max(next_attempt_ms) >
	    min(next_attempt_ms) THEN (count(*) - 1) * 1000 /
	    (max(next_attempt_ms) - min(next_attempt_ms)) ELSE 0 END
	    FROM message WHERE state = 'sent'")
	echo "sent:       $sent of $N messages recorded sent"
	echo "wrk:        $wrk_rps requests/s"
	echo "nhacviecd:  $nv_rps messages/s (durable, first to last outcome)"
	awk -v a="$nv_rps" -v b="$wrk_rps" -v t0="$t0" -v t1="$t1" \
	    -v clk="$CLK" -v n="$sent" -v c="$C" 'BEGIN {
		printf "ratio:      %.3f of wrk (target: 0.3)\n", a / b
		if (n > 0)
			printf "cpu:        %.1f us of daemon CPU per message\n",
			    (t1 - t0) * 1e6 / clk / n
		printf "RESULT c=%d wrk=%d nvd=%d ratio=%.3f us_msg=%.1f\n",
		    c, b, a, a / b, (n > 0 ? (t1 - t0) * 1e6 / clk / n : 0)
	}'
done
