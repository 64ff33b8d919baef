# test-safeoutput: text from outside cannot become something else on its
# way out.  An agency named like a formula comes out of the CSV report
# as text; a title with a line break and a journald priority stays one
# log line; titles and names with escape sequences or tabs are refused
# at input; task list shows what is stored, escaped.
. "$(dirname "$0")/lib.sh"

start_hook 200 || finish
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }

add_evil() {
	nv agency add EVIL --name '=HYPERLINK("http://evil.example","x")' \
	    >/dev/null
}
check "an agency named like a formula is taken as a name" add_evil
nv task add --plan 285/KH-UBND --title "Báo cáo" --lead EVIL --due +1d \
    >/dev/null
nv report --from "$(date +%F)" --to "$(date -d '+3 days' +%F)" \
    --format csv > "$T/r.csv"
guarded() { grep -qF "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" "$T/r.csv"; }
check "in the CSV report it is text, not a formula" guarded
no_formula() { ! sed '1s/^\xef\xbb\xbf//' "$T/r.csv" | grep -qE '(^|,)"?[=+@-]'; }
check "no cell of the report starts with = + - @" no_formula

check "a title with an escape sequence is refused, naming the field" \
    sh -c "! '$NV' -c '$CONF' task add --plan 285/KH-UBND \
        --title \"$(printf 'A\033]52;c;ZXZpbA==\007')\" --lead SNV --due +1d \
        2>'$T/err' && grep -q 'title: control' '$T/err'"
check "an agency name with a tab is refused" \
    sh -c "! '$NV' -c '$CONF' agency add TAB --name \"$(printf 'Sở\tNội vụ')\" \
        2>/dev/null"
check "a contact name with ESC is refused" \
    sh -c "! '$NV' -c '$CONF' contact add --agency SNV \
        --name \"$(printf 'X\033[2J')\" --phone 0912000003 2>/dev/null"

# A line break may stay in a title (a plan's cell over two lines).
title=$(printf 'Báo cáo\n<0>nhacviecd: forged emergency')
nv task add --plan 285/KH-UBND --title "$title" --lead SNV --due +1s \
    >/dev/null || fail "a two-line title"
nv task list > "$T/list"
check "task list shows the line break escaped, on one line" \
    grep -qF 'Báo cáo\n<0>nhacviecd: forged emergency' "$T/list"
start_daemon || finish
wait_for 10 "the reminder" hook_has_at_least 1
check "the daemon's log holds it on one line" \
    grep -qF 'Báo cáo\n<0>nhacviecd: forged' "$T/daemon.err"
check "and no line of the log starts with a forged priority" \
    sh -c "! grep -q '^<0>' '$T/daemon.err'"
check "graceful stop exits 0" stop_daemon
finish
