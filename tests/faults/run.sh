#!/bin/sh
# run.sh: runs every fault scenario against the real daemon and prints a
# closing "faults: N passed, N failed" line.  The scale is bounded for
# CI; FAULT_MSGS and FAULT_KILLS raise it.
BUILD=$(cd "${1:-build}" && pwd)
export BUILD
dir=$(dirname "$0")
pass=0
failed=0
names=""
for t in "$dir"/fault-*.sh; do
	name=$(basename "$t" .sh)
	echo "== $name"
	if timeout -k 5 "${FAULT_TIMEOUT:-300}" bash "$t"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		names="$names $name"
	fi
done
[ -n "$names" ] && echo "failed:$names"
echo "faults: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
