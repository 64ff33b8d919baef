# test-keepalive: a burst after a lull goes out over the links the last
# one opened.  Each answer is held 100 ms, so 48 reminders go out 16 at a
# time (max_inflight 16) on 16 kept-alive links; once the queue is empty
# a second burst of 48 follows.  The receiver notes the client port of
# every request: 96 requests over 16 links at most.  curl's default cache
# of idle links shrinks with the transfers in flight, so after the first
# burst drained it had closed most of them and the second connected anew.
. "$(dirname "$0")/lib.sh"

HOOK_PEERS="$T/peers"
start_hook 200 100 || finish
write_conf "0" "none" "max_inflight = 16
rate = 0"
setup_directory || { fail "directory setup"; finish; }
i=1
while [ $i -lt 48 ]; do
	nv contact add --agency SNV --name "Chuyên viên $i" --role focal \
	    --phone "0913$(printf %06d $i)" >/dev/null || fail "contact $i"
	i=$((i + 1))
done
start_daemon || finish

sent() {
	[ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -ge "$1" ]
}
nv task add --plan 285/KH-UBND --title "Đợt thứ nhất" --lead SNV \
    --due +1s >/dev/null
wait_for 20 "the first 48 reminders sent" sent 48 || finish
check "the first burst used more than one link at a time" \
    [ "$(sort -u "$HOOK_PEERS" | wc -l)" -gt 1 ]
check "and 16 links at most" [ "$(sort -u "$HOOK_PEERS" | wc -l)" -le 16 ]
sleep 1
nv task add --plan 285/KH-UBND --title "Đợt thứ hai" --lead SNV \
    --due +1s >/dev/null
wait_for 20 "the second 48 reminders sent" sent 96 || finish
check "96 requests seen" [ "$(wc -l < "$HOOK_PEERS")" -eq 96 ]
links=$(sort -u "$HOOK_PEERS" | wc -l)
check "both bursts over the same 16 links or fewer ($links)" \
    [ "$links" -le 16 ]
check "graceful stop exits 0" stop_daemon
finish
