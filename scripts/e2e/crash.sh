#!/usr/bin/env bash
# Crash-safety test of the delivery pipeline: enqueue, then kill -9 (and separately SIGTERM) a worker
# while webhook requests are in flight to a local sink on 127.0.0.1, restart, and check that every
# message is delivered, none lost or left leased, and only the ones in flight were sent twice. Then kill -9
# `serve` while triggers are answered and check that every answered trigger's run is stored.
#
# Environment:
#   DELIVERYHOST_TEST_PYTHON     the test virtualenv's python3 (default: what scripts/python-env prints)
#   DELIVERYHOST_SCRATCH_PATH    SwiftPM's scratch path (default: .build)
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${DELIVERYHOST_TEST_PYTHON:-$(scripts/python-env)}"
scratch=${DELIVERYHOST_SCRATCH_PATH:-.build}

# The same flags as scripts/test's build, so that after it this is a no-op rather than a rebuild.
build=(swift build --scratch-path "$scratch" --product delivery-host -Xswiftc -warnings-as-errors)
"${build[@]}" >&2
exec "$python" scripts/e2e/crash_test.py "$("${build[@]}" --show-bin-path)/delivery-host"
