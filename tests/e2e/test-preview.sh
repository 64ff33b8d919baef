# test-preview: "nhacviec preview" over Tết 2027 for a weekly broadcast
# duty: alerts the working day before each slot, none on a holiday or
# weekend, escalations in working days that skip the weekend, the quota
# in the text, and nothing written to the database.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo $(( $(TZ=Asia/Ho_Chi_Minh date -d "2027-01-25 09:00" +%s) - \
    $(date +%s) )) > "$T/clock"		# Monday 25/1/2027
HOOK_PORT=9	# never contacted: preview sends nothing
DIGEST=30m
write_conf "none" "+1wd:lead +2wd:parent"
cat >> "$CONF" <<'INI'
alert = -1wd
workdays_only = yes
deadline_rule = keep
quiet_hours = 21:00-07:00
INI
setup_directory || { fail "directory setup"; finish; }
nv task add --plan 285/KH-UBND --title "Chuyên mục CCHC trên sóng PT-TH" \
    --lead SNV --every "weekly wed 09:00" --quota "ít nhất 15 phút" \
    >/dev/null || fail "task add"
before=$(sql "SELECT (SELECT count(*) FROM occurrence) || '/' ||
    (SELECT count(*) FROM job) || '/' || (SELECT count(*) FROM message)")
nv preview --days 28 > "$T/preview.txt" || fail "preview"
after=$(sql "SELECT (SELECT count(*) FROM occurrence) || '/' ||
    (SELECT count(*) FROM job) || '/' || (SELECT count(*) FROM message)")
check "preview changes nothing ($before = $after)" [ "$before" = "$after" ]
grep -E '^[0-9]{2}/' "$T/preview.txt" | awk '{ print $1, $3 }' > "$T/when.txt"
# Tết 2027 (estimate): 5/2 to 9/2, days in lieu 10-11/2, weekends.
check "no alert on a day off" \
    sh -c "! grep -E '^(0[5-9]|1[01])/02/2027 ' '$T/when.txt'"
check "the alert for the 3/2 slot is on Tuesday 2/2" \
    grep -q '^02/02/2027 alert' "$T/when.txt"
# That morning the 3/2 slot's first escalation falls due too: one digest.
check "the alert for the 10/2 slot (in Tết) is on Thursday 4/2, in a digest" \
    sh -c "grep -A5 '^04/02/2027 08:00  digest' '$T/preview.txt' |
        grep -q 'hạn 10/02/2027 09:00, còn 6 ngày'"
check "with the 3/2 slot's escalation, each with its ack code" \
    sh -c "grep -A5 '^04/02/2027 08:00  digest' '$T/preview.txt' |
        grep -q 'Tổng hợp: 1 nhiệm vụ quá hạn, 1 sắp đến hạn của 285/KH-UBND' &&
        [ \$(grep -A5 '^04/02/2027 08:00  digest' '$T/preview.txt' |
        grep -c 'Mã: [A-Z0-9]\{5\}') -eq 2 ]"
check "escalation +2wd after Wed 27/1 skips the weekend: Friday 29/1" \
    grep -q '^29/01/2027 escalation' "$T/when.txt"
check "escalation +1wd after the 10/2 slot waits for Friday 12/2" \
    grep -q '^12/02/2027 escalation' "$T/when.txt"
check "the quota is in the alert text" \
    grep -q "chỉ tiêu: ít nhất 15 phút" "$T/preview.txt"
check "no send lies in the quiet hours 21:00-07:00" \
    sh -c "grep -E '^[0-9]{2}/' '$T/preview.txt' | awk '{ print \$2 }' |
        tr -d : | awk '\$1 < 700 || \$1 >= 2100 { bad = 1 } END { exit bad }'"
n=$(grep -c '^[0-9][0-9]/' "$T/preview.txt")
check "four weeks of alerts and escalations listed ($n)" [ "$n" -ge 10 ]
nv --json preview --days 7 > "$T/preview.json" || fail "preview --json"
check "--json lists the messages" grep -q '"kind": "alert"' "$T/preview.json"
finish
