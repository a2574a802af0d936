#!/usr/bin/env bash
# End-to-end tests of the delivery-host command line against a local server on 127.0.0.1.
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
"$python" scripts/e2e/cli_test.py "$("${build[@]}" --show-bin-path)/delivery-host"
