#!/bin/sh
# run-unit.sh: runs the cmocka unit tests and prints a closing
# "N passed, N failed" line over all of them.
shift	# the build directory; the binaries follow
pass=0
failed=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	pass=$((pass + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "$t: exited $rc"
		failed=$((failed + 1))
	fi
done
echo "unit: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
