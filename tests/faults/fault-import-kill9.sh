# fault-import-kill9: an import of a large task table killed with SIGKILL
# at several moments, some while it reads, some while it commits.  It is
# one transaction: after each kill the database holds all of it or none
# of it, and stays sound; the same import run again to the end leaves
# every row once, each task with its occurrence and its jobs stored or
# due to be (plan_at).
. "$(dirname "$0")/lib.sh"

ROWS=${FAULT_IMPORT_ROWS:-100000}
start_hook 200 || finish
write_conf "-3d -1d 0" "+1d:lead +3d:parent"
awk -v n="$ROWS" 'BEGIN {
	print "Mã;Tên cơ quan;Cấp trên;Nhóm"
	print "UBND;Ủy ban nhân dân tỉnh;;tinh"
	for (i = 1; i <= 50; i++)
		printf "S%d;Sở số %d;UBND;so-nganh\n", i, i
}' > "$T/agencies.csv"
y=$(( $(date +%Y) + 1 ))
awk -v n="$ROWS" -v y="$y" 'BEGIN {
	print "TT\tNội dung nhiệm vụ\tThời gian thực hiện\tCơ quan chủ trì\tCơ quan phối hợp"
	for (i = 1; i <= n; i++)
		printf "%d\tNhiệm vụ số %d\ttrước ngày %d/%d/%d\tSở số %d\tSở số %d\n",
		    i, i, i % 28 + 1, i % 12 + 1, y, i % 50 + 1, (i + 7) % 50 + 1
}' > "$T/tasks.tsv"
nv import agencies "$T/agencies.csv" >/dev/null &&
nv plan add KH-KILL --title "Kế hoạch thử" >/dev/null ||
    { fail "setup"; finish; }

# all_or_nothing: the plan has no task, or every row with its occurrence.
all_or_nothing() {
	[ "$(sql "SELECT CASE (SELECT count(*) FROM task)
	    WHEN 0 THEN (SELECT count(*) FROM occurrence) +
	        (SELECT count(*) FROM job) + (SELECT count(*) FROM event)
	    WHEN $ROWS THEN (SELECT count(*) FROM occurrence) - $ROWS
	    ELSE -1 END")" -eq 0 ]
}
kills=0
for delay in 0.15 0.3 0.5 0.8 1.2; do
	# The program itself, not the nv function: a kill of the subshell
	# running the function would leave the import running.
	"$NV" -c "$CONF" import tasks "$T/tasks.tsv" --plan KH-KILL \
	    --year "$y" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then
		kills=$((kills + 1))
	fi
	wait "$pid" 2>/dev/null
	check "after a kill at ${delay}s: the import is all there or not at all" \
	    all_or_nothing
	check "and the database is sound" \
	    [ "$(sql "PRAGMA integrity_check")" = ok ]
done
check "the kills caught imports under way ($kills)" [ "$kills" -ge 1 ]
nv import tasks "$T/tasks.tsv" --plan KH-KILL --year "$y" > "$T/imp.txt" ||
    fail "the import run again"
check "run again to the end, the plan has every row once" \
    [ "$(sql "SELECT count(*) FROM task")" -eq "$ROWS" ]
check "each task with one occurrence" \
    [ "$(sql "SELECT count(*) FROM occurrence")" -eq "$ROWS" ]
check "whose jobs are stored or due to be" \
    [ "$(sql "SELECT count(*) FROM occurrence o WHERE plan_at IS NULL AND
        NOT EXISTS (SELECT 1 FROM job j WHERE j.occurrence_id = o.id)")" -eq 0 ]
check "integrity_check ok" [ "$(sql "PRAGMA integrity_check")" = ok ]
finish
