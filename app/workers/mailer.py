"""Sending email: SMTP through aiosmtplib, or the log when no SMTP server is configured."""

import logging
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlparse

import aiosmtplib

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """One message to one recipient."""

    to: str
    subject: str
    body: str
    message_id: str


class Mailer(Protocol):
    """Anything that can send an Email (raises on failure)."""

    async def send(self, email: Email) -> None: ...


class LogMailer:
    """The embedded default: emails are written to the log, so they are still visible."""

    def __init__(self, sender: str) -> None:
        self.sender = sender

    async def send(self, email: Email) -> None:
        log.info("email to %s: %s\n%s", email.to, email.subject, email.body)


class SmtpMailer:
    """SMTP from a URL: smtp://[user:pass@]host[:port][?starttls=true] or smtps://..."""

    def __init__(self, url: str, sender: str, *, timeout: float = 10.0) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in ("smtp", "smtps") or not parsed.hostname:
            raise ValueError("SMTP_URL must look like smtp://host:port or smtps://host:port")
        options = parse_qs(parsed.query)
        self.hostname = parsed.hostname
        self.use_tls = parsed.scheme == "smtps"
        self.port = parsed.port or (465 if self.use_tls else 25)
        self.start_tls = options.get("starttls", ["false"])[0].lower() == "true"
        self.username = unquote(parsed.username) if parsed.username else None
        self.password = unquote(parsed.password) if parsed.password else None
        self.sender = sender
        self.timeout = timeout

    async def send(self, email: Email) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message["Message-ID"] = email.message_id
        message.set_content(email.body)
        await aiosmtplib.send(
            message,
            hostname=self.hostname,
            port=self.port,
            username=self.username,
            password=self.password,
            use_tls=self.use_tls,
            start_tls=self.start_tls,
            timeout=self.timeout,
        )


def make_mailer(smtp_url: str | None, sender: str) -> Mailer:
    """SMTP when configured, otherwise the log."""
    return SmtpMailer(smtp_url, sender) if smtp_url else LogMailer(sender)
