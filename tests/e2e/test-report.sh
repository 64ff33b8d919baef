# test-report: "nhacviec report" on a known dataset, built on the fake
# clock: on time, late, overdue (with its days), not yet due, and a
# cancelled task that counts for nothing, in text, CSV and HTML.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
at() {	# at "YYYY-MM-DD HH:MM": the CLI's clock (no daemon runs here)
	echo $(( $(TZ=Asia/Ho_Chi_Minh date -d "$1" +%s) - $(date +%s) )) \
	    > "$NHACVIEC_FAKE_CLOCK"
}
at "2026-03-01 08:00"
start_hook 200 || finish
write_conf "-1d" "none"
nv agency add SNV --name "Sở Nội vụ" >/dev/null &&
nv agency add STC --name "Sở Tài chính" >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch CCHC" >/dev/null ||
    { fail "setup"; finish; }
add() { nv task add --plan 285/KH-UBND --title "$1" --lead "$2" \
    --due "$3" --json | jq -r .task; }
t1=$(add "Đúng hạn" SNV 2026-03-05)
t2=$(add "Trễ hạn" SNV 2026-03-06)
t3=$(add "Quá hạn <b>" SNV 2026-03-07)
t4=$(add "Tài chính đúng hạn" STC 2026-03-08)
t5=$(add "Chưa đến hạn" STC 2026-04-30)
t6=$(add "Đã hủy" STC 2026-03-09)
at "2026-03-04 09:00"; nv done "$t1" >/dev/null
at "2026-03-08 10:00"; nv done "$t4" >/dev/null
nv task cancel "$t6" --reason "gộp vào nhiệm vụ khác" >/dev/null
at "2026-03-10 11:00"; nv done "$t2" >/dev/null
at "2026-03-20 09:00"

nv report --from 2026-03-01 --to 2026-04-30 --format csv > "$T/r.csv"
check "CSV starts with a byte-order mark for Excel" \
    [ "$(head -c 3 "$T/r.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
sed -i '1s/^\xef\xbb\xbf//' "$T/r.csv"
check "the CSV header" \
    [ "$(head -1 "$T/r.csv")" = '"Mã cơ quan","Cơ quan","Đến hạn","Đúng hạn","Trễ hạn","Quá hạn","Chưa đến hạn","Tỷ lệ đúng hạn"' ]
check "SNV: 3 due, 1 on time, 1 late, 1 overdue, 33,3%" \
    grep -qx '"SNV","Sở Nội vụ","3","1","1","1","0","33,3%"' "$T/r.csv"
check "STC: the cancelled task left out, 1 not yet due, 100,0%" \
    grep -qx '"STC","Sở Tài chính","2","1","0","0","1","100,0%"' "$T/r.csv"
nv report --from 2026-03-01 --to 2026-04-30 > "$T/r.txt"
check "the text report lists the overdue task with its days" \
    grep -q "#$t3 Quá hạn <b> (285/KH-UBND), hạn 07/03/2026 17:00, quá 13 ngày" \
    "$T/r.txt"
nv report --from 01/03/2026 --to 30/04/2026 --agency STC > "$T/stc.txt"
check "--agency keeps one agency (dd/mm/yyyy dates work too)" \
    sh -c "grep -q '^STC' '$T/stc.txt' && ! grep -q '^SNV' '$T/stc.txt'"
nv report --from 2026-03-01 --to 2026-03-31 --format csv > "$T/march.csv"
check "the period bounds the count (April's task out)" \
    grep -q '"STC","Sở Tài chính","1","1","0","0","0","100,0%"' "$T/march.csv"
nv report --from 2026-03-01 --to 2026-04-30 --format html > "$T/r.html"
check "HTML is one file with the figures, escaped" \
    sh -c "grep -q '<table id=\"summary\">' '$T/r.html' &&
        grep -q 'Quá hạn &lt;b&gt;' '$T/r.html' &&
        grep -q '<td class=\"n\">33,3%</td>' '$T/r.html' &&
        ! grep -qiE '<(script|link|img)' '$T/r.html'"
check "a bad date is refused" \
    sh -c "! '$NVBIN' -c '$CONF' report --from 2026-13-01 2>/dev/null"
finish
