"""Revocations reach every replica within a second: each process polls the event log for
``api-key.revoked`` (a range scan past the last id it saw, on the primary key), forgets the
key in its authentication cache, and tells its open WebSockets authenticated with that key,
which close with 4403. The log is shared by every replica, so nothing depends on a publish
arriving."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from app.db.models import Event
from app.domain.events import ApiKeyRevoked
from app.services import auth

log = logging.getLogger(__name__)
REMEMBERED = 10_000  # revoked key ids kept in memory (each is also revoked in the database)


class Revocations:
    """The process's view of revoked keys, and who to tell."""

    def __init__(self) -> None:
        self.revoked: dict[int, None] = {}
        self.listeners: list[Callable[[int], None]] = []
        self.last_id: int | None = None

    def is_revoked(self, key_id: int | None) -> bool:
        """Whether a key this process authenticated earlier has been revoked since."""
        return key_id is not None and key_id in self.revoked

    def listen(self, listener: Callable[[int], None]) -> Callable[[], None]:
        """Call ``listener(key_id)`` on each revocation; returns the way to stop."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    async def poll(self) -> int:
        """Take in revocations appended since the last poll; returns how many."""
        if self.last_id is None:
            newest = await Event.all().order_by("-id").only("id").first()
            self.last_id = newest.id if newest is not None else 0
            return 0
        rows = (
            await Event.filter(id__gt=self.last_id)
            .order_by("id")
            .values_list("id", "name", "subject_id")
        )
        found = 0
        for event_id, name, key_id in rows:
            self.last_id = event_id
            if name == ApiKeyRevoked.event_name:
                found += 1
                self._revoke(key_id)
        return found

    def _revoke(self, key_id: int) -> None:
        self.revoked[key_id] = None
        while len(self.revoked) > REMEMBERED:
            self.revoked.pop(next(iter(self.revoked)))
        auth.forget_key(key_id)
        for listener in list(self.listeners):
            try:
                listener(key_id)
            except Exception:
                log.exception("revocation listener failed")

    @contextlib.asynccontextmanager
    async def watching(self, interval: float) -> AsyncIterator[None]:
        """Poll every ``interval`` seconds for as long as the block runs."""
        task = asyncio.create_task(self._loop(interval), name="revocations")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self, interval: float) -> None:
        while True:
            try:
                await self.poll()
            except Exception:
                log.warning("polling for revocations failed; retrying", exc_info=True)
            await asyncio.sleep(interval)


revocations = Revocations()
