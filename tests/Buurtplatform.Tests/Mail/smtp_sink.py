"""aiosmtpd handlers for the tests.

FolderSink writes every message it accepts to a folder as NAME.eml. Run with Debian's python3-aiosmtpd:
    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.FolderSink FOLDER [RULE ...]
(with this file's folder on PYTHONPATH). Each file is written under a temporary name and renamed,
so a test never reads half a message.

A RULE makes the server answer one address with a reply of the test's choice, as real servers do:
    "RCPT onbekend@example.nl 550 5.1.1 User unknown"     refuse that recipient
    "DATA spam@example.nl 554 5.7.1 Message refused"      refuse the message once its text is sent
    "MAIL buurtplatform@example.nl 553 5.7.1 Not allowed"  refuse that sender
    "DELAY * 1.5"                                          take 1.5 seconds over each message (a slow server)
"""
import asyncio
import os
import uuid


class FolderSink:
    def __init__(self, folder, *rules):
        self.folder = folder
        self.rules = {}
        for rule in rules:
            stage, address, reply = rule.split(" ", 2)
            self.rules[(stage.upper(), address.lower())] = reply
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) < 1:
            parser.error("FolderSink takes the folder to write messages to, then any rules")
        return cls(*args)

    def _rule(self, stage, address):
        return self.rules.get((stage, (address or "").lower()))

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self._rule("MAIL", address)
        if reply:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._rule("RCPT", address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        delay = self._rule("DELAY", "*")
        if delay:
            await asyncio.sleep(float(delay))
        for address in envelope.rcpt_tos:
            reply = self._rule("DATA", address)
            if reply:
                return reply
        name = uuid.uuid4().hex
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"
