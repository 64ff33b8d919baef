# test-import-documents: the seed plans' task tables as Word and Excel
# files (tests/data/make-fixtures.py) read into the rows and agencies
# of tests/data/expected/: merged cells read as "the same as above", a
# table split at a page break joined, a title row skipped, a section
# heading, a sub-task with its own reference, an Excel date.  Then the
# import itself, a table pasted from Word into a text file, a straight
# quote in a CSV cell, taught agency phrases, policies chosen by the
# import, short titles, and hostile files refused with nothing written
# and bounded memory.
. "$(dirname "$0")/lib.sh"

DATA="$(dirname "$0")/../data"
MKZIP="$BUILD/tests/mkzip"
start_hook 200 || finish
write_conf "0" "none"
JQ='.rows[] | select(.heading | not) | [.ref // "-", .section // "-",
    (.lead // [] | join(",")), (.cooperating // [] | join(",")),
    (.reading.kind // "-"), (.reading.rule // "-"),
    ((.reading.dues // []) | join(",")), ((.problems | length) |
    tostring)] | join("\t")'

# expect NAME AGENCIES YEAR: each format of seed NAME gives its rows.
expect() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	nv import agencies "$DATA/$2.csv" >/dev/null &&
	nv plan add P --title "$1" --date "01/01/$3" >/dev/null ||
	    fail "$1 setup"
	for f in docx xlsx; do
		nv --json import tasks "$DATA/$1-tasks.$f" --plan P --year "$3" \
		    --dry-run 2>/dev/null | jq -r "$JQ" > "$T/$1.$f.txt"
		check "$1.$f: the rows, agencies and readings expected" \
		    diff "$DATA/expected/$1.$f.txt" "$T/$1.$f.txt"
	done
}
expect backan-2618 agencies-backan 2020
expect yenbai-285 agencies-yenbai 2023
expect dienbien-2022 agencies-dienbien 2022

# Bắc Kạn: the docx gives what the text copy gives, but for its section.
rm -f "$DB" "$DB-wal" "$DB-shm"
nv import agencies "$DATA/agencies-backan.csv" >/dev/null &&
nv plan add 2618 --title "Bắc Kạn" --date 27/12/2019 >/dev/null
nv --json import tasks "$DATA/backan-2618-tasks.tsv" --plan 2618 --year 2020 \
    --dry-run 2>/dev/null | jq -r "$JQ" | cut -f1,3- > "$T/bk-tsv.txt"
cut -f1,3- "$T/backan-2618.docx.txt" > "$T/bk-docx.txt"
check "Bắc Kạn: the Word table reads as its text copy" \
    diff "$T/bk-tsv.txt" "$T/bk-docx.txt"
nv import tasks "$DATA/backan-2618-tasks.docx" --plan 2618 --year 2020 \
    --dry-run > "$T/bk.txt"
check "the table split at a page break is joined, its header not a task" \
    grep -q '^bảng 2 repeats the header of the table above: read as its continuation' "$T/bk.txt"
check "TT numbered by Word's list (no number in the text) is counted" \
    sh -c "grep -A1 '^7  ' '$T/bk.txt' | grep -q \"row 2: TT numbered by Word's list: 7\""
check "a merged cell is the same as above, for its column only" \
    sh -c "grep -A3 '^2  ' '$T/bk.txt' | grep -q 'row 4: thời gian thực hiện merged with the row above: the same as above'"
check "the heading merged over the whole width is the section" \
    sh -c "grep -A4 '^8  ' '$T/bk.txt' | grep -q 'mục: II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN'"
nv import tasks "$DATA/backan-2618-tasks.docx" --plan 2618 --year 2020 --table 2 \
    --dry-run > "$T/bk2.txt"
check "--table 2 reads the second table alone" \
    grep -q '^4 task row(s), ' "$T/bk2.txt"
nv import tasks "$DATA/backan-2618-tasks.docx" --plan 2618 --year 2020 --table 3 \
    --dry-run > /dev/null 2> "$T/bk3.txt"
check "--table 3 (the signatures) is refused, saying what the tables are" \
    grep -q -- '--table 3 is no task table' "$T/bk3.txt"
nv import tasks "$DATA/backan-2618-tasks.docx" --plan 2618 --year 2020 \
    > "$T/bk-imp.txt"
check "the Word plan imports in one command: 39 tasks" \
    grep -q '^39 task(s) added' "$T/bk-imp.txt"
check "each task keeps its section" \
    [ "$(sql "SELECT count(*) FROM task WHERE section = 'II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN'")" -eq 39 ]
nv import tasks "$DATA/backan-2618-tasks.xlsx" --plan 2618 --year 2020 \
    > "$T/bk-again.txt"
check "the workbook of the same plan changes nothing" \
    grep -q '^0 task(s) added, 0 updated' "$T/bk-again.txt"

# Điện Biên: a sub-task row under row 2, and an Excel date.
rm -f "$DB" "$DB-wal" "$DB-shm"
nv import agencies "$DATA/agencies-dienbien.csv" >/dev/null &&
nv plan add DB --title "Điện Biên" --date 20/01/2022 >/dev/null
nv import tasks "$DATA/dienbien-2022-tasks.docx" --plan DB --year 2022 \
    --dry-run > "$T/db.txt" 2>/dev/null
check "a row with TT merged, its own content, lead and timing is a sub-task" \
    sh -c "grep -A1 '^2.b  Tổng hợp, tham mưu' '$T/db.txt' | grep -q 'row 5: sub-task of 2, own lead and timing: 2.b'"
nv import tasks "$DATA/dienbien-2022-tasks.xlsx" --plan DB --year 2022 \
    --skip-bad > "$T/db-imp.txt" 2>/dev/null
check "the sub-task is its own task, never joined to the row above" \
    [ "$(sql "SELECT a.code FROM task t JOIN agency a ON a.id = t.lead_id WHERE t.ref = '2.b'")" = VPS ]
check "the Excel date cell is the sub-task's deadline" \
    [ "$(sql "SELECT strftime('%d/%m/%Y', due_at, 'unixepoch', '+7 hours')
        FROM occurrence o JOIN task t ON t.id = o.task_id WHERE t.ref = '2.b'")" = 05/12/2022 ]
check "the title above the header is skipped, the header row found" \
    [ "$(sql "SELECT count(*) FROM task WHERE title LIKE 'KẾ HOẠCH%' OR title = 'Nội dung nhiệm vụ'")" -eq 0 ]
id=$(sql "SELECT id FROM task WHERE ref = '1'")
check "a long content keeps its whole text; the title is cut at a word" \
    [ "$(sql "SELECT title || '|' || content FROM task WHERE id = $id")" = \
    "Cập nhật, niêm yết kịp thời các TTHC đã được công bố tại Bộ phận một cửa và trên…|Cập nhật, niêm yết kịp thời các TTHC đã được công bố tại Bộ phận một cửa và trên Cổng/trang thông tin điện tử của Sở" ]
content=$(sql "SELECT content FROM task WHERE id = $id")
nv task edit "$id" --title "Niêm yết TTHC tại Bộ phận một cửa" >/dev/null
check "task edit --title changes the short title, the content stays" \
    [ "$(sql "SELECT title || '|' || content FROM task WHERE id = $id")" = \
    "Niêm yết TTHC tại Bộ phận một cửa|$content" ]
check "and refuses a title longer than a short title" \
    sh -c "! '$NV' -c '$CONF' task edit $id --title '$content' 2>/dev/null"

printf 'TT\tNội dung\tTên ngắn\tCơ quan chủ trì\tThời hạn\n9\tTổng hợp, tham mưu Báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành chính của ngành trình Lãnh đạo Sở phê duyệt\tBáo cáo CCHC của ngành\tVăn phòng Sở\ttrước ngày 05/12/2022\n' > "$T/short.tsv"
nv import tasks "$T/short.tsv" --plan DB --year 2022 > /dev/null 2>&1
check "a Tên ngắn column gives the title; the content is kept whole" \
    [ "$(sql "SELECT title || '|' || length(content) FROM task WHERE ref = '9'")" = "Báo cáo CCHC của ngành|124" ]

# A table pasted from Word: a line break inside a cell cuts its row.
printf 'TT\tNội dung\tCơ quan chủ trì\tThời hạn\n1\tBáo cáo kết quả\ntuyên truyền CCHC\tVăn phòng Sở\ttrước ngày 05/12/2022\n2\tCập nhật TTHC\tVăn phòng\nSở\tThường xuyên\n' > "$T/paste.txt"
nv import tasks "$T/paste.txt" --plan DB --year 2022 --dry-run > "$T/paste.out" 2>&1
check "a Word paste is put back together, not read as broken rows" \
    sh -c "grep -q '2 row(s) cut at line breaks inside cells' '$T/paste.out' &&
        grep -q '^2 task row(s), .* 0 not understood' '$T/paste.out' &&
        grep -q '^1  Báo cáo kết quả tuyên truyền CCHC' '$T/paste.out'"
printf 'TT,Nội dung,Cơ quan chủ trì,Thời hạn\n1,Tổ chức "Ngày hội CCHC" của Sở,Văn phòng Sở,trước ngày 05/12/2022\n' > "$T/quote.csv"
nv import tasks "$T/quote.csv" --plan DB --year 2022 --dry-run > "$T/quote.out" 2>&1
check "a straight quote inside a CSV cell is kept, not an English error" \
    grep -q '^1  Tổ chức "Ngày hội CCHC" của Sở' "$T/quote.out"

# Phrases a province teaches: "Tên khác" in the directory.
printf 'TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn\n1\tRà soát TTHC\tCác phòng chuyên môn thuộc Sở\tVăn phòng Sở\ttrước ngày 05/12/2022\n' > "$T/alias.tsv"
nv import tasks "$T/alias.tsv" --plan DB --year 2022 --dry-run > /dev/null 2> "$T/alias.err"
check "an unknown phrase: the line to add to the directory" \
    grep -q '"Các phòng chuyên môn thuộc Sở" is no agency of the directory; .* and import it again: ' "$T/alias.err"
printf 'Mã,Tên,Cấp trên,Tên khác\nP-NCC,Phòng Người có công,SLDTBXH,Các phòng chuyên môn thuộc Sở\nP-LDVL,Phòng Lao động - Việc làm,SLDTBXH,Các phòng chuyên môn thuộc Sở\nVPS,Văn phòng Sở,SLDTBXH,Các phòng chuyên môn thuộc Sở\n' > "$T/aliases.csv"
nv import agencies "$T/aliases.csv" > /dev/null
nv import tasks "$T/alias.tsv" --plan DB --year 2022 --dry-run > "$T/alias.out" 2>&1
check "the taught phrase names each agency that lists it" \
    grep -q 'chủ trì: P-LDVL, P-NCC, VPS (one task each)' "$T/alias.out"
nv import tasks "$T/alias.tsv" --plan DB --year 2022 > /dev/null 2>&1
check "a lead is never among its own cooperating agencies" \
    [ "$(sql "SELECT count(*) FROM task t JOIN task_coop c ON c.task_id = t.id
        WHERE c.agency_id = t.lead_id")" -eq 0 ]

# Policies chosen by what the task is.
rm -f "$DB" "$DB-wal" "$DB-shm"
cat >> "$CONF" <<CONF

[policy broadcast]
for_groups = dai-truyen-thanh
channels = hook
workdays_only = no

[policy weekly]
for_kinds = weekly
channels = hook
workdays_only = no
CONF
nv import agencies "$DATA/agencies-yenbai.csv" >/dev/null &&
nv plan add 285 --title "Yên Bái" --date 30/12/2022 >/dev/null
nv import tasks "$DATA/yenbai-285-tasks.xlsx" --plan 285 --year 2023 > /dev/null
check "for_groups: the district radio's task gets the broadcast policy" \
    [ "$(sql "SELECT t.policy FROM task t JOIN agency a ON a.id = t.lead_id WHERE a.code = 'DTT-VC'")" = broadcast ]
check "for_kinds: the weekly segment gets the weekly policy, others the default" \
    [ "$(sql "SELECT group_concat(p, ',') FROM (SELECT t.policy AS p FROM task t JOIN agency a ON a.id = t.lead_id WHERE a.code IN ('DPTTH', 'BYB') ORDER BY a.code)")" = "default,weekly" ]
n0=$(sql "SELECT count(*) FROM task")

# Hostile and broken files: a clear error, nothing written, bounded memory.
# AddressSanitizer's shadow memory and quarantine roughly triple what a
# process holds, so its build gets a bound three times as high: still far
# below the gigabyte a zip bomb declares.
MEM_KIB=204800
ldd "$NV" 2>/dev/null | grep -q libasan && MEM_KIB=614400
hostile() {	# hostile NAME FILE PATTERN
	/usr/bin/time -f %M -o "$T/$1.rss" "$NV" -c "$CONF" import tasks "$2" \
	    --plan 285 --year 2023 > /dev/null 2> "$T/$1.err"
	rc=$?
	check "$1: refused (exit 65) with a clear message" \
	    sh -c "[ $rc -eq 65 ] && grep -q -- '$3' '$T/$1.err'"
	rss=$(tail -n 1 "$T/$1.rss")
	check "$1: within $((MEM_KIB / 1024)) MB of memory ($rss KiB)" \
	    [ "$rss" -lt "$MEM_KIB" ]
}
CT='[Content_Types].xml'
printf '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' > "$T/ct.xml"
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
{ printf '<?xml version="1.0"?><w:document %s><w:body>' "$W"
  yes '<w:p/>' | head -c 120000000
  printf '</w:body></w:document>'; } > "$T/bomb.xml"
"$MKZIP" "$T/bomb.docx" "$CT=$T/ct.xml" "word/document.xml=$T/bomb.xml"
rm -f "$T/bomb.xml"
hostile "a zip bomb" "$T/bomb.docx" 'unpacks to more than 96 MiB'
cat > "$T/lol.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document $W><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>
XML
"$MKZIP" "$T/lol.docx" "$CT=$T/ct.xml" "word/document.xml=$T/lol.xml"
hostile "an XML entity bomb" "$T/lol.docx" 'has a DOCTYPE, which no Office document has; refused'
{ printf '<?xml version="1.0"?><w:document %s><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>' "$W"
  head -c 2000000 /dev/zero | tr '\0' 'x'
  printf '</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>'; } > "$T/huge.xml"
"$MKZIP" "$T/huge.docx" "$CT=$T/ct.xml" "word/document.xml=$T/huge.xml"
hostile "a huge cell" "$T/huge.docx" 'a cell of more than 32 KiB of text'
S='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
printf '<?xml version="1.0"?><workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' "$S" > "$T/wb.xml"
printf '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' > "$T/rels.xml"
{ printf '<?xml version="1.0"?><worksheet %s><sheetData>' "$S"
  printf '<row r="1"><c r="A1" t="inlineStr"><is><t>TT</t></is></c><c r="B1" t="inlineStr"><is><t>Nội dung</t></is></c><c r="C1" t="inlineStr"><is><t>Cơ quan chủ trì</t></is></c><c r="D1" t="inlineStr"><is><t>Thời hạn</t></is></c></row>'
  awk 'BEGIN { for (i = 2; i <= 1000001; i++) printf "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c></row>", i, i, i }'
  printf '</sheetData></worksheet>'; } > "$T/sheet.xml"
"$MKZIP" "$T/million.xlsx" "$CT=$T/ct.xml" "xl/workbook.xml=$T/wb.xml" \
    "xl/_rels/workbook.xml.rels=$T/rels.xml" "xl/worksheets/sheet1.xml=$T/sheet.xml"
rm -f "$T/sheet.xml"
hostile "a million rows" "$T/million.xlsx" 'more than 50000 rows'
printf '%%PDF-1.4\n%%...\n' > "$T/plan.docx"
hostile "a PDF named .docx" "$T/plan.docx" 'a PDF document, which holds no table structure'
printf 'TT,Nội dung\n1,x\n' > "$T/text.xlsx"
hostile "a text file named .xlsx" "$T/text.xlsx" 'named as a Word or Excel file, but it is not one'
printf '\320\317\021\340\241\261\032\341W\000o\000r\000d\000D\000o\000c\000' > "$T/old.doc"
hostile "a Word 97-2003 .doc" "$T/old.doc" 'a Word 97-2003 document (.doc), which cannot be read; open it in Word, Excel or LibreOffice and save it as .docx'
head -c 3000 "$DATA/yenbai-285-tasks.docx" > "$T/cut.docx"
hostile "a docx cut short" "$T/cut.docx" 'not a readable ZIP archive'
check "and none of them wrote anything" [ "$(sql "SELECT count(*) FROM task")" -eq "$n0" ]
finish
