#!/usr/bin/env python3
"""A local HTTP/2 server for the transport tests, on Hypercorn (scripts/requirements-test.txt).

Binds 127.0.0.1 on an ephemeral port, prints the port as the first line on stdout, and exits
when stdin closes, so it never outlives the test process that started it.

Usage: h2_server.py [--tls CERT KEY]

Without --tls it serves cleartext HTTP/1.1 and h2c with prior knowledge; with --tls it serves
HTTPS offering h2 and http/1.1 in ALPN.

Endpoints:
  /echo            JSON: method, path, http_version, headers, body (base64)
  /connection-id[/<ms>]  the client's port (one id per TCP connection), after ms milliseconds
  /delay/<ms>      waits ms milliseconds, then 200 "done"
"""

import asyncio
import base64
import json
import os
import socket
import sys
import threading

from hypercorn.asyncio import serve
from hypercorn.config import Config


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = bytearray()
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    parts = [part for part in scope["path"].split("/") if part]
    name = parts[0] if parts else ""
    status, content = 200, b""
    if name == "echo":
        document = {
            "method": scope["method"],
            "path": scope["path"],
            "http_version": scope["http_version"],
            "headers": [[key.decode(), value.decode()] for key, value in scope["headers"]],
            "body": base64.b64encode(bytes(body)).decode("ascii"),
        }
        content = json.dumps(document).encode()
    elif name == "connection-id":
        if len(parts) > 1:
            await asyncio.sleep(int(parts[1]) / 1000)
        content = str(scope["client"][1]).encode()
    elif name == "delay":
        await asyncio.sleep(int(parts[1]) / 1000)
        content = b"done"
    else:
        status, content = 404, b"no such endpoint"
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(content)).encode())],
    })
    await send({"type": "http.response.body", "body": content})


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    config = Config()
    config.bind = [f"fd://{listener.fileno()}"]
    config.accesslog = None
    config.errorlog = None
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        config.certfile = sys.argv[2]
        config.keyfile = sys.argv[3]
    elif len(sys.argv) != 1:
        sys.exit("usage: h2_server.py [--tls CERT KEY]")
    print(listener.getsockname()[1], flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(serve(app, config))


if __name__ == "__main__":
    main()
