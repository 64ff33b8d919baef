#!/bin/sh
# run.sh: the fault scenarios, through the end-to-end runner; prints a
# closing "faults: N passed, N failed" line.  The scale is bounded for
# CI; FAULT_MSGS and FAULT_KILLS raise it.
exec sh "$(dirname "$0")/../e2e/run.sh" "${1:-build}" faults
