#!/bin/sh
# import-xlsx.sh: how fast an Excel workbook's task table is read.
# Generates a sheet of ROWS rows (45000; documents are held to 50,000) with
# the timing phrases of real plans over 50 agencies, as inline strings,
# zipped by the test helper mkzip, and times the dry run (libzip, libxml2's
# reader, the table structure, name matching, phrase parsing) with its
# peak memory.  A script, not a test: it never fails on a slow machine.
set -u
B=${1:-build}
ROWS=${ROWS:-45000}
NAME=import-xlsx.sh
. "$(dirname "$0")/lib.sh"

[ -x "$B/tests/mkzip" ] ||
    { echo "$NAME: build first: make $B/tests/mkzip" >&2; exit 1; }
import_setup KH-BENCH 2027 || { echo "$NAME: setup failed" >&2; exit 1; }
S='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
printf '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' > "$T/ct.xml"
printf '<?xml version="1.0"?><workbook %s><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>' "$S" > "$T/wb.xml"
printf '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>' > "$T/rels.xml"
awk -v n="$ROWS" -v S="$S" 'function c(ref, s) {
	return sprintf("<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>", ref, s)
}
BEGIN {
	srand(7)
	printf "<?xml version=\"1.0\"?><worksheet %s><sheetData>", S
	printf "<row r=\"1\">%s%s%s%s%s</row>", c("A1", "TT"), c("B1", "Nội dung nhiệm vụ"),
	    c("C1", "Thời gian thực hiện"), c("D1", "Cơ quan chủ trì"), c("E1", "Cơ quan phối hợp")
	split("trước ngày %d/%d/2027|chậm nhất ngày %d/%d/2027|Quý III/2027|tháng %d/2027|Trong quý II", f, "|")
	for (i = 1; i <= n; i++) {
		k = int(rand() * 5) + 1
		d = int(rand() * 28) + 1; m = int(rand() * 12) + 1
		w = sprintf(f[k], k <= 2 ? d : m, m)
		r = i + 1
		printf "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c>%s%s%s%s</row>", r, r, i,
		    c("B" r, "Nhiệm vụ số " i " của kế hoạch"), c("C" r, w),
		    c("D" r, "Sở số " (i % 50 + 1)), c("E" r, "Sở số " ((i + 7) % 50 + 1))
	}
	printf "</sheetData></worksheet>"
}' > "$T/sheet.xml"
"$B/tests/mkzip" "$T/tasks.xlsx" "[Content_Types].xml=$T/ct.xml" \
    "xl/workbook.xml=$T/wb.xml" "xl/_rels/workbook.xml.rels=$T/rels.xml" \
    "xl/worksheets/sheet1.xml=$T/sheet.xml" || exit 1
echo "== $ROWS task rows: $(wc -c < "$T/tasks.xlsx") bytes zipped, $(wc -c < "$T/sheet.xml") bytes of sheet XML"
ms() { date +%s%3N; }
t0=$(ms)
/usr/bin/time -f "%U %M" -o "$T/time" "$B/nhacviec" -c "$T/nv.ini" \
    import tasks "$T/tasks.xlsx" --plan KH-BENCH --year 2027 --dry-run \
    > "$T/out.txt" 2>&1
t1=$(ms)
dry=$((t1 - t0))
set -- $(tail -n 1 "$T/time")
echo "dry run:  $dry ms, $(( ROWS * 1000 / (dry > 0 ? dry : 1) )) rows/s; $1 s of CPU; peak memory $2 KiB"
tail -n 1 "$T/out.txt"
