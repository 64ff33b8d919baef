#!/bin/sh
# run.sh: runs every libFuzzer target for a bounded time on a scratch copy
# of its seed corpus and prints a closing "N passed, N failed" line.  A
# crash leaves its input in the build directory to reproduce with.
B=${1:-build-fuzz}
secs=${2:-20}
dir=$(dirname "$0")
pass=0
failed=0
for f in "$B"/fuzz/fuzz-*; do
	# Only the targets: not their logs or the inputs they crashed on.
	case "$f" in
	*.log|*-crash-*|*-leak-*|*-timeout-*|*-oom-*) continue ;;
	esac
	[ -x "$f" ] || continue
	name=$(basename "$f")
	seed="$dir/corpus/${name#fuzz-}"
	work=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-fuzz.XXXXXX")
	[ -d "$seed" ] && cp "$seed"/* "$work"/ 2>/dev/null
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	    -artifact_prefix="$B/fuzz/$name-" "$work" > "$B/fuzz/$name.log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$B/fuzz/$name.log" | tail -1)
		echo "  ok: $name (${runs:-done} in ${secs}s)"
		pass=$((pass + 1))
	else
		echo "  FAIL: $name"
		tail -n 30 "$B/fuzz/$name.log"
		failed=$((failed + 1))
	fi
	rm -rf "$work"
done
echo "fuzz: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
