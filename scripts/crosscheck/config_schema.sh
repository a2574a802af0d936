#!/usr/bin/env bash
# Cross-checks the generated configuration JSON Schema with an independent draft 2020-12 implementation,
# Python's jsonschema:
#   1. schemas/delivery-host.schema.json and the test registry's schema are valid 2020-12 schemas;
#   2. every examples/config/**/*.json (root and included files share one schema; examples/workflows holds
#      workflow files, checked by the Swift loader tests instead) validates against
#      schemas/delivery-host.schema.json;
#   3. the schema cases in Tests/ProvidersTests/Fixtures/Configuration/schema-cases: valid/*.json validate
#      against the test registry's schema, and invalid/*.json do not, with the best-matching error at or under
#      the JSONPath that invalid-paths.json gives for the file (ConfigurationSchemaTests checks that the Swift
#      loader agrees on both).
# An example using a provider that ProviderRegistry.standard does not register yet is validated against the
# test registry's schema instead, with a note. Exits non-zero on any failure.
# Regenerate the schemas with: UPDATE_SCHEMA=1 swift test --filter ConfigurationSchemaTests
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${DELIVERYHOST_TEST_PYTHON:-python3}"
if ! "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
    echo "error: Python's jsonschema package is missing: install it with 'pip install jsonschema' or" >&2
    echo "       'apt-get install python3-jsonschema', then run this again." >&2
    exit 1
fi

"$PYTHON" - <<'PY'
import glob
import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

STANDARD = "schemas/delivery-host.schema.json"
TESTING = "Tests/ProvidersTests/Fixtures/Configuration/test-registry.schema.json"
CASES = "Tests/ProvidersTests/Fixtures/Configuration/schema-cases"
REGENERATE = "UPDATE_SCHEMA=1 swift test --filter ConfigurationSchemaTests"

failures = []


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def validator(path):
    schema = load(path)
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as error:  # SchemaError, with the offending location
        failures.append(f"{path}: not a valid draft 2020-12 schema: {error}")
    return Draft202012Validator(schema)


def errors(validator, document):
    return sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))


def location(error):
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)


def known_providers(validator):
    return set(validator.schema["$defs"]["channel"]["properties"]["provider"]["enum"])


standard = validator(STANDARD)
testing = validator(TESTING)

examples = sorted(glob.glob("examples/config/**/*.json", recursive=True))
if not examples:
    failures.append("no examples/config/**/*.json to check")
for path in examples:
    document = load(path)
    used = {channel.get("provider") for channel in document.get("channels", {}).values() if isinstance(channel, dict)}
    schema, name = standard, STANDARD
    unknown = sorted(str(provider) for provider in used - known_providers(standard))
    if unknown:
        print(f"note: {path} uses provider(s) {', '.join(unknown)} that {STANDARD} does not know "
              f"(ProviderRegistry.standard lacks them; regenerate with {REGENERATE} once it has them); "
              f"checking against {TESTING}")
        schema, name = testing, TESTING
    found = errors(schema, document)
    for error in found:
        failures.append(f"{path}: {location(error)}: {error.message} (against {name})")
    if not found:
        print(f"ok: {path}")

for path in sorted(glob.glob(f"{CASES}/valid/*.json")):
    found = errors(testing, load(path))
    for error in found:
        failures.append(f"{path}: {location(error)}: {error.message}")
    if not found:
        print(f"ok: {path} is accepted")
invalid = sorted(glob.glob(f"{CASES}/invalid/*.json"))
expected_paths = load(f"{CASES}/invalid-paths.json")
if not invalid:
    failures.append(f"no {CASES}/invalid/*.json to check")
for path in invalid:
    name = path.rsplit("/", 1)[-1]
    expected = expected_paths.get(name)
    error = best_match(testing.iter_errors(load(path)))
    if expected is None:
        failures.append(f"{path}: no expected JSONPath for it in {CASES}/invalid-paths.json")
    elif error is None:
        failures.append(f"{path}: accepted by {TESTING}, but it is an invalid configuration")
    elif not location(error).startswith(expected):
        failures.append(f"{path}: rejected at {location(error)} ({error.message}), expected at or under {expected}")
    else:
        print(f"ok: {path} is rejected at {location(error)}")

if failures:
    print(f"\n{len(failures)} failure(s):", file=sys.stderr)
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    sys.exit(1)
print("configuration schema cross-check passed")
PY
