#!/usr/bin/env python3
"""Crash-safety test of the delivery pipeline, end to end: `delivery-host enqueue`, `worker` and
`messages` against a local webhook sink on 127.0.0.1 (scripts/testservers/http_server.py, /sink/<ms>).

Three scenarios, each with its own data directory and sink:

1. kill -9: 200 messages are enqueued; a worker (2-second leases) starts delivering through a webhook
   endpoint that takes 200 ms per request, and is killed with SIGKILL while requests are in flight.
   A new worker (--exit-when-idle) takes the dead worker's messages over once their leases expire.
   Every message must end delivered, none lost or left leased; the endpoint must have received each
   at least once, and the only repeats must be the messages in flight at the kill (sent, outcome not
   stored), each once more.
2. SIGTERM: the same, but the worker is stopped gracefully: it must exit 0 within the drain time
   having stored the outcome of everything it sent and released its leases, and the restart must
   deliver the rest with no repeats at all.
3. Two workers share the data directory and one is killed: the other must take its messages over,
   and only the dead worker's leased messages may be repeated.
4. Triggers: `serve` on the embedded default takes workflow triggers from 32 concurrent clients and is
   killed with SIGKILL while they are still sending. Every trigger answered 200 before the kill must
   have its run stored (a trigger is answered only once its group's commit is on the disk).

Usage: crash_test.py PATH_TO_DELIVERY_HOST
Prints one line per check and a final "N passed, M failed"; exits 1 if any check failed.
"""
import collections
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BINARY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COUNT = 200           # messages per scenario
DELAY_MS = 200        # how long the endpoint takes per request
LEASE_SECONDS = 2     # short leases, so that the takeover after the kill is quick
STOP_AFTER = 40       # received requests before the worker is stopped
DRAIN_SECONDS = 30    # WorkerCommand.drainTimeout
TRIGGER_CLIENTS = 32  # concurrent trigger clients in the trigger scenario
TRIGGER_COUNT = 2000  # triggers answered before the host is killed
ENV = {"CRASH_WEBHOOK_SECRET": "crash-test-secret-not-real"}
results = []
children = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok: " if condition else "FAILED: ") + name + ("" if condition else f"\n    {detail}"), flush=True)


def note(text):
    print(f"    {text}", flush=True)


def wait_until(predicate, timeout, interval=0.02):
    """Polls `predicate` until it returns something truthy (returned) or `timeout` seconds pass (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


def spawn(args, **kwargs):
    process = subprocess.Popen(args, **kwargs)
    children.append(process)
    return process


def cli(*args, timeout=60):
    process = subprocess.run([BINARY, *args], capture_output=True, text=True, env=dict(os.environ, **ENV),
                             cwd=ROOT, timeout=timeout)
    return process.returncode, process.stdout, process.stderr


class Sink:
    """The webhook endpoint: http_server.py's /sink/<ms>, one per scenario."""

    def __init__(self):
        self.process = spawn([sys.executable, os.path.join(ROOT, "scripts/testservers/http_server.py")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline())

    def log(self):
        url = f"http://127.0.0.1:{self.port}/sink-log"
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


class Scenario:
    """A data directory, a configuration pointing at a fresh sink, and the commands on them."""

    def __init__(self, scratch, name):
        self.sink = Sink()
        self.directory = os.path.join(scratch, name)
        self.config = os.path.join(scratch, f"{name}.json")
        self.logs = scratch
        with open(self.config, "w") as file:
            json.dump({
                "host": {"outbound_allow_list": ["127.0.0.1"]},
                "environments": {"development": {"production": False}, "production": {"production": True}},
                "channels": {"hooks": {"provider": "webhook", "environments": {
                    "development": {"url": f"http://127.0.0.1:{self.sink.port}/sink/{DELAY_MS}",
                                    "signing": {"scheme": "knock", "secret": {"$env": "CRASH_WEBHOOK_SECRET"}}},
                    # Never resolved (--env development): the worker must not build or need it.
                    "production": {"url": "https://hooks.example.test/in",
                                   "signing": {"scheme": "knock", "secret": {"$env": "CRASH_UNSET_SECRET"}}}}}},
            }, file)

    def enqueue(self, count):
        code, out, err = cli("enqueue", "--config", self.config, "--env", "development", "--channel", "hooks",
                             "--recipient", '{"id":"user-1"}', "--message", "{}", "--data-dir", self.directory,
                             "--count", str(count))
        result = json.loads(out) if code == 0 else {}
        check(f"enqueue stores {count} queued messages and prints their ids",
              result.get("statuses") == {"queued": count} and len(set(result.get("ids", []))) == count,
              f"exit {code}\n{out}{err}")
        return result.get("ids", [])

    def messages(self):
        code, out, err = cli("messages", "--data-dir", self.directory)
        if code != 0:
            raise RuntimeError(f"messages failed with exit {code}: {err}")
        return [json.loads(line) for line in out.splitlines()]

    def start_worker(self, name, *extra):
        """Starts a worker; returns the process and the path of its stderr."""
        stderr_path = os.path.join(self.logs, f"{name}.stderr")
        stdout_path = os.path.join(self.logs, f"{name}.stdout")
        with open(stderr_path, "w") as stderr, open(stdout_path, "w") as stdout:
            process = spawn([BINARY, "worker", "--config", self.config, "--env", "development",
                             "--data-dir", self.directory, "--lease-seconds", str(LEASE_SECONDS), *extra],
                            stdout=stdout, stderr=stderr, env=dict(os.environ, **ENV), cwd=ROOT)
        return process, stdout_path, stderr_path

    def wait_for_progress(self, worker):
        """Waits until STOP_AFTER requests reached the sink and some are in flight; returns the sink log,
        or None if that does not happen within a minute or the worker exits first."""
        def progressed():
            if worker.poll() is not None:
                return "exited"
            log = self.sink.log()
            return log if len(log["received"]) >= STOP_AFTER and log["in_flight"] > 0 else None
        log = wait_until(progressed, timeout=60)
        return log if isinstance(log, dict) else None

    def finish_with_new_worker(self, name):
        """Runs a worker with --exit-when-idle to the end; checks it and returns the final messages."""
        started = time.monotonic()
        worker, stdout_path, stderr_path = self.start_worker(name, "--exit-when-idle")
        try:
            code = worker.wait(timeout=120)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.monotonic() - started
        summary = read_json(stdout_path)
        check(f"a new worker delivers the rest and exits 0 when idle ({elapsed:.1f} s)",
              code == 0 and summary.get("stopped_by") == "idle", f"exit {code}: {read(stderr_path)}")
        return self.messages()

    def close(self):
        self.sink.close()


def read(path):
    with open(path) as file:
        return file.read()


def read_json(path):
    try:
        return json.loads(read(path))
    except ValueError:
        return {}


def owner_of(stderr_path):
    """The worker's lease owner id, from its first stderr line: "worker <owner> (pid N): ..."."""
    first = read(stderr_path).split("\n", 1)[0].split()
    return first[1] if len(first) > 1 and first[0] == "worker" else None


def statuses(messages):
    return dict(collections.Counter(message["status"] for message in messages))


def check_final_state(messages, ids):
    check(f"all {len(ids)} messages are delivered: nothing lost, nothing stuck ({statuses(messages)})",
          len(messages) == len(ids) and {m["id"] for m in messages} == set(ids)
          and all(m["status"] == "delivered" for m in messages), statuses(messages))
    leased = [m["id"] for m in messages if m["lease"] is not None]
    check("no message is left leased", not leased, leased[:5])
    attempts = collections.Counter(m["attempts"] for m in messages)
    check(f"every message has exactly one stored attempt (attempts: {dict(attempts)})",
          set(attempts) == {1}, dict(attempts))


def kill_scenario(scratch):
    print("== SIGKILL while requests are in flight, then a new worker", flush=True)
    scenario = Scenario(scratch, "killed")
    try:
        ids = scenario.enqueue(COUNT)
        worker, _, stderr_path = scenario.start_worker("killed-worker")
        log = scenario.wait_for_progress(worker)
        check("the worker delivers through the sink, several requests at a time", log is not None,
              read(stderr_path))
        if log is None:
            return
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        note(f"killed with {log['in_flight']} request(s) in flight at the sink, {len(log['received'])} received")
        check("SIGKILL ended the worker", worker.returncode == -signal.SIGKILL, worker.returncode)
        time.sleep(0.5)  # let the sink's handlers of the dead connections run out

        received = scenario.sink.log()["received"]
        after_kill = scenario.messages()
        delivered = {m["id"] for m in after_kill if m["status"] == "delivered"}
        leases = {m["id"]: m["lease"]["owner"] for m in after_kill if m["lease"] is not None}
        in_flight = set(received) - delivered  # reached the endpoint, outcome never stored
        note(f"at the kill: {len(delivered)} delivered and stored, {len(in_flight)} sent but not stored, "
             f"{len(leases)} leased")
        check("nothing was lost at the kill: every message is still stored",
              {m["id"] for m in after_kill} == set(ids), len(after_kill))
        check("some but not all messages were delivered before the kill", 0 < len(delivered) < COUNT, len(delivered))
        check("requests were in flight at the kill", in_flight)
        dead_owner = owner_of(stderr_path)
        check("every message sent but not stored is still leased by the dead worker",
              all(leases.get(message_id) == dead_owner for message_id in in_flight),
              f"owner {dead_owner}: {sorted(in_flight - set(leases))[:5]}")
        check("no message stored as delivered is still leased", not delivered & set(leases))

        final = scenario.finish_with_new_worker("takeover-worker")
        check_final_state(final, ids)
        received = scenario.sink.log()["received"]
        counts = collections.Counter(received)
        unreadable = counts.pop(None, 0)
        check("the endpoint received every message at least once", set(ids) <= set(counts),
              sorted(set(ids) - set(counts))[:5])
        check("the endpoint received nothing else", set(counts) <= set(ids) and unreadable == 0,
              f"{unreadable} unreadable, unknown: {sorted(set(counts) - set(ids))[:5]}")
        repeated = {message_id for message_id, count in counts.items() if count > 1}
        duplicates = sum(count - 1 for count in counts.values())
        note(f"{len(received)} requests for {len(ids)} messages: {duplicates} duplicate(s), "
             f"{len(in_flight)} in flight at the kill")
        check(f"duplicates ({duplicates}) are at most the requests in flight at the kill ({len(in_flight)})",
              duplicates <= len(in_flight), duplicates)
        # An attempt frees its concurrency slot once its request is answered, before its outcome's batch is
        # committed: the messages leased but not yet sent each hold a slot, those sent may not.
        unsent = set(leases) - in_flight
        check(f"duplicates are at most the messages leased at the kill ({len(leases)}), and those not sent yet "
              f"({len(unsent)}) at most the channel's concurrency (16)",
              duplicates <= len(leases) and len(unsent) <= 16, len(leases))
        check("exactly the messages in flight at the kill were sent again, once each",
              repeated == in_flight and max(counts.values()) <= 2,
              f"repeated {sorted(repeated)[:5]}, in flight {sorted(in_flight)[:5]}")
    finally:
        scenario.close()


def term_scenario(scratch):
    print("== SIGTERM while requests are in flight, then a new worker", flush=True)
    scenario = Scenario(scratch, "stopped")
    try:
        ids = scenario.enqueue(COUNT)
        worker, stdout_path, stderr_path = scenario.start_worker("stopped-worker")
        log = scenario.wait_for_progress(worker)
        check("the worker delivers through the sink, several requests at a time", log is not None,
              read(stderr_path))
        if log is None:
            return
        started = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        try:
            code = worker.wait(timeout=DRAIN_SECONDS + 10)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.monotonic() - started
        note(f"stopped with {log['in_flight']} request(s) in flight at the sink; exited after {elapsed:.2f} s")
        summary = read_json(stdout_path)
        check("SIGTERM: the worker drains and exits 0 within the drain time",
              code == 0 and elapsed < DRAIN_SECONDS and summary.get("stopped_by") == "SIGTERM",
              f"exit {code} after {elapsed:.1f} s: {read(stderr_path)}")

        received = scenario.sink.log()["received"]
        after_stop = scenario.messages()
        delivered = {m["id"] for m in after_stop if m["status"] == "delivered"}
        note(f"at the stop: {len(delivered)} delivered, {len(received)} requests received")
        check("some but not all messages were delivered before the stop", 0 < len(delivered) < COUNT, len(delivered))
        check("every request it sent was answered and stored as delivered before it exited",
              sorted(received) == sorted(delivered), f"{len(received)} received, {len(delivered)} delivered")
        check("it released every lease", all(m["lease"] is None for m in after_stop))
        untouched = [m for m in after_stop if m["id"] not in delivered]
        check("the rest is still queued and was never attempted",
              all(m["status"] == "queued" and m["attempts"] == 0 for m in untouched), statuses(untouched))

        final = scenario.finish_with_new_worker("restarted-worker")
        check_final_state(final, ids)
        counts = collections.Counter(scenario.sink.log()["received"])
        duplicates = sum(count - 1 for count in counts.values())
        note(f"{sum(counts.values())} requests for {len(ids)} messages: {duplicates} duplicate(s)")
        check("the endpoint received every message exactly once", set(counts) == set(ids) and duplicates == 0,
              f"{duplicates} duplicate(s), missing {sorted(set(ids) - set(counts))[:5]}")
    finally:
        scenario.close()


def peer_scenario(scratch):
    print("== two workers share the data directory; one is killed, the other takes over", flush=True)
    scenario = Scenario(scratch, "shared")
    try:
        ids = scenario.enqueue(COUNT)
        doomed, _, doomed_stderr = scenario.start_worker("doomed-worker")
        survivor, survivor_stdout, survivor_stderr = scenario.start_worker("surviving-worker", "--exit-when-idle")
        log = scenario.wait_for_progress(doomed)
        check("one worker delivers while the other runs beside it", log is not None and survivor.poll() is None, read(doomed_stderr))
        if log is None:
            return
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
        time.sleep(0.5)
        dead_owner = owner_of(doomed_stderr)
        at_kill = scenario.messages()
        dead_leases = {m["id"] for m in at_kill if m["lease"] is not None and m["lease"]["owner"] == dead_owner}
        note(f"killed one worker holding {len(dead_leases)} lease(s); the other holds "
             f"{sum(1 for m in at_kill if m['lease'] is not None) - len(dead_leases)}")
        try:
            code = survivor.wait(timeout=120)
        except subprocess.TimeoutExpired:
            code = None
        check("the surviving worker takes the dead one's messages over and exits 0 when idle",
              code == 0 and read_json(survivor_stdout).get("stopped_by") == "idle", read(survivor_stderr))
        check_final_state(scenario.messages(), ids)
        counts = collections.Counter(scenario.sink.log()["received"])
        repeated = {message_id for message_id, count in counts.items() if count > 1}
        duplicates = sum(count - 1 for count in counts.values())
        note(f"{sum(counts.values())} requests for {len(ids)} messages: {duplicates} duplicate(s)")
        check("the endpoint received every message at least once", set(ids) <= set(counts))
        check("the two workers never sent the same message; only the dead worker's leased messages were repeated",
              repeated <= dead_leases and max(counts.values()) <= 2, sorted(repeated - dead_leases)[:5])
    finally:
        scenario.close()


def trigger_scenario(scratch):
    print("== SIGKILL while triggers are being answered", flush=True)
    data = os.path.join(scratch, "triggers")
    banner_path = os.path.join(scratch, "triggers-banner.txt")
    with open(banner_path, "w") as banner, open(os.path.join(scratch, "triggers-host.log"), "w") as log:
        host = spawn([BINARY, "serve", "--data-dir", data, "--port", "0"], stdout=banner, stderr=log)
    started = wait_until(lambda: "development API key" in read(banner_path), timeout=60)
    check("serve starts on the embedded default", started, read(banner_path))
    if not started:
        return
    text = read(banner_path)
    url = re.search(r"http://127\.0\.0\.1:\d+", text).group(0)
    key = re.search(r"development API key: (\S+)", text).group(1)
    answered = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(number):
        sent = 0
        while not stop.is_set():
            sent += 1
            body = json.dumps({"recipients": [{"id": f"crash-{number}-{sent}"}]}).encode()
            request = urllib.request.Request(
                f"{url}/v1/workflows/welcome/trigger", data=body, method="POST",
                headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    run_id = json.load(response)["workflow_run_id"]
            except Exception:
                return  # the host is gone
            with lock:
                answered.append(run_id)

    clients = [threading.Thread(target=client, args=(number,)) for number in range(TRIGGER_CLIENTS)]
    for thread in clients:
        thread.start()
    wait_until(lambda: len(answered) >= TRIGGER_COUNT, timeout=60)
    host.send_signal(signal.SIGKILL)
    host.wait(timeout=10)
    with lock:
        killed_after = list(answered)
    stop.set()
    for thread in clients:
        thread.join(timeout=15)
    check("SIGKILL ended the host", host.returncode == -signal.SIGKILL, host.returncode)
    check(f"at least {TRIGGER_COUNT} triggers were answered before the kill", len(killed_after) >= TRIGGER_COUNT,
          len(killed_after))
    # SQLite replays the write-ahead log the killed host left, as the next start would.
    database = sqlite3.connect(os.path.join(data, "delivery-host.sqlite3"))
    try:
        stored = {row[0] for row in database.execute("SELECT workflow_run_id FROM workflow_runs")}
    finally:
        database.close()
    missing = set(killed_after) - stored
    note(f"{len(killed_after)} triggers answered before the kill, {len(stored)} workflow runs stored")
    check("every trigger answered before the kill has its run stored", not missing, sorted(missing)[:5])


def main():
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            kill_scenario(scratch)
            term_scenario(scratch)
            peer_scenario(scratch)
            trigger_scenario(scratch)
    finally:
        for process in children:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
