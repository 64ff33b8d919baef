# test-phrase: the timing-phrase reader as users meet it.  "nhacviec
# phrase" prints a reading (JSON fields, exit 0 read, 65 not read, a due
# day moved off Tết shown); every timing cell of the six real plan tables
# in tests/data/tables is read or flagged, never dropped; a plan's period
# (given or read from its title) ends the recurrences of an import; a
# relative deadline waits in "task list" until "task start" or POST
# /v1/tasks/ID/start plans it; "calendar" takes years from 1900.
. "$(dirname "$0")/lib.sh"

DATA="$(dirname "$0")/../data"
start_hook 200 || finish
write_conf "-1d 0" "none"

# One phrase, as JSON.
nv --json phrase --year 2026 "Chậm nhất ngày 25 hằng tháng" > "$T/p1.json"
check "phrase: exit 0 and the JSON fields" \
    sh -c "jq -e 'has(\"phrase\") and has(\"kind\") and has(\"rule\") and
        has(\"dues\") and has(\"from\") and has(\"until\") and
        has(\"ambiguous\") and has(\"notes\") and has(\"unread\")' \
        '$T/p1.json' >/dev/null"
check "\"Chậm nhất ngày 25 hằng tháng\" is monthly on the 25th" \
    [ "$(jq -r '.kind + " " + (.dues | join(","))' "$T/p1.json")" = \
      "recurring 2026-01-25,2026-02-25,2026-03-25,2026-04-25,2026-05-25" ]
nv --json phrase --year 2026 "Hằng quý" > "$T/p2.json"
check "\"Hằng quý\" ends on the quarters' last days" \
    [ "$(jq -r '.dues[0:4] | join(",")' "$T/p2.json")" = \
      "2026-03-31,2026-06-30,2026-09-30,2026-12-31" ]
nv --json phrase --year 2026 "Thứ Hai hằng tuần" > "$T/p3.json"
check "\"Thứ Hai hằng tuần\" is on Mondays" \
    [ "$(jq -r '.dues[0]' "$T/p3.json")" = "2026-01-05" ]
nv --json phrase --plan-date 2026-01-10 "trong vòng 07 ngày làm việc kể từ ngày nhận được văn bản" \
    > "$T/p4.json"
check "a relative deadline: kind relative, no dues" \
    [ "$(jq -r '.kind + " " + (.dues | length | tostring)' "$T/p4.json")" = \
      "relative 0" ]
nv --json phrase --year 2026 "dự kiến đầu tháng 3/2026" > "$T/p5.json"
check "vague words flag the reading" \
    [ "$(jq -r '.ambiguous' "$T/p5.json")" = true ]
nv --json phrase --year 2026 "Quý II/2026, xyzzy" > "$T/p6.json"
check "an unknown word is listed as unread and flags the reading" \
    [ "$(jq -r '.unread + " " + (.ambiguous | tostring)' "$T/p6.json")" = \
      "xyzzy true" ]
nv phrase --year 2026 "blah blah" > /dev/null
check "a phrase no rule reads exits 65" [ $? -eq 65 ]
sed -i 's/^deadline_rule = keep/deadline_rule = forward/' "$CONF"
nv phrase --year 2026 "ngày 17/02/2026" > "$T/tet.txt"
check "a due day on Tết shows its move" \
    grep -q '17/02/2026 → 23/02/2026 (Tết' "$T/tet.txt"
sed -i 's/^deadline_rule = forward/deadline_rule = keep/' "$CONF"
check "phrase --help" sh -c "'$NV' -c '$CONF' phrase --help | grep -q 'usage: nhacviec phrase'"

# Every timing cell of the real tables: read or flagged with a reason.
unreadable=0 silent=0 cells=0
# timing-cells.txt: the timing column of each table, one cell a line.
while IFS= read -r p; do
	[ -n "$p" ] || continue
	cells=$((cells + 1))
	nv --json phrase --year 2025 "$p" > "$T/cell.json"
	rc=$?
	if [ $rc -eq 65 ]; then
		unreadable=$((unreadable + 1))
	elif [ "$(jq -r '.unread' "$T/cell.json")" != "" ] &&
	    [ "$(jq -r '.ambiguous' "$T/cell.json")" != true ]; then
		silent=$((silent + 1))
	fi
done < "$DATA/tables/timing-cells.txt"
check "the tables' $cells timing cells: none with unread words unflagged" \
    [ "$silent" -eq 0 ]
check "and at most 2 of them not read at all ($unreadable)" \
    [ "$unreadable" -le 2 ]

# A plan's period, read from its title, ends its recurrences.
nv agency add BQL --name "Ban Quản lý các khu công nghệ cao và khu công nghiệp" \
    >/dev/null &&
nv agency add SKHCN --name "Sở Khoa học và Công nghệ" >/dev/null &&
nv agency add STC --name "Sở Tài chính" >/dev/null &&
nv agency add SCT --name "Sở Công Thương" >/dev/null || fail "directory"
nv plan add 310/KH-UBND --title "Kế hoạch phát triển hạ tầng 5G, IoT năm 2026" \
    > "$T/plan.txt"
check "plan add reads the period from the title" \
    grep -q 'period 2026-01-01 to 2026-12-31' "$T/plan.txt"
nv plan add P2 --title "Kế hoạch" --period 2024 > "$T/plan2.txt"
check "plan add --period YEAR" grep -q 'period 2024-01-01 to 2024-12-31' "$T/plan2.txt"
nv plan add P3 --title "Kế hoạch" --from 2025-06-01 --until 2026-05-31 \
    > "$T/plan3.txt"
check "plan add --from --until" grep -q 'period 2025-06-01 to 2026-05-31' "$T/plan3.txt"
nv plan update P2 --period 2025 > /dev/null
check "plan update --period" \
    [ "$(sql "SELECT period_from || ' ' || period_until FROM plan WHERE
        code = 'P2'")" = "2025-01-01 2025-12-31" ]
nv import tasks "$DATA/tables/hanoi-310-KH-UBND-2025-5G-IoT.csv" \
    --plan 310/KH-UBND --year 2026 --skip-bad > "$T/hn.txt" 2> "$T/hn.err"
check "the Hà Nội table goes in (rows with unknown agencies reported)" \
    sh -c "grep -q 'task(s) added' '$T/hn.txt' &&
        grep -q 'Doanh nghiệp, nhà cung cấp dịch vụ IoT' '$T/hn.err'"
check "\"Hàng năm\" ends with the plan's period" \
    [ "$(sql "SELECT rrule FROM task WHERE ref = '6'")" = \
      "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31;UNTIL=20261231T235959" ]
check "and plans nothing after it" \
    [ "$(sql "SELECT count(*) FROM occurrence o JOIN task t ON
        t.id = o.task_id WHERE t.ref = '6' AND o.due_at >
        strftime('%s', '2027-01-01')")" -eq 0 ]

# A relative deadline waits for its trigger.
printf 'TT\tNội dung\tThời gian thực hiện\tCơ quan chủ trì\n' > "$T/rel.tsv"
printf 'R1\tTrả lời đơn\ttrong vòng 07 ngày làm việc kể từ ngày nhận được văn bản\tSở Tài chính\n' \
    >> "$T/rel.tsv"
printf 'R2\tCông bố\ttrong thời hạn 10 ngày kể từ ngày ký\tSở Công Thương\n' \
    >> "$T/rel.tsv"
printf 'R3\tRà soát\tThường xuyên, hằng quý\tSở Công Thương\n' >> "$T/rel.tsv"
nv import tasks "$T/rel.tsv" --plan 310/KH-UBND --year 2026 > "$T/rel.txt"
check "relative rows are imported without a deadline" \
    [ "$(sql "SELECT count(*) FROM occurrence o JOIN task t ON
        t.id = o.task_id WHERE t.ref IN ('R1', 'R2')")" -eq 0 ]
check "\"Thường xuyên, hằng quý\" is two tasks, each tracked" \
    [ "$(sql "SELECT group_concat(ref || ':' || sched_kind, ' ') FROM
        (SELECT ref, sched_kind FROM task WHERE ref LIKE 'R3%' ORDER BY
        ref)")" = "R3:ongoing R3/2:rrule" ]
nv task list > "$T/list.txt"
check "task list shows what they wait for" \
    sh -c "grep -q 'waiting for: nhận được văn bản (then 7 workdays' '$T/list.txt'"
r1=$(sql "SELECT id FROM task WHERE ref = 'R1'")
nv task start "$r1" --on 2026-02-12 > "$T/start.txt"
check "task start counts working days past Tết (12/02 + 7 → 02/03)" \
    sh -c "grep -q 'task $r1 started: due 02/03/2026' '$T/start.txt'"
nv task start "$r1" > /dev/null 2>&1
check "a task is started once" [ $? -eq 65 ]
nv import tasks "$T/rel.tsv" --plan 310/KH-UBND --year 2026 > "$T/rel2.txt"
check "importing the table again keeps the started deadline" \
    sh -c "grep -q '^0 task(s) added, 0 updated' '$T/rel2.txt' &&
        [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM occurrence WHERE
        task_id = $r1 AND state = 'open'\")\" -eq 1 ]"
start_daemon || finish
r2=$(sql "SELECT id FROM task WHERE ref = 'R2'")
curl -s --unix-socket "$SOCK" -X POST -H 'Content-Type: application/json' \
    --data '{"on": "2026-03-02"}' "http://localhost/v1/tasks/$r2/start" \
    > "$T/api.json"
check "POST /v1/tasks/ID/start plans it (02/03 + 10 days)" \
    [ "$(sql "SELECT strftime('%d/%m/%Y', due_at, 'unixepoch', '+7 hours')
        FROM occurrence WHERE task_id = $r2")" = 12/03/2026 ]
curl -s --unix-socket "$SOCK" -X PATCH -H 'Content-Type: application/json' \
    --data '{"period_from": "2027", "period_until": "2028-12-31"}' \
    "http://localhost/v1/plans/P3" > "$T/patch.json"
check "PATCH /v1/plans/CODE sets the period" \
    [ "$(sql "SELECT period_from || ' ' || period_until FROM plan WHERE
        code = 'P3'")" = "2027-01-01 2028-12-31" ]
stop_daemon

# Every real table, dry run: each row read, reported or flagged; a
# header the importer does not know yet is refused with its reason.
for f in "$DATA"/tables/*.csv; do
	nv import tasks "$f" --plan 310/KH-UBND --year 2025 --dry-run \
	    --skip-bad > "$T/tab.txt" 2> "$T/tab.err"
	rc=$?
	check "dry run of $(basename "$f"): a summary, or the header refused" \
	    sh -c "([ $rc -eq 0 ] && grep -q 'task row(s), .* ambiguous, .* not understood; nothing written' '$T/tab.txt') ||
	        ([ $rc -eq 65 ] && grep -q ':1: the header needs the columns' '$T/tab.err')"
done

nv calendar 1905 > "$T/cal.txt"
check "calendar takes 1905" grep -q '^1905: ' "$T/cal.txt"
finish
