#!/usr/bin/env bash
# End-to-end test of `delivery-host serve` on the embedded default: the printed curl command delivers
# to the outbox and the in-app feed, Knock's Python SDK works against it, and SIGTERM stops it cleanly.
#
# Environment:
#   DELIVERYHOST_TEST_PYTHON     the test virtualenv's python3 (default: what scripts/python-env prints)
#   DELIVERYHOST_SCRATCH_PATH    SwiftPM's scratch path (default: .build)
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${DELIVERYHOST_TEST_PYTHON:-$(scripts/python-env)}"
scratch=${DELIVERYHOST_SCRATCH_PATH:-.build}
build=(swift build --scratch-path "$scratch" --product delivery-host -Xswiftc -warnings-as-errors)
"${build[@]}" >&2
"$python" scripts/e2e/serve_test.py "$("${build[@]}" --show-bin-path)/delivery-host"
