#!/usr/bin/env python3
"""End-to-end tests of the delivery-host command line: validate, providers, schema, send and
fixtures record, against a local HTTP server on 127.0.0.1 (scripts/testservers/http_server.py).

Usage: cli_test.py PATH_TO_DELIVERY_HOST
Prints one line per check and a final "N passed, M failed"; exits 1 if any check failed.
"""
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile

BINARY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SECRET = "e2e-secret-not-real"
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok: " if condition else "FAILED: ") + name + ("" if condition else f"\n    {detail}"))


def run(*args, env=None):
    full_env = dict(os.environ, **(env or {}))
    process = subprocess.run([BINARY, *args], capture_output=True, text=True, env=full_env, cwd=ROOT, timeout=120)
    return process.returncode, process.stdout, process.stderr


def start_server():
    server = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "scripts/testservers/http_server.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return server, int(server.stdout.readline())


def main():
    server, port = start_server()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            run_checks(port, scratch)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(port, scratch):
    config = os.path.join(scratch, "config.json")
    with open(config, "w") as file:
        json.dump({
            "environments": {"development": {"production": False}, "production": {"production": True}},
            "channels": {"hooks": {"provider": "webhook", "environments": {
                "development": {"url": f"http://127.0.0.1:{port}/echo?from=e2e",
                                "signing": {"scheme": "knock", "secret": {"$env": "E2E_SECRET"}}},
                "production": {"url": "https://hooks.example.test/in",
                               "signing": {"scheme": "knock", "secret": {"$env": "E2E_PRODUCTION_SECRET"}}}}}},
        }, file)
    env = {"E2E_SECRET": SECRET}

    # validate
    code, out, err = run("validate", "--config", "examples/config/delivery-host.json", env={
        "ORDERS_HOOK_SECRET": "a", "ORDERS_HOOK_SECRET_STAGING": "b", "AUDIT_API_TOKEN": "c",
        "ORDERS_HOOK_SECRET_PRODUCTION": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    check("validate accepts the shipped example", code == 0 and out.startswith("valid:"), out + err)
    code, out, err = run("validate", "--config", "examples/config/providers/webhook.json", "--env", "development",
                         env={"PARTNER_WEBHOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    check("validate accepts the webhook provider example", code == 0, out + err)
    code, out, err = run("validate", "--config", config, env=env)
    check("validate reports every missing secret with its path and exits 65",
          code == 65 and "$.channels.hooks.environments.production.signing.secret: environment variable "
          "'E2E_PRODUCTION_SECRET' is not set" in err, err)
    code, out, err = run("validate", "--config", config, "--env", "development", env=env)
    check("validate --env resolves only that environment's secrets", code == 0, err)
    check("no output ever contains the secret", SECRET not in out + err, out + err)

    # providers and schema
    code, out, _ = run("providers")
    check("providers lists the webhook provider", code == 0 and out.startswith("webhook (webhook):"), out)
    code, out, _ = run("schema")
    with open(os.path.join(ROOT, "schemas/delivery-host.schema.json")) as file:
        check("schema prints the committed schema", code == 0 and json.loads(out) == json.load(file))

    # send
    body = {"event": "order.shipped", "order": {"id": "o_1"}}
    code, out, err = run("send", "--config", config, "--env", "development", "--channel", "hooks",
                         "--recipient", '{"id":"user-1"}', "--message", json.dumps({"body": body}), env=env)
    result = json.loads(out) if code == 0 else {}
    check("send delivers and prints the receipt", result.get("status") == "accepted"
          and result.get("receipt") == {"outcome": "delivered", "http_status": 200, "detail": "HTTP 200"}, out + err)
    code, out, err = run("send", "--config", config, "--env", "development", "--channel", "hooks",
                         "--recipient", '{"id":"user-1"}',
                         "--message", json.dumps({"url": f"http://127.0.0.1:{port}/status/404"}), env=env)
    result = json.loads(out) if out else {}
    check("send prints a classified failure and exits 1", code == 1 and result.get("error", {}).get("code")
          == "misconfigured" and result["error"].get("http_status") == 404 and result["error"]["retryable"] is False,
          out + err)
    code, out, err = run("send", "--config", config, "--env", "development", "--channel", "nope",
                         "--recipient", '{"id":"u"}', "--message", "{}", env=env)
    check("send names an unknown channel", code == 65 and "unknown channel 'nope'" in err, err)
    code, out, err = run("send", "--config", config, "--env", "development", "--channel", "hooks",
                         "--recipient", "{", "--message", "{}", env=env)
    check("send rejects invalid JSON arguments", code == 64 and "--recipient is not valid JSON" in err, err)

    # fixtures record: the recorded request is what the server received, minus the secret
    out_dir = os.path.join(scratch, "fixtures")
    code, out, err = run("fixtures", "record", "--out", out_dir, "--case", "delivered", "--redact-field", "id",
                         "--config", config,
                         "--env", "development", "--channel", "hooks", "--recipient", '{"id":"user-1"}',
                         "--message", json.dumps({"body": body}), env=env)
    path = os.path.join(out_dir, "webhook", "delivered.json")
    check("fixtures record writes one file per exchange", code == 0 and json.loads(out).get("fixtures") == [path],
          out + err)
    with open(path) as file:
        text = file.read()
    fixture = json.loads(text)
    check("the fixture holds the exact request", fixture["request"]["method"] == "POST"
          and fixture["request"]["url"] == f"http://127.0.0.1:{port}/echo?from=e2e"
          and fixture["request"]["body"] == {"event": "order.shipped", "order": {"id": "<redacted>"}}
          and fixture["request"]["headers"]["x-webhook-signature"] == "<redacted>", text)
    echoed = fixture["response"]["body"]
    signature = dict((name.lower(), value) for name, value in echoed["headers"])["x-webhook-signature"]
    timestamp, mac = (part.split("=", 1)[1] for part in signature.split(","))
    received_body = base64.b64decode(echoed["body"])
    check("the server received the exact body", json.loads(received_body) == body, received_body)
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{timestamp}.".encode() + received_body,
                                         hashlib.sha256).digest()).decode()
    check("the server received a valid x-webhook-signature (checked with Python's hmac)", mac == expected, signature)
    check("the fixture never contains the secret", SECRET not in text)


if __name__ == "__main__":
    sys.exit(main())
