#!/usr/bin/env python3
"""A local HTTP/1.1 server for the transport tests (standard library only).

Binds 127.0.0.1 on an ephemeral port, prints the port as the first line on stdout, and exits
when stdin closes, so it never outlives the test process that started it.

Usage: http_server.py [--tls CERT KEY]

With --tls it serves HTTPS offering only http/1.1 in ALPN (for the "HTTP/2 required" and
certificate verification tests).

Endpoints (every one keeps the connection alive unless said otherwise):
  /echo[?query]         JSON: method, path (with query), headers [[name, value], ...], body (base64)
  /reflect              the request body, as is (application/octet-stream)
  /status/<n>           an empty response with status n
  /delay/<ms>           waits ms milliseconds, then 200 "done"
  /bytes/<n>            n bytes, byte i = i % 251, with Content-Length
  /chunked-bytes/<n>    the same bytes, chunked (no Content-Length)
  /headers              repeated response headers (X-Repeated: one, two, three; Set-Cookie a, b)
  /redirect             302 to /echo
  /connection-id        the client's port: one id per TCP connection
  /stream/<id>/<ms>     a slow body (a byte every 20 ms for ms milliseconds); records whether the
                        client stayed to the end ("completed") or closed the connection ("aborted")
  /stream-state/<id>    "unknown", "running", "completed" or "aborted" for that stream
  /sink/<ms>            records the JSON body's "message_id" (null if none) on arrival, waits ms
                        milliseconds, then 200 "ok" (a webhook endpoint for the delivery tests)
  /sink-log             JSON: "received" (the message ids in arrival order, repeats included),
                        "answered" (those whose 200 was written) and "in_flight" (waiting now)
  /events               records the request (headers, and body as text), then 200 "ok" (status webhooks)
  /events-log           JSON: the requests /events recorded, in arrival order
"""

import base64
import http.server
import json
import os
import ssl
import sys
import threading
import time

STREAM_STATES = {}
EVENTS = []
STREAM_LOCK = threading.Lock()
SINK = {"received": [], "answered": [], "in_flight": 0}
SINK_LOCK = threading.Lock()


def pattern(count):
    return bytes(i % 251 for i in range(count))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DeliveryHostTestServer/1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def handle_expect_100(self):
        # An interim response with a header of its own: clients must not report it as final.
        self.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")
        self.wfile.flush()
        return True

    def read_body(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = bytearray()
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(data)
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(length) if length > 0 else b""

    def send(self, status, body=b"", content_type="text/plain", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        body = self.read_body()
        path, _, _ = self.path.partition("?")
        parts = [part for part in path.split("/") if part]
        name = parts[0] if parts else ""
        if name == "echo":
            document = {
                "method": self.command,
                "path": self.path,
                "headers": [[key, value] for key, value in self.headers.items()],
                "body": base64.b64encode(body).decode("ascii"),
            }
            self.send(200, json.dumps(document).encode(), "application/json")
        elif name == "reflect":
            self.send(200, body, "application/octet-stream")
        elif name == "status":
            self.send(int(parts[1]))
        elif name == "delay":
            time.sleep(int(parts[1]) / 1000)
            self.send(200, b"done")
        elif name == "bytes":
            self.send(200, pattern(int(parts[1])), "application/octet-stream")
        elif name == "chunked-bytes":
            self.send_chunked(pattern(int(parts[1])))
        elif name == "headers":
            headers = [("X-Repeated", "one"), ("Set-Cookie", "a=1"), ("X-Repeated", "two"),
                       ("Set-Cookie", "b=2"), ("X-Repeated", "three")]
            self.send(200, b"headers", headers=headers)
        elif name == "redirect":
            self.send(302, b"moved", headers=[("Location", "/echo")])
        elif name == "connection-id":
            self.send(200, str(self.client_address[1]).encode())
        elif name == "stream":
            self.stream(parts[1], int(parts[2]))
        elif name == "sink":
            self.sink(body, int(parts[1]) if len(parts) > 1 else 0)
        elif name == "events":
            with SINK_LOCK:
                EVENTS.append({"headers": [[k, v] for k, v in self.headers.items()], "body": body.decode("utf-8", "replace")})
            self.send(200, b"ok")
        elif name == "events-log":
            with SINK_LOCK:
                document = json.dumps(EVENTS)
            self.send(200, document.encode(), "application/json")
        elif name == "sink-log":
            with SINK_LOCK:
                document = json.dumps(SINK)
            self.send(200, document.encode(), "application/json")
        elif name == "stream-state":
            with STREAM_LOCK:
                state = STREAM_STATES.get(parts[1], "unknown")
            self.send(200, state.encode())
        else:
            self.send(404, b"no such endpoint")

    def send_chunked(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(data), 65536):
            chunk = data[start:start + 65536]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def sink(self, body, milliseconds):
        try:
            message_id = json.loads(body).get("message_id")
        except (ValueError, AttributeError):
            message_id = None
        with SINK_LOCK:
            SINK["received"].append(message_id)
            SINK["in_flight"] += 1
        try:
            time.sleep(milliseconds / 1000)
            self.send(200, b"ok")
            self.wfile.flush()
            with SINK_LOCK:
                SINK["answered"].append(message_id)
        finally:
            with SINK_LOCK:
                SINK["in_flight"] -= 1

    def stream(self, stream_id, milliseconds):
        with STREAM_LOCK:
            STREAM_STATES[stream_id] = "running"
        count = max(1, milliseconds // 20)
        state = "completed"
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(count))
            self.end_headers()
            self.wfile.flush()
            for _ in range(count):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:
            state = "aborted"
        with STREAM_LOCK:
            STREAM_STATES[stream_id] = state
        if state == "aborted":
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_PURGE = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog: tests open dozens of connections at once
    tls_context = None

    def finish_request(self, request, client_address):
        if self.tls_context is not None:
            try:
                request = self.tls_context.wrap_socket(request, server_side=True)
            except (OSError, ssl.SSLError):
                return  # a client that rejects our certificate: expected in the tests
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # clients that hang up mid-request are part of the tests


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        context.set_alpn_protocols(["http/1.1"])
        server.tls_context = context
    elif len(sys.argv) != 1:
        sys.exit("usage: http_server.py [--tls CERT KEY]")
    print(server.server_address[1], flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
