"""An aiosmtpd server that requires a sign-in, for the tests (aiosmtpd's command line cannot require AUTH).

    /usr/bin/python3 -m smtp_auth_sink PORT FOLDER USER PASSWORD [CERT.pem KEY.pem]

(with this file's folder on PYTHONPATH). Messages go to FOLDER as smtp_sink.FolderSink writes them; no message
is taken before a successful AUTH.

With CERT and KEY the server offers STARTTLS, requires it before anything else, and offers AUTH only inside TLS,
as a real submission server does. Without them it offers AUTH in clear text: the bait for a client that must
refuse to send its password to a server without STARTTLS.

Every AUTH attempt, successful or not, adds a line "MECHANISM tls=yes|no user=NAME ok=yes|no" to
FOLDER/auth-attempts.txt, so a test can see whether (and how) a password was offered.
"""
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from smtp_sink import FolderSink


def main(port, folder, user, password, cert=None, key=None):
    tls = None
    if cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(cert, key)
    attempts = os.path.join(folder, "auth-attempts.txt")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        login = auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else "?"
        with open(attempts, "a") as f:
            f.write(f"{mechanism} tls={'yes' if session.ssl else 'no'} user={login} ok={'yes' if ok else 'no'}\n")
        return AuthResult(success=ok, handled=False)  # a failure answers "535 5.7.8 Authentication credentials invalid"

    handler = FolderSink(folder)

    def factory():
        return SMTP(handler, tls_context=tls, require_starttls=tls is not None,
                    auth_required=True, auth_require_tls=tls is not None, authenticator=authenticator)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, host="127.0.0.1", port=int(port)))
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    if len(sys.argv) not in (5, 7):
        sys.exit(__doc__)
    main(*sys.argv[1:])
