#!/usr/bin/env python3
"""End-to-end test of `delivery-host serve` on its embedded default configuration.

It starts the host exactly as the README's run command does (no configuration, a fresh data
directory, port 0), runs the curl command the host prints, and checks that the message really
reaches the outbox file and the in-app feed. Then it drives the API with Knock's official Python
SDK (knockapi) pointed at the host, and stops the host with SIGTERM.

Usage: serve_test.py PATH_TO_DELIVERY_HOST
Prints one line per check and a final "N passed, M failed"; exits 1 if any check failed.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BINARY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok: " if condition else "FAILED: ") + name + ("" if condition else f"\n    {detail}"))


def request(method, url, key=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("Authorization", "Bearer " + key)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, text


def wait_for(predicate, seconds=15.0):
    """Polls an end-to-end effect of a real process; bounded, never used in unit tests."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def read_banner(process):
    """Reads stdout until the printed curl command is complete; returns (url, key, curl)."""
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if lines[-1].strip().startswith("-d "):
            break
    text = "\n".join(lines)
    url = re.search(r"(http://[0-9.]+:[0-9]+)", text)
    key = re.search(r"development API key: (\S+)", text)
    curl_start = text.find("curl ")
    return (url.group(1) if url else None, key.group(1) if key else None,
            text[curl_start:] if curl_start >= 0 else None, text)


def outbox_lines(data_dir):
    path = os.path.join(data_dir, "outbox", "outbox.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as file:
        return [json.loads(line) for line in file if line.strip()]


def main():
    with tempfile.TemporaryDirectory() as data_dir:
        process = subprocess.Popen(
            [BINARY, "serve", "--data-dir", data_dir, "--port", "0"], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            run_checks(process, data_dir)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                code = None
            check("SIGTERM stops the host with exit code 0", code == 0, f"exit code {code}")
            stderr = process.stderr.read()
            check("the logs never contain the API key", KEY[0] is None or KEY[0] not in stderr)
            check("the logs never contain the message body", "Welcome, Ada" not in stderr)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


KEY = [None]


def run_checks(process, data_dir):
    url, key, curl, banner = read_banner(process)
    KEY[0] = key
    check("the banner prints the address, the key and a curl command", url and key and curl, banner)
    if not (url and key and curl):
        return
    status, body = request("GET", url + "/healthz")
    check("/healthz answers 200", status == 200, (status, body))
    status, body = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(request("GET", url + "/readyz")) or
                            request("GET", url + "/readyz"))
    check("/readyz answers 200", status == 200, (status, body))
    status, body = request("GET", url + "/v1/users/user-1")
    check("no key: 401 with Knock's error body", status == 401 and isinstance(body, dict) and "code" in body,
          (status, body))

    printed = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=30)
    try:
        triggered = json.loads(printed.stdout)
    except ValueError:
        triggered = None
    check("the printed curl command triggers the workflow",
          printed.returncode == 0 and isinstance(triggered, dict) and "workflow_run_id" in triggered,
          (printed.returncode, printed.stdout, printed.stderr))

    lines = wait_for(lambda: outbox_lines(data_dir))
    check("the message reaches the outbox file", len(lines) == 1 and lines[0]["recipient"]["id"] == "user-1",
          lines)
    feed = wait_for(lambda: (lambda r: r if r[0] == 200 and r[1].get("entries") else None)(
        request("GET", url + "/v1/users/user-1/feeds/in-app", key)))
    entries = feed[1].get("entries", []) if feed and isinstance(feed[1], dict) else []
    check("the message reaches the in-app feed, unseen and unread",
          len(entries) == 1 and feed[1].get("meta", {}).get("unseen_count") == 1
          and feed[1].get("meta", {}).get("unread_count") == 1, feed)

    status, body = request("GET", url + "/metrics")
    check("/metrics counts the trigger request",
          status == 200 and "/v1/workflows/:key/trigger" in body if isinstance(body, str) else False,
          body if isinstance(body, str) else (status, body))

    sdk_checks(url, key)


def sdk_checks(url, key):
    """Knock's official Python SDK, unchanged, with its base URL pointed at the host."""
    try:
        from knockapi import Knock
    except ImportError as error:
        check("knockapi is installed in the test environment", False, error)
        return
    client = Knock(api_key=key, base_url=url, max_retries=0)
    user = client.users.update("sdk-user", name="Grace", email="grace@example.com", timezone="Europe/London")
    check("SDK users.update identifies a user", user.id == "sdk-user" and user.email == "grace@example.com", user)
    fetched = client.users.get("sdk-user")
    check("SDK users.get returns the stored user", fetched.name == "Grace", fetched)
    response = client.workflows.trigger("welcome", recipients=["sdk-user"], data={"name": "Grace"},
                                        idempotency_key="sdk-e2e-1")
    again = client.workflows.trigger("welcome", recipients=["sdk-user"], data={"name": "Grace"},
                                     idempotency_key="sdk-e2e-1")
    check("SDK workflows.trigger with an idempotency key replays the same run id",
          response.workflow_run_id and again.workflow_run_id == response.workflow_run_id, (response, again))
    feed = wait_for(lambda: list(client.users.feeds.list_items("sdk-user", "in-app")))
    check("SDK users.feeds.list_items sees the message", len(feed) == 1, feed)
    if feed:
        client.messages.mark_as_seen(feed[0].id)
        message = client.messages.get(feed[0].id)
        check("SDK messages.mark_as_seen marks it seen", message.seen_at is not None, message)
    try:
        client.workflows.cancel("welcome", cancellation_key="sdk-e2e-cancel", recipients=["sdk-user"])
        cancelled = True
    except Exception as error:  # the check reports it
        cancelled = error
    check("SDK workflows.cancel answers 204", cancelled is True, cancelled)
    messages = list(client.users.list_messages("sdk-user"))
    check("SDK users.list_messages lists the user's messages", len(messages) >= 1, messages)
    subscription_checks(client)
    bulk_preference_checks(client)


def subscription_checks(client):
    """Object subscriptions through the SDK: subscribe inline, list both ways, fan a trigger out, unsubscribe."""
    client.objects.set("projects", "sdk-project", name="Apollo")
    added = client.objects.add_subscriptions(
        "projects", "sdk-project", recipients=[{"id": "sdk-subscriber", "name": "Sub"}], properties={"role": "admin"})
    check("SDK objects.add_subscriptions subscribes an inline user",
          len(added) == 1 and added[0].recipient.id == "sdk-subscriber" and added[0].properties == {"role": "admin"},
          added)
    listed = list(client.objects.list_subscriptions("projects", "sdk-project"))
    check("SDK objects.list_subscriptions lists the subscriber",
          [entry.recipient.id for entry in listed] == ["sdk-subscriber"], listed)
    mine = list(client.users.list_subscriptions("sdk-subscriber"))
    check("SDK users.list_subscriptions includes the object",
          [(entry.object.collection, entry.object.id) for entry in mine] == [("projects", "sdk-project")], mine)
    client.workflows.trigger("welcome", recipients=[{"collection": "projects", "id": "sdk-project"}],
                             data={"name": "Apollo"})
    feed = wait_for(lambda: list(client.users.feeds.list_items("sdk-subscriber", "in-app")))
    check("a trigger to the object fans out to its subscriber's feed", len(feed) == 1, feed)
    bulk = client.objects.bulk.add_subscriptions(
        "projects", subscriptions=[{"id": "sdk-project", "recipients": ["sdk-user"], "properties": None}])
    check("SDK objects.bulk.add_subscriptions completes", bulk.status == "completed" and bulk.success_count == 1, bulk)
    polled = client.bulk_operations.get(bulk.id)
    check("SDK bulk_operations.get answers the same completed operation",
          (polled.id, polled.name, polled.status, polled.success_count)
          == (bulk.id, "subscriptions.add", "completed", 1), polled)
    scheduled = client.schedules.bulk.create(schedules=[
        {"workflow": "welcome", "recipient": "sdk-user", "scheduled_at": "2099-01-01T00:00:00Z"},
        {"workflow": "welcome", "recipient": {"id": "sdk-scheduled", "email": "s@example.com"},
         "repeats": [{"frequency": "daily", "hours": 9}]}])
    check("SDK schedules.bulk.create completes both", scheduled.status == "completed"
          and scheduled.success_count == 2 and scheduled.name == "schedules.create", scheduled)
    listed = list(client.schedules.list(workflow="welcome"))
    check("the bulk-created schedules are listed",
          sorted(entry.recipient.id for entry in listed) == ["sdk-scheduled", "sdk-user"], listed)
    deleted = client.objects.delete_subscriptions("projects", "sdk-project", recipients=["sdk-subscriber", "sdk-user"])
    check("SDK objects.delete_subscriptions answers the deleted subscriptions",
          sorted(entry.recipient.id for entry in deleted) == ["sdk-subscriber", "sdk-user"], deleted)


def bulk_preference_checks(client):
    """Bulk set preferences through the SDK: one set replaced for two users, one of them created by the call."""
    bulk = client.users.bulk.set_preferences(
        user_ids=["sdk-user", "sdk-bulk-prefs"], preferences={"id": "acme", "channel_types": {"sms": False}})
    check("SDK users.bulk.set_preferences completes",
          (bulk.name, bulk.status, bulk.success_count) == ("users.set_preferences", "completed", 2), bulk)
    for user_id in ["sdk-user", "sdk-bulk-prefs"]:
        stored = client.users.get_preferences(user_id, "acme")
        check(f"the bulk-set preference set of {user_id} is read back",
              (stored.id, stored.channel_types.sms) == ("acme", False), stored)


if __name__ == "__main__":
    sys.exit(main())
