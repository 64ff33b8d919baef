# test-web-import: a plan's table imported through the web pages, and
# the report read there.  The office uploads Yên Bái's 285/KH-UBND
# table: the dry run shows every row with its reading and marks what it
# could not read, and writes nothing; "Nhập" imports the kept file, and
# the tasks are those "nhacviec import tasks" makes of the same file.  A
# table with unknown agencies is flagged row by row and refused unless
# the office ticks "skip"; a new plan can be named in the form.  A viewer
# gets 403; a malformed upload 400.  The report's CSV is byte for byte
# "nhacviec report --format csv".  Headless Chromium takes screenshots
# of the dry run and of the report, on a phone and on a desktop.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

DATA="$(dirname "$0")/../data"
NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$NHACVIEC_FAKE_CLOCK"
start_hook 200 || finish
write_conf "0" "none"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0|" "$CONF"
printf 'office-pass-123\n' > "$T/pw-office"
printf 'viewer-pass-123\n' > "$T/pw-viewer"
nv import agencies "$DATA/agencies-yenbai.csv" >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch tuyên truyền CCHC 2023" \
    --date 30/12/2022 >/dev/null &&
nv user add office --role office --password-file "$T/pw-office" >/dev/null &&
nv user add viewer --role viewer --password-file "$T/pw-viewer" >/dev/null ||
    { fail "setup"; finish; }
# The same directory and plan in a second database, for the CLI.
cp "$DB" "$T/cli.db"
sed "s|^database = .*|database = $T/cli.db|; s|^control_socket = .*|control_socket = $T/cli.sock|" \
    "$CONF" > "$T/cli.ini"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
set_clock "2023-01-03 09:00"
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

# web USER: signs USER in, with its own cookie jar $T/USER.jar.
web_login() {
	curl -s -o /dev/null -c "$T/$1.jar" -b "$T/$1.jar" -H "Origin: $PUB" \
	    --data-urlencode "name=$1" --data-urlencode "password=$1-pass-123" \
	    "$PUB/w/login"
}
# csrf USER: the form token of USER's session, from the import form.
csrf() {
	curl -s -b "$T/$1.jar" "$PUB/w/import" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1
}
code() { curl -s -o "${OUT:-/dev/null}" -w "%{http_code}" "$@"; }
tasks() {	# tasks DB: what was imported, comparable between databases
	sqlite3 "$1" "SELECT p.code, t.ref, t.title, a.code, t.sched_kind, t.policy, coalesce(t.content, ''),
	    coalesce(t.rrule, ''), coalesce(t.quota, ''),
	    (SELECT group_concat(o.due_at) FROM occurrence o
	     WHERE o.task_id = t.id ORDER BY o.due_at)
	    FROM task t JOIN plan p ON p.id = t.plan_id
	    JOIN agency a ON a.id = t.lead_id ORDER BY p.code, t.ref, a.code"
}

web_login office
CSRF=$(csrf office)
check "the office signs in and gets the import form" [ -n "$CSRF" ]

# The dry run.
dry() {	# dry FILE: the dry run of FILE into $T/dry.html, its code in $T/dry.code
	t0=$(now_ms)
	curl -s -b "$T/office.jar" -H "Origin: $PUB" -o "$T/dry.html" \
	    -w '%{http_code}' -F "csrf=$CSRF" -F plan=285/KH-UBND -F year=2023 \
	    -F "file=@$1" "$PUB/w/import" > "$T/dry.code"
	echo "  (dry run of $(basename "$1") through the web: $(( $(now_ms) - t0 )) ms)"
}
FILE="$DATA/yenbai-285-tasks.docx"
dry "$FILE"
if [ "$(cat "$T/dry.code")" = 413 ]; then
	# A listener that takes no upload beyond its 16 KB body cap: the
	# same table as .xlsx (6.7 KB) instead.
	echo "  (the listener refused the .docx's $(stat -c %s "$FILE") bytes: using the .xlsx)"
	FILE="$DATA/yenbai-285-tasks.xlsx"
	dry "$FILE"
fi
check "the dry run answers 200" [ "$(cat "$T/dry.code")" = 200 ]
check "it shows every task row (8) of the table" \
    [ "$(grep -o '<tr class="[a-z]*" data-row=' "$T/dry.html" | wc -l)" -eq 8 ]
check "with the reading of \"trước ngày 31/01/2023\": due 30/01/2023" \
    grep -q 'trước ngày 31/01/2023</div><span class="badge">một lần</span><div>Hạn: 30/01/2023' "$T/dry.html"
check "the lead agencies as matched, one task each" \
    grep -q 'CTTDT, SNV, STTTT, VP, UBND-VC, UBND-YB, XA-AL' "$T/dry.html"
check "\"Cuối năm\" is flagged: read with a default" \
    sh -c "grep -o '<tr class=\"warn\"[^§]*' '$T/dry.html' | grep -q 'Hiểu chưa chắc chắn'"
check "the summary: 8 rows, 20 tasks to add, 1 ambiguous" \
    sh -c "grep -q '<b>8</b> dòng nhiệm vụ' '$T/dry.html' &&
        grep -q '<b>20</b> nhiệm vụ sẽ thêm' '$T/dry.html' &&
        grep -q '<b>1</b> dòng hiểu chưa chắc chắn' '$T/dry.html'"
check "the dry run wrote nothing" [ "$(sql "SELECT count(*) FROM task")" -eq 0 ]
SHA=$(sed -n 's/.*name="sha" value="\([0-9a-f]*\)".*/\1/p' "$T/dry.html")
check "the file is kept under the state directory by its SHA-256" \
    [ "$SHA" = "$(sha256sum "$FILE" | cut -d' ' -f1)" -a \
      -f "$T/blobs/$(echo "$SHA" | cut -c1-2)/$SHA" ]

# Confirm: the same import as the CLI's.
check "\"Nhập\" imports it" [ "$(code -b "$T/office.jar" -H "Origin: $PUB" \
    -d "csrf=$CSRF&sha=$SHA&name=$(basename "$FILE")&plan=285/KH-UBND&year=2023&policy=" \
    "$PUB/w/import/confirm")" = 200 ]
NHACVIEC_FAKE_CLOCK="$T/clock" "$NVBIN" -c "$T/cli.ini" import tasks "$FILE" \
    --plan 285/KH-UBND --year 2023 >/dev/null 2>&1
check "20 tasks, as the CLI imports the same file" \
    [ "$(sql "SELECT count(*) FROM task")" -eq 20 ]
check "and the same tasks, schedules and deadlines" \
    [ "$(tasks "$DB")" = "$(tasks "$T/cli.db")" ]
check "audited with the office's name" \
    [ "$(sql "SELECT actor FROM event WHERE kind = 'web-import'")" = web:office ]

# A table with an unknown agency: flagged, refused unless skipped.
{ head -1 "$DATA/yenbai-285-tasks.tsv"
  printf '1\tA\tBáo cáo X\tkhi nào rảnh\tSở Ma Thuật\t\n'
  printf '2\tB\tBáo cáo Y\ttrước ngày 15/03/2023\tSở Nội vụ\tSở Không Có\n'
  printf '3\tC\tBáo cáo Z\ttrước ngày 20/03/2023\tSở Nội vụ\t\n'; } > "$T/bad.tsv"
curl -s -b "$T/office.jar" -H "Origin: $PUB" -o "$T/bad.html" \
    -F "csrf=$CSRF" -F plan= -F code=KH-MOI -F "title=Kế hoạch mới" \
    -F year=2023 -F "file=@$T/bad.tsv" "$PUB/w/import"
check "a new plan's dry run flags the unknown agency with the closest name" \
    grep -q '<div class="flag bad"><b>cơ quan chủ trì:</b> &quot;Sở Ma Thuật&quot; is no agency of the directory; closest: Sở Nội vụ' "$T/bad.html"
check "and the cooperating one" grep -q '&quot;Sở Không Có&quot; is no agency' "$T/bad.html"
check "two rows marked bad, one good" \
    [ "$(grep -o '<tr class="bad"' "$T/bad.html" | wc -l)" -eq 2 -a \
      "$(grep -o '<tr class="good"' "$T/bad.html" | wc -l)" -eq 1 ]
check "the box to skip them is offered" grep -q 'name="skip_bad"' "$T/bad.html"
check "and the new plan was not added" \
    [ "$(sql "SELECT count(*) FROM plan WHERE code = 'KH-MOI'")" -eq 0 ]
SHA2=$(sed -n 's/.*name="sha" value="\([0-9a-f]*\)".*/\1/p' "$T/bad.html")
CONFIRM="csrf=$CSRF&sha=$SHA2&name=bad.tsv&plan=&code=KH-MOI&title=K%E1%BA%BF+ho%E1%BA%A1ch+m%E1%BB%9Bi&year=2023&policy="
check "confirming without the box imports nothing (400)" \
    [ "$(OUT="$T/confirm1.html" code -b "$T/office.jar" -H "Origin: $PUB" \
        -d "$CONFIRM" "$PUB/w/import/confirm")" = 400 -a \
      "$(sql "SELECT count(*) FROM task t JOIN plan p ON p.id = t.plan_id
        WHERE p.code = 'KH-MOI'")" -eq 0 ]
check "with it, the good row only" \
    [ "$(OUT="$T/confirm2.html" code -b "$T/office.jar" -H "Origin: $PUB" \
        -d "$CONFIRM&skip_bad=1" "$PUB/w/import/confirm")" = 200 -a \
      "$(sql "SELECT group_concat(t.title) FROM task t JOIN plan p
        ON p.id = t.plan_id WHERE p.code = 'KH-MOI'")" = "Báo cáo Z" ]

# Refusals.
check "a digest that names no kept file is refused" \
    [ "$(code -b "$T/office.jar" -H "Origin: $PUB" \
        -d "csrf=$CSRF&sha=../../etc/passwd&name=x.tsv&plan=285/KH-UBND" \
        "$PUB/w/import/confirm")" = 400 ]
check "a malformed multipart body gets 400" \
    [ "$(code -b "$T/office.jar" -H "Origin: $PUB" \
        -H 'Content-Type: multipart/form-data; boundary=XX' \
        --data-binary $'--XX\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XX--' \
        "$PUB/w/import")" = 400 ]
check "an upload without the form token gets 403" \
    [ "$(code -b "$T/office.jar" -H "Origin: $PUB" -F plan=285/KH-UBND \
        -F "file=@$T/bad.tsv" "$PUB/w/import")" = 403 ]
# A table too big to import inside the daemon's loop: 1001 rows.
{ printf 'TT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n'
  awk 'BEGIN { for (i = 1; i <= 1001; i++) printf "%d\tx\tSNV\tx\n", i }'; } \
    > "$T/big.tsv"
check "a table of 1001 rows is refused (413), pointing to the CLI" \
    [ "$(OUT="$T/big.html" code -b "$T/office.jar" -H "Origin: $PUB" \
        -F "csrf=$CSRF" -F plan=285/KH-UBND -F "file=@$T/big.tsv" \
        "$PUB/w/import")" = 413 -a \
      -n "$(grep 'big.tsv có 1001 dòng, quá 1000 dòng' "$T/big.html" |
        grep 'nhacviec import tasks')" ]
check "and nothing was kept of it" \
    [ ! -e "$T/blobs/$(sha256sum "$T/big.tsv" | cut -c1-2)" ] ||
    [ ! -e "$T/blobs/$(sha256sum "$T/big.tsv" | cut -c1-2)/$(sha256sum "$T/big.tsv" | cut -d' ' -f1)" ]
web_login viewer
check "a viewer gets 403 on the form" \
    [ "$(code -b "$T/viewer.jar" "$PUB/w/import")" = 403 ]
check "and on the upload" \
    [ "$(code -b "$T/viewer.jar" -H "Origin: $PUB" -F plan=285/KH-UBND \
        -F "file=@$T/bad.tsv" "$PUB/w/import")" = 403 ]
check "and nothing more was imported" \
    [ "$(sql "SELECT count(*) FROM task")" -eq 21 ]

# The report: the CSV is the CLI's, byte for byte.
set_clock "2023-02-15 09:00"
web_login viewer	# six weeks later: the session has expired
curl -s -b "$T/viewer.jar" -o "$T/web.csv" \
    "$PUB/w/reports.csv?from=2023-01-01&to=2023-02-15"
nv report --format csv --from 2023-01-01 --to 2023-02-15 > "$T/cli.csv"
check "the report's CSV equals nhacviec report --format csv" \
    cmp -s "$T/web.csv" "$T/cli.csv"
check "and it has the agencies with deadlines in the period" \
    grep -q '^"SNV","Sở Nội vụ","1","0","0","1","0","0,0%"' "$T/web.csv"
curl -s -b "$T/viewer.jar" -o "$T/report.html" \
    "$PUB/w/reports?from=2023-01-01&to=2023-02-15&agency=SNV"
check "the report page for one agency shows its figures" \
    sh -c "grep -q '<td data-l=\"Cơ quan\">Sở Nội vụ' '$T/report.html' &&
        ! grep -q '<td data-l=\"Cơ quan\">Báo Yên Bái' '$T/report.html'"
check "a report with a bad date is refused" \
    [ "$(code -b "$T/viewer.jar" "$PUB/w/reports.csv?from=2023-13-01")" = 400 ]

# Screenshots, phone and desktop.
shots() {	# shots NAME: the current page at both sizes, $T/NAME-*.png
	wd_size 390 844
	wd_shot "$T/$1-phone.png"
	wd_size 1280 900
	wd_shot "$T/$1-desktop.png"
}
if wd_start; then
	wd_open "$PUB/w/login"
	wd_type '#name' office
	wd_type '#password' office-pass-123
	wd_click '#login'
	wd_wait '.who' || fail "signing in in the browser"
	wd_open "$PUB/w/import"
	shots import-form
	wd_type '#file' "$T/bad.tsv"
	wd_type '#year' 2023
	wd_type '#code' KH-XEM
	wd_type '#title' 'Kế hoạch xem thử'
	wd_click '#dry'
	check "the browser shows the dry run" \
	    wd_wait '#confirm' && [ "$(wd_text '#confirm')" = "Nhập" ]
	shots import-dry
	wd_open "$PUB/w/reports?from=2023-01-01&to=2023-02-15"
	check "the browser shows the report" [ -n "$(wd_text '#summary')" ]
	shots report
	wd_stop
	check "six screenshots taken" [ "$(ls "$T"/*.png | wc -l)" -eq 6 ]
else
	fail "chromium via chromedriver"
fi
finish
