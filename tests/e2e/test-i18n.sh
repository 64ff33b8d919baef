# test-i18n: the languages.  With LANG=vi_VN.UTF-8 nhacviec speaks
# Vietnamese (its help, an error, status with the daemon down, task add,
# an import's dry-run summary) and so do the errors of "nhacviecd -t";
# with LANG=C the same commands speak English, and LANGUAGE=vi with the
# C.UTF-8 locale also gives Vietnamese.  glibc translates only under a
# locale it has: when vi_VN.UTF-8 is not generated on this machine, the
# test generates it into its own directory (LOCPATH), not the system's.
. "$(dirname "$0")/lib.sh"

DATA="$(dirname "$0")/../data"
unset LANGUAGE LC_ALL LC_MESSAGES
if [ "$(LC_ALL=vi_VN.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]; then
	mkdir -p "$T/locales"
	localedef -i vi_VN -f UTF-8 "$T/locales/vi_VN.UTF-8" ||
	    { fail "localedef -i vi_VN -f UTF-8 (is the locales package installed?)"; finish; }
	export LOCPATH="$T/locales"
fi

vi() {	# vi OUT ERR command...: runs a command in Vietnamese
	out=$1 err=$2
	shift 2
	LANG=vi_VN.UTF-8 "$@" > "$out" 2> "$err"
}
en() {
	out=$1 err=$2
	shift 2
	LANG=C "$@" > "$out" 2> "$err"
}

start_hook 200 || finish
write_conf "-1d" "+1d:lead"
setup_directory || { fail "directory setup"; finish; }

# --help, on stdout.
vi "$T/help.vi" /dev/null "$NV" --help
en "$T/help.en" /dev/null "$NV" --help
check "--help in Vietnamese" sh -c "
    grep -q '^cách dùng: nhacviec \[-c TỆP\] \[--json\] LỆNH' '$T/help.vi' &&
    grep -q '^Tùy chọn:' '$T/help.vi' &&
    grep -q '^  task add --plan MÃ --title TIÊU_ĐỀ --lead MÃ' '$T/help.vi'"
check "--help in English" sh -c "
    grep -q '^usage: nhacviec \[-c FILE\] \[--json\] COMMAND' '$T/help.en' &&
    grep -q '^  task add --plan CODE --title T --lead CODE' '$T/help.en' &&
    ! grep -q 'cách dùng' '$T/help.en'"
vi "$T/sub.vi" /dev/null nv task add --help
check "a subcommand's --help in Vietnamese" sh -c "
    grep -q '^cách dùng: nhacviec task add --plan MÃ' '$T/sub.vi' &&
    grep -q '^Xem nhacviec(1) để biết ý nghĩa của từng tùy chọn' '$T/sub.vi'"

# An error.
vi /dev/null "$T/err.vi" nv frobnicate
rc=$?
check "an unknown command, in Vietnamese, exit 64" sh -c "[ $rc -eq 64 ] &&
    grep -qx 'nhacviec: không có lệnh \"frobnicate\" (xem nhacviec --help)' '$T/err.vi'"
en /dev/null "$T/err.en" nv frobnicate
check "and in English" \
    grep -qx 'nhacviec: unknown command "frobnicate" (see nhacviec --help)' "$T/err.en"
vi /dev/null "$T/due.vi" nv task add --plan 285/KH-UBND --title X --lead SNV \
    --due tomorrow
check "a bad --due, in Vietnamese" grep -q \
    '^nhacviec: --due: "tomorrow": cần YYYY-MM-DD, YYYY-MM-DD HH:MM\[:SS\], dd/mm/yyyy \[HH:MM\] hoặc +N\[s|m|h|d\]$' \
    "$T/due.vi"

# status with the daemon down: Vietnamese labels, exit 69 either way.
vi "$T/status.vi" /dev/null nv status
rc=$?
check "status, daemon down, in Vietnamese, exit 69" sh -c "[ $rc -eq 69 ] &&
    grep -q '^dịch vụ:      không chạy (không có trả lời tại $SOCK)' '$T/status.vi' &&
    grep -q '^nhiệm vụ:     0 kỳ đang mở, 0 kỳ quá hạn; 0 lượt gửi đang chờ' '$T/status.vi'"
en "$T/status.en" /dev/null nv status
rc=$?
check "and in English" sh -c "[ $rc -eq 69 ] &&
    grep -q '^daemon:     not running (no answer on $SOCK)' '$T/status.en'"

# task add.
vi "$T/add.vi" "$T/add.vi.err" nv task add --plan 285/KH-UBND \
    --title "Báo cáo quý" --lead SNV --due 2099-03-31
check "task add, in Vietnamese" sh -c "
    grep -q '^đã thêm nhiệm vụ 1: mã xác nhận [A-Z0-9-]*, hạn 31/03/2099 17:00, quy tắc nhắc default, đã lên lịch 2 lượt gửi$' '$T/add.vi' &&
    grep -q '^lưu ý: dịch vụ nhacviecd không chạy; tin nhắc sẽ được gửi khi dịch vụ khởi động$' '$T/add.vi'"
en "$T/add.en" "$T/add.en.err" nv task add --plan 285/KH-UBND \
    --title "Báo cáo năm" --lead SNV --due 2099-12-31
check "task add, in English" \
    grep -q '^task 2 added: ack code [A-Z0-9-]*, due 31/12/2099 17:00, policy default, 2 job(s) planned$' \
    "$T/add.en"

# An import's dry run: the summary line.
nv import agencies "$DATA/agencies-yenbai.csv" > /dev/null ||
    fail "import agencies"
vi "$T/dry.vi" "$T/dry.vi.err" nv import tasks "$DATA/yenbai-285-tasks.tsv" \
    --plan 285/KH-UBND --year 2023 --dry-run
check "the dry-run summary, in Vietnamese" grep -Eq \
    '^[0-9]+ dòng nhiệm vụ, [0-9]+ nhiệm vụ sẽ thêm, [0-9]+ đã nhập trước đó \([0-9]+ sẽ thay đổi\), [0-9]+ cơ quan trong danh bạ, [0-9]+ chưa rõ nghĩa, [0-9]+ không đọc được; chưa ghi gì$' \
    "$T/dry.vi"
en "$T/dry.en" "$T/dry.en.err" nv import tasks "$DATA/yenbai-285-tasks.tsv" \
    --plan 285/KH-UBND --year 2023 --dry-run
check "and in English" grep -Eq \
    '^[0-9]+ task row\(s\), [0-9]+ task\(s\) to add, .*; nothing written$' \
    "$T/dry.en"
vi "$T/docx.vi" /dev/null nv import tasks "$DATA/yenbai-285-tasks.docx" \
    --plan 285/KH-UBND --year 2023 --dry-run
en "$T/docx.en" /dev/null nv import tasks "$DATA/yenbai-285-tasks.docx" \
    --plan 285/KH-UBND --year 2023 --dry-run
check "a Word table's dry run, in Vietnamese and in English" sh -c "
    grep -Eq '^đọc dưới dạng docx: [0-9]+ bảng$' '$T/docx.vi' &&
    grep -Eq '^read as docx: [0-9]+ table\(s\)$' '$T/docx.en'"
printf 'Nội dung\tCơ quan chủ trì\tThời gian thực hiện\nBáo cáo\tSở Nội vụ\ttùy tình hình\n' \
    > "$T/bad.tsv"
vi /dev/null "$T/bad.vi" nv import tasks "$T/bad.tsv" --plan 285/KH-UBND \
    --year 2023
check "an import row not understood, in Vietnamese" sh -c "
    grep -q 'bad.tsv:2:thời gian thực hiện: \"tùy tình hình\": các từ chưa đọc được: tùy; không quy tắc nào đọc được cách ghi này$' '$T/bad.vi' &&
    grep -q 'bad.tsv: 1/1 dòng không đọc được; chưa nhập gì (--skip-bad sẽ nhập các dòng còn lại)$' '$T/bad.vi'"

# nhacviecd -t: every error of a file, in the reader's language.
printf '[daemon]\nbatch = many\nfoo = 1\n[policy p]\nremind = -3x\n' > "$T/bad.ini"
vi /dev/null "$T/t.vi" "$NVD" -t -c "$T/bad.ini"
rc=$?
check "nhacviecd -t errors, in Vietnamese, exit 78" sh -c "[ $rc -eq 78 ] &&
    grep -q 'bad.ini:2: batch: không phải số nguyên: \"many\"' '$T/t.vi' &&
    grep -q 'bad.ini:3: foo: mục \[daemon\] không có khóa này' '$T/t.vi' &&
    grep -q 'bad.ini:5: remind: khoảng lệch \"3x\" không hợp lệ' '$T/t.vi'"
en /dev/null "$T/t.en" "$NVD" -t -c "$T/bad.ini"
check "and in English" sh -c "
    grep -q 'bad.ini:2: batch: not a whole number: \"many\"' '$T/t.en' &&
    grep -q 'bad.ini:3: foo: unknown key in \[daemon\]' '$T/t.en' &&
    grep -q 'bad.ini:5: remind: bad offset \"3x\"' '$T/t.en'"
vi "$T/ok.vi" /dev/null "$NVD" -t -c "$CONF"
check "a valid file, in Vietnamese" grep -qx "nhacviecd: cấu hình $CONF hợp lệ" \
    "$T/ok.vi"

# LANGUAGE=vi under C.UTF-8 (a machine with no vi_VN locale) also works;
# under plain C, glibc ignores LANGUAGE and English stays.
LANG=C.UTF-8 LANGUAGE=vi "$NV" --help > "$T/lang.vi"
check "LANGUAGE=vi with LANG=C.UTF-8 speaks Vietnamese" \
    grep -q '^cách dùng: nhacviec' "$T/lang.vi"
LC_ALL=C LANGUAGE=vi "$NV" --help > "$T/lang.c"
check "LANGUAGE=vi with LC_ALL=C stays English" \
    grep -q '^usage: nhacviec' "$T/lang.c"
# Numbers keep their C form under vi_VN (a decimal comma would break
# the JSON and CSV that scripts read).
LANG=vi_VN.UTF-8 nv report --from 2099-01-01 --to 2099-12-31 --format csv \
    > "$T/report.csv"
check "vi_VN leaves the CSV report's numbers alone" sh -c "
    ! grep -q '[0-9],[0-9]%' '$T/report.csv'"
finish
