#!/usr/bin/env bash
# End-to-end tests of the delivery-host command line against a local server on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${DELIVERYHOST_TEST_PYTHON:-$(scripts/python-env)}"
swift build --product delivery-host -Xswiftc -warnings-as-errors >&2
"$python" scripts/e2e/cli_test.py "$(swift build --show-bin-path)/delivery-host"
