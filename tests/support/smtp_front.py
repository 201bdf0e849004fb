#!/usr/bin/python3
"""A real SMTP server for the e-mail tests (tests/support/DovecotServer): Python's aiosmtpd (Debian
python3-aiosmtpd) on a loopback port, AUTH PLAIN/LOGIN required, each accepted message handed to dovecot-lda for
each recipient's local part. Unknown recipients are refused at RCPT (550), as a real MTA refuses them."""
import argparse
import asyncio
import signal
import ssl
import subprocess

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, lda, users):
        self.lda = lda
        self.users = users

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] not in self.users:
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            done = subprocess.run(self.lda + ["-d", rcpt.split("@")[0], "-f", envelope.mail_from or "MAILER-DAEMON"],
                                  input=envelope.original_content, capture_output=True)
            if done.returncode != 0:
                return "451 4.3.0 delivery to <%s> failed: %s" % (rcpt, done.stdout + done.stderr)
        return "250 2.0.0 delivered"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--users", default="support,customer")
    parser.add_argument("--lda", required=True, help="the dovecot-lda command, its words separated by \\x1f")
    parser.add_argument("--cert", help="PEM certificate: offer STARTTLS and require it before AUTH")
    parser.add_argument("--key", help="the certificate's PEM private key")
    options = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == options.password
        return AuthResult(success=ok)

    handler = Handler(options.lda.split("\x1f"), set(options.users.split(",")))
    tls = {}
    if options.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.cert, options.key)
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(handler, hostname="127.0.0.1", port=options.port, authenticator=authenticate,
                            auth_required=True, auth_require_tls=bool(options.cert), **tls)
    controller.start()
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    controller.stop()


if __name__ == "__main__":
    main()
