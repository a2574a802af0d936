#!/usr/bin/env bash
# Cross-checks the Signing module against independent Python implementations (botocore, PyJWT,
# cryptography, standardwebhooks, slack-sdk, twilio): builds the SigningCrossCheck test tool and
# runs scripts/crosscheck/signing.py on it. scripts/test runs this after `swift test`.
#
# Environment:
#   DELIVERYHOST_TEST_PYTHON     the test virtualenv's python3 (default: what scripts/python-env prints)
#   DELIVERYHOST_SCRATCH_PATH    SwiftPM's scratch path (default: .build)
#   DELIVERYHOST_CROSSCHECK_SEED the random seed (default: fixed, printed by the script)
set -euo pipefail
cd "$(dirname "$0")/../.."

python=${DELIVERYHOST_TEST_PYTHON:-$(scripts/python-env)}
scratch=${DELIVERYHOST_SCRATCH_PATH:-.build}

# The same flags as scripts/test's build, so that after it this is a no-op rather than a rebuild.
build=(swift build --scratch-path "$scratch" --product SigningCrossCheck -Xswiftc -warnings-as-errors)
"${build[@]}" >&2
tool="$("${build[@]}" --show-bin-path)/SigningCrossCheck"

exec "$python" scripts/crosscheck/signing.py "$tool"
