#!/bin/sh
# flood.sh: how many messages the chairman of the province gets from the
# Yên Bái 285/KH-UBND plan (tests/data, with its agency directory).  The
# plan is imported on 31/12/2022 on the fake clock and a year of sends is
# previewed; the script prints his messages over the year, the most in one
# send window and in one day, and all messages.  A script, not a test.
#
#   sh tests/bench/flood.sh [BUILD] [extra policy lines...]
#
# "digest = 0" as an extra line shows the flood without digests.
set -u
B=$(cd "${1:-build}" && pwd)
[ $# -gt 0 ] && shift
DATA=$(cd "$(dirname "$0")/../data" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-flood.XXXXXX")
trap 'rm -rf "$T"' EXIT
{
	printf '[daemon]\ndatabase = %s/nv.db\ncontrol_socket = %s/c.sock\n' \
	    "$T" "$T"
	printf '[policy default]\nchannels = console\n'
	for l in "$@"; do echo "$l"; done
} > "$T/nv.ini"
export NHACVIEC_CONFIG="$T/nv.ini" NHACVIEC_FAKE_CLOCK="$T/clock"
nv() { "$B/tests/nhacviec-fakeclock" "$@" 2>/dev/null; }
echo 0 > "$T/clock"
nv import agencies "$DATA/agencies-yenbai.csv" >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch tuyên truyền CCHC 2023" \
    --date 30/12/2022 >/dev/null || { echo "flood: setup failed" >&2; exit 1; }
echo $(( $(TZ=Asia/Ho_Chi_Minh date -d "2022-12-31 09:00" +%s) - \
    $(date +%s) )) > "$T/clock"
nv import tasks "$DATA/yenbai-285-tasks.tsv" --plan 285/KH-UBND \
    --year 2023 | tail -1
nv --json preview --days 366 > "$T/p.json"
jq -r '.[] | select(.agency == "UBND") | .at' "$T/p.json" |
    while read -r t; do TZ=Asia/Ho_Chi_Minh date -d "@$t" '+%F %H:%M'; done |
    sort | uniq -c | awk -v all="$(jq length "$T/p.json")" '
	{ n += $1; if ($1 > w) w = $1; d[$2] += $1 }
	END { for (k in d) if (d[k] > md) md = d[k]
	    printf "chairman: %d message(s) over the year, at most %d in one " \
		"send window, %d in one day; %d message(s) in all\n", n, w,
		md, all }'
