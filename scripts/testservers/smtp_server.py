#!/usr/bin/env python3
"""A local SMTP server for the transport tests, on aiosmtpd (scripts/requirements-test.txt).

Binds 127.0.0.1 on an ephemeral port, prints the port as the first line on stdout, then one JSON
line per accepted message: {"mail_from", "rcpt_tos", "data" (base64 of the message as received,
dot-unstuffed), "login" (the authenticated user or null), "tls" (whether the session was
encrypted)}. Exits when stdin closes, so it never outlives the test process that started it.

Usage: smtp_server.py [--starttls CERT KEY | --implicit-tls CERT KEY] [--auth USER:PASSWORD]
                      [--reject-rcpt ADDRESS]... [--defer-rcpt ADDRESS]... [--reject-data]

  --starttls      offer STARTTLS with that certificate (AUTH is offered only after it)
  --implicit-tls  speak TLS from the first byte (smtps)
  --auth          require AUTH (PLAIN or LOGIN) with this one credential before MAIL
  --reject-rcpt   answer RCPT TO for that address with 550
  --defer-rcpt    answer RCPT TO for that address with 450 (try again later)
  --reject-data   answer every message (the reply after its final dot) with 554
"""

import argparse
import asyncio
import base64
import json
import logging
import os
import socket
import ssl
import sys
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, rejected, deferred=(), reject_data=False):
        self.rejected = {address.lower() for address in rejected}
        self.deferred = {address.lower() for address in deferred}
        self.reject_data = reject_data

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.lower() in self.deferred:
            return "450 4.2.0 <%s>: Recipient address rejected: Greylisted, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reject_data:
            return "554 5.7.1 Message rejected: content refused"
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
            "login": session.auth_data.login.decode() if session.authenticated else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None,
        }
        print(json.dumps(record), flush=True)
        return "250 2.0.0 Ok: queued"


def make_authenticator(credential):
    user, _, password = credential.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        valid = (isinstance(auth_data, LoginPassword)
                 and auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=valid, handled=False, auth_data=auth_data if valid else None)

    return authenticate


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    warnings.simplefilter("ignore")  # aiosmtpd's own deprecations; not ours to fix
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth")
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--defer-rcpt", action="append", default=[])
    parser.add_argument("--reject-data", action="store_true")
    options = parser.parse_args()

    def context(pair):
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(*pair)
        return tls

    handler = Recorder(options.reject_rcpt, options.defer_rcpt, options.reject_data)
    starttls = context(options.starttls) if options.starttls else None
    implicit = context(options.implicit_tls) if options.implicit_tls else None

    def factory():
        return SMTP(
            handler,
            hostname="smtp.test",
            tls_context=starttls,
            auth_required=options.auth is not None,
            auth_require_tls=implicit is None,
            authenticator=make_authenticator(options.auth) if options.auth else None,
        )

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    async def serve():
        server = await asyncio.get_running_loop().create_server(factory, sock=listener, ssl=implicit)
        print(listener.getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(serve())


if __name__ == "__main__":
    main()
