"""Notifications: emails through a real SMTP server on loopback, retries with backoff, exactly
one delivery per (event, recipient), deliveries for admins, and the in-app inbox."""

import datetime as dt

from app.db.models import NotificationDelivery
from app.domain.principal import Role
from app.settings import Settings
from app.workers.mailer import Email, LogMailer, SmtpMailer
from app.workers.notifications import NotificationFanout
from app.workers.runner import Workers
from tests.api import make_case, make_template
from tests.smtp import smtp_server
from tests.waiting import eventually

USERS = "{ users { nodes { id email } } }"
DELIVERIES = """
query($status: String) {
  notificationDeliveries(status: $status) {
    totalCount
    nodes { recipient subject status attempts lastError }
  }
}
"""
INBOX = """
query($unread: Boolean) {
  viewer { notifications(unread: $unread) { nodes { id name message readAt case { name } } } }
}
"""
MARK_READ = """
mutation($ids: [ID!]!) {
  notificationMarkRead(input: {ids: $ids}) {
    __typename
    ... on NotificationMarkReadPayload { notifications { readAt } }
    ... on Error { code message }
  }
}
"""


def _workers(smtp_url: str | None, **overrides: object) -> Workers:
    settings = Settings(
        smtp_url=smtp_url,
        public_base_url="https://review.acme.example",
        notify_retry_base_seconds=10,
        notify_max_attempts=4,
        **overrides,
    )
    return Workers(settings)


async def _setup(admin):
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    template = await make_template(admin, notificationEmails=["leads@acme.example"])
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    return reviewer, template, users


async def test_created_and_assigned_cases_are_emailed(admin):
    reviewer, template, users = await _setup(admin)
    case = await make_case(admin, template, assigneeId=users["rev@acme.example"])
    with smtp_server() as (url, smtp):
        workers = _workers(url)
        await workers.run_once()
        await workers.run_once()
    by_recipient = {m["To"]: m for m in smtp.received}
    assert sorted(by_recipient) == ["leads@acme.example", "rev@acme.example"]
    created = by_recipient["leads@acme.example"]
    assert created["Subject"] == "New case KYC-1 (KYC review)"
    assert (
        created.get_payload()
        .strip()
        .endswith(f"Open it: https://review.acme.example/cases/{case['id']}")
    )
    assert by_recipient["rev@acme.example"]["Subject"] == (
        "Case KYC-1 (KYC review) is assigned to you"
    )
    deliveries = (await admin(DELIVERIES))["notificationDeliveries"]
    assert deliveries["totalCount"] == 2
    assert {(d["recipient"], d["status"], d["attempts"]) for d in deliveries["nodes"]} == {
        ("leads@acme.example", "sent", 1),
        ("rev@acme.example", "sent", 1),
    }
    denied = await reviewer.raw(DELIVERIES)
    assert denied["errors"][0]["message"] == "role 'reviewer' may not read deliveries"


async def test_an_outage_delays_email_with_backoff_and_never_loses_it(admin):
    await _setup(admin)
    await make_case(admin, await make_template(admin, "AML", notificationEmails=["x@acme.example"]))
    with smtp_server(refuse_first=2) as (url, smtp):
        workers = _workers(url)
        for consumer in workers.consumers:
            await consumer.drain()
        start = dt.datetime.now(dt.UTC)
        assert await workers.sender.run_once(now=start) == 1
        row = await NotificationDelivery.get(recipient="x@acme.example")
        assert (row.status, row.attempts) == ("pending", 1)
        assert row.last_error == "SMTPDataError: (451, '4.3.0 try again later')"
        assert row.next_attempt_at == start + dt.timedelta(seconds=10)
        # not due yet: nothing is attempted
        assert await workers.sender.run_once(now=start + dt.timedelta(seconds=9)) == 0
        assert await workers.sender.run_once(now=start + dt.timedelta(seconds=10)) == 1
        row = await NotificationDelivery.get(recipient="x@acme.example")
        assert row.next_attempt_at == start + dt.timedelta(seconds=30)  # +20 s: doubled
        assert await workers.sender.run_once(now=start + dt.timedelta(seconds=30)) == 1
    row = await NotificationDelivery.get(recipient="x@acme.example")
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, None)
    assert [m["To"] for m in smtp.received] == ["x@acme.example"]


async def test_a_delivery_that_keeps_failing_is_marked_failed(admin):
    await make_case(admin, await make_template(admin, notificationEmails=["x@acme.example"]))
    with smtp_server(refuse_first=99) as (url, _smtp):
        workers = _workers(url)
        for consumer in workers.consumers:
            await consumer.drain()
        now = dt.datetime.now(dt.UTC)
        for _ in range(4):
            await workers.sender.run_once(now=now)
            now += dt.timedelta(hours=1)
    failed = (await admin(DELIVERIES, status="failed"))["notificationDeliveries"]["nodes"]
    assert [(d["recipient"], d["attempts"]) for d in failed] == [("x@acme.example", 4)]


async def test_each_event_and_recipient_gets_one_delivery_even_if_fanned_out_twice(admin):
    _reviewer, template, _users = await _setup(admin)
    await make_case(admin, template)
    fanout = NotificationFanout("https://x")
    await fanout.drain()
    # a second consumer instance that forgot its position replays the same events
    await NotificationFanout("https://x").drain()
    assert await NotificationDelivery.all().count() == 1
    await fanout.drain()
    assert await NotificationDelivery.all().count() == 1


async def test_inbox_holds_the_same_events_and_can_be_marked_read(admin):
    reviewer, template, users = await _setup(admin)
    await make_case(admin, template, assigneeId=users["rev@acme.example"])
    await NotificationFanout("https://x").drain()
    inbox = (await reviewer(INBOX))["viewer"]["notifications"]["nodes"]
    assert [(n["name"], n["message"], n["readAt"], n["case"]) for n in inbox] == [
        ("case.assigned", "Case KYC-1 (KYC review) is assigned to you", None, {"name": "KYC-1"})
    ]
    before = dt.datetime.now(dt.UTC)
    marked = await reviewer(MARK_READ, ids=[inbox[0]["id"]])
    after = dt.datetime.now(dt.UTC)
    [read] = marked["notificationMarkRead"]["notifications"]
    assert before <= dt.datetime.fromisoformat(read["readAt"]) <= after
    assert (await reviewer(INBOX, unread=True))["viewer"]["notifications"]["nodes"] == []
    assert (await admin(INBOX))["viewer"]["notifications"]["nodes"] == []
    # another user's entry is as absent as a made-up one: nothing about other inboxes leaks
    foreign = await admin(MARK_READ, ids=[inbox[0]["id"]])
    made_up = await admin(MARK_READ, ids=["Tm90aWZpY2F0aW9uOjk5OTk5"])  # Notification:99999
    assert foreign["notificationMarkRead"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": "ids.0: Notification not found",
    }
    assert made_up["notificationMarkRead"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": "ids.0: Notification not found",
    }


async def test_the_background_workers_send_without_being_asked(admin):
    await make_case(admin, await make_template(admin, notificationEmails=["bg@acme.example"]))
    with smtp_server() as (url, smtp):
        # one pass fans the event out and sends; the next is far off, so the workers are
        # stopped between passes, never in the middle of a database write
        workers = _workers(url, worker_poll_seconds=60)
        workers.start()
        try:
            await eventually(_sent, what="the delivery recorded as sent")
        finally:
            await workers.stop()
    assert [m["To"] for m in smtp.received] == ["bg@acme.example"]


async def _sent() -> bool:
    return await NotificationDelivery.filter(status="sent").exists()


async def test_without_smtp_emails_go_to_the_log(caplog):
    caplog.set_level("INFO", logger="app.workers.mailer")
    await LogMailer("casegraph@localhost").send(Email("a@b.example", "Hi", "Body", "<m@x>"))
    assert caplog.messages == ["email to a@b.example: Hi\nBody"]


def test_smtp_urls():
    mailer = SmtpMailer("smtps://u%40x:p%3Aw@mail.example:2465", "from@x")
    assert (mailer.hostname, mailer.port, mailer.use_tls, mailer.start_tls) == (
        "mail.example",
        2465,
        True,
        False,
    )
    assert (mailer.username, mailer.password) == ("u@x", "p:w")
    plain = SmtpMailer("smtp://mail.example?starttls=true", "from@x")
    assert (plain.port, plain.start_tls, plain.username) == (25, True, None)
