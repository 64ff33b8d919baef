#!/bin/sh
# run.sh: runs every end-to-end test and prints a closing "N passed,
# N failed" line.  Each test gets its own private directory and ports.
BUILD=$(cd "${1:-build}" && pwd)
export BUILD
dir=$(dirname "$0")
pass=0
failed=0
names=""
for t in "$dir"/test-*.sh; do
	name=$(basename "$t" .sh)
	echo "== $name"
	if timeout -k 5 180 bash "$t"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		names="$names $name"
	fi
done
[ -n "$names" ] && echo "failed:$names"
echo "e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
