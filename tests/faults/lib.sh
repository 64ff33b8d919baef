# lib.sh: what the fault scenarios share, on top of the end-to-end helpers:
# a directory of many agencies with one head each, a burst of one-off
# tasks all due at the same second (one reminder each), and the
# invariants every scenario ends with.  The scale is bounded for CI;
# FAULT_MSGS and FAULT_KILLS raise it (make check-faults-full).
. "$(dirname "$0")/../e2e/lib.sh"

FAULT_MSGS=${FAULT_MSGS:-2000}
FAULT_KILLS=${FAULT_KILLS:-6}

# burst N SECONDS: N agencies (A1..AN, heads 0912xxxxxx) and N tasks, one
# led by each, due SECONDS from now; one reminder each, so N messages.
burst() {
	n=$1
	awk -v n="$n" 'BEGIN {
		print "Mã;Tên cơ quan;Cấp trên;Nhóm;Người đứng đầu;Chức vụ;Điện thoại"
		print "UBND;Ủy ban nhân dân tỉnh;;tinh;Chủ tịch;Chủ tịch;0912999999"
		for (i = 1; i <= n; i++)
			printf "A%d;Cơ quan số %d;UBND;so-nganh;Thủ trưởng %d;" \
			    "Giám đốc;0912%06d\n", i, i, i, i
	}' > "$T/agencies.csv"
	due=$(TZ=Asia/Ho_Chi_Minh date -d "+$2 seconds" \
	    "+chậm nhất lúc %H:%M:%S ngày %d/%m/%Y")
	awk -v n="$n" -v due="$due" 'BEGIN {
		print "TT\tNội dung nhiệm vụ\tThời gian thực hiện\tCơ quan chủ trì"
		for (i = 1; i <= n; i++)
			printf "%d\tNhiệm vụ số %d\t%s\tCơ quan số %d\n", i, i, due, i
	}' > "$T/tasks.tsv"
	nv import agencies "$T/agencies.csv" >/dev/null &&
	nv plan add KH-FAULT --title "Kế hoạch thử lỗi" >/dev/null &&
	nv import tasks "$T/tasks.tsv" --plan KH-FAULT --year "$(date +%Y)" \
	    >/dev/null
}

# settled N: all N messages have reached an end state.
settled() {
	[ "$(sql "SELECT count(*) FROM message WHERE state IN
	    ('sent','delivered','failed','dead','cancelled')")" -ge "$1" ] &&
	[ "$(sql "SELECT count(*) FROM message WHERE state IN
	    ('queued','sending')")" -eq 0 ]
}

# invariants N: every accepted message ended sent or delivered, failed
# with a reason, or dead with an alert; none is queued past its time;
# the database is sound.
invariants() {
	check "all $1 messages accounted for" \
	    [ "$(sql "SELECT count(*) FROM message")" -eq "$1" ]
	check "every message ended sent/delivered, failed with a reason or dead" \
	    [ "$(sql "SELECT count(*) FROM message WHERE NOT (
	        state IN ('sent','delivered','cancelled') OR
	        (state = 'failed' AND last_error IS NOT NULL) OR
	        (state = 'dead' AND last_error IS NOT NULL))")" -eq 0 ]
	check "each dead message raised its alert (an event row)" \
	    [ "$(sql "SELECT (SELECT count(*) FROM message WHERE state = 'dead')
	        <= (SELECT count(*) FROM event WHERE kind = 'dead')")" -eq 1 ]
	check "nothing left queued past its time" \
	    [ "$(sql "SELECT count(*) FROM message WHERE state = 'queued'
	        AND next_attempt_ms / 1000 < strftime('%s','now') - 5")" -eq 0 ]
	check "integrity_check ok" [ "$(sql "PRAGMA integrity_check")" = ok ]
}
