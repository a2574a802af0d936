#!/usr/bin/env python3
"""End-to-end tests of the delivery-host command line: validate, providers, schema, send, fixtures
record, enqueue and messages, against a local HTTP server on 127.0.0.1
(scripts/testservers/http_server.py). The worker is tested by crash_test.py.

Usage: cli_test.py PATH_TO_DELIVERY_HOST
Prints one line per check and a final "N passed, M failed"; exits 1 if any check failed.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.request

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
            worker_address_policy_checks(port, scratch)
            status_webhook_checks(port, scratch)
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
                               "signing": {"scheme": "knock", "secret": {"$env": "E2E_PRODUCTION_SECRET"}}}}},
                "box": {"provider": "webhook", "environments": {
                    "development": {"sandbox": True, "url": f"http://127.0.0.1:{port}/echo"}}}},
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

    # enqueue and messages (the worker is tested by crash_test.py)
    data = os.path.join(scratch, "data")
    enqueue = ["enqueue", "--config", config, "--env", "development", "--recipient", '{"id":"user-1"}',
               "--message", json.dumps({"body": body}), "--data-dir", data]
    code, out, err = run(*enqueue, "--channel", "hooks", "--count", "2", env=env)
    queued = json.loads(out) if code == 0 else {}
    check("enqueue stores --count messages as queued and prints their ids",
          queued.get("statuses") == {"queued": 2} and len(set(queued.get("ids", []))) == 2, out + err)
    code, out, err = run(*enqueue, "--channel", "box", env=env)
    sandboxed = json.loads(out) if code == 0 else {}
    check("enqueue on a sandbox channel stores the message as not_sent", sandboxed.get("statuses") == {"not_sent": 1},
          out + err)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    tomorrow = (today.weekday() + 1) % 7
    windows = [{"day": day, "type": "send" if index == tomorrow else "do_not_send"} for index, day in enumerate(days)]
    code, out, err = run(*enqueue, "--channel", "hooks", "--send-windows", json.dumps(windows), env=env)
    waiting = json.loads(out) if code == 0 else {}
    check("enqueue with --send-windows queues the message for the next opening", waiting.get("statuses")
          == {"queued": 1}, out + err)
    code, out, err = run(*enqueue, "--channel", "hooks", "--send-windows", '[{"day": "someday"}]', env=env)
    check("enqueue rejects invalid send windows", code == 64 and "--send-windows[0].day" in err, err)
    code, out, err = run(*enqueue, "--channel", "hooks", "--count", "0", env=env)
    check("enqueue rejects a --count below 1", code == 64 and "--count takes a whole number" in err, err)

    code, out, err = run("messages", "--data-dir", data)
    lines = [json.loads(line) for line in out.splitlines()] if code == 0 else []
    by_id = {line["id"]: line for line in lines}
    listed = [line["id"] for line in lines]
    check("messages prints one JSON line per stored message, in id (creation) order",
          listed == sorted(listed) and set(listed) == set(queued.get("ids", []) + sandboxed.get("ids", [])
                                                          + waiting.get("ids", [])) and len(listed) == 4, out + err)
    first = by_id.get(queued.get("ids", [""])[0], {})
    check("each line says where the message stands", set(first) == {
        "id", "environment", "channel", "status", "attempts", "provider_message_id", "next_attempt_at", "lease"}
          and first["status"] == "queued" and first["attempts"] == 0 and first["lease"] is None, first)
    opening = (today + datetime.timedelta(days=1)).isoformat() + "T00:00:00.000Z"
    check("the message outside its send windows is due at the next opening",
          by_id.get(waiting.get("ids", [""])[0], {}).get("next_attempt_at") == opening, out)
    code, out, err = run("messages", "--data-dir", data, "--status", "not_sent")
    check("messages --status lists only that status", code == 0 and [json.loads(line)["channel"] for line in
                                                                        out.splitlines()] == ["box"], out + err)
    code, out, err = run("messages", "--data-dir", data, "--status", "lost")
    check("messages rejects an unknown status", code == 64 and "unknown status 'lost'" in err, err)
    code, out, err = run("messages", "--data-dir", os.path.join(scratch, "nowhere"))
    check("messages refuses a directory without a database", code == 64 and "holds no DeliveryHost database" in err
          and not os.path.exists(os.path.join(scratch, "nowhere")), err)



def worker_address_policy_checks(port, scratch):
    """Without host.outbound_allow_list, a worker refuses to post a webhook message to 127.0.0.1, as serve
    does: the message ends undelivered and names the policy, and the server receives nothing."""
    config = os.path.join(scratch, "guarded-config.json")
    with open(config, "w") as file:
        json.dump({
            "environments": {"development": {"production": False}},
            "channels": {"orders": {"provider": "webhook", "environments": {"development": {
                "url": f"http://127.0.0.1:{port}/sink/0"}}}},
        }, file)
    data = os.path.join(scratch, "guarded-data")
    code, out, err = run("enqueue", "--config", config, "--env", "development", "--channel", "orders",
                         "--recipient", '{"id":"user-1"}', "--message", '{"body":{"event":"guarded"}}',
                         "--data-dir", data)
    ids = json.loads(out)["ids"] if code == 0 else []
    check("enqueue stores one message for the guarded worker", len(ids) == 1, out + err)
    before = sink_requests(port)
    code, out, err = run("worker", "--config", config, "--env", "development", "--data-dir", data,
                         "--exit-when-idle")
    check("the guarded worker exits when idle", code == 0, out + err)
    code, out, err = run("messages", "--data-dir", data, "--status", "undelivered")
    lines = out.splitlines()
    check("the worker refused the loopback webhook: the message is undelivered after one attempt",
          code == 0 and len(lines) == 1 and json.loads(lines[0])["id"] == ids[0]
          and json.loads(lines[0])["attempts"] == 1, out + err)
    with sqlite3.connect(os.path.join(data, "delivery-host.sqlite3")) as database:
        reasons = [row[0] for row in database.execute(
            "SELECT reason FROM message_events WHERE message_id = ? AND status = 'undelivered'", (ids[0],))]
    check("its undelivered event names the policy and the loopback rule",
          len(reasons) == 1 and "outbound address policy refused to connect to 127.0.0.1" in reasons[0]
          and "loopback 127.0.0.0/8 is not allowed" in reasons[0], str(reasons))
    check("the refused message never reached the server", sink_requests(port) == before, str(before))


def sink_requests(port):
    """How many requests the test server's /sink has received so far."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sink-log", timeout=10) as response:
        return len(json.loads(response.read())["received"])


def status_webhook_checks(port, scratch):
    """A worker delivers two messages and sends their message.delivered events, signed with
    x-knock-signature, to the environment's status webhook channel (127.0.0.1 is on the allow-list)."""
    config = os.path.join(scratch, "status-config.json")
    with open(config, "w") as file:
        json.dump({
            "host": {"outbound_allow_list": ["127.0.0.1"]},
            "environments": {"development": {"production": False, "status_webhooks": [
                {"channel": "ops-events", "events": ["message.delivered"]}]}},
            "channels": {
                "orders": {"provider": "webhook", "environments": {"development": {
                    "url": f"http://127.0.0.1:{port}/sink/0"}}},
                "ops-events": {"provider": "webhook", "environments": {"development": {
                    "url": f"http://127.0.0.1:{port}/events",
                    "signing": {"scheme": "knock", "secret": {"$env": "E2E_SECRET"}, "header": "x-knock-signature"}}}},
            },
        }, file)
    data = os.path.join(scratch, "status-data")
    env = {"E2E_SECRET": SECRET}
    code, out, err = run("enqueue", "--config", config, "--env", "development", "--channel", "orders",
                         "--recipient", '{"id":"user-1"}', "--message", '{"body":{"event":"order.shipped"}}',
                         "--data-dir", data, "--count", "2", env=env)
    ids = json.loads(out)["ids"] if code == 0 else []
    check("enqueue stores two messages for the worker", len(ids) == 2, out + err)
    code, out, err = run("worker", "--config", config, "--env", "development", "--data-dir", data,
                         "--exit-when-idle", env=env)
    check("the worker delivers and exits when idle", code == 0, out + err)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/events-log", timeout=10) as response:
        events = json.loads(response.read())
    bodies = [json.loads(event["body"]) for event in events]
    check("each message's delivered event reached the status webhook, and only those",
          sorted(body["data"]["id"] for body in bodies) == sorted(ids)
          and all(body["type"] == "message.delivered" and body["__typename"] == "Event" for body in bodies),
          json.dumps(bodies)[:400])
    valid = True
    for event in events:
        header = dict((name.lower(), value) for name, value in event["headers"])["x-knock-signature"]
        timestamp, mac = (part.split("=", 1)[1] for part in header.split(","))
        expected = base64.b64encode(hmac.new(SECRET.encode(), f"{timestamp}.{event['body']}".encode(),
                                             hashlib.sha256).digest()).decode()
        valid = valid and mac == expected
    check("status events carry a valid x-knock-signature (checked with Python's hmac)", valid and len(events) == 2)
    code, out, _ = run("messages", "--data-dir", data, "--status", "delivered")
    check("the status events are stored and delivered like messages", code == 0 and len(out.splitlines()) == 4, out)


if __name__ == "__main__":
    sys.exit(main())
