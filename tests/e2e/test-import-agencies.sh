# test-import-agencies: the agency directory from a spreadsheet.  A
# semicolon-separated sheet with Vietnamese headers, a BOM, a multi-line
# cell and a name with commas in quotes is read whole; importing again
# changes nothing; bad rows are reported as FILE:ROW:COLUMN: reason and
# nothing is written unless --skip-bad; a file that is not UTF-8, one cut
# short and an empty one each get a clear error.
. "$(dirname "$0")/lib.sh"

DATA="$(dirname "$0")/../data"
start_hook 200 || finish
write_conf "0" "none"
printf '\357\273\277' > "$T/yb.csv"
cat "$DATA/agencies-yenbai.csv" >> "$T/yb.csv"

nv import agencies "$T/yb.csv" --dry-run > "$T/dry.txt"
check "a dry run shows what it read and writes nothing" \
    sh -c "grep -q '^STTTT .*Phó Giám đốc phụ trách as deputy' '$T/dry.txt' &&
        [ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM agency')\" -eq 0 ]"
nv import agencies "$T/yb.csv" > "$T/out.txt"
check "the import adds every agency and contact" \
    grep -q '^11 agencies imported (11 new, 0 updated), 10 new contact(s)' "$T/out.txt"
check "the name with commas stayed one name" \
    [ "$(sql "SELECT name FROM agency WHERE code = 'VP'")" = \
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh" ]
check "parents and groups" \
    [ "$(sql "SELECT count(*) FROM agency a JOIN agency p ON p.id = a.parent_id
        WHERE p.code = 'UBND'")" -eq 7 ] &&
    [ "$(sql "SELECT count(*) FROM agency_group WHERE name = 'so-nganh'")" -eq 4 ]
check "phones in E.164, the 2018 conversion applied, roles read" \
    [ "$(sql "SELECT phone || ' ' || role FROM contact c JOIN agency a ON
        a.id = c.agency_id WHERE a.code = 'UBND-VC'")" = "+84362345678 head" ] &&
    [ "$(sql "SELECT role FROM contact WHERE name = 'Phó Giám đốc phụ trách'")" = deputy ]
before=$(sql "SELECT count(*) FROM agency; SELECT count(*) FROM contact" | tr '\n' ' ')
nv import agencies "$T/yb.csv" > "$T/again.txt"
check "importing again duplicates nothing" \
    sh -c "grep -q '(0 new, 11 updated), 0 new contact' '$T/again.txt' &&
        [ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM agency; SELECT count(*) FROM contact' |
        tr '\n' ' ')\" = '$before' ]"
sed 's/0912000010/0912000011/' "$T/yb.csv" > "$T/yb2.csv"
nv import agencies "$T/yb2.csv" >/dev/null
check "a changed phone updates the contact" \
    [ "$(sql "SELECT phone FROM contact WHERE name = 'Chánh Văn phòng'")" = "+84912000011" ]

# Bad rows: every one reported, nothing written.
n0=$(sql "SELECT count(*) FROM agency")
nv import agencies "$DATA/agencies-bad.csv" > /dev/null 2> "$T/bad.txt"
rc=$?
check "a bad file exits 65 and says nothing was imported" \
    sh -c "[ $rc -eq 65 ] && grep -q 'nothing was imported' '$T/bad.txt'"
bad="$DATA/agencies-bad.csv"
check "a cycle in the parent chain (rows 2 and 3)" \
    sh -c "grep -q '^$bad:2:cấp trên: \"B\" leads back to A' '$T/bad.txt' &&
        grep -q '^$bad:3:cấp trên: \"A\" leads back to B' '$T/bad.txt'"
check "an unknown parent" grep -q "^$bad:4:cấp trên: unknown agency \"NOWHERE\"" "$T/bad.txt"
check "a bad phone" \
    grep -q "^$bad:5:điện thoại: \"0312345678\": no carrier holds that mobile prefix" "$T/bad.txt"
check "a duplicate code" grep -q "^$bad:6:mã: \"D\" again (first on row 5)" "$T/bad.txt"
check "nothing was written" [ "$(sql "SELECT count(*) FROM agency")" -eq "$n0" ]
nv import agencies "$DATA/agencies-bad.csv" --skip-bad > "$T/skip.txt" 2>/dev/null
check "--skip-bad imports the good row alone" \
    sh -c "grep -q '1 agencies imported (1 new' '$T/skip.txt' &&
        [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM agency WHERE code = 'E'\")\" -eq 1 ] &&
        [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM agency WHERE code IN ('A','B','C','D')\")\" -eq 0 ]"

# Files that are not what they should be.
printf 'Mã,Tên\nSNV,S\xe1 N\xe9i v\xf9\n' > "$T/cp1258.csv"
nv import agencies "$T/cp1258.csv" 2> "$T/enc.txt"
check "not UTF-8: told where and how to re-save" \
    grep -q 'cp1258.csv:2: not UTF-8 text.*save the sheet again as "CSV UTF-8"' "$T/enc.txt"
printf 'code,name\nX1,"Agency cut sho' > "$T/cut.csv"
nv import agencies "$T/cut.csv" 2> "$T/cut.txt"
check "a file cut short inside a quote is an error" grep -q 'cut.csv: row 2:.*cut short' "$T/cut.txt"
: > "$T/empty.csv"
nv import agencies "$T/empty.csv" 2> "$T/empty.txt"
check "an empty file is an error" grep -q 'empty.csv: the file is empty' "$T/empty.txt"
printf 'foo\tbar\nx\ty\n' > "$T/nohead.tsv"
nv import agencies "$T/nohead.tsv" 2> "$T/nohead.txt"
check "a sheet without code and name columns says which are needed" \
    grep -q 'nohead.tsv:1: the header needs a code column' "$T/nohead.txt"
check "and none of those wrote anything" \
    [ "$(sql "SELECT count(*) FROM agency WHERE code = 'X1'")" -eq 0 ]
finish
