# fault-kill9: a burst of FAULT_MSGS reminders (2,000 here, 10,000 in the
# full run), the daemon killed with SIGKILL at FAULT_KILLS random moments
# while it sends, and restarted each time.  Nothing may be lost; the
# receiver may see a message twice only if it was in flight at a kill
# (resent in doubt with the same key), so duplicates are at most the
# messages left "sending" at the kills; on eSMS, whose RequestId the
# gateway deduplicates, the daemon's resend reuses the id and the
# gateway accepts each message exactly once.
. "$(dirname "$0")/lib.sh"

run_one() {	# run_one PROVIDER
	prov=$1
	: > "$HOOKLOG"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	if [ "$prov" = esms ]; then
		HOOK_API=esms
		start_hook 200 40 || return 1
		write_conf "0" "none"
		esms_conf "max_inflight = 32
rate = 0"
	else
		HOOK_API=""
		start_hook 200 40 || return 1
		write_conf "0" "none" "max_inflight = 32
rate = 0"
	fi
	burst "$FAULT_MSGS" 4 || { fail "$prov: setup"; return 1; }
	start_daemon || return 1
	wait_for 20 "$prov: the burst to start" hook_has_at_least 1 || return 1
	inflight=0
	k=0
	while [ $k -lt "$FAULT_KILLS" ]; do
		# 100 to 900 ms into each run: before, during and after batches.
		sleep "0.$(( RANDOM % 9 + 1 ))"
		kill -9 "$DAEMON_PID"
		wait "$DAEMON_PID" 2>/dev/null
		DAEMON_PID=""
		n=$(sql "SELECT count(*) FROM message WHERE state = 'sending'")
		inflight=$((inflight + n))
		start_daemon || return 1
		k=$((k + 1))
	done
	wait_for 120 "$prov: every message to settle" settled "$FAULT_MSGS" ||
	    return 1
	stop_daemon
	echo "  $prov: $FAULT_KILLS kills, $inflight in flight at the kills," \
	    "$(hook_lines) requests for $FAULT_MSGS messages"
	invariants "$FAULT_MSGS"
	check "$prov: all $FAULT_MSGS sent" \
	    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq "$FAULT_MSGS" ]
	check "$prov: the kills caught messages in flight" [ "$inflight" -gt 0 ]
	keys=$(cut -f3 "$HOOKLOG" | sort -u | wc -l)
	check "$prov: every message reached the receiver" \
	    [ "$keys" -eq "$FAULT_MSGS" ]
	dups=$(( $(hook_lines) - keys ))
	check "$prov: duplicates ($dups) no more than in flight at the kills ($inflight)" \
	    [ "$dups" -le "$inflight" ]
	if [ "$prov" = esms ]; then
		check "esms: each RequestId accepted exactly once (no duplicate SMS)" \
		    [ "$(awk -F'\t' '$2 == "200/100"' "$HOOKLOG" | cut -f3 |
		        sort | uniq -d | wc -l)" -eq 0 ] 
		check "esms: and every message accepted" \
		    [ "$(awk -F'\t' '$2 == "200/100"' "$HOOKLOG" | wc -l)" -eq "$FAULT_MSGS" ]
	fi
	stop_hook
}

run_one webhook
run_one esms
finish
